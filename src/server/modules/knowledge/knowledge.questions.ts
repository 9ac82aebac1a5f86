import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { CaseQuestionView } from '../../../shared/contracts/cases.ts';
import { hasPermission } from '../../../shared/permissions.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { enqueueMessage, type OutboxContext } from '../../platform/outbox/outbox.service.ts';
import type { KeyedStaffAlertTemplate } from '../../platform/outbox/staff-alerts.ts';
import { listAccounts } from '../accounts/index.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { refusal } from './knowledge.errors.ts';
import { authorize } from './knowledge.policy.ts';
import { loadCase, policyActor } from './knowledge.records.ts';
import { caseQuestions, cases } from './knowledge.tables.ts';

/**
 * Questions between towns (issue 17 §4): staff of any municipality ask about a published case; the
 * question goes through the outbox to the author's staff (a content-free alert with a console link,
 * like every staff alert), and the answer goes back the same way to the one who asked. Both towns see
 * the question and its answer; nobody else does (row-level security on case_questions).
 */
export const caseQuestionAlert: KeyedStaffAlertTemplate = {
  key: 'case.question',
  subject: '【つながり】モデル事例に質問が届きました',
  lead: 'あなたの自治体のモデル事例に、他の自治体から質問が届きました。内容はシステムで確認してください。',
};
export const caseAnswerAlert: KeyedStaffAlertTemplate = {
  key: 'case.answer',
  subject: '【つながり】モデル事例への質問に回答がありました',
  lead: 'モデル事例について送った質問に回答がありました。内容はシステムで確認してください。',
};

/**
 * Runs `work` with the transaction's tenant switched to `tenant`, then switches back: the outbox and
 * the accounts of the other town are under its row-level security, and the alert must be written in
 * the same transaction as the question (sent only if it commits).
 */
async function withinTenant<T>(tx: Tx, tenant: string, work: () => Promise<T>): Promise<T> {
  const [{ previous } = { previous: '' }] = await rows<{ previous: string }>(
    tx,
    sql`select coalesce(current_setting('app.tenant', true), '') as previous`,
  );
  await tx.execute(sql`select set_config('app.tenant', ${tenant}, true)`);
  try {
    return await work();
  } finally {
    await tx.execute(sql`select set_config('app.tenant', ${previous}, true)`);
  }
}

async function present(
  tx: Tx,
  actor: Actor,
  found: Array<typeof caseQuestions.$inferSelect>,
): Promise<CaseQuestionView[]> {
  const titles = new Map<string, string>();
  const ids = [...new Set(found.map((r) => r.caseId))];
  if (ids.length) {
    const titled = await tx
      .select({ id: cases.id, content: cases.content })
      .from(cases)
      .where(inArray(cases.id, ids));
    for (const c of titled) titles.set(c.id, c.content.title);
  }
  const names = new Map<string, string>();
  for (const code of new Set(found.map((r) => r.askerCode)))
    names.set(
      code,
      await getMunicipality(tx, code).then(
        (m) => m.name,
        () => code,
      ),
    );
  return found.map((r) => ({
    id: r.id,
    caseId: r.caseId,
    caseTitle: titles.get(r.caseId) ?? '',
    askerMunicipalityCode: r.askerCode,
    askerMunicipalityName: names.get(r.askerCode) ?? r.askerCode,
    question: r.question,
    askedAt: r.askedAt.toISOString(),
    answer: r.answer,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    toUs: r.authorCode === actor.tenant,
  }));
}

export async function askQuestion(
  tx: Tx,
  ctx: OutboxContext,
  actor: Actor,
  caseId: string,
  question: string,
): Promise<CaseQuestionView> {
  const row = await loadCase(tx, caseId);
  const decision = authorize(policyActor(actor), 'ask', row);
  if (!decision.allowed) throw refusal(decision);
  const asker = actor.tenant as string;
  const [inserted] = await tx
    .insert(caseQuestions)
    .values({
      authorCode: row.authorCode,
      askerCode: asker,
      caseId,
      askerAccountId: actor.accountId,
      question,
      askedAt: ctx.clock.now(),
    })
    .returning();
  if (!inserted) throw new Error('insert returned no row');
  await withinTenant(tx, row.authorCode, async () => {
    const staff = await listAccounts(tx, { status: 'active', limit: 200 });
    for (const account of staff.items) {
      if (!hasPermission(account.roles, 'cases.author')) continue;
      await enqueueMessage(tx, ctx, {
        kind: 'staff_alert',
        municipalityCode: row.authorCode,
        recipient: account.email,
        templateKey: 'case.question',
        linkPath: `/console/cases/${caseId}`,
        idempotencyKey: `case.question:${inserted.id}:${account.id}`,
      });
    }
  });
  return (await present(tx, actor, [inserted]))[0]!;
}

export async function answerQuestion(
  tx: Tx,
  ctx: OutboxContext,
  actor: Actor,
  caseId: string,
  questionId: string,
  answer: string,
): Promise<CaseQuestionView> {
  const row = await loadCase(tx, caseId);
  const decision = authorize(policyActor(actor), 'answer', row);
  if (!decision.allowed) throw refusal(decision);
  const [current] = await tx
    .select()
    .from(caseQuestions)
    .where(
      and(
        eq(caseQuestions.id, questionId),
        eq(caseQuestions.caseId, caseId),
        eq(caseQuestions.authorCode, row.authorCode),
      ),
    )
    .for('update');
  if (!current) throw notFound();
  if (current.answer !== null) throw new AppError(409, 'cases.already_answered');
  const [updated] = await tx
    .update(caseQuestions)
    .set({ answer, answeredAt: ctx.clock.now(), answeredBy: actor.accountId })
    .where(eq(caseQuestions.id, questionId))
    .returning();
  if (!updated) throw notFound();
  await withinTenant(tx, current.askerCode, async () => {
    const asker = await listAccounts(tx, { status: 'active', limit: 200 });
    const account = asker.items.find((a) => a.id === current.askerAccountId);
    if (!account) return; // The asker's account was closed: the answer stays visible to the town.
    await enqueueMessage(tx, ctx, {
      kind: 'staff_alert',
      municipalityCode: current.askerCode,
      recipient: account.email,
      templateKey: 'case.answer',
      linkPath: `/console/cases/${caseId}`,
      idempotencyKey: `case.answer:${questionId}`,
    });
  });
  return (await present(tx, actor, [updated]))[0]!;
}

/** Questions my town asked and questions to my town's cases (optionally of one case), newest first. */
export async function listQuestions(tx: Tx, actor: Actor, caseId?: string): Promise<CaseQuestionView[]> {
  if (!actor.tenant) return [];
  const found = await tx
    .select()
    .from(caseQuestions)
    .where(
      and(
        or(eq(caseQuestions.authorCode, actor.tenant), eq(caseQuestions.askerCode, actor.tenant)),
        caseId ? eq(caseQuestions.caseId, caseId) : undefined,
      ),
    )
    .orderBy(desc(caseQuestions.askedAt))
    .limit(200);
  return present(tx, actor, found);
}
