import { queryOptions } from '@tanstack/react-query';
import type {
  CaseFilePrint,
  Caseload,
  ConsentList,
  EffectiveConsent,
  FamilyMemberView,
  ImportView,
  Instruments,
  IntakeView as IntakeViewResponse,
  MatchItem,
  MeasureList,
  MeasureView,
  NotesPrint,
  NoteView,
  PersonDetail,
  PersonSummary,
  PlanView as PlanViewResponse,
  PrintablePlan,
  SearchCandidate,
} from '../../../shared/contracts/support.ts';
import {
  AGE_GROUPS,
  CONSENT_PURPOSES,
  CONSENT_RECIPIENTS,
  CONSENT_STATUSES,
  CONTACT_CHANNELS,
  NOTE_CONTACT_TYPES as CONTACT_TYPES,
  FAMILY_RELATIONSHIPS as RELATIONSHIPS,
  SUPPORT_PARTIES,
} from '../../../shared/support-records.ts';
import { api, type ListPage } from '../../api/client.ts';

/**
 * Calls of the support record API. Its answers are the shared contract (src/shared/contracts/support.ts);
 * the bodies the pages send are still written here (their schemas carry server-only field rules;
 * reference in src/server/modules/support/README.md). The consultation calls are in consultation-api.ts.
 */

// ---------------------------------------------------------------------------------------------
// Staff: support records

/** The screens take their options from here, under the names they have always used. */
export { AGE_GROUPS, CONSENT_PURPOSES, CONSENT_RECIPIENTS, CONSENT_STATUSES, CONTACT_TYPES, RELATIONSHIPS };
export type ContactType = (typeof CONTACT_TYPES)[number];
export const PARTICIPANTS = SUPPORT_PARTIES;
export const READER_ROLES = ['consultation', 'labour'] as const;
export const CHANNELS = CONTACT_CHANNELS;
export type Channel = (typeof CHANNELS)[number];
export const PACES = ['as_person_wishes', 'weekly', 'fortnightly', 'monthly', 'less_often'] as const;

export type ContactPreferences = {
  channels: Channel[];
  avoid: Channel[];
  pace: string;
  noHomeVisits: boolean;
  times: string;
  note: string;
};

export type { EffectiveConsent, PersonDetail, PersonSummary };

export type PersonCreate = {
  person: {
    nickname: string;
    familyOnly?: boolean;
    contactPreferences?: Partial<ContactPreferences>;
    leadWorkerId?: string | null;
  };
  consents: {
    purpose: 'record_keeping';
    recipient: 'municipality';
    status: 'given';
    decidedOn: string;
    method: string;
    decidedBy: 'person' | 'family_member' | 'guardian';
  }[];
  fromConsultationId: string | null;
};

export const CONSENT_METHODS = ['signed_form', 'verbal_in_person', 'verbal_phone', 'online'] as const;

export type NoteInput = {
  contactType: ContactType;
  occurredAt: string;
  durationMinutes: number | null;
  participants: string[];
  text: string;
  sensitive: boolean;
  readableBy: string[];
  /** 次回の連絡予定日 (YYYY-MM-DD), saved on the person with a new note. */
  nextContactOn?: string | null;
};

export type { NoteView };

/** The body of a 409 on a note: the version now on the server and the edit that was refused. */
export type NoteConflict = { current: NoteView; yours: { version: number; note: NoteInput } };

export const supportKeys = {
  all: ['support'] as const,
  person: (id: string) => ['support', 'person', id] as const,
  timeline: (id: string) => ['support', 'person', id, 'timeline'] as const,
};

export const createPerson = (body: PersonCreate) =>
  api<PersonDetail>('/api/support/persons', { method: 'POST', body });

export const personQuery = (id: string) =>
  queryOptions({
    queryKey: supportKeys.person(id),
    queryFn: () => api<PersonDetail>(`/api/support/persons/${id}`),
  });

export const timelineQuery = (id: string) =>
  queryOptions({
    queryKey: supportKeys.timeline(id),
    queryFn: () => api<ListPage<NoteView>>(`/api/support/persons/${id}/timeline`, { query: { limit: 100 } }),
  });

export const addNote = (personId: string, note: NoteInput) =>
  api<NoteView>(`/api/support/persons/${personId}/notes`, { method: 'POST', body: note });

export const updateNote = (personId: string, noteId: string, version: number, note: NoteInput) =>
  api<NoteView>(`/api/support/persons/${personId}/notes/${noteId}`, {
    method: 'PUT',
    body: { version, note },
  });

export function noteInputOf(view: NoteView): NoteInput {
  return {
    contactType: view.contactType,
    occurredAt: view.occurredAt,
    durationMinutes: view.durationMinutes,
    participants: view.participants,
    text: view.text,
    sensitive: view.sensitive,
    readableBy: view.sensitive ? view.readableBy : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Plans, matching, measures, caseload

export type GasLevels = { minus2: string; minus1: string; expected: string; plus1: string; plus2: string };
export const GAS_KEYS = ['minus2', 'minus1', 'expected', 'plus1', 'plus2'] as const;
export type PlanContent = {
  personWords: string;
  familyWords: string;
  goals: {
    id?: string;
    ownWords: string;
    /** Whose words the goal is in (null: not recorded). */
    whose?: 'person' | 'family' | 'supporter' | null;
    gasLevels: GasLevels;
    weight: number;
  }[];
  actions: {
    id?: string;
    what: string;
    owner: string;
    ownerName: string;
    goalIds: string[];
    due: string | null;
  }[];
  places: { placeId: string; name: string; kind: string; reasons: string[]; note: string }[];
  /** The paths the person chose (one distribution among others in statistics). */
  chosenPaths?: string[];
  reviewOn: string;
  agreedOn: string | null;
  agreedBy: 'person' | 'family' | 'both' | 'not_yet';
  status: 'active' | 'ended';
};
/** A plan as the server answers it; its content is the plan as saved (ids filled in). */
export type PlanView = Omit<PlanViewResponse, 'content'> & { content: PlanContent };
export type { CaseFilePrint, NotesPrint, PrintablePlan };

/** Print views are read afresh each time they are opened: each opening is an audited read. */
export const caseFilePrintQuery = (personId: string) =>
  queryOptions({
    queryKey: [...supportKeys.person(personId), 'print', 'case-file'] as const,
    queryFn: () => api<CaseFilePrint>(`/api/support/persons/${personId}/print/case-file`),
    staleTime: 0,
    gcTime: 0,
  });

export const notesPrintQuery = (personId: string, from: string, to: string) =>
  queryOptions({
    queryKey: [...supportKeys.person(personId), 'print', 'notes', from, to] as const,
    queryFn: () => api<NotesPrint>(`/api/support/persons/${personId}/print/notes`, { query: { from, to } }),
    staleTime: 0,
    gcTime: 0,
  });

export type { MatchItem };

export const plansQuery = (personId: string) =>
  queryOptions({
    queryKey: [...supportKeys.person(personId), 'plans'] as const,
    queryFn: () => api<{ items: PlanView[] }>(`/api/support/persons/${personId}/plans`),
  });

export const matchesQuery = (personId: string) =>
  queryOptions({
    queryKey: [...supportKeys.person(personId), 'matches'] as const,
    queryFn: () =>
      api<{ items: MatchItem[] }>(`/api/support/persons/${personId}/matches`, { query: { limit: 10 } }),
  });

export const printablePlanQuery = (personId: string, planId: string) =>
  queryOptions({
    queryKey: [...supportKeys.person(personId), 'plans', planId, 'print'] as const,
    queryFn: () => api<PrintablePlan>(`/api/support/persons/${personId}/plans/${planId}/print`),
  });

export const savePlan = (
  personId: string,
  content: PlanContent,
  existing?: { id: string; version: number },
) =>
  existing
    ? api<PlanView>(`/api/support/persons/${personId}/plans/${existing.id}`, {
        method: 'PUT',
        body: { ...content, version: existing.version },
      })
    : api<PlanView>(`/api/support/persons/${personId}/plans`, { method: 'POST', body: content });

export type { Instruments, MeasureList, MeasureView };

export const instrumentsQuery = () =>
  queryOptions({
    queryKey: ['support', 'instruments'] as const,
    queryFn: () => api<Instruments>('/api/support/instruments'),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const measuresQuery = (personId: string) =>
  queryOptions({
    queryKey: [...supportKeys.person(personId), 'measures'] as const,
    queryFn: () => api<MeasureList>(`/api/support/persons/${personId}/measures`),
  });

export const addWho5 = (personId: string, takenOn: string, answers: number[]) =>
  api<MeasureView>(`/api/support/persons/${personId}/measures`, {
    method: 'POST',
    body: { kind: 'who5', takenOn, answers },
  });

export type { Caseload };

export const caseloadQuery = (scope: 'mine' | 'all') =>
  queryOptions({
    queryKey: ['support', 'caseload', scope] as const,
    queryFn: () => api<Caseload>('/api/support/caseload', { query: { scope } }),
  });

// ---------------------------------------------------------------------------------------------
// Support records beyond the first journey: persons, family, intake, consents, measures, import

export const ALL_CONSENT_METHODS = [...CONSENT_METHODS, 'via_family', 'other'] as const;
export const DECIDERS = ['person', 'family_member', 'guardian'] as const;
export const ACTION_OWNERS = SUPPORT_PARTIES;

export type PersonContact = { phone: string; email: string; address: string; note: string };
export type FamilyMember = FamilyMemberView;
export type FamilyMemberInput = Omit<FamilyMember, 'id' | 'version'>;

/** The record as the record pages read it: the whole `PersonDetail`. */
export type PersonRecord = PersonDetail;

/** The body of POST/PUT /api/support/persons (nickname only is enough). */
export type PersonInput = {
  nickname: string;
  realName: string | null;
  realNameKana: string | null;
  birthDate: string | null;
  contact: PersonContact | null;
  ageGroup: (typeof AGE_GROUPS)[number];
  familyOnly: boolean;
  contactPreferences: ContactPreferences;
  leadWorkerId: string | null;
  status: 'active' | 'closed';
};

export type { SearchCandidate };
export type PersonSearch = {
  nickname?: string;
  realName?: string;
  realNameKana?: string;
  birthDate?: string;
  phone?: string;
};

export const recordQuery = (id: string) =>
  queryOptions({
    queryKey: supportKeys.person(id),
    queryFn: () => api<PersonRecord>(`/api/support/persons/${id}`),
  });

export type PersonSort = 'contact' | 'nickname' | 'review' | 'urgency';
export type PersonListFilter = { scope: 'mine' | 'all'; familyOnly: boolean; q: string; sort: PersonSort };

/** The list query's parameters, shared by the list on screen and its CSV (the same rows in the same order). */
export function personListParams(f: PersonListFilter): Record<string, string> {
  return {
    scope: f.scope,
    ...(f.familyOnly ? { familyOnly: 'true' } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.sort !== 'contact' ? { sort: f.sort } : {}),
  };
}

export const personsQuery = (filter: PersonListFilter) =>
  queryOptions({
    queryKey: ['support', 'persons', filter] as const,
    queryFn: () =>
      api<ListPage<PersonSummary>>('/api/support/persons', {
        query: { ...personListParams(filter), limit: 200 },
      }),
  });

/** The audited CSV of the list as filtered and sorted on screen. */
export const personListCsvHref = (filter: PersonListFilter) =>
  `/api/support/persons.csv?${new URLSearchParams(personListParams(filter)).toString()}`;

export const searchPersons = (body: PersonSearch) =>
  api<{ items: SearchCandidate[] }>('/api/support/persons/search', { method: 'POST', body });

export const createRecord = (person: PersonInput) =>
  api<PersonRecord>('/api/support/persons', { method: 'POST', body: { person, consents: [] } });

export const updateRecord = (id: string, version: number, person: PersonInput) =>
  api<PersonRecord>(`/api/support/persons/${id}`, { method: 'PUT', body: { ...person, version } });

export const mergeRecords = (
  survivorId: string,
  body: { duplicateId: string; version: number; duplicateVersion: number },
) => api<PersonRecord>(`/api/support/persons/${survivorId}/merge`, { method: 'POST', body });

export const addFamilyMember = (personId: string, member: FamilyMemberInput) =>
  api<PersonRecord>(`/api/support/persons/${personId}/family`, { method: 'POST', body: member });

export const updateFamilyMember = (
  personId: string,
  memberId: string,
  version: number,
  member: FamilyMemberInput,
) =>
  api<PersonRecord>(`/api/support/persons/${personId}/family/${memberId}`, {
    method: 'PUT',
    body: { ...member, version },
  });

export function personInputOf(p: PersonRecord): PersonInput {
  return {
    nickname: p.nickname,
    realName: p.realName,
    realNameKana: p.realNameKana,
    birthDate: p.birthDate,
    contact: p.contact,
    ageGroup: p.ageGroup as PersonInput['ageGroup'],
    familyOnly: p.familyOnly,
    contactPreferences: p.contactPreferences,
    leadWorkerId: p.leadWorkerId,
    status: p.status === 'closed' ? 'closed' : 'active',
  };
}

// Consents: append-only records; the effective one per purpose and recipient.
export type ConsentRecord = ConsentList['records'][number];
/** The body of POST …/consents: a new record (a change or correction supersedes an earlier one). */
export type ConsentInputBody = {
  purpose: (typeof CONSENT_PURPOSES)[number];
  recipient: (typeof CONSENT_RECIPIENTS)[number];
  recipientName: string;
  status: (typeof CONSENT_STATUSES)[number];
  decidedOn: string;
  expiresOn: string | null;
  method: (typeof ALL_CONSENT_METHODS)[number];
  decidedBy: (typeof DECIDERS)[number];
  supersedes: string | null;
  note: string;
};
export type ConsentLists = ConsentList;

export const consentsQuery = (personId: string) =>
  queryOptions({
    queryKey: [...supportKeys.person(personId), 'consents'] as const,
    queryFn: () => api<ConsentLists>(`/api/support/persons/${personId}/consents`),
  });

export const recordConsent = (personId: string, body: ConsentInputBody) =>
  api<ConsentLists>(`/api/support/persons/${personId}/consents`, { method: 'POST', body });

// Intake / assessment: versioned.
export type IntakeContent = {
  referral: { who: string; how: string; on: string | null; detail: string };
  mainConcern: { words: string; whose: 'person' | 'family' | 'both' };
  personSituation: {
    dailyLife: string;
    goingOut: string;
    health: string;
    sleep: string;
    /** The year the withdrawal began, as told (counted in statistics only as years since it). */
    withdrawalSince?: number | null;
  };
  household: { composition: string; note: string };
  lifeHistory: { school: string; work: string };
  finances: { situation: string; note: string };
  socialParticipation: string;
  personWishes: string;
  familyWishes: string;
  supportIssues: string;
  urgency: { level: string; reason: string };
  sharing: 'with_consent' | 'without_consent' | 'not_asked';
};
export type VersionMeta = IntakeViewResponse['versions'][number];
/** An intake version as the server answers it, its content as the form saved it. */
export type IntakeView = Omit<IntakeViewResponse, 'content'> & { content: IntakeContent };
export const REFERRAL_WHO = [
  'person',
  'family',
  'relative',
  'school',
  'medical',
  'welfare',
  'labour',
  'neighbour',
  'other',
] as const;
export const REFERRAL_HOW = [
  'counter',
  'phone',
  'online',
  'anonymous_online',
  'outreach',
  'referral',
  'other',
] as const;
export const GOING_OUT = [
  'rarely_leaves_room',
  'home_only',
  'nearby_errands',
  'goes_out_for_interests',
  'goes_out_often',
  'unknown',
] as const;
export const FINANCES = ['stable', 'tight', 'difficult', 'unknown'] as const;
export const URGENCY = ['none', 'watch', 'urgent', 'emergency'] as const;
export const SHARING = ['with_consent', 'without_consent', 'not_asked'] as const;

export const intakesQuery = (personId: string) =>
  queryOptions({
    queryKey: [...supportKeys.person(personId), 'intakes'] as const,
    queryFn: () => api<{ items: IntakeView[] }>(`/api/support/persons/${personId}/intakes`),
  });

export const intakeVersionQuery = (personId: string, intakeId: string, version: number) =>
  queryOptions({
    queryKey: [...supportKeys.person(personId), 'intakes', intakeId, version] as const,
    queryFn: () =>
      api<IntakeView>(`/api/support/persons/${personId}/intakes/${intakeId}`, { query: { version } }),
  });

export const saveIntake = (
  personId: string,
  content: IntakeContent,
  existing?: { id: string; version: number },
) =>
  existing
    ? api<IntakeView>(`/api/support/persons/${personId}/intakes/${existing.id}`, {
        method: 'PUT',
        body: { version: existing.version, content },
      })
    : api<IntakeView>(`/api/support/persons/${personId}/intakes`, { method: 'POST', body: { content } });

export const planVersionQuery = (personId: string, planId: string, version: number) =>
  queryOptions({
    queryKey: [...supportKeys.person(personId), 'plans', planId, 'v', version] as const,
    queryFn: () =>
      api<PlanView>(`/api/support/persons/${personId}/plans/${planId}`, {
        query: { version },
      }),
  });

// Measures beyond WHO-5.
export type MeasureBody =
  | { kind: 'ucla3'; takenOn: string; answers: number[] }
  | {
      kind: 'hq25';
      takenOn: string;
      total: number;
      socialization: number;
      isolation: number;
      dailyActivities: number;
    }
  | { kind: 'participation_ladder'; takenOn: string; level: number }
  | { kind: 'gas'; takenOn: string; planId: string; ratings: { goalId: string; score: number }[] };

export const addMeasure = (personId: string, body: MeasureBody) =>
  api<MeasureView>(`/api/support/persons/${personId}/measures`, { method: 'POST', body });

// Import of an existing case list.
export type SupportImportView = ImportView;

export const confirmSupportImport = (id: string, skipInvalid: boolean) =>
  api<SupportImportView>(`/api/support/imports/${id}/confirm`, { method: 'POST', body: { skipInvalid } });
