import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { RotationResult, ScheduledRotation } from '../../../shared/contracts/accounts.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { AuditEntry } from '../../platform/audit/append.ts';
import { appendAudit } from '../../platform/audit/append.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound, toProblem } from '../../platform/errors.ts';
import { caseloadHandlers } from '../../platform/modules/caseload-handlers.ts';
import { ACCOUNTS_FIELD, accountsError, invalidField } from './accounts.errors.ts';
import { mayChangeInRotation, mayHandOver, maySetStatus } from './accounts.policy.ts';
import type { RotationBody } from './accounts.schema.ts';
import { assertGrantable, getAccount, writeRoles } from './accounts.service.ts';
import { accountRotations, accounts, type RotationPlanIds } from './accounts.tables.ts';

/** The plan without the request's flags: what a rotation changes, by account id. */
export type RotationPlan = Omit<RotationBody, 'dryRun' | 'effectiveOn'>;

/** The next 4月1日 (the usual date of personnel rotation) on or after `today` (YYYY-MM-DD). */
export function nextAprilFirst(today: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-04-01`;
  return thisYear >= today ? thisYear : `${year + 1}-04-01`;
}

type AccountRef = RotationResult['accounts'][number];

/** Who each id is (the caller's tenant only: row-level security hides the others). */
export async function rotationAccounts(tx: Tx, ids: readonly string[]): Promise<AccountRef[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return tx
    .select({
      id: accounts.id,
      displayName: accounts.displayName,
      email: accounts.email,
      status: accounts.status,
    })
    .from(accounts)
    .where(inArray(accounts.id, unique))
    .orderBy(asc(accounts.email));
}

const idsOf = (plan: RotationPlan): string[] => [
  ...plan.roleChanges.map((c) => c.accountId),
  ...plan.disable,
  ...plan.caseloadTransfers.flatMap((c) => [c.fromAccountId, c.toAccountId]),
];

const named = (a: { displayName: string; email: string }) =>
  a.displayName ? `${a.displayName}（${a.email}）` : a.email;

/**
 * Checks a plan against the accounts as they are now and (unless `dryRun`) applies it, all in the
 * caller's transaction: a refusal anywhere throws before the transaction commits, so nothing is
 * partly applied. The same check runs when a scheduled rotation comes due, so an account disabled
 * since it was registered makes it fail instead of half-apply.
 */
export async function applyRotation(
  tx: Tx,
  actor: Actor,
  plan: RotationPlan & { dryRun: boolean },
  now: Date,
  disableSessions: (accountId: string) => Promise<void>,
): Promise<Omit<RotationResult, 'effectiveOn' | 'scheduledId'>> {
  const roleChanges: { accountId: string; before: Role[]; after: Role[] }[] = [];
  for (const [i, change] of plan.roleChanges.entries()) {
    const account = await getAccount(tx, change.accountId);
    if (!mayChangeInRotation(account).allowed)
      throw invalidField(
        `/body/roleChanges/${i}/accountId`,
        ACCOUNTS_FIELD.rotationAccountDisabled(named(account), account.email),
      );
    assertGrantable(actor, [...change.roles, ...account.roles]);
    roleChanges.push({
      accountId: change.accountId,
      before: account.roles,
      after: [...new Set(change.roles)].sort(),
    });
  }
  for (const [i, id] of plan.disable.entries()) {
    if (!maySetStatus(actor, id, 'disabled').allowed) throw accountsError(400, 'cannot_disable_self');
    const account = await getAccount(tx, id);
    if (!mayChangeInRotation(account).allowed)
      throw invalidField(
        `/body/disable/${i}`,
        ACCOUNTS_FIELD.rotationAlreadyDisabled(named(account), account.email),
      );
    assertGrantable(actor, account.roles);
  }
  const caseloadTransfers: RotationResult['caseloadTransfers'] = [];
  for (const [i, transfer] of plan.caseloadTransfers.entries()) {
    const to = await getAccount(tx, transfer.toAccountId);
    const from = await getAccount(tx, transfer.fromAccountId);
    const handOver = mayHandOver(from, to, plan.disable);
    if (!handOver.allowed)
      throw invalidField(
        `/body/caseloadTransfers/${i}/toAccountId`,
        handOver.reason === 'hands_over_to_itself'
          ? ACCOUNTS_FIELD.rotationHandsOverToItself
          : ACCOUNTS_FIELD.rotationSuccessorNotActive(named(to), to.email),
      );
    const moved = [];
    for (const handler of caseloadHandlers()) {
      const n = plan.dryRun
        ? await handler.count(tx, transfer.fromAccountId)
        : await handler.transfer(tx, transfer.fromAccountId, transfer.toAccountId);
      moved.push({ kind: handler.kind, label: handler.label, count: n });
    }
    caseloadTransfers.push({
      fromAccountId: transfer.fromAccountId,
      toAccountId: transfer.toAccountId,
      moved,
    });
  }
  if (!plan.dryRun) {
    for (const change of roleChanges)
      await writeRoles(tx, actor, change.accountId, actor.tenant, change.after);
    for (const id of plan.disable) {
      await tx.update(accounts).set({ status: 'disabled', disabledAt: now }).where(eq(accounts.id, id));
      await disableSessions(id);
    }
  }
  return {
    dryRun: plan.dryRun,
    roleChanges,
    disabled: plan.disable,
    caseloadTransfers,
    accounts: await rotationAccounts(tx, idsOf(plan)),
  };
}

/** One audit entry per change applied (ids only), as when each is made on its own. */
export async function auditRotationChanges(
  tx: Tx,
  by: Pick<AuditEntry, 'actorAccountId' | 'actorRole' | 'requestId'>,
  result: Pick<RotationResult, 'roleChanges' | 'disabled' | 'caseloadTransfers'>,
): Promise<void> {
  for (const change of result.roleChanges)
    await appendAudit(tx, {
      ...by,
      action: 'accounts.roles.update',
      recordType: 'account',
      recordId: change.accountId,
    });
  for (const id of result.disabled)
    await appendAudit(tx, { ...by, action: 'accounts.account.disable', recordType: 'account', recordId: id });
  for (const transfer of result.caseloadTransfers)
    await appendAudit(tx, {
      ...by,
      action: 'accounts.caseload.transfer',
      recordType: 'account',
      recordId: transfer.fromAccountId,
    });
}

/** Stores a checked plan to be applied on `effectiveOn`. */
export async function scheduleRotation(
  tx: Tx,
  actor: Actor,
  plan: RotationPlan,
  effectiveOn: string,
  now: Date,
): Promise<string> {
  const [row] = await tx
    .insert(accountRotations)
    .values({
      tenantCode: actor.tenant,
      effectiveOn,
      plan: planIds(plan),
      createdBy: actor.accountId,
      createdAt: now,
    })
    .returning({ id: accountRotations.id });
  if (!row) throw new Error('rotation insert returned nothing');
  return row.id;
}

const planIds = (plan: RotationPlan): RotationPlanIds => ({
  roleChanges: plan.roleChanges.map((c) => ({ accountId: c.accountId, roles: [...c.roles] })),
  disable: [...plan.disable],
  caseloadTransfers: plan.caseloadTransfers.map((c) => ({
    fromAccountId: c.fromAccountId,
    toAccountId: c.toAccountId,
  })),
});

type RotationRow = typeof accountRotations.$inferSelect;

async function present(tx: Tx, found: RotationRow[]): Promise<ScheduledRotation[]> {
  const people = new Map(
    (
      await rotationAccounts(tx, [
        ...found.flatMap((r) => idsOf(r.plan as RotationPlan)),
        ...found.map((r) => r.createdBy),
      ])
    ).map((a) => [a.id, a]),
  );
  return found.map((r) => {
    const plan = r.plan as RotationPlan;
    return {
      id: r.id,
      effectiveOn: r.effectiveOn,
      status: r.status,
      failureReason: r.failureReason ?? null,
      createdAt: r.createdAt.toISOString(),
      createdBy: people.get(r.createdBy) ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
      roleChanges: plan.roleChanges,
      disable: plan.disable,
      caseloadTransfers: plan.caseloadTransfers,
      accounts: [...new Set(idsOf(plan))].flatMap((id) => people.get(id) ?? []),
    };
  });
}

/** Scheduled rotations first (soonest first), then the latest applied, failed or cancelled ones. */
export async function listRotations(tx: Tx): Promise<ScheduledRotation[]> {
  const found = await tx
    .select()
    .from(accountRotations)
    .orderBy(
      sql`(${accountRotations.status} <> 'scheduled')`,
      sql`case when ${accountRotations.status} = 'scheduled' then ${accountRotations.effectiveOn} end asc`,
      desc(accountRotations.effectiveOn),
      desc(accountRotations.createdAt),
    )
    .limit(50);
  return present(tx, found);
}

export async function getRotation(tx: Tx, id: string): Promise<ScheduledRotation> {
  const found = await tx.select().from(accountRotations).where(eq(accountRotations.id, id));
  if (found.length === 0) throw notFound();
  return (await present(tx, found))[0]!;
}

/** Cancels a rotation that has not been applied yet. */
export async function cancelRotation(
  tx: Tx,
  actor: Actor,
  id: string,
  now: Date,
): Promise<ScheduledRotation> {
  await getRotation(tx, id);
  const [done] = await tx
    .update(accountRotations)
    .set({ status: 'cancelled', closedAt: now, closedBy: actor.accountId })
    .where(and(eq(accountRotations.id, id), eq(accountRotations.status, 'scheduled')))
    .returning({ id: accountRotations.id });
  if (!done) throw new AppError(409, 'rotation_not_scheduled');
  return getRotation(tx, id);
}

/** Scheduled rotations whose date has come, across tenants (system role: the due job). */
export async function dueRotationIds(tx: Tx, today: string) {
  return tx
    .select({ id: accountRotations.id, tenantCode: accountRotations.tenantCode })
    .from(accountRotations)
    .where(and(eq(accountRotations.status, 'scheduled'), lte(accountRotations.effectiveOn, today)))
    .orderBy(asc(accountRotations.effectiveOn), asc(accountRotations.createdAt));
}

/**
 * Applies one due rotation in the tenant's transaction, on behalf of the administrator who
 * registered it (its authority was checked then; the plan is checked again now). Returns false when
 * it is no longer scheduled (cancelled, or applied by another run). Throws the AppError of a failed
 * check: the caller rolls back and records the failure with `failRotation`.
 */
export async function applyDueRotation(
  tx: Tx,
  id: string,
  now: Date,
  disableSessions: (accountId: string) => Promise<void>,
): Promise<boolean> {
  const [row] = await tx
    .select()
    .from(accountRotations)
    .where(and(eq(accountRotations.id, id), eq(accountRotations.status, 'scheduled')))
    .for('update');
  if (!row) return false;
  const role: Role = row.tenantCode ? 'municipal_admin' : 'national';
  const actor: Actor = {
    accountId: row.createdBy,
    sessionId: '',
    email: '',
    displayName: '',
    scope: row.tenantCode ? 'tenant' : 'national',
    tenant: row.tenantCode,
    roles: [role],
    mfaSatisfied: true,
    mfaEnrolmentRequired: false,
  };
  const result = await applyRotation(
    tx,
    actor,
    { ...(row.plan as RotationPlan), dryRun: false },
    now,
    disableSessions,
  );
  await tx
    .update(accountRotations)
    .set({ status: 'applied', closedAt: now })
    .where(eq(accountRotations.id, id));
  const by = { actorAccountId: row.createdBy, actorRole: role, requestId: null };
  await appendAudit(tx, { ...by, action: 'accounts.rotation.apply', recordType: 'rotation', recordId: id });
  await auditRotationChanges(tx, by, result);
  return true;
}

/** Records why a due rotation could not be applied (nothing of it was applied). */
export async function failRotation(tx: Tx, id: string, error: AppError, now: Date): Promise<boolean> {
  const reason = { ja: reasonText(error, 'ja'), en: reasonText(error, 'en') };
  const [row] = await tx
    .update(accountRotations)
    .set({ status: 'failed', failureReason: reason, closedAt: now })
    .where(and(eq(accountRotations.id, id), eq(accountRotations.status, 'scheduled')))
    .returning({ createdBy: accountRotations.createdBy, tenantCode: accountRotations.tenantCode });
  if (!row) return false;
  await appendAudit(tx, {
    actorAccountId: row.createdBy,
    actorRole: row.tenantCode ? 'municipal_admin' : 'national',
    action: 'accounts.rotation.failed',
    recordType: 'rotation',
    recordId: id,
  });
  return true;
}

function reasonText(error: AppError, lang: 'ja' | 'en'): string {
  const problem = toProblem(error, lang);
  const details = problem.errors.map((e) => e.message);
  return details.length > 0 ? details.join(lang === 'ja' ? '。' : '; ') : (problem.detail ?? problem.title);
}
