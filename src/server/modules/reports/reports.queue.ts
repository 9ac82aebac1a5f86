import { and, asc, count, desc, eq, gt, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ReportDetail, ReportSummary } from '../../../shared/contracts/reports.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { getAccount } from '../accounts/index.ts';
import { normalizeOperatorName } from './reports.codes.ts';
import { Contact, getReportRow, iso, open, type ReportsContext, readDetails } from './reports.records.ts';
import type { ReportListQuery } from './reports.schema.ts';
import {
  reportNotes,
  reportOperatorIdentifiers,
  reportOperators,
  reportProtections,
  reportReferrals,
  reports,
} from './reports.tables.ts';

/**
 * What staff read: the triage queue, one report with everything written about it, and the
 * emergency-protection board. Reads only; the changes are in reports.changes.ts.
 */

const Cursor = z.object({ u: z.union([z.literal(0), z.literal(1)]), t: z.iso.datetime(), i: z.uuid() });
const TimeCursor = z.object({ t: z.iso.datetime(), i: z.uuid() });

/** A receipt number's characters (forgiving, as said on the phone) or a business's name, in part. */
function reportWords(q: string): SQL {
  const code = q
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑–—ー−]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const name = normalizeOperatorName(q);
  const matches: SQL[] = [];
  if (code) matches.push(sql`strpos(replace(${reports.receiptNumber}, '-', ''), ${code}) > 0`);
  if (name)
    matches.push(
      sql`exists (select 1 from ${reportOperatorIdentifiers} i where i.operator_id = ${reports.operatorId} and strpos(i.normalized, ${name}) > 0)`,
    );
  return matches.length > 0 ? (or(...matches) as SQL) : sql`false`;
}

/**
 * Urgent first, then newest first (triage, the default), or by the time received alone; the keyset
 * follows the order asked for.
 */
export async function listReports(
  tx: Tx,
  actor: Actor,
  query: ReportListQuery,
): Promise<ListResult<z.infer<typeof ReportSummary>>> {
  const filters: (SQL | undefined)[] = [];
  if (query.status === 'open') filters.push(ne(reports.status, 'closed'));
  else if (query.status !== 'all') filters.push(eq(reports.status, query.status));
  if (query.urgent) filters.push(eq(reports.urgent, query.urgent === 'true'));
  if (query.assigned === 'me') filters.push(eq(reports.assigneeAccountId, actor.accountId));
  if (query.assigned === 'none') filters.push(isNull(reports.assigneeAccountId));
  if (query.q) filters.push(reportWords(query.q));
  const where = and(...filters);
  const sort = query.sort ?? 'triage';
  let afterCondition: SQL | undefined;
  let order: SQL[];
  if (sort === 'triage') {
    const after = decodeCursor(query.cursor, Cursor);
    afterCondition = after
      ? or(
          lt(sql`${reports.urgent}::int`, after.u),
          and(
            eq(sql`${reports.urgent}::int`, after.u),
            or(
              lt(reports.receivedAt, new Date(after.t)),
              and(eq(reports.receivedAt, new Date(after.t)), lt(reports.id, after.i)),
            ),
          ),
        )
      : undefined;
    order = [desc(reports.urgent), desc(reports.receivedAt), desc(reports.id)];
  } else {
    const after = decodeCursor(query.cursor, TimeCursor);
    const before = sort === 'newest' ? lt : gt;
    afterCondition = after
      ? or(
          before(reports.receivedAt, new Date(after.t)),
          and(eq(reports.receivedAt, new Date(after.t)), before(reports.id, after.i)),
        )
      : undefined;
    const direction = sort === 'newest' ? desc : asc;
    order = [direction(reports.receivedAt), direction(reports.id)];
  }

  const found = await tx
    .select({
      id: reports.id,
      receiptNumber: reports.receiptNumber,
      urgent: reports.urgent,
      danger: reports.danger,
      status: reports.status,
      reporterRole: reports.reporterRole,
      categories: reports.categories,
      receivedAt: reports.receivedAt,
      assigneeAccountId: reports.assigneeAccountId,
      operatorId: reportOperators.id,
      operatorName: reportOperators.displayName,
      operatorCorporateNumber: reportOperators.corporateNumber,
      protections: sql<number>`(select count(*)::int from ${reportProtections} p where p.report_id = ${reports.id})`,
    })
    .from(reports)
    .leftJoin(reportOperators, eq(reportOperators.id, reports.operatorId))
    .where(and(where, afterCondition))
    .orderBy(...order)
    .limit(query.limit + 1);
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(reports).where(where);
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      receiptNumber: r.receiptNumber,
      urgent: r.urgent,
      danger: r.danger,
      status: r.status,
      reporterRole: r.reporterRole,
      categories: r.categories,
      receivedAt: r.receivedAt.toISOString(),
      assigneeAccountId: r.assigneeAccountId,
      operator: r.operatorId
        ? { id: r.operatorId, displayName: r.operatorName!, corporateNumber: r.operatorCorporateNumber }
        : null,
      protections: Number(r.protections),
    })),
    total,
    nextCursor:
      found.length > query.limit && last
        ? encodeCursor(
            sort === 'triage'
              ? { u: last.urgent ? 1 : 0, t: last.receivedAt.toISOString(), i: last.id }
              : { t: last.receivedAt.toISOString(), i: last.id },
          )
        : null,
  };
}

export async function getReportDetail(
  tx: Tx,
  ctx: ReportsContext,
  tenant: string,
  id: string,
): Promise<ReportDetail> {
  const row = await getReportRow(tx, tenant, id);
  const details = readDetails(ctx, id, row.detailsEncrypted);
  const contactPlain = open(ctx, 'contact', id, row.contactEncrypted);
  const contact = contactPlain ? Contact.parse(JSON.parse(contactPlain)) : null;
  const [operator] = row.operatorId
    ? await tx
        .select({
          id: reportOperators.id,
          displayName: reportOperators.displayName,
          corporateNumber: reportOperators.corporateNumber,
        })
        .from(reportOperators)
        // National registry: operators carry no tenant (identity only, decision in reports.operators.ts).
        .where(eq(reportOperators.id, row.operatorId))
    : [];
  const notes = await tx
    .select()
    .from(reportNotes)
    .where(and(eq(reportNotes.municipalityCode, tenant), eq(reportNotes.reportId, id)))
    .orderBy(asc(reportNotes.createdAt), asc(reportNotes.id));
  const referrals = await tx
    .select()
    .from(reportReferrals)
    .where(and(eq(reportReferrals.municipalityCode, tenant), eq(reportReferrals.reportId, id)))
    .orderBy(asc(reportReferrals.createdAt), asc(reportReferrals.id));
  const protections = await tx
    .select()
    .from(reportProtections)
    .where(and(eq(reportProtections.municipalityCode, tenant), eq(reportProtections.reportId, id)))
    .orderBy(asc(reportProtections.protectedAt), asc(reportProtections.id));
  let assignee: { id: string; displayName: string } | null = null;
  if (row.assigneeAccountId) {
    try {
      const account = await getAccount(tx, row.assigneeAccountId);
      assignee = { id: account.id, displayName: account.displayName };
    } catch {
      assignee = null;
    }
  }
  return {
    id: row.id,
    receiptNumber: row.receiptNumber,
    urgent: row.urgent,
    danger: row.danger,
    status: row.status,
    reporterRole: row.reporterRole,
    categories: row.categories,
    receivedAt: row.receivedAt.toISOString(),
    assigneeAccountId: row.assigneeAccountId,
    operator: operator ?? null,
    protections: protections.length,
    otherCategory: details.otherCategory ?? null,
    occurredOn: details.occurredOn ?? null,
    occurredPeriod: details.occurredPeriod ?? null,
    place: details.place ?? null,
    business: {
      name: details.business.name ?? null,
      corporateNumber: row.corporateNumber,
      phone: details.business.phone ?? null,
      website: details.business.website ?? null,
      address: details.business.address ?? null,
    },
    signer: row.signer,
    signedOn: details.signedOn ?? null,
    salesMethod: row.salesMethod,
    amountContracted: row.amountContracted,
    amountPaid: row.amountPaid,
    text: details.text ?? null,
    contact: contact
      ? {
          name: contact.name ?? null,
          phone: contact.phone ?? null,
          email: contact.email ?? null,
          note: contact.note ?? null,
        }
      : null,
    assignee,
    notes: notes.map((n) => ({
      id: n.id,
      kind: n.kind,
      text: open(ctx, 'note', n.id, n.textEncrypted) ?? '',
      authorAccountId: n.authorAccountId,
      createdAt: n.createdAt.toISOString(),
    })),
    referrals: referrals.map((r) => ({
      id: r.id,
      target: r.target,
      organisation: r.organisation,
      referredOn: r.referredOn,
      note: open(ctx, 'referralNote', r.id, r.noteEncrypted),
      createdAt: r.createdAt.toISOString(),
    })),
    protectionRecords: protections.map((p) => ({
      id: p.id,
      protectedAt: p.protectedAt.toISOString(),
      place: open(ctx, 'place', p.id, p.placeEncrypted) ?? '',
      protectedBy: open(ctx, 'protectedBy', p.id, p.protectedByEncrypted) ?? '',
      note: open(ctx, 'protectionNote', p.id, p.noteEncrypted),
      followUpOn: p.followUpOn,
      followUpDoneAt: iso(p.followUpDoneAt),
      followUpNote: open(ctx, 'followUpNote', p.id, p.followUpNoteEncrypted),
      createdAt: p.createdAt.toISOString(),
    })),
    closedAt: iso(row.closedAt),
  };
}

/**
 * Emergency-protection board for consultation staff: urgent reports still open and every report with a
 * protection record — receipt numbers, dates and follow-ups only, no texts.
 */
export async function protectionBoard(
  tx: Tx,
  tenant: string,
  query: { limit: number; cursor?: string | undefined },
) {
  const where = and(
    eq(reports.municipalityCode, tenant),
    or(
      and(eq(reports.urgent, true), ne(reports.status, 'closed')),
      sql`exists (select 1 from ${reportProtections} p where p.report_id = ${reports.id})`,
    ),
  );
  const after = decodeCursor(query.cursor, TimeCursor);
  const found = await tx
    .select({
      id: reports.id,
      receiptNumber: reports.receiptNumber,
      urgent: reports.urgent,
      status: reports.status,
      receivedAt: reports.receivedAt,
    })
    .from(reports)
    .where(
      and(
        where,
        after
          ? or(
              lt(reports.receivedAt, new Date(after.t)),
              and(eq(reports.receivedAt, new Date(after.t)), lt(reports.id, after.i)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(reports.receivedAt), desc(reports.id))
    .limit(query.limit + 1);
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(reports).where(where);
  const page = found.slice(0, query.limit);
  const ids = page.map((r) => r.id);
  const protections =
    ids.length === 0
      ? []
      : await tx
          .select({
            id: reportProtections.id,
            reportId: reportProtections.reportId,
            protectedAt: reportProtections.protectedAt,
            followUpOn: reportProtections.followUpOn,
            followUpDoneAt: reportProtections.followUpDoneAt,
          })
          .from(reportProtections)
          .where(
            and(eq(reportProtections.municipalityCode, tenant), inArray(reportProtections.reportId, ids)),
          )
          .orderBy(asc(reportProtections.protectedAt));
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      reportId: r.id,
      receiptNumber: r.receiptNumber,
      urgent: r.urgent,
      status: r.status,
      receivedAt: r.receivedAt.toISOString(),
      protections: protections
        .filter((p) => p.reportId === r.id)
        .map((p) => ({
          id: p.id,
          protectedAt: p.protectedAt.toISOString(),
          followUpOn: p.followUpOn,
          followUpDoneAt: iso(p.followUpDoneAt),
        })),
    })),
    total,
    nextCursor:
      found.length > query.limit && last
        ? encodeCursor({ t: last.receivedAt.toISOString(), i: last.id })
        : null,
  };
}
