import { and, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { PersonSummary } from '../../../shared/contracts/support.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { foldForSearch, type SearchToken, searchTokens } from '../../platform/text/search.ts';
import {
  indexCandidates,
  normalizePhone,
  open,
  type PersonRow,
  type SupportContext,
  today,
  visibleTo,
} from './support.access.ts';
import { summarize } from './support.persons.ts';
import { normalizeName, SUPPORT_CONTEXTS, supportPersons } from './support.tables.ts';

/**
 * Finding persons: the caseload list (sorted, filtered, paged), the search before creating a record
 * and the nickname lookup the audit reader uses.
 */

const ListCursor = z.object({ k: z.string(), i: z.string() });
const OffsetCursor = z.object({ o: z.number().int().min(0) });

export type PersonListSort = 'contact' | 'nickname' | 'review' | 'urgency';

/**
 * My cases (or every case I may see). Default order: never contacted first, then the longest since
 * contact — long gaps come first. `q` matches any part of the nickname, the name or its reading
 * (はる and ハル find はるさん); names are encrypted, so a text query or a sort by nickname decrypts the
 * tenant's visible persons in this transaction and filters in memory — a caseload is hundreds, not
 * millions, and no plaintext index of names exists to leak.
 */
export async function listPersons(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  actor: Actor,
  query: {
    scope: 'mine' | 'all';
    status: 'active' | 'closed';
    familyOnly?: 'true' | 'false';
    q?: string | undefined;
    sort?: PersonListSort | undefined;
    limit: number;
    cursor?: string;
  },
): Promise<ListResult<PersonSummary>> {
  const filters: SQL[] = [
    sql`p.municipality_code = ${tenant}`,
    sql`p.status = ${query.status}`,
    visibleTo(actor, today(ctx)),
  ];
  if (query.scope === 'mine') filters.push(sql`p.lead_worker_id = ${actor.accountId}`);
  if (query.familyOnly) filters.push(sql`p.family_only = ${query.familyOnly === 'true'}`);
  const where = sql.join(filters, sql` and `);
  const tokens = query.q ? searchTokens(query.q) : [];
  const sort = query.sort ?? 'contact';
  if (tokens.length > 0 || sort !== 'contact') {
    return listPersonsInMemory(tx, ctx, tenant, where, tokens, sort, query);
  }
  const after = decodeCursor(query.cursor, ListCursor);
  const key = sql`coalesce(p.last_contact_at, '-infinity'::timestamptz)`;
  const page = await rows<{ id: string }>(
    tx,
    sql`select p.id from support_persons p where ${where}
        ${after ? sql`and (${key}, p.id) > (${after.k}::timestamptz, ${after.i}::uuid)` : sql``}
        order by ${key} asc, p.id asc limit ${query.limit + 1}`,
  );
  const [{ n } = { n: 0 }] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from support_persons p where ${where}`,
  );
  const items = await personsByIds(
    tx,
    tenant,
    page.slice(0, query.limit).map((r) => r.id),
  );
  const last = items.at(-1);
  return {
    items: items.map((r) => summarize(ctx, r)),
    total: n,
    nextCursor:
      page.length > query.limit && last
        ? encodeCursor({ k: last.lastContactAt ? last.lastContactAt.toISOString() : '-infinity', i: last.id })
        : null,
  };
}

const URGENCY_ORDER: Record<string, number> = { emergency: 0, urgent: 1, watch: 2, none: 3 };

/** Every token is found in a part of one of the names, as written (folded) or by its reading. */
function namesMatch(names: readonly string[], tokens: readonly SearchToken[]): boolean {
  const folded = names.map((n) => foldForSearch(n).replace(/\s+/g, ''));
  const readings = names.map((n) => normalizeName(n));
  return tokens.every(
    (t) =>
      folded.some((f) => f.includes(t.text.replace(/\s+/g, ''))) ||
      (t.reading !== null && readings.some((r) => r.includes(t.reading!))),
  );
}

/**
 * For an administrator answering a 開示請求 or preparing a breach report: the tenant's persons whose
 * nickname matches `q` (part of it, or its reading), as id and nickname only — enough to pick the
 * person whose audit trail is wanted, nothing of the case. Merged records are left out (their trail
 * is the survivor's). The route audits the lookup.
 */
export async function personsByNicknameForAudit(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  q: string,
  limit: number,
): Promise<Array<{ id: string; nickname: string; status: string }>> {
  const tokens = searchTokens(q);
  if (tokens.length === 0) return [];
  const candidates = await tx
    .select({
      id: supportPersons.id,
      status: supportPersons.status,
      nickname: supportPersons.nicknameEncrypted,
    })
    .from(supportPersons)
    .where(and(eq(supportPersons.municipalityCode, tenant), ne(supportPersons.status, 'merged')));
  const collator = new Intl.Collator('ja');
  return candidates
    .map((row) => ({
      id: row.id,
      status: row.status,
      nickname: open(ctx, row.nickname, SUPPORT_CONTEXTS.nickname),
    }))
    .filter((p) => namesMatch([p.nickname], tokens))
    .sort((a, b) => collator.compare(a.nickname, b.nickname) || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}

/** Every visible person's names decrypted once, matched against every token, sorted, then paged by offset. */
async function listPersonsInMemory(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  where: SQL,
  tokens: SearchToken[],
  sort: PersonListSort,
  query: { limit: number; cursor?: string },
): Promise<ListResult<PersonSummary>> {
  const candidates = await tx
    .select()
    .from(supportPersons)
    .where(
      and(
        eq(supportPersons.municipalityCode, tenant),
        sql`${supportPersons.id} in (select p.id from support_persons p where ${where})`,
      ),
    );
  const C = SUPPORT_CONTEXTS;
  const matched = candidates
    .map((row) => {
      const nickname = open(ctx, row.nicknameEncrypted, C.nickname);
      const names = [
        nickname,
        row.realNameEncrypted ? open(ctx, row.realNameEncrypted, C.realName) : '',
        row.realNameKanaEncrypted ? open(ctx, row.realNameKanaEncrypted, C.realNameKana) : '',
      ];
      return { row, nickname, names };
    })
    .filter(({ names }) => namesMatch(names, tokens));
  // Never contacted first. Not -Infinity: -Infinity − -Infinity is NaN, which sort() takes for "equal"
  // and so skipped the id tie-break (the order of never-contacted persons changed between requests).
  const contactKey = (r: PersonRow) => r.lastContactAt?.getTime() ?? Number.MIN_SAFE_INTEGER;
  const byId = (a: PersonRow, b: PersonRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const collator = new Intl.Collator('ja');
  matched.sort((a, b) => {
    let order = 0;
    if (sort === 'nickname') order = collator.compare(a.nickname, b.nickname);
    else if (sort === 'review')
      order = (a.row.nextReviewOn ?? '9999-12-31').localeCompare(b.row.nextReviewOn ?? '9999-12-31');
    else if (sort === 'urgency')
      order = (URGENCY_ORDER[a.row.urgency ?? 'none'] ?? 4) - (URGENCY_ORDER[b.row.urgency ?? 'none'] ?? 4);
    if (order === 0) order = contactKey(a.row) - contactKey(b.row);
    return order !== 0 ? order : byId(a.row, b.row);
  });
  const offset = decodeCursor(query.cursor, OffsetCursor)?.o ?? 0;
  const page = matched.slice(offset, offset + query.limit);
  const next = offset + query.limit;
  return {
    items: page.map(({ row }) => summarize(ctx, row)),
    total: matched.length,
    nextCursor: next < matched.length ? encodeCursor({ o: next }) : null,
  };
}

export async function personsByIds(tx: Tx, tenant: string, ids: string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  const found = await tx
    .select()
    .from(supportPersons)
    .where(and(eq(supportPersons.municipalityCode, tenant), inArray(supportPersons.id, ids)));
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

/** Search before create: exact matches of folded values through blind indexes (no plaintext search). */
export async function searchPersons(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  actor: Actor,
  input: { nickname?: string; realName?: string; realNameKana?: string; birthDate?: string; phone?: string },
) {
  type Field = 'nickname' | 'realName' | 'realNameKana' | 'birthDate' | 'phone';
  const checks: { field: Field; column: string; values: string[] }[] = [];
  /** Searches `column` for the folded value under every key its blind index may have been made with. */
  const check = (field: Field, column: string, folded: string) =>
    checks.push({ field, column, values: indexCandidates(ctx, folded, SUPPORT_CONTEXTS[field]) });
  if (input.nickname) check('nickname', 'nickname_index', normalizeName(input.nickname));
  if (input.realName) check('realName', 'real_name_index', normalizeName(input.realName));
  if (input.realNameKana) check('realNameKana', 'real_name_kana_index', normalizeName(input.realNameKana));
  if (input.birthDate) check('birthDate', 'birth_date_index', input.birthDate);
  const phone = input.phone ? normalizePhone(input.phone) : '';
  if (phone) check('phone', 'phone_index', phone);
  if (checks.length === 0) return [];
  const matches = new Map<string, Set<(typeof checks)[number]['field']>>();
  for (const check of checks) {
    const found = await rows<{ id: string }>(
      tx,
      sql`select p.id from support_persons p
          where p.municipality_code = ${tenant} and p.status <> 'merged'
            and ${sql.raw(`p.${check.column}`)} in (${sql.join(
              check.values.map((v) => sql`${v}`),
              sql`, `,
            )})
            and ${visibleTo(actor, today(ctx))}
          limit 50`,
    );
    for (const { id } of found) {
      const set = matches.get(id) ?? new Set();
      set.add(check.field);
      matches.set(id, set);
    }
  }
  const persons = await personsByIds(tx, tenant, [...matches.keys()]);
  return persons
    .map((p) => ({ ...summarize(ctx, p), matchedOn: [...matches.get(p.id)!] }))
    .sort((a, b) => b.matchedOn.length - a.matchedOn.length);
}
