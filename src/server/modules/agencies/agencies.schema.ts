import { z } from 'zod';
import { freeText, IsoDate, requiredText, Version } from '../../platform/http/fields.ts';
import { listResponse } from '../../platform/http/list.ts';
import {
  AGENCY_KINDS,
  CONFERENCE_ITEM_KINDS,
  CONFERENCE_KINDS,
  REFERRAL_STATUSES,
  SHARING_BASES,
} from './agencies.tables.ts';

/** Request/response schemas of agencies, referrals and conferences (issue 7). Inputs are strict. */

export const AgencyKind = z.enum(AGENCY_KINDS);
export const IdParams = z.strictObject({ id: z.uuid() });

export const AgencyInput = z.strictObject({
  kind: AgencyKind,
  name: requiredText(100),
  contact: freeText(200).default(''),
  active: z.boolean().default(true),
});
export const UpdateAgencyBody = z.strictObject({ ...AgencyInput.shape, version: Version });
export const AddMemberBody = z.strictObject({ accountId: z.uuid() });

export const AgencyView = z.object({
  id: z.uuid(),
  kind: AgencyKind,
  name: z.string(),
  contact: z.string(),
  active: z.boolean(),
  members: z.array(z.object({ accountId: z.uuid(), displayName: z.string() })),
  version: z.number().int(),
});
export const AgencyList = listResponse(AgencyView);

export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export const SharingBasis = z.enum(SHARING_BASES);

export const SendReferralBody = z.strictObject({
  personId: z.uuid(),
  agencyId: z.uuid(),
  /** What the receiving agency will see: write only what it needs. */
  summary: requiredText(2000),
});
export const ReferralListQuery = z.strictObject({ personId: z.uuid().optional() });
export const ReferralActionBody = z.strictObject({ version: Version, note: freeText(1000).default('') });

const ReferralEvent = z.object({ status: ReferralStatus, byRole: z.string(), at: z.string() });
const AgencyNote = z.object({ status: ReferralStatus, text: z.string(), at: z.string() });

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
export const ReferralList = listResponse(ReferralView);

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
export const Inbox = listResponse(InboxItem).extend({
  agency: z.object({ id: z.uuid(), name: z.string() }),
});
/** The receiving agency's view: the shared summary only, never the record. */
export const SharedReferral = InboxItem.extend({
  summary: z.string(),
  agencyNotes: z.array(AgencyNote),
  events: z.array(ReferralEvent),
});

export const ConferenceKind = z.enum(CONFERENCE_KINDS);
export const CreateConferenceBody = z.strictObject({
  kind: ConferenceKind,
  title: requiredText(120),
  heldOn: IsoDate,
  personIds: z.array(z.uuid()).max(20).default([]),
  agenda: freeText(4000).default(''),
  /** Accounts of the tenant taking part (the creator is added). */
  memberAccountIds: z.array(z.uuid()).max(50).default([]),
  /** The creator acknowledges the duty of confidentiality (needed before access to a 支援会議). */
  acknowledge: z.boolean().default(false),
});
export const MinutesBody = z.strictObject({ version: Version, minutes: freeText(20000) });
export const ConferenceItemKind = z.enum(CONFERENCE_ITEM_KINDS);
export const AddItemBody = z.strictObject({
  kind: ConferenceItemKind,
  personId: z.uuid().nullable().default(null),
  text: requiredText(4000),
  ownerLabel: freeText(100).default(''),
  ownerAgencyId: z.uuid().nullable().default(null),
  due: IsoDate.nullable().default(null),
  /** Decisions and shares: the agency the information may go to. */
  agencyId: z.uuid().nullable().default(null),
  /** Decisions and shares naming an agency: what may go to it (required then). */
  scope: freeText(1000).default(''),
});
export const AddPersonBody = z.strictObject({ personId: z.uuid() });
export const AddParticipantBody = z.strictObject({ accountId: z.uuid() });
/** Accounts of the tenant who may take part: staff (agency null) and agency members. */
export const ConferenceCandidates = z.object({
  items: z.array(
    z.object({ accountId: z.uuid(), displayName: z.string(), agencyName: z.string().nullable() }),
  ),
});
export const MinutesVersions = z.object({
  items: z.array(
    z.object({ n: z.number().int(), minutes: z.string(), savedAt: z.string(), savedByName: z.string() }),
  ),
});

export const ConferenceSummary = z.object({
  id: z.uuid(),
  kind: ConferenceKind,
  title: z.string(),
  heldOn: z.string(),
  acknowledged: z.boolean(),
  memberCount: z.number().int(),
});
export const ConferenceList = listResponse(ConferenceSummary);
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
export type ConferenceDetail = z.infer<typeof ConferenceDetail>;
