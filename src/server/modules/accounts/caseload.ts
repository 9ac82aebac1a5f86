import type { Tx } from '../../platform/db/client.ts';

/**
 * Modules that assign work to a staff member (support cases, report triage, …) register how to move
 * it, so that April rotation can hand a leaving worker's caseload to someone else in one transaction.
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

export function registerCaseloadHandler(handler: CaseloadHandler): void {
  if (handlers.some((h) => h.kind === handler.kind))
    throw new Error(`Caseload handler ${handler.kind} registered twice`);
  handlers.push(handler);
}

export const caseloadHandlers = (): readonly CaseloadHandler[] => handlers;
