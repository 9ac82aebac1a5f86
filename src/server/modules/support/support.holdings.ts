import { and, asc, desc, eq, getTableName, inArray, isNull, sql } from 'drizzle-orm';
import { decryptOptional } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { consultationHoldings, purgeConsultationsOfPersons } from '../consultations/index.ts';
import {
  findSurvivor,
  heldUnder,
  idsOf,
  open,
  type PersonRow,
  type SupportContext,
  today,
} from './support.access.ts';
import { preferencesOf } from './support.persons.ts';
import {
  SUPPORT_CONTEXTS,
  supportConsents,
  supportFamilyMembers,
  supportIntakeVersions,
  supportMeasures,
  supportNoteVersions,
  supportPersons,
  supportPlanVersions,
} from './support.tables.ts';

// ── read and retention functions for other modules (agencies, rights; issue 7) ────────────────────
// Other modules never query support tables: they call these. Each takes the tenant first.

/** The person's record ids (survivor + merged duplicates), nickname and status, or null. No access check. */
export async function personBasics(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  id: string,
): Promise<{ id: string; ids: string[]; nickname: string; status: PersonRow['status'] } | null> {
  const person = await findSurvivor(tx, tenant, id);
  if (!person) return null;
  return {
    id: person.id,
    ids: idsOf(person),
    nickname: open(ctx, person.nicknameEncrypted, SUPPORT_CONTEXTS.nickname),
    status: person.status,
  };
}

export type AgencyConsentState = {
  /** `given` = in force today; otherwise why not (no record at all = `missing`). */
  state: 'given' | 'missing' | 'refused' | 'withdrawn' | 'expired';
  recordId: string | null;
};

/**
 * Is a consent for `purpose` with this partner agency in force today? The latest record for
 * (purpose, partner_agency, agency) decides: a withdrawal stops sharing at once.
 */
export async function agencyConsent(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  personIds: readonly string[],
  purpose: (typeof supportConsents.$inferSelect)['purpose'],
  agencyId: string,
): Promise<AgencyConsentState> {
  const [latest] = await tx
    .select()
    .from(supportConsents)
    .where(
      and(
        eq(supportConsents.municipalityCode, tenant),
        inArray(supportConsents.personId, [...personIds]),
        eq(supportConsents.purpose, purpose),
        eq(supportConsents.recipient, 'partner_agency'),
        eq(supportConsents.recipientAgencyId, agencyId),
      ),
    )
    .orderBy(desc(supportConsents.seq))
    .limit(1);
  if (!latest) return { state: 'missing', recordId: null };
  if (latest.status === 'given' && latest.expiresOn && latest.expiresOn < today(ctx))
    return { state: 'expired', recordId: latest.id };
  return { state: latest.status, recordId: latest.id };
}

/** One item the tenant holds about a person, for a disclosure draft (開示請求). */
export type HeldItem = {
  /** The table and row id it comes from (the disclosure test compares these with the tables). */
  source: { table: string; id: string };
  kind: string;
  at: string | null;
  /** Who the content comes from: the person, staff, or a third party (family, another writer). */
  origin: 'person' | 'staff' | 'third_party' | 'record';
  content: unknown;
};

/**
 * Every item held in the support record and linked consultations for these person ids, decrypted,
 * in a stable order. Used by the rights module for a disclosure draft; the caller audits the read.
 */
export async function personHoldings(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  personIds: readonly string[],
): Promise<HeldItem[]> {
  const C = SUPPORT_CONTEXTS;
  const keys = ctx.config.dataKeys;
  const ids = [...personIds];
  const items: HeldItem[] = [];
  const persons = await tx
    .select()
    .from(supportPersons)
    .where(and(eq(supportPersons.municipalityCode, tenant), inArray(supportPersons.id, ids)))
    .orderBy(asc(supportPersons.createdAt));
  for (const p of persons) {
    items.push({
      source: { table: 'support_persons', id: p.id },
      kind: 'person',
      at: p.createdAt.toISOString(),
      origin: 'record',
      content: {
        nickname: open(ctx, p.nicknameEncrypted, C.nickname),
        realName: decryptOptional(p.realNameEncrypted, keys, C.realName),
        realNameKana: decryptOptional(p.realNameKanaEncrypted, keys, C.realNameKana),
        birthDate: decryptOptional(p.birthDateEncrypted, keys, C.birthDate),
        contact: JSON.parse(decryptOptional(p.contactEncrypted, keys, C.contact) ?? 'null'),
        contactPreferences: preferencesOf(ctx, p),
        ageGroup: p.ageGroup,
        familyOnly: p.familyOnly,
        status: p.status,
        urgency: p.urgency,
        lastContactAt: p.lastContactAt?.toISOString() ?? null,
      },
    });
  }
  const family = await tx
    .select()
    .from(supportFamilyMembers)
    .where(heldUnder(supportFamilyMembers, tenant, ids))
    .orderBy(asc(supportFamilyMembers.createdAt));
  for (const m of family)
    items.push({
      source: { table: 'support_family_members', id: m.id },
      kind: 'family_member',
      at: m.createdAt.toISOString(),
      origin: 'third_party',
      content: {
        relationship: m.relationship,
        age: m.age,
        livesTogether: m.livesTogether,
        ...JSON.parse(open(ctx, m.detailsEncrypted, C.family)),
      },
    });
  const consents = await tx
    .select()
    .from(supportConsents)
    .where(heldUnder(supportConsents, tenant, ids))
    .orderBy(asc(supportConsents.seq));
  for (const c of consents)
    items.push({
      source: { table: 'support_consents', id: c.id },
      kind: 'consent',
      at: c.recordedAt.toISOString(),
      origin: 'record',
      content: {
        purpose: c.purpose,
        recipient: c.recipient,
        recipientName: c.recipientName,
        status: c.status,
        decidedOn: c.decidedOn,
        expiresOn: c.expiresOn,
        method: c.method,
        decidedBy: c.decidedBy,
        note: decryptOptional(c.noteEncrypted, keys, C.consentNote) ?? '',
      },
    });
  const intakes = await tx
    .select()
    .from(supportIntakeVersions)
    .where(heldUnder(supportIntakeVersions, tenant, ids))
    .orderBy(asc(supportIntakeVersions.id));
  for (const v of intakes)
    items.push({
      source: { table: 'support_intake_versions', id: String(v.id) },
      kind: 'intake',
      at: v.createdAt.toISOString(),
      origin: 'staff',
      content: {
        intakeId: v.intakeId,
        version: v.version,
        ...JSON.parse(open(ctx, v.contentEncrypted, C.intake)),
      },
    });
  const plans = await tx
    .select()
    .from(supportPlanVersions)
    .where(heldUnder(supportPlanVersions, tenant, ids))
    .orderBy(asc(supportPlanVersions.id));
  for (const v of plans)
    items.push({
      source: { table: 'support_plan_versions', id: String(v.id) },
      kind: 'plan',
      at: v.createdAt.toISOString(),
      origin: 'staff',
      content: { planId: v.planId, version: v.version, ...JSON.parse(open(ctx, v.contentEncrypted, C.plan)) },
    });
  const notes = await tx
    .select()
    .from(supportNoteVersions)
    .where(heldUnder(supportNoteVersions, tenant, ids))
    .orderBy(asc(supportNoteVersions.id));
  for (const n of notes) {
    // A note of a contact the person was not part of records what others said: a third party's statement.
    const thirdParty =
      !n.participants.includes('person') &&
      n.participants.some((p) => p !== 'consultation_staff' && p !== 'labour_staff');
    items.push({
      source: { table: 'support_note_versions', id: String(n.id) },
      kind: 'note',
      at: n.occurredAt.toISOString(),
      origin: thirdParty || n.contactType === 'family_only' ? 'third_party' : 'staff',
      content: {
        noteId: n.noteId,
        version: n.version,
        contactType: n.contactType,
        participants: n.participants,
        text: open(ctx, n.textEncrypted, C.note),
      },
    });
  }
  const measures = await tx
    .select()
    .from(supportMeasures)
    .where(heldUnder(supportMeasures, tenant, ids))
    .orderBy(asc(supportMeasures.recordedAt));
  for (const m of measures)
    items.push({
      source: { table: 'support_measures', id: m.id },
      kind: 'measure',
      at: m.recordedAt.toISOString(),
      origin: 'person',
      content: {
        kind: m.kind,
        takenOn: m.takenOn,
        score: m.score,
        answers: JSON.parse(open(ctx, m.answersEncrypted, C.measure)),
      },
    });
  items.push(...(await consultationHoldings(tx, ctx, tenant, ids)));
  return items;
}

/** Closed cases whose record was last changed before `before` (the retention clock of a closed case). */
export async function closedPersonsBefore(tx: Tx, tenant: string, before: Date): Promise<string[]> {
  const found = await tx
    .select({ id: supportPersons.id })
    .from(supportPersons)
    .where(
      and(
        eq(supportPersons.municipalityCode, tenant),
        eq(supportPersons.status, 'closed'),
        isNull(supportPersons.mergedInto),
        sql`${supportPersons.updatedAt} < ${before.toISOString()}::timestamptz`,
      ),
    );
  return found.map((r) => r.id);
}

/**
 * Deletes every support row of these person ids and their linked consultations. Only for the
 * retention purge, which runs as the owner (the app role may not delete append-only rows). The audit
 * log is not touched: its rows hold ids only. Returns row counts per table.
 */
export async function purgePersonContent(
  tx: Tx,
  tenant: string,
  personIds: readonly string[],
): Promise<Record<string, number>> {
  const ids = [...personIds];
  const counts: Record<string, number> = {};
  for (const table of [
    supportFamilyMembers,
    supportConsents,
    supportIntakeVersions,
    supportPlanVersions,
    supportNoteVersions,
    supportMeasures,
  ] as const) {
    const deleted = await tx
      .delete(table)
      .where(heldUnder(table, tenant, ids))
      .returning({ id: table.id });
    counts[getTableName(table)] = deleted.length;
  }
  Object.assign(counts, await purgeConsultationsOfPersons(tx, tenant, ids));
  const persons = await tx
    .delete(supportPersons)
    .where(and(eq(supportPersons.municipalityCode, tenant), inArray(supportPersons.id, ids)))
    .returning({ id: supportPersons.id });
  counts.support_persons = persons.length;
  return counts;
}
