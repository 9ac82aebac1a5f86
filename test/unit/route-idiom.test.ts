import { describe, expect, it } from 'vitest';
import { readSources } from '../../scripts/module-boundaries/check.ts';
import { checkRouteIdiom } from '../../scripts/module-boundaries/route-idiom.ts';

/**
 * One request helper (issue 20 item 3, decision 0027): route files use staffWork/publicWork and the
 * `audit` they hand out. The checker is shown to catch each old idiom on a fixture, then run on src/.
 */

const fixture = (files: Record<string, string>) => new Map(Object.entries(files));

const clean = {
  'src/server/modules/places/places.routes.ts': [
    "import { publicWork, staffWork } from '../../platform/access/request-transaction.ts';",
    '// inTransaction(db, …) in a comment is not a call',
    'app.get(url, async (request) => publicWork(db, request, ({ tx }) => search(tx)));',
    'app.post(url, async (request) => staffWork(db, request, async ({ tx, tenant, audit }) => {',
    "  audit({ action: 'places.place.create', recordType: 'place', recordId: id });",
    '}));',
  ].join('\n'),
  // Services, jobs and the platform are not routes: they keep their own transactions.
  'src/server/modules/places/places.jobs.ts':
    'await inTransaction(db, { tenant }, (tx) => appendAudit(tx, e));\n',
  'src/server/platform/access/request-transaction.ts': 'return inTransaction(db, { tenant }, work);\n',
};

describe('the route idiom checker (its own fixture)', () => {
  it('passes routes on staffWork/publicWork and ignores files that are not routes', () => {
    expect(checkRouteIdiom(fixture(clean))).toEqual([]);
  });

  it('reports a raw transaction, a direct audit append and a local wrapper in a route file', () => {
    const broken = fixture({
      ...clean,
      'src/server/modules/events/events.routes.ts': [
        'const audit = (tx, request, action) => appendAudit(tx, { action });',
        'async function inTenant(request, work) {}',
        'app.get(url, async () => inTransaction(db, { tenant: null }, (tx) => list(tx)));',
        "await auditRequest(tx, request, 'events.event.read', 'event', id);",
        'await appendAuditBatch(tx, entries);',
      ].join('\n'),
    });
    expect(checkRouteIdiom(broken)).toEqual([
      { rule: 'direct-audit', file: 'src/server/modules/events/events.routes.ts', line: 1 },
      { rule: 'local-wrapper', file: 'src/server/modules/events/events.routes.ts', line: 1 },
      { rule: 'local-wrapper', file: 'src/server/modules/events/events.routes.ts', line: 2 },
      { rule: 'raw-transaction', file: 'src/server/modules/events/events.routes.ts', line: 3 },
      { rule: 'direct-audit', file: 'src/server/modules/events/events.routes.ts', line: 4 },
      { rule: 'direct-audit', file: 'src/server/modules/events/events.routes.ts', line: 5 },
    ]);
  });
});

describe('route files of src/', () => {
  const sources = readSources(process.cwd());

  it('reads the real route files', () => {
    expect([...sources.keys()].filter((f) => f.endsWith('.routes.ts')).length).toBeGreaterThan(20);
  });

  it('open every transaction with staffWork/publicWork and audit through the audit they hand out', () => {
    expect(checkRouteIdiom(sources)).toEqual([]);
  });
});
