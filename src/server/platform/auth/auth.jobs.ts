import type { DueJob } from '../jobs/due.ts';
import { pruneSessions } from './sessions.ts';
import { pruneThrottles } from './throttle.ts';

/** Expired sessions (kept 30 days for the "my sessions" history) and stale login counters are removed. */
export const authPruneJob: DueJob = {
  name: 'auth.prune',
  async run({ db, clock }) {
    const now = clock.now();
    await pruneSessions(db, now);
    await pruneThrottles(db, now);
    return { processed: 1 };
  },
};
