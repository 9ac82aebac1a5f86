import { queryOptions } from '@tanstack/react-query';
import { api, type ListPage } from '../../api/client.ts';
import { newIdempotencyKey as newKey, publicPost } from '../../api/public-post.ts';

/** One key per submission attempt, reused on retry. */
export const newIdempotencyKey = () => newKey('consultation');

/**
 * Shapes of the consultation and support APIs (src/server/modules/consultations/consultations.schema.ts,
 * src/server/modules/support/support.schema.ts; reference in src/server/modules/support/README.md).
 */

// ---------------------------------------------------------------------------------------------
// Public: anonymous consultation

export const WRITERS = ['person', 'family', 'other', 'unspecified'] as const;
export type Writer = (typeof WRITERS)[number];

export type SubmitConsultation = {
  municipalityCode: string;
  writer: Writer;
  message: string;
  easyJapanese: boolean;
};
export type SubmitConsultationResult = { replyCode: string; municipalityCode: string; receivedAt: string };
export type PublicConsultationView = {
  receivedAt: string;
  easyJapanese: boolean;
  waitingForReply: boolean;
  messages: { from: 'you' | 'staff'; text: string; at: string }[];
};

export const submitConsultation = (body: SubmitConsultation, idempotencyKey: string) =>
  publicPost<SubmitConsultationResult>('/api/public/consultations', body, idempotencyKey);

export const readConsultation = (municipalityCode: string, replyCode: string) =>
  publicPost<PublicConsultationView>('/api/public/consultations/read', { municipalityCode, replyCode });

export const writeAgain = (municipalityCode: string, replyCode: string, message: string, key: string) =>
  publicPost<{ at: string }>(
    '/api/public/consultations/messages',
    { municipalityCode, replyCode, message },
    key,
  );

// ---------------------------------------------------------------------------------------------
// Staff: consultation queue

export type QueueFilter = 'awaiting' | 'open' | 'closed' | 'all';
export type QueueItem = {
  id: string;
  writer: Writer;
  easyJapanese: boolean;
  status: 'open' | 'closed';
  receivedAt: string;
  lastMessageAt: string;
  awaitingReplySince: string | null;
  unansweredHours: number | null;
  messageCount: number;
  personId: string | null;
  version: number;
};
export type ConsultationDetail = QueueItem & {
  messages: {
    id: number;
    author: 'writer' | 'staff';
    authorAccountId: string | null;
    text: string;
    at: string;
  }[];
};

export const consultationKeys = {
  all: ['consultations'] as const,
  queue: (filter: QueueFilter) => ['consultations', 'queue', filter] as const,
  detail: (id: string) => ['consultations', 'detail', id] as const,
};

export const queueQuery = (filter: QueueFilter) =>
  queryOptions({
    queryKey: consultationKeys.queue(filter),
    queryFn: () => api<ListPage<QueueItem>>('/api/consultations', { query: { filter, limit: 100 } }),
  });

export const consultationQuery = (id: string) =>
  queryOptions({
    queryKey: consultationKeys.detail(id),
    queryFn: () => api<ConsultationDetail>(`/api/consultations/${id}`),
  });

export const replyToConsultation = (id: string, message: string) =>
  api<{ messageId: number; consultation: QueueItem }>(`/api/consultations/${id}/replies`, {
    method: 'POST',
    body: { message },
  });

// ---------------------------------------------------------------------------------------------
// Staff: support records

export const CONTACT_TYPES = [
  'visit',
  'office',
  'phone',
  'online',
  'outreach',
  'at_place',
  'family_only',
  'letter',
  'other',
] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];
export const PARTICIPANTS = [
  'person',
  'family',
  'consultation_staff',
  'labour_staff',
  'agency',
  'peer_supporter',
  'other',
] as const;
export const READER_ROLES = ['consultation', 'labour'] as const;
export const CHANNELS = [
  'phone',
  'sms',
  'email',
  'letter',
  'online_chat',
  'video',
  'office_visit',
  'home_visit',
  'via_family',
] as const;
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

export type PersonSummary = {
  id: string;
  nickname: string;
  ageGroup: string;
  familyOnly: boolean;
  status: 'active' | 'closed' | 'merged';
  leadWorkerId: string | null;
  urgency: string | null;
  lastContactAt: string | null;
  daysSinceContact: number | null;
  nextReviewOn: string | null;
  contactPreferences: ContactPreferences;
};

export type EffectiveConsent = {
  purpose: string;
  recipient: string;
  recipientName: string;
  /** The partner agency the consent names (issue 7), when the recipient is an agency. */
  recipientAgencyId: string | null;
  status: string;
  since: string;
  expiresOn: string | null;
  recordId: string;
};

export type PersonDetail = PersonSummary & {
  realName: string | null;
  realNameKana: string | null;
  birthDate: string | null;
  household: { size: number; eightyFifty: boolean };
  consents: EffectiveConsent[];
  access: { via: 'consultation' | 'labour_consent'; canManage: boolean };
  version: number;
};

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
};

export type NoteView = {
  id: string;
  personId: string;
  version: number;
  contactType: ContactType;
  occurredAt: string;
  durationMinutes: number | null;
  participants: string[];
  text: string;
  sensitive: boolean;
  readableBy: string[];
  authorAccountId: string;
  createdAt: string;
};

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
  goals: { id?: string; ownWords: string; gasLevels: GasLevels; weight: number }[];
  actions: {
    id?: string;
    what: string;
    owner: string;
    ownerName: string;
    goalIds: string[];
    due: string | null;
  }[];
  places: { placeId: string; name: string; kind: string; reasons: string[]; note: string }[];
  reviewOn: string;
  agreedOn: string | null;
  agreedBy: 'person' | 'family' | 'both' | 'not_yet';
  status: 'active' | 'ended';
};
export type PlanView = {
  id: string;
  personId: string;
  version: number;
  latestVersion: number;
  status: 'active' | 'ended';
  reviewOn: string;
  content: PlanContent;
  createdAt: string;
};
export type PrintablePlan = {
  title: string;
  municipalityName: string;
  nickname: string;
  madeOn: string;
  sections: { heading: string; lines: string[] }[];
  reviewOn: string;
  footer: string[];
};
export type MatchItem = {
  placeId: string;
  name: string;
  kind: string;
  municipalityName: string;
  address: string;
  delivery: string;
  score: number;
  reasons: { ja: string; en: string }[];
};

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

export type Instruments = {
  who5: { items: string[]; choices: { value: number; label: string }[]; cutoff: number };
};
export type MeasureView = { id: string; kind: string; takenOn: string; score: number; flagged: boolean };
export type MeasureList = {
  items: MeasureView[];
  series: Record<string, { takenOn: string; score: number; flagged: boolean }[]>;
};

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

export type Caseload = {
  myCases: PersonSummary[];
  reviewsDue: PersonSummary[];
  longGaps: PersonSummary[];
  unansweredConsultations: {
    count: number;
    oldest: { id: string; awaitingReplySince: string | null; unansweredHours: number | null }[];
  };
};

export const caseloadQuery = (scope: 'mine' | 'all') =>
  queryOptions({
    queryKey: ['support', 'caseload', scope] as const,
    queryFn: () => api<Caseload>('/api/support/caseload', { query: { scope } }),
  });
