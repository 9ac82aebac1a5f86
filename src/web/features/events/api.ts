import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, type ListPage } from '../../api/client.ts';
import { newIdempotencyKey, publicPost } from '../../api/public-post.ts';

/** Shapes of /api/public/events and /api/events (src/server/modules/events/events.schema.ts). */
export const EVENT_KINDS = [
  'family_study_series',
  'family_salon',
  'open_day',
  'lecture',
  'peer_meeting',
  'other',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_AUDIENCES = ['family', 'person', 'both', 'supporters', 'anyone'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];
export const EVENT_DELIVERIES = ['in_person', 'online', 'both'] as const;
export type EventDelivery = (typeof EVENT_DELIVERIES)[number];
export type EventStatus = 'draft' | 'published' | 'cancelled';
export type SeatStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export type PublicSession = {
  id: string;
  seq: number;
  topic: string;
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'cancelled';
  seatsLeft: number | null;
  waitlisted: number;
  registrationOpen: boolean;
};

export type Organiser = { id: string; kind: 'tenant' | 'family_association' | 'peer_group'; name: string };

export type PublicEventSummary = {
  id: string;
  municipalityCode: string;
  municipalityName: string;
  prefectureName: string;
  kind: EventKind;
  isSeries: boolean;
  title: string;
  audience: EventAudience;
  delivery: EventDelivery;
  venueName: string;
  feeYen: number;
  capacity: number | null;
  status: EventStatus;
  organiser: Organiser;
  sessionCount: number;
  nextSession: PublicSession | null;
};

export type PublicEvent = PublicEventSummary & {
  titleKana: string;
  titleEn: string;
  description: string;
  address: string;
  addressDetail: string;
  location: { lat: number; lng: number } | null;
  accessNote: string;
  parkingNote: string;
  onlineNote: string;
  feeNote: string;
  accessibility: string;
  contactName: string;
  contactPhone: string;
  placeId: string | null;
  registrationOpen: boolean;
  sessions: PublicSession[];
};

export type EventSearch = {
  prefecture?: string;
  municipality?: string;
  kind?: EventKind;
  audience?: EventAudience;
  from?: string;
};

export type RegistrationSession = {
  sessionId: string;
  seq: number;
  topic: string;
  startsAt: string;
  endsAt: string;
  sessionStatus: 'scheduled' | 'cancelled';
  status: SeatStatus;
  waitlistPosition: number | null;
  cancellable: boolean;
};

export type RegisterBody = {
  nickname: string;
  people: number;
  email: string | null;
  phone: string | null;
  needs: string;
  nameConsent: boolean;
};
export type RegisterResult = {
  token: string;
  receiptNumber: string;
  cancelCode: string;
  eventId: string;
  people: number;
  sessions: RegistrationSession[];
};

export type PublicRegistration = {
  event: {
    id: string;
    title: string;
    status: EventStatus;
    venueName: string;
    address: string;
    onlineNote: string;
    contactName: string;
    contactPhone: string;
  };
  people: number;
  hasContact: boolean;
  sessions: RegistrationSession[];
};

export const eventsSearchQuery = (search: EventSearch) =>
  infiniteQueryOptions({
    queryKey: ['events', 'search', search],
    queryFn: ({ signal, pageParam }) =>
      api<ListPage<PublicEventSummary>>('/api/public/events', {
        query: { ...search, limit: 20, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 60_000,
  });

export const publicEventQuery = (id: string) =>
  queryOptions({
    queryKey: ['events', 'public', id],
    queryFn: ({ signal }) => api<PublicEvent>(`/api/public/events/${id}`, { signal }),
  });

export const registrationQuery = (token: string) =>
  queryOptions({
    queryKey: ['events', 'registration', token],
    queryFn: ({ signal }) =>
      api<PublicRegistration>(`/api/public/event-registrations/${encodeURIComponent(token)}`, { signal }),
    retry: false,
    gcTime: 0,
  });

export const registerForEvent = (eventId: string, body: RegisterBody, key: string) =>
  publicPost<RegisterResult>(`/api/public/events/${eventId}/registrations`, body, key);

export const cancelSession = (token: string, sessionId: string) =>
  publicPost<PublicRegistration>(
    `/api/public/event-registrations/${encodeURIComponent(token)}/sessions/${sessionId}/cancel`,
    {},
  );

export { newIdempotencyKey };

// ── staff ──

export type StaffSession = PublicSession & {
  confirmedPeople: number;
  waitlistedPeople: number;
  attendanceCount: number | null;
  attendanceRecordedAt: string | null;
};

export type StaffEvent = Omit<
  PublicEvent,
  'municipalityName' | 'prefectureName' | 'sessionCount' | 'nextSession' | 'sessions'
> & {
  organiserId: string;
  registrationClosesHoursBefore: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  sessions: StaffSession[];
};

export type StaffEventSummary = {
  id: string;
  kind: EventKind;
  isSeries: boolean;
  title: string;
  status: EventStatus;
  organiser: Organiser;
  sessionCount: number;
  firstStartsAt: string | null;
  lastStartsAt: string | null;
  confirmedPeople: number;
  waitlistedPeople: number;
  version: number;
};

export type StaffRegistration = {
  id: string;
  nickname: string;
  people: number;
  email: string | null;
  phone: string | null;
  needs: string;
  nameConsent: boolean;
  createdAt: string;
  sessions: Array<{
    sessionId: string;
    seq: number;
    status: SeatStatus;
    waitlistPosition: number | null;
    /** Seats left (null = no limit): a waiting party has more people than this. */
    seatsLeft: number | null;
  }>;
};

export type StaffEventSort = 'created' | 'date' | 'title';
/** Filtered and ordered on the server (the list is paged); the first 200 are shown. */
export const staffEventsQuery = (filter: { q?: string; sort?: StaffEventSort } = {}) =>
  queryOptions({
    queryKey: ['events', 'staff', 'list', filter.q ?? '', filter.sort ?? 'created'],
    queryFn: ({ signal }) =>
      api<ListPage<StaffEventSummary>>('/api/events', {
        query: {
          limit: 200,
          ...(filter.q ? { q: filter.q } : {}),
          ...(filter.sort && filter.sort !== 'created' ? { sort: filter.sort } : {}),
        },
        signal,
      }),
  });

export const staffEventQuery = (id: string) =>
  queryOptions({
    queryKey: ['events', 'staff', id],
    queryFn: ({ signal }) => api<StaffEvent>(`/api/events/${id}`, { signal }),
  });

export const organisersQuery = () =>
  queryOptions({
    queryKey: ['events', 'organisers'],
    queryFn: ({ signal }) =>
      api<{ items: Array<Organiser & { placeId: string | null; memberAccountIds: string[] }> }>(
        '/api/events/organisers',
        { signal },
      ),
  });

export const registrationsQuery = (id: string) =>
  queryOptions({
    queryKey: ['events', 'staff', id, 'registrations'],
    queryFn: ({ signal }) =>
      api<ListPage<StaffRegistration>>(`/api/events/${id}/registrations`, { query: { limit: 200 }, signal }),
  });

/** By 受付番号 and cancel code (typed on the event's cancel page): POST, so they stay out of addresses. */
export type RegistrationCodes = { receiptNumber: string; cancelCode: string };
export const findRegistrationByCode = (eventId: string, codes: RegistrationCodes) =>
  publicPost<PublicRegistration>(`/api/public/events/${eventId}/registrations/find`, codes);
export const cancelSessionByCode = (eventId: string, codes: RegistrationCodes, sessionId: string) =>
  publicPost<PublicRegistration>(`/api/public/events/${eventId}/registrations/cancel`, {
    ...codes,
    sessionId,
  });
