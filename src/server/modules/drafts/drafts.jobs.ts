import { registerDueJob } from '../../platform/jobs/due.ts';
import { purgeStaleDrafts } from './drafts.service.ts';

registerDueJob({
  name: 'drafts.purge-stale',
  async run({ db, clock }) {
    return { processed: await purgeStaleDrafts(db, clock) };
  },
});
