import { sql } from 'drizzle-orm';
import { withHonorific } from '../../../shared/text/honorific.ts';
import type { CalendarSource } from '../../platform/access/calendar.ts';
import { decryptField } from '../../platform/crypto/fields.ts';
import { rows } from '../../platform/db/client.ts';
import { SUPPORT_CONTEXTS } from './support.tables.ts';

type Due = { id: string; nickname_encrypted: string; due_on: string };

/**
 * The caller's own caseload on the calendar: planned contacts (次回の連絡予定) and plan reviews. Only
 * persons the caller leads, as on the home page; the nickname is opened for the title.
 */
const dueOf =
  (
    kind: 'support.contact' | 'support.review',
    column: 'next_contact_on' | 'next_review_on',
  ): CalendarSource['entries'] =>
  async (tx, { actor, tenant, from, to, config }) => {
    const found = await rows<Due>(
      tx,
      sql`select id, nickname_encrypted, ${sql.raw(column)}::text as due_on from support_persons
          where municipality_code = ${tenant} and status = 'active' and lead_worker_id = ${actor.accountId}
            and ${sql.raw(column)} between ${from}::date and ${to}::date
          order by ${sql.raw(column)}, id`,
    );
    return found.map((p) => ({
      kind,
      date: p.due_on,
      start: null,
      end: null,
      title: withHonorific(decryptField(p.nickname_encrypted, config.dataKeys, SUPPORT_CONTEXTS.nickname)),
      href: `/console/support/persons/${p.id}`,
    }));
  };

export const supportCalendar: CalendarSource[] = [
  {
    kind: 'support.contact',
    permission: 'support.read',
    needsTenant: true,
    entries: dueOf('support.contact', 'next_contact_on'),
  },
  {
    kind: 'support.review',
    permission: 'support.read',
    needsTenant: true,
    entries: dueOf('support.review', 'next_review_on'),
  },
];
