import { and, asc, desc, eq, gt, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { OperatorTotals } from '../../../shared/contracts/reports.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/list.ts';
import {
  normalizeIdentifier,
  normalizeOperatorName,
  normalizePhone,
  normalizeWebsite,
} from './reports.codes.ts';
import { operatorExistsError, reportsError } from './reports.errors.ts';
import { mayLinkOperator } from './reports.policy.ts';
import { getReportRow, type ReportsContext, readDetails } from './reports.records.ts';
import { reportOperatorIdentifiers, reportOperators, reports } from './reports.tables.ts';

/**
 * The operator registry (national data: business identity only). Reports are linked to an operator by
 * staff, who confirm a suggested match; linking adds the report's name, phone and website to the
 * operator's variants. Totals across tenants come only from `report_operator_totals` (aggregates).
 */

type Kind = 'name' | 'phone' | 'website';
type Summary = {
  id: string;
  displayName: string;
  corporateNumber: string | null;
  identifiers: { kind: Kind; value: string }[];
};

async function summaries(tx: Tx, ids: string[]): Promise<Map<string, Summary>> {
  const out = new Map<string, Summary>();
  if (ids.length === 0) return out;
  const ops = await tx.select().from(reportOperators).where(inArray(reportOperators.id, ids));
  const identifiers = await tx
    .select()
    .from(reportOperatorIdentifiers)
    .where(inArray(reportOperatorIdentifiers.operatorId, ids))
    .orderBy(
      asc(reportOperatorIdentifiers.kind),
      asc(reportOperatorIdentifiers.createdAt),
      asc(reportOperatorIdentifiers.value),
    );
  for (const op of ops) {
    out.set(op.id, {
      id: op.id,
      displayName: op.displayName,
      corporateNumber: op.corporateNumber,
      identifiers: identifiers
        .filter((i) => i.operatorId === op.id)
        .map((i) => ({ kind: i.kind, value: i.value })),
    });
  }
  return out;
}

async function addIdentifiers(
  tx: Tx,
  operatorId: string,
  values: { kind: Kind; value: string | undefined | null }[],
  now: Date,
) {
  const rowsToAdd = values
    .filter((v): v is { kind: Kind; value: string } => Boolean(v.value?.trim()))
    .map((v) => ({
      operatorId,
      kind: v.kind,
      value: v.value.trim(),
      normalized: normalizeIdentifier(v.kind, v.value),
      createdAt: now,
    }))
    .filter((v) => v.normalized.length > 0);
  if (rowsToAdd.length > 0)
    await tx.insert(reportOperatorIdentifiers).values(rowsToAdd).onConflictDoNothing();
}

// ---------------------------------------------------------------------------------------------
// Suggestions and links

export type Reason = 'corporate_number' | 'name' | 'phone' | 'website';

export async function suggestOperators(tx: Tx, ctx: ReportsContext, tenant: string, reportId: string) {
  const row = await getReportRow(tx, tenant, reportId);
  const business = readDetails(ctx, reportId, row.detailsEncrypted).business;
  const reasons = new Map<string, Set<Reason>>();
  const note = (id: string, reason: Reason) => reasons.set(id, (reasons.get(id) ?? new Set()).add(reason));

  if (row.corporateNumber) {
    const found = await tx
      .select({ id: reportOperators.id })
      .from(reportOperators)
      .where(eq(reportOperators.corporateNumber, row.corporateNumber));
    for (const f of found) note(f.id, 'corporate_number');
  }
  const conditions: SQL[] = [];
  const name = business.name ? normalizeOperatorName(business.name) : '';
  const phone = business.phone ? normalizePhone(business.phone) : '';
  const website = business.website ? normalizeWebsite(business.website) : '';
  if (name) {
    // Exact, or one containing the other when both are long enough to mean something.
    conditions.push(
      name.length >= 3
        ? sql`(${reportOperatorIdentifiers.kind} = 'name' and (${reportOperatorIdentifiers.normalized} = ${name}
            or (length(${reportOperatorIdentifiers.normalized}) >= 3 and (strpos(${reportOperatorIdentifiers.normalized}, ${name}) > 0
              or strpos(${name}, ${reportOperatorIdentifiers.normalized}) > 0))))`
        : sql`(${reportOperatorIdentifiers.kind} = 'name' and ${reportOperatorIdentifiers.normalized} = ${name})`,
    );
  }
  if (phone.length >= 6)
    conditions.push(
      sql`(${reportOperatorIdentifiers.kind} = 'phone' and ${reportOperatorIdentifiers.normalized} = ${phone})`,
    );
  if (website)
    conditions.push(
      sql`(${reportOperatorIdentifiers.kind} = 'website' and ${reportOperatorIdentifiers.normalized} = ${website})`,
    );
  if (conditions.length > 0) {
    const found = await tx
      .select({ id: reportOperatorIdentifiers.operatorId, kind: reportOperatorIdentifiers.kind })
      .from(reportOperatorIdentifiers)
      .where(or(...conditions))
      .limit(200);
    for (const f of found) note(f.id, f.kind);
  }
  if (row.operatorId) reasons.delete(row.operatorId);

  const byId = await summaries(tx, [...reasons.keys()]);
  const strength = (r: Set<Reason>) => (r.has('corporate_number') ? 10 : 0) + r.size;
  const items = [...reasons.entries()]
    .filter(([id]) => byId.has(id))
    .sort(
      ([a, ra], [b, rb]) =>
        strength(rb) - strength(ra) || byId.get(a)!.displayName.localeCompare(byId.get(b)!.displayName),
    )
    .slice(0, 20)
    .map(([id, r]) => ({
      ...byId.get(id)!,
      reasons: (['corporate_number', 'name', 'phone', 'website'] as const).filter((x) => r.has(x)),
    }));
  return { items };
}

export async function linkOperator(
  tx: Tx,
  ctx: ReportsContext,
  actor: Actor,
  tenant: string,
  reportId: string,
  operatorId: string,
) {
  const row = await getReportRow(tx, tenant, reportId);
  const [operator] = await tx.select().from(reportOperators).where(eq(reportOperators.id, operatorId));
  if (!operator) throw notFound();
  const now = ctx.clock.now();
  if (
    !mayLinkOperator({ reportNumber: row.corporateNumber, operatorNumber: operator.corporateNumber }).allowed
  )
    throw reportsError(409, 'operator_mismatch');
  if (row.corporateNumber && !operator.corporateNumber) {
    const [other] = await tx
      .select({ id: reportOperators.id })
      .from(reportOperators)
      .where(
        and(eq(reportOperators.corporateNumber, row.corporateNumber), ne(reportOperators.id, operatorId)),
      );
    if (other) throw operatorExistsError(other.id);
    await tx
      .update(reportOperators)
      .set({ corporateNumber: row.corporateNumber, updatedAt: now })
      .where(eq(reportOperators.id, operatorId));
  }
  const business = readDetails(ctx, reportId, row.detailsEncrypted).business;
  await addIdentifiers(
    tx,
    operatorId,
    [
      { kind: 'name', value: business.name },
      { kind: 'phone', value: business.phone },
      { kind: 'website', value: business.website },
    ],
    now,
  );
  await tx
    .update(reports)
    .set({ operatorId, operatorLinkedAt: now, operatorLinkedBy: actor.accountId, updatedAt: now })
    .where(and(eq(reports.municipalityCode, tenant), eq(reports.id, reportId)));
  return { operatorId };
}

export async function unlinkOperator(tx: Tx, ctx: ReportsContext, tenant: string, reportId: string) {
  await getReportRow(tx, tenant, reportId);
  await tx
    .update(reports)
    .set({ operatorId: null, operatorLinkedAt: null, operatorLinkedBy: null, updatedAt: ctx.clock.now() })
    .where(and(eq(reports.municipalityCode, tenant), eq(reports.id, reportId)));
}

export async function createOperator(
  tx: Tx,
  ctx: ReportsContext,
  actor: Actor,
  tenant: string | null,
  input: {
    displayName: string;
    corporateNumber?: string | undefined;
    phone?: string | undefined;
    website?: string | undefined;
    reportId?: string | undefined;
  },
) {
  const now = ctx.clock.now();
  // Check the report first: a report of another tenant answers 404 before anything is written.
  if (input.reportId) {
    if (!tenant) throw notFound();
    await getReportRow(tx, tenant, input.reportId);
  }
  if (input.corporateNumber) {
    const [existing] = await tx
      .select({ id: reportOperators.id })
      .from(reportOperators)
      .where(eq(reportOperators.corporateNumber, input.corporateNumber));
    if (existing) throw operatorExistsError(existing.id);
  }
  const [created] = await tx
    .insert(reportOperators)
    .values({
      displayName: input.displayName,
      corporateNumber: input.corporateNumber ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: reportOperators.id });
  const id = created!.id;
  await addIdentifiers(
    tx,
    id,
    [
      { kind: 'name', value: input.displayName },
      { kind: 'phone', value: input.phone },
      { kind: 'website', value: input.website },
    ],
    now,
  );
  if (input.reportId && tenant) await linkOperator(tx, ctx, actor, tenant, input.reportId, id);
  return { id };
}

// ---------------------------------------------------------------------------------------------
// Reading the registry

const Amount = z.object({
  reports: z.number(),
  total: z.number().optional(),
  average: z.number().optional(),
});
const Totals = z.object({
  reports: z.number(),
  municipalities: z.number(),
  prefectures: z.number(),
  ownReports: z.number(),
  categories: z.record(z.string(), z.number()),
  amountContracted: Amount,
  amountPaid: Amount,
});

/**
 * Totals across every tenant through the aggregate-only SQL function (SECURITY DEFINER): counts by
 * category, and amounts only when enough reports stand behind them (decided in SQL, see the migration).
 */
export async function operatorTotals(tx: Tx, operatorId: string): Promise<z.infer<typeof OperatorTotals>> {
  const [result] = await rows<{ totals: unknown }>(
    tx,
    sql`select report_operator_totals(${operatorId}::uuid) as totals`,
  );
  const raw = typeof result?.totals === 'string' ? JSON.parse(result.totals) : result?.totals;
  const t = Totals.parse(raw);
  const amount = (a: z.infer<typeof Amount>) => ({
    reports: a.reports,
    total: a.total ?? null,
    average: a.average ?? null,
  });
  return { ...t, amountContracted: amount(t.amountContracted), amountPaid: amount(t.amountPaid) };
}

const ListCursor = z.object({ n: z.string(), i: z.uuid() });
const RecentCursor = z.object({ c: z.iso.datetime(), i: z.uuid() });

export async function listOperators(
  tx: Tx,
  query: {
    q?: string | undefined;
    sort?: 'name' | 'recent' | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const filters: (SQL | undefined)[] = [];
  if (query.q) {
    const digits = query.q.normalize('NFKC').replace(/\D/g, '');
    const name = normalizeOperatorName(query.q);
    const matches: SQL[] = [];
    if (name)
      matches.push(
        sql`exists (select 1 from ${reportOperatorIdentifiers} i where i.operator_id = ${reportOperators.id} and strpos(i.normalized, ${name}) > 0)`,
      );
    if (digits.length >= 4) {
      matches.push(sql`strpos(coalesce(${reportOperators.corporateNumber}, ''), ${digits}) > 0`);
      matches.push(
        sql`exists (select 1 from ${reportOperatorIdentifiers} i where i.operator_id = ${reportOperators.id} and i.kind = 'phone' and strpos(i.normalized, ${digits}) > 0)`,
      );
    }
    filters.push(matches.length > 0 ? or(...matches) : sql`false`);
  }
  const where = and(...filters);
  let found: { id: string; displayName: string; createdAt: Date }[];
  const columns = {
    id: reportOperators.id,
    displayName: reportOperators.displayName,
    createdAt: reportOperators.createdAt,
  };
  if (query.sort === 'recent') {
    const after = decodeCursor(query.cursor, RecentCursor);
    found = await tx
      .select(columns)
      .from(reportOperators)
      .where(
        and(
          where,
          after
            ? or(
                lt(reportOperators.createdAt, new Date(after.c)),
                and(eq(reportOperators.createdAt, new Date(after.c)), lt(reportOperators.id, after.i)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(reportOperators.createdAt), desc(reportOperators.id))
      .limit(query.limit + 1);
  } else {
    const after = decodeCursor(query.cursor, ListCursor);
    found = await tx
      .select(columns)
      .from(reportOperators)
      .where(
        and(
          where,
          after
            ? or(
                gt(reportOperators.displayName, after.n),
                and(eq(reportOperators.displayName, after.n), gt(reportOperators.id, after.i)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(reportOperators.displayName), asc(reportOperators.id))
      .limit(query.limit + 1);
  }
  const [{ total } = { total: 0 }] = await rows<{ total: number }>(
    tx,
    sql`select count(*)::int as total from ${reportOperators} ${where ? sql`where ${where}` : sql``}`,
  );
  const page = found.slice(0, query.limit);
  const byId = await summaries(
    tx,
    page.map((p) => p.id),
  );
  const items = [];
  for (const p of page) items.push({ ...byId.get(p.id)!, reports: (await operatorTotals(tx, p.id)).reports });
  const last = page.at(-1);
  return {
    items,
    total: Number(total),
    nextCursor:
      found.length > query.limit && last
        ? encodeCursor(
            query.sort === 'recent'
              ? { c: last.createdAt.toISOString(), i: last.id }
              : { n: last.displayName, i: last.id },
          )
        : null,
  };
}

export async function getOperator(tx: Tx, tenant: string | null, id: string, includeOwnReports: boolean) {
  const byId = await summaries(tx, [id]);
  const summary = byId.get(id);
  if (!summary) throw notFound();
  const totals = await operatorTotals(tx, id);
  const own =
    includeOwnReports && tenant
      ? await tx
          .select({
            id: reports.id,
            receiptNumber: reports.receiptNumber,
            receivedAt: reports.receivedAt,
            status: reports.status,
          })
          .from(reports)
          .where(and(eq(reports.municipalityCode, tenant), eq(reports.operatorId, id)))
          .orderBy(asc(reports.receivedAt))
      : [];
  return {
    ...summary,
    totals,
    ownReports: own.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
  };
}
