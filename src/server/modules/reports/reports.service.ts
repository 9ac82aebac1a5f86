import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { prefectureOf, prefectureTenantCode } from '../../../shared/municipality-code.ts';
import { hasPermission } from '../../../shared/permissions.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptOptional, encryptField, encryptOptional } from '../../platform/crypto/fields.ts';
import type { Database, Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { AppError, notFound, registerErrorMessages } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, type ListResult } from '../../platform/http/list.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import { registerStaffAlertTemplate } from '../../platform/outbox/staff-alerts.ts';
import { getAccount, listAccounts } from '../accounts/index.ts';
import { getPublicProfile } from '../municipalities/index.ts';
import { newReceiptNumber, newReplyCode, normalizeOperatorName, replyCodeHash } from './reports.codes.ts';
import type { ReportDetail, ReportListQuery, ReportSummary, SubmitReportBody } from './reports.schema.ts';
import {
  type ReportCategory,
  type ReportStatus,
  reportContext,
  reportNotes,
  reportOperatorIdentifiers,
  reportOperators,
  reportProtections,
  reportReferrals,
  reports,
} from './reports.tables.ts';

/** What the services need from the app context. */
export type ReportsContext = { clock: Clock; config: Pick<Config, 'dataKeys' | 'publicUrl'> };

registerErrorMessages({
  reports_not_accepted: {
    title: {
      ja: 'この市区町村では、まだこの窓口を使えません',
      en: 'This municipality does not take reports here yet',
    },
    detail: {
      ja: '危険なときは 110、契約のことは消費者ホットライン 188 に電話してください。',
      en: 'In danger, call 110. About a contract, call the consumer hotline 188.',
    },
  },
  reply_code_not_found: {
    title: { ja: '返信コードが見つかりません', en: 'Reply code not found' },
    detail: {
      ja: '受付のときに表示されたコードを、もう一度確かめてください。',
      en: 'Check the code you were shown when the report was received.',
    },
  },
  status_transition: {
    title: { ja: 'この状態には変更できません', en: 'This status change is not allowed' },
  },
  assignee_not_allowed: {
    title: { ja: 'この職員は担当にできません', en: 'This account cannot be assigned' },
    detail: {
      ja: '通報の対応権限を持つ、有効なアカウントを選んでください。',
      en: 'Choose an active account that may triage reports.',
    },
  },
});

registerStaffAlertTemplate('reports.urgent', {
  subject: '【つながり】緊急の可能性がある通報が届きました',
  lead: '今すぐ危険があるかもしれない通報が届きました。至急システムで確認してください。',
});
registerStaffAlertTemplate('reports.protection-follow-up', {
  subject: '【つながり】緊急保護のフォローアップ日です',
  lead: '緊急保護のフォローアップ予定日になりました。内容はシステムで確認してください。',
});

// ---------------------------------------------------------------------------------------------
// Encrypted payloads

const Details = z.object({
  otherCategory: z.string().optional(),
  occurredOn: z.string().optional(),
  occurredPeriod: z.string().optional(),
  place: z.string().optional(),
  business: z
    .object({
      name: z.string().optional(),
      phone: z.string().optional(),
      website: z.string().optional(),
      address: z.string().optional(),
    })
    .default({}),
  signedOn: z.string().optional(),
  text: z.string().optional(),
});
export type ReportDetails = z.infer<typeof Details>;

const Contact = z.object({
  name: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  note: z.string().optional(),
});

const keysOf = (ctx: ReportsContext) => ctx.config.dataKeys;

function seal(ctx: ReportsContext, field: Parameters<typeof reportContext>[0], id: string, value: string) {
  return encryptField(value, keysOf(ctx), reportContext(field, id));
}

function open(
  ctx: ReportsContext,
  field: Parameters<typeof reportContext>[0],
  id: string,
  value: string | null,
): string | null {
  return decryptOptional(value, keysOf(ctx), reportContext(field, id));
}

export function readDetails(ctx: ReportsContext, id: string, stored: string): ReportDetails {
  return Details.parse(JSON.parse(open(ctx, 'details', id, stored) ?? '{}'));
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function dateNotAfter(today: string, value: string | undefined, pointer: string) {
  if (value && value > today) {
    throw new AppError(400, 'validation_failed', {
      errors: [
        {
          pointer,
          message: {
            ja: '今日より後の日付は入力できません',
            en: 'The date cannot be in the future',
          },
        },
      ],
    });
  }
}

/**
 * Notes are shown in the order they were written. With a fixed business clock (TSUNAGARI_CLOCK in
 * demos and tests) several notes share one time, so a new note is placed 1 ms after the latest one.
 */
async function noteTime(tx: Tx, reportId: string, now: Date): Promise<Date> {
  const [latest] = await tx
    .select({ at: sql<Date | string | null>`max(${reportNotes.createdAt})` })
    .from(reportNotes)
    .where(eq(reportNotes.reportId, reportId));
  const last = latest?.at ? new Date(latest.at).getTime() : Number.NEGATIVE_INFINITY;
  return last >= now.getTime() ? new Date(last + 1) : now;
}

// ---------------------------------------------------------------------------------------------
// Public: submit, read answers, add information

export type SubmitResult = {
  id: string;
  receiptNumber: string;
  replyCode: string;
  urgent: boolean;
  receivedAt: string;
  /** When staff read reports (the profile's office hours), or null when the profile does not say. */
  officeHours: string | null;
  codeEmailed: boolean;
};

/**
 * Stores a report in the tenant's transaction (the caller's RLS scope is `input.municipalityCode`)
 * and puts the staff alert in the outbox in the same transaction: an urgent report alerts the
 * on-call contact (without content), every report alerts the tenant's triage staff.
 */
/** A prefecture's own tenant code (`NN000c`): reports sent there reach the prefecture's triage staff. */
export const isPrefectureTenant = (code: string): boolean =>
  prefectureTenantCode(prefectureOf(code)) === code;

/**
 * Who reads a report sent to `code`, asked before anything is written: a municipality that uses
 * Tsunagari (it has a profile), or a prefecture whose own tenant has at least one account that may
 * triage reports (a person taken far from home knows the prefecture, not the town). Must run in a
 * transaction scoped to `code`. `officeHours` is what the profile says of the welfare (or on-call)
 * desk, so the receipt can say honestly when staff will read the report.
 */
export async function reportWindow(
  tx: Tx,
  code: string,
): Promise<{ accepts: boolean; level: 'municipality' | 'prefecture'; officeHours: string | null }> {
  const profile = await getPublicProfile(tx, code);
  const officeHours = profile?.welfareContact?.hours || profile?.onCallContact?.hours || null;
  if (isPrefectureTenant(code)) {
    const staff = await triageStaff(tx);
    return { accepts: staff.length > 0, level: 'prefecture', officeHours };
  }
  return { accepts: profile !== null, level: 'municipality', officeHours };
}

export async function submitReport(
  tx: Tx,
  ctx: ReportsContext,
  input: SubmitReportBody,
): Promise<SubmitResult> {
  const tenant = input.municipalityCode;
  const window = await reportWindow(tx, tenant);
  if (!window.accepts) {
    throw new AppError(400, 'reports_not_accepted', {
      errors: [
        {
          pointer: '/body/municipalityCode',
          message:
            window.level === 'prefecture'
              ? {
                  ja: 'この都道府県では、まだこの窓口で通報を受け付けていません',
                  en: 'This prefecture does not take reports here yet',
                }
              : {
                  ja: 'この市区町村では、まだこの窓口を使えません',
                  en: 'This municipality does not take reports here yet',
                },
        },
      ],
    });
  }
  const profile = await getPublicProfile(tx, tenant);
  const now = ctx.clock.now();
  const today = isoDateInTokyo(now);
  dateNotAfter(today, input.occurredOn, '/body/occurredOn');
  dateNotAfter(today, input.signedOn, '/body/signedOn');

  const id = randomUUID();
  const replyCode = newReplyCode();
  let receiptNumber = newReceiptNumber();
  // 32^8 numbers per tenant: a clash is astronomically rare, but never worth a failed report.
  while (
    (
      await tx
        .select({ id: reports.id })
        .from(reports)
        .where(and(eq(reports.municipalityCode, tenant), eq(reports.receiptNumber, receiptNumber)))
    ).length > 0
  )
    receiptNumber = newReceiptNumber();

  const details: ReportDetails = {
    otherCategory: input.otherCategory,
    occurredOn: input.occurredOn,
    occurredPeriod: input.occurredPeriod,
    place: input.place,
    business: {
      name: input.business?.name,
      phone: input.business?.phone,
      website: input.business?.website,
      address: input.business?.address,
    },
    signedOn: input.signedOn,
    text: input.text,
  };
  const contact = input.contact && Object.values(input.contact).some(Boolean) ? input.contact : undefined;
  const urgent = input.danger !== 'no';

  await tx.insert(reports).values({
    municipalityCode: tenant,
    id,
    receiptNumber,
    replyCodeHash: replyCodeHash(replyCode)!,
    danger: input.danger,
    urgent,
    status: 'new',
    reporterRole: input.reporterRole,
    categories: input.categories,
    corporateNumber: input.business?.corporateNumber ?? null,
    signer: input.signer ?? null,
    salesMethod: input.salesMethod ?? null,
    amountContracted: input.amountContracted ?? null,
    amountPaid: input.amountPaid ?? null,
    detailsEncrypted: seal(ctx, 'details', id, JSON.stringify(details)),
    contactEncrypted: contact ? seal(ctx, 'contact', id, JSON.stringify(contact)) : null,
    receivedAt: now,
    updatedAt: now,
  });

  await alertStaff(tx, ctx, tenant, id, urgent, profile?.onCallContact?.email ?? null);
  // The person asked to receive the 受付番号 by e-mail too (only where they gave an address).
  const codeEmailed = Boolean(input.sendCodeByEmail && contact?.email);
  if (codeEmailed)
    await enqueueMessage(tx, ctx, {
      kind: 'notice',
      municipalityCode: tenant,
      recipient: contact!.email!,
      templateKey: 'reports.receipt-code',
      subject: '【つながり】通報の受付番号',
      body: [
        '通報を受け付けました。',
        `受付番号: ${replyCode}`,
        `問い合わせ番号: ${receiptNumber}`,
        '',
        `返事を読む・情報を追加する: ${ctx.config.publicUrl}/reports/reply`,
        '受付番号は、ほかの人に見せないでください。',
        window.officeHours
          ? `担当の職員が読むのは、開庁時間（${window.officeHours}）です。`
          : '担当の職員が読むのは、開庁時間です。',
        'いま危険があるときは、110番に電話してください。',
      ].join('\n'),
      idempotencyKey: `reports.receipt-code:${id}`,
      // The address stays encrypted in the report's contact details if given; the outbox copy,
      // which also carries the 受付番号, is erased once delivered (decision 0025).
      eraseAfterSending: true,
    });
  return {
    id,
    receiptNumber,
    replyCode,
    urgent,
    receivedAt: now.toISOString(),
    officeHours: window.officeHours,
    codeEmailed,
  };
}

/** The tenant's active accounts that may triage reports (through the accounts module's own service). */
async function triageStaff(tx: Tx): Promise<{ id: string; email: string }[]> {
  const out: { id: string; email: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAccounts(tx, { status: 'active', limit: 200, cursor });
    for (const account of page.items)
      if (hasPermission(account.roles, 'reports.triage')) out.push({ id: account.id, email: account.email });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

async function alertStaff(
  tx: Tx,
  ctx: ReportsContext,
  tenant: string,
  reportId: string,
  urgent: boolean,
  onCallEmail: string | null,
): Promise<void> {
  const linkPath = `/console/reports/${reportId}`;
  const staff = await triageStaff(tx);
  if (urgent) {
    // The on-call contact first; when the profile has no e-mail for it, triage staff get the urgent alert.
    const recipients = onCallEmail ? [onCallEmail] : staff.map((s) => s.email);
    for (const [i, recipient] of recipients.entries()) {
      await enqueueMessage(tx, ctx, {
        kind: 'staff_alert',
        municipalityCode: tenant,
        recipient,
        templateKey: 'reports.urgent',
        linkPath,
        idempotencyKey: `reports.urgent:${reportId}:${i}`,
      });
    }
    if (!onCallEmail) return;
  }
  for (const person of staff) {
    await enqueueMessage(tx, ctx, {
      kind: 'staff_alert',
      municipalityCode: tenant,
      recipient: person.email,
      templateKey: 'report.received',
      linkPath,
      idempotencyKey: `reports.received:${reportId}:${person.id}`,
    });
  }
}

/**
 * Which tenant a reply code belongs to. Runs as the system (before any tenant is known, like finding
 * a session by its cookie); the caller continues in that tenant's transaction.
 */
export async function findByReplyCode(
  db: Database,
  code: string,
): Promise<{ municipalityCode: string; id: string } | null> {
  const hash = replyCodeHash(code);
  if (!hash) return null;
  const [found] = await asSystem(db, (tx) =>
    tx
      .select({ municipalityCode: reports.municipalityCode, id: reports.id })
      .from(reports)
      .where(eq(reports.replyCodeHash, hash)),
  );
  return found ?? null;
}

export async function publicView(tx: Tx, ctx: ReportsContext, id: string) {
  const [report] = await tx
    .select({
      receiptNumber: reports.receiptNumber,
      receivedAt: reports.receivedAt,
      status: reports.status,
    })
    .from(reports)
    .where(eq(reports.id, id));
  if (!report) throw new AppError(404, 'reply_code_not_found');
  const notes = await tx
    .select()
    .from(reportNotes)
    .where(and(eq(reportNotes.reportId, id), inArray(reportNotes.kind, ['reply', 'addition'])))
    .orderBy(asc(reportNotes.createdAt), asc(reportNotes.id));
  return {
    receiptNumber: report.receiptNumber,
    receivedAt: report.receivedAt.toISOString(),
    status: report.status,
    replies: notes
      .filter((n) => n.kind === 'reply')
      .map((n) => ({ at: n.createdAt.toISOString(), text: open(ctx, 'note', n.id, n.textEncrypted) ?? '' })),
    additions: notes.filter((n) => n.kind === 'addition').map((n) => ({ at: n.createdAt.toISOString() })),
  };
}

export async function addInformation(
  tx: Tx,
  ctx: ReportsContext,
  tenant: string,
  reportId: string,
  text: string,
) {
  const now = ctx.clock.now();
  const [report] = await tx
    .select({ receiptNumber: reports.receiptNumber, status: reports.status })
    .from(reports)
    .where(eq(reports.id, reportId));
  if (!report) throw new AppError(404, 'reply_code_not_found');
  const id = randomUUID();
  await tx.insert(reportNotes).values({
    municipalityCode: tenant,
    id,
    reportId,
    kind: 'addition',
    textEncrypted: seal(ctx, 'note', id, text),
    authorAccountId: null,
    createdAt: await noteTime(tx, reportId, now),
  });
  // New information reopens a closed report: someone has to read it.
  await tx
    .update(reports)
    .set({
      updatedAt: now,
      ...(report.status === 'closed' ? { status: 'in_progress' as const, closedAt: null } : {}),
    })
    .where(eq(reports.id, reportId));
  return { id, receiptNumber: report.receiptNumber, receivedAt: now.toISOString() };
}

// ---------------------------------------------------------------------------------------------
// Staff: queue and detail

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

/** The report row of this tenant (RLS and an explicit filter); 404 for anything else. */
export async function getReportRow(tx: Tx, tenant: string, id: string) {
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.municipalityCode, tenant), eq(reports.id, id)));
  if (!row) throw notFound();
  return row;
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
        .where(eq(reportOperators.id, row.operatorId))
    : [];
  const notes = await tx
    .select()
    .from(reportNotes)
    .where(eq(reportNotes.reportId, id))
    .orderBy(asc(reportNotes.createdAt), asc(reportNotes.id));
  const referrals = await tx
    .select()
    .from(reportReferrals)
    .where(eq(reportReferrals.reportId, id))
    .orderBy(asc(reportReferrals.createdAt), asc(reportReferrals.id));
  const protections = await tx
    .select()
    .from(reportProtections)
    .where(eq(reportProtections.reportId, id))
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

// ---------------------------------------------------------------------------------------------
// Staff: changes

/** new → in progress → referred → closed; a closed report can be reopened. */
export const STATUS_TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  new: ['in_progress', 'referred', 'closed'],
  in_progress: ['referred', 'closed'],
  referred: ['in_progress', 'closed'],
  closed: ['in_progress'],
};

export async function setStatus(
  tx: Tx,
  tenant: string,
  id: string,
  status: ReportStatus,
  now: Date,
): Promise<{ changed: boolean }> {
  const row = await getReportRow(tx, tenant, id);
  if (row.status === status) return { changed: false };
  if (!STATUS_TRANSITIONS[row.status].includes(status)) {
    throw new AppError(409, 'status_transition', {
      detail: {
        ja: `「${row.status}」から「${status}」には変更できません。`,
        en: `Cannot change from "${row.status}" to "${status}".`,
      },
      extra: { current: row.status },
    });
  }
  await tx
    .update(reports)
    .set({ status, updatedAt: now, closedAt: status === 'closed' ? now : null })
    .where(and(eq(reports.municipalityCode, tenant), eq(reports.id, id)));
  return { changed: true };
}

export async function assignReport(
  tx: Tx,
  ctx: ReportsContext,
  actor: Actor,
  tenant: string,
  id: string,
  accountId: string | null,
) {
  const row = await getReportRow(tx, tenant, id);
  if (accountId) {
    const account = await getAccount(tx, accountId).catch(() => null);
    if (account?.status !== 'active' || !hasPermission(account.roles, 'reports.triage')) {
      throw new AppError(400, 'assignee_not_allowed', {
        errors: [
          {
            pointer: '/body/accountId',
            message: { ja: 'この職員は担当にできません', en: 'This account cannot be assigned' },
          },
        ],
      });
    }
    if (account.id !== actor.accountId && row.assigneeAccountId !== account.id) {
      await enqueueMessage(tx, ctx, {
        kind: 'staff_alert',
        municipalityCode: tenant,
        recipient: account.email,
        templateKey: 'case.assigned',
        linkPath: `/console/reports/${id}`,
        idempotencyKey: `reports.assigned:${id}:${account.id}:${ctx.clock.now().getTime()}`,
      });
    }
  }
  const now = ctx.clock.now();
  await tx
    .update(reports)
    .set({
      assigneeAccountId: accountId,
      updatedAt: now,
      // Taking a new report in hand starts work on it.
      ...(accountId && row.status === 'new' ? { status: 'in_progress' as const } : {}),
    })
    .where(and(eq(reports.municipalityCode, tenant), eq(reports.id, id)));
}

export async function addNote(
  tx: Tx,
  ctx: ReportsContext,
  actor: Actor,
  tenant: string,
  reportId: string,
  input: { kind: 'internal' | 'reply'; text: string },
) {
  await getReportRow(tx, tenant, reportId);
  const id = randomUUID();
  const now = ctx.clock.now();
  await tx.insert(reportNotes).values({
    municipalityCode: tenant,
    id,
    reportId,
    kind: input.kind,
    textEncrypted: seal(ctx, 'note', id, input.text),
    authorAccountId: actor.accountId,
    createdAt: await noteTime(tx, reportId, now),
  });
  await tx.update(reports).set({ updatedAt: now }).where(eq(reports.id, reportId));
  return { id };
}

export async function addReferral(
  tx: Tx,
  ctx: ReportsContext,
  actor: Actor,
  tenant: string,
  reportId: string,
  input: {
    target: 'consumer_centre' | 'police' | 'other';
    organisation: string;
    referredOn: string;
    note?: string | undefined;
  },
) {
  const row = await getReportRow(tx, tenant, reportId);
  const now = ctx.clock.now();
  dateNotAfter(isoDateInTokyo(now), input.referredOn, '/body/referredOn');
  const id = randomUUID();
  await tx.insert(reportReferrals).values({
    municipalityCode: tenant,
    id,
    reportId,
    target: input.target,
    organisation: input.organisation,
    referredOn: input.referredOn,
    noteEncrypted: encryptOptional(input.note, keysOf(ctx), reportContext('referralNote', id)),
    createdBy: actor.accountId,
    createdAt: now,
  });
  await tx
    .update(reports)
    .set({
      updatedAt: now,
      ...(row.status === 'new' || row.status === 'in_progress' ? { status: 'referred' as const } : {}),
    })
    .where(eq(reports.id, reportId));
  return { id };
}

export async function addProtection(
  tx: Tx,
  ctx: ReportsContext,
  actor: Actor,
  tenant: string,
  reportId: string,
  input: {
    protectedAt: string;
    place: string;
    protectedBy: string;
    followUpOn: string;
    note?: string | undefined;
  },
) {
  const row = await getReportRow(tx, tenant, reportId);
  const now = ctx.clock.now();
  const protectedAt = new Date(input.protectedAt);
  if (protectedAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new AppError(400, 'validation_failed', {
      errors: [
        {
          pointer: '/body/protectedAt',
          message: { ja: '保護した日時が未来になっています', en: 'The time of protection is in the future' },
        },
      ],
    });
  }
  if (input.followUpOn < isoDateInTokyo(protectedAt)) {
    throw new AppError(400, 'validation_failed', {
      errors: [
        {
          pointer: '/body/followUpOn',
          message: {
            ja: 'フォローアップ日は保護した日以降にしてください',
            en: 'The follow-up date must be on or after the day of protection',
          },
        },
      ],
    });
  }
  const id = randomUUID();
  await tx.insert(reportProtections).values({
    municipalityCode: tenant,
    id,
    reportId,
    protectedAt,
    placeEncrypted: seal(ctx, 'place', id, input.place),
    protectedByEncrypted: seal(ctx, 'protectedBy', id, input.protectedBy),
    noteEncrypted: encryptOptional(input.note, keysOf(ctx), reportContext('protectionNote', id)),
    followUpOn: input.followUpOn,
    recordedBy: actor.accountId,
    createdAt: now,
  });
  await tx
    .update(reports)
    .set({ updatedAt: now, ...(row.status === 'new' ? { status: 'in_progress' as const } : {}) })
    .where(eq(reports.id, reportId));
  return { id };
}

export async function completeFollowUp(
  tx: Tx,
  ctx: ReportsContext,
  tenant: string,
  reportId: string,
  protectionId: string,
  note: string | undefined,
) {
  await getReportRow(tx, tenant, reportId);
  const now = ctx.clock.now();
  const [updated] = await tx
    .update(reportProtections)
    .set({
      followUpDoneAt: now,
      followUpNoteEncrypted: encryptOptional(note, keysOf(ctx), reportContext('followUpNote', protectionId)),
    })
    .where(
      and(
        eq(reportProtections.municipalityCode, tenant),
        eq(reportProtections.reportId, reportId),
        eq(reportProtections.id, protectionId),
      ),
    )
    .returning({ id: reportProtections.id });
  if (!updated) throw notFound();
  return { id: updated.id };
}

/**
 * Emergency-protection board for consultation staff: urgent reports still open and every report with a
 * protection record — receipt numbers, dates and follow-ups only, no texts.
 */
export async function protectionBoard(tx: Tx, query: { limit: number; cursor?: string | undefined }) {
  const where = or(
    and(eq(reports.urgent, true), ne(reports.status, 'closed')),
    sql`exists (select 1 from ${reportProtections} p where p.report_id = ${reports.id})`,
  );
  const after = decodeCursor(query.cursor, z.object({ t: z.iso.datetime(), i: z.uuid() }));
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
          .where(inArray(reportProtections.reportId, ids))
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

export type { ReportCategory };
