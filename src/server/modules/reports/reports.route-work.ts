import type { FastifyInstance, FastifyRequest } from 'fastify';
import { staffWork } from '../../platform/access/request-transaction.ts';
import type { Tx } from '../../platform/db/client.ts';
import { getReportDetail } from './reports.queue.ts';

/**
 * The two shapes of staff work the report routes share (triage, protection, the operator registry):
 * one audited record, or a change to a report answered with the report as it now stands.
 */
export function reportStaffWork(fastify: FastifyInstance) {
  const { db, clock, config } = fastify.ctx;
  const ctx = { clock, config };

  /** Work in the caller's tenant that answers with one record, audited under that record's id. */
  const auditedRecord = <T extends { id: string }>(
    request: FastifyRequest,
    action: string,
    recordType: string,
    work: (tx: Tx, tenant: string) => Promise<T>,
  ) =>
    staffWork(db, request, async ({ tx, tenant, audit }) => {
      const record = await work(tx, tenant);
      audit({ action, recordType, recordId: record.id });
      return record;
    });

  /** A change to a report answers with the report as it now stands, so the screen needs no reload. */
  const changeReport = (
    request: FastifyRequest<{ Params: { id: string } }>,
    action: string,
    change: (tx: Tx, tenant: string, id: string) => Promise<unknown>,
  ) =>
    staffWork(db, request, async ({ tx, tenant, audit }) => {
      const { id } = request.params;
      await change(tx, tenant, id);
      audit({ action, recordType: 'report', recordId: id });
      return getReportDetail(tx, ctx, tenant, id);
    });

  return { auditedRecord, changeReport };
}
