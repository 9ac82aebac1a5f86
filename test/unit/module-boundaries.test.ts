import { describe, expect, it } from 'vitest';
import {
  checkBoundaries,
  importSpecifiers,
  moduleCycles,
  readSources,
  resolveImport,
} from '../../scripts/module-boundaries/check.ts';
import { KNOWN_CYCLES, KNOWN_VIOLATIONS } from './module-boundaries.known.ts';

/**
 * Module boundaries (issue 20 item 2; rules in docs/module-map.md). The checker is shown to work on
 * a small fixture first, then run on the real src/ against the reviewed list of today's breaks.
 */

const fixture = (files: Record<string, string>) => new Map(Object.entries(files));

/** A tree that keeps every rule: modules meet through index.ts, features through ui/api/shared. */
const clean = {
  'src/server/modules/index.ts': "import { placesRoutes } from './places/index.ts';\n",
  'src/server/modules/places/index.ts': "export { findPlaces } from './places.service.ts';\n",
  'src/server/modules/places/places.service.ts':
    "import { inTransaction } from '../../platform/db/index.ts';\nexport const findPlaces = () => inTransaction;\n",
  'src/server/modules/events/events.service.ts':
    "import { findPlaces } from '../places/index.ts';\nimport type { Limits } from '../../../shared/limits.ts';\n",
  'src/server/modules/events/events.test.ts':
    "// tests are outside the runtime graph\nimport { placesTable } from '../places/places.tables.ts';\n",
  'src/server/platform/db/index.ts': "import pg from 'pg';\nexport const inTransaction = pg;\n",
  'src/shared/limits.ts': 'export type Limits = { max: number };\n',
  'src/web/features/places/PlacesPage.tsx': [
    "import { PageHeading } from '../../ui/PageHeading.tsx';",
    "import { api } from '../../api/client.ts';",
    "import { t } from '../../i18n/index.ts';",
    "import type { Limits } from '../../../shared/limits.ts';",
    "import { usePlaces } from './api.ts';",
    "const Map = lazy(() => import('./Map.tsx'));",
  ].join('\n'),
  'src/web/features/places/api.ts': "export const usePlaces = () => 'places';\n",
  'src/web/features/places/Map.tsx': 'export const Map = 1;\n',
  'src/web/ui/PageHeading.tsx': 'export const PageHeading = 1;\n',
  'src/web/api/client.ts': 'export const api = 1;\n',
  'src/web/i18n/index.ts': 'export const t = 1;\n',
  'src/web/router.tsx': "const Places = () => import('./features/places/PlacesPage.tsx');\n",
};

describe('the boundary checker (its own fixture)', () => {
  it('finds static, re-exported, side-effect and dynamic imports and skips comment lines', () => {
    const source = [
      "import type { A } from './a.ts';",
      'import {',
      '  b,',
      '  type C,',
      "} from '../b.ts';",
      "import './side-effect.ts';",
      "export * from './c.ts';",
      "export { d } from './d.ts';",
      '// import { nope } from "./commented.ts";',
      '/**',
      " * import('./also-commented.ts')",
      ' */',
      "const e = await import('./e.ts');",
      "const f = 'not an import: from \\'./f.ts\\'';",
      'export const g = 1;',
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      './a.ts',
      '../b.ts',
      './side-effect.ts',
      './c.ts',
      './d.ts',
      './e.ts',
    ]);
  });

  it('resolves relative specifiers to repository paths, with or without an extension', () => {
    const sources = fixture(clean);
    const from = 'src/web/features/places/PlacesPage.tsx';
    expect(resolveImport(from, '../../ui/PageHeading.tsx', sources)).toBe('src/web/ui/PageHeading.tsx');
    expect(resolveImport(from, '../../ui/PageHeading', sources)).toBe('src/web/ui/PageHeading.tsx');
    expect(resolveImport('src/server/modules/index.ts', './places', sources)).toBe(
      'src/server/modules/places/index.ts',
    );
    expect(resolveImport(from, 'react', sources)).toBeUndefined();
    expect(resolveImport(from, 'node:fs', sources)).toBeUndefined();
  });

  it('passes a clean tree', () => {
    expect(checkBoundaries(fixture(clean))).toEqual({ violations: [], cycles: [] });
  });

  it('reports a deliberate cross-module import, platform reaching a module, and a cycle', () => {
    const broken = fixture({
      ...clean,
      // a) events reaches into places' tables instead of places/index.ts
      'src/server/modules/events/events.service.ts':
        "import { findPlaces } from '../places/index.ts';\nimport { placesTable } from '../places/places.tables.ts';\n",
      'src/server/modules/places/places.tables.ts': 'export const placesTable = 1;\n',
      // …and places imports events back (through its index, which is allowed, but closes a loop)
      'src/server/modules/places/places.service.ts': "import { x } from '../events/index.ts';\n",
      'src/server/modules/events/index.ts': "export * from './events.service.ts';\n",
      // b) platform importing a module
      'src/server/platform/db/index.ts': "import { findPlaces } from '../../modules/places/index.ts';\n",
    });
    expect(checkBoundaries(broken)).toEqual({
      violations: [
        {
          kind: 'module-internal',
          from: 'src/server/modules/events/events.service.ts',
          to: 'src/server/modules/places/places.tables.ts',
        },
        {
          kind: 'platform-to-module',
          from: 'src/server/platform/db/index.ts',
          to: 'src/server/modules/places/index.ts',
        },
      ],
      cycles: [
        { kind: 'module-cycle', modules: ['events', 'places'], example: 'events -> places -> events' },
      ],
    });
  });

  it("reports a web feature importing another feature's page or the router, and shared web code importing the server or a feature", () => {
    const broken = fixture({
      ...clean,
      'src/web/features/events/EventsPage.tsx': [
        "import { PlacesPage } from '../places/PlacesPage.tsx';",
        "import { router } from '../../router.tsx';",
        "import { PageHeading } from '../../ui/PageHeading.tsx';",
      ].join('\n'),
      'src/web/ui/Leaky.tsx': "import type { Row } from '../../server/modules/places/places.tables.ts';\n",
      'src/web/api/session.ts': "import { usePlaces } from '../features/places/api.ts';\n",
    });
    expect(checkBoundaries(broken).violations).toEqual([
      {
        kind: 'feature-cross',
        from: 'src/web/features/events/EventsPage.tsx',
        to: 'src/web/features/places/PlacesPage.tsx',
      },
      { kind: 'feature-cross', from: 'src/web/features/events/EventsPage.tsx', to: 'src/web/router.tsx' },
      { kind: 'layer', from: 'src/web/ui/Leaky.tsx', to: 'src/server/modules/places/places.tables.ts' },
      { kind: 'shared-web-to-feature', from: 'src/web/api/session.ts', to: 'src/web/features/places/api.ts' },
    ]);
  });

  it('spells out a loop through a group of three modules', () => {
    const edges = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a', 'd'])],
    ]);
    expect(moduleCycles(edges)).toEqual([
      { kind: 'module-cycle', modules: ['a', 'b', 'c'], example: 'a -> b -> c -> a' },
    ]);
  });
});

describe('module boundaries of src/ (ratchet against module-boundaries.known.ts)', () => {
  const report = checkBoundaries(readSources(process.cwd()));
  const key = (v: { kind: string; from: string; to: string }) => `${v.kind}: ${v.from} -> ${v.to}`;
  const found = new Set(report.violations.map(key));
  const known = new Set(KNOWN_VIOLATIONS.map(key));

  it('reads the real tree (the checker sees the server, web and shared sources)', () => {
    const sources = readSources(process.cwd());
    expect(sources.has('src/server/modules/index.ts')).toBe(true);
    expect(sources.has('src/web/router.tsx')).toBe(true);
    expect(sources.has('src/shared/permissions.ts')).toBe(true);
  });

  it('has no boundary break that is not in the reviewed list', () => {
    // Fix the import (import the other module's index.ts, move the shared piece to src/web/ui or
    // src/web/api); do not add it to the list.
    expect([...found].filter((v) => !known.has(v))).toEqual([]);
  });

  it('lists no break that has been fixed (the list only shrinks: delete the entry)', () => {
    expect([...known].filter((v) => !found.has(v))).toEqual([]);
  });

  it('has no module cycle other than the listed ones, and every listed one still exists', () => {
    expect(report.cycles.map((c) => c.modules.join(' <-> '))).toEqual(
      KNOWN_CYCLES.map((c) => c.modules.join(' <-> ')),
    );
  });

  it('gives every listed break a reason naming the issue 20 item that removes it, once each', () => {
    for (const entry of [...KNOWN_VIOLATIONS, ...KNOWN_CYCLES]) {
      expect(entry.reason).toMatch(/^to be removed by issue 20 item \d/);
    }
    expect(known.size).toBe(KNOWN_VIOLATIONS.length);
  });
});
