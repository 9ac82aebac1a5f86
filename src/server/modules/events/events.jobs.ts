import { asSystem, inTransaction } from '../../platform/db/tenant.ts';
import type { DueJob } from '../../platform/jobs/due.ts';
import { sendReminders, tenantsWithRemindersDue } from './events.reminders.ts';

/**
 * The day before each session (Asia/Tokyo calendar day), one reminder per confirmed registration with
 * an e-mail address, through the outbox. Idempotent: each seat is marked when reminded and the outbox
 * key is per seat, so running the job again (or from two processes) never sends a second reminder.
 */
export const eventsReminderDayBeforeJob: DueJob = {
  name: 'events.reminder-day-before',
  async run({ db, config, clock }) {
    const tenants = await asSystem(db, (tx) => tenantsWithRemindersDue(tx, clock.now()));
    let processed = 0;
    for (const tenant of tenants) {
      processed += await inTransaction(db, { tenant }, (tx) => sendReminders(tx, { clock, config }, tenant));
    }
    return { processed };
  },
};
