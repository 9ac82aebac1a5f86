import iconv from 'iconv-lite';
import { AppError, registerErrorMessages } from '../errors.ts';

/**
 * CSV as spreadsheets write it (RFC 4180: quoted fields, doubled quotes, CRLF or LF, newlines inside
 * quotes), in UTF-8 with or without a BOM or in Shift_JIS (Windows' CP932, which Excel uses in Japan).
 */
/** `bom`: the file began with a UTF-8 byte-order mark (Excel's 「CSV UTF-8」 writes one). */
export type DecodedText = { text: string; encoding: 'utf-8' | 'shift_jis'; bom: boolean };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeCsv(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: utf8.decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    // Not valid UTF-8: the other encoding spreadsheets in Japan produce.
    return { text: iconv.decode(Buffer.from(bytes), 'cp932'), encoding: 'shift_jis', bom: false };
  }
}

/** `lines[i]`: the line of the file on which `rows[i]` begins (1-based), for messages such as 「3 行目」. */
export type CsvParseResult = { rows: string[][]; lines: number[]; error: { line: number } | null };

export function parseCsv(text: string): CsvParseResult {
  const rows: string[][] = [];
  const starts: number[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let fieldStartLine = 1;
  let rowStartLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      fieldStartLine = line;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      starts.push(rowStartLine);
      row = [];
      field = '';
      line++;
      rowStartLine = line;
    } else field += ch;
  }
  if (quoted) return { rows, lines: starts, error: { line: fieldStartLine } };
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
    starts.push(rowStartLine);
  }
  // Blank lines (a lone empty field) carry nothing.
  const kept = rows.map((_, i) => i).filter((i) => !(rows[i]!.length === 1 && rows[i]![0]!.trim() === ''));
  return { rows: kept.map((i) => rows[i]!), lines: kept.map((i) => starts[i]!), error: null };
}

const needsQuotes = /[",\r\n]/;

/**
 * A cell a spreadsheet would read as a formula (or DDE command) when the file is opened: text that
 * begins with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP "CSV Injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | bigint | null | undefined;

/**
 * One cell as written. Text that could start a formula gets a leading single quote (OWASP), so
 * `=HYPERLINK(…)` sent by a member of the public arrives in a spreadsheet as text. Values typed as
 * numbers are written as they are: `-5000` (a negative balance) is a number to every spreadsheet, not
 * a formula, and only text can carry one. The same digits as a string are neutralised like any text.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (typeof value === 'number' || typeof value === 'bigint') {
    s = String(value);
    if (typeof value === 'number' && !Number.isFinite(value)) s = `'${s}`;
  } else {
    s = String(value);
    if (FORMULA_START.test(s)) s = `'${s}`;
  }
  return needsQuotes.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The one CSV writer of the server (RFC 4180, CRLF): every export goes through it, so every cell is
 * neutralised against formula injection (see csvCell).
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return rows
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/** UTF-8 with a BOM, so that Excel opens the open-data file as UTF-8. */
export const withBom = (text: string): string => `\ufeff${text}`;

/**
 * The two answers every CSV import gives before it looks at a single row (support's case list,
 * the places directory, the April rotation): one pair of codes, so the console maps one code and the
 * wording cannot drift between imports. An import adds its own detail (which columns, how many rows).
 */
registerErrorMessages({
  csv_unreadable: {
    title: { ja: 'ファイルを読み取れません', en: 'The file cannot be read' },
    detail: { ja: 'CSV の形が崩れています。', en: 'The CSV is malformed.' },
  },
  csv_empty: {
    title: { ja: 'ファイルに行がありません', en: 'The file has no rows' },
    detail: {
      ja: '1 行目に見出し、2 行目から 1 行に 1 件を書いてください。',
      en: 'Put headers on line 1 and one entry per line after it.',
    },
  },
});

/** 400 `csv_unreadable`; without a detail, the catalogue's 「CSV の形が崩れています」. */
export const csvUnreadable = (detail?: { ja: string; en: string }) =>
  new AppError(400, 'csv_unreadable', detail ? { detail } : {});

/** 400 `csv_empty`: no data row under the header; the import may say what the header should hold. */
export const csvEmpty = (detail?: { ja: string; en: string }) =>
  new AppError(400, 'csv_empty', detail ? { detail } : {});

/** parseCsv for an import: a quote left open is a 400 `csv_unreadable` naming its line. */
export function parseCsvOrReject(text: string): Omit<CsvParseResult, 'error'> {
  const csv = parseCsv(text);
  if (csv.error)
    throw csvUnreadable({
      ja: `${csv.error.line} 行目で始まる引用符（"）が閉じていません。`,
      en: `The quote (") opened on line ${csv.error.line} is never closed.`,
    });
  return { rows: csv.rows, lines: csv.lines };
}
