import { queryOptions } from '@tanstack/react-query';
import type {
  EventAudience,
  EventDelivery,
  EventKind,
  EventStatus,
  OrganiserList,
  PublicEvent,
  PublicEventSummary,
  PublicOrganiser,
  PublicRegistration,
  RegisterResult,
  RegistrationSessionView,
  SeatStatus,
  StaffEvent,
  StaffEventSummary,
  StaffRegistration,
  StaffSession,
} from '../../../shared/contracts/events.ts';
import { api, type ListPage } from '../../api/client.ts';
import { type EventSearch, eventsSearchQuery, publicEventQuery } from '../../api/events.ts';
import { newIdempotencyKey, publicPost } from '../../api/public-post.ts';

/**
 * Shapes of /api/public/events and /api/events: the server's contracts (src/shared/contracts/events.ts),
 * imported type-only, named here for the feature's pages. Other features import the contract itself,
 * and the two queries they share from src/web/api/events.ts.
 */
export type {
  EventAudience,
  EventDelivery,
  EventKind,
  EventStatus,
  PublicEvent,
  PublicEventSummary,
  PublicRegistration,
  RegisterResult,
  SeatStatus,
  StaffEvent,
  StaffRegistration,
  StaffSession,
};
export type Organiser = PublicOrganiser;
export type RegistrationSession = RegistrationSessionView;

/** The choices the search and the event form offer, from the contract's zod-free lists. */
export { EVENT_AUDIENCES, EVENT_DELIVERIES, EVENT_KINDS } from '../../../shared/contracts/events-enums.ts';

export { type EventSearch, eventsSearchQuery, publicEventQuery };

type RegisterBody = {
  nickname: string;
  people: number;
  email: string | null;
  phone: string | null;
  needs: string;
  nameConsent: boolean;
};

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
    queryFn: ({ signal }) => api<OrganiserList>('/api/events/organisers', { signal }),
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
