import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { idsOf, ofPerson, open, type PersonRow, type SupportContext, seal } from './support.access.ts';
import { SUPPORT_FIELD, supportFieldError } from './support.errors.ts';
import { getPlan } from './support.plans.ts';
import { mayReferToGoals, mayReplaceMeasure } from './support.policy.ts';
import type { MeasureInput } from './support.schema.ts';
import { checkHq25, gasTScore, PARTICIPATION_LADDER, scoreUcla3, scoreWho5 } from './support.scoring.ts';
import { SUPPORT_CONTEXTS, supportMeasures } from './support.tables.ts';

// ── measures ────────────────────────────────────────────────────────────────────────────────────

export async function recordMeasure(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  input: MeasureInput,
) {
  let score: number;
  let flagged = false;
  let details: Record<string, unknown>;
  let planId: string | null = null;
  switch (input.kind) {
    case 'who5': {
      const r = scoreWho5(input.answers);
      score = r.percentage;
      flagged = r.poorWellbeing;
      details = { answers: input.answers, raw: r.raw, percentage: r.percentage };
      break;
    }
    case 'ucla3':
      score = scoreUcla3(input.answers).total;
      details = { answers: input.answers };
      break;
    case 'hq25': {
      const { total, socialization, isolation, dailyActivities } = input;
      let r: ReturnType<typeof checkHq25>;
      try {
        r = checkHq25({ total, socialization, isolation, dailyActivities });
      } catch {
        throw supportFieldError('/body/total', SUPPORT_FIELD.subscalesNotTotal);
      }
      score = r.total;
      flagged = r.aboveScreeningCutoff;
      details = { total, socialization, isolation, dailyActivities, screeningCutoff: 42 };
      break;
    }
    case 'participation_ladder':
      score = input.level;
      details = { level: input.level, label: PARTICIPATION_LADDER[input.level]!.ja };
      break;
    case 'gas': {
      const plan = await getPlan(tx, ctx, person, input.planId);
      const goals = new Map(plan.content.goals.map((g) => [g.id, g]));
      const refs = mayReferToGoals(
        new Set(goals.keys()),
        input.ratings.map((r) => [r.goalId]),
      );
      if (!refs.allowed)
        throw supportFieldError(`/body/ratings/${refs.index}/goalId`, SUPPORT_FIELD.goalNotOfPlan);
      score = gasTScore(input.ratings.map((r) => ({ score: r.score, weight: goals.get(r.goalId)!.weight })));
      planId = input.planId;
      details = { planVersion: plan.version, ratings: input.ratings };
      break;
    }
  }
  if (input.replaces) {
    const [previous] = await tx
      .select({ id: supportMeasures.id })
      .from(supportMeasures)
      .where(
        and(
          eq(supportMeasures.municipalityCode, person.municipalityCode),
          eq(supportMeasures.id, input.replaces),
          inArray(supportMeasures.personId, idsOf(person)),
        ),
      );
    if (!mayReplaceMeasure({ named: true, ofPerson: Boolean(previous) }).allowed)
      throw supportFieldError('/body/replaces', SUPPORT_FIELD.measureNotOfPerson);
  }
  const [row] = await tx
    .insert(supportMeasures)
    .values({
      municipalityCode: person.municipalityCode,
      personId: person.id,
      kind: input.kind,
      takenOn: input.takenOn,
      score,
      flagged,
      answersEncrypted: seal(ctx, JSON.stringify({ ...details, note: input.note }), SUPPORT_CONTEXTS.measure),
      planId,
      replaces: input.replaces,
      recordedBy: actor.accountId,
      recordedAt: ctx.clock.now(),
    })
    .returning();
  return presentMeasure(ctx, row!);
}

function presentMeasure(ctx: SupportContext, m: typeof supportMeasures.$inferSelect) {
  return {
    id: m.id,
    kind: m.kind,
    takenOn: m.takenOn,
    score: m.score,
    flagged: m.flagged,
    details: JSON.parse(open(ctx, m.answersEncrypted, SUPPORT_CONTEXTS.measure)) as Record<string, unknown>,
    planId: m.planId,
    replaces: m.replaces,
    recordedBy: m.recordedBy,
    recordedAt: m.recordedAt.toISOString(),
  };
}

export async function listMeasures(tx: Tx, ctx: SupportContext, person: PersonRow) {
  const found = await tx
    .select()
    .from(supportMeasures)
    .where(ofPerson(supportMeasures, person))
    .orderBy(asc(supportMeasures.takenOn), asc(supportMeasures.recordedAt));
  const replaced = new Set(found.map((m) => m.replaces).filter(Boolean));
  const series: Record<string, { takenOn: string; score: number; flagged: boolean }[]> = {};
  for (const m of found) {
    if (replaced.has(m.id)) continue;
    const points = series[m.kind] ?? [];
    points.push({ takenOn: m.takenOn, score: m.score, flagged: m.flagged });
    series[m.kind] = points;
  }
  return { items: found.map((m) => presentMeasure(ctx, m)).reverse(), series };
}
