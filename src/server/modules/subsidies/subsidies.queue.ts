import { and, asc, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/list.ts';
import { getAccount } from '../accounts/index.ts';
import { findBranch } from '../banks/index.ts';
import {
  type ApplicationRow,
  applicationRow,
  claimsOf,
  collator,
  ListCursor,
  matchesWords,
  normalizeReceiptNumber,
  offsetPage,
  open,
  openOptional,
  personalOf,
  programmeRow,
  type SubsidyContext,
} from './subsidies.records.ts';
import {
  type ApplicationStatus,
  subsidyApplications,
  subsidyProgrammes,
  subsidyReceipts,
} from './subsidies.tables.ts';

/**
 * Use cases of the staff's queue of applications: the list (filtered and ordered in SQL, or in memory
 * for words and other orders), one application with its personal fields masked or not, one field in
 * clear, and a receipt file.
 */

export async function listApplications(
  tx: Tx,
  tenant: string,
  query: {
    status?: ApplicationStatus;
    fiscalYear?: number;
    receiptNumber?: string;
    q?: string;
    sort?: 'newest' | 'oldest' | 'destination' | 'requested';
    limit: number;
    cursor?: string;
  },
) {
  const conditions: (SQL | undefined)[] = [eq(subsidyApplications.municipalityCode, tenant)];
  if (query.status) conditions.push(eq(subsidyApplications.status, query.status));
  if (query.fiscalYear) conditions.push(eq(subsidyProgrammes.fiscalYear, query.fiscalYear));
  if (query.receiptNumber) {
    const normalized = normalizeReceiptNumber(query.receiptNumber);
    conditions.push(eq(subsidyApplications.receiptNumber, normalized ?? '-'));
  }
  const where = and(...conditions);
  if (query.q || (query.sort && query.sort !== 'newest'))
    return listApplicationsInMemory(tx, where, query.q ?? '', query.sort ?? 'newest', query);
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(subsidyApplications)
    .innerJoin(subsidyProgrammes, eq(subsidyProgrammes.id, subsidyApplications.programmeId))
    .where(where);
  const cursor = decodeCursor(query.cursor, ListCursor);
  const rows = await tx
    .select({ a: subsidyApplications, fiscalYear: subsidyProgrammes.fiscalYear })
    .from(subsidyApplications)
    .innerJoin(subsidyProgrammes, eq(subsidyProgrammes.id, subsidyApplications.programmeId))
    .where(
      and(
        where,
        cursor
          ? or(
              lt(subsidyApplications.submittedAt, new Date(cursor.s)),
              and(
                eq(subsidyApplications.submittedAt, new Date(cursor.s)),
                lt(subsidyApplications.id, cursor.i),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(subsidyApplications.submittedAt), desc(subsidyApplications.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(applicationSummary),
    total: Number(count?.n ?? 0),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ s: last.a.submittedAt.toISOString(), i: last.a.id })
        : null,
  };
}

const applicationSummary = ({ a, fiscalYear }: { a: ApplicationRow; fiscalYear: number }) => ({
  id: a.id,
  receiptNumber: a.receiptNumber,
  status: a.status,
  relation: a.relation,
  destinationName: a.destinationName,
  requestedMonthlyYen: a.requestedMonthlyYen,
  grantedMonthlyYen: a.grantedMonthlyYen,
  fiscalYear,
  submittedAt: a.submittedAt.toISOString(),
  enteredAtCounter: a.enteredBy !== null,
});

/**
 * The queue filtered by words or in another order: a town's applications of the years kept are a few
 * hundred, so they are matched and ordered in memory (the destination folds like the directory search)
 * and paged by offset.
 */
async function listApplicationsInMemory(
  tx: Tx,
  where: SQL | undefined,
  q: string,
  sort: 'newest' | 'oldest' | 'destination' | 'requested',
  query: { limit: number; cursor?: string | undefined },
) {
  const rows = await tx
    .select({ a: subsidyApplications, fiscalYear: subsidyProgrammes.fiscalYear })
    .from(subsidyApplications)
    .innerJoin(subsidyProgrammes, eq(subsidyProgrammes.id, subsidyApplications.programmeId))
    .where(where);
  const items = rows
    .filter(({ a }) => matchesWords(q, [a.destinationName, a.receiptNumber]))
    .map(applicationSummary);
  const newest = (x: { submittedAt: string; id: string }, y: typeof x) =>
    y.submittedAt.localeCompare(x.submittedAt) || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0);
  items.sort((x, y) =>
    sort === 'oldest'
      ? newest(y, x)
      : sort === 'destination'
        ? collator.compare(x.destinationName, y.destinationName) || newest(x, y)
        : sort === 'requested'
          ? y.requestedMonthlyYen - x.requestedMonthlyYen || newest(x, y)
          : newest(x, y),
  );
  return offsetPage(items, query);
}

const maskTail = (value: string, keep: number) =>
  value.length <= keep ? '*'.repeat(value.length) : `${'*'.repeat(value.length - keep)}${value.slice(-keep)}`;
const maskPhone = (phone: string | null) => (phone ? maskTail(phone.replace(/\D/g, ''), 2) : null);
const maskEmail = (email: string | null) =>
  email ? `${email.slice(0, 1)}***@${email.split('@')[1] ?? ''}` : null;

async function staffName(tx: Tx, id: string | null): Promise<string | null> {
  if (!id) return null;
  try {
    return (await getAccount(tx, id)).displayName;
  } catch {
    return null;
  }
}

/**
 * The application for staff. Names and route are shown (the review needs them); contact and bank
 * account are masked unless `unmasked` (finance, whose read the route audits as an unmasking).
 */
export async function getApplication(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  id: string,
  unmasked: boolean,
) {
  const a = await applicationRow(tx, tenant, id);
  const programme = await programmeRow(tx, tenant, a.programmeId);
  const personal = personalOf(ctx, a);
  const accountNumber = open(ctx, 'accountNumber', id, a.accountNumberEncrypted);
  const holderKana = open(ctx, 'holderKana', id, a.holderKanaEncrypted);
  const branch = findBranch(a.bankCode, a.branchCode);
  const receipts = await tx
    .select({
      id: subsidyReceipts.id,
      contentType: subsidyReceipts.contentType,
      byteSize: subsidyReceipts.byteSize,
    })
    .from(subsidyReceipts)
    .where(and(eq(subsidyReceipts.municipalityCode, tenant), eq(subsidyReceipts.applicationId, id)))
    .orderBy(asc(subsidyReceipts.createdAt), asc(subsidyReceipts.id));
  const claims = await claimsOf(tx, tenant, id);
  return {
    id: a.id,
    version: a.version,
    receiptNumber: a.receiptNumber,
    status: a.status,
    relation: a.relation,
    destinationName: a.destinationName,
    requestedMonthlyYen: a.requestedMonthlyYen,
    grantedMonthlyYen: a.grantedMonthlyYen,
    fiscalYear: programme.fiscalYear,
    submittedAt: a.submittedAt.toISOString(),
    enteredAtCounter: a.enteredBy !== null,
    programme: { id: programme.id, name: programme.name, monthlyCapYen: programme.monthlyCapYen },
    applicant: personal.applicant,
    person: personal.person,
    contact: unmasked
      ? { ...personal.contact, masked: false }
      : {
          phone: maskPhone(personal.contact.phone),
          email: maskEmail(personal.contact.email),
          address: personal.contact.address ? '***' : null,
          masked: true,
        },
    destination: { kind: a.destinationKind, id: a.destinationId, name: a.destinationName },
    route: open(ctx, 'route', id, a.routeEncrypted),
    legs: a.legs,
    tripYen: a.tripYen,
    tripsPerMonth: a.tripsPerMonth,
    bank: {
      bankCode: a.bankCode,
      bankName: branch?.bankName ?? '',
      branchCode: a.branchCode,
      branchName: branch?.name ?? '',
      accountType: a.accountType,
      accountNumber: unmasked ? accountNumber : maskTail(accountNumber, 3),
      holderKana: unmasked
        ? holderKana
        : `${holderKana.slice(0, 2)}${'*'.repeat(Math.max(0, holderKana.length - 2))}`,
      masked: !unmasked,
    },
    language: a.language,
    receipts,
    check:
      a.checkedBy && a.checkedAt && a.identityDocument && a.residencyMethod
        ? {
            identityDocument: a.identityDocument,
            residencyMethod: a.residencyMethod,
            note: openOptional(ctx, 'checkNote', id, a.checkNoteEncrypted),
            checkedBy: a.checkedBy,
            checkedByName: await staffName(tx, a.checkedBy),
            checkedAt: a.checkedAt.toISOString(),
          }
        : null,
    decision:
      a.decision && a.decidedBy && a.decidedOn && a.documentNumber
        ? {
            decision: a.decision,
            grantedMonthlyYen: a.grantedMonthlyYen,
            grantFrom: a.grantFrom,
            grantTo: a.grantTo,
            reasons: openOptional(ctx, 'reasons', id, a.reasonsEncrypted),
            documentNumber: a.documentNumber,
            decidedBy: a.decidedBy,
            decidedByName: await staffName(tx, a.decidedBy),
            decidedOn: a.decidedOn,
          }
        : null,
    claims,
  };
}

/** One sensitive field in clear, for a reviewer who needs it (the route audits it as an unmasking). */
export async function revealField(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  id: string,
  field: 'contact' | 'bank',
) {
  const a = await applicationRow(tx, tenant, id);
  if (field === 'contact') {
    const personal = personalOf(ctx, a);
    return { contact: personal.contact };
  }
  return {
    bank: {
      accountNumber: open(ctx, 'accountNumber', id, a.accountNumberEncrypted),
      holderKana: open(ctx, 'holderKana', id, a.holderKanaEncrypted),
    },
  };
}

export async function getReceiptFile(tx: Tx, tenant: string, applicationId: string, receiptId: string) {
  const [row] = await tx
    .select({ contentType: subsidyReceipts.contentType, data: subsidyReceipts.data })
    .from(subsidyReceipts)
    .where(
      and(
        eq(subsidyReceipts.municipalityCode, tenant),
        eq(subsidyReceipts.id, receiptId),
        eq(subsidyReceipts.applicationId, applicationId),
      ),
    );
  if (!row) throw notFound();
  return row;
}
