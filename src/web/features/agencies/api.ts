import { queryOptions } from '@tanstack/react-query';
import type {
  AgencyKind,
  AgencyView,
  ConferenceCandidates,
  ConferenceDetail,
  ConferenceItemView,
  ConferenceSummary,
  Inbox,
  InboxItem,
  MinutesVersions,
  ReferralStatus,
  ReferralView,
  SharedReferral,
} from '../../../shared/contracts/agencies.ts';
import type {
  AccessReport,
  CorrectionView,
  DisclosureDocument,
  DisclosureItem,
  DisclosureView,
  PurgeReport,
  RetentionView,
  WithholdReason,
} from '../../../shared/contracts/rights.ts';
import type { Role } from '../../../shared/roles.ts';
import { api, type ListPage } from '../../api/client.ts';

/**
 * Queries of the agencies and rights APIs. Their shapes are the shared contracts
 * (src/shared/contracts/agencies.ts, rights.ts; reference in src/server/modules/agencies/README.md).
 */
export { AGENCY_KINDS, REFERRAL_STATUSES } from '../../../shared/contracts/agencies.ts';
export { WITHHOLD_REASONS } from '../../../shared/contracts/rights.ts';
export type {
  AccessReport,
  AgencyKind,
  DisclosureDocument,
  DisclosureItem,
  InboxItem,
  ReferralStatus,
  SharedReferral,
  WithholdReason,
};
export type Agency = AgencyView;
export type Referral = ReferralView;
export type ConferenceItem = ConferenceItemView;
export type Conference = ConferenceDetail;
export type { ConferenceSummary };
export type Candidate = ConferenceCandidates['items'][number];
export type MinutesVersion = MinutesVersions['items'][number];
export type Disclosure = DisclosureView;
export type Correction = CorrectionView;
export type Retention = RetentionView;
export type PurgeRun = PurgeReport['items'][number];

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

/**
 * Active accounts of the tenant, for choosing an agency's members (the page keeps those with the
 * agency-member role). The same request and cache entry as the administration list, read here
 * without importing that feature; only the fields this page shows are named.
 */
export type TenantAccount = { id: string; email: string; displayName: string; roles: Role[] };
export const activeAccountsQuery = (limit = 200) =>
  queryOptions({
    queryKey: ['admin', 'accounts', 'list', { status: 'active' }, null, limit],
    queryFn: ({ signal }) =>
      api<ListPage<TenantAccount>>('/api/admin/accounts', { query: { status: 'active', limit }, signal }),
  });

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
    queryFn: () => api<Inbox>('/api/agency/referrals'),
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

export const accessReportQuery = (personId: string) =>
  queryOptions({
    queryKey: [...agencyKeys.rights(personId), 'access'],
    queryFn: () => api<AccessReport>(`/api/rights/persons/${personId}/access-report`),
  });
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
export const disclosureDocumentQuery = (id: string) =>
  queryOptions({
    queryKey: [...agencyKeys.disclosure(id), 'document'],
    queryFn: () => api<DisclosureDocument>(`/api/rights/disclosures/${id}/document`),
  });
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

export const retentionQuery = () =>
  queryOptions({ queryKey: agencyKeys.retention, queryFn: () => api<Retention>('/api/rights/retention') });
export const saveRetention = (policies: { recordClass: string; months: number }[]) =>
  api<Retention>('/api/rights/retention', { method: 'PUT', body: { policies } });
export const purgesQuery = () =>
  queryOptions({
    queryKey: [...agencyKeys.retention, 'purges'],
    queryFn: () => api<ListPage<PurgeRun>>('/api/rights/purges'),
  });

/** Today in Tokyo (YYYY-MM-DD) for date fields. */
export const todayInTokyo = () =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
