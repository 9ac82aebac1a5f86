import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import {
  conferenceItems,
  conferenceMembers,
  conferenceMinutes,
  conferences,
  referralEvents,
  referrals,
} from './agencies.tables.ts';

/** What the retention purge (rights) removes of agencies' records: they run as the owner, not the app role. */

/** Retention purge (runs as the owner): removes a person's referrals and conference items about them. */
export async function purgePersonSharing(tx: Tx, tenant: string, personIds: string[]) {
  const refs = await tx
    .delete(referrals)
    .where(and(eq(referrals.municipalityCode, tenant), inArray(referrals.personId, personIds)))
    .returning({ id: referrals.id });
  const events =
    refs.length === 0
      ? []
      : await tx
          .delete(referralEvents)
          .where(
            and(
              eq(referralEvents.municipalityCode, tenant),
              inArray(
                referralEvents.referralId,
                refs.map((r) => r.id),
              ),
            ),
          )
          .returning({ id: referralEvents.id });
  const items = await tx
    .delete(conferenceItems)
    .where(and(eq(conferenceItems.municipalityCode, tenant), inArray(conferenceItems.personId, personIds)))
    .returning({ id: conferenceItems.id });
  // The person no longer appears among a conference's cases.
  for (const id of personIds)
    await tx.execute(
      sql`update conferences set person_ids = array_remove(person_ids, ${id}::uuid) where municipality_code = ${tenant} and ${id}::uuid = any(person_ids)`,
    );
  return { referrals: refs.length, referral_events: events.length, conference_items: items.length };
}

/** Conferences held before `before` (YYYY-MM-DD): their minutes and items reach retention. */
export async function conferencesHeldBefore(tx: Tx, tenant: string, before: string) {
  const found = await tx
    .select({ id: conferences.id })
    .from(conferences)
    .where(and(eq(conferences.municipalityCode, tenant), sql`${conferences.heldOn} < ${before}::date`));
  return found.map((c) => c.id);
}

export async function purgeConference(tx: Tx, tenant: string, id: string) {
  const items = await tx
    .delete(conferenceItems)
    .where(and(eq(conferenceItems.municipalityCode, tenant), eq(conferenceItems.conferenceId, id)))
    .returning({ id: conferenceItems.id });
  const members = await tx
    .delete(conferenceMembers)
    .where(and(eq(conferenceMembers.municipalityCode, tenant), eq(conferenceMembers.conferenceId, id)))
    .returning({ id: conferenceMembers.id });
  const minutes = await tx
    .delete(conferenceMinutes)
    .where(and(eq(conferenceMinutes.municipalityCode, tenant), eq(conferenceMinutes.conferenceId, id)))
    .returning({ id: conferenceMinutes.id });
  const c = await tx
    .delete(conferences)
    .where(and(eq(conferences.municipalityCode, tenant), eq(conferences.id, id)))
    .returning({ id: conferences.id });
  return {
    conferences: c.length,
    conference_items: items.length,
    conference_members: members.length,
    conference_minutes: minutes.length,
  };
}
