import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { personBasics } from '../support/index.ts';
import { basisInForce } from './agencies.basis.ts';
import { type AgenciesContext, type AgencyRow, open, type ReferralRow } from './agencies.context.ts';
import { agenciesError, agenciesFieldError } from './agencies.errors.ts';
import {
  agencyActionNeedsBasis,
  mayAgencyAct,
  mayAgencyReadReferral,
  type ReferralAction,
} from './agencies.policy.ts';
import { eventsOf, notesOf, referralRow, transitionReferral, workerOf } from './agencies.referrals.ts';
import { agencyOfAccount } from './agencies.service.ts';
import { AGENCY_CONTEXTS, agencies, referrals } from './agencies.tables.ts';

/** Use cases of the receiving agency (its inbox and the shared view), and referrals for disclosure. */

async function myAgency(tx: Tx, tenant: string, actor: Actor): Promise<AgencyRow> {
  const agency = await agencyOfAccount(tx, tenant, actor.accountId);
  if (!agency) throw agenciesError(403, 'agency_not_linked');
  return agency;
}

export async function inbox(tx: Tx, ctx: AgenciesContext, tenant: string, actor: Actor) {
  const agency = await myAgency(tx, tenant, actor);
  const found = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.municipalityCode, tenant), eq(referrals.agencyId, agency.id)))
    .orderBy(desc(referrals.requestedAt))
    .limit(200);
  const items = [];
  for (const r of found) items.push(await inboxItem(tx, ctx, r));
  return { agency: { id: agency.id, name: agency.name }, items, total: items.length, nextCursor: null };
}

/**
 * A referral as the agency lists it: who it is about (the nickname, while the basis is in force —
 * the referral shares no more) and who sent it. The route audits the nickname as a read of the person.
 */
async function inboxItem(tx: Tx, ctx: AgenciesContext, r: ReferralRow) {
  const inForce = r.status !== 'withdrawn' && (await basisInForce(tx, ctx, r));
  const person = inForce ? await personBasics(tx, ctx, r.municipalityCode, r.personId) : null;
  return {
    id: r.id,
    personId: r.personId,
    personNickname: person?.nickname ?? '',
    requestedBy: await workerOf(tx, r.requestedBy),
    status: r.status,
    basis: r.basis,
    basisInForce: inForce,
    requestedAt: r.requestedAt.toISOString(),
    version: r.version,
  };
}

/**
 * A referral of the caller's agency (another agency's → 404). With `needBasis`, refuses (403
 * referral_basis_ended) when the consent it was sent on is no longer in force: sharing stops at once.
 */
export async function referralForAgency(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  actor: Actor,
  id: string,
  needBasis: boolean,
) {
  const agency = await myAgency(tx, tenant, actor);
  const r = await referralRow(tx, tenant, id, agency.id);
  if (needBasis) {
    // A withdrawn referral is closed whatever its basis: no need to read the consent records.
    const inForce = r.status !== 'withdrawn' && (await basisInForce(tx, ctx, r));
    if (!mayAgencyReadReferral(r, inForce)) throw agenciesError(403, 'referral_basis_ended');
  }
  return r;
}

/**
 * The agency accepts, declines (with its reason), progresses or completes a referral. Accepting and
 * progressing show the content again, so they need the basis in force; the route audits accordingly.
 */
export async function actOnReferral(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  actor: Actor,
  id: string,
  action: Exclude<ReferralAction, 'withdraw'>,
  input: { version: number; note: string },
) {
  if (!mayAgencyAct(action, input.note).allowed) throw agenciesFieldError('/body/note', 'declineReason');
  const needBasis = agencyActionNeedsBasis(action);
  const row = await referralForAgency(tx, ctx, tenant, actor, id, needBasis);
  const moved = await transitionReferral(tx, ctx, row, actor, 'agency_member', action, input);
  return { row, moved, needBasis };
}

export async function sharedView(tx: Tx, ctx: AgenciesContext, r: ReferralRow) {
  const { personId: _, ...item } = await inboxItem(tx, ctx, r);
  return {
    ...item,
    basisInForce: true,
    summary: open(ctx, r.summaryEncrypted, AGENCY_CONTEXTS.summary),
    agencyNotes: notesOf(ctx, r),
    events: await eventsOf(tx, r),
  };
}

/** Referrals of these persons, decrypted (disclosure drafts). */
export async function referralHoldings(tx: Tx, ctx: AgenciesContext, tenant: string, personIds: string[]) {
  const found = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.municipalityCode, tenant), inArray(referrals.personId, personIds)))
    .orderBy(asc(referrals.requestedAt));
  const names = new Map(
    (await tx.select().from(agencies).where(eq(agencies.municipalityCode, tenant))).map((a) => [
      a.id,
      a.name,
    ]),
  );
  return found.map((r) => ({
    source: { table: 'referrals', id: r.id },
    kind: 'referral',
    at: r.requestedAt.toISOString(),
    origin: 'staff' as const,
    content: {
      agency: names.get(r.agencyId) ?? '',
      status: r.status,
      basis: r.basis,
      summary: open(ctx, r.summaryEncrypted, AGENCY_CONTEXTS.summary),
      agencyNotes: notesOf(ctx, r),
    },
  }));
}
