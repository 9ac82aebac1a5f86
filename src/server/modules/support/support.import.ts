import { and, eq, inArray, sql } from 'drizzle-orm';
import { AGE_GROUPS } from '../../../shared/support-records.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { blindIndex, decryptField, decryptOptional, encryptField } from '../../platform/crypto/fields.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import type { Lang } from '../../platform/errors.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { csvEmpty, decodeCsv, parseCsvOrReject } from '../../platform/text/csv.ts';
import type { SupportContext } from './support.access.ts';
import { IMPORT_EMPTY, IMPORT_REASONS, supportError } from './support.errors.ts';
import { createNote } from './support.notes.ts';
import { createPerson } from './support.persons.ts';
import { invalidRows, mayConfirmImport } from './support.policy.ts';
import type { PersonInput } from './support.schema.ts';
import { ContactPreferences } from './support.schema.ts';
import { normalizeName, SUPPORT_CONTEXTS, supportImports, supportPersons } from './support.tables.ts';

/**
 * Import of an existing Excel/CSV case list (the status quo in most municipalities). Step 1 reads
 * the file (UTF-8 with or without BOM, or Shift_JIS / Windows-31J as Excel writes it), checks every
 * row and keeps the parsed rows encrypted under the import's id: nothing is written to the records.
 * Step 2 applies the preview in one transaction. Rows match existing records on 外部ID, so a
 * re-import updates instead of duplicating.
 */
export const IMPORT_COLUMNS = {
  externalId: ['外部ID', '外部id', 'ケース番号', 'external_id'],
  nickname: ['呼び名', 'ニックネーム', 'nickname'],
  realName: ['氏名', '名前', 'real_name'],
  realNameKana: ['ふりがな', 'フリガナ', 'よみがな', 'real_name_kana'],
  birthDate: ['生年月日', 'birth_date'],
  phone: ['電話番号', '電話', 'phone'],
  email: ['メールアドレス', 'メール', 'email'],
  ageGroup: ['年代', 'age_group'],
  familyOnly: ['家族のみ', 'family_only'],
  leadWorker: ['担当者', '担当者メール', 'lead_worker'],
  lastContactOn: ['最終連絡日', '最終接触日', 'last_contact_on'],
  note: ['備考', 'メモ', 'note'],
} as const;
type Column = keyof typeof IMPORT_COLUMNS;

const reasonOf = (code: string, lang: Lang) => IMPORT_REASONS[code]?.[lang] ?? code;

// ── reading the file ─────────────────────────────────────────────────────────────────────────────

const ERA_START: Record<string, number> = {
  令和: 2018,
  R: 2018,
  平成: 1988,
  H: 1988,
  昭和: 1925,
  S: 1925,
  大正: 1911,
  T: 1911,
};

/** 2026-04-01, 2026/4/1, 2026年4月1日, 令和8年4月1日, R8.4.1, 令和元年… → YYYY-MM-DD (null if not a date). */
function parseDate(input: string): string | null {
  const s = input.normalize('NFKC').trim().replace(/元年/, '1年');
  let y: number;
  let m: number;
  let d: number;
  const western = s.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/);
  const era = s.match(/^(令和|平成|昭和|大正|[RHST])\s*(\d{1,2})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?$/i);
  if (western) [y, m, d] = [Number(western[1]), Number(western[2]), Number(western[3])];
  else if (era)
    [y, m, d] = [ERA_START[era[1]!.toUpperCase()]! + Number(era[2]), Number(era[3]), Number(era[4])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

function parseAgeGroup(input: string): PersonInput['ageGroup'] | null {
  const s = input.normalize('NFKC').trim();
  if (!s) return 'unknown';
  if ((AGE_GROUPS as readonly string[]).includes(s)) return s as PersonInput['ageGroup'];
  if (/^(65|6[5-9])歳?以上$|^65\+$/.test(s)) return '65_plus';
  if (/^60(~|〜|-)64/.test(s)) return '60_64';
  const decade = s.match(/^(\d)0代$/);
  if (!decade) return s === '不明' ? 'unknown' : null;
  const map: Record<string, PersonInput['ageGroup']> = {
    '1': '15_19',
    '2': '20s',
    '3': '30s',
    '4': '40s',
    '5': '50s',
    '6': '60_64',
  };
  return map[decade[1]!] ?? null;
}

function parseFlag(input: string): boolean | null {
  const s = input.normalize('NFKC').trim().toLowerCase();
  if (['', 'いいえ', 'no', 'false', '0', '×', '-'].includes(s)) return false;
  if (['はい', 'yes', 'true', '1', '○', '〇', '◯'].includes(s)) return true;
  return null;
}

export type ImportRow = {
  row: number;
  externalId: string;
  person: PersonInput;
  lastContactOn: string | null;
  note: string;
  leadWorkerEmail: string;
};
export type Problem = { row: number; column: string; code: string };

/** Reads and checks every row; writes nothing. */
export async function parseImport(
  tx: Tx,
  tenant: string,
  bytes: Uint8Array,
  todayIso: string,
): Promise<{ encoding: string; rows: ImportRow[]; problems: Problem[] }> {
  const decoded = decodeCsv(bytes);
  const encoding = decoded.bom ? 'utf-8-bom' : decoded.encoding;
  const csv = parseCsvOrReject(decoded.text);
  // A row of empty cells (",,,") carries nothing, as a blank line does.
  const table = csv.rows.filter((r) => r.some((c) => c.trim() !== ''));
  if (table.length < 2) throw csvEmpty(IMPORT_EMPTY);
  const header = table[0]!.map((h) => h.normalize('NFKC').trim());
  const problems: Problem[] = [];
  const position = new Map<Column, number>();
  header.forEach((h, i) => {
    const column = (Object.keys(IMPORT_COLUMNS) as Column[]).find((c) =>
      (IMPORT_COLUMNS[c] as readonly string[]).some(
        (alias) => alias.normalize('NFKC').toLowerCase() === h.toLowerCase(),
      ),
    );
    if (column && !position.has(column)) position.set(column, i);
    else if (h) problems.push({ row: 0, column: h, code: 'unknown_column' });
  });
  if (!position.has('externalId') || !(position.has('nickname') || position.has('realName')))
    problems.push({ row: 0, column: '外部ID', code: 'missing_column' });

  const workers = new Map(
    (
      await rows<{ id: string; email: string }>(
        tx,
        sql`select id, email from accounts where tenant_code = ${tenant} and status = 'active'`,
      )
    ).map((a) => [a.email.toLowerCase(), a.id]),
  );
  const seen = new Set<string>();
  const parsed: ImportRow[] = [];
  const label = (c: Column) => header[position.get(c) ?? -1] ?? IMPORT_COLUMNS[c][0];
  for (let r = 1; r < table.length; r++) {
    const cells = table[r]!;
    const cell = (c: Column) =>
      position.has(c) ? (cells[position.get(c)!] ?? '').normalize('NFC').trim() : '';
    const rowProblems: Problem[] = [];
    const problem = (c: Column, code: string) => rowProblems.push({ row: r, column: label(c), code });
    const max = (c: Column, n: number) => {
      if (cell(c).length > n) problem(c, 'too_long');
    };
    const externalId = cell('externalId');
    if (!externalId) problem('externalId', 'missing_external_id');
    else if (seen.has(externalId)) problem('externalId', 'duplicate_external_id');
    seen.add(externalId);
    const nickname = cell('nickname') || cell('realName');
    if (!nickname) problem('nickname', 'missing_nickname');
    max('externalId', 100);
    max('nickname', 50);
    max('realName', 100);
    max('realNameKana', 100);
    max('phone', 30);
    max('email', 254);
    max('note', 20_000);
    const birthRaw = cell('birthDate');
    const birthDate = birthRaw ? parseDate(birthRaw) : null;
    if (birthRaw && !birthDate) problem('birthDate', 'invalid_date');
    if (birthDate && birthDate > todayIso) problem('birthDate', 'future_date');
    const contactRaw = cell('lastContactOn');
    const lastContactOn = contactRaw ? parseDate(contactRaw) : null;
    if (contactRaw && !lastContactOn) problem('lastContactOn', 'invalid_date');
    if (lastContactOn && lastContactOn > todayIso) problem('lastContactOn', 'future_date');
    const ageGroup = parseAgeGroup(cell('ageGroup'));
    if (!ageGroup) problem('ageGroup', 'invalid_age_group');
    const familyOnly = parseFlag(cell('familyOnly'));
    if (familyOnly === null) problem('familyOnly', 'invalid_flag');
    const workerEmail = cell('leadWorker').toLowerCase();
    const leadWorkerId = workerEmail ? (workers.get(workerEmail) ?? null) : null;
    if (workerEmail && !leadWorkerId) problem('leadWorker', 'unknown_worker');
    problems.push(...rowProblems);
    if (rowProblems.length > 0) continue;
    const phone = cell('phone');
    const email = cell('email');
    parsed.push({
      row: r,
      externalId,
      leadWorkerEmail: workerEmail,
      person: {
        nickname,
        realName: cell('realName') || null,
        realNameKana: cell('realNameKana') || null,
        birthDate,
        contact: phone || email ? { phone, email, address: '', note: '' } : null,
        ageGroup: ageGroup!,
        familyOnly: familyOnly!,
        contactPreferences: ContactPreferences.parse({}),
        leadWorkerId,
        status: 'active',
      },
      lastContactOn,
      note: cell('note'),
    });
  }
  return { encoding, rows: parsed, problems };
}

// ── preview and apply ─────────────────────────────────────────────────────────────────────────────

type ExistingPerson = typeof supportPersons.$inferSelect;

async function existingByExternalId(tx: Tx, tenant: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, ExistingPerson>();
  const found = await tx
    .select()
    .from(supportPersons)
    .where(and(eq(supportPersons.municipalityCode, tenant), inArray(supportPersons.externalId, ids)));
  return new Map(found.map((p) => [p.externalId!, p]));
}

/** What a re-import would change: only fields the file fills in, and only when they differ. */
function changesFor(ctx: SupportContext, existing: ExistingPerson, row: ImportRow): Partial<PersonInput> {
  const C = SUPPORT_CONTEXTS;
  const keys = ctx.config.dataKeys;
  const changes: Partial<PersonInput> = {};
  const p = row.person;
  if (normalizeName(decryptField(existing.nicknameEncrypted, keys, C.nickname)) !== normalizeName(p.nickname))
    changes.nickname = p.nickname;
  const same = (stored: string | null, context: string, value: string | null) =>
    !value || decryptOptional(stored, keys, context) === value;
  if (!same(existing.realNameEncrypted, C.realName, p.realName)) changes.realName = p.realName;
  if (!same(existing.realNameKanaEncrypted, C.realNameKana, p.realNameKana))
    changes.realNameKana = p.realNameKana;
  if (!same(existing.birthDateEncrypted, C.birthDate, p.birthDate)) changes.birthDate = p.birthDate;
  if (p.contact) {
    const stored = decryptOptional(existing.contactEncrypted, keys, C.contact);
    const current = stored ? (JSON.parse(stored) as { phone: string; email: string }) : null;
    if (!current || current.phone !== p.contact.phone || current.email !== p.contact.email)
      changes.contact = p.contact;
  }
  if (p.ageGroup !== 'unknown' && existing.ageGroup !== p.ageGroup) changes.ageGroup = p.ageGroup;
  if (existing.familyOnly !== p.familyOnly) changes.familyOnly = p.familyOnly;
  if (p.leadWorkerId && existing.leadWorkerId !== p.leadWorkerId) changes.leadWorkerId = p.leadWorkerId;
  return changes;
}

export async function createImport(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  actor: Actor,
  parsed: { encoding: string; rows: ImportRow[]; problems: Problem[] },
  rowCount: number,
) {
  const [row] = await tx
    .insert(supportImports)
    .values({
      municipalityCode: tenant,
      encoding: parsed.encoding,
      rowsEncrypted: encryptField(
        JSON.stringify(parsed.rows),
        ctx.config.dataKeys,
        SUPPORT_CONTEXTS.importRows,
      ),
      problems: parsed.problems,
      rowCount,
      createdBy: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .returning();
  return row!;
}

async function loadImport(tx: Tx, tenant: string, id: string) {
  const [row] = await tx
    .select()
    .from(supportImports)
    .where(and(eq(supportImports.municipalityCode, tenant), eq(supportImports.id, id)));
  if (!row) throw notFound();
  return row;
}

export async function presentImport(tx: Tx, ctx: SupportContext, tenant: string, id: string, lang: Lang) {
  const row = await loadImport(tx, tenant, id);
  const parsed = JSON.parse(
    decryptField(row.rowsEncrypted, ctx.config.dataKeys, SUPPORT_CONTEXTS.importRows),
  ) as ImportRow[];
  const existing = await existingByExternalId(
    tx,
    tenant,
    parsed.map((r) => r.externalId),
  );
  const invalidRows = new Set(row.problems.filter((p) => p.row > 0).map((p) => p.row));
  const preview = parsed.map((r) => {
    const found = existing.get(r.externalId);
    const action = !found ? 'create' : Object.keys(changesFor(ctx, found, r)).length ? 'update' : 'unchanged';
    return {
      row: r.row,
      externalId: r.externalId,
      nickname: r.person.nickname,
      action: action as 'create' | 'update' | 'unchanged',
    };
  });
  return {
    id: row.id,
    status: row.status,
    encoding: row.encoding,
    rowCount: row.rowCount,
    problems: row.problems.map((p) => ({ ...p, reason: reasonOf(p.code, lang) })),
    plan: {
      create: preview.filter((p) => p.action === 'create').length,
      update: preview.filter((p) => p.action === 'update').length,
      unchanged: preview.filter((p) => p.action === 'unchanged').length,
      invalid: invalidRows.size,
    },
    preview: [
      ...preview,
      ...[...invalidRows].map((r) => ({ row: r, externalId: '', nickname: '', action: 'invalid' as const })),
    ].sort((a, b) => a.row - b.row),
    result: row.result ?? null,
  };
}

/** Applies a previewed import in the caller's (single) transaction. */
export async function applyImport(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  actor: Actor,
  id: string,
  skipInvalid: boolean,
): Promise<{ created: string[]; updated: string[]; unchanged: number; skipped: number }> {
  const row = await loadImport(tx, tenant, id);
  const decision = mayConfirmImport({ status: row.status, problems: row.problems, skipInvalid });
  if (!decision.allowed)
    throw decision.reason === 'already_applied'
      ? supportError(409, 'import_already_applied')
      : supportError(422, 'import_has_problems');
  const invalid = invalidRows(row.problems);
  // Claim it first: a second confirm waits on this row and then finds it applied.
  const claimed = await tx
    .update(supportImports)
    .set({ status: 'applied', appliedAt: ctx.clock.now() })
    .where(
      and(
        eq(supportImports.municipalityCode, tenant),
        eq(supportImports.id, id),
        eq(supportImports.status, 'previewed'),
      ),
    )
    .returning({ id: supportImports.id });
  if (claimed.length === 0) throw conflict();
  const parsed = JSON.parse(
    decryptField(row.rowsEncrypted, ctx.config.dataKeys, SUPPORT_CONTEXTS.importRows),
  ) as ImportRow[];
  const existing = await existingByExternalId(
    tx,
    tenant,
    parsed.map((r) => r.externalId),
  );
  const created: string[] = [];
  const updated: string[] = [];
  let unchanged = 0;
  for (const r of parsed) {
    const found = existing.get(r.externalId);
    const contactAt = r.lastContactOn ? new Date(`${r.lastContactOn}T12:00:00+09:00`) : null;
    if (!found) {
      const person = await createPerson(tx, ctx, tenant, actor, {
        person: r.person,
        consents: [],
        fromConsultationId: null,
        externalId: r.externalId,
      });
      if (r.note) {
        await createNote(tx, ctx, actor, person, {
          contactType: 'other',
          occurredAt: (contactAt ?? ctx.clock.now()).toISOString(),
          durationMinutes: null,
          participants: ['consultation_staff'],
          text: `（以前の一覧から取り込んだ備考）\n${r.note}`,
          sensitive: false,
          readableBy: [],
        });
      }
      if (contactAt)
        await tx
          .update(supportPersons)
          .set({ lastContactAt: sql`greatest(${supportPersons.lastContactAt}, ${contactAt})` })
          .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.id, person.id)));
      created.push(person.id);
      continue;
    }
    const changes = changesFor(ctx, found, r);
    if (Object.keys(changes).length === 0) {
      unchanged++;
      continue;
    }
    const C = SUPPORT_CONTEXTS;
    const keys = ctx.config.dataKeys;
    const set: Partial<typeof supportPersons.$inferInsert> = {};
    const idx = (v: string, c: string) => blindIndex(v, keys[0]!, `${c}_index`);
    if (changes.nickname)
      Object.assign(set, {
        nicknameEncrypted: encryptField(changes.nickname, keys, C.nickname),
        nicknameIndex: idx(normalizeName(changes.nickname), C.nickname),
      });
    if (changes.realName)
      Object.assign(set, {
        realNameEncrypted: encryptField(changes.realName, keys, C.realName),
        realNameIndex: idx(normalizeName(changes.realName), C.realName),
      });
    if (changes.realNameKana)
      Object.assign(set, {
        realNameKanaEncrypted: encryptField(changes.realNameKana, keys, C.realNameKana),
        realNameKanaIndex: idx(normalizeName(changes.realNameKana), C.realNameKana),
      });
    if (changes.birthDate)
      Object.assign(set, {
        birthDateEncrypted: encryptField(changes.birthDate, keys, C.birthDate),
        birthDateIndex: idx(changes.birthDate, C.birthDate),
      });
    if (changes.contact) {
      const phone = changes.contact.phone.normalize('NFKC').replace(/\D/g, '');
      Object.assign(set, {
        contactEncrypted: encryptField(JSON.stringify(changes.contact), keys, C.contact),
        phoneIndex: phone ? idx(phone, C.phone) : null,
      });
    }
    if (changes.ageGroup) set.ageGroup = changes.ageGroup;
    if (changes.familyOnly !== undefined) set.familyOnly = changes.familyOnly;
    if (changes.leadWorkerId) set.leadWorkerId = changes.leadWorkerId;
    await tx
      .update(supportPersons)
      .set({
        ...set,
        version: sql`${supportPersons.version} + 1`,
        updatedAt: ctx.clock.now(),
        updatedBy: actor.accountId,
      })
      .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.id, found.id)));
    updated.push(found.id);
  }
  const result = { created: created.length, updated: updated.length, unchanged, skipped: invalid.size };
  await tx
    .update(supportImports)
    .set({ result })
    .where(and(eq(supportImports.municipalityCode, tenant), eq(supportImports.id, id)));
  return { created, updated, unchanged, skipped: invalid.size };
}
