import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Database, Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import type { KeyedStaffAlertTemplate } from '../../platform/outbox/staff-alerts.ts';
import { listAccounts } from '../accounts/index.ts';
import { getPublicProfile } from '../municipalities/index.ts';
import { newReceiptNumber, newReplyCode, replyCodeHash } from './reports.codes.ts';
import { REPORTS_FIELD, reportsError, reportsFieldError } from './reports.errors.ts';
import {
  isPrefectureTenant,
  mayGiveDate,
  mayReceiveReport,
  mayTriage,
  statusAfter,
} from './reports.policy.ts';
import { noteTime, open, type ReportDetails, type ReportsContext, seal } from './reports.records.ts';
import type { SubmitReportBody } from './reports.schema.ts';
import { reportNotes, reports } from './reports.tables.ts';

/**
 * What a person does without an account: ask whether a town takes reports, send one (anonymous
 * allowed), and, with the reply code shown on receipt, read the town's replies and add information.
 */

export const reportsUrgentAlert: KeyedStaffAlertTemplate = {
  key: 'reports.urgent',
  subject: '【つながり】緊急の可能性がある通報が届きました',
  lead: '今すぐ危険があるかもしれない通報が届きました。至急システムで確認してください。',
};

/** A date the person gives (or staff give) of something that happened: refused when after today. */
function refuseFutureDate(value: string | undefined, today: string, pointer: string): void {
  if (!mayGiveDate(value, today).allowed) throw reportsFieldError(pointer, REPORTS_FIELD.dateInFuture);
}

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
  const level = isPrefectureTenant(code) ? 'prefecture' : 'municipality';
  // Only a prefecture's window depends on its staff; a town's on its profile alone.
  const triageStaffCount = level === 'prefecture' ? (await triageStaff(tx)).length : 0;
  const decision = mayReceiveReport({ level, hasProfile: profile !== null, triageStaff: triageStaffCount });
  return { accepts: decision.allowed, level, officeHours };
}

/**
 * Stores a report in the tenant's transaction (the caller's RLS scope is `input.municipalityCode`)
 * and puts the staff alert in the outbox in the same transaction: an urgent report alerts the
 * on-call contact (without content), every report alerts the tenant's triage staff.
 */
export async function submitReport(
  tx: Tx,
  ctx: ReportsContext,
  input: SubmitReportBody,
): Promise<SubmitResult> {
  const tenant = input.municipalityCode;
  const window = await reportWindow(tx, tenant);
  if (!window.accepts) {
    const message =
      window.level === 'prefecture'
        ? REPORTS_FIELD.prefectureNotAccepting
        : REPORTS_FIELD.municipalityNotAccepting;
    throw reportsError(400, 'reports_not_accepted', '/body/municipalityCode', message);
  }
  const profile = await getPublicProfile(tx, tenant);
  const now = ctx.clock.now();
  const today = isoDateInTokyo(now);
  refuseFutureDate(input.occurredOn, today, '/body/occurredOn');
  refuseFutureDate(input.signedOn, today, '/body/signedOn');

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
      if (mayTriage(account.roles)) out.push({ id: account.id, email: account.email });
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

/** What the reply code shows: the report's state, the town's replies, and when information was added. */
export async function publicView(tx: Tx, ctx: ReportsContext, tenant: string, id: string) {
  const [report] = await tx
    .select({
      receiptNumber: reports.receiptNumber,
      receivedAt: reports.receivedAt,
      status: reports.status,
    })
    .from(reports)
    .where(and(eq(reports.municipalityCode, tenant), eq(reports.id, id)));
  if (!report) throw reportsError(404, 'reply_code_not_found');
  const notes = await tx
    .select()
    .from(reportNotes)
    .where(
      and(
        eq(reportNotes.municipalityCode, tenant),
        eq(reportNotes.reportId, id),
        inArray(reportNotes.kind, ['reply', 'addition']),
      ),
    )
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
  const thisReport = and(eq(reports.municipalityCode, tenant), eq(reports.id, reportId));
  const [report] = await tx
    .select({ receiptNumber: reports.receiptNumber, status: reports.status })
    .from(reports)
    .where(thisReport);
  if (!report) throw reportsError(404, 'reply_code_not_found');
  const id = randomUUID();
  await tx.insert(reportNotes).values({
    municipalityCode: tenant,
    id,
    reportId,
    kind: 'addition',
    textEncrypted: seal(ctx, 'note', id, text),
    authorAccountId: null,
    createdAt: await noteTime(tx, tenant, reportId, now),
  });
  const status = statusAfter(report.status, 'information_added');
  await tx
    .update(reports)
    .set({ updatedAt: now, ...(status !== report.status ? { status, closedAt: null } : {}) })
    .where(thisReport);
  return { id, receiptNumber: report.receiptNumber, receivedAt: now.toISOString() };
}
