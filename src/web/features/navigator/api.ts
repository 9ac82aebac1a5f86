import { queryOptions } from '@tanstack/react-query';
import type {
  LocalEntries,
  LocalResponse,
  LocalScheme,
  LocalSchemeInput,
  LocalWindow,
  LocalWindowInput,
  NewRuleSetBody,
  RuleSetDetail,
  RuleSetResponse,
  RuleSetSummary,
} from '../../../shared/contracts/navigator.ts';
import { api } from '../../api/client.ts';

/**
 * The navigator's server calls. The public page makes exactly two GETs, neither carrying an answer:
 * the national rule set in force and the town's windows. The plan is computed in the browser.
 */
export const rulesQuery = () =>
  queryOptions({
    queryKey: ['navigator', 'rules'],
    queryFn: () => api<RuleSetResponse>('/api/public/navigator/rules'),
    staleTime: 5 * 60_000,
  });

export const localQuery = (code: string, view: 'navigator' | 'sheet') =>
  queryOptions({
    queryKey: ['navigator', 'local', code, view],
    queryFn: () => api<LocalResponse>(`/api/public/navigator/local/${encodeURIComponent(code)}?view=${view}`),
    staleTime: 5 * 60_000,
  });

// ── console ──

export const ruleSetsQuery = () =>
  queryOptions({
    queryKey: ['navigator', 'rule-sets'],
    queryFn: () => api<{ items: RuleSetSummary[]; total: number }>('/api/navigator/rule-sets'),
  });
export const ruleSetQuery = (version: number) =>
  queryOptions({
    queryKey: ['navigator', 'rule-sets', version],
    queryFn: () => api<RuleSetDetail>(`/api/navigator/rule-sets/${version}`),
  });
export const publishRuleSet = (body: NewRuleSetBody) =>
  api<{ version: number }>('/api/navigator/rule-sets', { method: 'POST', body });

export const localEntriesQuery = () =>
  queryOptions({
    queryKey: ['navigator', 'local-entries'],
    queryFn: () => api<LocalEntries>('/api/navigator/local'),
  });
export const addWindow = (body: LocalWindowInput) =>
  api<LocalWindow>('/api/navigator/local/windows', { method: 'POST', body });
export const removeWindow = (id: string) =>
  api<void>(`/api/navigator/local/windows/${id}`, { method: 'DELETE' });
export const addScheme = (body: LocalSchemeInput) =>
  api<LocalScheme>('/api/navigator/local/schemes', { method: 'POST', body });
export const removeScheme = (id: string) =>
  api<void>(`/api/navigator/local/schemes/${id}`, { method: 'DELETE' });
