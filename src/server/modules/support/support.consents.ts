import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ConsentView } from '../../../shared/contracts/support.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { decryptOptional } from '../../platform/crypto/fields.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { displayNames } from '../accounts/index.ts';
import { idsOf, ofPerson, type PersonRow, type SupportContext, seal, today } from './support.access.ts';
import { SUPPORT_FIELD, supportFieldError } from './support.errors.ts';
import { mayRecordConsent } from './support.policy.ts';
import type { ConsentInput } from './support.schema.ts';
import { SUPPORT_CONTEXTS, supportConsents } from './support.tables.ts';

// ── consent ─────────────────────────────────────────────────────────────────────────────────────

export async function consentRecords(
  tx: Tx,
  ctx: SupportContext,
  person: PersonRow,
): Promise<(ConsentView & { seq: number })[]> {
  const found = await tx
    .select()
    .from(supportConsents)
    .where(ofPerson(supportConsents, person))
    .orderBy(asc(supportConsents.seq));
  return found.map((c) => ({
    id: c.id,
    seq: c.seq,
    personId: c.personId,
    purpose: c.purpose,
    recipient: c.recipient,
    recipientName: c.recipientName,
    recipientAgencyId: c.recipientAgencyId,
    status: c.status,
    decidedOn: c.decidedOn,
    expiresOn: c.expiresOn,
    method: c.method,
    decidedBy: c.decidedBy,
    supersedes: c.supersedes,
    note: decryptOptional(c.noteEncrypted, ctx.config.dataKeys, SUPPORT_CONTEXTS.consentNote) ?? '',
    recordedBy: c.recordedBy,
    recordedAt: c.recordedAt.toISOString(),
  }));
}

/** The latest record per purpose and recipient is in force; a given consent past its date is expired. */
export function effectiveConsents(records: readonly (ConsentView & { seq: number })[], on: string) {
  const latest = new Map<string, ConsentView & { seq: number }>();
  for (const r of records) {
    const key = `${r.purpose}/${r.recipient}/${r.recipientAgencyId ?? r.recipientName}`;
    const prev = latest.get(key);
    if (!prev || r.seq > prev.seq) latest.set(key, r);
  }
  return [...latest.values()].map((r) => ({
    purpose: r.purpose,
    recipient: r.recipient,
    recipientName: r.recipientName,
    recipientAgencyId: r.recipientAgencyId,
    status: r.status === 'given' && r.expiresOn && r.expiresOn < on ? ('expired' as const) : r.status,
    since: r.decidedOn,
    expiresOn: r.expiresOn,
    recordId: r.id,
  }));
}

/**
 * Writes one consent record after asking the policy. `agency` is what recordConsent found of a named
 * agency; consents given while opening a record (createPerson) have never been checked against the
 * agencies table, and are not now (behaviour kept; see the module README).
 */
export async function insertConsent(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  actor: Actor,
  person: PersonRow,
  input: ConsentInput,
  agency: { named: boolean; ofTenant: boolean } = { named: false, ofTenant: true },
) {
  const previous = input.supersedes
    ? await tx
        .select({ id: supportConsents.id })
        .from(supportConsents)
        .where(
          and(
            eq(supportConsents.municipalityCode, tenant),
            eq(supportConsents.id, input.supersedes),
            inArray(supportConsents.personId, idsOf(person)),
          ),
        )
    : [];
  const decision = mayRecordConsent({
    agency,
    supersedes: { named: Boolean(input.supersedes), ofPerson: previous.length > 0 },
    decidedOn: input.decidedOn,
    expiresOn: input.expiresOn,
  });
  if (!decision.allowed) throw CONSENT_REFUSALS[decision.reason]();
  const [row] = await tx
    .insert(supportConsents)
    .values({
      municipalityCode: tenant,
      personId: person.id,
      purpose: input.purpose,
      recipient: input.recipient,
      recipientName: input.recipientName,
      recipientAgencyId: input.recipientAgencyId,
      status: input.status,
      decidedOn: input.decidedOn,
      expiresOn: input.expiresOn,
      method: input.method,
      decidedBy: input.decidedBy,
      supersedes: input.supersedes,
      noteEncrypted: input.note ? seal(ctx, input.note, SUPPORT_CONTEXTS.consentNote) : null,
      recordedBy: actor.accountId,
      recordedAt: ctx.clock.now(),
    })
    .returning({ id: supportConsents.id });
  return row!.id;
}

const CONSENT_REFUSALS = {
  agency_not_of_tenant: () => supportFieldError('/body/recipientAgencyId', SUPPORT_FIELD.agencyNotOfTenant),
  supersedes_other_person: () => supportFieldError('/body/supersedes', SUPPORT_FIELD.consentNotOfPerson),
  expiry_before_decision: () => supportFieldError('/body/expiresOn', SUPPORT_FIELD.expiryBeforeDecision),
};

export async function recordConsent(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  input: ConsentInput,
) {
  const agencyId = input.recipientAgencyId;
  const agency = agencyId
    ? { named: true, ofTenant: await agencyOfTenant(tx, person.municipalityCode, agencyId) }
    : { named: false, ofTenant: true };
  return insertConsent(tx, ctx, person.municipalityCode, actor, person, input, agency);
}

/**
 * The agency named as a consent's recipient must be one of this tenant's (another tenant's or a
 * made-up id would leave a consent that points at nothing). A one-row read of the agencies table by
 * name rather than a call into agencies: agencies reads support (referrals need the person's
 * consent), so a call back would make the two modules a cycle (issue 20).
 */
async function agencyOfTenant(tx: Tx, tenant: string, id: string): Promise<boolean> {
  const found = await rows(
    tx,
    sql`select 1 from agencies where municipality_code = ${tenant} and id = ${id}`,
  );
  return found.length > 0;
}

export async function listConsents(tx: Tx, ctx: SupportContext, person: PersonRow) {
  const records = await consentRecords(tx, ctx, person);
  // Who recorded each one, by name (the account ids alone mean nothing to staff reading the history).
  const names = await displayNames(
    tx,
    records.map((r) => r.recordedBy),
  );
  return {
    effective: effectiveConsents(records, today(ctx)),
    records: records
      .map(({ seq: _seq, ...r }) => ({ ...r, recordedByName: names.get(r.recordedBy) ?? '' }))
      .reverse(),
  };
}
