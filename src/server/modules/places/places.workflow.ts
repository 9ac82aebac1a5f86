/**
 * The staff's use cases on one entry: create, read, update, and the review workflow (submit, publish,
 * return, withdraw, verify). Each asks the policy (places.policy.ts) before it writes and names the
 * tenant in every row it reads or writes.
 */
import { and, eq } from 'drizzle-orm';
import type { StaffPlace } from '../../../shared/contracts/places.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { addRevision, columnsOf, type PlaceRow, presentStaff, withReading } from './places.content.ts';
import { PLACES_FIELD, placesError } from './places.errors.ts';
import { publicJsonOf, writeListing } from './places.listing.ts';
import {
  type Decision,
  isCurrentVersion,
  mayPublish,
  mayReturn,
  maySubmit,
  mayUseExternalId,
  mayWithdraw,
  verifiedDate,
} from './places.policy.ts';
import type { PlaceContent } from './places.schema.ts';
import { placeListings, places } from './places.tables.ts';

async function assertExternalIdFree(tx: Tx, tenant: string, externalId: string | null, exceptId?: string) {
  if (!externalId) return;
  const [taken] = await tx
    .select({ id: places.id })
    .from(places)
    .where(and(eq(places.municipalityCode, tenant), eq(places.externalId, externalId)));
  const decision = mayUseExternalId(taken?.id ?? null, exceptId);
  if (!decision.allowed)
    throw placesError(409, 'places_external_id_taken', {
      pointer: '/body/externalId',
      message: PLACES_FIELD.externalIdUsed,
    });
}

export async function createPlace(
  tx: Tx,
  tenant: string,
  actor: Actor,
  input: PlaceContent,
  now: Date,
): Promise<StaffPlace> {
  await assertExternalIdFree(tx, tenant, input.externalId);
  const content = await withReading(input);
  const [row] = await tx
    .insert(places)
    .values({
      municipalityCode: tenant,
      ...columnsOf(content),
      publication: 'draft',
      createdAt: now,
      createdBy: actor.accountId,
      updatedAt: now,
      updatedBy: actor.accountId,
    })
    .returning();
  await addRevision(tx, row!, 'created', actor.accountId, now);
  return presentStaff(row!, actor, now);
}

async function loadForUpdate(tx: Tx, tenant: string, id: string): Promise<PlaceRow> {
  const [row] = await tx
    .select()
    .from(places)
    .where(and(eq(places.municipalityCode, tenant), eq(places.id, id)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

function assertVersion(row: PlaceRow, version: number, actor: Actor, now: Date) {
  if (!isCurrentVersion(row, version).allowed) throw conflict({ current: presentStaff(row, actor, now) });
}

/** A refusal of the policy as the problem the staff page shows. */
function assertAllowed(decision: Decision) {
  if (!decision.allowed && decision.reason !== 'stale_version') throw placesError(409, decision.reason);
}

export async function getPlace(tx: Tx, tenant: string, id: string, actor: Actor, now: Date) {
  const [row] = await tx
    .select()
    .from(places)
    .where(and(eq(places.municipalityCode, tenant), eq(places.id, id)));
  if (!row) throw notFound();
  return presentStaff(row, actor, now);
}

/** Saving makes the entry a draft again; a published listing stays as it was until the next review. */
export async function updatePlace(
  tx: Tx,
  tenant: string,
  id: string,
  actor: Actor,
  input: PlaceContent & { version: number },
  now: Date,
): Promise<StaffPlace> {
  const row = await loadForUpdate(tx, tenant, id);
  const { version, ...rest } = input;
  assertVersion(row, version, actor, now);
  await assertExternalIdFree(tx, tenant, rest.externalId, id);
  const content = await withReading(rest);
  const [updated] = await tx
    .update(places)
    .set({
      ...columnsOf(content),
      publication: 'draft',
      version: row.version + 1,
      updatedAt: now,
      updatedBy: actor.accountId,
      submittedAt: null,
      submittedBy: null,
    })
    .where(and(eq(places.municipalityCode, tenant), eq(places.id, id)))
    .returning();
  await addRevision(tx, updated!, 'updated', actor.accountId, now);
  return presentStaff(updated!, actor, now);
}

export async function submitPlace(
  tx: Tx,
  tenant: string,
  id: string,
  actor: Actor,
  version: number,
  now: Date,
) {
  const row = await loadForUpdate(tx, tenant, id);
  assertVersion(row, version, actor, now);
  assertAllowed(maySubmit(row));
  const [updated] = await tx
    .update(places)
    .set({
      publication: 'in_review',
      version: row.version + 1,
      submittedAt: now,
      submittedBy: actor.accountId,
      reviewComment: null,
    })
    .where(and(eq(places.municipalityCode, tenant), eq(places.id, id)))
    .returning();
  await addRevision(tx, updated!, 'submitted', actor.accountId, now);
  return presentStaff(updated!, actor, now);
}

/** A second person approves: the listing the public sees is replaced by this content (or removed if closed). */
export async function publishPlace(
  tx: Tx,
  tenant: string,
  id: string,
  actor: Actor,
  version: number,
  now: Date,
) {
  const row = await loadForUpdate(tx, tenant, id);
  assertVersion(row, version, actor, now);
  assertAllowed(mayPublish(row, actor.accountId));
  const closed = row.status === 'closed';
  const nextVersion = row.version + 1;
  const [updated] = await tx
    .update(places)
    .set({
      publication: 'published',
      version: nextVersion,
      reviewedAt: now,
      reviewedBy: actor.accountId,
      reviewComment: null,
      publishedAt: closed ? null : now,
      publishedVersion: closed ? null : nextVersion,
    })
    .where(and(eq(places.municipalityCode, tenant), eq(places.id, id)))
    .returning();
  if (closed)
    await tx
      .delete(placeListings)
      .where(and(eq(placeListings.municipalityCode, tenant), eq(placeListings.id, id)));
  else await writeListing(tx, updated!, now);
  await addRevision(tx, updated!, 'published', actor.accountId, now);
  return presentStaff(updated!, actor, now);
}

export async function returnPlace(
  tx: Tx,
  tenant: string,
  id: string,
  actor: Actor,
  input: { version: number; comment: string },
  now: Date,
) {
  const row = await loadForUpdate(tx, tenant, id);
  assertVersion(row, input.version, actor, now);
  assertAllowed(mayReturn(row));
  const [updated] = await tx
    .update(places)
    .set({
      publication: 'draft',
      version: row.version + 1,
      reviewedAt: now,
      reviewedBy: actor.accountId,
      reviewComment: input.comment,
      submittedAt: null,
      submittedBy: null,
    })
    .where(and(eq(places.municipalityCode, tenant), eq(places.id, id)))
    .returning();
  await addRevision(tx, updated!, 'returned', actor.accountId, now, input.comment);
  return presentStaff(updated!, actor, now);
}

/** Takes the entry off the public directory at once (e.g. the place closed suddenly). */
export async function withdrawPlace(
  tx: Tx,
  tenant: string,
  id: string,
  actor: Actor,
  version: number,
  now: Date,
) {
  const row = await loadForUpdate(tx, tenant, id);
  assertVersion(row, version, actor, now);
  assertAllowed(mayWithdraw(row));
  const [updated] = await tx
    .update(places)
    .set({
      publication: row.publication === 'published' ? 'draft' : row.publication,
      version: row.version + 1,
      publishedAt: null,
      publishedVersion: null,
    })
    .where(and(eq(places.municipalityCode, tenant), eq(places.id, id)))
    .returning();
  await tx
    .delete(placeListings)
    .where(and(eq(placeListings.municipalityCode, tenant), eq(placeListings.id, id)));
  await addRevision(tx, updated!, 'withdrawn', actor.accountId, now);
  return presentStaff(updated!, actor, now);
}

/** "Checked with the place today": no content change, so no new review; the listing shows the date. */
export async function verifyPlace(
  tx: Tx,
  tenant: string,
  id: string,
  actor: Actor,
  input: { version: number; verifiedOn?: string | undefined },
  now: Date,
) {
  const row = await loadForUpdate(tx, tenant, id);
  assertVersion(row, input.version, actor, now);
  const today = isoDateInTokyo(now);
  const verifiedOn = verifiedDate(input.verifiedOn, today);
  const content = { ...row.content, verifiedOn };
  const wasCurrent = row.publishedVersion === row.version;
  const nextVersion = row.version + 1;
  const [updated] = await tx
    .update(places)
    .set({
      content,
      verifiedOn,
      version: nextVersion,
      verificationRemindedOn: null,
      ...(wasCurrent ? { publishedVersion: nextVersion } : {}),
    })
    .where(and(eq(places.municipalityCode, tenant), eq(places.id, id)))
    .returning();
  if (row.publishedAt !== null) {
    const [listing] = await tx
      .select()
      .from(placeListings)
      .where(and(eq(placeListings.municipalityCode, tenant), eq(placeListings.id, id)))
      .for('update');
    if (listing) {
      const verified = { ...listing, verifiedOn, content: { ...listing.content, verifiedOn } };
      await tx
        .update(placeListings)
        .set({ verifiedOn, content: verified.content, ...publicJsonOf(verified) })
        .where(and(eq(placeListings.municipalityCode, tenant), eq(placeListings.id, id)));
    }
  }
  await addRevision(tx, updated!, 'verified', actor.accountId, now);
  return presentStaff(updated!, actor, now);
}
