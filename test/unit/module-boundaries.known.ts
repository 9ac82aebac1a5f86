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

type Row = readonly [from: string, to: string, reason: string];

/** Rows are written relative to the folder of their kind to keep them readable; expanded here. */
const under = (kind: ViolationKind, prefix: string, rows: readonly Row[]): KnownViolation[] =>
  rows.map(([from, to, reason]) => ({ kind, from: prefix + from, to: prefix + to, reason }));

export const KNOWN_VIOLATIONS: readonly KnownViolation[] = [
  // a) a module importing another module's files other than its index.ts (paths under src/server/modules/)
  ...under('module-internal', 'src/server/modules/', []),
  // b) platform importing a module: none left (platform/auth defines the accounts table it reads).
  // c) a web feature importing another feature's files (paths under src/web/features/): none left
  //    since 2026-12-06 (shared pieces moved to src/web/ui and src/web/api, types to src/shared/contracts).
  ...under('feature-cross', 'src/web/features/', []),
];

/** d) groups of modules that import each other, directly or round a loop. */
export const KNOWN_CYCLES: readonly KnownCycle[] = [];
