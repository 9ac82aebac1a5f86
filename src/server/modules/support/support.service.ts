import { randomUUID } from 'node:crypto';
import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableName,
  inArray,
  isNull,
  lte,
  ne,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Role } from '../../../shared/roles.ts';
import { formatWareki, isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import {
  blindIndex,
  blindIndexCandidates,
  decryptField,
  decryptOptional,
  encryptField,
} from '../../platform/crypto/fields.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { AppError, conflict, fieldError, notFound, registerErrorMessages } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { foldForSearch, type SearchToken, searchTokens } from '../../platform/text/search.ts';
import { displayNames } from '../accounts/accounts.service.ts';
import {
  consultationHoldings,
  linkConsultationToPerson,
  purgeConsultationsOfPersons,
} from '../consultations/consultations.service.ts';
import { getMunicipality, getTenantProfile } from '../municipalities/municipalities.service.ts';
import {
  type CaseFilePrint,
  type ConsentInput,
  type ConsentView,
  type ContactPreferences,
  type IntakeContent,
  type MeasureInput,
  NOTES_PRINT_MAX,
  type NoteInput,
  type NotesPrint,
  type NoteView,
  type PersonDetail,
  type PersonInput,
  type PersonSummary,
  type PlanContent,
} from './support.schema.ts';
import { checkHq25, gasTScore, PARTICIPATION_LADDER, scoreUcla3, scoreWho5 } from './support.scoring.ts';
import {
  normalizeName,
  SUPPORT_CONTEXTS,
  supportConsents,
  supportFamilyMembers,
  supportIntakeVersions,
  supportMeasures,
  supportNoteVersions,
  supportPersons,
  supportPlanVersions,
} from './support.tables.ts';

registerErrorMessages({
  support_merge_invalid: {
    title: { ja: 'この 2 件はまとめられません', en: 'These records cannot be merged' },
    detail: {
      ja: '同じ記録どうし、またはすでにまとめた記録はまとめられません。',
      en: 'A record cannot be merged with itself or with a record already merged.',
    },
  },
  support_worker_unknown: {
    title: { ja: '担当者が見つかりません', en: 'Unknown lead worker' },
  },
});

export type SupportContext = { clock: Clock; config: Pick<Config, 'dataKeys' | 'publicUrl'> };
type PersonRow = typeof supportPersons.$inferSelect;

const seal = (ctx: SupportContext, value: string, context: string) =>
  encryptField(value, ctx.config.dataKeys, context);
const open = (ctx: SupportContext, value: string, context: string) =>
  decryptField(value, ctx.config.dataKeys, context);
const index = (ctx: SupportContext, value: string, context: string) =>
  blindIndex(value, ctx.config.dataKeys[0]!, `${context}_index`);
const indexCandidates = (ctx: SupportContext, value: string, context: string) =>
  blindIndexCandidates(value, ctx.config.dataKeys, `${context}_index`);
const normalizePhone = (s: string) => s.normalize('NFKC').replace(/\D/g, '');
const today = (ctx: SupportContext) => isoDateInTokyo(ctx.clock.now());

// ── access ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Who sees a case (the consent check lives here, not only in the permission):
 * - consultation staff (相談支援員): every case of their tenant;
 * - labour staff (就労支援担当): only a case whose consent for `labour_collaboration` with the labour
 *   department is currently `given` (latest record, not past its expiry). A withdrawal hides it at once.
 * - anyone else: no case (municipal administrators manage accounts and settings, not case content).
 * A case the caller may not see answers 404, exactly like a case that does not exist.
 */
export type Access = { via: 'consultation' | 'labour_consent'; canManage: boolean };

const isConsultation = (actor: Actor) => actor.roles.includes('consultation');
const isLabour = (actor: Actor) => actor.roles.includes('labour');

/** SQL: the person `p` (alias of support_persons) has a labour-collaboration consent in force. */
function labourConsentInForce(personAlias: SQL, on: string): SQL {
  return sql`exists (
    select 1 from support_consents c
    where c.municipality_code = ${personAlias}.municipality_code
      and c.person_id = any(array_prepend(${personAlias}.id, ${personAlias}.merged_ids))
      and c.purpose = 'labour_collaboration' and c.recipient = 'labour_department'
      and c.status = 'given' and (c.expires_on is null or c.expires_on >= ${on}::date)
      and c.seq = (select max(c2.seq) from support_consents c2
                   where c2.municipality_code = c.municipality_code
                     and c2.person_id = any(array_prepend(${personAlias}.id, ${personAlias}.merged_ids))
                     and c2.purpose = c.purpose and c2.recipient = c.recipient))`;
}

/** The filter a list applies for this actor (persons table aliased as `p`). */
function visibleTo(actor: Actor, on: string): SQL {
  if (isConsultation(actor)) return sql`true`;
  if (isLabour(actor)) return labourConsentInForce(sql.raw('p'), on);
  return sql`false`;
}

async function accessTo(tx: Tx, ctx: SupportContext, actor: Actor, person: PersonRow): Promise<Access> {
  if (isConsultation(actor)) return { via: 'consultation', canManage: true };
  if (isLabour(actor)) {
    const [found] = await rows<{ ok: boolean }>(
      tx,
      sql`select ${labourConsentInForce(sql.raw('p'), today(ctx))} as ok from support_persons p
          where p.municipality_code = ${person.municipalityCode} and p.id = ${person.id}`,
    );
    if (found?.ok) return { via: 'labour_consent', canManage: false };
  }
  throw notFound();
}

const idsOf = (person: PersonRow) => [person.id, ...person.mergedIds];

/** A table whose rows belong to a person's record. */
type PersonOwned = { municipalityCode: PgColumn; personId: PgColumn };

/** SQL: the rows of `table` held under these person ids in the tenant. */
const heldUnder = (table: PersonOwned, tenant: string, personIds: string[]) =>
  and(eq(table.municipalityCode, tenant), inArray(table.personId, personIds));

/** SQL: the rows of `table` of this person, including those still held under a merged duplicate's id. */
const ofPerson = (table: PersonOwned, person: PersonRow) =>
  heldUnder(table, person.municipalityCode, idsOf(person));

/** Loads a case the actor may see (a merged duplicate opens its survivor). 404 otherwise. */
export async function loadPerson(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  actor: Actor,
  id: string,
): Promise<{ person: PersonRow; access: Access }> {
  const person = await findSurvivor(tx, tenant, id);
  if (!person) throw notFound();
  return { person, access: await accessTo(tx, ctx, actor, person) };
}

/** The record under this id; a merged duplicate answers with its survivor. */
async function findSurvivor(tx: Tx, tenant: string, id: string): Promise<PersonRow | undefined> {
  let [person] = await tx
    .select()
    .from(supportPersons)
    .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.id, id)));
  if (person?.mergedInto) {
    [person] = await tx
      .select()
      .from(supportPersons)
      .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.id, person.mergedInto)));
  }
  return person;
}

// ── persons ─────────────────────────────────────────────────────────────────────────────────────

function preferencesOf(ctx: SupportContext, row: PersonRow): ContactPreferences {
  return JSON.parse(open(ctx, row.contactPreferencesEncrypted, SUPPORT_CONTEXTS.contactPreferences));
}

function daysSince(at: Date | null, now: Date): number | null {
  return at ? Math.max(0, Math.floor((now.getTime() - at.getTime()) / 86_400_000)) : null;
}

export function summarize(ctx: SupportContext, row: PersonRow): PersonSummary {
  return {
    id: row.id,
    nickname: open(ctx, row.nicknameEncrypted, SUPPORT_CONTEXTS.nickname),
    ageGroup: row.ageGroup,
    familyOnly: row.familyOnly,
    status: row.status,
    leadWorkerId: row.leadWorkerId,
    urgency: row.urgency,
    lastContactAt: row.lastContactAt?.toISOString() ?? null,
    daysSinceContact: daysSince(row.lastContactAt, ctx.clock.now()),
    nextReviewOn: row.nextReviewOn,
    nextContactOn: row.nextContactOn,
    contactPreferences: preferencesOf(ctx, row),
  };
}

/** Encrypted columns and blind indexes of a person's identifying fields. */
function identityColumns(ctx: SupportContext, p: PersonInput) {
  const C = SUPPORT_CONTEXTS;
  const phone = p.contact?.phone ? normalizePhone(p.contact.phone) : '';
  return {
    nicknameEncrypted: seal(ctx, p.nickname, C.nickname),
    nicknameIndex: index(ctx, normalizeName(p.nickname), C.nickname),
    realNameEncrypted: p.realName ? seal(ctx, p.realName, C.realName) : null,
    realNameIndex: p.realName ? index(ctx, normalizeName(p.realName), C.realName) : null,
    realNameKanaEncrypted: p.realNameKana ? seal(ctx, p.realNameKana, C.realNameKana) : null,
    realNameKanaIndex: p.realNameKana ? index(ctx, normalizeName(p.realNameKana), C.realNameKana) : null,
    birthDateEncrypted: p.birthDate ? seal(ctx, p.birthDate, C.birthDate) : null,
    birthDateIndex: p.birthDate ? index(ctx, p.birthDate, C.birthDate) : null,
    contactEncrypted: p.contact ? seal(ctx, JSON.stringify(p.contact), C.contact) : null,
    phoneIndex: phone ? index(ctx, phone, C.phone) : null,
    contactPreferencesEncrypted: seal(ctx, JSON.stringify(p.contactPreferences), C.contactPreferences),
    ageGroup: p.ageGroup,
    familyOnly: p.familyOnly,
    leadWorkerId: p.leadWorkerId,
  };
}

async function checkWorker(tx: Tx, tenant: string, accountId: string | null) {
  if (!accountId) return;
  const [found] = await rows<{ id: string }>(
    tx,
    sql`select id from accounts where id = ${accountId} and tenant_code = ${tenant} and status = 'active'`,
  );
  if (!found)
    throw fieldError(
      '/body/person/leadWorkerId',
      '担当者が見つかりません',
      'Unknown lead worker',
      'support_worker_unknown',
    );
}

export async function createPerson(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  actor: Actor,
  input: {
    person: PersonInput;
    consents: ConsentInput[];
    fromConsultationId: string | null;
    externalId?: string | null;
    /** Fixed ids for demo seeds only. */
    id?: string;
  },
): Promise<PersonRow> {
  await checkWorker(tx, tenant, input.person.leadWorkerId);
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(supportPersons)
    .values({
      ...(input.id ? { id: input.id } : {}),
      municipalityCode: tenant,
      externalId: input.externalId ?? null,
      ...identityColumns(ctx, input.person),
      status: input.person.status,
      createdAt: now,
      createdBy: actor.accountId,
      updatedAt: now,
      updatedBy: actor.accountId,
    })
    .returning();
  for (const consent of input.consents) await insertConsent(tx, ctx, tenant, actor, row!, consent);
  if (input.fromConsultationId) await linkConsultationToPerson(tx, tenant, input.fromConsultationId, row!.id);
  return row!;
}

export async function personDetail(
  tx: Tx,
  ctx: SupportContext,
  person: PersonRow,
  access: Access,
): Promise<PersonDetail> {
  const C = SUPPORT_CONTEXTS;
  const family = await tx
    .select()
    .from(supportFamilyMembers)
    .where(ofPerson(supportFamilyMembers, person))
    .orderBy(asc(supportFamilyMembers.createdAt), asc(supportFamilyMembers.id));
  const members = family.map((m) => {
    const d = JSON.parse(open(ctx, m.detailsEncrypted, C.family)) as {
      name: string;
      contact: string;
      note: string;
    };
    return {
      id: m.id,
      relationship: m.relationship,
      age: m.age,
      livesTogether: m.livesTogether,
      isMainContact: m.isMainContact,
      name: d.name,
      contact: d.contact,
      note: d.note,
      version: m.version,
    };
  });
  const middleAged = ['40s', '50s', '60_64'].includes(person.ageGroup);
  const eightyFifty =
    middleAged &&
    members.some(
      (m) =>
        ['mother', 'father', 'parent_other'].includes(m.relationship) &&
        (m.age ?? 0) >= 80 &&
        m.livesTogether,
    );
  const contact = decryptOptional(person.contactEncrypted, ctx.config.dataKeys, C.contact);
  return {
    ...summarize(ctx, person),
    realName: decryptOptional(person.realNameEncrypted, ctx.config.dataKeys, C.realName),
    realNameKana: decryptOptional(person.realNameKanaEncrypted, ctx.config.dataKeys, C.realNameKana),
    birthDate: decryptOptional(person.birthDateEncrypted, ctx.config.dataKeys, C.birthDate),
    contact: contact ? JSON.parse(contact) : null,
    mergedIds: person.mergedIds,
    mergedInto: person.mergedInto,
    family: members,
    household: { size: 1 + members.filter((m) => m.livesTogether).length, eightyFifty },
    consents: effectiveConsents(await consentRecords(tx, ctx, person), today(ctx)),
    access,
    version: person.version,
    createdAt: person.createdAt.toISOString(),
    updatedAt: person.updatedAt.toISOString(),
  };
}

export async function updatePerson(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  access: Access,
  input: PersonInput & { version: number },
): Promise<PersonRow> {
  const { version, ...fields } = input;
  await checkWorker(tx, person.municipalityCode, fields.leadWorkerId);
  const [row] = await tx
    .update(supportPersons)
    .set({
      ...identityColumns(ctx, fields),
      status: fields.status,
      version: sql`${supportPersons.version} + 1`,
      updatedAt: ctx.clock.now(),
      updatedBy: actor.accountId,
    })
    .where(
      and(
        eq(supportPersons.municipalityCode, person.municipalityCode),
        eq(supportPersons.id, person.id),
        eq(supportPersons.version, version),
      ),
    )
    .returning();
  if (row) return row;
  throw conflict({ current: await personDetail(tx, ctx, person, access), yours: input });
}

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

async function personsByIds(tx: Tx, tenant: string, ids: string[]): Promise<PersonRow[]> {
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

/**
 * Merges a duplicate into this record, keeping all history: no row moves; the duplicate points here
 * and every read of this person covers both. Empty identity fields of the survivor are filled from
 * the duplicate; nothing the survivor holds is overwritten.
 */
export async function mergePersons(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  survivor: PersonRow,
  duplicateId: string,
  versions: { version: number; duplicateVersion: number },
  access: Access,
): Promise<PersonRow> {
  const tenant = survivor.municipalityCode;
  const [duplicate] = await tx
    .select()
    .from(supportPersons)
    .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.id, duplicateId)));
  if (!duplicate) throw notFound();
  if (duplicate.id === survivor.id || duplicate.mergedInto || survivor.mergedInto)
    throw new AppError(409, 'support_merge_invalid');
  if (survivor.version !== versions.version || duplicate.version !== versions.duplicateVersion) {
    throw conflict({
      current: { person: await personDetail(tx, ctx, survivor, access), duplicateVersion: duplicate.version },
      yours: { duplicateId, ...versions },
    });
  }
  const now = ctx.clock.now();
  const fill = <K extends keyof PersonRow>(key: K) => (survivor[key] ?? duplicate[key]) as PersonRow[K];
  const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));
  const [row] = await tx
    .update(supportPersons)
    .set({
      realNameEncrypted: fill('realNameEncrypted'),
      realNameIndex: fill('realNameIndex'),
      realNameKanaEncrypted: fill('realNameKanaEncrypted'),
      realNameKanaIndex: fill('realNameKanaIndex'),
      birthDateEncrypted: fill('birthDateEncrypted'),
      birthDateIndex: fill('birthDateIndex'),
      contactEncrypted: fill('contactEncrypted'),
      phoneIndex: fill('phoneIndex'),
      externalId: survivor.externalId,
      leadWorkerId: fill('leadWorkerId'),
      ageGroup: survivor.ageGroup === 'unknown' ? duplicate.ageGroup : survivor.ageGroup,
      familyOnly: survivor.familyOnly && duplicate.familyOnly,
      mergedIds: [...survivor.mergedIds, duplicate.id, ...duplicate.mergedIds],
      lastContactAt: latest(survivor.lastContactAt, duplicate.lastContactAt),
      version: sql`${supportPersons.version} + 1`,
      updatedAt: now,
      updatedBy: actor.accountId,
    })
    .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.id, survivor.id)))
    .returning();
  await tx
    .update(supportPersons)
    .set({
      status: 'merged',
      mergedInto: survivor.id,
      version: sql`${supportPersons.version} + 1`,
      updatedAt: now,
      updatedBy: actor.accountId,
    })
    .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.id, duplicate.id)));
  // Records merged into the duplicate earlier now point at the survivor as well.
  await tx
    .update(supportPersons)
    .set({ mergedInto: survivor.id })
    .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.mergedInto, duplicate.id)));
  await refreshReviewDate(tx, row!);
  return row!;
}

// ── family ──────────────────────────────────────────────────────────────────────────────────────

type FamilyInput = {
  relationship: (typeof supportFamilyMembers.$inferInsert)['relationship'];
  age: number | null;
  livesTogether: boolean;
  isMainContact: boolean;
  name: string;
  contact: string;
  note: string;
};

const familyDetails = (ctx: SupportContext, m: FamilyInput) =>
  seal(ctx, JSON.stringify({ name: m.name, contact: m.contact, note: m.note }), SUPPORT_CONTEXTS.family);

export async function addFamilyMember(tx: Tx, ctx: SupportContext, person: PersonRow, input: FamilyInput) {
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(supportFamilyMembers)
    .values({
      municipalityCode: person.municipalityCode,
      personId: person.id,
      relationship: input.relationship,
      age: input.age,
      livesTogether: input.livesTogether,
      isMainContact: input.isMainContact,
      detailsEncrypted: familyDetails(ctx, input),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: supportFamilyMembers.id });
  return row!.id;
}

export async function updateFamilyMember(
  tx: Tx,
  ctx: SupportContext,
  person: PersonRow,
  access: Access,
  memberId: string,
  input: FamilyInput & { version: number },
) {
  const { version, ...fields } = input;
  const [row] = await tx
    .update(supportFamilyMembers)
    .set({
      relationship: fields.relationship,
      age: fields.age,
      livesTogether: fields.livesTogether,
      isMainContact: fields.isMainContact,
      detailsEncrypted: familyDetails(ctx, fields),
      version: sql`${supportFamilyMembers.version} + 1`,
      updatedAt: ctx.clock.now(),
    })
    .where(
      and(
        ofPerson(supportFamilyMembers, person),
        eq(supportFamilyMembers.id, memberId),
        eq(supportFamilyMembers.version, version),
      ),
    )
    .returning({ id: supportFamilyMembers.id });
  if (row) return row.id;
  const detail = await personDetail(tx, ctx, person, access);
  const current = detail.family.find((m) => m.id === memberId);
  if (!current) throw notFound();
  throw conflict({ current, yours: input });
}

// ── consent ─────────────────────────────────────────────────────────────────────────────────────

async function consentRecords(
  tx: Tx,
  ctx: SupportContext,
  person: PersonRow,
): Promise<(ConsentView & { seq: number })[]> {
  const found = await tx
    .select()
    .from(supportConsents)
    .where(ofPerson(supportConsents, person))
    .orderBy(asc(supportConsents.seq));
  return found.map((c) => ({
    id: c.id,
    seq: c.seq,
    personId: c.personId,
    purpose: c.purpose,
    recipient: c.recipient,
    recipientName: c.recipientName,
    recipientAgencyId: c.recipientAgencyId,
    status: c.status,
    decidedOn: c.decidedOn,
    expiresOn: c.expiresOn,
    method: c.method,
    decidedBy: c.decidedBy,
    supersedes: c.supersedes,
    note: decryptOptional(c.noteEncrypted, ctx.config.dataKeys, SUPPORT_CONTEXTS.consentNote) ?? '',
    recordedBy: c.recordedBy,
    recordedAt: c.recordedAt.toISOString(),
  }));
}

/** The latest record per purpose and recipient is in force; a given consent past its date is expired. */
export function effectiveConsents(records: readonly (ConsentView & { seq: number })[], on: string) {
  const latest = new Map<string, ConsentView & { seq: number }>();
  for (const r of records) {
    const key = `${r.purpose}/${r.recipient}/${r.recipientAgencyId ?? r.recipientName}`;
    const prev = latest.get(key);
    if (!prev || r.seq > prev.seq) latest.set(key, r);
  }
  return [...latest.values()].map((r) => ({
    purpose: r.purpose,
    recipient: r.recipient,
    recipientName: r.recipientName,
    recipientAgencyId: r.recipientAgencyId,
    status: r.status === 'given' && r.expiresOn && r.expiresOn < on ? ('expired' as const) : r.status,
    since: r.decidedOn,
    expiresOn: r.expiresOn,
    recordId: r.id,
  }));
}

async function insertConsent(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  actor: Actor,
  person: PersonRow,
  input: ConsentInput,
) {
  if (input.supersedes) {
    const [previous] = await tx
      .select({ id: supportConsents.id })
      .from(supportConsents)
      .where(
        and(
          eq(supportConsents.municipalityCode, tenant),
          eq(supportConsents.id, input.supersedes),
          inArray(supportConsents.personId, idsOf(person)),
        ),
      );
    if (!previous)
      throw fieldError(
        '/body/supersedes',
        'この本人の同意記録ではありません',
        'Not a consent record of this person',
      );
  }
  if (input.expiresOn && input.expiresOn < input.decidedOn)
    throw fieldError(
      '/body/expiresOn',
      '有効期限は同意日より後にしてください',
      'The expiry must follow the date',
    );
  const [row] = await tx
    .insert(supportConsents)
    .values({
      municipalityCode: tenant,
      personId: person.id,
      purpose: input.purpose,
      recipient: input.recipient,
      recipientName: input.recipientName,
      recipientAgencyId: input.recipientAgencyId,
      status: input.status,
      decidedOn: input.decidedOn,
      expiresOn: input.expiresOn,
      method: input.method,
      decidedBy: input.decidedBy,
      supersedes: input.supersedes,
      noteEncrypted: input.note ? seal(ctx, input.note, SUPPORT_CONTEXTS.consentNote) : null,
      recordedBy: actor.accountId,
      recordedAt: ctx.clock.now(),
    })
    .returning({ id: supportConsents.id });
  return row!.id;
}

export async function recordConsent(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  input: ConsentInput,
) {
  return insertConsent(tx, ctx, person.municipalityCode, actor, person, input);
}

export async function listConsents(tx: Tx, ctx: SupportContext, person: PersonRow) {
  const records = await consentRecords(tx, ctx, person);
  // Who recorded each one, by name (the account ids alone mean nothing to staff reading the history).
  const names = await displayNames(
    tx,
    records.map((r) => r.recordedBy),
  );
  return {
    effective: effectiveConsents(records, today(ctx)),
    records: records
      .map(({ seq: _seq, ...r }) => ({ ...r, recordedByName: names.get(r.recordedBy) ?? '' }))
      .reverse(),
  };
}

// ── versioned records: intake and plans ───────────────────────────────────────────────────────────

type VersionRow = { version: number; authorAccountId: string; createdAt: Date };
const meta = (v: VersionRow) => ({
  version: v.version,
  authorAccountId: v.authorAccountId,
  createdAt: v.createdAt.toISOString(),
});

/**
 * The asked-for version of one record (the latest when none is asked for), the latest version number
 * and the whole history. 404 when the record or that version does not exist.
 */
function chooseVersion<V extends VersionRow>(all: readonly V[], version?: number) {
  const sorted = [...all].sort((a, b) => a.version - b.version);
  const latest = sorted.at(-1);
  const chosen = version ? sorted.find((v) => v.version === version) : latest;
  if (!latest || !chosen) throw notFound();
  return { chosen, latestVersion: latest.version, versions: sorted.map(meta) };
}

/** Each record at its latest version, the newest record first. */
function latestOfEach<V, View extends { createdAt: string }>(
  all: readonly V[],
  recordIdOf: (v: V) => string,
  present: (versions: V[]) => View,
): View[] {
  return [...Map.groupBy(all, recordIdOf).values()]
    .map((versions) => present(versions))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function presentIntake(
  ctx: SupportContext,
  all: (typeof supportIntakeVersions.$inferSelect)[],
  version?: number,
) {
  const { chosen, latestVersion, versions } = chooseVersion(all, version);
  return {
    id: chosen.intakeId,
    personId: chosen.personId,
    version: chosen.version,
    latestVersion,
    content: JSON.parse(open(ctx, chosen.contentEncrypted, SUPPORT_CONTEXTS.intake)) as IntakeContent,
    authorAccountId: chosen.authorAccountId,
    createdAt: chosen.createdAt.toISOString(),
    versions,
  };
}

async function intakeVersions(tx: Tx, person: PersonRow, intakeId?: string) {
  return tx
    .select()
    .from(supportIntakeVersions)
    .where(
      and(
        ofPerson(supportIntakeVersions, person),
        intakeId ? eq(supportIntakeVersions.intakeId, intakeId) : undefined,
      ),
    );
}

export async function listIntakes(tx: Tx, ctx: SupportContext, person: PersonRow) {
  return latestOfEach(
    await intakeVersions(tx, person),
    (v) => v.intakeId,
    (versions) => presentIntake(ctx, versions),
  );
}

export async function getIntake(
  tx: Tx,
  ctx: SupportContext,
  person: PersonRow,
  intakeId: string,
  version?: number,
) {
  return presentIntake(ctx, await intakeVersions(tx, person, intakeId), version);
}

/**
 * Appends version `expected + 1`. The unique key (tenant, record, version) decides races: a stale or
 * concurrent save inserts nothing and answers 409 with the current version and what was sent.
 */
export async function saveIntake(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  intakeId: string | null,
  expected: number,
  content: IntakeContent,
  yours: unknown,
) {
  const id = intakeId ?? randomUUID();
  if (intakeId) {
    const current = await getIntake(tx, ctx, person, intakeId);
    if (current.version !== expected) throw conflict({ current, yours });
  }
  const inserted = await tx
    .insert(supportIntakeVersions)
    .values({
      municipalityCode: person.municipalityCode,
      intakeId: id,
      personId: person.id,
      version: expected + 1,
      urgency: content.urgency.level,
      contentEncrypted: seal(ctx, JSON.stringify(content), SUPPORT_CONTEXTS.intake),
      authorAccountId: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning({ id: supportIntakeVersions.id });
  if (inserted.length === 0) throw conflict({ current: await getIntake(tx, ctx, person, id), yours });
  await tx
    .update(supportPersons)
    .set({ urgency: content.urgency.level })
    .where(
      and(eq(supportPersons.municipalityCode, person.municipalityCode), eq(supportPersons.id, person.id)),
    );
  return getIntake(tx, ctx, person, id);
}

function presentPlan(
  ctx: SupportContext,
  all: (typeof supportPlanVersions.$inferSelect)[],
  version?: number,
) {
  const { chosen, latestVersion, versions } = chooseVersion(all, version);
  return {
    id: chosen.planId,
    personId: chosen.personId,
    version: chosen.version,
    latestVersion,
    status: chosen.status,
    reviewOn: chosen.reviewOn,
    content: JSON.parse(open(ctx, chosen.contentEncrypted, SUPPORT_CONTEXTS.plan)) as PlanContent & {
      goals: (PlanContent['goals'][number] & { id: string })[];
    },
    authorAccountId: chosen.authorAccountId,
    createdAt: chosen.createdAt.toISOString(),
    versions,
  };
}
export type PlanView = ReturnType<typeof presentPlan>;

async function planVersions(tx: Tx, person: PersonRow, planId?: string) {
  return tx
    .select()
    .from(supportPlanVersions)
    .where(
      and(ofPerson(supportPlanVersions, person), planId ? eq(supportPlanVersions.planId, planId) : undefined),
    );
}

export async function listPlans(tx: Tx, ctx: SupportContext, person: PersonRow) {
  return latestOfEach(
    await planVersions(tx, person),
    (v) => v.planId,
    (versions) => presentPlan(ctx, versions),
  );
}

export async function getPlan(
  tx: Tx,
  ctx: SupportContext,
  person: PersonRow,
  planId: string,
  version?: number,
) {
  return presentPlan(ctx, await planVersions(tx, person, planId), version);
}

/** Goal and action ids stay stable across versions (GAS ratings and actions refer to them). */
function withIds(content: PlanContent) {
  const goals = content.goals.map((g) => ({ ...g, id: g.id ?? randomUUID() }));
  const goalIds = new Set(goals.map((g) => g.id));
  content.actions.forEach((a, i) => {
    for (const id of a.goalIds)
      if (!goalIds.has(id))
        throw fieldError(`/body/actions/${i}/goalIds`, 'この計画にない目標です', 'Not a goal of this plan');
  });
  return { ...content, goals, actions: content.actions.map((a) => ({ ...a, id: a.id ?? randomUUID() })) };
}

/** The next review date of a person: the earliest of their active plans' current versions. */
async function refreshReviewDate(tx: Tx, person: PersonRow) {
  await tx.execute(sql`
    update support_persons p set next_review_on = (
      select min(v.review_on) from support_plan_versions v
      where v.municipality_code = p.municipality_code and v.person_id = any(array_prepend(p.id, p.merged_ids))
        and v.status = 'active'
        and v.version = (select max(w.version) from support_plan_versions w
                         where w.municipality_code = v.municipality_code and w.plan_id = v.plan_id))
    where p.municipality_code = ${person.municipalityCode} and p.id = ${person.id}`);
}

export async function savePlan(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  planId: string | null,
  expected: number,
  input: PlanContent,
  yours: unknown,
) {
  const id = planId ?? randomUUID();
  if (planId) {
    const current = await getPlan(tx, ctx, person, planId);
    if (current.version !== expected) throw conflict({ current, yours });
  }
  const content = withIds(input);
  const inserted = await tx
    .insert(supportPlanVersions)
    .values({
      municipalityCode: person.municipalityCode,
      planId: id,
      personId: person.id,
      version: expected + 1,
      status: content.status,
      reviewOn: content.reviewOn,
      contentEncrypted: seal(ctx, JSON.stringify(content), SUPPORT_CONTEXTS.plan),
      authorAccountId: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning({ id: supportPlanVersions.id });
  if (inserted.length === 0) throw conflict({ current: await getPlan(tx, ctx, person, id), yours });
  await refreshReviewDate(tx, person);
  return getPlan(tx, ctx, person, id);
}

const OWNER_JA: Record<string, string> = {
  person: 'ご本人',
  family: 'ご家族',
  consultation_staff: '相談員',
  labour_staff: '就労支援の担当',
  agency: '関係機関',
  peer_supporter: 'ピアサポーター',
  other: 'その他',
};
const dateJa = (iso: string) => formatWareki(new Date(`${iso}T12:00:00+09:00`));

/** A plain-language plan for the person: their words first, short sentences, 和暦 dates. */
export async function printablePlan(
  tx: Tx,
  ctx: SupportContext,
  person: PersonRow,
  planId: string,
  version?: number,
) {
  const plan = await getPlan(tx, ctx, person, planId, version);
  const municipality = await getMunicipality(tx, person.municipalityCode);
  const profile = await getTenantProfile(tx, person.municipalityCode).catch(() => null);
  const c = plan.content;
  const sections: { heading: string; lines: string[] }[] = [];
  if (c.personWords) sections.push({ heading: 'あなたが望むこと', lines: [c.personWords] });
  if (c.familyWords) sections.push({ heading: 'ご家族の思い', lines: [c.familyWords] });
  sections.push({
    heading: 'めざすこと（目標）',
    lines: c.goals.map(
      (g, i) =>
        `${i + 1}. ${g.ownWords}${g.gasLevels.expected ? `（こうなったら「できた」: ${g.gasLevels.expected}）` : ''}`,
    ),
  });
  if (c.actions.length)
    sections.push({
      heading: 'だれが、なにをするか',
      lines: c.actions.map(
        (a) => `・${a.what}（${a.ownerName || OWNER_JA[a.owner]}${a.due ? `、${dateJa(a.due)}までに` : ''}）`,
      ),
    });
  // A joint plan (issue 7, request 2): when welfare and labour both act, each department's part is
  // shown on its own, so the person sees who does what and the two departments see their share.
  const departments = (['consultation_staff', 'labour_staff', 'agency'] as const).filter((o) =>
    c.actions.some((a) => a.owner === o),
  );
  if (departments.includes('consultation_staff') && departments.includes('labour_staff'))
    sections.push({
      heading: '福祉と就労の役割分担',
      lines: departments.map(
        (o) =>
          `【${OWNER_JA[o]}】${c.actions
            .filter((a) => a.owner === o)
            .map((a) => `${a.what}${a.due ? `（${dateJa(a.due)}まで）` : ''}`)
            .join('、')}`,
      ),
    });
  if (c.places.length)
    sections.push({
      heading: '行ってみてもよい場所',
      lines: c.places.map((p) => `・${p.name}${p.note ? `: ${p.note}` : ''}`),
    });
  const contact = profile?.welfareContact;
  return {
    title: `${municipality.name}　わたしの支援計画`,
    municipalityName: municipality.name,
    nickname: open(ctx, person.nicknameEncrypted, SUPPORT_CONTEXTS.nickname),
    madeOn: formatWareki(new Date(plan.createdAt)),
    sections,
    reviewOn: dateJa(plan.reviewOn),
    footer: [
      `次に一緒に見直す日: ${dateJa(plan.reviewOn)}`,
      'この計画は、いつでも変えられます。変えたいときは、相談員に伝えてください。',
      ...(contact
        ? [`連絡先: ${contact.department} ${contact.phone}${contact.hours ? `（${contact.hours}）` : ''}`]
        : []),
    ],
  };
}

// ── notes ───────────────────────────────────────────────────────────────────────────────────────

type NoteRow = typeof supportNoteVersions.$inferSelect;

function presentNote(ctx: SupportContext, n: NoteRow, plainText?: string): NoteView {
  return {
    id: n.noteId,
    personId: n.personId,
    version: n.version,
    contactType: n.contactType,
    occurredAt: n.occurredAt.toISOString(),
    durationMinutes: n.durationMinutes,
    participants: n.participants,
    text: plainText ?? open(ctx, n.textEncrypted, SUPPORT_CONTEXTS.note),
    sensitive: n.sensitive,
    readableBy: n.readableBy,
    authorAccountId: n.authorAccountId,
    createdAt: n.createdAt.toISOString(),
  };
}

/** A sensitive note is readable only by the roles named on it. */
const canReadNote = (actor: Actor, n: { sensitive: boolean; readableBy: string[] }) =>
  !n.sensitive || actor.roles.some((r) => n.readableBy.includes(r));

/** The role a note is written under: the author's support role (consultation before labour). */
const writingRole = (actor: Actor): Role => (isConsultation(actor) ? 'consultation' : 'labour');

function noteValues(
  actor: Actor,
  person: PersonRow,
  ctx: SupportContext,
  noteId: string,
  version: number,
  input: NoteInput,
) {
  const role = writingRole(actor);
  const readableBy = input.sensitive ? [...new Set([role, ...input.readableBy])].sort() : [];
  return {
    municipalityCode: person.municipalityCode,
    noteId,
    personId: person.id,
    version,
    contactType: input.contactType,
    occurredAt: new Date(input.occurredAt),
    durationMinutes: input.durationMinutes,
    participants: input.participants,
    textEncrypted: seal(ctx, input.text, SUPPORT_CONTEXTS.note),
    sensitive: input.sensitive,
    readableBy,
    authorAccountId: actor.accountId,
    authorRole: role,
    createdAt: ctx.clock.now(),
  };
}

/** The next planned contact travels with a note: set or cleared only when the note names it. */
async function planNextContact(tx: Tx, person: PersonRow, input: NoteInput) {
  if (input.nextContactOn === undefined) return;
  await tx
    .update(supportPersons)
    .set({ nextContactOn: input.nextContactOn })
    .where(
      and(eq(supportPersons.municipalityCode, person.municipalityCode), eq(supportPersons.id, person.id)),
    );
}

async function touchContact(tx: Tx, person: PersonRow, at: Date) {
  await tx
    .update(supportPersons)
    .set({ lastContactAt: sql`greatest(${supportPersons.lastContactAt}, ${at})` })
    .where(
      and(eq(supportPersons.municipalityCode, person.municipalityCode), eq(supportPersons.id, person.id)),
    );
}

export async function createNote(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  input: NoteInput,
) {
  const noteId = randomUUID();
  const values = noteValues(actor, person, ctx, noteId, 1, input);
  const [row] = await tx.insert(supportNoteVersions).values(values).returning();
  if (values.occurredAt <= ctx.clock.now()) await touchContact(tx, person, values.occurredAt);
  await planNextContact(tx, person, input);
  // The text was just written: no need to decrypt it again.
  return presentNote(ctx, row!, input.text);
}

async function noteVersions(tx: Tx, person: PersonRow, noteId: string) {
  return tx
    .select()
    .from(supportNoteVersions)
    .where(and(ofPerson(supportNoteVersions, person), eq(supportNoteVersions.noteId, noteId)))
    .orderBy(asc(supportNoteVersions.version));
}

/** A note with every version (oldest first). 404 when the actor may not read its current version. */
export async function getNote(tx: Tx, ctx: SupportContext, actor: Actor, person: PersonRow, noteId: string) {
  const versions = await noteVersions(tx, person, noteId);
  const current = versions.at(-1);
  if (!current || !canReadNote(actor, current)) throw notFound();
  return {
    ...presentNote(ctx, current),
    versions: versions.filter((v) => canReadNote(actor, v)).map((v) => presentNote(ctx, v)),
  };
}

/** A correction is a new version. A stale `version` answers 409 with {current, yours}. */
export async function correctNote(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  noteId: string,
  expected: number,
  input: NoteInput,
) {
  const versions = await noteVersions(tx, person, noteId);
  const latest = versions.at(-1);
  if (!latest || !canReadNote(actor, latest)) throw notFound();
  const yours = { version: expected, note: input };
  if (latest.version !== expected) throw conflict({ current: presentNote(ctx, latest), yours });
  const inserted = await tx
    .insert(supportNoteVersions)
    .values(noteValues(actor, { ...person, id: latest.personId }, ctx, noteId, expected + 1, input))
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) {
    const now = (await noteVersions(tx, person, noteId)).at(-1)!;
    throw conflict({ current: presentNote(ctx, now), yours });
  }
  if (inserted[0]!.occurredAt <= ctx.clock.now()) await touchContact(tx, person, inserted[0]!.occurredAt);
  await planNextContact(tx, person, input);
  return presentNote(ctx, inserted[0]!);
}

const TimelineCursor = z.object({ t: z.string(), i: z.string() });

/** The timeline's SQL (exported so that the benchmark sends the very same statement through `pg`). */
export function timelineStatement(
  tenant: string,
  ids: readonly string[],
  roles: readonly string[],
  limit: number,
  after?: { t: string; i: string },
  /** Only notes that occurred from `from` (included) to `until` (excluded), ISO instants. */
  range?: { from: string; until: string },
): SQL {
  const personFilter =
    ids.length === 1
      ? sql`n.person_id = ${ids[0]}`
      : sql`n.person_id in (${sql.join(
          ids.map((i) => sql`${i}::uuid`),
          sql`, `,
        )})`;
  return sql`select n.id, n.note_id, n.person_id, n.version, n.contact_type, n.occurred_at, n.duration_minutes,
               n.participants, n.text_encrypted, n.sensitive, n.readable_by, n.author_account_id, n.created_at
        from support_note_versions n
        where n.municipality_code = ${tenant} and ${personFilter}
          and not exists (select 1 from support_note_versions s
                          where s.municipality_code = n.municipality_code and s.note_id = n.note_id
                            and s.version > n.version)
          and (not n.sensitive or n.readable_by && ${sql.raw(`array[${roles.map((r) => `'${r.replace(/[^a-z_]/g, '')}'`).join(',')}]::text[]`)})
          ${after ? sql`and (n.occurred_at, n.note_id) < (${after.t}::timestamptz, ${after.i}::uuid)` : sql``}
          ${range ? sql`and n.occurred_at >= ${range.from}::timestamptz and n.occurred_at < ${range.until}::timestamptz` : sql``}
        order by n.occurred_at desc, n.note_id desc
        limit ${limit}`;
}

/**
 * The person's timeline: the current version of each note the actor may read, newest first. Walks
 * the (tenant, person, occurred_at desc) index and skips superseded versions with an anti-join, so a
 * page costs the same however long the history is.
 */
export async function timeline(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  query: { limit: number; cursor?: string },
): Promise<ListResult<NoteView>> {
  const after = decodeCursor(query.cursor, TimelineCursor);
  const found = await rows<Record<string, unknown>>(
    tx,
    timelineStatement(person.municipalityCode, idsOf(person), actor.roles, query.limit + 1, after),
  );
  const page = found.slice(0, query.limit).map((r) => presentNoteRow(ctx, person, r));
  const last = page.at(-1);
  return {
    items: page,
    total: page.length,
    nextCursor: found.length > query.limit && last ? encodeCursor({ t: last.occurredAt, i: last.id }) : null,
  };
}

/** A row of `timelineStatement` as a note. */
function presentNoteRow(ctx: SupportContext, person: PersonRow, r: Record<string, unknown>): NoteView {
  return presentNote(ctx, {
    id: Number(r.id),
    municipalityCode: person.municipalityCode,
    noteId: r.note_id as string,
    personId: r.person_id as string,
    version: Number(r.version),
    contactType: r.contact_type as NoteRow['contactType'],
    occurredAt: new Date(r.occurred_at as string),
    durationMinutes: r.duration_minutes === null ? null : Number(r.duration_minutes),
    participants: r.participants as string[],
    textEncrypted: r.text_encrypted as string,
    sensitive: Boolean(r.sensitive),
    readableBy: r.readable_by as string[],
    authorAccountId: r.author_account_id as string,
    authorRole: '',
    createdAt: new Date(r.created_at as string),
  });
}

// ── print views (帳票) ──────────────────────────────────────────────────────────────────────────

/** The head of a print view: municipality, when and by whom, and the person as staff address them. */
async function printHead(tx: Tx, ctx: SupportContext, actor: Actor, person: PersonRow) {
  const municipality = await getMunicipality(tx, person.municipalityCode);
  const names = await displayNames(tx, [
    actor.accountId,
    ...(person.leadWorkerId ? [person.leadWorkerId] : []),
  ]);
  return {
    municipalityName: municipality.name,
    preparedAt: ctx.clock.now().toISOString(),
    preparedBy: names.get(actor.accountId) ?? '',
    nickname: open(ctx, person.nicknameEncrypted, SUPPORT_CONTEXTS.nickname),
    ageGroup: person.ageGroup,
    status: person.status,
    leadWorkerName: person.leadWorkerId ? (names.get(person.leadWorkerId) ?? null) : null,
  };
}

/**
 * 記録の概要 to print: what the record's own pages show the same reader (consents in force, the
 * current plan's goals in the person's words, the newest intake in summary). Identity fields (name,
 * birth date, contact) are left off the paper.
 */
export async function caseFilePrint(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
): Promise<CaseFilePrint> {
  const plans = await listPlans(tx, ctx, person);
  const plan = plans.find((p) => p.status === 'active') ?? null;
  const [intake] = await listIntakes(tx, ctx, person);
  const c = intake?.content;
  return {
    ...(await printHead(tx, ctx, actor, person)),
    urgency: person.urgency,
    nextReviewOn: person.nextReviewOn,
    nextContactOn: person.nextContactOn,
    lastContactAt: person.lastContactAt?.toISOString() ?? null,
    consents: effectiveConsents(await consentRecords(tx, ctx, person), today(ctx)),
    plan: plan && {
      createdAt: plan.createdAt,
      reviewOn: plan.reviewOn,
      personWords: plan.content.personWords,
      goals: plan.content.goals.map((g) => g.ownWords),
    },
    intake:
      intake && c
        ? {
            createdAt: intake.createdAt,
            referralWho: c.referral.who,
            referralHow: c.referral.how,
            referralOn: c.referral.on,
            mainConcern: c.mainConcern.words,
            mainConcernWhose: c.mainConcern.whose,
            personWishes: c.personWishes,
            familyWishes: c.familyWishes,
            supportIssues: c.supportIssues,
            urgency: c.urgency.level,
            urgencyReason: c.urgency.reason,
          }
        : null,
  };
}

/** The start of a calendar day in Japan as an ISO instant. */
const tokyoDayStart = (day: string) => new Date(`${day}T00:00:00+09:00`).toISOString();

/**
 * 経過記録 to print: the notes of a period (days in Japan, both included) that this reader may read —
 * the timeline's own statement and rule for 配慮が必要な記録 — oldest first, at most NOTES_PRINT_MAX.
 */
export async function notesPrint(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  period: { from: string; to: string },
): Promise<NotesPrint> {
  if (period.from > period.to)
    throw fieldError(
      '/querystring/to',
      '終わりの日は始めの日より後にしてください',
      'The end must not be before the start',
    );
  const until = new Date(new Date(`${period.to}T00:00:00+09:00`).getTime() + 24 * 3_600_000).toISOString();
  const found = await rows<Record<string, unknown>>(
    tx,
    timelineStatement(person.municipalityCode, idsOf(person), actor.roles, NOTES_PRINT_MAX + 1, undefined, {
      from: tokyoDayStart(period.from),
      until,
    }),
  );
  // The statement walks newest first: a period holding more keeps its newest notes (the page says so).
  const notes = found
    .map((r) => presentNoteRow(ctx, person, r))
    .reverse()
    .slice(found.length > NOTES_PRINT_MAX ? 1 : 0);
  const authors = await displayNames(
    tx,
    notes.map((n) => n.authorAccountId),
  );
  return {
    ...(await printHead(tx, ctx, actor, person)),
    from: period.from,
    to: period.to,
    items: notes.map((n) => ({
      id: n.id,
      version: n.version,
      contactType: n.contactType,
      occurredAt: n.occurredAt,
      durationMinutes: n.durationMinutes,
      participants: n.participants,
      text: n.text,
      sensitive: n.sensitive,
      readableBy: n.readableBy,
      authorName: authors.get(n.authorAccountId) ?? '',
    })),
    truncated: found.length > NOTES_PRINT_MAX,
  };
}

// ── measures ────────────────────────────────────────────────────────────────────────────────────

export async function recordMeasure(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  input: MeasureInput,
) {
  let score: number;
  let flagged = false;
  let details: Record<string, unknown>;
  let planId: string | null = null;
  switch (input.kind) {
    case 'who5': {
      const r = scoreWho5(input.answers);
      score = r.percentage;
      flagged = r.poorWellbeing;
      details = { answers: input.answers, raw: r.raw, percentage: r.percentage };
      break;
    }
    case 'ucla3':
      score = scoreUcla3(input.answers).total;
      details = { answers: input.answers };
      break;
    case 'hq25': {
      const { total, socialization, isolation, dailyActivities } = input;
      let r: ReturnType<typeof checkHq25>;
      try {
        r = checkHq25({ total, socialization, isolation, dailyActivities });
      } catch {
        throw fieldError(
          '/body/total',
          '3 つの下位尺度の合計が総得点と一致しません',
          'The subscales must add up to the total',
        );
      }
      score = r.total;
      flagged = r.aboveScreeningCutoff;
      details = { total, socialization, isolation, dailyActivities, screeningCutoff: 42 };
      break;
    }
    case 'participation_ladder':
      score = input.level;
      details = { level: input.level, label: PARTICIPATION_LADDER[input.level]!.ja };
      break;
    case 'gas': {
      const plan = await getPlan(tx, ctx, person, input.planId);
      const goals = new Map(plan.content.goals.map((g) => [g.id, g]));
      input.ratings.forEach((r, i) => {
        if (!goals.has(r.goalId))
          throw fieldError(`/body/ratings/${i}/goalId`, 'この計画にない目標です', 'Not a goal of this plan');
      });
      score = gasTScore(input.ratings.map((r) => ({ score: r.score, weight: goals.get(r.goalId)!.weight })));
      planId = input.planId;
      details = { planVersion: plan.version, ratings: input.ratings };
      break;
    }
  }
  if (input.replaces) {
    const [previous] = await tx
      .select({ id: supportMeasures.id })
      .from(supportMeasures)
      .where(
        and(
          eq(supportMeasures.municipalityCode, person.municipalityCode),
          eq(supportMeasures.id, input.replaces),
          inArray(supportMeasures.personId, idsOf(person)),
        ),
      );
    if (!previous)
      throw fieldError('/body/replaces', 'この本人の記録ではありません', 'Not a measure of this person');
  }
  const [row] = await tx
    .insert(supportMeasures)
    .values({
      municipalityCode: person.municipalityCode,
      personId: person.id,
      kind: input.kind,
      takenOn: input.takenOn,
      score,
      flagged,
      answersEncrypted: seal(ctx, JSON.stringify({ ...details, note: input.note }), SUPPORT_CONTEXTS.measure),
      planId,
      replaces: input.replaces,
      recordedBy: actor.accountId,
      recordedAt: ctx.clock.now(),
    })
    .returning();
  return presentMeasure(ctx, row!);
}

function presentMeasure(ctx: SupportContext, m: typeof supportMeasures.$inferSelect) {
  return {
    id: m.id,
    kind: m.kind,
    takenOn: m.takenOn,
    score: m.score,
    flagged: m.flagged,
    details: JSON.parse(open(ctx, m.answersEncrypted, SUPPORT_CONTEXTS.measure)) as Record<string, unknown>,
    planId: m.planId,
    replaces: m.replaces,
    recordedBy: m.recordedBy,
    recordedAt: m.recordedAt.toISOString(),
  };
}

export async function listMeasures(tx: Tx, ctx: SupportContext, person: PersonRow) {
  const found = await tx
    .select()
    .from(supportMeasures)
    .where(ofPerson(supportMeasures, person))
    .orderBy(asc(supportMeasures.takenOn), asc(supportMeasures.recordedAt));
  const replaced = new Set(found.map((m) => m.replaces).filter(Boolean));
  const series: Record<string, { takenOn: string; score: number; flagged: boolean }[]> = {};
  for (const m of found) {
    if (replaced.has(m.id)) continue;
    const points = series[m.kind] ?? [];
    points.push({ takenOn: m.takenOn, score: m.score, flagged: m.flagged });
    series[m.kind] = points;
  }
  return { items: found.map((m) => presentMeasure(ctx, m)).reverse(), series };
}

// ── caseload ────────────────────────────────────────────────────────────────────────────────────

export async function caseload(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  actor: Actor,
  query: { scope: 'mine' | 'all'; gapDays: number; reviewWithinDays: number },
) {
  const now = ctx.clock.now();
  const on = today(ctx);
  const base: SQL[] = [sql`p.municipality_code = ${tenant}`, sql`p.status = 'active'`, visibleTo(actor, on)];
  if (query.scope === 'mine') base.push(sql`p.lead_worker_id = ${actor.accountId}`);
  const where = sql.join(base, sql` and `);
  const reviewBy = isoDateInTokyo(new Date(now.getTime() + query.reviewWithinDays * 86_400_000));
  const gapBefore = new Date(now.getTime() - query.gapDays * 86_400_000);
  const pick = async (extra: SQL, order: SQL) =>
    personsByIds(
      tx,
      tenant,
      (
        await rows<{ id: string }>(
          tx,
          sql`select p.id from support_persons p where ${where} and ${extra} order by ${order} limit 200`,
        )
      ).map((r) => r.id),
    );
  // No employment field exists to rank by: the order is review date, time since contact, urgency.
  const mine = await pick(sql`true`, sql`p.next_review_on asc nulls last, p.id`);
  const reviewsDue = await pick(sql`p.next_review_on <= ${reviewBy}::date`, sql`p.next_review_on asc, p.id`);
  const longGaps = await pick(
    sql`(p.last_contact_at is null or p.last_contact_at < ${gapBefore})`,
    sql`p.last_contact_at asc nulls first, p.id`,
  );
  return {
    myCases: mine.map((p) => summarize(ctx, p)),
    reviewsDue: reviewsDue.map((p) => summarize(ctx, p)),
    longGaps: longGaps.map((p) => summarize(ctx, p)),
    persons: [...new Set([...mine, ...reviewsDue, ...longGaps].map((p) => p.id))],
  };
}

// ── caseload handover (April rotation) ─────────────────────────────────────────────────────────────

export async function countCases(tx: Tx, accountId: string): Promise<number> {
  const [{ n } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(supportPersons)
    .where(and(eq(supportPersons.leadWorkerId, accountId), eq(supportPersons.status, 'active')));
  return n;
}

export async function transferCases(tx: Tx, from: string, to: string): Promise<number> {
  const moved = await tx
    .update(supportPersons)
    .set({ leadWorkerId: to })
    .where(and(eq(supportPersons.leadWorkerId, from), eq(supportPersons.status, 'active')))
    .returning({ id: supportPersons.id });
  return moved.length;
}

// ── reminders ───────────────────────────────────────────────────────────────────────────────────

/** Active cases with a lead worker whose review is due by `by` (YYYY-MM-DD). */
export async function reviewsDueBy(tx: Tx, by: string) {
  return tx
    .select({
      id: supportPersons.id,
      leadWorkerId: supportPersons.leadWorkerId,
      nextReviewOn: supportPersons.nextReviewOn,
    })
    .from(supportPersons)
    .where(
      and(
        eq(supportPersons.status, 'active'),
        lte(supportPersons.nextReviewOn, by),
        sql`${supportPersons.leadWorkerId} is not null`,
        isNull(supportPersons.mergedInto),
      ),
    )
    .orderBy(desc(supportPersons.nextReviewOn));
}

// ── read and retention functions for other modules (agencies, rights; issue 7) ────────────────────
// Other modules never query support tables: they call these. Each takes the tenant first.

/** The person's record ids (survivor + merged duplicates), nickname and status, or null. No access check. */
export async function personBasics(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  id: string,
): Promise<{ id: string; ids: string[]; nickname: string; status: PersonRow['status'] } | null> {
  const person = await findSurvivor(tx, tenant, id);
  if (!person) return null;
  return {
    id: person.id,
    ids: idsOf(person),
    nickname: open(ctx, person.nicknameEncrypted, SUPPORT_CONTEXTS.nickname),
    status: person.status,
  };
}

export type AgencyConsentState = {
  /** `given` = in force today; otherwise why not (no record at all = `missing`). */
  state: 'given' | 'missing' | 'refused' | 'withdrawn' | 'expired';
  recordId: string | null;
};

/**
 * Is a consent for `purpose` with this partner agency in force today? The latest record for
 * (purpose, partner_agency, agency) decides: a withdrawal stops sharing at once.
 */
export async function agencyConsent(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  personIds: readonly string[],
  purpose: (typeof supportConsents.$inferSelect)['purpose'],
  agencyId: string,
): Promise<AgencyConsentState> {
  const [latest] = await tx
    .select()
    .from(supportConsents)
    .where(
      and(
        eq(supportConsents.municipalityCode, tenant),
        inArray(supportConsents.personId, [...personIds]),
        eq(supportConsents.purpose, purpose),
        eq(supportConsents.recipient, 'partner_agency'),
        eq(supportConsents.recipientAgencyId, agencyId),
      ),
    )
    .orderBy(desc(supportConsents.seq))
    .limit(1);
  if (!latest) return { state: 'missing', recordId: null };
  if (latest.status === 'given' && latest.expiresOn && latest.expiresOn < today(ctx))
    return { state: 'expired', recordId: latest.id };
  return { state: latest.status, recordId: latest.id };
}

/** One item the tenant holds about a person, for a disclosure draft (開示請求). */
export type HeldItem = {
  /** The table and row id it comes from (the disclosure test compares these with the tables). */
  source: { table: string; id: string };
  kind: string;
  at: string | null;
  /** Who the content comes from: the person, staff, or a third party (family, another writer). */
  origin: 'person' | 'staff' | 'third_party' | 'record';
  content: unknown;
};

/**
 * Every item held in the support record and linked consultations for these person ids, decrypted,
 * in a stable order. Used by the rights module for a disclosure draft; the caller audits the read.
 */
export async function personHoldings(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  personIds: readonly string[],
): Promise<HeldItem[]> {
  const C = SUPPORT_CONTEXTS;
  const keys = ctx.config.dataKeys;
  const ids = [...personIds];
  const items: HeldItem[] = [];
  const persons = await tx
    .select()
    .from(supportPersons)
    .where(and(eq(supportPersons.municipalityCode, tenant), inArray(supportPersons.id, ids)))
    .orderBy(asc(supportPersons.createdAt));
  for (const p of persons) {
    items.push({
      source: { table: 'support_persons', id: p.id },
      kind: 'person',
      at: p.createdAt.toISOString(),
      origin: 'record',
      content: {
        nickname: open(ctx, p.nicknameEncrypted, C.nickname),
        realName: decryptOptional(p.realNameEncrypted, keys, C.realName),
        realNameKana: decryptOptional(p.realNameKanaEncrypted, keys, C.realNameKana),
        birthDate: decryptOptional(p.birthDateEncrypted, keys, C.birthDate),
        contact: JSON.parse(decryptOptional(p.contactEncrypted, keys, C.contact) ?? 'null'),
        contactPreferences: preferencesOf(ctx, p),
        ageGroup: p.ageGroup,
        familyOnly: p.familyOnly,
        status: p.status,
        urgency: p.urgency,
        lastContactAt: p.lastContactAt?.toISOString() ?? null,
      },
    });
  }
  const family = await tx
    .select()
    .from(supportFamilyMembers)
    .where(heldUnder(supportFamilyMembers, tenant, ids))
    .orderBy(asc(supportFamilyMembers.createdAt));
  for (const m of family)
    items.push({
      source: { table: 'support_family_members', id: m.id },
      kind: 'family_member',
      at: m.createdAt.toISOString(),
      origin: 'third_party',
      content: {
        relationship: m.relationship,
        age: m.age,
        livesTogether: m.livesTogether,
        ...JSON.parse(open(ctx, m.detailsEncrypted, C.family)),
      },
    });
  const consents = await tx
    .select()
    .from(supportConsents)
    .where(heldUnder(supportConsents, tenant, ids))
    .orderBy(asc(supportConsents.seq));
  for (const c of consents)
    items.push({
      source: { table: 'support_consents', id: c.id },
      kind: 'consent',
      at: c.recordedAt.toISOString(),
      origin: 'record',
      content: {
        purpose: c.purpose,
        recipient: c.recipient,
        recipientName: c.recipientName,
        status: c.status,
        decidedOn: c.decidedOn,
        expiresOn: c.expiresOn,
        method: c.method,
        decidedBy: c.decidedBy,
        note: decryptOptional(c.noteEncrypted, keys, C.consentNote) ?? '',
      },
    });
  const intakes = await tx
    .select()
    .from(supportIntakeVersions)
    .where(heldUnder(supportIntakeVersions, tenant, ids))
    .orderBy(asc(supportIntakeVersions.id));
  for (const v of intakes)
    items.push({
      source: { table: 'support_intake_versions', id: String(v.id) },
      kind: 'intake',
      at: v.createdAt.toISOString(),
      origin: 'staff',
      content: {
        intakeId: v.intakeId,
        version: v.version,
        ...JSON.parse(open(ctx, v.contentEncrypted, C.intake)),
      },
    });
  const plans = await tx
    .select()
    .from(supportPlanVersions)
    .where(heldUnder(supportPlanVersions, tenant, ids))
    .orderBy(asc(supportPlanVersions.id));
  for (const v of plans)
    items.push({
      source: { table: 'support_plan_versions', id: String(v.id) },
      kind: 'plan',
      at: v.createdAt.toISOString(),
      origin: 'staff',
      content: { planId: v.planId, version: v.version, ...JSON.parse(open(ctx, v.contentEncrypted, C.plan)) },
    });
  const notes = await tx
    .select()
    .from(supportNoteVersions)
    .where(heldUnder(supportNoteVersions, tenant, ids))
    .orderBy(asc(supportNoteVersions.id));
  for (const n of notes) {
    // A note of a contact the person was not part of records what others said: a third party's statement.
    const thirdParty =
      !n.participants.includes('person') &&
      n.participants.some((p) => p !== 'consultation_staff' && p !== 'labour_staff');
    items.push({
      source: { table: 'support_note_versions', id: String(n.id) },
      kind: 'note',
      at: n.occurredAt.toISOString(),
      origin: thirdParty || n.contactType === 'family_only' ? 'third_party' : 'staff',
      content: {
        noteId: n.noteId,
        version: n.version,
        contactType: n.contactType,
        participants: n.participants,
        text: open(ctx, n.textEncrypted, C.note),
      },
    });
  }
  const measures = await tx
    .select()
    .from(supportMeasures)
    .where(heldUnder(supportMeasures, tenant, ids))
    .orderBy(asc(supportMeasures.recordedAt));
  for (const m of measures)
    items.push({
      source: { table: 'support_measures', id: m.id },
      kind: 'measure',
      at: m.recordedAt.toISOString(),
      origin: 'person',
      content: {
        kind: m.kind,
        takenOn: m.takenOn,
        score: m.score,
        answers: JSON.parse(open(ctx, m.answersEncrypted, C.measure)),
      },
    });
  items.push(...(await consultationHoldings(tx, ctx, tenant, ids)));
  return items;
}

/** Closed cases whose record was last changed before `before` (the retention clock of a closed case). */
export async function closedPersonsBefore(tx: Tx, tenant: string, before: Date): Promise<string[]> {
  const found = await tx
    .select({ id: supportPersons.id })
    .from(supportPersons)
    .where(
      and(
        eq(supportPersons.municipalityCode, tenant),
        eq(supportPersons.status, 'closed'),
        isNull(supportPersons.mergedInto),
        sql`${supportPersons.updatedAt} < ${before.toISOString()}::timestamptz`,
      ),
    );
  return found.map((r) => r.id);
}

/**
 * Deletes every support row of these person ids and their linked consultations. Only for the
 * retention purge, which runs as the owner (the app role may not delete append-only rows). The audit
 * log is not touched: its rows hold ids only. Returns row counts per table.
 */
export async function purgePersonContent(
  tx: Tx,
  tenant: string,
  personIds: readonly string[],
): Promise<Record<string, number>> {
  const ids = [...personIds];
  const counts: Record<string, number> = {};
  for (const table of [
    supportFamilyMembers,
    supportConsents,
    supportIntakeVersions,
    supportPlanVersions,
    supportNoteVersions,
    supportMeasures,
  ] as const) {
    const deleted = await tx
      .delete(table)
      .where(heldUnder(table, tenant, ids))
      .returning({ id: table.id });
    counts[getTableName(table)] = deleted.length;
  }
  Object.assign(counts, await purgeConsultationsOfPersons(tx, tenant, ids));
  const persons = await tx
    .delete(supportPersons)
    .where(and(eq(supportPersons.municipalityCode, tenant), inArray(supportPersons.id, ids)))
    .returning({ id: supportPersons.id });
  counts.support_persons = persons.length;
  return counts;
}
