import { z } from 'zod';
import {
  ActionOwner,
  AgeGroup,
  ConsentMethod,
  ConsentPurpose,
  ConsentRecipient,
  ConsentStatus,
  ContactChannel,
  ContactType,
  Participant,
  ReaderRole,
  Relationship,
  Urgency,
} from '../../../shared/contracts/support.ts';
import { CHOSEN_PATHS, GOAL_WORDS_OF } from '../../../shared/support-records.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { freeText, IsoDate, requiredText, Version } from '../../platform/http/fields.ts';
import { listQueryShape } from '../../platform/http/list.ts';
import { M_FIELD } from './support.errors.ts';

/**
 * What only the server needs of the support API: request bodies (strict: unknown fields → 400, with
 * the server's text rules), params and querystrings. The responses and their choices are the shared
 * contract (src/shared/contracts/support.ts), which the web reads too. Dates are `YYYY-MM-DD`, times ISO 8601. Every versioned edit sends the
 * `version` it started from; a stale one answers 409 `conflict` with `{current, yours}`.
 */

// ── person ─────────────────────────────────────────────────────────────────────────────────────

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

// ── plans ───────────────────────────────────────────────────────────────────────────────────────

const GoalInput = z.strictObject({
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

const ActionInput = z.strictObject({
  id: z.uuid().optional(),
  what: requiredText(500),
  owner: ActionOwner,
  /** e.g. 相談員 佐藤 / ハローワーク甲府 (encrypted with the plan). */
  ownerName: freeText(100).default(''),
  goalIds: z.array(z.uuid()).max(10).default([]),
  due: IsoDate.nullable().default(null),
});

const PlacePick = z.strictObject({
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

// ── matching ─────────────────────────────────────────────────────────────────────────────────────

export const MatchQuery = z.strictObject({
  kind: z.enum(['ibasho', 'opportunity', 'family_association', 'peer_space', 'all']).default('all'),
  /** Prefer places one can join online. */
  online: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

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

// ── print views (帳票) of a record ──────────────────────────────────────────────────────────────

export const NotesPrintQuery = z.strictObject({
  /** First and last day (in Japan) of the period; both included. */
  from: IsoDate,
  to: IsoDate,
});

export const TimelineQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

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

// ── caseload ─────────────────────────────────────────────────────────────────────────────────────

export const CaseloadQuery = z.strictObject({
  scope: z.enum(['mine', 'all']).default('mine'),
  /** Days without contact that count as a long gap. */
  gapDays: z.coerce.number().int().min(7).max(365).default(30),
  /** Reviews due within this many days (overdue ones always). */
  reviewWithinDays: z.coerce.number().int().min(0).max(90).default(14),
});

// ── import ───────────────────────────────────────────────────────────────────────────────────────

export const ImportParams = z.strictObject({ id: z.uuid() });
export const ConfirmImportBody = z.strictObject({
  /** Apply the valid rows and leave out rows with problems (otherwise any problem refuses). */
  skipInvalid: z.boolean().default(false),
});
