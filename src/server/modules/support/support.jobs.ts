import { sql } from 'drizzle-orm';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem, inTransaction } from '../../platform/db/tenant.ts';
import type { DueJob } from '../../platform/jobs/due.ts';
import type { CaseloadHandler } from '../../platform/modules/caseload-handlers.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import type { KeyedStaffAlertTemplate } from '../../platform/outbox/staff-alerts.ts';
import { getAccount } from '../accounts/index.ts';
import { countCases, reviewsDueBy, transferCases } from './support.caseload.ts';

/** How many days before the review date the lead worker is reminded. */
const REVIEW_REMINDER_DAYS = 7;

export const supportReviewDueAlert: KeyedStaffAlertTemplate = {
  key: 'support.review-due',
  subject: '【つながり】支援計画の見直し日が近づいています',
  lead: '担当している方の支援計画の見直し日が近づいています。内容はシステムで確認してください。',
};

/**
 * Review-date reminders: once for each (person, review date), the lead worker gets a content-free
 * alert with a console link, REVIEW_REMINDER_DAYS before the date (or at once when it is nearer or
 * past). Idempotent through the outbox key: a second run the same day, or a restart, sends nothing more.
 */
export const supportReviewRemindersJob: DueJob = {
  name: 'support.review-reminders',
  async run({ db, config, clock }) {
    const now = clock.now();
    const by = isoDateInTokyo(new Date(now.getTime() + REVIEW_REMINDER_DAYS * 86_400_000));
    const tenants = await asSystem(db, (tx) =>
      rows<{ municipality_code: string }>(
        tx,
        sql`select distinct municipality_code from support_persons
            where status = 'active' and lead_worker_id is not null and next_review_on <= ${by}::date`,
      ),
    );
    let processed = 0;
    for (const { municipality_code: tenant } of tenants) {
      processed += await inTransaction(db, { tenant }, async (tx) => {
        let sent = 0;
        for (const due of await reviewsDueBy(tx, by)) {
          const account = await getAccount(tx, due.leadWorkerId!).catch(() => null);
          if (account?.status !== 'active') continue;
          const result = await enqueueMessage(
            tx,
            { clock, config },
            {
              kind: 'staff_alert',
              municipalityCode: tenant,
              recipient: account.email,
              templateKey: 'support.review-due',
              linkPath: `/console/support/persons/${due.id}`,
              idempotencyKey: `support.review-due:${due.id}:${due.nextReviewOn}:${account.id}`,
            },
          );
          if (result.created) sent++;
        }
        return sent;
      });
    }
    return { processed };
  },
};

/** April rotation hands a leaving worker's active cases (担当) to their successor. */
export const supportCasesCaseload: CaseloadHandler = {
  kind: 'support.cases',
  label: { ja: '担当ケース', en: 'cases (lead worker)' },
  count: (tx, accountId) => countCases(tx, accountId),
  transfer: (tx, from, to) => transferCases(tx, from, to),
};
