import type { DueJob } from '../../platform/jobs/due.ts';
import { purgeStaleDrafts } from './drafts.service.ts';

export const draftsPurgeStaleJob: DueJob = {
  name: 'drafts.purge-stale',
  async run({ db, clock }) {
    return { processed: await purgeStaleDrafts(db, clock) };
  },
};
