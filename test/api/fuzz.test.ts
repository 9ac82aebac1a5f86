import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../src/server/platform/access/guard.ts';
import { asSystem } from '../../src/server/platform/db/tenant.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * Fuzz tier (issue 19, "What to build" 9): generated hostile input against every public route,
 * enumerated from the app itself so a new route is covered without touching this file. Asserts no
 * 5xx, problem+json with a pointer for every 400 (and problem+json for every other 4xx), and no
 * partial write (every table's row count unchanged when all of a route's requests were refused).
 * FUZZ_RUNS sets the runs per route (the bench mode `npm run bench:fuzz` uses 10,000).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const hostileText = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfff',
    '\u202e\u200b',
    '０１２３',
    '1e309',
    '-1',
    ' ',
    '',
  ),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '<script>alert(1)</script>',
    'javascript:alert(1)',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 1, max: 3 }).map((n) => 'あ'.repeat(n * 3000)),
);
const scalar = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.integer().map(String),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(hostileText, fc.constantFrom('message', 'email', 'name')), tie('value'), {
      maxKeys: 3,
    }),
  ),
})).value;
const KEYS = [
  'municipalityCode',
  'message',
  'email',
  'password',
  'replyCode',
  'nickname',
  'needs',
  'business',
  'q',
  'limit',
  'cursor',
  'code',
  '__proto__',
  'constructor',
];
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }),
  value,
  fc.integer({ min: 40, max: 200 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.constantFrom('{"message":', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}'),
);
const query = fc.dictionary(fc.constantFrom('q', 'limit', 'cursor', 'prefecture', 'kind', 'x'), hostileText, {
  maxKeys: 3,
});

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD) or sends a raw escape as is. */
const encode = (s: string) =>
  [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const pathValue = fc.oneof(
  hostileText.map(encode),
  fc.constantFrom('%00', '%ED%A0%80', '%C0', '%', '..%2F..', '192015'),
  fc.integer({ min: 101, max: 400 }).map((n) => 'a'.repeat(n)),
);

async function rowCounts(): Promise<Record<string, number>> {
  return asSystem(t.db, async (tx) => {
    const tables = (await tx.execute(
      sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
    )) as unknown as { rows: { tablename: string }[] };
    const out: Record<string, number> = {};
    for (const { tablename } of tables.rows) {
      const r = (await tx.execute(sql.raw(`select count(*)::int as n from "${tablename}"`))) as unknown as {
        rows: { n: number }[];
      };
      out[tablename] = r.rows[0]!.n;
    }
    return out;
  });
}

let address = 0;
const remoteAddress = () => {
  address += 1;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

describe('fuzz: every public route', () => {
  it('enumerates the public routes from the app', () => {
    const routes = routeTable(t.app).filter((r) => r.url.startsWith('/api/public'));
    expect(routes.length).toBeGreaterThan(20);
  });

  it('answers hostile input with problem+json, never a 5xx, and refused requests write nothing', async () => {
    const routes = routeTable(t.app).filter((r) => r.url.startsWith('/api/public'));
    const failures: string[] = [];
    for (const route of routes) {
      const before = await rowCounts();
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(pathValue, { minLength: 4, maxLength: 4 }),
          query,
          body,
          fc.constantFrom(
            'application/json',
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
          ),
          async (params, q, b, contentType) => {
            let i = 0;
            const path = route.url.replace(/:[A-Za-z]+/g, () => params[i++]!);
            const qs = Object.entries(q)
              .map(([k, v]) => `${encode(k)}=${encode(v)}`)
              .join('&');
            const url = qs ? `${path}?${qs}` : path;
            const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
            const res = await t.request({
              method: route.method as 'GET',
              url,
              remoteAddress: remoteAddress(),
              ...(hasBody
                ? {
                    payload: typeof b === 'string' ? b : (JSON.stringify(b) ?? 'null'),
                    headers: { 'content-type': contentType },
                  }
                : {}),
            });
            const where = `${route.method} ${route.url} → ${res.statusCode}`;
            if (res.statusCode >= 500) {
              failures.push(`${where} ${res.body.slice(0, 200)}`);
              return false;
            }
            if (res.statusCode < 400) {
              accepted += 1;
              return true;
            }
            if (!String(res.headers['content-type']).includes('application/problem+json')) {
              failures.push(`${where} not problem+json`);
              return false;
            }
            const problem = res.json() as { errors?: { pointer?: unknown }[] };
            if (
              res.statusCode === 400 &&
              !(problem.errors ?? []).some((e) => typeof e.pointer === 'string')
            ) {
              failures.push(`${where} 400 without a pointer: ${res.body.slice(0, 200)}`);
              return false;
            }
            return true;
          },
        ),
        { numRuns: RUNS, endOnFailure: true },
      );
      if (accepted === 0) {
        const after = await rowCounts();
        // Audit rows and rate-limit counters record every request, refused ones included (a refused
        // request still counts against its limit, issue 23): neither is data the request wrote.
        const bookkeeping = new Set(['audit_events', 'rate_limit_counters']);
        const changed = Object.keys(after).filter((k) => after[k] !== before[k] && !bookkeeping.has(k));
        if (changed.length > 0) failures.push(`${route.method} ${route.url} wrote to ${changed.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
