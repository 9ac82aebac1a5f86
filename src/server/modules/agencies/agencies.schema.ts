import { z } from 'zod';
import { AgencyKind, ConferenceItemKind, ConferenceKind } from '../../../shared/contracts/agencies.ts';
import { freeText, IsoDate, requiredText, Version } from '../../platform/http/fields.ts';

/**
 * What only the server reads of agencies, referrals and conferences (issue 7): request bodies (strict),
 * params and queries. The responses and enums the web also reads are in src/shared/contracts/agencies.ts.
 */

export const IdParams = z.strictObject({ id: z.uuid() });

export const AgencyInput = z.strictObject({
  kind: AgencyKind,
  name: requiredText(100),
  contact: freeText(200).default(''),
  active: z.boolean().default(true),
});
export const UpdateAgencyBody = z.strictObject({ ...AgencyInput.shape, version: Version });
export const AddMemberBody = z.strictObject({ accountId: z.uuid() });

export const SendReferralBody = z.strictObject({
  personId: z.uuid(),
  agencyId: z.uuid(),
  /** What the receiving agency will see: write only what it needs. */
  summary: requiredText(2000),
});
export const ReferralListQuery = z.strictObject({ personId: z.uuid().optional() });
export const ReferralActionBody = z.strictObject({ version: Version, note: freeText(1000).default('') });

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
