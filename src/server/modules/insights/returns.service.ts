import { and, eq, sql } from 'drizzle-orm';
import {
  type ListedReturnState,
  type ReturnItems,
  type ReturnListItem,
  type ReturnValue,
  returnItem,
  type StatusReturn,
} from '../../../shared/contracts/insights.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import type { ListResult } from '../../platform/http/list.ts';
import { buildReferenceEntries, type ReferenceEntry } from '../municipalities/index.ts';
import { MESSAGES } from './insights.errors.ts';
import {
  authorizeReturn,
  isOnTime,
  nextState,
  type PolicyActor,
  type PolicyResult,
  type ReturnAction,
} from './insights.policy.ts';
import { returnDeadlines, statusReturns, statusReturnVersions } from './insights.tables.ts';
import { prefillReturn } from './returns.prefill.ts';

/**
 * The annual status return (取組状況): read, save (with reasons for changed pre-filled figures),
 * submit, accept or return, enter on a municipality's behalf, list. Every change writes a version row;
 * the route audits it (ids only). The policy (insights.policy.ts) is asked first in every use case.
 */
export type LayerActor = PolicyActor & { accountId: string };

type Row = typeof statusReturns.$inferSelect;

/** The operating municipalities of the reference table (1,741), in official order. */
export function municipalityEntries(prefecture?: string): ReferenceEntry[] {
  return buildReferenceEntries().filter(
    (e) =>
      e.kind === 'municipality' &&
      e.operating &&
      (prefecture === undefined || e.prefectureCode === prefecture),
  );
}

export function municipalityEntry(code: string): ReferenceEntry | undefined {
  return buildReferenceEntries().find((e) => e.code === code && e.kind === 'municipality' && e.operating);
}

/**
 * National staff read across tenants: the layer's tables let them in only with `app.scope` set, and
 * it is set here from the actor (never from input). Prefecture and municipal sessions need nothing:
 * their tenant code decides what row-level security shows.
 */
export async function enterLayerScope(tx: Tx, actor: Pick<PolicyActor, 'scope'>): Promise<void> {
  if (actor.scope === 'national') await tx.execute(sql`select set_config('app.scope', 'national', true)`);
}

/** Anonymous public reads: accepted returns and aggregates only (row-level security enforces it). */
export async function enterPublicScope(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('app.scope', 'public', true)`);
}

/** The deadline of a fiscal year's returns: the national setting, else 31 May after the year ends. */
export async function dueOn(tx: Tx, fiscalYear: number): Promise<string> {
  const [row] = await tx.select().from(returnDeadlines).where(eq(returnDeadlines.fiscalYear, fiscalYear));
  return row?.dueOn ?? `${fiscalYear + 1}-05-31`;
}

function enforce(result: PolicyResult): void {
  if (result.allowed) return;
  if (result.reason === 'not_found') throw notFound();
  if (result.reason === 'permission') throw new AppError(403, 'forbidden');
  if (result.reason === 'kept_by_municipality') throw new AppError(409, 'return_kept_by_municipality');
  throw new AppError(409, 'return_state');
}

async function loadRow(tx: Tx, code: string, fiscalYear: number): Promise<Row | undefined> {
  const [row] = await tx
    .select()
    .from(statusReturns)
    .where(and(eq(statusReturns.municipalityCode, code), eq(statusReturns.fiscalYear, fiscalYear)));
  return row;
}

function check(actor: LayerActor, action: ReturnAction, code: string, row: Row | undefined): void {
  enforce(
    authorizeReturn(actor, action, {
      municipalityCode: code,
      state: row?.state ?? null,
      enteredBy: row?.enteredBy ?? null,
    }),
  );
}

async function present(
  tx: Tx,
  code: string,
  fiscalYear: number,
  row: Row | undefined,
  prefill: Row['prefill'],
) {
  const entry = municipalityEntry(code);
  if (!entry) throw notFound();
  const due = await dueOn(tx, fiscalYear);
  return {
    municipalityCode: code,
    municipalityName: entry.name,
    prefectureCode: entry.prefectureCode,
    fiscalYear,
    state: row?.state ?? 'draft',
    enteredBy: row?.enteredBy ?? 'municipality',
    items: (row?.items ??
      Object.fromEntries(Object.entries(prefill).map(([k, v]) => [k, v.value]))) as Record<
      string,
      ReturnValue
    >,
    prefill,
    corrections: row?.corrections ?? [],
    reviewComment: row?.reviewComment ?? null,
    dueOn: due,
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    decidedAt: row?.decidedAt?.toISOString() ?? null,
    version: row?.version ?? 0,
    updatedAt: (row?.updatedAt ?? new Date(0)).toISOString(),
  } satisfies StatusReturn;
}

/**
 * A return as its reader sees it. A municipality opening a year it has not started gets a draft
 * (version 0, nothing stored yet) pre-filled from live data; the figures are kept with the return
 * when it is first saved.
 */
export async function readReturn(tx: Tx, actor: LayerActor, code: string, fiscalYear: number) {
  if (!municipalityEntry(code)) throw notFound();
  const row = await loadRow(tx, code, fiscalYear);
  check(actor, 'read', code, row);
  if (!row && actor.scope !== 'tenant') throw notFound();
  const prefill = row ? row.prefill : await prefillReturn(tx, code, fiscalYear);
  return present(tx, code, fiscalYear, row, prefill);
}

function sameValue(a: ReturnValue | undefined, b: ReturnValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Checks each value against its item's kind; unknown items are refused (400 with a pointer each). */
export function validateItems(items: Record<string, ReturnValue>): ReturnItems {
  const errors: { pointer: string; message: { ja: string; en: string } }[] = [];
  for (const [id, value] of Object.entries(items)) {
    const def = returnItem(id);
    const pointer = `/items/${id}`;
    if (!def) {
      errors.push({ pointer, message: MESSAGES.unknownItem });
      continue;
    }
    if (value === null) continue;
    const ok = (() => {
      switch (def.kind) {
        case 'boolean':
          return typeof value === 'boolean';
        case 'count':
        case 'persons':
        case 'yen':
          return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1e12;
        case 'hours':
          return typeof value === 'number' && value >= 0 && value <= 1e7;
        case 'year':
          return typeof value === 'number' && Number.isInteger(value) && value >= 1990 && value <= 2100;
        case 'date':
          return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
        case 'text':
          return typeof value === 'string' && value.length <= 500;
        case 'members':
          return Array.isArray(value) && value.length <= 20 && value.every((v) => v.length <= 40);
      }
    })();
    if (!ok) errors.push({ pointer, message: MESSAGES.badValue });
  }
  if (errors.length) throw new AppError(400, 'validation_failed', { errors });
  return items as ReturnItems;
}

async function writeVersion(
  tx: Tx,
  row: Row,
  action: string,
  actor: LayerActor,
  comment: string | null,
  now: Date,
): Promise<void> {
  await tx.insert(statusReturnVersions).values({
    municipalityCode: row.municipalityCode,
    fiscalYear: row.fiscalYear,
    version: row.version,
    state: row.state,
    action,
    items: row.items,
    comment,
    actorAccountId: actor.accountId,
    at: now,
  });
}

export type SaveReturnInput = {
  items: Record<string, ReturnValue>;
  /** Why a pre-filled figure was changed, per item id. */
  reasons?: Record<string, string>;
  version: number;
};

/** Saves the municipality's own return (draft or returned); a changed pre-filled figure needs a reason. */
export async function saveReturn(
  tx: Tx,
  actor: LayerActor,
  code: string,
  fiscalYear: number,
  input: SaveReturnInput,
  now: Date,
) {
  if (!municipalityEntry(code)) throw notFound();
  const existing = await loadRow(tx, code, fiscalYear);
  check(actor, 'edit', code, existing);
  if ((existing?.version ?? 0) !== input.version) throw conflict({ version: existing?.version ?? 0 });
  const items = validateItems(input.items);
  const prefill = existing ? existing.prefill : await prefillReturn(tx, code, fiscalYear);
  const previous = existing?.items ?? {};
  const corrections = [...(existing?.corrections ?? [])];
  const missing: { pointer: string; message: { ja: string; en: string } }[] = [];
  for (const [id, value] of Object.entries(items)) {
    const known = prefill[id as keyof typeof prefill];
    if (!known || sameValue(known.value, value)) continue;
    if (sameValue(previous[id as keyof typeof previous], value) && existing) continue;
    const reason = input.reasons?.[id]?.trim();
    if (!reason) {
      missing.push({ pointer: `/reasons/${id}`, message: MESSAGES.reasonRequired });
      continue;
    }
    corrections.push({
      item: id,
      from: known.value,
      to: value as ReturnValue,
      reason,
      at: now.toISOString(),
    });
  }
  if (missing.length) throw new AppError(400, 'validation_failed', { errors: missing });
  const state = nextState(existing?.state ?? null, 'save');
  if (!state) throw new AppError(409, 'return_not_editable');
  const values = {
    municipalityCode: code,
    fiscalYear,
    state,
    enteredBy: 'municipality' as const,
    items,
    prefill,
    corrections,
    version: (existing?.version ?? 0) + 1,
    updatedAt: now,
    updatedBy: actor.accountId,
  };
  const [row] = existing
    ? await tx
        .update(statusReturns)
        .set(values)
        .where(and(eq(statusReturns.municipalityCode, code), eq(statusReturns.fiscalYear, fiscalYear)))
        .returning()
    : await tx.insert(statusReturns).values(values).returning();
  await writeVersion(tx, row!, 'save', actor, null, now);
  return present(tx, code, fiscalYear, row, row!.prefill);
}

async function move(
  tx: Tx,
  actor: LayerActor,
  code: string,
  fiscalYear: number,
  action: ReturnAction,
  transition: 'submit' | 'accept' | 'return',
  version: number,
  comment: string | null,
  now: Date,
) {
  if (!municipalityEntry(code)) throw notFound();
  const existing = await loadRow(tx, code, fiscalYear);
  if (!existing && actor.scope !== 'tenant') throw notFound();
  check(actor, action, code, existing);
  if (!existing) throw new AppError(409, 'return_state');
  if (existing.version !== version) throw conflict({ version: existing.version });
  const state = nextState(existing.state, transition);
  if (!state) throw new AppError(409, 'return_state');
  const [row] = await tx
    .update(statusReturns)
    .set({
      state,
      version: existing.version + 1,
      updatedAt: now,
      updatedBy: actor.accountId,
      ...(transition === 'submit' ? { submittedAt: now, reviewComment: null } : {}),
      ...(transition !== 'submit'
        ? { decidedAt: now, decidedBy: actor.accountId, reviewComment: comment }
        : {}),
    })
    .where(and(eq(statusReturns.municipalityCode, code), eq(statusReturns.fiscalYear, fiscalYear)))
    .returning();
  await writeVersion(tx, row!, transition, actor, comment, now);
  return present(tx, code, fiscalYear, row, row!.prefill);
}

export const submitReturn = (
  tx: Tx,
  actor: LayerActor,
  code: string,
  fy: number,
  version: number,
  now: Date,
) => move(tx, actor, code, fy, 'submit', 'submit', version, null, now);

export function reviewReturn(
  tx: Tx,
  actor: LayerActor,
  code: string,
  fy: number,
  input: { decision: 'accept' | 'return'; comment?: string | undefined; version: number },
  now: Date,
) {
  const comment = input.comment?.trim() || null;
  if (input.decision === 'return' && !comment)
    throw new AppError(400, 'validation_failed', {
      errors: [{ pointer: '/comment', message: MESSAGES.commentRequired }],
    });
  return move(tx, actor, code, fy, 'review', input.decision, input.version, comment, now);
}

/**
 * The prefecture enters (or corrects) the return of a municipality that does not keep its own; the
 * return is accepted as it is saved (the prefecture is its reviewer). Used by the form and the import.
 */
export async function enterReturnFor(
  tx: Tx,
  actor: LayerActor,
  code: string,
  fiscalYear: number,
  items: Record<string, ReturnValue>,
  now: Date,
  action = 'enter_for',
) {
  if (!municipalityEntry(code)) throw notFound();
  const existing = await loadRow(tx, code, fiscalYear);
  check(actor, 'enter_for', code, existing);
  if (await keepsOwnReturns(tx, code)) throw new AppError(409, 'return_kept_by_municipality');
  const valid = validateItems(items);
  const values = {
    municipalityCode: code,
    fiscalYear,
    state: nextState(existing?.state ?? null, 'enter_for')!,
    enteredBy: 'prefecture' as const,
    items: valid,
    version: (existing?.version ?? 0) + 1,
    submittedAt: existing?.submittedAt ?? now,
    decidedAt: now,
    decidedBy: actor.accountId,
    updatedAt: now,
    updatedBy: actor.accountId,
  };
  const [row] = existing
    ? await tx
        .update(statusReturns)
        .set(values)
        .where(and(eq(statusReturns.municipalityCode, code), eq(statusReturns.fiscalYear, fiscalYear)))
        .returning()
    : await tx.insert(statusReturns).values(values).returning();
  await writeVersion(tx, row!, action, actor, null, now);
  return present(tx, code, fiscalYear, row, row!.prefill);
}

/** A municipality that has ever kept a return itself (it uses Tsunagari): its prefecture never enters one. */
export async function keepsOwnReturns(tx: Tx, code: string): Promise<boolean> {
  const [row] = await tx
    .select({ code: statusReturns.municipalityCode })
    .from(statusReturns)
    .where(and(eq(statusReturns.municipalityCode, code), eq(statusReturns.enteredBy, 'municipality')))
    .limit(1);
  return row !== undefined;
}

/** The version history of a return (who did what, when, with which comment; ids only for people). */
export async function listReturnVersions(tx: Tx, actor: LayerActor, code: string, fiscalYear: number) {
  if (!municipalityEntry(code)) throw notFound();
  const row = await loadRow(tx, code, fiscalYear);
  check(actor, 'read', code, row);
  const versions = await tx
    .select()
    .from(statusReturnVersions)
    .where(
      and(eq(statusReturnVersions.municipalityCode, code), eq(statusReturnVersions.fiscalYear, fiscalYear)),
    )
    .orderBy(statusReturnVersions.version);
  return versions.map((v) => ({
    version: v.version,
    state: v.state,
    action: v.action,
    comment: v.comment,
    actorAccountId: v.actorAccountId,
    at: v.at.toISOString(),
  }));
}

/** Returns of a fiscal year for every municipality in the actor's scope (not_reported where none). */
export async function listReturns(
  tx: Tx,
  actor: LayerActor,
  query: { fiscalYear: number; prefecture?: string | undefined; state?: ListedReturnState | undefined },
  page: { limit: number; offset: number },
): Promise<ListResult<ReturnListItem>> {
  const prefecture =
    actor.scope === 'national'
      ? query.prefecture
      : actor.scope === 'prefecture'
        ? actor.tenant!.slice(0, 2)
        : undefined;
  if (actor.scope === 'prefecture' && query.prefecture && query.prefecture !== prefecture) throw notFound();
  const entries =
    actor.scope === 'tenant'
      ? municipalityEntries().filter((e) => e.code === actor.tenant)
      : municipalityEntries(prefecture);
  const stored = await tx
    .select({
      code: statusReturns.municipalityCode,
      state: statusReturns.state,
      enteredBy: statusReturns.enteredBy,
      submittedAt: statusReturns.submittedAt,
    })
    .from(statusReturns)
    .where(
      and(
        eq(statusReturns.fiscalYear, query.fiscalYear),
        prefecture ? sql`left(${statusReturns.municipalityCode}, 2) = ${prefecture}` : undefined,
      ),
    );
  const byCode = new Map(stored.map((r) => [r.code, r]));
  const due = await dueOn(tx, query.fiscalYear);
  const all = entries
    .map((e): ReturnListItem => {
      const r = byCode.get(e.code);
      const submittedOn = r?.submittedAt ? jstDate(r.submittedAt) : null;
      return {
        municipalityCode: e.code,
        municipalityName: e.name,
        prefectureCode: e.prefectureCode,
        fiscalYear: query.fiscalYear,
        state: r?.state ?? 'not_reported',
        enteredBy: r?.enteredBy ?? null,
        submittedAt: r?.submittedAt?.toISOString() ?? null,
        onTime: r && r.state !== 'draft' ? isOnTime(submittedOn, due) : null,
        dueOn: due,
      };
    })
    .filter((item) => query.state === undefined || item.state === query.state);
  const items = all.slice(page.offset, page.offset + page.limit);
  const next = page.offset + page.limit;
  return { items, total: all.length, nextCursor: next < all.length ? String(next) : null };
}

/**
 * The business date in Japan (YYYY-MM-DD). Japan keeps no daylight saving time, so a fixed +9 h is
 * exact; it is used per row in lists of all 1,741 municipalities, where a new Intl formatter per
 * call costs most of the request (bench:insights).
 */
export const jstDate = (at: Date): string =>
  new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
/** Today's business date in Japan (for deadlines and reminders). */
export const today = (now: Date) => jstDate(now);
