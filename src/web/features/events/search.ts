import { EVENT_AUDIENCES, EVENT_KINDS, type EventAudience, type EventKind } from './api.ts';

/** URL search of `/events` (codes as numbers, so links stay readable; leading zeros restored by the route). */
export type EventsRouteSearch = {
  prefecture?: number;
  municipality?: number;
  kind?: EventKind;
  audience?: EventAudience;
  from?: string;
};

const oneOf = <T extends string>(list: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : undefined;

export function validateEventsSearch(search: Record<string, unknown>): EventsRouteSearch {
  const out: EventsRouteSearch = {};
  const municipality = String(search.municipality ?? '').padStart(6, '0');
  if (search.municipality !== undefined && /^\d{6}$/.test(municipality))
    out.municipality = Number(municipality);
  const prefecture = String(search.prefecture ?? '').padStart(2, '0');
  if (
    search.prefecture !== undefined &&
    /^\d{2}$/.test(prefecture) &&
    Number(prefecture) >= 1 &&
    Number(prefecture) <= 47
  )
    out.prefecture = Number(prefecture);
  const kind = oneOf(EVENT_KINDS, search.kind);
  if (kind) out.kind = kind;
  const audience = oneOf(EVENT_AUDIENCES, search.audience);
  if (audience) out.audience = audience;
  if (typeof search.from === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(search.from)) out.from = search.from;
  return out;
}
