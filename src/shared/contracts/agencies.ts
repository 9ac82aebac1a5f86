import { z } from 'zod';
import { listResponse } from './list.ts';

/**
 * Agencies, referrals and conferences (issue 7) as the web reads them: the enums and the response
 * shapes (JSON: dates and instants are strings). Request bodies stay in
 * src/server/modules/agencies/agencies.schema.ts (they use the server's text rules).
 */

export const AGENCY_KINDS = [
  'welfare',
  'labour',
  'health',
  'school',
  'hello_work',
  'npo',
  'family_association',
  'hikikomori_center',
  'other',
] as const;
export const REFERRAL_STATUSES = [
  'requested',
  'accepted',
  'declined',
  'in_progress',
  'completed',
  'withdrawn',
] as const;
export const SHARING_BASES = ['consent', 'support_conference'] as const;
export const CONFERENCE_KINDS = ['support_conference', 'multilayer'] as const;
export const CONFERENCE_ITEM_KINDS = ['decision', 'action', 'material', 'share'] as const;

export const AgencyKind = z.enum(AGENCY_KINDS);
export type AgencyKind = z.infer<typeof AgencyKind>;

export const AgencyView = z.object({
  id: z.uuid(),
  kind: AgencyKind,
  name: z.string(),
  contact: z.string(),
  active: z.boolean(),
  members: z.array(z.object({ accountId: z.uuid(), displayName: z.string() })),
  version: z.number().int(),
});
export type AgencyView = z.infer<typeof AgencyView>;

export const AgencyList = listResponse(AgencyView);
export type AgencyList = z.infer<typeof AgencyList>;

export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

export const SharingBasis = z.enum(SHARING_BASES);
export type SharingBasis = z.infer<typeof SharingBasis>;

export const ReferralEvent = z.object({ status: ReferralStatus, byRole: z.string(), at: z.string() });

export const AgencyNote = z.object({ status: ReferralStatus, text: z.string(), at: z.string() });

/** What consultation staff see of a referral. */
export const ReferralView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  status: ReferralStatus,
  basis: SharingBasis,
  /** Whether the basis (consent / conference decision) is still in force today. */
  basisInForce: z.boolean(),
  summary: z.string(),
  agencyNotes: z.array(AgencyNote),
  requestedAt: z.string(),
  events: z.array(ReferralEvent),
  version: z.number().int(),
});
export type ReferralView = z.infer<typeof ReferralView>;

export const ReferralList = listResponse(ReferralView);
export type ReferralList = z.infer<typeof ReferralList>;

/** The receiving agency's inbox row: no content (the summary opens only in the audited detail). */
export const InboxItem = z.object({
  id: z.uuid(),
  /** Who it is about: the nickname only (the name the person gave), nothing of the record. */
  personNickname: z.string(),
  /** The referring worker and how to reach them (a work address). */
  requestedBy: z.object({ displayName: z.string(), email: z.string() }),
  status: ReferralStatus,
  basis: SharingBasis,
  basisInForce: z.boolean(),
  requestedAt: z.string(),
  version: z.number().int(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const Inbox = listResponse(InboxItem).extend({
  agency: z.object({ id: z.uuid(), name: z.string() }),
});
export type Inbox = z.infer<typeof Inbox>;

/** The receiving agency's view: the shared summary only, never the record. */
export const SharedReferral = InboxItem.extend({
  summary: z.string(),
  agencyNotes: z.array(AgencyNote),
  events: z.array(ReferralEvent),
});
export type SharedReferral = z.infer<typeof SharedReferral>;

export const ConferenceKind = z.enum(CONFERENCE_KINDS);
export type ConferenceKind = z.infer<typeof ConferenceKind>;

export const ConferenceItemKind = z.enum(CONFERENCE_ITEM_KINDS);
export type ConferenceItemKind = z.infer<typeof ConferenceItemKind>;

/** Accounts of the tenant who may take part: staff (agency null) and agency members. */
export const ConferenceCandidates = z.object({
  items: z.array(
    z.object({ accountId: z.uuid(), displayName: z.string(), agencyName: z.string().nullable() }),
  ),
});
export type ConferenceCandidates = z.infer<typeof ConferenceCandidates>;

export const MinutesVersions = z.object({
  items: z.array(
    z.object({ n: z.number().int(), minutes: z.string(), savedAt: z.string(), savedByName: z.string() }),
  ),
});
export type MinutesVersions = z.infer<typeof MinutesVersions>;

export const ConferenceSummary = z.object({
  id: z.uuid(),
  kind: ConferenceKind,
  title: z.string(),
  heldOn: z.string(),
  acknowledged: z.boolean(),
  memberCount: z.number().int(),
});
export type ConferenceSummary = z.infer<typeof ConferenceSummary>;

export const ConferenceList = listResponse(ConferenceSummary);
export type ConferenceList = z.infer<typeof ConferenceList>;

export const ConferenceItemView = z.object({
  id: z.uuid(),
  kind: ConferenceItemKind,
  personId: z.uuid().nullable(),
  text: z.string(),
  ownerLabel: z.string(),
  ownerAgencyId: z.uuid().nullable(),
  due: z.string().nullable(),
  agencyId: z.uuid().nullable(),
  agencyName: z.string().nullable(),
  basis: SharingBasis.nullable(),
  scope: z.string(),
  createdAt: z.string(),
});
export type ConferenceItemView = z.infer<typeof ConferenceItemView>;

export const ConferenceDetail = z.object({
  id: z.uuid(),
  kind: ConferenceKind,
  title: z.string(),
  heldOn: z.string(),
  personIds: z.array(z.uuid()),
  /** The persons on the agenda, by the nickname they gave (the page adds the honorific). */
  persons: z.array(z.object({ id: z.uuid(), nickname: z.string() })),
  agenda: z.string(),
  minutes: z.string(),
  /** How many saved versions of the minutes there are (earlier ones at …/minutes/versions). */
  minutesVersions: z.number().int(),
  members: z.array(
    z.object({
      accountId: z.uuid(),
      displayName: z.string(),
      agencyName: z.string().nullable(),
      /** Municipal staff taking part (no agency). */
      internal: z.boolean(),
      acknowledged: z.boolean(),
    }),
  ),
  items: z.array(ConferenceItemView),
  version: z.number().int(),
});

export const ConferenceMaterials = z.object({
  minutes: z.string(),
  materials: z.array(ConferenceItemView),
});
export type ConferenceMaterials = z.infer<typeof ConferenceMaterials>;
export type ConferenceDetail = z.infer<typeof ConferenceDetail>;
