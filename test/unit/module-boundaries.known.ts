import type { ImportViolation, ViolationKind } from '../../scripts/module-boundaries/check.ts';

/**
 * Today's known breaks of the module boundaries (issue 20 item 2), reviewed one by one on
 * 2026-12-05. A RATCHET: module-boundaries.test.ts fails on any break not listed here AND on any
 * listed break that no longer exists, so this list can only shrink. Remove an entry in the same
 * commit that removes the import; never add one to make the test pass (fix the import instead, or
 * write a decision record if the boundary itself is wrong).
 *
 * Counts when the list was made: 78 module-internal, 2 platform-to-module, 78 feature-cross,
 * 3 module cycles (0 layer and 0 shared-web-to-feature breaks).
 */

export interface KnownViolation extends ImportViolation {
  reason: string;
}

export interface KnownCycle {
  /** module names, sorted, as the checker reports the group */
  modules: string[];
  reason: string;
}

/** Why each kind of break is still here, and which item of issue 20 takes it away. */
const R = {
  useCase:
    "to be removed by issue 20 item 5: the module's index.ts names this use case and others call it there",
  demo: "to be removed by issue 20 item 1: demo seeds run through each manifest's demo entry, not by importing another module's demo data or tables",
  payables: 'to be removed by issue 20 item 1: payables are offered through the payments manifest (index.ts)',
  caseload:
    'to be removed by issue 20 item 1: caseload counts are offered through the accounts manifest (the issue names them)',
  municipality:
    'to be removed by issue 20 item 2: the municipality lookups and phone/number pieces every page uses move to src/web/api and src/web/ui',
  apiTypes:
    'to be removed by issue 20 item 6: the types come from src/shared/contracts and a query used by two features moves to src/web/api',
  component: 'to be removed by issue 20 item 2: a component two features share moves to src/web/ui',
} as const;

type Row = readonly [from: string, to: string, reason: string];

/** Rows are written relative to the folder of their kind to keep them readable; expanded here. */
const under = (kind: ViolationKind, prefix: string, rows: readonly Row[]): KnownViolation[] =>
  rows.map(([from, to, reason]) => ({ kind, from: prefix + from, to: prefix + to, reason }));

export const KNOWN_VIOLATIONS: readonly KnownViolation[] = [
  // a) a module importing another module's files other than its index.ts (paths under src/server/modules/)
  ...under('module-internal', 'src/server/modules/', []),
  // b) platform importing a module: none left (platform/auth defines the accounts table it reads).
  // c) a web feature importing another feature's files (paths under src/web/features/)
  ...under('feature-cross', 'src/web/features/', [
    ['training/pages.tsx', 'payments/api.ts', R.apiTypes],
  ]),
];

/** d) groups of modules that import each other, directly or round a loop. */
export const KNOWN_CYCLES: readonly KnownCycle[] = [];
