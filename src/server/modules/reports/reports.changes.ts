import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import { getAccount } from '../accounts/index.ts';
import { REPORTS_FIELD, reportsError, reportsFieldError, statusTransitionError } from './reports.errors.ts';
import {
  mayAssign,
  mayChangeStatus,
  mayGiveDate,
  mayRecordProtection,
  statusAfter,
} from './reports.policy.ts';
import { getReportRow, noteTime, type ReportsContext, seal, sealOptional } from './reports.records.ts';
import {
  type ReportStatus,
  reportNotes,
  reportProtections,
  reportReferrals,
  reports,
} from './reports.tables.ts';

/**
 * What staff do to a report of their town: change its status, take it in hand, write a note or a
 * reply, refer it on, record an emergency protection and its follow-up. Each asks the policy first
 * and touches only rows of the caller's tenant.
 */

const thisReport = (tenant: string, id: string) =>
  and(eq(reports.municipalityCode, tenant), eq(reports.id, id));

export async function setStatus(
  tx: Tx,
  tenant: string,
  id: string,
  status: ReportStatus,
  now: Date,
): Promise<{ changed: boolean }> {
  const row = await getReportRow(tx, tenant, id);
  if (row.status === status) return { changed: false };
  if (!mayChangeStatus(row.status, status).allowed) throw statusTransitionError(row.status, status);
  await tx
    .update(reports)
    .set({ status, updatedAt: now, closedAt: status === 'closed' ? now : null })
    .where(thisReport(tenant, id));
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
    if (!account || !mayAssign(account).allowed)
      throw reportsError(400, 'assignee_not_allowed', '/body/accountId', REPORTS_FIELD.assigneeNotAllowed);
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
  const status = accountId ? statusAfter(row.status, 'assigned') : row.status;
  await tx
    .update(reports)
    .set({ assigneeAccountId: accountId, updatedAt: now, ...(status !== row.status ? { status } : {}) })
    .where(thisReport(tenant, id));
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
    createdAt: await noteTime(tx, tenant, reportId, now),
  });
  await tx.update(reports).set({ updatedAt: now }).where(thisReport(tenant, reportId));
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
  if (!mayGiveDate(input.referredOn, isoDateInTokyo(now)).allowed)
    throw reportsFieldError('/body/referredOn', REPORTS_FIELD.dateInFuture);
  const id = randomUUID();
  await tx.insert(reportReferrals).values({
    municipalityCode: tenant,
    id,
    reportId,
    target: input.target,
    organisation: input.organisation,
    referredOn: input.referredOn,
    noteEncrypted: sealOptional(ctx, 'referralNote', id, input.note),
    createdBy: actor.accountId,
    createdAt: now,
  });
  const status = statusAfter(row.status, 'referred');
  await tx
    .update(reports)
    .set({ updatedAt: now, ...(status !== row.status ? { status } : {}) })
    .where(thisReport(tenant, reportId));
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
  const decision = mayRecordProtection({
    protectedAt,
    protectedOn: isoDateInTokyo(protectedAt),
    followUpOn: input.followUpOn,
    now,
  });
  if (!decision.allowed) {
    throw decision.reason === 'protected_in_future'
      ? reportsFieldError('/body/protectedAt', REPORTS_FIELD.protectedInFuture)
      : reportsFieldError('/body/followUpOn', REPORTS_FIELD.followUpBeforeProtection);
  }
  const id = randomUUID();
  await tx.insert(reportProtections).values({
    municipalityCode: tenant,
    id,
    reportId,
    protectedAt,
    placeEncrypted: seal(ctx, 'place', id, input.place),
    protectedByEncrypted: seal(ctx, 'protectedBy', id, input.protectedBy),
    noteEncrypted: sealOptional(ctx, 'protectionNote', id, input.note),
    followUpOn: input.followUpOn,
    recordedBy: actor.accountId,
    createdAt: now,
  });
  const status = statusAfter(row.status, 'protected');
  await tx
    .update(reports)
    .set({ updatedAt: now, ...(status !== row.status ? { status } : {}) })
    .where(thisReport(tenant, reportId));
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
      followUpNoteEncrypted: sealOptional(ctx, 'followUpNote', protectionId, note),
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
