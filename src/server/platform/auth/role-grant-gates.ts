import type { Tx } from '../db/client.ts';

/**
 * Checks a module runs before roles are granted to an account (training: a tenant may require a
 * course first, issue 9). They live here, not in accounts, so that accounts can ask them without
 * importing the module that gates (which itself reads accounts): each module names its gate in its
 * manifest (`roleGrantGates`) and `installModules` registers it. A gate throws the module's problem
 * (e.g. 409 `training_required`) to refuse; it returns to allow.
 */
export type RoleGrantGate = {
  /** e.g. `training`: stable, so a gate is registered once however often modules are installed. */
  name: string;
  check(tx: Tx, tenant: string, accountId: string | null, roles: readonly string[]): Promise<void>;
};

const gates = new Map<string, RoleGrantGate>();

export function registerRoleGrantGate(gate: RoleGrantGate): void {
  if (gates.has(gate.name)) throw new Error(`Role grant gate "${gate.name}" registered twice.`);
  gates.set(gate.name, gate);
}

/** Runs every registered gate for the roles about to be granted; the first refusal throws. */
export async function assertRoleGrantGates(
  tx: Tx,
  tenant: string,
  accountId: string | null,
  roles: readonly string[],
): Promise<void> {
  for (const gate of gates.values()) await gate.check(tx, tenant, accountId, roles);
}
