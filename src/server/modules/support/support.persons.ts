import { and, asc, eq, sql } from 'drizzle-orm';
import type { PersonDetail, PersonSummary } from '../../../shared/contracts/support.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { decryptOptional } from '../../platform/crypto/fields.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { linkConsultationToPerson } from '../consultations/index.ts';
import {
  type Access,
  index,
  normalizePhone,
  ofPerson,
  open,
  type PersonRow,
  type SupportContext,
  seal,
  today,
} from './support.access.ts';
import { consentRecords, effectiveConsents, insertConsent } from './support.consents.ts';
import { SUPPORT_FIELD, supportError, supportFieldError } from './support.errors.ts';
import { refreshReviewDate } from './support.plans.ts';
import { mayLead, mayMerge } from './support.policy.ts';
import type { ConsentInput, ContactPreferences, PersonInput } from './support.schema.ts';
import { normalizeName, SUPPORT_CONTEXTS, supportFamilyMembers, supportPersons } from './support.tables.ts';

// ── persons ─────────────────────────────────────────────────────────────────────────────────────

export function preferencesOf(ctx: SupportContext, row: PersonRow): ContactPreferences {
  return JSON.parse(open(ctx, row.contactPreferencesEncrypted, SUPPORT_CONTEXTS.contactPreferences));
}

function daysSince(at: Date | null, now: Date): number | null {
  return at ? Math.max(0, Math.floor((now.getTime() - at.getTime()) / 86_400_000)) : null;
}

export function summarize(ctx: SupportContext, row: PersonRow): PersonSummary {
  return {
    id: row.id,
    nickname: open(ctx, row.nicknameEncrypted, SUPPORT_CONTEXTS.nickname),
    ageGroup: row.ageGroup,
    familyOnly: row.familyOnly,
    status: row.status,
    leadWorkerId: row.leadWorkerId,
    urgency: row.urgency,
    lastContactAt: row.lastContactAt?.toISOString() ?? null,
    daysSinceContact: daysSince(row.lastContactAt, ctx.clock.now()),
    nextReviewOn: row.nextReviewOn,
    nextContactOn: row.nextContactOn,
    contactPreferences: preferencesOf(ctx, row),
  };
}

/** Encrypted columns and blind indexes of a person's identifying fields. */
function identityColumns(ctx: SupportContext, p: PersonInput) {
  const C = SUPPORT_CONTEXTS;
  const phone = p.contact?.phone ? normalizePhone(p.contact.phone) : '';
  return {
    nicknameEncrypted: seal(ctx, p.nickname, C.nickname),
    nicknameIndex: index(ctx, normalizeName(p.nickname), C.nickname),
    realNameEncrypted: p.realName ? seal(ctx, p.realName, C.realName) : null,
    realNameIndex: p.realName ? index(ctx, normalizeName(p.realName), C.realName) : null,
    realNameKanaEncrypted: p.realNameKana ? seal(ctx, p.realNameKana, C.realNameKana) : null,
    realNameKanaIndex: p.realNameKana ? index(ctx, normalizeName(p.realNameKana), C.realNameKana) : null,
    birthDateEncrypted: p.birthDate ? seal(ctx, p.birthDate, C.birthDate) : null,
    birthDateIndex: p.birthDate ? index(ctx, p.birthDate, C.birthDate) : null,
    contactEncrypted: p.contact ? seal(ctx, JSON.stringify(p.contact), C.contact) : null,
    phoneIndex: phone ? index(ctx, phone, C.phone) : null,
    contactPreferencesEncrypted: seal(ctx, JSON.stringify(p.contactPreferences), C.contactPreferences),
    ageGroup: p.ageGroup,
    familyOnly: p.familyOnly,
    leadWorkerId: p.leadWorkerId,
  };
}

async function checkWorker(tx: Tx, tenant: string, accountId: string | null) {
  if (!accountId) return;
  const [found] = await rows<{ id: string }>(
    tx,
    sql`select id from accounts where id = ${accountId} and tenant_code = ${tenant} and status = 'active'`,
  );
  if (!mayLead({ named: true, activeInTenant: Boolean(found) }).allowed)
    throw supportFieldError(
      '/body/person/leadWorkerId',
      SUPPORT_FIELD.workerUnknown,
      'support_worker_unknown',
    );
}

export async function createPerson(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  actor: Actor,
  input: {
    person: PersonInput;
    consents: ConsentInput[];
    fromConsultationId: string | null;
    externalId?: string | null;
    /** Fixed ids for demo seeds only. */
    id?: string;
  },
): Promise<PersonRow> {
  await checkWorker(tx, tenant, input.person.leadWorkerId);
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(supportPersons)
    .values({
      ...(input.id ? { id: input.id } : {}),
      municipalityCode: tenant,
      externalId: input.externalId ?? null,
      ...identityColumns(ctx, input.person),
      status: input.person.status,
      createdAt: now,
      createdBy: actor.accountId,
      updatedAt: now,
      updatedBy: actor.accountId,
    })
    .returning();
  for (const consent of input.consents) await insertConsent(tx, ctx, tenant, actor, row!, consent);
  if (input.fromConsultationId) await linkConsultationToPerson(tx, tenant, input.fromConsultationId, row!.id);
  return row!;
}

export async function personDetail(
  tx: Tx,
  ctx: SupportContext,
  person: PersonRow,
  access: Access,
): Promise<PersonDetail> {
  const C = SUPPORT_CONTEXTS;
  const family = await tx
    .select()
    .from(supportFamilyMembers)
    .where(ofPerson(supportFamilyMembers, person))
    .orderBy(asc(supportFamilyMembers.createdAt), asc(supportFamilyMembers.id));
  const members = family.map((m) => {
    const d = JSON.parse(open(ctx, m.detailsEncrypted, C.family)) as {
      name: string;
      contact: string;
      note: string;
    };
    return {
      id: m.id,
      relationship: m.relationship,
      age: m.age,
      livesTogether: m.livesTogether,
      isMainContact: m.isMainContact,
      name: d.name,
      contact: d.contact,
      note: d.note,
      version: m.version,
    };
  });
  const middleAged = ['40s', '50s', '60_64'].includes(person.ageGroup);
  const eightyFifty =
    middleAged &&
    members.some(
      (m) =>
        ['mother', 'father', 'parent_other'].includes(m.relationship) &&
        (m.age ?? 0) >= 80 &&
        m.livesTogether,
    );
  const contact = decryptOptional(person.contactEncrypted, ctx.config.dataKeys, C.contact);
  return {
    ...summarize(ctx, person),
    realName: decryptOptional(person.realNameEncrypted, ctx.config.dataKeys, C.realName),
    realNameKana: decryptOptional(person.realNameKanaEncrypted, ctx.config.dataKeys, C.realNameKana),
    birthDate: decryptOptional(person.birthDateEncrypted, ctx.config.dataKeys, C.birthDate),
    contact: contact ? JSON.parse(contact) : null,
    mergedIds: person.mergedIds,
    mergedInto: person.mergedInto,
    family: members,
    household: { size: 1 + members.filter((m) => m.livesTogether).length, eightyFifty },
    consents: effectiveConsents(await consentRecords(tx, ctx, person), today(ctx)),
    access,
    version: person.version,
    createdAt: person.createdAt.toISOString(),
    updatedAt: person.updatedAt.toISOString(),
  };
}

export async function updatePerson(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  person: PersonRow,
  access: Access,
  input: PersonInput & { version: number },
): Promise<PersonRow> {
  const { version, ...fields } = input;
  await checkWorker(tx, person.municipalityCode, fields.leadWorkerId);
  const [row] = await tx
    .update(supportPersons)
    .set({
      ...identityColumns(ctx, fields),
      status: fields.status,
      version: sql`${supportPersons.version} + 1`,
      updatedAt: ctx.clock.now(),
      updatedBy: actor.accountId,
    })
    .where(
      and(
        eq(supportPersons.municipalityCode, person.municipalityCode),
        eq(supportPersons.id, person.id),
        eq(supportPersons.version, version),
      ),
    )
    .returning();
  if (row) return row;
  throw conflict({ current: await personDetail(tx, ctx, person, access), yours: input });
}

/**
 * Merges a duplicate into this record, keeping all history: no row moves; the duplicate points here
 * and every read of this person covers both. Empty identity fields of the survivor are filled from
 * the duplicate; nothing the survivor holds is overwritten.
 */
export async function mergePersons(
  tx: Tx,
  ctx: SupportContext,
  actor: Actor,
  survivor: PersonRow,
  duplicateId: string,
  versions: { version: number; duplicateVersion: number },
  access: Access,
): Promise<PersonRow> {
  const tenant = survivor.municipalityCode;
  const [duplicate] = await tx
    .select()
    .from(supportPersons)
    .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.id, duplicateId)));
  if (!duplicate) throw notFound();
  if (!mayMerge(survivor, duplicate).allowed) throw supportError(409, 'support_merge_invalid');
  if (survivor.version !== versions.version || duplicate.version !== versions.duplicateVersion) {
    throw conflict({
      current: { person: await personDetail(tx, ctx, survivor, access), duplicateVersion: duplicate.version },
      yours: { duplicateId, ...versions },
    });
  }
  const now = ctx.clock.now();
  const fill = <K extends keyof PersonRow>(key: K) => (survivor[key] ?? duplicate[key]) as PersonRow[K];
  const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));
  const [row] = await tx
    .update(supportPersons)
    .set({
      realNameEncrypted: fill('realNameEncrypted'),
      realNameIndex: fill('realNameIndex'),
      realNameKanaEncrypted: fill('realNameKanaEncrypted'),
      realNameKanaIndex: fill('realNameKanaIndex'),
      birthDateEncrypted: fill('birthDateEncrypted'),
      birthDateIndex: fill('birthDateIndex'),
      contactEncrypted: fill('contactEncrypted'),
      phoneIndex: fill('phoneIndex'),
      externalId: survivor.externalId,
      leadWorkerId: fill('leadWorkerId'),
      ageGroup: survivor.ageGroup === 'unknown' ? duplicate.ageGroup : survivor.ageGroup,
      familyOnly: survivor.familyOnly && duplicate.familyOnly,
      mergedIds: [...survivor.mergedIds, duplicate.id, ...duplicate.mergedIds],
      lastContactAt: latest(survivor.lastContactAt, duplicate.lastContactAt),
      version: sql`${supportPersons.version} + 1`,
      updatedAt: now,
      updatedBy: actor.accountId,
    })
    .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.id, survivor.id)))
    .returning();
  await tx
    .update(supportPersons)
    .set({
      status: 'merged',
      mergedInto: survivor.id,
      version: sql`${supportPersons.version} + 1`,
      updatedAt: now,
      updatedBy: actor.accountId,
    })
    .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.id, duplicate.id)));
  // Records merged into the duplicate earlier now point at the survivor as well.
  await tx
    .update(supportPersons)
    .set({ mergedInto: survivor.id })
    .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.mergedInto, duplicate.id)));
  await refreshReviewDate(tx, row!);
  return row!;
}

// ── family ──────────────────────────────────────────────────────────────────────────────────────

type FamilyInput = {
  relationship: (typeof supportFamilyMembers.$inferInsert)['relationship'];
  age: number | null;
  livesTogether: boolean;
  isMainContact: boolean;
  name: string;
  contact: string;
  note: string;
};

const familyDetails = (ctx: SupportContext, m: FamilyInput) =>
  seal(ctx, JSON.stringify({ name: m.name, contact: m.contact, note: m.note }), SUPPORT_CONTEXTS.family);

export async function addFamilyMember(tx: Tx, ctx: SupportContext, person: PersonRow, input: FamilyInput) {
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(supportFamilyMembers)
    .values({
      municipalityCode: person.municipalityCode,
      personId: person.id,
      relationship: input.relationship,
      age: input.age,
      livesTogether: input.livesTogether,
      isMainContact: input.isMainContact,
      detailsEncrypted: familyDetails(ctx, input),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: supportFamilyMembers.id });
  return row!.id;
}

export async function updateFamilyMember(
  tx: Tx,
  ctx: SupportContext,
  person: PersonRow,
  access: Access,
  memberId: string,
  input: FamilyInput & { version: number },
) {
  const { version, ...fields } = input;
  const [row] = await tx
    .update(supportFamilyMembers)
    .set({
      relationship: fields.relationship,
      age: fields.age,
      livesTogether: fields.livesTogether,
      isMainContact: fields.isMainContact,
      detailsEncrypted: familyDetails(ctx, fields),
      version: sql`${supportFamilyMembers.version} + 1`,
      updatedAt: ctx.clock.now(),
    })
    .where(
      and(
        ofPerson(supportFamilyMembers, person),
        eq(supportFamilyMembers.id, memberId),
        eq(supportFamilyMembers.version, version),
      ),
    )
    .returning({ id: supportFamilyMembers.id });
  if (row) return row.id;
  const detail = await personDetail(tx, ctx, person, access);
  const current = detail.family.find((m) => m.id === memberId);
  if (!current) throw notFound();
  throw conflict({ current, yours: input });
}
