import type { Tx } from '../db/client.ts';

/**
 * Modules that assign work to a staff member (support cases, report triage, …) say how to count and
 * move it, so that April rotation (accounts/rotation.ts) can hand a leaving worker's caseload to
 * someone else in one transaction. Each module names its handlers in its manifest (`caseloadCounts`)
 * and `installModules()` registers them here; the registry is in platform, not in accounts, so that
 * the manifest can name the type and accounts need not import the modules that assign work (which
 * themselves read accounts) — the same shape as role-grant gates (decision 0026, amendment).
 */
export type CaseloadHandler = {
  /** e.g. `support.cases`: stable, for code and tests. */
  kind: string;
  /** What moves, in words for the administrator's preview (「担当ケース」). */
  label: { ja: string; en: string };
  count(tx: Tx, accountId: string): Promise<number>;
  transfer(tx: Tx, fromAccountId: string, toAccountId: string): Promise<number>;
};

const handlers: CaseloadHandler[] = [];

/** Called by `installModules()` for each manifest's `caseloadCounts`. */
export function registerCaseloadHandler(handler: CaseloadHandler): void {
  if (handlers.some((h) => h.kind === handler.kind))
    throw new Error(`Caseload handler ${handler.kind} registered twice`);
  handlers.push(handler);
}

export const caseloadHandlers = (): readonly CaseloadHandler[] => handlers;
