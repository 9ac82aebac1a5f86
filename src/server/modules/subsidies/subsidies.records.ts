import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { formatWareki } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, decryptOptional, encryptField } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/list.ts';
import { groupCode, normalizeCode, randomCode } from '../../platform/text/codes.ts';
import { foldForSearch, searchTokens } from '../../platform/text/search.ts';
import { authorize, type SubsidyAction } from './subsidies.policy.ts';
import {
  type SubsidyEncryptedField,
  subsidyApplications,
  subsidyClaims,
  subsidyContext,
  subsidyProgrammes,
} from './subsidies.tables.ts';

/**
 * What the subsidy's use-case files share: the records looked up by id (always within the tenant),
 * the encrypted personal fields, the receipt number, and the paging of the lists filtered in memory.
 */

export type SubsidyContext = { clock: Clock; config: Pick<Config, 'dataKeys' | 'publicUrl'> };

export type ProgrammeRow = typeof subsidyProgrammes.$inferSelect;
export type ApplicationRow = typeof subsidyApplications.$inferSelect;
export type ClaimRow = typeof subsidyClaims.$inferSelect;

// ── codes ─────────────────────────────────────────────────────────────────────────────────────

/** The 受付番号: 12 characters (platform/text/codes.ts), shown and stored as `ABCD-EFGH-JKMN`. */
const RECEIPT_LENGTH = 12;

export function newReceiptNumber(): string {
  return groupCode(randomCode(RECEIPT_LENGTH));
}

/** `abcd efgh-ijkl` → `ABCD-EFGH-1JK1`; null when it cannot be a receipt number. */
export function normalizeReceiptNumber(input: string): string | null {
  const canonical = normalizeCode(input, RECEIPT_LENGTH);
  return canonical ? groupCode(canonical) : null;
}

// ── encryption helpers ────────────────────────────────────────────────────────────────────────

type Keys = Pick<SubsidyContext, 'config'>;
export const seal = (ctx: Keys, field: SubsidyEncryptedField, id: string, value: string) =>
  encryptField(value, ctx.config.dataKeys, subsidyContext(field, id));
export const open = (ctx: Keys, field: SubsidyEncryptedField, id: string, value: string) =>
  decryptField(value, ctx.config.dataKeys, subsidyContext(field, id));
export const openOptional = (ctx: Keys, field: SubsidyEncryptedField, id: string, value: string | null) =>
  decryptOptional(value, ctx.config.dataKeys, subsidyContext(field, id));

const PersonalShape = z.object({
  applicant: z.object({ name: z.string(), nameKana: z.string() }),
  person: z.object({ name: z.string(), nameKana: z.string() }).nullable(),
  contact: z.object({
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
  }),
});
export type Personal = z.infer<typeof PersonalShape>;

/** The application's names and contact, decrypted. */
export const personalOf = (ctx: Keys, a: Pick<ApplicationRow, 'id' | 'personalEncrypted'>): Personal =>
  PersonalShape.parse(JSON.parse(open(ctx, 'personal', a.id, a.personalEncrypted)));

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const monthLabel = (month: string | null) => {
  if (!month) return null;
  return formatWareki(new Date(`${month}-15T00:00:00+09:00`)).replace(/\d+日$/, '');
};

// ── records by id, within the tenant (another tenant's id answers 404 like a missing one, decision 0002) ──

export async function programmeRow(tx: Tx, tenant: string, id: string, lock = false): Promise<ProgrammeRow> {
  const query = tx
    .select()
    .from(subsidyProgrammes)
    .where(and(eq(subsidyProgrammes.municipalityCode, tenant), eq(subsidyProgrammes.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

export async function applicationRow(
  tx: Tx,
  tenant: string,
  id: string,
  lock = false,
): Promise<ApplicationRow> {
  const query = tx
    .select()
    .from(subsidyApplications)
    .where(and(eq(subsidyApplications.municipalityCode, tenant), eq(subsidyApplications.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

export async function claimRow(tx: Tx, tenant: string, id: string): Promise<ClaimRow> {
  const [row] = await tx
    .select()
    .from(subsidyClaims)
    .where(and(eq(subsidyClaims.municipalityCode, tenant), eq(subsidyClaims.id, id)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

export const presentClaim = (c: ClaimRow) => ({
  id: c.id,
  tripMonth: c.tripMonth,
  fiscalYear: c.fiscalYear,
  tripCount: c.tripCount,
  // Claims entered before the report was kept as reported: the report was the covered amount.
  reportedYen: c.reportedYen ?? c.claimedYen,
  claimedYen: c.claimedYen,
  status: c.status,
  confirmedYen: c.confirmedYen,
  confirmedOn: c.confirmedOn,
  confirmedBy: c.confirmedBy,
  paidOn: c.paidOn,
});

/** The claim as it now stands, presented (after a write in the same transaction). */
export async function presentClaimById(tx: Tx, tenant: string, id: string) {
  const [row] = await tx
    .select()
    .from(subsidyClaims)
    .where(and(eq(subsidyClaims.municipalityCode, tenant), eq(subsidyClaims.id, id)));
  if (!row) throw notFound();
  return presentClaim(row);
}

export async function claimsOf(tx: Tx, tenant: string, applicationId: string) {
  const rows = await tx
    .select()
    .from(subsidyClaims)
    .where(and(eq(subsidyClaims.municipalityCode, tenant), eq(subsidyClaims.applicationId, applicationId)))
    .orderBy(asc(subsidyClaims.tripMonth), asc(subsidyClaims.createdAt));
  return rows.map(presentClaim);
}

// ── the checks every write makes ──────────────────────────────────────────────────────────────

/** The record-dependent rules of subsidies.policy.ts (the route has already checked the permission). */
export function mustBeAllowed(actor: Actor, action: SubsidyAction, record: { enteredBy?: string | null }) {
  const result = authorize(actor, action, record);
  if (result.allowed) return;
  throw result.reason === 'four_eyes'
    ? new AppError(403, 'subsidy_four_eyes')
    : new AppError(403, 'forbidden');
}

export function bumpVersion(a: ApplicationRow, version: number) {
  if (a.version !== version) throw conflict({ currentVersion: a.version });
}

// ── lists ─────────────────────────────────────────────────────────────────────────────────────

export const ListCursor = z.object({ s: z.string(), i: z.uuid() });

/** Pages of a list filtered and ordered in memory: an offset, not a key (the order is not a column). */
const OffsetCursor = z.object({ o: z.number().int().min(0) });
export function offsetPage<T>(items: T[], query: { limit: number; cursor?: string | undefined }) {
  const offset = decodeCursor(query.cursor, OffsetCursor)?.o ?? 0;
  const next = offset + query.limit;
  return {
    items: items.slice(offset, next),
    total: items.length,
    nextCursor: next < items.length ? encodeCursor({ o: next }) : null,
  };
}

/** Whether every word of `q` is part of one of `names`, folded alike (kana script, width, 異体字). */
export function matchesWords(q: string, names: string[]): boolean {
  const tokens = searchTokens(q);
  const folded = names.map((n) => foldForSearch(n).replace(/\s+/g, ''));
  return tokens.every((t) => folded.some((n) => n.includes(t.text.replace(/\s+/g, ''))));
}

export const collator = new Intl.Collator('ja');
