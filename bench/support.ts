/**
 * `npm run bench:support` — support records at national scale, on PostgreSQL.
 *
 * 1. Creates the database `tsunagari_bench_support` (dropped again at the end), migrates it and loads
 *    the demo tenants (for the 甲府市 consultation account the load logs in with).
 * 2. Loads persons and progress notes across 50 tenants with set-based SQL (generate_series, one
 *    INSERT … SELECT per table, secondary indexes dropped before and built after the load). Encrypted
 *    columns hold real ciphertexts made once and reused (so reads decrypt as in production). First
 *    1/10 of the data (30,000 persons, 600,000 notes), measured; then topped up to the full size
 *    (300,000 persons, 6,000,000 notes), measured again.
 * 3. At each size, two scenarios against 甲府市 persons:
 *    - read: open a person's timeline (GET …/timeline: session, tenant transaction, person, notes,
 *      decryption, audit row of the read);
 *    - write: write a progress note through the real API (POST …/notes: validation, encryption,
 *      note version, last-contact update and its audit row).
 *    Each over HTTP (server in this process, autocannon in a second process) and as the same SQL
 *    statements sent straight through `pg` (same transaction, role, tenant, audit statements).
 * 4. Prints the figures and writes them into docs/benchmarks.md between the support markers.
 *
 * Environment: BENCH_PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_PERSONS
 * (300000), BENCH_NOTES_PER_PERSON (20), BENCH_SECONDS (10), BENCH_CONNECTIONS (8).
 * Timing belongs here, never in a test's assertions.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { timelineStatement } from '../src/server/modules/support/support.notes.ts';
import { SUPPORT_CONTEXTS } from '../src/server/modules/support/support.tables.ts';
import { chainHash, GENESIS_HASH } from '../src/server/platform/audit/chain.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { encryptField } from '../src/server/platform/crypto/fields.ts';
import { openPostgres, rows } from '../src/server/platform/db/client.ts';
import { asSystem, beginMessage } from '../src/server/platform/db/tenant.ts';
import { prepareDatabase } from '../src/server/startup.ts';
import { ADMIN_URL, admin, freePort, writeMarkdown } from './lib.ts';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const DB_NAME = 'tsunagari_bench_support';
const PERSONS = Number(process.env.BENCH_PERSONS ?? 300_000);
const NOTES_PER_PERSON = Number(process.env.BENCH_NOTES_PER_PERSON ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const TENANT_COUNT = 50;
const KOFU = '192015';
const dialect = new PgDialect();

type Measure = {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx?: number;
};

/** The statement `resolveSession` sends for every staff request (copied: keep in step with sessions.ts). */
const SESSION_SQL = `select s.id, s.public_id, s.account_id, s.created_at, s.last_seen_at, s.absolute_expires_at, s.mfa_passed_at,
       a.email, a.display_name, a.scope, a.tenant_code, a.is_demo,
       coalesce((select json_agg(json_build_object('role', r.role, 'tenant', r.tenant_code) order by r.role)
                 from account_roles r where r.account_id = a.id), '[]'::json) as roles,
       (select tp.mfa_required_for_personal_data from tenant_profiles tp where tp.municipality_code = a.tenant_code) as tenant_requires_mfa,
       exists (select 1 from totp_credentials t where t.account_id = a.id and t.confirmed_at is not null) as has_totp,
       exists (select 1 from passkey_credentials p where p.account_id = a.id) as has_passkey,
       (select count(*) from recovery_codes c where c.account_id = a.id and c.used_at is null) as unused_recovery_codes
  from sessions s join accounts a on a.id = s.account_id
 where s.id = $1 and s.revoked_at is null and a.status = 'active'
   and s.absolute_expires_at > now() and s.last_seen_at > now() - interval '30 minutes'`;

const personId = (g: number) => `b0000000-0000-4000-8000-${g.toString(16).padStart(12, '0')}`;
const log = (message: string) => console.info(`[bench:support] ${message}`);

/** Persons [from, to] and their notes, set-based; secondary indexes dropped first and rebuilt after. */
async function load(
  client: pg.Client,
  from: number,
  to: number,
  codes: string[],
  staffId: string,
  cipher: Record<string, string>,
) {
  const started = performance.now();
  await client.query(`set maintenance_work_mem = '1GB'`);
  await client.query(`set max_parallel_maintenance_workers = 2`);
  const indexes = (
    await client.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where schemaname = 'public'
         and tablename in ('support_persons', 'support_note_versions') and indexname not like '%_pkey'`,
    )
  ).rows;
  for (const index of indexes) await client.query(`drop index ${index.indexname}`);
  const codeArray = `array[${codes.map((c) => `'${c}'`).join(',')}]::char(6)[]`;
  await client.query(
    `insert into support_persons (id, municipality_code, nickname_encrypted, nickname_index,
       contact_preferences_encrypted, age_group, family_only, status, lead_worker_id, last_contact_at,
       version, created_at, updated_at)
     select ('b0000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
            (${codeArray})[1 + g % ${codes.length}],
            $1, 'bench.' || g, $2,
            (array['20s','30s','40s','50s','unknown'])[1 + g % 5], g % 7 = 0, 'active',
            case when g % ${codes.length} = 0 then $3::uuid end,
            now() - (g % 120) * interval '1 day', 1, now(), now()
     from generate_series($4::int, $5::int) g`,
    [cipher.nickname, cipher.preferences, staffId, from, to],
  );
  log(`persons ${from.toLocaleString('en')}–${to.toLocaleString('en')} loaded`);
  await client.query(
    `insert into support_note_versions (municipality_code, note_id, person_id, version, contact_type,
       occurred_at, duration_minutes, participants, text_encrypted, sensitive, readable_by,
       author_account_id, author_role, created_at)
     select (${codeArray})[1 + p % ${codes.length}],
            ('c0000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
            ('b0000000-0000-4000-8000-' || lpad(to_hex(p), 12, '0'))::uuid,
            1, (array['visit','office','phone','online','outreach','at_place','family_only'])[1 + n % 7],
            now() - (n % 2000) * interval '6 hours', 30, '{person,consultation_staff}', $1,
            n % 25 = 0, case when n % 25 = 0 then '{consultation}'::text[] else '{}'::text[] end,
            $2::uuid, 'consultation', now()
     from generate_series($3::bigint, $4::bigint) n, lateral (select ((n - 1) / ${NOTES_PER_PERSON}) + 1 as p) x`,
    [cipher.note, staffId, (from - 1) * NOTES_PER_PERSON + 1, to * NOTES_PER_PERSON],
  );
  log(
    `notes ${((from - 1) * NOTES_PER_PERSON + 1).toLocaleString('en')}–${(to * NOTES_PER_PERSON).toLocaleString('en')} loaded`,
  );
  for (const index of indexes) await client.query(index.indexdef);
  // Vacuum now (visibility map, hint bits) so that autovacuum does not compete with the measurement.
  await client.query('vacuum (analyze) support_persons');
  await client.query('vacuum (analyze) support_note_versions');
  await client.query('checkpoint');
  log(`indexes rebuilt (${((performance.now() - started) / 1000).toFixed(0)} s for the load)`);
}

async function loadOverHttp(job: Record<string, unknown>): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench/support-load.ts'), JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out) as Measure) : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

/** The transaction the server runs, statement for statement, sent straight through `pg`. */
async function loadOverPg(
  pool: pg.Pool,
  mode: 'read' | 'write',
  persons: string[],
  staffId: string,
  noteCipher: string,
  sessionHash: string,
  seconds: number,
): Promise<Measure> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < deadline) {
          const id = persons[next++ % persons.length]!;
          const started = performance.now();
          try {
            // The session lookup the server makes for every staff request (platform/auth/sessions.ts).
            await client.query('begin');
            await client.query(SESSION_SQL, [sessionHash]);
            await client.query('commit');
            // `begin`, the role and the tenant in one message: the server's own (`beginMessage`).
            await client.query(beginMessage({ tenant: KOFU }));
            await client.query('select * from support_persons where municipality_code = $1 and id = $2', [
              KOFU,
              id,
            ]);
            let recordId = id;
            if (mode === 'read') {
              const q = dialect.sqlToQuery(timelineStatement(KOFU, [id], ['consultation'], 51));
              await client.query(q.sql, q.params);
            } else {
              const inserted = await client.query<{ note_id: string }>(
                `insert into support_note_versions (municipality_code, note_id, person_id, version, contact_type,
                 occurred_at, duration_minutes, participants, text_encrypted, sensitive, readable_by,
                 author_account_id, author_role, created_at)
               values ($1, gen_random_uuid(), $2, 1, 'phone', $3, 15, '{person,consultation_staff}', $4, false, '{}', $5, 'consultation', now())
               returning *`,
                [KOFU, id, '2026-11-20T10:00:00+09:00', noteCipher, staffId],
              );
              recordId = inserted.rows[0]!.note_id;
              await client.query(
                'update support_persons set last_contact_at = greatest(last_contact_at, $1) where municipality_code = $2 and id = $3',
                ['2026-11-20T10:00:00+09:00', KOFU, id],
              );
            }
            // appendAudit: chain lock, head, insert with the hash.
            await client.query(
              `select c.chain, current_setting('transaction_isolation') as isolation,
                    pg_advisory_xact_lock(${0x41554454}::int4, hashtext(c.chain))::text as locked
             from (select coalesce(null::text, coalesce(nullif(current_setting('app.tenant', true), ''), 'national')) as chain) c`,
            );
            const head = await client.query<{ seq: string; hash: string }>(
              'select seq, hash from audit_events where chain = $1 order by seq desc limit 1',
              [KOFU],
            );
            const seq = Number(head.rows[0]?.seq ?? 0) + 1;
            const prev = head.rows[0]?.hash ?? GENESIS_HASH;
            const row = {
              chain: KOFU,
              seq,
              at: new Date(),
              actorAccountId: staffId,
              actorRole: 'consultation',
              action: mode === 'read' ? 'support.timeline.read' : 'support.note.create',
              recordType: mode === 'read' ? 'person' : 'note',
              recordId,
              requestId: randomBytes(8).toString('hex'),
              outcome: 'ok',
            };
            await client.query(
              `insert into audit_events (chain, seq, at, actor_account_id, actor_role, action, record_type, record_id,
               request_id, outcome, prev_hash, hash) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) returning id, seq`,
              [
                row.chain,
                seq,
                row.at,
                staffId,
                row.actorRole,
                row.action,
                row.recordType,
                row.recordId,
                row.requestId,
                'ok',
                prev,
                chainHash(prev, row),
              ],
            );
            await client.query('commit');
            latencies.push(performance.now() - started);
          } catch (error) {
            failures++;
            if (failures === 1)
              console.error('[bench:support] pg transaction failed:', (error as Error).message);
            await client.query('rollback').catch(() => {});
          }
        }
      } finally {
        client.release();
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  };
}

type Row = { persons: number; notes: number; mode: 'read' | 'write'; http: Measure; pg: Measure };

function report(results: Row[], pgVersion: string) {
  const cpus = os.cpus();
  const machine = `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB memory, Node ${process.version}, ${pgVersion}`;
  const sizes = [...new Set(results.map((r) => r.persons))].sort((a, b) => a - b);
  const small = sizes[0]!;
  const large = sizes.at(-1)!;
  const find = (persons: number, mode: 'read' | 'write') =>
    results.find((r) => r.persons === persons && r.mode === mode)!;
  const f = (n: number) => n.toLocaleString('en');
  const lines = [
    '<!-- support:begin (written by `npm run bench:support`) -->',
    '## Support records: timeline read and note write (`npm run bench:support`)',
    '',
    `Run ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
    `${TENANT_COUNT} tenants; 甲府市 persons drawn in turn; ${CONNECTIONS} concurrent connections, ${SECONDS} s per measurement after a warm-up.`,
    "read = open a person's timeline (`GET /api/support/persons/:id/timeline?limit=50`: session, tenant transaction with the app role,",
    'the person, the current version of each readable note, decryption of every note, the audit row of the read).',
    'write = a progress note through the real API (`POST /api/support/persons/:id/notes`: validation, encryption, the note version,',
    'the last-contact update and the audit row). pg = the same statements in the same transaction (role, tenant, person, timeline or',
    'note + update, the audit chain lock, head and insert with its hash), preceded by the session lookup the server makes for every',
    'staff request, sent straight through `pg`: no HTTP, validation, JSON or crypto. Every read and write appends to the one',
    'audit chain of 甲府市, so writers of one tenant queue on its chain lock by design (decision 0004). Data loaded set-based, then',
    'VACUUM (ANALYZE) and CHECKPOINT before measuring. p95 of HTTP is measured by the load generator per response.',
    '',
    '| persons | notes | scenario | HTTP req/s | HTTP p95 (ms) | pg tx/s | pg p95 (ms) | HTTP / pg |',
    '|---:|---:|---|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${f(r.persons)} | ${f(r.notes)} | ${r.mode} | ${r.http.requestsPerSecond.toFixed(0)} | ${r.http.p95} | ${r.pg.requestsPerSecond.toFixed(0)} | ${r.pg.p95} | ${(r.http.requestsPerSecond / r.pg.requestsPerSecond).toFixed(2)} |`,
    ),
    '',
    ...(['read', 'write'] as const).map((mode) => {
      const a = find(small, mode);
      const b = find(large, mode);
      const target = mode === 'read' ? 0.6 : 0.5;
      return `${mode}: HTTP / pg at ${f(large)} persons ${(b.http.requestsPerSecond / b.pg.requestsPerSecond).toFixed(2)} (target ≥ ${target}); HTTP p95 at ${f(large)} vs ${f(small)} persons ${(b.http.p95 / a.http.p95).toFixed(2)}× (target ≤ 1.3×).`;
    }),
    '<!-- support:end -->',
  ];
  const section = lines.join('\n');
  console.info(`\n${section}\n`);
  const file = path.join(ROOT, 'docs/benchmarks.md');
  const current = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n\nMeasured with the scripts in `bench/`; numbers depend on the machine named with them.\n\n';
  const next = /<!-- support:begin[\s\S]*?<!-- support:end -->/.test(current)
    ? current.replace(/<!-- support:begin[\s\S]*?<!-- support:end -->/, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeMarkdown(file, next);
}

async function main() {
  await admin(async (c) => {
    await c.query(`drop database if exists ${DB_NAME} with (force)`);
    await c.query(
      `create database ${DB_NAME} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`,
    );
  });
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tsunagari-bench-support-'));
  const config = loadConfig({
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    DATA_KEY: `bench1:${randomBytes(32).toString('base64')}`,
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    TSUNAGARI_DEMO: 'on',
    TRUST_PROXY: 'true',
  });
  const db = await openPostgres(url, { max: CONNECTIONS + 2 });
  const direct = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  direct.on('error', () => {});
  const loader = new pg.Client({ connectionString: url });
  loader.on('error', () => {});
  await loader.connect();
  const results: Row[] = [];
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    log('migrating and loading the demo tenants');
    await prepareDatabase(db, config, systemClock, { demo: true });
    const [version] = await asSystem(db, (tx) =>
      rows<{ v: string }>(tx, sql`select split_part(version(), ' on ', 1) as v`),
    );
    const others = await asSystem(db, (tx) =>
      rows<{ code: string }>(
        tx,
        sql`select code from municipalities where kind = 'municipality' and operating and code not in ('192015', '192104')
            order by code limit ${TENANT_COUNT - 2}`,
      ),
    );
    const codes = [KOFU, '192104', ...others.map((o) => o.code)];
    const [staff] = await asSystem(db, (tx) =>
      rows<{ id: string }>(tx, sql`select id from accounts where email = 'consultation@kofu.demo.example'`),
    );
    const keys = config.dataKeys;
    const cipher = {
      nickname: encryptField('ベンチさん', keys, SUPPORT_CONTEXTS.nickname),
      preferences: encryptField(
        JSON.stringify({
          channels: ['phone'],
          avoid: [],
          pace: 'monthly',
          noHomeVisits: false,
          times: '',
          note: '',
        }),
        keys,
        SUPPORT_CONTEXTS.contactPreferences,
      ),
      note: encryptField(
        '電話で近況を聞いた。最近は夕方に散歩をしているとのこと。次回は2週間後に連絡する。'.repeat(2),
        keys,
        SUPPORT_CONTEXTS.note,
      ),
    };

    const port = await freePort();
    app = await buildApp({ config, db, clock: systemClock }, { logger: false, serveWeb: false });
    await app.listen({ port, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${port}`;
    const loginRes = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'consultation@kofu.demo.example', password: 'tsunagari-demo' }),
    });
    const cookie = (loginRes.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await loginRes.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken };
    const sessionHash = createHash('sha256').update(cookie.split('=')[1]!).digest('hex');

    let loaded = 0;
    for (const size of [Math.round(PERSONS / 10), PERSONS]) {
      await load(loader, loaded + 1, size, codes, staff!.id, cipher);
      loaded = size;
      // 甲府市 persons: index 0 of the tenant list (g % 50 = 0), shuffled deterministically.
      const kofu: string[] = [];
      for (let g = TENANT_COUNT; g <= size; g += TENANT_COUNT) kofu.push(personId(g));
      const persons = kofu
        .map((id, i) => ({ id, k: (i * 2_654_435_761) % 4_294_967_296 }))
        .sort((a, b) => a.k - b.k)
        .map((p) => p.id);
      const readSet = persons.slice(0, 2000);
      for (const mode of ['read', 'write'] as const) {
        const job = { url: base, mode, personIds: readSet, headers, connections: CONNECTIONS };
        await loadOverHttp({ ...job, seconds: 2 }); // warm-up
        const http = await loadOverHttp({ ...job, seconds: SECONDS });
        await loadOverPg(direct, mode, readSet, staff!.id, cipher.note, sessionHash, 2);
        const viaPg = await loadOverPg(direct, mode, readSet, staff!.id, cipher.note, sessionHash, SECONDS);
        log(
          `${size.toLocaleString('en')} persons, ${mode}: HTTP ${http.requestsPerSecond.toFixed(0)}/s p95 ${http.p95} ms (non-2xx ${http.non2xx}); pg ${viaPg.requestsPerSecond.toFixed(0)}/s p95 ${viaPg.p95} ms`,
        );
        results.push({ persons: size, notes: size * NOTES_PER_PERSON, mode, http, pg: viaPg });
      }
    }
    report(results, version?.v ?? 'unknown');
  } finally {
    await app?.close();
    await loader.end();
    await direct.end();
    await db.close();
    await admin((c) => c.query(`drop database if exists ${DB_NAME} with (force)`));
    rmSync(dataDir, { recursive: true, force: true });
    log('bench database dropped');
  }
}

await main();
