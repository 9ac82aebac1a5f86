import { and, asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { QueueItem } from '../../../shared/contracts/consultations.ts';
import type { Tx } from '../../platform/db/client.ts';
import { type ConsultationsContext, open, present } from './consultations.context.ts';
import { consultationsError } from './consultations.errors.ts';
import { mayLinkToPerson } from './consultations.policy.ts';
import { getRow } from './consultations.queue.ts';
import { consultationMessages, consultations } from './consultations.tables.ts';

/**
 * What other modules call of consultations (through index.ts): support links a record and counts the
 * unanswered; rights drafts disclosures and purges. The file keeps its old name while support still
 * imports it directly.
 */

/** Links a consultation to the support record opened from it (once). */
export async function linkConsultationToPerson(
  tx: Tx,
  tenant: string,
  id: string,
  personId: string,
): Promise<void> {
  const row = await getRow(tx, tenant, id);
  if (!mayLinkToPerson(row, personId)) throw consultationsError(409, 'consultation_linked');
  await tx
    .update(consultations)
    .set({ personId, version: sql`${consultations.version} + 1` })
    .where(and(eq(consultations.municipalityCode, tenant), eq(consultations.id, id)));
}

/** Unanswered consultations of the tenant for the caseload: how many, and the longest-waiting. */
export async function unansweredSummary(
  tx: Tx,
  tenant: string,
  now: Date,
  limit = 5,
): Promise<{ count: number; oldest: QueueItem[] }> {
  const where = and(
    eq(consultations.municipalityCode, tenant),
    eq(consultations.status, 'open'),
    isNotNull(consultations.awaitingReplySince),
  );
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(consultations).where(where);
  const oldest = await tx
    .select()
    .from(consultations)
    .where(where)
    .orderBy(asc(consultations.awaitingReplySince), asc(consultations.id))
    .limit(limit);
  return { count: n, oldest: oldest.map((r) => present(r, now)) };
}

// ── for the rights module (issue 7): disclosure and retention ────────────────────────────────────

/** Consultations linked to these support persons and their messages, decrypted (disclosure drafts). */
export async function consultationHoldings(
  tx: Tx,
  ctx: Pick<ConsultationsContext, 'config'>,
  tenant: string,
  personIds: string[],
) {
  if (personIds.length === 0) return [];
  const threads = await tx
    .select()
    .from(consultations)
    .where(and(eq(consultations.municipalityCode, tenant), inArray(consultations.personId, personIds)))
    .orderBy(asc(consultations.receivedAt));
  const items: {
    source: { table: string; id: string };
    kind: string;
    at: string | null;
    origin: 'person' | 'staff' | 'third_party' | 'record';
    content: unknown;
  }[] = [];
  for (const c of threads) {
    items.push({
      source: { table: 'consultations', id: c.id },
      kind: 'consultation',
      at: c.receivedAt.toISOString(),
      origin: 'record',
      content: { writer: c.writer, status: c.status, receivedAt: c.receivedAt.toISOString() },
    });
    const messages = await tx
      .select()
      .from(consultationMessages)
      .where(
        and(eq(consultationMessages.municipalityCode, tenant), eq(consultationMessages.consultationId, c.id)),
      )
      .orderBy(asc(consultationMessages.id));
    for (const m of messages)
      items.push({
        source: { table: 'consultation_messages', id: String(m.id) },
        kind: 'consultation_message',
        at: m.at.toISOString(),
        // A message written by a family member or someone else is a third party's statement.
        origin: m.author === 'staff' ? 'staff' : c.writer === 'person' ? 'person' : 'third_party',
        content: { author: m.author, text: open(ctx as ConsultationsContext, m.bodyEncrypted) },
      });
  }
  return items;
}

/** Retention purge only (runs as the owner): removes consultations linked to these persons. */
export async function purgeConsultationsOfPersons(tx: Tx, tenant: string, personIds: string[]) {
  if (personIds.length === 0) return { consultations: 0, consultation_messages: 0 };
  const threads = await tx
    .select({ id: consultations.id })
    .from(consultations)
    .where(and(eq(consultations.municipalityCode, tenant), inArray(consultations.personId, personIds)));
  const threadIds = threads.map((t) => t.id);
  const messages =
    threadIds.length === 0
      ? []
      : await tx
          .delete(consultationMessages)
          .where(
            and(
              eq(consultationMessages.municipalityCode, tenant),
              inArray(consultationMessages.consultationId, threadIds),
            ),
          )
          .returning({ id: consultationMessages.id });
  const deleted =
    threadIds.length === 0
      ? []
      : await tx
          .delete(consultations)
          .where(and(eq(consultations.municipalityCode, tenant), inArray(consultations.id, threadIds)))
          .returning({ id: consultations.id });
  return { consultations: deleted.length, consultation_messages: messages.length };
}
