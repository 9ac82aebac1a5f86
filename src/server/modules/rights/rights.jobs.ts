import type { DueJob } from '../../platform/jobs/due.ts';
import { purgeCandidates, purgeTenant } from './rights.retention.ts';

/**
 * Retention purge (daily; `npm run jobs:run-due`): per tenant, removes the content of records past
 * their retention period and writes a report of ids and counts. Idempotent: a purged record is gone,
 * so a second run finds nothing more.
 */
export const rightsRetentionPurgeJob: DueJob = {
  name: 'rights.retention-purge',
  async run({ db, config, clock }) {
    let processed = 0;
    for (const tenant of await purgeCandidates(db))
      processed += await purgeTenant(db, { clock, config }, tenant);
    return { processed };
  },
};
