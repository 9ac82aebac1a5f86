import { registerDueJob } from '../jobs/due.ts';
import { exportAuditHeads } from './heads.ts';

/**
 * Exports each audit chain's head outside the database every time due jobs run (each minute in the
 * server), so that editing, deleting or truncating rows afterwards is detected by `audit:verify`.
 */
registerDueJob({
  name: 'audit.export-heads',
  async run({ db, config }) {
    const result = await exportAuditHeads(db, config.auditHeadDir);
    return { processed: result.written };
  },
});
