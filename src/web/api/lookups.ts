import { api, buildUrl } from './client.ts';

/**
 * The public bank reference (全銀 codes) and the directory's place search, for the pickers two
 * features use (a subsidy applicant's bank and destination, a peer supporter's bank and shift place).
 */
export type Bank = { code: string; name: string; kana: string };
export type Branch = { bankCode: string; code: string; name: string; kana: string };
export type PlaceHit = { id: string; name: string; address?: string | null; kind: string };

export const searchBanks = (q: string) =>
  api<{ items: Bank[]; total: number }>(buildUrl('/api/public/banks', { q, limit: 10 }));
export const searchBranches = (bankCode: string, q: string) =>
  api<{ items: Branch[]; total: number }>(
    buildUrl(`/api/public/banks/${bankCode}/branches`, { q, limit: 10 }),
  );
export const searchPlaces = (municipality: string, q: string) =>
  api<{ items: PlaceHit[]; total: number }>(buildUrl('/api/public/places', { municipality, q, limit: 10 }));
