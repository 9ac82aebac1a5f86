import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { isActiveAccountOfTenant } from '../accounts/index.ts';
import { isPlaceOfTenant } from '../places/index.ts';
import { EVENTS_FIELD, eventsFieldError } from './events.errors.ts';
import { managesEveryEvent, mayManage } from './events.policy.ts';
import type { OrganiserRow } from './events.present.ts';
import type { OrganiserBody } from './events.schema.ts';
import { eventOrganiserMembers, eventOrganisers, events } from './events.tables.ts';

/**
 * Who manages which events, and the organisers (the tenant itself, family associations, peer
 * groups) events run under.
 */

export async function managedOrganiserIds(tx: Tx, actor: Actor): Promise<'all' | string[]> {
  if (managesEveryEvent(actor.roles)) return 'all';
  const found = await tx
    .select({ id: eventOrganiserMembers.organiserId })
    .from(eventOrganiserMembers)
    .where(eq(eventOrganiserMembers.accountId, actor.accountId));
  return found.map((f) => f.id);
}

export async function listOrganisers(tx: Tx, tenant: string, actor: Actor) {
  const scope = await managedOrganiserIds(tx, actor);
  const found = await tx
    .select()
    .from(eventOrganisers)
    .where(eq(eventOrganisers.municipalityCode, tenant))
    .orderBy(asc(eventOrganisers.name));
  const members = await tx
    .select()
    .from(eventOrganiserMembers)
    .where(eq(eventOrganiserMembers.municipalityCode, tenant));
  return {
    items: found
      .filter((o) => mayManage(scope, o.id))
      .map((o) => ({
        id: o.id,
        kind: o.kind,
        name: o.name,
        placeId: o.placeId,
        memberAccountIds: members.filter((m) => m.organiserId === o.id).map((m) => m.accountId),
      })),
  };
}

/**
 * A place named by an organiser or an event must be a place of this tenant: another tenant's or a
 * made-up id is refused with 400 naming the field before anything is written.
 */
export async function checkPlaceReference(tx: Tx, tenant: string, placeId: string | null | undefined) {
  if (placeId && !(await isPlaceOfTenant(tx, tenant, placeId)))
    throw eventsFieldError('/body/placeId', EVENTS_FIELD.placeOfTenant);
}

/**
 * Organisers and their member accounts are set up by municipal administrators: a family association
 * becomes an organiser, and its accounts may then manage its events. Members must be accounts of this
 * tenant (another tenant's id is "not found").
 */
export async function saveOrganiser(tx: Tx, tenant: string, id: string | null, body: OrganiserBody) {
  if (id !== null) {
    const [found] = await tx
      .select({ id: eventOrganisers.id })
      .from(eventOrganisers)
      .where(and(eq(eventOrganisers.municipalityCode, tenant), eq(eventOrganisers.id, id)));
    if (!found) throw notFound();
  }
  await checkPlaceReference(tx, tenant, body.placeId);
  for (const accountId of body.memberAccountIds) {
    if (!(await isActiveAccountOfTenant(tx, tenant, accountId)))
      throw eventsFieldError('/body/memberAccountIds', EVENTS_FIELD.accountsOfTenant);
  }
  let organiser: OrganiserRow;
  if (id === null) {
    const [created] = await tx
      .insert(eventOrganisers)
      .values({ municipalityCode: tenant, kind: body.kind, name: body.name, placeId: body.placeId })
      .returning();
    organiser = created!;
  } else {
    const [updated] = await tx
      .update(eventOrganisers)
      .set({ kind: body.kind, name: body.name, placeId: body.placeId })
      .where(and(eq(eventOrganisers.municipalityCode, tenant), eq(eventOrganisers.id, id)))
      .returning();
    if (!updated) throw notFound();
    organiser = updated;
    await tx
      .delete(eventOrganiserMembers)
      .where(
        and(eq(eventOrganiserMembers.municipalityCode, tenant), eq(eventOrganiserMembers.organiserId, id)),
      );
  }
  const members = [...new Set(body.memberAccountIds)];
  if (members.length)
    await tx
      .insert(eventOrganiserMembers)
      .values(
        members.map((accountId) => ({ organiserId: organiser.id, accountId, municipalityCode: tenant })),
      );
  return {
    id: organiser.id,
    kind: organiser.kind,
    name: organiser.name,
    placeId: organiser.placeId,
    memberAccountIds: members,
  };
}

export async function organiserFor(tx: Tx, tenant: string, actor: Actor, organiserId: string) {
  const scope = await managedOrganiserIds(tx, actor);
  const [o] = await tx
    .select()
    .from(eventOrganisers)
    .where(and(eq(eventOrganisers.municipalityCode, tenant), eq(eventOrganisers.id, organiserId)));
  if (!o || !mayManage(scope, o.id))
    throw eventsFieldError('/body/organiserId', EVENTS_FIELD.organiser, 'events_organiser_unknown');
  return o;
}

/** The event if this actor manages it; another tenant's, or another association's, is "not found". */
export async function managedEvent(tx: Tx, tenant: string, actor: Actor, id: string, lock = false) {
  const query = tx
    .select()
    .from(events)
    .where(and(eq(events.municipalityCode, tenant), eq(events.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  const scope = await managedOrganiserIds(tx, actor);
  if (!mayManage(scope, row.organiserId)) throw notFound();
  return row;
}
