import { and, eq, inArray, sql } from 'drizzle-orm';
import { rolesFor } from '../../../shared/permissions.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { asSystem, inTransaction } from '../../platform/db/tenant.ts';
import type { DueJob } from '../../platform/jobs/due.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import type { KeyedStaffAlertTemplate } from '../../platform/outbox/staff-alerts.ts';
import { listAccounts } from '../accounts/index.ts';
import { verificationCutoff } from './places.content.ts';
import { places } from './places.tables.ts';

export const placesVerificationDueAlert: KeyedStaffAlertTemplate = {
  key: 'places.verification-due',
  subject: '【つながり】掲載内容の確認をお願いします',
  lead: '半年以上確認されていない掲載があります。施設に内容を確かめて、確認日を記録してください。',
};

/**
 * Entries nobody has checked for six months may be out of date (a 居場所 that moved or closed sends a
 * person who finally went out to a locked door). Once a day the reviewers of each municipality with
 * such entries get one alert (no content: a link to the list); each entry is reminded once until it
 * is verified again.
 */
export const placesVerificationReminderJob: DueJob = {
  name: 'places.verification-reminder',
  async run({ db, config, clock }) {
    const now = clock.now();
    const cutoff = verificationCutoff(now);
    const tenants = await asSystem(db, (tx) =>
      rows<{ municipality_code: string }>(
        tx,
        sql`select distinct municipality_code from places
            where status <> 'closed' and published_at is not null
              and (verified_on is null or verified_on < ${cutoff}) and verification_reminded_on is null`,
      ),
    );
    let processed = 0;
    const reviewerRoles: readonly string[] = rolesFor('places.review');
    for (const { municipality_code: tenant } of tenants) {
      processed += await inTransaction(db, { tenant }, async (tx) => {
        const due = await placesDueForVerification(tx, tenant, now);
        if (due.length === 0) return 0;
        const staff = await listAccounts(tx, { status: 'active', limit: 200 });
        const recipients = staff.items.filter((a) => a.roles.some((r) => reviewerRoles.includes(r)));
        for (const account of recipients) {
          await enqueueMessage(
            tx,
            { clock, config },
            {
              kind: 'staff_alert',
              municipalityCode: tenant,
              recipient: account.email,
              templateKey: 'places.verification-due',
              linkPath: '/console/places/stale',
              idempotencyKey: `places.verification-due:${account.id}:${isoDateInTokyo(now)}`,
            },
          );
        }
        await markReminded(
          tx,
          tenant,
          due.map((d) => d.id),
          now,
        );
        return due.length;
      });
    }
    return { processed };
  },
};

/** Published, not closed, last verified before the cutoff (or never), and not yet reminded since. */
async function placesDueForVerification(tx: Tx, tenant: string, now: Date) {
  const cutoff = verificationCutoff(now);
  return rows<{ id: string; municipality_code: string }>(
    tx,
    sql`select id, municipality_code from places
        where municipality_code = ${tenant} and status <> 'closed' and published_at is not null
          and (verified_on is null or verified_on < ${cutoff})
          and verification_reminded_on is null`,
  );
}

async function markReminded(tx: Tx, tenant: string, ids: string[], now: Date) {
  if (ids.length === 0) return;
  await tx
    .update(places)
    .set({ verificationRemindedOn: isoDateInTokyo(now) })
    .where(and(eq(places.municipalityCode, tenant), inArray(places.id, ids)));
}
