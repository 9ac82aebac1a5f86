import { asc, desc, eq, sql } from 'drizzle-orm';
import type {
  NavigatorRule,
  NewRuleSetBody,
  RuleSetDetail,
  RuleSetResponse,
} from '../../../shared/contracts/navigator.ts';
import { STARTING_RULE_SET, STARTING_RULES } from '../../../shared/navigator/starting-rules.ts';
import type { Database, Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { notFound } from '../../platform/errors.ts';
import { navigatorError } from './navigator.errors.ts';
import { mayPublishRuleSet, stateOf, versionInForce } from './navigator.policy.ts';
import { navigatorRuleSets } from './navigator.tables.ts';

/**
 * Use cases of the national rule set: read the version in force, list and read versions, publish a
 * new version. A version is never changed (the table is append-only for the app role).
 */

/** Start-up: the starting rules (issue 18) become version 1 when no version exists yet. */
export async function loadStartingRuleSet(db: Database): Promise<void> {
  await asSystem(db, async (tx) => {
    await tx
      .insert(navigatorRuleSets)
      .values({
        version: STARTING_RULE_SET.version,
        effectiveFrom: STARTING_RULE_SET.effectiveFrom,
        note: STARTING_RULE_SET.note,
        rules: STARTING_RULES,
        createdAt: new Date(),
        createdBy: null,
      })
      .onConflictDoNothing();
  });
}

type Header = { version: number; effectiveFrom: string; note: string; createdAt: Date; ruleCount: number };

async function headers(tx: Tx): Promise<Header[]> {
  return tx
    .select({
      version: navigatorRuleSets.version,
      effectiveFrom: navigatorRuleSets.effectiveFrom,
      note: navigatorRuleSets.note,
      createdAt: navigatorRuleSets.createdAt,
      ruleCount: sql<number>`jsonb_array_length(${navigatorRuleSets.rules})::int`,
    })
    .from(navigatorRuleSets)
    .orderBy(asc(navigatorRuleSets.version));
}

/** The public rule set: the version in force on `on` (a day in Japan). */
export async function ruleSetInForce(tx: Tx, on: string): Promise<RuleSetResponse> {
  const chosen = versionInForce(await headers(tx), on);
  if (!chosen) throw navigatorError(404, 'navigator_no_rule_set');
  const [row] = await tx
    .select()
    .from(navigatorRuleSets)
    .where(eq(navigatorRuleSets.version, chosen.version));
  return { version: chosen.version, effectiveFrom: chosen.effectiveFrom, on, rules: row!.rules };
}

const summary = (h: Header, inForce: Header | null, today: string) => ({
  version: h.version,
  effectiveFrom: h.effectiveFrom,
  note: h.note,
  ruleCount: h.ruleCount,
  createdAt: h.createdAt.toISOString(),
  state: stateOf(h, inForce, today),
});

export async function listRuleSets(tx: Tx, today: string) {
  const all = await headers(tx);
  const inForce = versionInForce(all, today);
  const items = all.map((h) => summary(h, inForce, today)).reverse();
  return { items, total: items.length, nextCursor: null };
}

export async function getRuleSet(tx: Tx, version: number, today: string): Promise<RuleSetDetail> {
  const all = await headers(tx);
  const h = all.find((x) => x.version === version);
  if (!h) throw notFound();
  const [row] = await tx.select().from(navigatorRuleSets).where(eq(navigatorRuleSets.version, version));
  return { ...summary(h, versionInForce(all, today), today), rules: row!.rules as NavigatorRule[] };
}

/** A new version; numbered one after the latest, under a lock so two publishers never collide. */
export async function publishRuleSet(
  tx: Tx,
  body: NewRuleSetBody,
  ctx: { today: string; now: Date; accountId: string },
): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('navigator_rule_sets'))`);
  const [latest] = await tx
    .select({ version: navigatorRuleSets.version, effectiveFrom: navigatorRuleSets.effectiveFrom })
    .from(navigatorRuleSets)
    .orderBy(desc(navigatorRuleSets.version))
    .limit(1);
  const decision = mayPublishRuleSet({
    effectiveFrom: body.effectiveFrom,
    today: ctx.today,
    latestEffectiveFrom: latest?.effectiveFrom ?? null,
  });
  if (!decision.allowed)
    throw navigatorError(
      400,
      decision.reason === 'effective_in_past'
        ? 'navigator_effective_in_past'
        : 'navigator_effective_not_after_latest',
      '/effectiveFrom',
    );
  const version = (latest?.version ?? 0) + 1;
  await tx.insert(navigatorRuleSets).values({
    version,
    effectiveFrom: body.effectiveFrom,
    note: body.note,
    rules: body.rules,
    createdAt: ctx.now,
    createdBy: ctx.accountId,
  });
  return version;
}
