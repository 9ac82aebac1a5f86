import { appendAudit } from '../audit/append.ts';
import { NATIONAL_CHAIN } from '../audit/chain.ts';
import type { Database } from '../db/client.ts';
import { asSystem } from '../db/tenant.ts';
import type { AuthEventListener } from './events.ts';

/**
 * Every authentication event goes to the audit log (ids only). Changes are appended in the tenant
 * transaction that wrote them; events with nothing written (a failed login for an address that may
 * not exist) go to the national chain in a transaction of their own.
 */
export function auditAuthEvents(db: Database): AuthEventListener {
  return async (event, tx) => {
    const entry = {
      action: event.action.replaceAll('_', '-'),
      outcome: event.outcome,
      actorAccountId: event.accountId,
      recordType: event.recordId ? 'session' : 'account',
      recordId: event.recordId ?? event.accountId,
      requestId: event.requestId,
    };
    if (tx) {
      await appendAudit(tx, entry);
      return;
    }
    await asSystem(db, (system) => appendAudit(system, { ...entry, chain: event.tenant ?? NATIONAL_CHAIN }));
  };
}
