import { and, count, desc, eq, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { type SupportContext, today, visibleTo } from './support.access.ts';
import { personsByIds } from './support.person-search.ts';
import { summarize } from './support.persons.ts';
import { supportPersons } from './support.tables.ts';

// ── caseload ────────────────────────────────────────────────────────────────────────────────────

export async function caseload(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  actor: Actor,
  query: { scope: 'mine' | 'all'; gapDays: number; reviewWithinDays: number },
) {
  const now = ctx.clock.now();
  const on = today(ctx);
  const base: SQL[] = [sql`p.municipality_code = ${tenant}`, sql`p.status = 'active'`, visibleTo(actor, on)];
  if (query.scope === 'mine') base.push(sql`p.lead_worker_id = ${actor.accountId}`);
  const where = sql.join(base, sql` and `);
  const reviewBy = isoDateInTokyo(new Date(now.getTime() + query.reviewWithinDays * 86_400_000));
  const gapBefore = new Date(now.getTime() - query.gapDays * 86_400_000);
  const pick = async (extra: SQL, order: SQL) =>
    personsByIds(
      tx,
      tenant,
      (
        await rows<{ id: string }>(
          tx,
          sql`select p.id from support_persons p where ${where} and ${extra} order by ${order} limit 200`,
        )
      ).map((r) => r.id),
    );
  // No employment field exists to rank by: the order is review date, time since contact, urgency.
  const mine = await pick(sql`true`, sql`p.next_review_on asc nulls last, p.id`);
  const reviewsDue = await pick(sql`p.next_review_on <= ${reviewBy}::date`, sql`p.next_review_on asc, p.id`);
  const longGaps = await pick(
    sql`(p.last_contact_at is null or p.last_contact_at < ${gapBefore})`,
    sql`p.last_contact_at asc nulls first, p.id`,
  );
  return {
    myCases: mine.map((p) => summarize(ctx, p)),
    reviewsDue: reviewsDue.map((p) => summarize(ctx, p)),
    longGaps: longGaps.map((p) => summarize(ctx, p)),
    persons: [...new Set([...mine, ...reviewsDue, ...longGaps].map((p) => p.id))],
  };
}

// ── caseload handover (April rotation) ─────────────────────────────────────────────────────────────

export async function countCases(tx: Tx, accountId: string): Promise<number> {
  const [{ n } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(supportPersons)
    .where(and(eq(supportPersons.leadWorkerId, accountId), eq(supportPersons.status, 'active')));
  return n;
}

export async function transferCases(tx: Tx, from: string, to: string): Promise<number> {
  const moved = await tx
    .update(supportPersons)
    .set({ leadWorkerId: to })
    .where(and(eq(supportPersons.leadWorkerId, from), eq(supportPersons.status, 'active')))
    .returning({ id: supportPersons.id });
  return moved.length;
}

// ── reminders ───────────────────────────────────────────────────────────────────────────────────

/** Active cases with a lead worker whose review is due by `by` (YYYY-MM-DD). */
export async function reviewsDueBy(tx: Tx, by: string) {
  return tx
    .select({
      id: supportPersons.id,
      leadWorkerId: supportPersons.leadWorkerId,
      nextReviewOn: supportPersons.nextReviewOn,
    })
    .from(supportPersons)
    .where(
      and(
        eq(supportPersons.status, 'active'),
        lte(supportPersons.nextReviewOn, by),
        sql`${supportPersons.leadWorkerId} is not null`,
        isNull(supportPersons.mergedInto),
      ),
    )
    .orderBy(desc(supportPersons.nextReviewOn));
}
