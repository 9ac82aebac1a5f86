import type { DueJob } from '../jobs/due.ts';
import { anchorAuditHeads } from './anchor.ts';

/**
 * Exports each audit chain's head outside the database every time due jobs run (each minute in the
 * server), signed, and, when AUDIT_ANCHOR_EMAIL is set, mails the signed lines through the outbox, so
 * that editing, deleting or truncating rows afterwards is detected by `audit:verify`.
 */
export const auditExportHeadsJob: DueJob = {
  name: 'audit.export-heads',
  async run({ db, config }) {
    const result = await anchorAuditHeads(db, config);
    return { processed: result.written };
  },
};
