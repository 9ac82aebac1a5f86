import { queryOptions } from '@tanstack/react-query';
import { api, type ListPage } from '../../api/client.ts';

/**
 * Shapes of the agencies and rights APIs (src/server/modules/agencies/agencies.schema.ts,
 * src/server/modules/rights/rights.schema.ts; reference in src/server/modules/agencies/README.md).
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
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export type Agency = {
  id: string;
  kind: AgencyKind;
  name: string;
  contact: string;
  active: boolean;
  members: { accountId: string; displayName: string }[];
  version: number;
};
export const REFERRAL_STATUSES = [
  'requested',
  'accepted',
  'declined',
  'in_progress',
  'completed',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
type ReferralEvent = { status: ReferralStatus; byRole: string; at: string };
type AgencyNote = { status: ReferralStatus; text: string; at: string };
export type Referral = {
  id: string;
  personId: string;
  agencyId: string;
  agencyName: string;
  status: ReferralStatus;
  basis: 'consent' | 'support_conference';
  basisInForce: boolean;
  summary: string;
  agencyNotes: AgencyNote[];
  requestedAt: string;
  events: ReferralEvent[];
  version: number;
};
export type InboxItem = Pick<
  Referral,
  'id' | 'status' | 'basis' | 'basisInForce' | 'requestedAt' | 'version'
> & {
  /** Empty once the basis has ended. */
  personNickname: string;
  requestedBy: { displayName: string; email: string };
};
export type SharedReferral = InboxItem & {
  summary: string;
  agencyNotes: AgencyNote[];
  events: ReferralEvent[];
};

export const agencyKeys = {
  agencies: ['agencies'] as const,
  referrals: (personId: string) => ['referrals', personId] as const,
  inbox: ['agency-inbox'] as const,
  shared: (id: string) => ['agency-inbox', id] as const,
  conferences: ['conferences'] as const,
  conference: (id: string) => ['conferences', id] as const,
  rights: (personId: string) => ['rights', personId] as const,
  disclosure: (id: string) => ['disclosures', id] as const,
  retention: ['retention'] as const,
};

export const agenciesQuery = () =>
  queryOptions({ queryKey: agencyKeys.agencies, queryFn: () => api<ListPage<Agency>>('/api/agencies') });
export const createAgency = (body: { kind: AgencyKind; name: string; contact: string }) =>
  api<Agency>('/api/agencies', { method: 'POST', body });

export const addAgencyMember = (agencyId: string, accountId: string) =>
  api<Agency>(`/api/agencies/${agencyId}/members`, { method: 'POST', body: { accountId } });

export const referralsQuery = (personId: string) =>
  queryOptions({
    queryKey: agencyKeys.referrals(personId),
    queryFn: () => api<ListPage<Referral>>('/api/referrals', { query: { personId } }),
  });
export const sendReferral = (body: { personId: string; agencyId: string; summary: string }) =>
  api<Referral>('/api/referrals', { method: 'POST', body });
export const withdrawReferral = (id: string, version: number) =>
  api<Referral>(`/api/referrals/${id}/withdraw`, { method: 'POST', body: { version } });
/** Records the person's consent naming this agency (support consents API). */
export const recordAgencyConsent = (personId: string, agency: Agency, decidedOn: string) =>
  api(`/api/support/persons/${personId}/consents`, {
    method: 'POST',
    body: {
      purpose: 'agency_referral',
      recipient: 'partner_agency',
      recipientName: agency.name,
      recipientAgencyId: agency.id,
      status: 'given',
      decidedOn,
      method: 'signed_form',
    },
  });

export const inboxQuery = () =>
  queryOptions({
    queryKey: agencyKeys.inbox,
    queryFn: () =>
      api<ListPage<InboxItem> & { agency: { id: string; name: string } }>('/api/agency/referrals'),
  });
export const sharedReferralQuery = (id: string) =>
  queryOptions({
    queryKey: agencyKeys.shared(id),
    queryFn: () => api<SharedReferral>(`/api/agency/referrals/${id}`),
    retry: false,
  });
export const actOnReferral = (
  id: string,
  action: 'accept' | 'decline' | 'progress' | 'complete',
  version: number,
  note: string,
) =>
  api<SharedReferral>(`/api/agency/referrals/${id}/${action}`, { method: 'POST', body: { version, note } });

export type ConferenceItem = {
  id: string;
  kind: 'decision' | 'action' | 'material' | 'share';
  personId: string | null;
  text: string;
  ownerLabel: string;
  ownerAgencyId: string | null;
  due: string | null;
  agencyId: string | null;
  agencyName: string | null;
  basis: 'consent' | 'support_conference' | null;
  scope: string;
  createdAt: string;
};
export type Conference = {
  id: string;
  kind: 'support_conference' | 'multilayer';
  title: string;
  heldOn: string;
  personIds: string[];
  persons: { id: string; nickname: string }[];
  agenda: string;
  minutes: string;
  minutesVersions: number;
  members: {
    accountId: string;
    displayName: string;
    agencyName: string | null;
    internal: boolean;
    acknowledged: boolean;
  }[];
  items: ConferenceItem[];
  version: number;
};
export type ConferenceSummary = Pick<Conference, 'id' | 'kind' | 'title' | 'heldOn'> & {
  acknowledged: boolean;
  memberCount: number;
};
export const conferencesQuery = () =>
  queryOptions({
    queryKey: agencyKeys.conferences,
    queryFn: () => api<ListPage<ConferenceSummary>>('/api/conferences'),
  });
export const conferenceQuery = (id: string) =>
  queryOptions({
    queryKey: agencyKeys.conference(id),
    queryFn: () => api<Conference>(`/api/conferences/${id}`),
    retry: false,
  });
export const createConference = (body: {
  kind: Conference['kind'];
  title: string;
  heldOn: string;
  agenda: string;
  acknowledge: boolean;
  memberAccountIds: string[];
}) => api<Conference>('/api/conferences', { method: 'POST', body });
export const acknowledge = (id: string) =>
  api<Conference>(`/api/conferences/${id}/acknowledge`, { method: 'POST' });
export const addItem = (
  id: string,
  body: {
    kind: ConferenceItem['kind'];
    text: string;
    ownerLabel: string;
    due: string | null;
    personId: string | null;
    agencyId: string | null;
    scope: string;
  },
) => api<ConferenceItem>(`/api/conferences/${id}/items`, { method: 'POST', body });
export type Candidate = { accountId: string; displayName: string; agencyName: string | null };
export const candidatesQuery = () =>
  queryOptions({
    queryKey: ['conferences', 'candidates'] as const,
    queryFn: () => api<{ items: Candidate[] }>('/api/conferences/candidates'),
  });
export const addConferencePerson = (id: string, personId: string) =>
  api<Conference>(`/api/conferences/${id}/persons`, { method: 'POST', body: { personId } });
export const addConferenceMember = (id: string, accountId: string) =>
  api<Conference>(`/api/conferences/${id}/members`, { method: 'POST', body: { accountId } });
export const saveMinutes = (id: string, version: number, minutes: string) =>
  api<Conference>(`/api/conferences/${id}/minutes`, { method: 'PUT', body: { version, minutes } });
export type MinutesVersion = { n: number; minutes: string; savedAt: string; savedByName: string };
export const minutesVersionsQuery = (id: string) =>
  queryOptions({
    queryKey: ['conferences', id, 'minutes'] as const,
    queryFn: () => api<{ items: MinutesVersion[] }>(`/api/conferences/${id}/minutes/versions`),
  });
/** Persons of the tenant the caller may see, matched by any part of the nickname or name. */
export const findPersons = (q: string) =>
  api<ListPage<{ id: string; nickname: string; status: string }>>('/api/support/persons', {
    query: { scope: 'all', q, limit: 20 },
  });

export type AccessReport = {
  personId: string;
  items: { at: string; role: string | null; agency: string | null; action: string }[];
  total: number;
};
export const accessReportQuery = (personId: string) =>
  queryOptions({
    queryKey: [...agencyKeys.rights(personId), 'access'],
    queryFn: () => api<AccessReport>(`/api/rights/persons/${personId}/access-report`),
  });
export type DisclosureItem = {
  key: string;
  source: { table: string; id: string };
  kind: string;
  at: string | null;
  origin: string;
  content: unknown;
  withhold: boolean;
  reason: WithholdReason | null;
};
export const WITHHOLD_REASONS = [
  'third_party_statement',
  'closed_support_conference',
  'harm_to_person',
  'other',
] as const;
export type WithholdReason = (typeof WITHHOLD_REASONS)[number];
export type Disclosure = {
  id: string;
  personId: string;
  receivedOn: string;
  status: 'draft' | 'approved';
  itemCount: number;
  withheldCount: number;
  items: DisclosureItem[];
  createdAt: string;
  approvedAt: string | null;
  version: number;
};
export const disclosuresQuery = (personId: string) =>
  queryOptions({
    queryKey: [...agencyKeys.rights(personId), 'disclosures'],
    queryFn: () => api<ListPage<Omit<Disclosure, 'items'>>>(`/api/rights/persons/${personId}/disclosures`),
  });
export const createDisclosure = (personId: string, receivedOn: string) =>
  api<Disclosure>(`/api/rights/persons/${personId}/disclosures`, { method: 'POST', body: { receivedOn } });
export const disclosureQuery = (id: string) =>
  queryOptions({
    queryKey: agencyKeys.disclosure(id),
    queryFn: () => api<Disclosure>(`/api/rights/disclosures/${id}`),
  });
export const decideItems = (
  id: string,
  version: number,
  items: { key: string; withhold: boolean; reason: WithholdReason | null }[],
) => api<Disclosure>(`/api/rights/disclosures/${id}/items`, { method: 'PUT', body: { version, items } });
export const approveDisclosure = (id: string, version: number) =>
  api<Disclosure>(`/api/rights/disclosures/${id}/approve`, { method: 'POST', body: { version } });
export type DisclosureDocument = {
  title: string;
  municipalityName: string;
  nickname: string;
  receivedOn: string;
  approvedOn: string;
  released: { kind: string; at: string | null; content: unknown }[];
  withheld: { kind: string; at: string | null; reason: WithholdReason }[];
  notes: string[];
};
export const disclosureDocumentQuery = (id: string) =>
  queryOptions({
    queryKey: [...agencyKeys.disclosure(id), 'document'],
    queryFn: () => api<DisclosureDocument>(`/api/rights/disclosures/${id}/document`),
  });
export type Correction = {
  id: string;
  receivedOn: string;
  item: string;
  request: string;
  outcome: 'corrected' | 'partly_corrected' | 'not_corrected' | null;
  explanation: string | null;
  version: number;
};
export const correctionsQuery = (personId: string) =>
  queryOptions({
    queryKey: [...agencyKeys.rights(personId), 'corrections'],
    queryFn: () => api<ListPage<Correction>>(`/api/rights/persons/${personId}/corrections`),
  });
export const createCorrection = (
  personId: string,
  body: { receivedOn: string; item: string; request: string },
) => api<Correction>(`/api/rights/persons/${personId}/corrections`, { method: 'POST', body });
export const decideCorrection = (
  id: string,
  body: { version: number; outcome: string; explanation: string },
) => api<Correction>(`/api/rights/corrections/${id}/decide`, { method: 'POST', body });

export type Retention = {
  policies: { recordClass: 'closed_case' | 'conference_minutes'; months: number; isDefault: boolean }[];
};
export const retentionQuery = () =>
  queryOptions({ queryKey: agencyKeys.retention, queryFn: () => api<Retention>('/api/rights/retention') });
export const saveRetention = (policies: { recordClass: string; months: number }[]) =>
  api<Retention>('/api/rights/retention', { method: 'PUT', body: { policies } });
export type PurgeRun = {
  id: string;
  ranAt: string;
  purged: { recordClass: string; recordId: string; rows: Record<string, number> }[];
};
export const purgesQuery = () =>
  queryOptions({
    queryKey: [...agencyKeys.retention, 'purges'],
    queryFn: () => api<ListPage<PurgeRun>>('/api/rights/purges'),
  });

/** Today in Tokyo (YYYY-MM-DD) for date fields. */
export const todayInTokyo = () =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
