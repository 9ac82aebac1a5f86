import { sql } from 'drizzle-orm';
import { prefectureTenantCode } from '../../../shared/municipality-code.ts';
import { fiscalYearOf, isoDateInTokyo } from '../../../shared/text/wareki.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem, inTransaction } from '../../platform/db/tenant.ts';
import type { DueJob } from '../../platform/jobs/due.ts';
import { refreshAllAggregates, refreshedToday } from './outcomes.service.ts';
import { remindNotReported } from './returns.admin.ts';
import { dueOn } from './returns.service.ts';

/** Nightly: the maintained outcome aggregates of every tenant (once per business day). */
export const insightsRefreshAggregatesJob: DueJob = {
  name: 'insights.refresh-aggregates',
  maxRunMinutes: 120,
  async run({ db, clock, config }) {
    const now = clock.now();
    if (await refreshedToday(db, now)) return { processed: 0 };
    const { rows: written } = await refreshAllAggregates(db, now, undefined, undefined, 1, config.dataKeys);
    return { processed: written };
  },
};

/**
 * From two weeks before the deadline of the current fiscal year's returns (and after it), each
 * prefecture's municipalities that have not submitted get one reminder a day through the outbox
 * (idempotency key per municipality and day), sent in the prefecture's name.
 */
export const insightsReturnRemindersJob: DueJob = {
  name: 'insights.return-reminders',
  async run({ db, clock, config }) {
    const now = clock.now();
    const fiscalYear = fiscalYearOf(now) - 1;
    const due = await asSystem(db, (tx) => dueOn(tx, fiscalYear));
    const start = new Date(`${due}T00:00:00+09:00`);
    start.setDate(start.getDate() - 14);
    if (isoDateInTokyo(now) < isoDateInTokyo(start)) return { processed: 0 };
    const prefectures = await asSystem(db, (tx) =>
      rows<{ p: string }>(tx, sql`select distinct left(municipality_code, 2) as p from status_returns`),
    );
    let processed = 0;
    for (const { p } of prefectures) {
      const tenant = prefectureTenantCode(p);
      processed += await inTransaction(db, { tenant }, async (tx) => {
        const actor = { accountId: '', scope: 'prefecture' as const, tenant, roles: ['prefecture' as const] };
        return (await remindNotReported(tx, { clock, config }, actor, fiscalYear)).queued;
      });
    }
    return { processed };
  },
};
