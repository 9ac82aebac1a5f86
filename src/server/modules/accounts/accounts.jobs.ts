import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import { revokeAllSessions } from '../../platform/auth/sessions.ts';
import { asSystem, inTransaction } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import type { DueJob } from '../../platform/jobs/due.ts';
import { applyDueRotation, dueRotationIds, failRotation } from './rotation.ts';

/**
 * Scheduled April rotations whose effective date (Asia/Tokyo, business clock) has come are applied,
 * each in one transaction of its tenant: all of it or nothing. A plan that no longer passes its
 * checks (an account disabled since it was registered, a successor no longer active) is rolled back
 * and marked `failed` with the reason, for the administrator to see on the rotation page.
 * Idempotent: only `scheduled` rows are taken, and each is locked while it is applied.
 */
export const accountsRotationDueJob: DueJob = {
  name: 'accounts.rotation-due',
  async run({ db, clock }) {
    const now = clock.now();
    const due = await asSystem(db, (tx) => dueRotationIds(tx, isoDateInTokyo(now)));
    let processed = 0;
    for (const { id, tenantCode: tenant } of due) {
      try {
        const applied = await inTransaction(db, { tenant }, (tx) =>
          applyDueRotation(tx, id, now, async (accountId) => {
            await revokeAllSessions(tx, accountId, { at: now, reason: 'account_disabled' });
          }),
        );
        if (applied) processed++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (await inTransaction(db, { tenant }, (tx) => failRotation(tx, id, error, now))) processed++;
      }
    }
    return { processed };
  },
};
