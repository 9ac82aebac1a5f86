import { queryOptions } from '@tanstack/react-query';
import type { AccountSummary as Account, AccountStatus } from '../../shared/contracts/accounts.ts';
import { api, type ListPage } from './client.ts';

/**
 * The administrator's list of the tenant's accounts, shared: the admin pages page through it, and
 * other features' staff pages use it to pick an account (an event's organisers, a referral's
 * recipient). The server allows it to whoever may manage accounts.
 */
export const ACCOUNTS_PAGE_SIZE = 50;

/** sort is server-side (the list is paged): email (default), name, created. */
export type AccountSort = 'email' | 'name' | 'created';
export type AccountFilter = { q?: string; status?: AccountStatus; sort?: AccountSort };

export const accountsQuery = (
  filter: AccountFilter,
  cursor: string | undefined,
  limit = ACCOUNTS_PAGE_SIZE,
) =>
  queryOptions({
    queryKey: ['admin', 'accounts', 'list', filter, cursor ?? null, limit],
    queryFn: ({ signal }) =>
      api<ListPage<Account>>('/api/admin/accounts', {
        query: { q: filter.q, status: filter.status, sort: filter.sort, cursor, limit },
        signal,
      }),
  });
