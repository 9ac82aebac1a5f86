import { z } from 'zod';
import * as recordChoices from '../support-records.ts';
import { listResponse } from './list.ts';

/**
 * What the support record's staff API answers (issue 6; src/server/modules/support): the shapes the
 * server's routes declare as responses and the web reads, and the choices they are made of. Request
 * bodies stay in support.schema.ts, where the server's field rules (text normalisation, messages)
 * apply. Dates are `YYYY-MM-DD` strings and instants ISO strings: this is the JSON, not the rows.
 */

/** A page of a list: the items, how many there are in all, and the cursor of the next page. */

export const PERSON_STATUSES = ['active', 'closed', 'merged'] as const;
export const CONSENT_METHODS = [
  'signed_form',
  'verbal_in_person',
  'verbal_phone',
  'online',
  'via_family',
  'other',
] as const;
export const MEASURE_KINDS = ['who5', 'ucla3', 'hq25', 'participation_ladder', 'gas'] as const;

export const AgeGroup = z.enum(recordChoices.AGE_GROUPS);

export const PersonStatus = z.enum(PERSON_STATUSES);

export const Relationship = z.enum(recordChoices.FAMILY_RELATIONSHIPS);

export const ContactType = z.enum(recordChoices.NOTE_CONTACT_TYPES);

export const ConsentPurpose = z.enum(recordChoices.CONSENT_PURPOSES);

export const ConsentRecipient = z.enum(recordChoices.CONSENT_RECIPIENTS);

export const ConsentStatus = z.enum(recordChoices.CONSENT_STATUSES);

export const ConsentMethod = z.enum(CONSENT_METHODS);

export const MeasureKind = z.enum(MEASURE_KINDS);

/** Roles that can be named as readers of a sensitive note (roles that hold support.read). */
export const ReaderRole = z.enum(['consultation', 'labour']);

export const Urgency = z.enum(['none', 'watch', 'urgent', 'emergency']);

export const Participant = z.enum(recordChoices.SUPPORT_PARTIES);

export const ActionOwner = z.enum(recordChoices.SUPPORT_PARTIES);

export const ContactChannel = z.enum(recordChoices.CONTACT_CHANNELS);

export const AuditPersonLookup = listResponse(
  z.object({ id: z.uuid(), nickname: z.string(), status: z.string() }),
);

const ContactPreferencesView = z.object({
  channels: z.array(ContactChannel),
  avoid: z.array(ContactChannel),
  pace: z.string(),
  noHomeVisits: z.boolean(),
  times: z.string(),
  note: z.string(),
});

export const PersonSummary = z.object({
  id: z.uuid(),
  nickname: z.string(),
  ageGroup: AgeGroup,
  familyOnly: z.boolean(),
  status: PersonStatus,
  leadWorkerId: z.uuid().nullable(),
  urgency: Urgency.nullable(),
  lastContactAt: z.string().nullable(),
  /** Whole days since the last recorded contact (null: none yet). */
  daysSinceContact: z.number().int().nullable(),
  nextReviewOn: z.string().nullable(),
  nextContactOn: z.string().nullable(),
  contactPreferences: ContactPreferencesView,
});

export type PersonSummary = z.infer<typeof PersonSummary>;

export const PersonList = listResponse(PersonSummary);

export const SearchCandidate = PersonSummary.extend({
  matchedOn: z.array(z.enum(['nickname', 'realName', 'realNameKana', 'birthDate', 'phone'])),
});
export type SearchCandidate = z.infer<typeof SearchCandidate>;

export const SearchResult = z.object({ items: z.array(SearchCandidate) });

export const FamilyMemberView = z.object({
  id: z.uuid(),
  relationship: Relationship,
  age: z.number().int().nullable(),
  livesTogether: z.boolean(),
  isMainContact: z.boolean(),
  name: z.string(),
  contact: z.string(),
  note: z.string(),
  version: z.number().int(),
});
export type FamilyMemberView = z.infer<typeof FamilyMemberView>;

export const ConsentView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  purpose: ConsentPurpose,
  recipient: ConsentRecipient,
  recipientName: z.string(),
  recipientAgencyId: z.string().nullable(),
  status: ConsentStatus,
  decidedOn: z.string(),
  expiresOn: z.string().nullable(),
  method: ConsentMethod,
  decidedBy: z.enum(['person', 'family_member', 'guardian']),
  supersedes: z.uuid().nullable(),
  note: z.string(),
  recordedBy: z.uuid(),
  recordedAt: z.string(),
});

export type ConsentView = z.infer<typeof ConsentView>;

/** The consent in force per purpose and recipient (latest record; `expired` when past its date). */
export const EffectiveConsent = z.object({
  purpose: ConsentPurpose,
  recipient: ConsentRecipient,
  recipientName: z.string(),
  recipientAgencyId: z.string().nullable(),
  status: ConsentStatus,
  since: z.string(),
  expiresOn: z.string().nullable(),
  recordId: z.uuid(),
});
export type EffectiveConsent = z.infer<typeof EffectiveConsent>;

export const PersonDetail = PersonSummary.extend({
  realName: z.string().nullable(),
  realNameKana: z.string().nullable(),
  birthDate: z.string().nullable(),
  contact: z
    .object({ phone: z.string(), email: z.string(), address: z.string(), note: z.string() })
    .nullable(),
  mergedIds: z.array(z.uuid()),
  mergedInto: z.uuid().nullable(),
  family: z.array(FamilyMemberView),
  household: z.object({
    /** People living together, the person included (when known). */
    size: z.number().int(),
    /** A parent aged 80 or over living with a person in their 40s–60s (8050). */
    eightyFifty: z.boolean(),
  }),
  consents: z.array(EffectiveConsent),
  /** What the signed-in account may do here: labour staff see the case through a consent only. */
  access: z.object({ via: z.enum(['consultation', 'labour_consent']), canManage: z.boolean() }),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type PersonDetail = z.infer<typeof PersonDetail>;

export const ConsentList = z.object({
  effective: z.array(EffectiveConsent),
  /** Newest first; `recordedByName` is the display name of the account that recorded it. */
  records: z.array(ConsentView.extend({ recordedByName: z.string() })),
});
export type ConsentList = z.infer<typeof ConsentList>;

const VersionMeta = z.object({ version: z.number().int(), authorAccountId: z.uuid(), createdAt: z.string() });

export const IntakeView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  version: z.number().int(),
  latestVersion: z.number().int(),
  content: z.unknown(),
  authorAccountId: z.uuid(),
  createdAt: z.string(),
  versions: z.array(VersionMeta),
});
export type IntakeView = z.infer<typeof IntakeView>;

export const IntakeList = z.object({ items: z.array(IntakeView) });

export const PlanView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  version: z.number().int(),
  latestVersion: z.number().int(),
  status: z.enum(['active', 'ended']),
  reviewOn: z.string(),
  /** PlanContent with goal and action ids filled in. */
  content: z.unknown(),
  authorAccountId: z.uuid(),
  createdAt: z.string(),
  versions: z.array(VersionMeta),
});
export type PlanView = z.infer<typeof PlanView>;

export const PlanList = z.object({ items: z.array(PlanView) });

/** A plain-language plan for the person to keep (the web page prints it). */
export const PrintablePlan = z.object({
  title: z.string(),
  municipalityName: z.string(),
  nickname: z.string(),
  madeOn: z.string(),
  sections: z.array(z.object({ heading: z.string(), lines: z.array(z.string()) })),
  reviewOn: z.string(),
  footer: z.array(z.string()),
});
export type PrintablePlan = z.infer<typeof PrintablePlan>;

export const MatchItem = z.object({
  placeId: z.uuid(),
  name: z.string(),
  kind: z.string(),
  municipalityName: z.string(),
  address: z.string(),
  delivery: z.string(),
  score: z.number(),
  /** Why it was suggested, in words staff can read out to the person. */
  reasons: z.array(z.object({ ja: z.string(), en: z.string() })),
});
export type MatchItem = z.infer<typeof MatchItem>;

export const MatchList = z.object({ items: z.array(MatchItem) });

export const NoteView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  version: z.number().int(),
  contactType: ContactType,
  occurredAt: z.string(),
  durationMinutes: z.number().int().nullable(),
  participants: z.array(z.string()),
  text: z.string(),
  sensitive: z.boolean(),
  readableBy: z.array(z.string()),
  authorAccountId: z.uuid(),
  createdAt: z.string(),
});

export type NoteView = z.infer<typeof NoteView>;

export const NoteHistory = NoteView.extend({ versions: z.array(NoteView) });

/** The head of every 帳票: who made it, when, for which municipality, about whom (issue 22). */
const PrintHead = {
  municipalityName: z.string(),
  /** When the print view was made (ISO instant): the page shows it in the staff date format. */
  preparedAt: z.string(),
  /** Display name of the signed-in account that opened it. */
  preparedBy: z.string(),
  nickname: z.string(),
  ageGroup: AgeGroup,
  status: PersonStatus,
  leadWorkerName: z.string().nullable(),
};

/** 記録の概要: the case file as the reader may read it (no identity fields: they stay on screen). */
export const CaseFilePrint = z.object({
  ...PrintHead,
  urgency: Urgency.nullable(),
  nextReviewOn: z.string().nullable(),
  nextContactOn: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  consents: z.array(EffectiveConsent),
  /** The current active plan (the newest), its goals in the person's own words. */
  plan: z
    .object({
      createdAt: z.string(),
      reviewOn: z.string(),
      personWords: z.string(),
      goals: z.array(z.string()),
    })
    .nullable(),
  /** The newest intake, summarised: 相談経路, 主訴, wishes, issues, urgency. */
  intake: z
    .object({
      createdAt: z.string(),
      referralWho: z.string(),
      referralHow: z.string(),
      referralOn: z.string().nullable(),
      mainConcern: z.string(),
      mainConcernWhose: z.string(),
      personWishes: z.string(),
      familyWishes: z.string(),
      supportIssues: z.string(),
      urgency: Urgency,
      urgencyReason: z.string(),
    })
    .nullable(),
});

export type CaseFilePrint = z.infer<typeof CaseFilePrint>;

/** Most notes one 経過記録 print holds; a longer period is printed in parts. */
export const NOTES_PRINT_MAX = 500;

/** 経過記録: the notes the reader may read in a period, oldest first. */
export const NotesPrint = z.object({
  ...PrintHead,
  from: z.string(),
  to: z.string(),
  items: z.array(
    NoteView.pick({
      id: true,
      contactType: true,
      occurredAt: true,
      durationMinutes: true,
      participants: true,
      text: true,
      sensitive: true,
      readableBy: true,
      version: true,
    }).extend({ authorName: z.string() }),
  ),
  /** More notes than NOTES_PRINT_MAX in the period: only the first ones are listed. */
  truncated: z.boolean(),
});

export type NotesPrint = z.infer<typeof NotesPrint>;

export const Timeline = listResponse(NoteView);

export const MeasureView = z.object({
  id: z.uuid(),
  kind: MeasureKind,
  takenOn: z.string(),
  score: z.number(),
  /** WHO-5 ≤ 50 (poor wellbeing); HQ-25 ≥ 42 (screening only, not a diagnosis). */
  flagged: z.boolean(),
  details: z.record(z.string(), z.unknown()),
  planId: z.uuid().nullable(),
  replaces: z.uuid().nullable(),
  recordedBy: z.uuid(),
  recordedAt: z.string(),
});
export type MeasureView = z.infer<typeof MeasureView>;

export const MeasureList = z.object({
  items: z.array(MeasureView),
  /** Per kind, in date order: the per-person chart of change. Replaced measures are left out. */
  series: z.record(
    z.string(),
    z.array(z.object({ takenOn: z.string(), score: z.number(), flagged: z.boolean() })),
  ),
});
export type MeasureList = z.infer<typeof MeasureList>;

export const Instruments = z.object({
  who5: z.object({
    items: z.array(z.string()),
    choices: z.array(z.object({ value: z.number(), label: z.string() })),
    cutoff: z.number(),
  }),
  ucla3: z.object({
    items: z.array(z.string()),
    choices: z.array(z.object({ value: z.number(), label: z.string() })),
  }),
  hq25: z.object({
    cutoff: z.number(),
    subscales: z.record(z.string(), z.object({ label: z.string(), max: z.number() })),
  }),
  participationLadder: z.array(z.object({ level: z.number(), ja: z.string(), en: z.string() })),
  gas: z.object({ levels: z.array(z.number()), rho: z.number() }),
});
export type Instruments = z.infer<typeof Instruments>;

export const Caseload = z.object({
  myCases: z.array(PersonSummary),
  reviewsDue: z.array(PersonSummary),
  longGaps: z.array(PersonSummary),
  unansweredConsultations: z.object({
    count: z.number().int(),
    oldest: z.array(
      z.object({
        id: z.uuid(),
        awaitingReplySince: z.string().nullable(),
        unansweredHours: z.number().nullable(),
      }),
    ),
  }),
});
export type Caseload = z.infer<typeof Caseload>;

export const ImportView = z.object({
  id: z.uuid(),
  status: z.enum(['previewed', 'applied']),
  encoding: z.string(),
  rowCount: z.number().int(),
  /** Every row's problems: row (1 = first data row), column (header name), reason. */
  problems: z.array(
    z.object({ row: z.number().int(), column: z.string(), code: z.string(), reason: z.string() }),
  ),
  /** What confirming would do (or did). */
  plan: z.object({
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    invalid: z.number().int(),
  }),
  preview: z.array(
    z.object({
      row: z.number().int(),
      externalId: z.string(),
      nickname: z.string(),
      action: z.enum(['create', 'update', 'unchanged', 'invalid']),
    }),
  ),
  result: z
    .object({
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      skipped: z.number().int(),
    })
    .nullable(),
});
export type ImportView = z.infer<typeof ImportView>;
