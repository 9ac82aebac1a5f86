import './i18n.ts';
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ACCOUNT_TYPES,
  APPLICANT_RELATIONS,
  APPLICATION_STATUSES,
  ApplicationDetail as ApplicationDetailSchema,
  ApplicationSummary as ApplicationSummarySchema,
  CheckBody,
  CLAIM_STATUSES,
  ClaimBody,
  Claim as ClaimSchema,
  ConfirmBody,
  DECISIONS,
  DecideBody,
  Leg as LegSchema,
  Notice as NoticeSchema,
  ProgrammeBody,
  Programme as ProgrammeSchema,
  PublicApplicationBody,
  PublicProgramme as PublicProgrammeSchema,
  PublicStatus as PublicStatusSchema,
  Revealed,
  SubmittedApplication,
  TRAVEL_MODES,
  UpdateProgrammeBody,
  WaitingClaim as WaitingClaimSchema,
} from '../../../shared/contracts/subsidies.ts';
import { ApiError, api, buildUrl, type ListPage } from '../../api/client.ts';
import { searchPlaces } from '../../api/lookups.ts';
import { newIdempotencyKey as newKey, publicPost } from '../../api/public-post.ts';
import { i18n } from '../../i18n/index.ts';
import { acceptLanguageOf } from '../../i18n/language.ts';

/** Shapes of the subsidies API: the JSON of src/shared/contracts/subsidies.ts. */
export { IDENTITY_DOCUMENTS, RESIDENCY_METHODS } from '../../../shared/contracts/subsidies.ts';

export const newIdempotencyKey = () => newKey('subsidy');

export type Relation = (typeof APPLICANT_RELATIONS)[number];
export type TravelMode = (typeof TRAVEL_MODES)[number];
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type DecisionKind = (typeof DECISIONS)[number];

export type PublicProgramme = z.output<typeof PublicProgrammeSchema>;
export type Leg = z.input<typeof LegSchema>;
/** What the form sends (the body before the server's defaults and trimming). */
export type ApplicationInput = z.input<typeof PublicApplicationBody>;
export type Submitted = z.output<typeof SubmittedApplication>;
export type PublicStatus = z.output<typeof PublicStatusSchema>;

/** The bank reference and the place search are the shared ones (src/web/api/lookups.ts). */
export type { Bank, Branch } from '../../api/lookups.ts';

export const publicProgrammeQuery = (code: string) =>
  queryOptions({
    queryKey: ['subsidies', 'public-programme', code],
    queryFn: () => api<PublicProgramme>(`/api/public/subsidy-programmes/${code}`),
    retry: false,
  });

/** A destination the programme pays the fare to: a published place, or an upcoming event of the town. */
export type DestinationHit = { kind: 'place' | 'event'; id: string; name: string };

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * Places by the directory's reading-aware search, and the town's upcoming events whose title holds
 * the words typed (the events list has no keyword search; a town has tens of events, not thousands).
 */
export async function searchDestinations(municipality: string, q: string): Promise<DestinationHit[]> {
  const [places, events] = await Promise.all([
    searchPlaces(municipality, q),
    api<{ items: Array<{ id: string; title: string }> }>(
      buildUrl('/api/public/events', { municipality, limit: 50 }),
    ),
  ]);
  const words = fold(q).split(/\s+/).filter(Boolean);
  return [
    ...places.items.map((p): DestinationHit => ({ kind: 'place', id: p.id, name: p.name })),
    ...events.items
      .filter((e) => words.every((w) => fold(e.title).includes(w)))
      .map((e): DestinationHit => ({ kind: 'event', id: e.id, name: e.title })),
  ];
}

/**
 * The application as multipart (a JSON field and the receipt files), with `Idempotency-Key`: a retry
 * after a lost answer returns the same receipt number instead of a second application.
 */
export async function submitApplication(
  input: ApplicationInput,
  files: File[],
  key: string,
  staff = false,
): Promise<Submitted & { id?: string }> {
  const form = new FormData();
  // Staff enter an application at the counter in their own tenant (the route takes it from the session).
  const { municipalityCode: _tenant, ...staffInput } = input;
  form.append('application', JSON.stringify(staff ? staffInput : input));
  for (const file of files) form.append('receipts', file, file.name);
  let response: Response;
  try {
    const csrf = staff
      ? (
          (await (await fetch('/api/auth/csrf', { credentials: 'same-origin' })).json()) as {
            csrfToken: string;
          }
        ).csrfToken
      : null;
    response = await fetch(staff ? '/api/subsidies/applications' : '/api/public/subsidy-applications', {
      method: 'POST',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Accept-Language': acceptLanguageOf(document.documentElement.lang),
        'Idempotency-Key': key,
        ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
      },
      body: form,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: '', status: 0, code: 'network', errors: [] }, false);
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok && body) return body as unknown as Submitted & { id?: string };
  const p = body ?? {};
  throw new ApiError(
    {
      type: typeof p.type === 'string' ? p.type : 'about:blank',
      title: typeof p.title === 'string' ? p.title : '',
      status: response.ok ? 0 : response.status,
      detail: typeof p.detail === 'string' ? p.detail : undefined,
      code: typeof p.code === 'string' ? p.code : undefined,
      errors: Array.isArray(p.errors) ? (p.errors as { pointer: string; message: string }[]) : [],
    },
    typeof p.title === 'string' && p.title !== '',
  );
}

export const readStatus = (receiptNumber: string) =>
  publicPost<PublicStatus>('/api/public/subsidy-applications/status', { receiptNumber });

// ── staff ─────────────────────────────────────────────────────────────────────────────────────

export type Programme = z.output<typeof ProgrammeSchema>;
export type ApplicationSummary = z.output<typeof ApplicationSummarySchema>;
export type Claim = z.output<typeof ClaimSchema>;
export type ApplicationDetail = z.output<typeof ApplicationDetailSchema>;
export type Notice = z.output<typeof NoticeSchema>;

export const programmesQuery = () =>
  queryOptions({
    queryKey: ['subsidies', 'programmes'],
    queryFn: () => api<{ items: Programme[] }>('/api/subsidies/programmes'),
  });

export type ApplicationSort = 'newest' | 'oldest' | 'destination' | 'requested';
export const applicationsQuery = (
  status: ApplicationStatus | '',
  cursor?: string,
  filter: { q?: string; sort?: ApplicationSort } = {},
) =>
  queryOptions({
    queryKey: ['subsidies', 'applications', status, filter.q ?? '', filter.sort ?? 'newest', cursor ?? null],
    queryFn: () =>
      api<ListPage<ApplicationSummary>>(
        buildUrl('/api/subsidies/applications', {
          status: status || undefined,
          q: filter.q || undefined,
          sort: filter.sort && filter.sort !== 'newest' ? filter.sort : undefined,
          cursor,
          limit: 50,
        }),
      ),
  });

export const applicationQuery = (id: string) =>
  queryOptions({
    queryKey: ['subsidies', 'application', id],
    queryFn: () => api<ApplicationDetail>(`/api/subsidies/applications/${id}`),
  });

export const noticeQuery = (id: string) =>
  queryOptions({
    queryKey: ['subsidies', 'notice', id],
    queryFn: () => api<Notice>(`/api/subsidies/applications/${id}/notice`),
  });

export const createProgramme = (body: z.input<typeof ProgrammeBody>) =>
  api<Programme>('/api/subsidies/programmes', { method: 'POST', body });
export type ProgrammeUpdate = z.input<typeof UpdateProgrammeBody>;
export const updateProgramme = (id: string, body: ProgrammeUpdate) =>
  api<Programme>(`/api/subsidies/programmes/${id}`, { method: 'PUT', body });
export const recordCheck = (id: string, body: z.input<typeof CheckBody>) =>
  api<ApplicationDetail>(`/api/subsidies/applications/${id}/check`, { method: 'POST', body });
export const decide = (id: string, body: z.input<typeof DecideBody>) =>
  api<ApplicationDetail>(`/api/subsidies/applications/${id}/decision`, { method: 'POST', body });
export const reveal = (id: string, field: 'contact' | 'bank') =>
  api<z.output<typeof Revealed>>(`/api/subsidies/applications/${id}/reveal-${field}`, {
    method: 'POST',
    body: {},
  });
export const addClaim = (id: string, body: z.input<typeof ClaimBody>) =>
  api<Claim>(`/api/subsidies/applications/${id}/claims`, { method: 'POST', body });
export type WaitingClaim = z.output<typeof WaitingClaimSchema>;
export type WaitingClaimSort = 'entered' | 'month' | 'applicant' | 'amount';
export const waitingClaimsQuery = (cursor?: string, filter: { q?: string; sort?: WaitingClaimSort } = {}) =>
  queryOptions({
    queryKey: ['subsidies', 'claims', 'waiting', filter.q ?? '', filter.sort ?? 'entered', cursor ?? null],
    queryFn: () =>
      api<ListPage<WaitingClaim>>(
        buildUrl('/api/subsidies/claims/waiting', {
          q: filter.q || undefined,
          sort: filter.sort && filter.sort !== 'entered' ? filter.sort : undefined,
          cursor,
          limit: 50,
        }),
      ),
  });

export const confirmClaim = (claimId: string, body: z.input<typeof ConfirmBody>) =>
  api<Claim>(`/api/subsidies/claims/${claimId}/confirm`, { method: 'POST', body });
export const rejectClaim = (claimId: string, reason: string) =>
  api<Claim>(`/api/subsidies/claims/${claimId}/reject`, { method: 'POST', body: { reason } });

/** An amount in yen as `language` writes it (the catalogue's `subsidies.format.yen`). */
export const yen = (n: number, language: string) =>
  i18n.getFixedT(language)('subsidies.format.yen', { amount: n.toLocaleString('ja-JP') });
