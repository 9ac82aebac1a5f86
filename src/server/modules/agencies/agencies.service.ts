import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { getAccount } from '../accounts/index.ts';
import type { AgenciesContext, AgencyRow } from './agencies.context.ts';
import { AGENCIES_FIELD, agenciesError, agenciesFieldError } from './agencies.errors.ts';
import { mayJoinAgency } from './agencies.policy.ts';
import type { AgencyInput } from './agencies.schema.ts';
import { agencies, agencyMembers } from './agencies.tables.ts';

/**
 * Use cases of the register of partner agencies and their member accounts. (The file keeps its old
 * name: support still reaches getAgency here until it imports agencies/index.ts.)
 */
async function memberNames(tx: Tx, tenant: string, agencyIds: string[]) {
  if (agencyIds.length === 0) return new Map<string, { accountId: string; displayName: string }[]>();
  const found = await tx
    .select({
      agencyId: agencyMembers.agencyId,
      accountId: agencyMembers.accountId,
      displayName: sql<string>`a.display_name`,
    })
    .from(agencyMembers)
    .innerJoin(sql`accounts a`, sql`a.id = ${agencyMembers.accountId}`)
    .where(and(eq(agencyMembers.municipalityCode, tenant), inArray(agencyMembers.agencyId, agencyIds)))
    .orderBy(asc(agencyMembers.createdAt));
  const map = new Map<string, { accountId: string; displayName: string }[]>();
  for (const m of found)
    map.set(m.agencyId, [
      ...(map.get(m.agencyId) ?? []),
      { accountId: m.accountId, displayName: m.displayName },
    ]);
  return map;
}

function presentAgency(a: AgencyRow, members: { accountId: string; displayName: string }[]) {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    contact: a.contact,
    active: a.active,
    members,
    version: a.version,
  };
}

export async function listAgencies(tx: Tx, tenant: string) {
  const found = await tx
    .select()
    .from(agencies)
    .where(eq(agencies.municipalityCode, tenant))
    .orderBy(asc(agencies.kind), asc(agencies.name));
  const members = await memberNames(
    tx,
    tenant,
    found.map((a) => a.id),
  );
  return {
    items: found.map((a) => presentAgency(a, members.get(a.id) ?? [])),
    total: found.length,
    nextCursor: null,
  };
}

export async function getAgency(tx: Tx, tenant: string, id: string): Promise<AgencyRow> {
  const [found] = await tx
    .select()
    .from(agencies)
    .where(and(eq(agencies.municipalityCode, tenant), eq(agencies.id, id)));
  if (!found) throw notFound();
  return found;
}

export async function agencyView(tx: Tx, tenant: string, id: string) {
  const a = await getAgency(tx, tenant, id);
  return presentAgency(a, (await memberNames(tx, tenant, [id])).get(id) ?? []);
}

const nameTaken = () => agenciesFieldError('/body/name', 'nameTaken', 'conflict');

export async function createAgency(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  input: z.output<typeof AgencyInput>,
  id?: string,
) {
  const [existing] = await tx
    .select({ id: agencies.id })
    .from(agencies)
    .where(and(eq(agencies.municipalityCode, tenant), eq(agencies.name, input.name)));
  if (existing) throw nameTaken();
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(agencies)
    .values({ ...(id ? { id } : {}), municipalityCode: tenant, ...input, createdAt: now, updatedAt: now })
    .returning();
  return row!;
}

export async function updateAgency(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  id: string,
  input: z.output<typeof AgencyInput> & { version: number },
) {
  const current = await getAgency(tx, tenant, id);
  const { version, ...fields } = input;
  if (fields.name !== current.name) {
    const [other] = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(eq(agencies.municipalityCode, tenant), eq(agencies.name, fields.name)));
    if (other) throw nameTaken();
  }
  const [row] = await tx
    .update(agencies)
    .set({ ...fields, version: version + 1, updatedAt: ctx.clock.now() })
    .where(and(eq(agencies.municipalityCode, tenant), eq(agencies.id, id), eq(agencies.version, version)))
    .returning();
  if (!row) throw conflict({ current: await agencyView(tx, tenant, id), yours: input });
  return row;
}

/** Links an account with the agency_member role of this tenant to the agency (moves it if linked). */
export async function addAgencyMember(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  agencyId: string,
  accountId: string,
) {
  await getAgency(tx, tenant, agencyId);
  // Another tenant's or a made-up account is a bad reference (400); one of ours without the role, 422.
  const account = await getAccount(tx, accountId).catch(() => null);
  const may = mayJoinAgency(account, tenant);
  if (!may.allowed && may.reason === 'not_of_tenant')
    throw agenciesFieldError('/body/accountId', 'accountNotOfTenant');
  if (!may.allowed)
    throw agenciesError(422, 'agency_member_invalid', {
      errors: [{ pointer: '/body/accountId', message: AGENCIES_FIELD.notAgencyMember }],
    });
  await tx
    .insert(agencyMembers)
    .values({ municipalityCode: tenant, agencyId, accountId, createdAt: ctx.clock.now() })
    .onConflictDoUpdate({
      target: [agencyMembers.municipalityCode, agencyMembers.accountId],
      set: { agencyId },
    });
}

/** The agency an account acts for, or null. */
export async function agencyOfAccount(tx: Tx, tenant: string, accountId: string): Promise<AgencyRow | null> {
  const [found] = await tx
    .select({ agency: agencies })
    .from(agencyMembers)
    .innerJoin(agencies, and(eq(agencies.id, agencyMembers.agencyId), eq(agencies.municipalityCode, tenant)))
    .where(and(eq(agencyMembers.municipalityCode, tenant), eq(agencyMembers.accountId, accountId)));
  return found?.agency ?? null;
}

/** Agency names of accounts (for the person's access report: organisations, never staff names). */
export async function agencyNamesOfAccounts(tx: Tx, tenant: string, accountIds: string[]) {
  const map = new Map<string, string>();
  if (accountIds.length === 0) return map;
  const found = await tx
    .select({ accountId: agencyMembers.accountId, name: agencies.name })
    .from(agencyMembers)
    .innerJoin(agencies, and(eq(agencies.id, agencyMembers.agencyId), eq(agencies.municipalityCode, tenant)))
    .where(and(eq(agencyMembers.municipalityCode, tenant), inArray(agencyMembers.accountId, accountIds)));
  for (const f of found) map.set(f.accountId, f.name);
  return map;
}
