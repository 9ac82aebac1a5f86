import { and, desc, eq, inArray } from 'drizzle-orm';
import { fiscalYearLabel } from '../../../shared/contracts/fiscal-label.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueueMessage, type OutboxContext } from '../../platform/outbox/outbox.service.ts';
import { isMailAddress } from '../../platform/outbox/smtp.ts';
import { prefectureCentres, returnDeadlines, statusReturns } from './insights.tables.ts';
import { dueOn, type LayerActor, listReturns, today } from './returns.service.ts';

/** The national deadline of a fiscal year's returns. */
export async function setDeadline(tx: Tx, fiscalYear: number, due: string, now: Date) {
  await tx
    .insert(returnDeadlines)
    .values({ fiscalYear, dueOn: due, updatedAt: now })
    .onConflictDoUpdate({ target: returnDeadlines.fiscalYear, set: { dueOn: due, updatedAt: now } });
  return { dueOn: due };
}

/** The prefecture declares its ひきこもり地域支援センター (shown on each of its municipalities' pages). */
export async function declareCentre(
  tx: Tx,
  actor: LayerActor,
  input: { name: string; phone: string; hours: string; url: string },
  now: Date,
) {
  if (actor.scope !== 'prefecture' || !actor.tenant) throw new AppError(403, 'forbidden');
  await tx
    .insert(prefectureCentres)
    .values({ municipalityCode: actor.tenant, ...input, updatedAt: now })
    .onConflictDoUpdate({ target: prefectureCentres.municipalityCode, set: { ...input, updatedAt: now } });
  return input;
}

/**
 * Reminders to the prefecture's municipalities that have not submitted the year's return (none, a
 * draft or a returned one), through the outbox, at most one per municipality and business day. They
 * go to the contact address the municipality gave in a return; municipalities without one are named
 * in the answer so the prefecture can call them.
 */
export async function remindNotReported(
  tx: Tx,
  ctx: OutboxContext,
  actor: LayerActor,
  fiscalYear: number,
): Promise<{ queued: number; withoutAddress: string[] }> {
  if (actor.scope !== 'prefecture' || !actor.tenant) throw new AppError(403, 'forbidden');
  const list = await listReturns(tx, actor, { fiscalYear }, { limit: 10_000, offset: 0 });
  const pending = list.items.filter(
    (i) => i.state === 'not_reported' || i.state === 'draft' || i.state === 'returned',
  );
  if (pending.length === 0) return { queued: 0, withoutAddress: [] };
  const codes = pending.map((p) => p.municipalityCode);
  const stored = await tx
    .select({ code: statusReturns.municipalityCode, items: statusReturns.items })
    .from(statusReturns)
    .where(inArray(statusReturns.municipalityCode, codes))
    .orderBy(desc(statusReturns.fiscalYear));
  const address = new Map<string, string>();
  for (const r of stored) {
    const email = r.items['window.email'];
    if (typeof email === 'string' && isMailAddress(email) && !address.has(r.code)) address.set(r.code, email);
  }
  const due = await dueOn(tx, fiscalYear);
  const day = today(ctx.clock.now());
  let queued = 0;
  const withoutAddress: string[] = [];
  for (const p of pending) {
    const recipient = address.get(p.municipalityCode);
    if (!recipient) {
      withoutAddress.push(p.municipalityCode);
      continue;
    }
    const { created } = await enqueueMessage(tx, ctx, {
      kind: 'notice',
      municipalityCode: actor.tenant,
      recipient,
      templateKey: 'returns.reminder',
      subject: `【催促】${fiscalYearLabel(fiscalYear)} ひきこもり支援の取組状況の報告`,
      body: [
        `${p.municipalityName} ご担当者様`,
        '',
        `${fiscalYearLabel(fiscalYear)}のひきこもり支援の取組状況の報告がまだ提出されていません。`,
        `提出期限: ${due}`,
        '',
        'つながりをお使いの場合は管理画面の「取組状況の報告」から、お使いでない場合は都道府県の担当までご連絡ください。',
      ].join('\n'),
      idempotencyKey: `returns.reminder:${p.municipalityCode}:${fiscalYear}:${day}`,
    });
    if (created) {
      queued += 1;
      await tx
        .update(statusReturns)
        .set({ remindedOn: day })
        .where(
          and(
            eq(statusReturns.municipalityCode, p.municipalityCode),
            eq(statusReturns.fiscalYear, fiscalYear),
          ),
        );
    }
  }
  return { queued, withoutAddress };
}
