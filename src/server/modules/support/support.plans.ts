import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { ofPerson, open, type PersonRow, type SupportContext, seal } from './support.access.ts';
import { SUPPORT_FIELD, supportFieldError } from './support.errors.ts';
import { mayReferToGoals } from './support.policy.ts';
import type { IntakeContent, PlanContent } from './support.schema.ts';
import {
  SUPPORT_CONTEXTS,
  supportIntakeVersions,
  supportPersons,
  supportPlanVersions,
} from './support.tables.ts';

// ── versioned records: intake and plans ───────────────────────────────────────────────────────────

type VersionRow = { version: number; authorAccountId: string; createdAt: Date };
const meta = (v: VersionRow) => ({
  version: v.version,
  authorAccountId: v.authorAccountId,
  createdAt: v.createdAt.toISOString(),
});

/**
 * The asked-for version of one record (the latest when none is asked for), the latest version number
 * and the whole history. 404 when the record or that version does not exist.
 */
function chooseVersion<V extends VersionRow>(all: readonly V[], version?: number) {
  const sorted = [...all].sort((a, b) => a.version - b.version);
  const latest = sorted.at(-1);
  const chosen = version ? sorted.find((v) => v.version === version) : latest;
  if (!latest || !chosen) throw notFound();
  return { chosen, latestVersion: latest.version, versions: sorted.map(meta) };
}

/** Each record at its latest version, the newest record first. */
function latestOfEach<V, View extends { createdAt: string }>(
  all: readonly V[],
  recordIdOf: (v: V) => string,
  present: (versions: V[]) => View,
): View[] {
  return [...Map.groupBy(all, recordIdOf).values()]
    .map((versions) => present(versions))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function presentIntake(
  ctx: SupportContext,
  all: (typeof supportIntakeVersions.$inferSelect)[],
  version?: number,
) {
  const { chosen, latestVersion, versions } = chooseVersion(all, version);
  return {
    id: chosen.intakeId,
    personId: chosen.personId,
    version: chosen.version,
    latestVersion,
    content: JSON.parse(open(ctx, chosen.contentEncrypted, SUPPORT_CONTEXTS.intake)) as IntakeContent,
    authorAccountId: chosen.authorAccountId,
    createdAt: chosen.createdAt.toISOString(),
    versions,
  };
}

async function intakeVersions(tx: Tx, person: PersonRow, intakeId?: string) {
  return tx
    .select()
    .from(supportIntakeVersions)
    .where(
      and(
        ofPerson(supportIntakeVersions, person),
        intakeId ? eq(supportIntakeVersions.intakeId, intakeId) : undefined,
      ),
    );
}

export async function listIntakes(tx: Tx, ctx: SupportContext, person: PersonRow) {
  return latestOfEach(
    await intakeVersions(tx, person),
    (v) => v.intakeId,
    (versions) => presentIntake(ctx, versions),
  );
}

export async function getIntake(
  tx: Tx,
  ctx: SupportContext,
  person: PersonRow,
  intakeId: string,
  version?: number,
) {
  return presentIntake(ctx, await intakeVersions(tx, person, intakeId), version);
}

/**
 * Appends version `expected + 1`. The unique key (tenant, record, version) decides races: a stale or
 * concurrent save inserts nothing and answers 409 with the current version and what was sent.
 */
export async function saveIntake(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  intakeId: string | null,
  expected: number,
  content: IntakeContent,
  yours: unknown,
) {
  const id = intakeId ?? randomUUID();
  if (intakeId) {
    const current = await getIntake(tx, ctx, person, intakeId);
    if (current.version !== expected) throw conflict({ current, yours });
  }
  const inserted = await tx
    .insert(supportIntakeVersions)
    .values({
      municipalityCode: person.municipalityCode,
      intakeId: id,
      personId: person.id,
      version: expected + 1,
      urgency: content.urgency.level,
      contentEncrypted: seal(ctx, JSON.stringify(content), SUPPORT_CONTEXTS.intake),
      authorAccountId: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning({ id: supportIntakeVersions.id });
  if (inserted.length === 0) throw conflict({ current: await getIntake(tx, ctx, person, id), yours });
  await tx
    .update(supportPersons)
    .set({ urgency: content.urgency.level })
    .where(
      and(eq(supportPersons.municipalityCode, person.municipalityCode), eq(supportPersons.id, person.id)),
    );
  return getIntake(tx, ctx, person, id);
}

function presentPlan(
  ctx: SupportContext,
  all: (typeof supportPlanVersions.$inferSelect)[],
  version?: number,
) {
  const { chosen, latestVersion, versions } = chooseVersion(all, version);
  return {
    id: chosen.planId,
    personId: chosen.personId,
    version: chosen.version,
    latestVersion,
    status: chosen.status,
    reviewOn: chosen.reviewOn,
    content: JSON.parse(open(ctx, chosen.contentEncrypted, SUPPORT_CONTEXTS.plan)) as PlanContent & {
      goals: (PlanContent['goals'][number] & { id: string })[];
    },
    authorAccountId: chosen.authorAccountId,
    createdAt: chosen.createdAt.toISOString(),
    versions,
  };
}
export type PlanView = ReturnType<typeof presentPlan>;

async function planVersions(tx: Tx, person: PersonRow, planId?: string) {
  return tx
    .select()
    .from(supportPlanVersions)
    .where(
      and(ofPerson(supportPlanVersions, person), planId ? eq(supportPlanVersions.planId, planId) : undefined),
    );
}

export async function listPlans(tx: Tx, ctx: SupportContext, person: PersonRow) {
  return latestOfEach(
    await planVersions(tx, person),
    (v) => v.planId,
    (versions) => presentPlan(ctx, versions),
  );
}

export async function getPlan(
  tx: Tx,
  ctx: SupportContext,
  person: PersonRow,
  planId: string,
  version?: number,
) {
  return presentPlan(ctx, await planVersions(tx, person, planId), version);
}

/** Goal and action ids stay stable across versions (GAS ratings and actions refer to them). */
function withIds(content: PlanContent) {
  const goals = content.goals.map((g) => ({ ...g, id: g.id ?? randomUUID() }));
  const goalIds = new Set(goals.map((g) => g.id));
  const refs = mayReferToGoals(
    goalIds,
    content.actions.map((a) => a.goalIds),
  );
  if (!refs.allowed)
    throw supportFieldError(`/body/actions/${refs.index}/goalIds`, SUPPORT_FIELD.goalNotOfPlan);
  return { ...content, goals, actions: content.actions.map((a) => ({ ...a, id: a.id ?? randomUUID() })) };
}

/** The next review date of a person: the earliest of their active plans' current versions. */
export async function refreshReviewDate(tx: Tx, person: PersonRow) {
  await tx.execute(sql`
    update support_persons p set next_review_on = (
      select min(v.review_on) from support_plan_versions v
      where v.municipality_code = p.municipality_code and v.person_id = any(array_prepend(p.id, p.merged_ids))
        and v.status = 'active'
        and v.version = (select max(w.version) from support_plan_versions w
                         where w.municipality_code = v.municipality_code and w.plan_id = v.plan_id))
    where p.municipality_code = ${person.municipalityCode} and p.id = ${person.id}`);
}

export async function savePlan(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  planId: string | null,
  expected: number,
  input: PlanContent,
  yours: unknown,
) {
  const id = planId ?? randomUUID();
  if (planId) {
    const current = await getPlan(tx, ctx, person, planId);
    if (current.version !== expected) throw conflict({ current, yours });
  }
  const content = withIds(input);
  const inserted = await tx
    .insert(supportPlanVersions)
    .values({
      municipalityCode: person.municipalityCode,
      planId: id,
      personId: person.id,
      version: expected + 1,
      status: content.status,
      reviewOn: content.reviewOn,
      contentEncrypted: seal(ctx, JSON.stringify(content), SUPPORT_CONTEXTS.plan),
      authorAccountId: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning({ id: supportPlanVersions.id });
  if (inserted.length === 0) throw conflict({ current: await getPlan(tx, ctx, person, id), yours });
  await refreshReviewDate(tx, person);
  return getPlan(tx, ctx, person, id);
}
