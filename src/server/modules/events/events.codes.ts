import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { groupCode, normalizeCode, randomCode } from '../../platform/text/codes.ts';
import type { EventRow, RegistrationRow } from './events.present.ts';
import { eventRegistrations } from './events.tables.ts';

// ── private link tokens ─────────────────────────────────────────────────────────────────────────────

/**
 * `<tenant>-<32 base64url characters>` (192 random bits). The tenant part lets the lookup run in that
 * tenant's transaction (row-level security); only a SHA-256 of the random part is stored.
 */
const TOKEN_FORMAT = /^(\d{6})-([A-Za-z0-9_-]{32})$/;

export function newRegistrationToken(tenant: string): string {
  return `${tenant}-${randomBytes(24).toString('base64url')}`;
}

export function tokenHash(tenant: string, secret: string): string {
  return createHash('sha256').update(`tsunagari/events.registration/${tenant}/${secret}`).digest('hex');
}

export function parseRegistrationToken(token: string): { tenant: string; hash: string } | null {
  const match = TOKEN_FORMAT.exec(token.trim());
  if (!match) return null;
  return { tenant: match[1]!, hash: tokenHash(match[1]!, match[2]!) };
}

// ── 受付番号 and cancel code ─────────────────────────────────────────────────────────────────────────

/**
 * A registration also gets a 受付番号 (8 characters, not secret) and a short cancel code (取り消し番号,
 * 8 characters, 40 random bits) that together open it on the event's cancel page, for a person who
 * cannot copy a 60-character link. The code is stored only as a SHA-256 salted by tenant and 受付番号;
 * guessing online is bounded by the public form rate limit and by needing the right event and 受付番号.
 * What the pair opens is the same as the link: the seats and their cancelling, never the contact.
 */
export const REGISTRATION_CODE_LENGTH = 8;

export function newRegistrationCodes(): { receiptNumber: string; cancelCode: string } {
  return {
    receiptNumber: groupCode(randomCode(REGISTRATION_CODE_LENGTH)),
    cancelCode: groupCode(randomCode(REGISTRATION_CODE_LENGTH)),
  };
}

export function cancelCodeHash(tenant: string, receiptNumber: string, canonicalCode: string): string {
  return createHash('sha256')
    .update(`tsunagari/events.cancel-code/${tenant}/${receiptNumber}/${canonicalCode}`)
    .digest('hex');
}

export async function receiptNumberTaken(tx: Tx, tenant: string, receiptNumber: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.municipalityCode, tenant),
        eq(eventRegistrations.receiptNumber, receiptNumber),
      ),
    );
  return row !== undefined;
}

/** The registration a 受付番号 and cancel code open, for this event only; null for any miss. */
export async function registrationByCode(
  tx: Tx,
  event: EventRow,
  receiptInput: string,
  codeInput: string,
): Promise<{ registration: RegistrationRow; event: EventRow } | null> {
  const receipt = normalizeCode(receiptInput, REGISTRATION_CODE_LENGTH);
  const code = normalizeCode(codeInput, REGISTRATION_CODE_LENGTH);
  if (!receipt || !code) return null;
  const receiptNumber = groupCode(receipt);
  const [registration] = await tx
    .select()
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.municipalityCode, event.municipalityCode),
        eq(eventRegistrations.eventId, event.id),
        eq(eventRegistrations.receiptNumber, receiptNumber),
      ),
    );
  if (!registration?.cancelCodeHash) return null;
  const expected = Buffer.from(registration.cancelCodeHash, 'hex');
  const given = Buffer.from(cancelCodeHash(event.municipalityCode, receiptNumber, code), 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { registration, event };
}
