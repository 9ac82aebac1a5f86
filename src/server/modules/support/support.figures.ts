import { sql } from 'drizzle-orm';
import { fiscalYearRange } from '../../../shared/contracts/fiscal-range.ts';
import type { DataKey } from '../../platform/crypto/fields.ts';
import { decryptField } from '../../platform/crypto/fields.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { SUPPORT_CONTEXTS } from './support.tables.ts';

/**
 * Read function for the annual status return (insights, issue 16): counts of persons only — new
 * persons recorded in the fiscal year, persons in active support at its end, and of those the ones
 * supported for more than three years (request 6). Merged records are not counted twice.
 */
export async function countSupportCases(
  tx: Tx,
  tenant: string,
  fiscalYear: number,
): Promise<{ newPersons: number; active: number; beyondThreeYears: number }> {
  const { from, to } = fiscalYearRange(fiscalYear);
  const [row] = await rows<{ new_persons: number; active: number; beyond: number }>(
    tx,
    sql`select
          count(*) filter (where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz)::int as new_persons,
          count(*) filter (where status = 'active' and created_at < ${to}::timestamptz)::int as active,
          count(*) filter (where status = 'active' and created_at < ${to}::timestamptz - interval '3 years')::int as beyond
        from support_persons
        where municipality_code = ${tenant} and status <> 'merged'`,
  );
  return { newPersons: row?.new_persons ?? 0, active: row?.active ?? 0, beyondThreeYears: row?.beyond ?? 0 };
}

export type MeasureSeries = {
  ageGroup: string;
  /** Each kept (not replaced) measurement up to the end of the fiscal year, oldest first. */
  measures: { kind: string; takenOn: string; score: number }[];
  /** The year the withdrawal began, from the person's latest intake (null: not told). */
  withdrawalSince?: number | null;
  /**
   * Each plan version up to the end of the fiscal year, oldest first: its date (Tokyo), whether it is
   * active, the paths the person chose and whether every goal is in the person's own words.
   */
  plans?: { on: string; active: boolean; chosenPaths: string[]; ownWords: boolean }[];
};

/**
 * Read function for the maintained outcome aggregates (insights, issue 16): per person, without any
 * identifier, the age group and the measurements (WHO-5, UCLA-3, HQ-25, ladder, GAS) up to the end of
 * the fiscal year. Persons who refused or withdrew consent to being counted in statistics (their
 * latest 'statistics' consent) and merged records are left out. Runs in the tenant's transaction.
 */
export async function measureSeriesForStatistics(
  tx: Tx,
  tenant: string,
  fiscalYear: number,
  /**
   * With the data keys, the encrypted intake and plan contents are opened here, inside the tenant's
   * own transaction, and only the onset year, chosen paths and goal authorship are kept (no words).
   */
  keys?: readonly DataKey[],
): Promise<MeasureSeries[]> {
  const end = `${fiscalYear + 1}-03-31`;
  const result = await rows<{
    person: string;
    age_group: string;
    kind: string;
    taken_on: string;
    score: number;
  }>(
    tx,
    sql`with opted_out as (
          select distinct on (person_id) person_id, status from support_consents
          where municipality_code = ${tenant} and purpose = 'statistics'
          order by person_id, seq desc
        ), replaced as (
          select replaces from support_measures where municipality_code = ${tenant} and replaces is not null
        )
        select m.person_id::text as person, p.age_group, m.kind, m.taken_on::text as taken_on, m.score
        from support_measures m
        join support_persons p on p.id = m.person_id and p.municipality_code = m.municipality_code
        where m.municipality_code = ${tenant} and p.status <> 'merged' and m.taken_on <= ${end}::date
          and m.id not in (select replaces from replaced)
          and not exists (select 1 from opted_out o where o.person_id = p.id and o.status in ('refused', 'withdrawn'))
        order by m.person_id, m.taken_on, m.recorded_at`,
  );
  const byPerson = new Map<string, MeasureSeries>();
  for (const r of result) {
    const series = byPerson.get(r.person) ?? { ageGroup: r.age_group, measures: [] };
    series.measures.push({ kind: r.kind, takenOn: r.taken_on, score: Number(r.score) });
    byPerson.set(r.person, series);
  }
  if (keys) await addIntakesAndPlans(tx, keys, tenant, end, byPerson);
  return [...byPerson.values()];
}

/** The persons counted in statistics: not merged, and not refused or withdrawn from 'statistics'. */
const countedPersons = (tenant: string) => sql`
  select p.id, p.age_group from support_persons p
  where p.municipality_code = ${tenant} and p.status <> 'merged'
    and not exists (
      select 1 from (
        select distinct on (person_id) person_id, status from support_consents
        where municipality_code = ${tenant} and purpose = 'statistics'
        order by person_id, seq desc
      ) o where o.person_id = p.id and o.status in ('refused', 'withdrawn'))`;

async function addIntakesAndPlans(
  tx: Tx,
  keys: readonly DataKey[],
  tenant: string,
  end: string,
  byPerson: Map<string, MeasureSeries>,
): Promise<void> {
  const seriesOf = (person: string, ageGroup: string) => {
    const found = byPerson.get(person);
    if (found) return found;
    const created: MeasureSeries = { ageGroup, measures: [] };
    byPerson.set(person, created);
    return created;
  };
  // One round trip for both: the latest intake version of each counted person, and every plan
  // version up to the year's end (a refresh runs this once per tenant).
  const found = await rows<{
    kind: 'intake' | 'plan';
    person: string;
    age_group: string;
    plan_on: string | null;
    status: string | null;
    content: string;
  }>(
    tx,
    sql`with counted as (${countedPersons(tenant)})
        (select distinct on (i.person_id) 'intake' as kind, i.person_id::text as person, c.age_group,
                null::text as plan_on, null::text as status, i.content_encrypted as content
         from support_intake_versions i join counted c on c.id = i.person_id
         where i.municipality_code = ${tenant}
         order by i.person_id, i.created_at desc, i.version desc)
        union all
        (select 'plan', v.person_id::text, c.age_group,
                (v.created_at at time zone 'Asia/Tokyo')::date::text, v.status, v.content_encrypted
         from support_plan_versions v join counted c on c.id = v.person_id
         where v.municipality_code = ${tenant} and (v.created_at at time zone 'Asia/Tokyo')::date <= ${end}::date
         order by v.person_id, v.created_at, v.version)`,
  );
  const intakes = found.filter((r) => r.kind === 'intake');
  const plans = found.filter((r) => r.kind === 'plan');
  for (const i of intakes) {
    const content = JSON.parse(decryptField(i.content, keys, SUPPORT_CONTEXTS.intake)) as {
      personSituation?: { withdrawalSince?: number | null };
    };
    const since = content.personSituation?.withdrawalSince;
    if (typeof since === 'number') seriesOf(i.person, i.age_group).withdrawalSince = since;
  }
  for (const p of plans) {
    const content = JSON.parse(decryptField(p.content, keys, SUPPORT_CONTEXTS.plan)) as {
      goals?: { whose?: string | null }[];
      chosenPaths?: string[];
    };
    const goals = content.goals ?? [];
    const series = seriesOf(p.person, p.age_group);
    series.plans ??= [];
    series.plans.push({
      on: p.plan_on ?? '',
      active: p.status === 'active',
      chosenPaths: content.chosenPaths ?? [],
      ownWords: goals.length > 0 && goals.every((g) => g.whose === 'person'),
    });
  }
  // Oldest first (a stable sort keeps the versions of one day in the order they were written).
  for (const series of byPerson.values()) series.plans?.sort((a, b) => a.on.localeCompare(b.on));
}

/** The tenants that keep support records (codes only; owner-level maintenance work). */
export async function tenantsWithSupportRecords(tx: Tx): Promise<string[]> {
  const result = await rows<{ code: string }>(
    tx,
    sql`select distinct municipality_code as code from support_persons order by 1`,
  );
  return result.map((r) => r.code);
}
