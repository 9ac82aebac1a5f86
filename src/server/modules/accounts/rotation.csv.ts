import type { RotationCsvPreview } from '../../../shared/contracts/accounts.ts';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/roles.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { csvEmpty, decodeCsv, parseCsvOrReject } from '../../platform/text/csv.ts';
import { ROTATION_CSV_TEXT } from './accounts.errors.ts';
import { grantableRoles } from './accounts.policy.ts';
import { accounts } from './accounts.tables.ts';

/**
 * An April rotation written as a spreadsheet (issue 22): one line per account, read in the encodings
 * Excel writes (the platform's one CSV decoder: UTF-8 with or without BOM, Shift_JIS). Every line is
 * checked and every problem is listed with its line number; nothing is written — the plan the file
 * asks for is handed back to be previewed and confirmed like one entered on the page.
 *
 *   メールアドレス,役割,担当の引き継ぎ先,無効にする
 *   sato@city.example.jp,相談支援員・就労支援担当,,
 *   suzuki@city.example.jp,,tanaka@city.example.jp,はい
 */
export const ROTATION_CSV_COLUMNS = {
  email: ['メールアドレス', 'メール', 'email'],
  roles: ['役割', '新しい役割', '変更後の役割', 'roles'],
  successor: ['担当の引き継ぎ先', '引き継ぎ先', '引き継ぎ先のメールアドレス', 'successor'],
  disable: ['無効にする', '無効化', 'disable'],
  /** For the reader of the spreadsheet only (not used: the e-mail address identifies the account). */
  name: ['氏名', '名前', '表示名', '備考', 'name', 'note'],
} as const;
type Column = keyof typeof ROTATION_CSV_COLUMNS;

type Reason = { ja: string; en: string };
type Problem = RotationCsvPreview['problems'][number];

const MAX_ROWS = 500;

const normalize = (s: string) => s.normalize('NFKC').trim();

/** A role by its Japanese label (as on the accounts pages) or its code. */
const ROLE_BY_NAME = new Map<string, Role>(
  ROLES.flatMap((role) => [
    [normalize(ROLE_LABELS[role].ja), role] as const,
    [role, role] as const,
    [normalize(ROLE_LABELS[role].en).toLowerCase(), role] as const,
  ]),
);

function parseFlag(value: string): boolean | null {
  const v = normalize(value).toLowerCase();
  if (['', 'いいえ', '0', 'false', 'no', '×', '-'].includes(v)) return false;
  if (['はい', '1', 'true', 'yes', '○', '〇', '◯', 'する'].includes(v)) return true;
  return null;
}

/** Reads and checks the file in the caller's tenant transaction; writes nothing. */
export async function parseRotationCsv(tx: Tx, actor: Actor, bytes: Uint8Array): Promise<RotationCsvPreview> {
  const decoded = decodeCsv(bytes);
  const encoding = decoded.bom ? 'utf-8-bom' : decoded.encoding;
  const csv = parseCsvOrReject(decoded.text);
  // A line of empty cells (",,,") carries nothing, as a blank line does.
  const kept = csv.rows.map((_, i) => i).filter((i) => csv.rows[i]!.some((c) => c.trim() !== ''));
  if (kept.length < 2) throw csvEmpty(ROTATION_CSV_TEXT.empty);
  const table = kept.map((i) => csv.rows[i]!);
  const lineOf = kept.map((i) => csv.lines[i]!);
  const headerLine = lineOf[0]!;
  const problems: Problem[] = [];
  const problem = (line: number, column: string, reason: Reason) => problems.push({ line, column, reason });

  const header = table[0]!.map((h) => normalize(h.replace(/^\ufeff/, '')));
  const position = new Map<Column, number>();
  header.forEach((h, i) => {
    const column = (Object.keys(ROTATION_CSV_COLUMNS) as Column[]).find((c) =>
      (ROTATION_CSV_COLUMNS[c] as readonly string[]).some(
        (alias) => normalize(alias).toLowerCase() === h.toLowerCase(),
      ),
    );
    if (column && !position.has(column)) position.set(column, i);
    else if (h) problem(headerLine, h, ROTATION_CSV_TEXT.unknownColumn(h));
  });
  if (!position.has('email')) problem(headerLine, 'メールアドレス', ROTATION_CSV_TEXT.emailColumnMissing);
  if (!position.has('roles') && !position.has('successor') && !position.has('disable'))
    problem(headerLine, '役割', ROTATION_CSV_TEXT.changeColumnMissing);
  if (table.length - 1 > MAX_ROWS)
    problem(lineOf[MAX_ROWS + 1]!, '', ROTATION_CSV_TEXT.tooManyLines(MAX_ROWS));
  if (problems.length > 0) return { encoding, rowCount: table.length - 1, problems, plan: null };

  // The tenant's accounts (row-level security: the caller's tenant only).
  const known = new Map(
    (await tx.select({ id: accounts.id, email: accounts.email, status: accounts.status }).from(accounts)).map(
      (a) => [a.email.toLowerCase(), a],
    ),
  );
  const grantable = grantableRoles(actor);
  const label = (c: Column) => header[position.get(c) ?? -1] ?? ROTATION_CSV_COLUMNS[c][0];

  type Line = {
    line: number;
    accountId: string;
    roles: Role[] | null;
    successor: string | null;
    disable: boolean;
  };
  const lines: Line[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < table.length; r++) {
    const cells = table[r]!;
    const line = lineOf[r]!;
    const cell = (c: Column) => (position.has(c) ? normalize(cells[position.get(c)!] ?? '') : '');
    const before = problems.length;
    const at = (c: Column, reason: Reason) => problem(line, label(c), reason);

    const email = cell('email').toLowerCase();
    const account = email ? known.get(email) : undefined;
    if (!email) at('email', ROTATION_CSV_TEXT.emailMissing);
    else if (!account) at('email', ROTATION_CSV_TEXT.noAccount(email));
    else if (account.status !== 'active') at('email', ROTATION_CSV_TEXT.alreadyDisabled(email));
    else if (account.id === actor.accountId && parseFlag(cell('disable')))
      at('disable', ROTATION_CSV_TEXT.disableSelf);
    if (email && seen.has(email)) at('email', ROTATION_CSV_TEXT.duplicateEmail(seen.get(email)));
    if (email && !seen.has(email)) seen.set(email, line);

    const rolesRaw = cell('roles');
    let roles: Role[] | null = null;
    if (rolesRaw) {
      const names = rolesRaw.split(/[、，,・／/;；\s]+/).filter(Boolean);
      const unknown = names.filter((n) => !ROLE_BY_NAME.has(n) && !ROLE_BY_NAME.has(n.toLowerCase()));
      const found = names.flatMap((n) => ROLE_BY_NAME.get(n) ?? ROLE_BY_NAME.get(n.toLowerCase()) ?? []);
      const refused = [...new Set(found)].filter((role) => !grantable.includes(role));
      if (unknown.length > 0) at('roles', ROTATION_CSV_TEXT.unknownRole(unknown, grantable));
      else if (refused.length > 0) at('roles', ROTATION_CSV_TEXT.roleOutsideScope(refused));
      else roles = [...new Set(found)].sort();
    }

    const successorEmail = cell('successor').toLowerCase();
    const successor = successorEmail ? known.get(successorEmail) : undefined;
    if (successorEmail && !successor) at('successor', ROTATION_CSV_TEXT.noSuccessor(successorEmail));
    else if (successor && successor.status !== 'active')
      at('successor', ROTATION_CSV_TEXT.successorDisabled(successorEmail));
    else if (successor && successorEmail === email) at('successor', ROTATION_CSV_TEXT.handsOverToItself);

    const disable = parseFlag(cell('disable'));
    if (disable === null) at('disable', ROTATION_CSV_TEXT.disableFlag);
    if (problems.length === before && !roles && !successor && !disable)
      problem(line, label('email'), ROTATION_CSV_TEXT.nothingToChange);
    if (problems.length === before && account)
      lines.push({
        line,
        accountId: account.id,
        roles,
        successor: successor?.id ?? null,
        disable: !!disable,
      });
  }

  // Across lines: nobody hands over to an account this file disables.
  const disabled = new Map(lines.filter((l) => l.disable).map((l) => [l.accountId, l.line]));
  for (const l of lines) {
    if (l.successor && disabled.has(l.successor))
      problem(
        l.line,
        label('successor'),
        ROTATION_CSV_TEXT.successorDisabledOnLine(disabled.get(l.successor)),
      );
  }
  problems.sort((a, b) => a.line - b.line);
  if (problems.length > 0) return { encoding, rowCount: table.length - 1, problems, plan: null };
  return {
    encoding,
    rowCount: table.length - 1,
    problems,
    plan: {
      roleChanges: lines.flatMap((l) => (l.roles ? [{ accountId: l.accountId, roles: l.roles }] : [])),
      disable: lines.filter((l) => l.disable).map((l) => l.accountId),
      caseloadTransfers: lines.flatMap((l) =>
        l.successor ? [{ fromAccountId: l.accountId, toAccountId: l.successor }] : [],
      ),
    },
  };
}
