/**
 * `npm run bench:insights` — the national layer at national scale, on PostgreSQL.
 *
 * 1. Creates the database `tsunagari_bench_national` (dropped at the end), migrates it and loads the
 *    reference data (no demo).
 * 2. Loads, set-based, support persons spread over all 1,741 municipalities (BENCH_PERSONS, default
 *    100,000) with WHO-5, UCLA-3, ladder and GAS measurements over five fiscal years, and an accepted
 *    status return per municipality and fiscal year (1,741 × 5), then VACUUM (ANALYZE).
 * 3. Measures, in this process (server side, no HTTP):
 *    - refreshing every maintained aggregate (every tenant, five fiscal years, one transaction per tenant
 *      under row-level security), against one sequential read of the same rows (the same series query
 *      over all tenants at once, as the owner) — the ratio in the same run;
 *    - the national coverage table and a municipal map's data (all 1,741 municipalities of one indicator,
 *      suppressed) read from returns and maintained aggregates: p50/p95 over BENCH_ROUNDS (50) rounds.
 * 4. Prints the figures and writes them into docs/benchmarks.md between the insights markers.
 * Timing belongs here, never in a test's assertions.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { coverage } from '../src/server/modules/insights/coverage.service.ts';
import { indicatorTable } from '../src/server/modules/insights/indicators.service.ts';
import { fictionalItems } from '../src/server/modules/insights/insights.demo.ts';
import { refreshAllAggregates } from '../src/server/modules/insights/outcomes.service.ts';
import {
  enterLayerScope,
  enterPublicScope,
  municipalityEntries,
} from '../src/server/modules/insights/returns.service.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { openPostgres, rows } from '../src/server/platform/db/client.ts';
import { asSystem, inTransaction } from '../src/server/platform/db/tenant.ts';
import { prepareDatabase } from '../src/server/startup.ts';
import { ADMIN_URL, admin, writeMarkdown } from './lib.ts';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const DB_NAME = 'tsunagari_bench_national';
const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const YEARS = [2022, 2023, 2024, 2025, 2026];
const log = (m: string) => console.info(`[bench:insights] ${m}`);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

/** Shared machines: the load when the run starts says how far its latencies can be trusted. */
const loadAtStart = os.loadavg()[0]!.toFixed(1);

async function main() {
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
  await admin(async (c) => {
    await c.query(`drop database if exists ${DB_NAME}`);
    await c.query(`create database ${DB_NAME}`);
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tsunagari-bench-national-'));
  const db = await openPostgres(url, { max: CONCURRENCY + 2 });
  try {
    const config = loadConfig({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      DATA_KEY: `bench1:${randomBytes(32).toString('base64')}`,
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
      TSUNAGARI_DEMO: 'off',
    });
    await prepareDatabase(db, config, systemClock, { demo: false });
    const codes = municipalityEntries().map((e) => e.code);
    log(`loading ${PERSONS.toLocaleString('en')} persons over ${codes.length} municipalities`);
    await asSystem(db, async (tx) => {
      await tx.execute(sql`create temporary table bench_codes (i int, code char(6)) on commit drop`);
      await tx.execute(
        sql`insert into bench_codes select i - 1, c from jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb) with ordinality as u(c, i)`,
      );
      await tx.execute(sql`
        insert into support_persons (id, municipality_code, nickname_encrypted, nickname_index,
          contact_preferences_encrypted, age_group, status, created_at, updated_at)
        select md5('p' || g)::uuid, b.code, 'x', 'x', 'x',
          (array['15_19','20s','30s','40s','50s','60_64'])[1 + g % 6], 'active',
          timestamptz '2021-04-01' + (g % 1500) * interval '1 day', now()
        from generate_series(0, ${PERSONS - 1}) g join bench_codes b on b.i = g % ${codes.length}`);
      // Per person: WHO-5 twice a year (Apr, Oct), UCLA-3 and the ladder yearly, GAS yearly, 2022–2026.
      await tx.execute(sql`
        insert into support_measures (municipality_code, person_id, kind, taken_on, score, answers_encrypted, recorded_by, recorded_at)
        select p.municipality_code, p.id, m.kind,
          (date '2022-05-01' + y * interval '1 year' + m.offset_months * interval '1 month')::date,
          case m.kind when 'who5' then 20 + ((hashtext(p.id::text || y || m.offset_months) & 1023) % 70)
                      when 'ucla3' then 3 + ((hashtext(p.id::text || y || 'u') & 1023) % 7)
                      when 'participation_ladder' then 1 + ((hashtext(p.id::text || y || 'l') & 1023) % 6)
                      else 35 + ((hashtext(p.id::text || y || 'g') & 1023) % 30) end,
          'x', '00000000-0000-4000-8000-000000000000', now()
        from support_persons p
        cross join generate_series(0, 4) y
        cross join (values ('who5', 0), ('who5', 5), ('ucla3', 2), ('participation_ladder', 3), ('gas', 8)) m(kind, offset_months)`);
    });
    const returns = YEARS.flatMap((year) =>
      municipalityEntries().map((e) => ({ code: e.code, year, items: fictionalItems(e.code, e.name, year) })),
    );
    for (let i = 0; i < returns.length; i += 1000) {
      const chunk = returns.slice(i, i + 1000);
      await asSystem(db, (tx) =>
        tx.execute(sql`insert into status_returns (municipality_code, fiscal_year, state, entered_by, items, submitted_at, decided_at, updated_at)
          select r.code, r.year, 'accepted', 'prefecture', r.items, now(), now(), now()
          from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(code char(6), year int, items jsonb)`),
      );
    }
    const maintenance = new pg.Client({ connectionString: url });
    await maintenance.connect();
    await maintenance.query('vacuum analyze');
    await maintenance.end();
    const [counts] = await asSystem(db, (tx) =>
      rows<{ persons: number; measures: number; returns: number }>(
        tx,
        sql`select (select count(*) from support_persons)::int as persons, (select count(*) from support_measures)::int as measures,
                   (select count(*) from status_returns)::int as returns`,
      ),
    );
    log(`loaded ${JSON.stringify(counts)}`);

    // One sequential read of what the refresh reads: the same series query over every tenant at once.
    const scan = async () =>
      asSystem(db, (tx) =>
        rows(
          tx,
          sql`with opted_out as (
                select distinct on (person_id) person_id, status from support_consents
                where purpose = 'statistics' order by person_id, seq desc
              ), replaced as (select replaces from support_measures where replaces is not null)
              select m.person_id::text as person, p.age_group, m.kind, m.taken_on::text as taken_on, m.score
              from support_measures m join support_persons p on p.id = m.person_id and p.municipality_code = m.municipality_code
              where p.status <> 'merged' and m.taken_on <= '2027-03-31'
                and m.id not in (select replaces from replaced)
                and not exists (select 1 from opted_out o where o.person_id = p.id and o.status in ('refused', 'withdrawn'))
              order by m.municipality_code, m.person_id, m.taken_on, m.recorded_at`,
        ),
      );
    await scan(); // warm
    const [scanMs, scanned] = await time(scan);
    const [refreshMs, refreshed] = await time(() =>
      refreshAllAggregates(
        db,
        new Date('2026-11-26T10:00:00+09:00'),
        YEARS,
        undefined,
        CONCURRENCY,
        config.dataKeys,
      ),
    );
    log(
      `scan ${scanMs.toFixed(0)} ms (${scanned.length} rows); refresh ${refreshMs.toFixed(0)} ms (${refreshed.rows} rows)`,
    );

    const national = {
      accountId: '',
      scope: 'national' as const,
      tenant: null,
      roles: ['national' as const],
    };
    const measure = async (work: () => Promise<unknown>) => {
      for (let i = 0; i < 5; i++) await work();
      const samples: number[] = [];
      for (let i = 0; i < ROUNDS; i++) samples.push((await time(work))[0]);
      return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
    };
    const coverageTimes = await measure(() =>
      inTransaction(db, { tenant: null }, async (tx) => {
        await enterLayerScope(tx, national);
        return coverage(tx, national, 2026);
      }),
    );
    const mapTimes = await measure(() =>
      inTransaction(db, { tenant: null }, async (tx) => {
        await enterPublicScope(tx);
        return indicatorTable(tx, { indicator: 'places_40_64', fiscalYear: 2026, level: 'municipality' }, 10);
      }),
    );
    const outcomeMapTimes = await measure(() =>
      inTransaction(db, { tenant: null }, async (tx) => {
        await enterPublicScope(tx);
        return indicatorTable(tx, { indicator: 'who5_change', fiscalYear: 2026, level: 'municipality' }, 10);
      }),
    );
    const ratio = refreshMs / scanMs;
    const [version] = await asSystem(db, (tx) =>
      rows<{ v: string }>(tx, sql`select split_part(version(), ' on ', 1) as v`),
    );
    const f = (n: number) => n.toFixed(1);
    const section = [
      '<!-- insights:begin (written by `npm run bench:insights`) -->',
      '## National layer: coverage, map data and aggregate refresh (`npm run bench:insights`)',
      '',
      `Run ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (load average ${loadAtStart} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end), Node ${process.version}, ${version?.v ?? 'PostgreSQL'}.`,
      `${counts!.persons.toLocaleString('en')} persons over all 1,741 municipalities, ${counts!.measures.toLocaleString('en')} measurements over five fiscal years (2022–2026),`,
      `${counts!.returns.toLocaleString('en')} accepted status returns (1,741 × 5). Server side, in process (transaction, row-level security scope, query,`,
      `suppression over the whole nation tree); ${ROUNDS} rounds after a warm-up.`,
      '',
      '| scenario | p50 (ms) | p95 (ms) | target |',
      '| -------- | -------: | -------: | ------ |',
      `| national coverage table (47 prefectures, 1,741 municipalities) | ${f(coverageTimes.p50)} | ${f(coverageTimes.p95)} | p95 ≤ 150 |`,
      `| municipal map data, places for 40–64 (returns) | ${f(mapTimes.p50)} | ${f(mapTimes.p95)} | p95 ≤ 150 |`,
      `| municipal map data, WHO-5 change (maintained aggregates) | ${f(outcomeMapTimes.p50)} | ${f(outcomeMapTimes.p95)} | p95 ≤ 150 |`,
      '',
      `Refreshing every aggregate (${refreshed.tenants.toLocaleString('en')} tenants × 5 fiscal years, one transaction per tenant, ${CONCURRENCY} at a time):`,
      `${f(refreshMs)} ms; one sequential read of the same rows (the same query over all tenants, as the owner): ${f(scanMs)} ms;`,
      `ratio ${ratio.toFixed(2)} (target ≤ 2).`,
      '<!-- insights:end -->',
    ].join('\n');
    console.info(section);
    const file = path.join(ROOT, 'docs/benchmarks.md');
    const current = readFileSync(file, 'utf8');
    const updated = /<!-- insights:begin[\s\S]*?<!-- insights:end -->/.test(current)
      ? current.replace(/<!-- insights:begin[\s\S]*?<!-- insights:end -->/, section)
      : `${current.trimEnd()}\n\n${section}\n`;
    writeMarkdown(file, updated);
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
    await admin((c) => c.query(`drop database if exists ${DB_NAME}`));
  }
}

await main();
