import type { Role } from './roles.ts';

/**
 * Every permission and the roles that hold it. Routes name one of these (or a special one below);
 * the committed route → permission table (docs/route-permissions.md) shows the result, and a diff of it
 * is a permission change to review as one.
 *
 * Special permissions:
 * - `public`: anyone, no login (public pages and forms).
 * - `self`: any signed-in account, even before its second factor (its own session, MFA enrolment).
 * - `internal`: the local control channel (a secret in DATA_DIR), never a browser.
 */
export const PERMISSIONS = {
  'tenant.profile.read': ['municipal_admin'],
  'tenant.profile.update': ['municipal_admin'],
  'accounts.read': ['municipal_admin', 'national'],
  'accounts.manage': ['municipal_admin', 'national'],
  'audit.search': ['municipal_admin', 'national'],
  'outbox.read': ['municipal_admin', 'national'],
  // Directory of places (issue 4). Labour staff keep the participation opportunities; publishing needs
  // a second person (enforced per entry), so only roles that review hold places.review.
  'places.read': ['municipal_admin', 'consultation', 'labour'],
  'places.manage': ['municipal_admin', 'consultation', 'labour'],
  'places.review': ['municipal_admin', 'consultation'],
  'places.import': ['municipal_admin', 'consultation'],
  // Reports of harmful "support" businesses (issue 10). Triage by consumer-affairs / welfare staff and
  // administrators; consultation staff may record emergency protection and look operators up;
  // national and prefecture staff see suppressed statistics only.
  'reports.triage': ['report_triage', 'municipal_admin'],
  'reports.protect': ['report_triage', 'municipal_admin', 'consultation'],
  'operators.read': ['report_triage', 'municipal_admin', 'consultation'],
  'operators.manage': ['report_triage', 'municipal_admin'],
  'reports.statistics': ['national', 'prefecture', 'municipal_admin', 'report_triage'],
  // Consultation and support records (issue 6). Case content is for the people doing the support:
  // consultation staff (相談支援員) read and write every case of their tenant; labour staff (就労支援担当)
  // hold the same read/write permissions, but the service shows them a case only while the person's
  // consent to labour collaboration is in force (support.access.ts, accessTo/visibleTo), so the
  // permission alone never opens a case. Managing the record itself (creating, merging, recording
  // consent, importing) stays with consultation staff: labour staff must not record the consent that
  // lets them in. Municipal administrators manage accounts and settings and do NOT read case content
  // (要配慮個人情報: the fewer readers the better; a disclosure request or audit goes through the audit
  // log, which holds ids only). Anonymous consultations are answered by consultation staff only.
  'consultations.respond': ['consultation'],
  'support.read': ['consultation', 'labour'],
  'support.write': ['consultation', 'labour'],
  'support.manage': ['consultation'],
  // Events and registrations (issue 5). Municipal staff manage every event of their tenant; family
  // association accounts only the events of the organisers they are members of (events.organisers.ts,
  // managedOrganiserIds). Registrants' contacts are shown to the people running the event.
  'events.manage': ['municipal_admin', 'consultation', 'family_association'],
  // Who organises events in the tenant and which accounts act for a family association: administrators.
  'events.organisers.manage': ['municipal_admin'],
  // Agencies, referrals, conferences and the person's rights (issue 7). Agencies are listed to the staff
  // who refer or plan with them; partner-agency members see only referrals sent to their own agency
  // (the shared summary, while its lawful basis is in force) and conferences they are members of
  // (支援会議: after acknowledging confidentiality). Disclosure, correction and the access report are
  // handled by consultation staff (they hold the record); retention is set by the administrator, whose
  // purge report names ids and counts only.
  'agencies.read': ['consultation', 'labour', 'municipal_admin'],
  'agencies.manage': ['consultation', 'municipal_admin'],
  'referrals.send': ['consultation'],
  'referrals.receive': ['agency_member'],
  'conferences.attend': ['consultation', 'labour', 'agency_member'],
  'conferences.manage': ['consultation'],
  'rights.handle': ['consultation'],
  'retention.manage': ['municipal_admin'],
  // Transport-cost subsidy (issue 8). Consultation staff and administrators take applications at the
  // counter, check identity and residency, decide (交付決定, the decider is recorded) and enter monthly
  // claims; administrators and finance confirm the amount (額の確定). Finance reads bank details in
  // clear (every such read is audited); everyone else sees them masked. Programme settings: administrators.
  'subsidies.read': ['municipal_admin', 'consultation', 'finance'],
  'subsidies.review': ['municipal_admin', 'consultation'],
  'subsidies.decide': ['municipal_admin', 'consultation'],
  'subsidies.confirm': ['municipal_admin', 'finance'],
  'subsidies.manage': ['municipal_admin'],
  'subsidies.bank': ['finance'],
  // Payments and the budget ledger (issue 9). Only finance builds, approves and exports batches and sees
  // payees' bank details (the four-eyes rule between approver and exporter is enforced per batch);
  // municipal administrators read the ledger.
  'payments.manage': ['finance'],
  'ledger.read': ['finance', 'municipal_admin'],
  // Peer supporters (issue 9). Consultation staff coordinate supporters (registry, shifts, claim
  // approval; lived experience is shown only to each supporter's own coordinator, in the service);
  // peer supporters see and record their own shifts, activities and claims. Bank details are unmasked
  // only under payments.manage (finance).
  'peers.manage': ['consultation', 'municipal_admin'],
  'peers.self': ['peer_supporter'],
  // Training (issue 9): staff run courses and record completion; the administrator sets which courses a
  // role requires before it is granted; every tenant account reads its own training record.
  'training.manage': ['municipal_admin', 'consultation'],
  'training.rules': ['municipal_admin'],
  // Model cases (issue 17, decision 0017). A municipality's administrator or a family association (for
  // the municipality it serves) writes a case; a prefecture writes one for a municipality of its own and
  // reviews its municipalities' cases; national staff publish. Published cases are public; staff of any
  // municipality ask the author a question, which the author's staff answer (cases.author).
  'cases.read': ['municipal_admin', 'consultation', 'labour', 'family_association', 'prefecture', 'national'],
  'cases.author': ['municipal_admin', 'family_association', 'prefecture'],
  'cases.review': ['prefecture'],
  'cases.publish': ['national'],
  'cases.ask': ['municipal_admin', 'consultation', 'labour'],
  'training.self': [
    'municipal_admin',
    'consultation',
    'labour',
    'finance',
    'peer_supporter',
    'family_association',
    'report_triage',
    'agency_member',
  ],
  // Navigator for job leavers (issue 18): national staff keep the national rule set (a change is a new
  // version with its effective date) and read anonymous page counts; a municipal administrator keeps
  // the town's own windows and schemes. The public pages need no permission (the plan is computed in
  // the browser; answers never reach the server).
  'navigator.rules.manage': ['national'],
  'navigator.usage.read': ['national'],
  'navigator.local.manage': ['municipal_admin'],
  // National and prefectural layer (issue 16). A municipality keeps its annual status return; its
  // prefecture reviews it, enters returns for municipalities that do not use Tsunagari and imports
  // them; national staff read every return. Everyone here sees aggregates only (never person rows):
  // views go through platform/statistics/suppression.ts, except a municipality's own figures.
  'returns.edit': ['municipal_admin'],
  'returns.review': ['prefecture'],
  'returns.read': ['municipal_admin', 'prefecture', 'national'],
  'insights.read': ['municipal_admin', 'prefecture', 'national'],
  'insights.manage': ['national'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
export const SPECIAL_PERMISSIONS = ['public', 'self', 'internal'] as const;
export type RoutePermission = Permission | (typeof SPECIAL_PERMISSIONS)[number];

export function isKnownPermission(name: string): name is RoutePermission {
  return name in PERMISSIONS || (SPECIAL_PERMISSIONS as readonly string[]).includes(name);
}

export function rolesFor(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
