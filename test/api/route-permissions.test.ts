import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../src/server/platform/access/guard.ts';
import { ROUTE_TABLE_FILE, renderRouteTable } from '../../src/server/platform/access/route-table.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('route → permission table', () => {
  it('matches the committed docs/route-permissions.md (run `npm run routes:table` after a reviewed change)', () => {
    const committed = readFileSync(ROUTE_TABLE_FILE, 'utf8');
    expect(renderRouteTable(routeTable(t.app))).toBe(committed);
  });

  it('covers every /api route the OpenAPI document describes', async () => {
    const doc = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const table = routeTable(t.app).map((r) => `${r.method} ${r.url}`);
    expect(documented.sort()).toEqual(table.sort());
  });
});
