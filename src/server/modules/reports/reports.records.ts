import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptOptional, encryptField, encryptOptional } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { reportContext, reportNotes, reports } from './reports.tables.ts';

/**
 * What every use case of a report shares: the app context it needs, the sealed (encrypted) payloads
 * of a report and its notes, and the report row of the caller's tenant.
 */

/** What the services need from the app context. */
export type ReportsContext = { clock: Clock; config: Pick<Config, 'dataKeys' | 'publicUrl'> };

const Details = z.object({
  otherCategory: z.string().optional(),
  occurredOn: z.string().optional(),
  occurredPeriod: z.string().optional(),
  place: z.string().optional(),
  business: z
    .object({
      name: z.string().optional(),
      phone: z.string().optional(),
      website: z.string().optional(),
      address: z.string().optional(),
    })
    .default({}),
  signedOn: z.string().optional(),
  text: z.string().optional(),
});
export type ReportDetails = z.infer<typeof Details>;

export const Contact = z.object({
  name: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  note: z.string().optional(),
});

type SealedField = Parameters<typeof reportContext>[0];

export function seal(ctx: ReportsContext, field: SealedField, id: string, value: string) {
  return encryptField(value, ctx.config.dataKeys, reportContext(field, id));
}

/** Like `seal`, for a field the person or staff may leave empty (stored as null). */
export function sealOptional(ctx: ReportsContext, field: SealedField, id: string, value: string | undefined) {
  return encryptOptional(value, ctx.config.dataKeys, reportContext(field, id));
}

export function open(
  ctx: ReportsContext,
  field: SealedField,
  id: string,
  value: string | null,
): string | null {
  return decryptOptional(value, ctx.config.dataKeys, reportContext(field, id));
}

export function readDetails(ctx: ReportsContext, id: string, stored: string): ReportDetails {
  return Details.parse(JSON.parse(open(ctx, 'details', id, stored) ?? '{}'));
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The report row of this tenant (RLS and an explicit filter); 404 for anything else. */
export async function getReportRow(tx: Tx, tenant: string, id: string) {
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.municipalityCode, tenant), eq(reports.id, id)));
  if (!row) throw notFound();
  return row;
}

/**
 * Notes are shown in the order they were written. With a fixed business clock (TSUNAGARI_CLOCK in
 * demos and tests) several notes share one time, so a new note is placed 1 ms after the latest one.
 */
export async function noteTime(tx: Tx, tenant: string, reportId: string, now: Date): Promise<Date> {
  const [latest] = await tx
    .select({ at: sql<Date | string | null>`max(${reportNotes.createdAt})` })
    .from(reportNotes)
    .where(and(eq(reportNotes.municipalityCode, tenant), eq(reportNotes.reportId, reportId)));
  const last = latest?.at ? new Date(latest.at).getTime() : Number.NEGATIVE_INFINITY;
  return last >= now.getTime() ? new Date(last + 1) : now;
}
