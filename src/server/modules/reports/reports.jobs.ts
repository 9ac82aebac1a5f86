import { and, count, eq, isNull, lte } from 'drizzle-orm';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import type { DueJob } from '../../platform/jobs/due.ts';
import type { CaseloadHandler } from '../../platform/modules/caseload-handlers.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import type { KeyedStaffAlertTemplate } from '../../platform/outbox/staff-alerts.ts';
import { getAccount } from '../accounts/index.ts';
import { reportProtections, reports } from './reports.tables.ts';

export const reportsProtectionFollowUpAlert: KeyedStaffAlertTemplate = {
  key: 'reports.protection-follow-up',
  subject: '【つながり】緊急保護のフォローアップ日です',
  lead: '緊急保護のフォローアップ予定日になりました。内容はシステムで確認してください。',
};

/**
 * Follow-up reminders for emergency protection: on (or after) the follow-up date, the report's
 * assignee — or whoever recorded the protection — gets a staff alert with a console link only.
 * Idempotent: a protection is reminded once (`reminder_sent_at`), and the outbox key is per protection.
 */
export const reportsProtectionFollowUpJob: DueJob = {
  name: 'reports.protection-follow-up',
  async run({ db, clock, config }) {
    const today = isoDateInTokyo(clock.now());
    return asSystem(db, async (tx) => {
      const due = await tx
        .select({
          id: reportProtections.id,
          municipalityCode: reportProtections.municipalityCode,
          reportId: reportProtections.reportId,
          recordedBy: reportProtections.recordedBy,
          assignee: reports.assigneeAccountId,
        })
        .from(reportProtections)
        .innerJoin(reports, eq(reports.id, reportProtections.reportId))
        .where(
          and(
            lte(reportProtections.followUpOn, today),
            isNull(reportProtections.followUpDoneAt),
            isNull(reportProtections.reminderSentAt),
          ),
        )
        .limit(500);
      let processed = 0;
      for (const protection of due) {
        const recipientId = protection.assignee ?? protection.recordedBy;
        const account = recipientId ? await getAccount(tx, recipientId).catch(() => null) : null;
        if (account && account.status === 'active') {
          await enqueueMessage(
            tx,
            { clock, config },
            {
              kind: 'staff_alert',
              municipalityCode: protection.municipalityCode,
              recipient: account.email,
              templateKey: 'reports.protection-follow-up',
              linkPath: `/console/reports/${protection.reportId}`,
              idempotencyKey: `reports.protection-follow-up:${protection.id}`,
            },
          );
        }
        await tx
          .update(reportProtections)
          .set({ reminderSentAt: clock.now() })
          .where(eq(reportProtections.id, protection.id));
        processed++;
      }
      return { processed };
    });
  },
};

/** April rotation: a leaving triage worker's assigned reports move to their successor. */
export const reportsAssignedCaseload: CaseloadHandler = {
  kind: 'reports.assigned',
  label: { ja: '担当している通報', en: 'assigned reports' },
  async count(tx, accountId) {
    const [row] = await tx
      .select({ n: count() })
      .from(reports)
      .where(eq(reports.assigneeAccountId, accountId));
    return row?.n ?? 0;
  },
  async transfer(tx, fromAccountId, toAccountId) {
    const moved = await tx
      .update(reports)
      .set({ assigneeAccountId: toAccountId })
      .where(eq(reports.assigneeAccountId, fromAccountId))
      .returning({ id: reports.id });
    return moved.length;
  },
};
