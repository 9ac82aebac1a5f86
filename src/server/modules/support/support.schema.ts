import { z } from 'zod';
import * as recordChoices from '../../../shared/support-records.ts';
import { CHOSEN_PATHS, GOAL_WORDS_OF } from '../../../shared/support-records.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { freeText, IsoDate, requiredText, Version } from '../../platform/http/fields.ts';
import { listQueryShape, listResponse } from '../../platform/http/list.ts';
import { M_FIELD } from './support.errors.ts';
import { CONSENT_METHODS, MEASURE_KINDS, PERSON_STATUSES } from './support.tables.ts';

/**
 * Request and response schemas of the support API. Inputs are strict (unknown fields → 400); outputs
 * carry no transforms. Dates are `YYYY-MM-DD`, times ISO 8601. Every versioned edit sends the
 * `version` it started from; a stale one answers 409 `conflict` with `{current, yours}`.
 */

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

// ── person ─────────────────────────────────────────────────────────────────────────────────────

export const ContactChannel = z.enum(recordChoices.CONTACT_CHANNELS);

/** How the person wants to be contacted: shown wherever someone might contact them. */
export const ContactPreferences = z.strictObject({
  /** Preferred channels, most preferred first. */
  channels: z.array(ContactChannel).max(9).default([]),
  /** Channels to avoid (e.g. the family landline). */
  avoid: z.array(ContactChannel).max(9).default([]),
  pace: z
    .enum(['as_person_wishes', 'weekly', 'fortnightly', 'monthly', 'less_often'])
    .default('as_person_wishes'),
  /** 訪問はしない: overrides every plan and action. */
  noHomeVisits: z.boolean().default(false),
  /** e.g. 平日の15時以降 / 午前中は避ける. */
  times: freeText(200).default(''),
  note: freeText(500).default(''),
});
export type ContactPreferences = z.output<typeof ContactPreferences>;

export const PersonContact = z.strictObject({
  phone: freeText(30).default(''),
  email: freeText(254).default(''),
  address: freeText(200).default(''),
  note: freeText(300).default(''),
});

const PersonFields = {
  /** 呼び名: the only required field. A real name is never required. */
  nickname: requiredText(50),
  realName: freeText(100).nullable().default(null),
  realNameKana: freeText(100).nullable().default(null),
  birthDate: IsoDate.nullable().default(null),
  contact: PersonContact.nullable().default(null),
  ageGroup: AgeGroup.default('unknown'),
  /** The person has never been met: everything comes from the family (家族のみの相談). */
  familyOnly: z.boolean().default(false),
  contactPreferences: ContactPreferences.prefault({}),
  /** 担当 (an account of the tenant); null = not assigned. */
  leadWorkerId: z.uuid().nullable().default(null),
  status: z.enum(['active', 'closed']).default('active'),
};
export const PersonInput = z.strictObject(PersonFields);
export type PersonInput = z.output<typeof PersonInput>;

export const ConsentInput = z.strictObject({
  purpose: ConsentPurpose,
  recipient: ConsentRecipient,
  /** The organisation, when the recipient is a partner agency. */
  recipientName: freeText(120).default(''),
  /** The partner agency (from GET /api/agencies) when the recipient is `partner_agency`. */
  recipientAgencyId: z.uuid().nullable().default(null),
  status: ConsentStatus,
  /** The date it was given / refused / withdrawn. */
  decidedOn: IsoDate,
  expiresOn: IsoDate.nullable().default(null),
  method: ConsentMethod,
  decidedBy: z.enum(['person', 'family_member', 'guardian']).default('person'),
  /** The record this one follows (a withdrawal names the consent it withdraws; a correction the wrong one). */
  supersedes: z.uuid().nullable().default(null),
  note: freeText(500).default(''),
});
export type ConsentInput = z.output<typeof ConsentInput>;

/** POST /api/support/persons. Opening from a consultation needs the person's consent to a record. */
export const CreatePersonBody = z
  .strictObject({
    person: PersonInput,
    consents: z.array(ConsentInput).max(10).default([]),
    fromConsultationId: z.uuid().nullable().default(null),
  })
  .superRefine((body, ctx) => {
    if (
      body.fromConsultationId &&
      !body.consents.some((c) => c.purpose === 'record_keeping' && c.status === 'given')
    )
      ctx.addIssue({
        code: 'custom',
        path: ['consents'],
        message: fieldMessage(M_FIELD.consentForRecordKeeping),
      });
  });

export const UpdatePersonBody = z.strictObject({ ...PersonFields, version: Version });

export const PersonParams = z.strictObject({ id: z.uuid() });

/** Search before create: POST so that names never appear in a URL or a log. Exact, folded matches. */
export const SearchPersonsBody = z
  .strictObject({
    nickname: freeText(50).optional(),
    realName: freeText(100).optional(),
    realNameKana: freeText(100).optional(),
    birthDate: IsoDate.optional(),
    phone: freeText(30).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v), {
    message: fieldMessage(M_FIELD.atLeastOneField),
  });

export const AuditPersonLookupQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1, { message: fieldMessage(M_FIELD.nickname) })
    .max(100),
});
export const AuditPersonLookup = listResponse(
  z.object({ id: z.uuid(), nickname: z.string(), status: z.string() }),
);

export const PersonListQuery = z.strictObject({
  /** mine: my cases (担当); all: every case I may see. */
  scope: z.enum(['mine', 'all']).default('mine'),
  status: z.enum(['active', 'closed']).default('active'),
  familyOnly: z.enum(['true', 'false']).optional(),
  /** Any part of a nickname, name or its reading (kana in either script). */
  q: z.string().trim().max(100).optional(),
  /** contact: longest since contact first (default); nickname: 50音順; review: next review first; urgency. */
  sort: z.enum(['contact', 'nickname', 'review', 'urgency']).optional(),
  ...listQueryShape,
});

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

export const MergeBody = z.strictObject({
  /** The duplicate record: it keeps all its history and points here afterwards. */
  duplicateId: z.uuid(),
  version: Version,
  duplicateVersion: Version,
});

export const FamilyMemberInput = z.strictObject({
  relationship: Relationship,
  age: z.number().int().min(0).max(120).nullable().default(null),
  livesTogether: z.boolean().default(true),
  isMainContact: z.boolean().default(false),
  name: freeText(100).default(''),
  contact: freeText(200).default(''),
  note: freeText(1000).default(''),
});
export const UpdateFamilyMemberBody = FamilyMemberInput.extend({ version: Version });
export const FamilyParams = z.strictObject({ id: z.uuid(), memberId: z.uuid() });

export const ConsentList = z.object({
  effective: z.array(EffectiveConsent),
  /** Newest first; `recordedByName` is the display name of the account that recorded it. */
  records: z.array(ConsentView.extend({ recordedByName: z.string() })),
});

// ── intake / assessment ───────────────────────────────────────────────────────────────────────

/** The areas of the MHLW 相談受付・申込票 / インテーク・アセスメントシート (BRIEF). */
export const IntakeContent = z.strictObject({
  /** 相談経路: who contacted, how, when. */
  referral: z
    .strictObject({
      who: z
        .enum([
          'person',
          'family',
          'relative',
          'school',
          'medical',
          'welfare',
          'labour',
          'neighbour',
          'other',
        ])
        .default('family'),
      how: z
        .enum(['counter', 'phone', 'online', 'anonymous_online', 'outreach', 'referral', 'other'])
        .default('counter'),
      on: IsoDate.nullable().default(null),
      detail: freeText(1000).default(''),
    })
    .prefault({}),
  /** 主訴, in the person's (or family's) own words. */
  mainConcern: z
    .strictObject({
      words: freeText(4000).default(''),
      whose: z.enum(['person', 'family', 'both']).default('person'),
    })
    .prefault({}),
  /** 本人の状況. */
  personSituation: z
    .strictObject({
      dailyLife: freeText(2000).default(''),
      goingOut: z
        .enum([
          'rarely_leaves_room',
          'home_only',
          'nearby_errands',
          'goes_out_for_interests',
          'goes_out_often',
          'unknown',
        ])
        .default('unknown'),
      health: freeText(2000).default(''),
      sleep: freeText(1000).default(''),
      /**
       * The year the withdrawal began, as the person or family tells it (null: not known). Only the
       * years since it, in bands, leave the tenant: the outcome figures are disaggregated by them.
       */
      withdrawalSince: z.number().int().min(1950).max(2100).nullable().default(null),
    })
    .prefault({}),
  /** 家族構成・世帯の状況 (incl. 8050). */
  household: z
    .strictObject({ composition: freeText(2000).default(''), note: freeText(2000).default('') })
    .prefault({}),
  /** 生活歴. */
  lifeHistory: z
    .strictObject({ school: freeText(2000).default(''), work: freeText(2000).default('') })
    .prefault({}),
  /** 経済状況. */
  finances: z
    .strictObject({
      situation: z.enum(['stable', 'tight', 'difficult', 'unknown']).default('unknown'),
      note: freeText(1000).default(''),
    })
    .prefault({}),
  /** 社会参加の状況. */
  socialParticipation: freeText(2000).default(''),
  /** 本人の希望 / 家族の希望. */
  personWishes: freeText(2000).default(''),
  familyWishes: freeText(2000).default(''),
  /** 支援上の課題. */
  supportIssues: freeText(2000).default(''),
  /** 緊急性. */
  urgency: z
    .strictObject({ level: Urgency.default('none'), reason: freeText(1000).default('') })
    .prefault({}),
  /** Consent to share: the form exists with and without consent (支援会議 shares without it, 社会福祉法 106-6). */
  sharing: z.enum(['with_consent', 'without_consent', 'not_asked']).default('not_asked'),
});
export type IntakeContent = z.output<typeof IntakeContent>;

export const CreateIntakeBody = z.strictObject({ content: IntakeContent });
export const UpdateIntakeBody = z.strictObject({ version: Version, content: IntakeContent });
export const IntakeParams = z.strictObject({ id: z.uuid(), intakeId: z.uuid() });
export const VersionQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

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
export const IntakeList = z.object({ items: z.array(IntakeView) });

// ── plans ───────────────────────────────────────────────────────────────────────────────────────

export const GoalInput = z.strictObject({
  /** Keep the id of an existing goal when saving a new version (GAS ratings refer to it). */
  id: z.uuid().optional(),
  /** The goal in the person's own words (the first thing on the plan). */
  ownWords: requiredText(500),
  /** Whose words the goal is in (null: not recorded); statistics count plans whose goals are all the person's. */
  whose: z.enum(GOAL_WORDS_OF).nullable().default(null),
  /** Goal Attainment Scaling: what each level would look like (0 = the expected outcome). */
  gasLevels: z
    .strictObject({
      minus2: freeText(300).default(''),
      minus1: freeText(300).default(''),
      expected: freeText(300).default(''),
      plus1: freeText(300).default(''),
      plus2: freeText(300).default(''),
    })
    .prefault({}),
  weight: z.number().min(0.1).max(10).default(1),
});

export const ActionInput = z.strictObject({
  id: z.uuid().optional(),
  what: requiredText(500),
  owner: ActionOwner,
  /** e.g. 相談員 佐藤 / ハローワーク甲府 (encrypted with the plan). */
  ownerName: freeText(100).default(''),
  goalIds: z.array(z.uuid()).max(10).default([]),
  due: IsoDate.nullable().default(null),
});

export const PlacePick = z.strictObject({
  placeId: z.uuid(),
  name: requiredText(200),
  kind: z.string().max(40),
  /** The reasons shown when it was matched (kept with the plan, as shown). */
  reasons: z.array(freeText(200)).max(10).default([]),
  note: freeText(500).default(''),
});

export const PlanContent = z.strictObject({
  /** What the person wants for their own life, in their own words (first on the plan). */
  personWords: freeText(2000).default(''),
  familyWords: freeText(2000).default(''),
  goals: z.array(GoalInput).min(1).max(10),
  actions: z.array(ActionInput).max(30).default([]),
  places: z.array(PlacePick).max(10).default([]),
  /** The paths the person chose (居場所, volunteering, study…): one distribution among others, work is not a headline. */
  chosenPaths: z.array(z.enum(CHOSEN_PATHS)).max(CHOSEN_PATHS.length).default([]),
  reviewOn: IsoDate,
  agreedOn: IsoDate.nullable().default(null),
  agreedBy: z.enum(['person', 'family', 'both', 'not_yet']).default('not_yet'),
  status: z.enum(['active', 'ended']).default('active'),
});
export type PlanContent = z.output<typeof PlanContent>;

export const CreatePlanBody = PlanContent;
export const UpdatePlanBody = PlanContent.extend({ version: Version });
export const PlanParams = z.strictObject({ id: z.uuid(), planId: z.uuid() });

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

// ── matching ─────────────────────────────────────────────────────────────────────────────────────

export const MatchQuery = z.strictObject({
  kind: z.enum(['ibasho', 'opportunity', 'family_association', 'peer_space', 'all']).default('all'),
  /** Prefer places one can join online. */
  online: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
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
export const MatchList = z.object({ items: z.array(MatchItem) });

// ── notes ───────────────────────────────────────────────────────────────────────────────────────

export const NoteInput = z
  .strictObject({
    contactType: ContactType,
    occurredAt: z.iso.datetime({ offset: true }),
    durationMinutes: z.number().int().min(0).max(1440).nullable().default(null),
    participants: z.array(Participant).min(1).max(7),
    text: requiredText(20_000),
    /** Narrows readers to the named roles (the author's role is always added). */
    sensitive: z.boolean().default(false),
    readableBy: z.array(ReaderRole).max(2).default([]),
    /**
     * 次回の連絡予定日, saved on the person with the note (not part of the note's text or versions);
     * null clears it, absent leaves it as it is.
     */
    nextContactOn: z.iso.date().nullable().optional(),
  })
  .superRefine((n, ctx) => {
    if (n.sensitive && n.readableBy.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['readableBy'],
        message: fieldMessage(M_FIELD.readableBy),
      });
  });
export type NoteInput = z.output<typeof NoteInput>;
export const UpdateNoteBody = z
  .strictObject({ note: NoteInput, version: Version })
  .describe('A correction: a new version of the note; the earlier versions stay.');
export const NoteParams = z.strictObject({ id: z.uuid(), noteId: z.uuid() });

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

// ── print views (帳票) of a record ──────────────────────────────────────────────────────────────

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

export const NotesPrintQuery = z.strictObject({
  /** First and last day (in Japan) of the period; both included. */
  from: IsoDate,
  to: IsoDate,
});

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

export const TimelineQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export const Timeline = listResponse(NoteView);

// ── measures ─────────────────────────────────────────────────────────────────────────────────────

const measureBase = {
  takenOn: IsoDate,
  replaces: z.uuid().nullable().default(null),
  note: freeText(1000).default(''),
};
export const MeasureInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('who5'),
    ...measureBase,
    answers: z.array(z.number().int().min(0).max(5)).length(5),
  }),
  z.strictObject({
    kind: z.literal('ucla3'),
    ...measureBase,
    answers: z.array(z.number().int().min(1).max(4)).length(3),
  }),
  z.strictObject({
    kind: z.literal('hq25'),
    ...measureBase,
    total: z.number().int().min(0).max(100),
    socialization: z.number().int().min(0).max(44),
    isolation: z.number().int().min(0).max(32),
    dailyActivities: z.number().int().min(0).max(24),
  }),
  z.strictObject({
    kind: z.literal('participation_ladder'),
    ...measureBase,
    level: z.number().int().min(0).max(6),
  }),
  z.strictObject({
    kind: z.literal('gas'),
    ...measureBase,
    planId: z.uuid(),
    ratings: z
      .array(z.strictObject({ goalId: z.uuid(), score: z.number().int().min(-2).max(2) }))
      .min(1)
      .max(10),
  }),
]);
export type MeasureInput = z.output<typeof MeasureInput>;

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
export const MeasureList = z.object({
  items: z.array(MeasureView),
  /** Per kind, in date order: the per-person chart of change. Replaced measures are left out. */
  series: z.record(
    z.string(),
    z.array(z.object({ takenOn: z.string(), score: z.number(), flagged: z.boolean() })),
  ),
});

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

// ── caseload ─────────────────────────────────────────────────────────────────────────────────────

export const CaseloadQuery = z.strictObject({
  scope: z.enum(['mine', 'all']).default('mine'),
  /** Days without contact that count as a long gap. */
  gapDays: z.coerce.number().int().min(7).max(365).default(30),
  /** Reviews due within this many days (overdue ones always). */
  reviewWithinDays: z.coerce.number().int().min(0).max(90).default(14),
});
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

// ── import ───────────────────────────────────────────────────────────────────────────────────────

export const ImportParams = z.strictObject({ id: z.uuid() });
export const ConfirmImportBody = z.strictObject({
  /** Apply the valid rows and leave out rows with problems (otherwise any problem refuses). */
  skipInvalid: z.boolean().default(false),
});
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
