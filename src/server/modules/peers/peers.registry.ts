import { and, asc, eq, sql } from 'drizzle-orm';
import { toBankKana } from '../../../shared/bank-kana.ts';
import type {
  Programme,
  QUALIFICATIONS,
  SUPPORTER_STATUSES,
  Supporter,
} from '../../../shared/contracts/peers.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { BankAccount } from '../../platform/modules/payable-sources.ts';
import { isActiveAccountOfTenant } from '../accounts/index.ts';
import { maskAccount, validateBank } from '../payments/index.ts';
import { holderNameCharacters, PEERS_FIELD, peersError, peersFieldError } from './peers.errors.ts';
import { mayChangeExperience, mayReadExperience } from './peers.policy.ts';
import { PEERS_CONTEXTS, peerProgrammes, peerSupporters } from './peers.tables.ts';

/**
 * The registry (issue 9 part 2): the town's peer-support programmes (hourly rate, withholding) and its
 * peer supporters, with their lived experience (coordinator and supporter only) and bank account.
 */
export type PeersContext = { config: Config; clock: Clock };

export const PEER_SOURCE_KIND = 'peer_compensation';
export const programmeKeyOf = (programmeId: string) => `peer:${programmeId}`;

const last4 = (n: string) => n.slice(-4).padStart(4, '0');

// ── programmes ───────────────────────────────────────────────────────────────────────────────────

export type ProgrammeView = Programme;

const programmeView = (p: typeof peerProgrammes.$inferSelect): ProgrammeView => ({
  id: p.id,
  name: p.name,
  hourlyRate: p.hourlyRate,
  withholdingRateBp: p.withholdingRateBp,
  active: p.active === 1,
});

export async function listProgrammes(tx: Tx, tenant: string): Promise<ProgrammeView[]> {
  const found = await tx
    .select()
    .from(peerProgrammes)
    .where(eq(peerProgrammes.municipalityCode, tenant))
    .orderBy(asc(peerProgrammes.name));
  return found.map(programmeView);
}

export async function createProgramme(
  tx: Tx,
  ctx: PeersContext,
  tenant: string,
  input: { name: string; hourlyRate: number; withholdingRateBp: number },
): Promise<ProgrammeView> {
  const existing = await tx
    .select({ id: peerProgrammes.id })
    .from(peerProgrammes)
    .where(and(eq(peerProgrammes.municipalityCode, tenant), eq(peerProgrammes.name, input.name)));
  if (existing.length > 0) throw peersFieldError('/name', PEERS_FIELD.programmeExists);
  const [row] = await tx
    .insert(peerProgrammes)
    .values({ municipalityCode: tenant, ...input, createdAt: ctx.clock.now() })
    .returning();
  return programmeView(row as typeof peerProgrammes.$inferSelect);
}

export async function updateProgramme(
  tx: Tx,
  tenant: string,
  id: string,
  input: { hourlyRate: number; withholdingRateBp: number; active: boolean },
): Promise<ProgrammeView> {
  const [row] = await tx
    .update(peerProgrammes)
    .set({
      hourlyRate: input.hourlyRate,
      withholdingRateBp: input.withholdingRateBp,
      active: input.active ? 1 : 0,
    })
    .where(and(eq(peerProgrammes.municipalityCode, tenant), eq(peerProgrammes.id, id)))
    .returning();
  if (!row) throw notFound();
  return programmeView(row);
}

export async function programmeRow(tx: Tx, tenant: string, id: string) {
  const [p] = await tx
    .select()
    .from(peerProgrammes)
    .where(and(eq(peerProgrammes.municipalityCode, tenant), eq(peerProgrammes.id, id)));
  if (!p) throw peersFieldError('/programmeId', PEERS_FIELD.noSuchProgramme);
  return p;
}

// ── supporters ───────────────────────────────────────────────────────────────────────────────────

type SupporterRow = typeof peerSupporters.$inferSelect;

export type SupporterView = Supporter;

function supporterView(ctx: PeersContext, s: SupporterRow, viewer: Actor): SupporterView {
  const mayRead = mayReadExperience(s, viewer.accountId);
  return {
    id: s.id,
    accountId: s.accountId,
    displayName: s.displayName,
    coordinatorAccountId: s.coordinatorAccountId,
    status: s.status,
    qualification: s.qualification,
    availabilityMask: s.availabilityMask,
    availabilityNote: s.availabilityNote,
    livedExperience:
      mayRead && s.livedExperienceEncrypted
        ? decryptField(s.livedExperienceEncrypted, ctx.config.dataKeys, PEERS_CONTEXTS.livedExperience)
        : null,
    livedExperienceHidden: !mayRead && s.livedExperienceEncrypted !== null,
    bankAccount: s.bankLast4 ? maskAccount(s.bankLast4) : null,
    version: s.version,
  };
}

/** True when the view included lived experience (the route audits that read separately). */
export const readLivedExperience = (v: SupporterView) => v.livedExperience !== null;

export async function supporterRow(tx: Tx, tenant: string, id: string): Promise<SupporterRow> {
  const [s] = await tx
    .select()
    .from(peerSupporters)
    .where(and(eq(peerSupporters.municipalityCode, tenant), eq(peerSupporters.id, id)));
  if (!s) throw notFound();
  return s;
}

/** The supporter record of the signed-in peer supporter. */
export async function selfSupporter(tx: Tx, tenant: string, actor: Actor): Promise<SupporterRow> {
  const [s] = await tx
    .select()
    .from(peerSupporters)
    .where(and(eq(peerSupporters.municipalityCode, tenant), eq(peerSupporters.accountId, actor.accountId)));
  if (!s) throw peersError(403, 'peers_not_a_supporter');
  return s;
}

export async function listSupporters(tx: Tx, ctx: PeersContext, tenant: string, actor: Actor) {
  const found = await tx
    .select()
    .from(peerSupporters)
    .where(eq(peerSupporters.municipalityCode, tenant))
    .orderBy(asc(peerSupporters.displayName));
  return found.map((s) => supporterView(ctx, s, actor));
}

export async function getSupporter(tx: Tx, ctx: PeersContext, tenant: string, actor: Actor, id: string) {
  return supporterView(ctx, await supporterRow(tx, tenant, id), actor);
}

export type SupporterInput = {
  displayName: string;
  accountId?: string | null | undefined;
  coordinatorAccountId?: string | undefined;
  status: (typeof SUPPORTER_STATUSES)[number];
  qualification: (typeof QUALIFICATIONS)[number];
  availabilityMask: number;
  availabilityNote?: string | null | undefined;
  livedExperience?: string | null | undefined;
};

/**
 * The accounts a registry entry names must be active accounts of this tenant: another tenant's or a
 * made-up id is refused with 400 naming the field before anything is written (RLS would hide the row,
 * but the entry would point at nothing).
 */
async function checkSupporterAccounts(tx: Tx, tenant: string, input: SupporterInput): Promise<void> {
  if (input.accountId && !(await isActiveAccountOfTenant(tx, tenant, input.accountId)))
    throw peersFieldError('/body/accountId', PEERS_FIELD.activeAccount);
  if (input.coordinatorAccountId && !(await isActiveAccountOfTenant(tx, tenant, input.coordinatorAccountId)))
    throw peersFieldError('/body/coordinatorAccountId', PEERS_FIELD.activeAccount);
}

export async function createSupporter(
  tx: Tx,
  ctx: PeersContext,
  actor: Actor,
  tenant: string,
  input: SupporterInput,
): Promise<SupporterView> {
  await checkSupporterAccounts(tx, tenant, input);
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(peerSupporters)
    .values({
      municipalityCode: tenant,
      accountId: input.accountId ?? null,
      displayName: input.displayName,
      coordinatorAccountId: input.coordinatorAccountId ?? actor.accountId,
      status: input.status,
      qualification: input.qualification,
      availabilityMask: input.availabilityMask,
      availabilityNote: input.availabilityNote ?? null,
      livedExperienceEncrypted: input.livedExperience
        ? encryptField(input.livedExperience, ctx.config.dataKeys, PEERS_CONTEXTS.livedExperience)
        : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw peersFieldError('/accountId', PEERS_FIELD.accountRegistered);
      throw error;
    });
  return supporterView(ctx, row as SupporterRow, actor);
}

/**
 * Updates the registry entry (version check → 409). Lived experience is written only by the
 * coordinator (who alone reads it): `undefined` keeps it, `null` clears it.
 */
export async function updateSupporter(
  tx: Tx,
  ctx: PeersContext,
  actor: Actor,
  tenant: string,
  id: string,
  input: SupporterInput & { version: number },
): Promise<SupporterView> {
  const current = await supporterRow(tx, tenant, id);
  await checkSupporterAccounts(tx, tenant, input);
  if (input.livedExperience !== undefined && !mayChangeExperience(current, actor.accountId))
    throw peersFieldError('/livedExperience', PEERS_FIELD.experienceCoordinatorOnly);
  const [row] = await tx
    .update(peerSupporters)
    .set({
      displayName: input.displayName,
      ...(input.accountId !== undefined ? { accountId: input.accountId } : {}),
      ...(input.coordinatorAccountId ? { coordinatorAccountId: input.coordinatorAccountId } : {}),
      status: input.status,
      qualification: input.qualification,
      availabilityMask: input.availabilityMask,
      availabilityNote: input.availabilityNote ?? null,
      ...(input.livedExperience !== undefined
        ? {
            livedExperienceEncrypted: input.livedExperience
              ? encryptField(input.livedExperience, ctx.config.dataKeys, PEERS_CONTEXTS.livedExperience)
              : null,
          }
        : {}),
      version: sql`${peerSupporters.version} + 1`,
      updatedAt: ctx.clock.now(),
    })
    .where(
      and(
        eq(peerSupporters.municipalityCode, tenant),
        eq(peerSupporters.id, id),
        eq(peerSupporters.version, input.version),
      ),
    )
    .returning();
  if (!row) throw conflict({ currentVersion: current.version });
  return supporterView(ctx, row, actor);
}

/** Sets the supporter's bank account (validated against the bank list; holder name to bank kana). */
export async function setBank(
  tx: Tx,
  ctx: PeersContext,
  tenant: string,
  id: string,
  bank: BankAccount,
): Promise<void> {
  const converted = toBankKana(bank.holderName);
  if (!converted.ok) {
    throw peersFieldError('/holderName', holderNameCharacters(converted.invalidCharacters));
  }
  const normalised = { ...bank, holderName: converted.value.slice(0, 30) };
  validateBank(normalised, '');
  const updated = await tx
    .update(peerSupporters)
    .set({
      bankEncrypted: encryptField(JSON.stringify(normalised), ctx.config.dataKeys, PEERS_CONTEXTS.bank),
      bankLast4: last4(normalised.accountNumber),
      version: sql`${peerSupporters.version} + 1`,
      updatedAt: ctx.clock.now(),
    })
    .where(and(eq(peerSupporters.municipalityCode, tenant), eq(peerSupporters.id, id)))
    .returning({ id: peerSupporters.id });
  if (updated.length === 0) throw notFound();
}

/** Bank details in clear: finance only (the route holds payments.manage and audits each call). */
export async function revealBank(
  tx: Tx,
  ctx: PeersContext,
  tenant: string,
  id: string,
): Promise<BankAccount | null> {
  const s = await supporterRow(tx, tenant, id);
  return s.bankEncrypted
    ? (JSON.parse(decryptField(s.bankEncrypted, ctx.config.dataKeys, PEERS_CONTEXTS.bank)) as BankAccount)
    : null;
}
