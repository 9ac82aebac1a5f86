import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { agencyConsent, personBasics } from '../support/index.ts';
import type { AgenciesContext, ReferralRow } from './agencies.context.ts';
import { conferenceItems, conferences } from './agencies.tables.ts';

/** The lawful basis of sharing with an agency: the person's consent naming it, or a 支援会議 decision. */
/**
 * A 支援会議 (106-6) item that names this person and agency as a basis for sharing. The item records
 * its own basis when it is added, so that column decides, not the item's kind: a decision to share
 * may be entered as a 決定 or as a 共有 record (issue 22: a share decided with the 地域支援センター
 * was entered as 共有 and the referral resting on it was refused because only 決定 were looked at).
 */
async function conferenceDecision(tx: Tx, tenant: string, personIds: string[], agencyId: string) {
  const [found] = await tx
    .select({ id: conferenceItems.id })
    .from(conferenceItems)
    .innerJoin(
      conferences,
      and(eq(conferences.id, conferenceItems.conferenceId), eq(conferences.municipalityCode, tenant)),
    )
    .where(
      and(
        eq(conferenceItems.municipalityCode, tenant),
        eq(conferenceItems.basis, 'support_conference'),
        eq(conferenceItems.agencyId, agencyId),
        inArray(conferenceItems.personId, personIds),
        eq(conferences.kind, 'support_conference'),
      ),
    )
    .orderBy(desc(conferenceItems.createdAt))
    .limit(1);
  return found?.id ?? null;
}

export type Basis =
  | { ok: true; basis: 'consent'; consentId: string }
  | { ok: true; basis: 'support_conference'; conferenceItemId: string }
  | { ok: false; consentState: 'missing' | 'refused' | 'withdrawn' | 'expired' };

/** Consent naming this agency for referral, else a 支援会議 decision; otherwise why not. */
export async function lawfulBasis(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  personIds: string[],
  agencyId: string,
): Promise<Basis> {
  const consent = await agencyConsent(tx, ctx, tenant, personIds, 'agency_referral', agencyId);
  if (consent.state === 'given') return { ok: true, basis: 'consent', consentId: consent.recordId! };
  const decision = await conferenceDecision(tx, tenant, personIds, agencyId);
  if (decision) return { ok: true, basis: 'support_conference', conferenceItemId: decision };
  return { ok: false, consentState: consent.state };
}

/** Is the basis a referral was sent on still in force? A consent basis follows the latest consent record. */
export async function basisInForce(tx: Tx, ctx: AgenciesContext, r: ReferralRow): Promise<boolean> {
  if (r.basis === 'support_conference') return true;
  const person = await personBasics(tx, ctx, r.municipalityCode, r.personId);
  if (!person) return false;
  const consent = await agencyConsent(tx, ctx, r.municipalityCode, person.ids, 'agency_referral', r.agencyId);
  return consent.state === 'given';
}
