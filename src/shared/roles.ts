/**
 * The Contract's roles. Each account belongs to one scope: the nation, a prefecture, or one tenant
 * (a municipality or a prefecture's ひきこもり地域支援センター), and holds roles valid for that scope.
 */
export const ROLES = [
  'national',
  'prefecture',
  'municipal_admin',
  'consultation',
  'labour',
  'finance',
  'peer_supporter',
  'family_association',
  'report_triage',
  'agency_member',
] as const;
export type Role = (typeof ROLES)[number];

export type ScopeKind = 'national' | 'prefecture' | 'tenant';

/** Which scope a role lives in: national staff see aggregates only, prefecture staff their prefecture's. */
export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  national: 'national',
  prefecture: 'prefecture',
  municipal_admin: 'tenant',
  consultation: 'tenant',
  labour: 'tenant',
  finance: 'tenant',
  peer_supporter: 'tenant',
  family_association: 'tenant',
  report_triage: 'tenant',
  agency_member: 'tenant',
};

/**
 * Roles that read other people's personal data: MFA is required for them (configurable per tenant).
 * Family associations run events and read their registrants' phone, e-mail and needs (issue 19).
 * Peer supporters see only their own record, shifts and the notes they wrote themselves.
 */
export const ROLES_READING_PERSONAL_DATA: readonly Role[] = [
  'municipal_admin',
  'consultation',
  'labour',
  'finance',
  'report_triage',
  'agency_member',
  'family_association',
];

export const ROLE_LABELS: Record<Role, { ja: string; en: string }> = {
  national: { ja: '国', en: 'National' },
  prefecture: { ja: '都道府県', en: 'Prefecture' },
  municipal_admin: { ja: '自治体管理者', en: 'Municipal administrator' },
  consultation: { ja: '相談支援員', en: 'Consultation staff' },
  labour: { ja: '就労支援担当', en: 'Labour-department staff' },
  finance: { ja: '会計担当', en: 'Finance' },
  peer_supporter: { ja: 'ピアサポーター', en: 'Peer supporter' },
  family_association: { ja: '家族会', en: 'Family association' },
  report_triage: { ja: '消費生活・福祉窓口', en: 'Report triage' },
  agency_member: { ja: '関係機関', en: 'Partner agency member' },
};
