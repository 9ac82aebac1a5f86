import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ConferenceDetail } from '../../../shared/contracts/agencies.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { decryptOptional } from '../../platform/crypto/fields.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { getAccount } from '../accounts/index.ts';
import { agencyConsent, loadPerson, personBasics } from '../support/index.ts';
import { type AgenciesContext, type ConferenceRow, open, seal } from './agencies.context.ts';
import { agenciesError, agenciesFieldError } from './agencies.errors.ts';
import { mayReadConference, mayTakePart, needsAgencyConsent } from './agencies.policy.ts';
import type { CreateConferenceBody } from './agencies.schema.ts';
import { agencyOfAccount } from './agencies.service.ts';
import {
  AGENCY_CONTEXTS,
  agencies,
  conferenceItems,
  conferenceMembers,
  conferenceMinutes,
  conferences,
} from './agencies.tables.ts';

/** Use cases of 支援会議 and 重層的支援会議: who takes part, who is discussed, what a member reads. */

async function accountInTenant(
  tx: Tx,
  tenant: string,
  accountId: string,
  pointer = '/body/memberAccountIds',
) {
  const account = await getAccount(tx, accountId).catch(() => null);
  if (!mayTakePart(account, tenant)) throw agenciesFieldError(pointer, 'accountNotInTenant');
  return account;
}

export async function createConference(
  tx: Tx,
  ctx: AgenciesContext,
  tenant: string,
  actor: Actor,
  input: z.output<typeof CreateConferenceBody>,
  id?: string,
): Promise<ConferenceRow> {
  const personIds: string[] = [];
  const allIds: string[][] = [];
  for (const pid of input.personIds) {
    const { person } = await loadPerson(tx, ctx, tenant, actor, pid);
    personIds.push(person.id);
    allIds.push([person.id, ...person.mergedIds]);
  }
  const memberIds = [...new Set([actor.accountId, ...input.memberAccountIds])];
  const members: { accountId: string; agencyId: string | null }[] = [];
  for (const accountId of memberIds) {
    await accountInTenant(tx, tenant, accountId);
    members.push({ accountId, agencyId: (await agencyOfAccount(tx, tenant, accountId))?.id ?? null });
  }
  // 重層的支援会議: consented cases only: each agency present needs the person's consent.
  for (const ids of allIds)
    for (const m of members)
      if (
        needsAgencyConsent(input.kind, m.agencyId) &&
        (await agencyConsent(tx, ctx, tenant, ids, 'agency_referral', m.agencyId)).state !== 'given'
      )
        throw agenciesError(422, 'conference_consent_missing', {
          extra: { personId: ids[0], agencyId: m.agencyId },
        });
  const [row] = await tx
    .insert(conferences)
    .values({
      ...(id ? { id } : {}),
      municipalityCode: tenant,
      kind: input.kind,
      title: input.title,
      heldOn: input.heldOn,
      personIds,
      agendaEncrypted: seal(ctx, input.agenda, AGENCY_CONTEXTS.agenda),
      createdBy: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .returning();
  await tx.insert(conferenceMembers).values(
    members.map((m) => ({
      municipalityCode: tenant,
      conferenceId: row!.id,
      accountId: m.accountId,
      agencyId: m.agencyId,
      acknowledgedAt: m.accountId === actor.accountId && input.acknowledge ? ctx.clock.now() : null,
    })),
  );
  return row!;
}

export async function listConferences(tx: Tx, tenant: string, actor: Actor) {
  const found = await tx
    .select({ c: conferences, acknowledgedAt: conferenceMembers.acknowledgedAt })
    .from(conferenceMembers)
    .innerJoin(
      conferences,
      and(eq(conferences.id, conferenceMembers.conferenceId), eq(conferences.municipalityCode, tenant)),
    )
    .where(
      and(eq(conferenceMembers.municipalityCode, tenant), eq(conferenceMembers.accountId, actor.accountId)),
    )
    .orderBy(desc(conferences.heldOn));
  const counts = await tx
    .select({ id: conferenceMembers.conferenceId, n: sql<number>`count(*)::int` })
    .from(conferenceMembers)
    .where(eq(conferenceMembers.municipalityCode, tenant))
    .groupBy(conferenceMembers.conferenceId);
  const n = new Map(counts.map((c) => [c.id, c.n]));
  const items = found.map(({ c, acknowledgedAt }) => ({
    id: c.id,
    kind: c.kind,
    title: c.title,
    heldOn: c.heldOn,
    acknowledged: acknowledgedAt !== null,
    memberCount: n.get(c.id) ?? 0,
  }));
  return { items, total: items.length, nextCursor: null };
}

/**
 * A conference the caller is a member of (else 404: closed to non-members, existence included).
 * For a 支援会議, `needAcknowledged` refuses (403) until the member has acknowledged confidentiality.
 */
export async function conferenceForMember(
  tx: Tx,
  tenant: string,
  actor: Actor,
  id: string,
  needAcknowledged: boolean,
) {
  const [found] = await tx
    .select({ c: conferences, acknowledgedAt: conferenceMembers.acknowledgedAt })
    .from(conferenceMembers)
    .innerJoin(
      conferences,
      and(eq(conferences.id, conferenceMembers.conferenceId), eq(conferences.municipalityCode, tenant)),
    )
    .where(
      and(
        eq(conferenceMembers.municipalityCode, tenant),
        eq(conferenceMembers.accountId, actor.accountId),
        eq(conferenceMembers.conferenceId, id),
      ),
    );
  if (!found) throw notFound();
  if (needAcknowledged && !mayReadConference(found.c, found))
    throw agenciesError(403, 'confidentiality_not_acknowledged');
  return found.c;
}

export async function acknowledgeConfidentiality(
  tx: Tx,
  ctx: AgenciesContext,
  c: ConferenceRow,
  actor: Actor,
) {
  await tx
    .update(conferenceMembers)
    .set({ acknowledgedAt: ctx.clock.now() })
    .where(
      and(
        eq(conferenceMembers.municipalityCode, c.municipalityCode),
        eq(conferenceMembers.conferenceId, c.id),
        eq(conferenceMembers.accountId, actor.accountId),
        sql`${conferenceMembers.acknowledgedAt} is null`,
      ),
    );
}

export function presentItem(
  ctx: AgenciesContext,
  i: typeof conferenceItems.$inferSelect,
  agencyNames: Map<string, string> = new Map(),
) {
  return {
    id: i.id,
    kind: i.kind,
    personId: i.personId,
    text: open(ctx, i.textEncrypted, AGENCY_CONTEXTS.item),
    ownerLabel: i.ownerLabel,
    ownerAgencyId: i.ownerAgencyId,
    due: i.due,
    agencyId: i.agencyId,
    agencyName: i.agencyId ? (agencyNames.get(i.agencyId) ?? null) : null,
    basis: i.basis,
    scope: decryptOptional(i.scopeEncrypted, ctx.config.dataKeys, AGENCY_CONTEXTS.scope) ?? '',
    createdAt: i.createdAt.toISOString(),
  };
}

export async function agencyNameMap(tx: Tx, tenant: string) {
  const found = await tx
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(eq(agencies.municipalityCode, tenant));
  return new Map(found.map((a) => [a.id, a.name]));
}

export async function itemsOf(tx: Tx, c: ConferenceRow) {
  return tx
    .select()
    .from(conferenceItems)
    .where(
      and(eq(conferenceItems.municipalityCode, c.municipalityCode), eq(conferenceItems.conferenceId, c.id)),
    )
    .orderBy(asc(conferenceItems.seq));
}

export async function conferenceDetail(
  tx: Tx,
  ctx: AgenciesContext,
  c: ConferenceRow,
): Promise<ConferenceDetail> {
  const members = await tx
    .select({
      accountId: conferenceMembers.accountId,
      acknowledgedAt: conferenceMembers.acknowledgedAt,
      displayName: sql<string>`a.display_name`,
      agencyName: sql<string | null>`ag.name`,
    })
    .from(conferenceMembers)
    .innerJoin(sql`accounts a`, sql`a.id = ${conferenceMembers.accountId}`)
    .leftJoin(
      sql`agencies ag`,
      sql`ag.id = ${conferenceMembers.agencyId} and ag.municipality_code = ${c.municipalityCode}`,
    )
    .where(
      and(
        eq(conferenceMembers.municipalityCode, c.municipalityCode),
        eq(conferenceMembers.conferenceId, c.id),
      ),
    );
  const persons = [];
  for (const id of c.personIds) {
    const p = await personBasics(tx, ctx, c.municipalityCode, id);
    if (p) persons.push({ id, nickname: p.nickname });
  }
  const names = await agencyNameMap(tx, c.municipalityCode);
  const [versions] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(conferenceMinutes)
    .where(
      and(
        eq(conferenceMinutes.municipalityCode, c.municipalityCode),
        eq(conferenceMinutes.conferenceId, c.id),
      ),
    );
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    heldOn: c.heldOn,
    personIds: c.personIds,
    persons,
    agenda: open(ctx, c.agendaEncrypted, AGENCY_CONTEXTS.agenda),
    minutes: decryptOptional(c.minutesEncrypted, ctx.config.dataKeys, AGENCY_CONTEXTS.minutes) ?? '',
    minutesVersions: versions?.n ?? 0,
    members: members.map((m) => ({
      accountId: m.accountId,
      displayName: m.displayName,
      agencyName: m.agencyName,
      internal: m.agencyName === null,
      acknowledged: m.acknowledgedAt !== null,
    })),
    items: (await itemsOf(tx, c)).map((i) => presentItem(ctx, i, names)),
    version: c.version,
  };
}

/** Puts a person of the tenant the caller may see on the agenda (idempotent). */
export async function addConferencePerson(
  tx: Tx,
  ctx: AgenciesContext,
  c: ConferenceRow,
  actor: Actor,
  personId: string,
) {
  const { person } = await loadPerson(tx, ctx, c.municipalityCode, actor, personId).catch(() => {
    throw agenciesFieldError('/body/personId', 'personNotFound');
  });
  if (c.kind === 'multilayer') {
    // The same rule as at creation: each agency present needs this person's consent.
    const members = await tx
      .select({ agencyId: conferenceMembers.agencyId })
      .from(conferenceMembers)
      .where(
        and(
          eq(conferenceMembers.municipalityCode, c.municipalityCode),
          eq(conferenceMembers.conferenceId, c.id),
        ),
      );
    for (const m of members)
      if (
        needsAgencyConsent(c.kind, m.agencyId) &&
        (
          await agencyConsent(
            tx,
            ctx,
            c.municipalityCode,
            [person.id, ...person.mergedIds],
            'agency_referral',
            m.agencyId,
          )
        ).state !== 'given'
      )
        throw agenciesError(422, 'conference_consent_missing', {
          extra: { personId: person.id, agencyId: m.agencyId },
        });
  }
  if (c.personIds.includes(person.id)) return c;
  const [row] = await tx
    .update(conferences)
    .set({ personIds: [...c.personIds, person.id], version: c.version + 1 })
    .where(and(eq(conferences.municipalityCode, c.municipalityCode), eq(conferences.id, c.id)))
    .returning();
  return row!;
}

/** Adds an account of the tenant (municipal staff or an agency member) as a participant. */
export async function addConferenceParticipant(
  tx: Tx,
  ctx: AgenciesContext,
  c: ConferenceRow,
  accountId: string,
) {
  await accountInTenant(tx, c.municipalityCode, accountId, '/body/accountId');
  const agencyId = (await agencyOfAccount(tx, c.municipalityCode, accountId))?.id ?? null;
  if (needsAgencyConsent(c.kind, agencyId))
    for (const pid of c.personIds) {
      const ids = (await personBasics(tx, ctx, c.municipalityCode, pid))?.ids ?? [pid];
      if (
        (await agencyConsent(tx, ctx, c.municipalityCode, ids, 'agency_referral', agencyId)).state !== 'given'
      )
        throw agenciesError(422, 'conference_consent_missing', { extra: { personId: pid, agencyId } });
    }
  await tx
    .insert(conferenceMembers)
    .values({ municipalityCode: c.municipalityCode, conferenceId: c.id, accountId, agencyId })
    .onConflictDoNothing();
}

/** Who may be asked to take part: active accounts of the tenant, staff first, then agency members. */
export async function conferenceCandidates(tx: Tx, tenant: string) {
  const found = await rows<{ account_id: string; display_name: string; agency_name: string | null }>(
    tx,
    sql`select a.id as account_id, a.display_name, ag.name as agency_name
          from accounts a
          left join agency_members m on m.account_id = a.id and m.municipality_code = ${tenant}
          left join agencies ag on ag.id = m.agency_id
         where a.tenant_code = ${tenant} and a.scope = 'tenant' and a.status = 'active'
           and not a.email_in_use_elsewhere
         order by (ag.name is not null), ag.name, a.display_name`,
  );
  return {
    items: found.map((r) => ({
      accountId: r.account_id,
      displayName: r.display_name,
      agencyName: r.agency_name,
    })),
  };
}

/** Every saved version of the minutes, newest first, with who saved it. */
export async function minutesVersions(tx: Tx, ctx: AgenciesContext, c: ConferenceRow) {
  const found = await tx
    .select({ v: conferenceMinutes, savedByName: sql<string>`a.display_name` })
    .from(conferenceMinutes)
    .innerJoin(sql`accounts a`, sql`a.id = ${conferenceMinutes.savedBy}`)
    .where(
      and(
        eq(conferenceMinutes.municipalityCode, c.municipalityCode),
        eq(conferenceMinutes.conferenceId, c.id),
      ),
    )
    .orderBy(desc(conferenceMinutes.n));
  return {
    items: found.map(({ v, savedByName }) => ({
      n: v.n,
      minutes: open(ctx, v.minutesEncrypted, AGENCY_CONTEXTS.minutesVersion),
      savedAt: v.savedAt.toISOString(),
      savedByName,
    })),
  };
}

export async function conferenceMaterials(tx: Tx, ctx: AgenciesContext, c: ConferenceRow) {
  return {
    minutes: decryptOptional(c.minutesEncrypted, ctx.config.dataKeys, AGENCY_CONTEXTS.minutes) ?? '',
    materials: (await itemsOf(tx, c)).filter((i) => i.kind === 'material').map((i) => presentItem(ctx, i)),
  };
}
