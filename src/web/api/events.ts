import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type {
  EventAudience,
  EventKind,
  PublicEvent,
  PublicEventSummary,
} from '../../shared/contracts/events.ts';
import { api, type ListPage } from './client.ts';

/**
 * The public events a page of another feature shows too: the events search (the events list, a model
 * case's form offering the town's events) and one public event (its page, a model case that links
 * it). Shapes are the server's contracts (src/shared/contracts/events.ts), imported type-only; the
 * events feature keeps the rest of its calls in features/events/api.ts.
 */
export type EventSearch = {
  prefecture?: string;
  municipality?: string;
  kind?: EventKind;
  audience?: EventAudience;
  from?: string;
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
