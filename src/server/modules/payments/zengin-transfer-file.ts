import iconv from 'iconv-lite';
import { isBankKana, toBankKana } from '../../../shared/bank-kana.ts';

/**
 * 全銀協 総合振込 (general transfer) file writer — pure code, no database.
 *
 * Fixed-length records of exactly 120 bytes in Shift_JIS (BRIEF "Domain facts"): one header (`1`),
 * one data record (`2`) per transfer, one trailer (`8`) and one end record (`9`). Text fields carry
 * the bank character set only (half-width katakana, A–Z, 0–9, space and `( ) - .`), which is one byte
 * per character in Shift_JIS, so character positions below are byte positions. N fields are
 * right-aligned and zero-filled; C fields are left-aligned and space-filled.
 *
 * Header record (データ区分 1)
 * | pos     | len | type | field                               | value here                         |
 * |---------|-----|------|-------------------------------------|------------------------------------|
 * | 1       | 1   | N    | データ区分                           | `1`                                |
 * | 2–3     | 2   | N    | 種別コード                           | `21` 総合振込                       |
 * | 4       | 1   | N    | コード区分                           | `0` Shift_JIS (JIS)                |
 * | 5–14    | 10  | N    | 委託者コード                         | configuration                      |
 * | 15–54   | 40  | C    | 委託者名                             | configuration                      |
 * | 55–58   | 4   | N    | 取組日 (MMDD)                        | transfer date                      |
 * | 59–62   | 4   | N    | 仕向銀行番号                         | configuration                      |
 * | 63–77   | 15  | C    | 仕向銀行名                           | configuration (may be blank)       |
 * | 78–80   | 3   | N    | 仕向支店番号                         | configuration                      |
 * | 81–95   | 15  | C    | 仕向支店名                           | configuration (may be blank)       |
 * | 96      | 1   | N    | 預金種目 (依頼人)                    | configuration                      |
 * | 97–103  | 7   | N    | 口座番号 (依頼人)                    | configuration                      |
 * | 104–120 | 17  | C    | ダミー                               | spaces                             |
 *
 * Data record (データ区分 2)
 * | pos     | len | type | field                               | value here                         |
 * |---------|-----|------|-------------------------------------|------------------------------------|
 * | 1       | 1   | N    | データ区分                           | `2`                                |
 * | 2–5     | 4   | N    | 被仕向銀行番号                       | line                               |
 * | 6–20    | 15  | C    | 被仕向銀行名                         | line (may be blank)                |
 * | 21–23   | 3   | N    | 被仕向支店番号                       | line                               |
 * | 24–38   | 15  | C    | 被仕向支店名                         | line (may be blank)                |
 * | 39–42   | 4   | N    | 手形交換所番号                       | spaces (unused)                    |
 * | 43      | 1   | N    | 預金種目                             | 1 普通, 2 当座, 4 貯蓄, 9 その他     |
 * | 44–50   | 7   | N    | 口座番号                             | line                               |
 * | 51–80   | 30  | C    | 受取人名                             | line, converted by `toBankKana`    |
 * | 81–90   | 10  | N    | 振込金額                             | line (yen)                         |
 * | 91      | 1   | N    | 新規コード                           | `0` (1 first time, 2 changed)      |
 * | 92–101  | 10  | N    | 顧客コード1                          | line (our reference) or spaces     |
 * | 102–111 | 10  | N    | 顧客コード2                          | line or spaces                     |
 * | 112     | 1   | C    | 振込指定区分                         | `7` テレ振込                        |
 * | 113     | 1   | C    | 識別表示                             | space (no EDI information)         |
 * | 114–120 | 7   | C    | ダミー                               | spaces                             |
 *
 * 顧客コード1/2 are N fields in the published layout: up to 10 digits, right-aligned and zero-filled, or
 * the whole field spaces when there is none (they become 20 characters of EDI情報 only when 識別表示 is
 * `Y`, which this writer never sets). A bank viewer counts anything else ("000001    ") as an error.
 *
 * Trailer record (データ区分 8): 合計件数 N6 at 2–7, 合計金額 N12 at 8–19, spaces to 120 (BRIEF).
 * End record (データ区分 9): `9` + 119 spaces (BRIEF).
 *
 * Names longer than their field are cut at the field width (banks compare the leading characters; a
 * cut never splits a character because every allowed character is one byte). Every other value that
 * does not fit — a code of the wrong length, an amount over the field, a character outside the set — is
 * refused with a `ZenginFieldError` naming the field and the line, never silently altered.
 */

export const RECORD_LENGTH = 120;
export const MAX_AMOUNT = 9_999_999_999;
export const MAX_LINES = 999_999;
const MAX_TOTAL = 999_999_999_999;

export type AccountType = '1' | '2' | '4' | '9';
export type RecordSeparator = 'crlf' | 'none';

export type TransferPayer = {
  consignorCode: string;
  consignorName: string;
  bankCode: string;
  bankName: string;
  branchCode: string;
  branchName: string;
  accountType: AccountType;
  accountNumber: string;
};

export type TransferLine = {
  bankCode: string;
  bankName?: string | undefined;
  branchCode: string;
  branchName?: string | undefined;
  accountType: AccountType;
  accountNumber: string;
  /** As typed (hiragana, katakana, romaji…): converted with `toBankKana`; refused when it cannot be. */
  holderName: string;
  amount: number;
  newCode?: '0' | '1' | '2';
  /** Up to 10 digits; written right-aligned and zero-filled (absent or empty: spaces). */
  customerCode1?: string | undefined;
  /** Up to 10 digits; written right-aligned and zero-filled (absent or empty: spaces). */
  customerCode2?: string | undefined;
};

export type TransferFileInput = {
  payer: TransferPayer;
  /** 取組日 (the day the bank moves the money), `YYYY-MM-DD`. */
  transferDate: string;
  lines: readonly TransferLine[];
  recordSeparator: RecordSeparator;
};

/** A value that cannot go into the file; `line` is 1-based (absent for the header). */
export class ZenginFieldError extends Error {
  override name = 'ZenginFieldError';
  readonly field: string;
  readonly line: number | undefined;
  readonly reason: string;
  constructor(field: string, line: number | undefined, reason: string) {
    super(`${line === undefined ? 'header' : `line ${line}`}: ${field}: ${reason}`);
    this.field = field;
    this.line = line;
    this.reason = reason;
  }
}

function digits(value: string, width: number, field: string, line: number | undefined): string {
  if (!new RegExp(`^\\d{${width}}$`, 'u').test(value)) {
    throw new ZenginFieldError(field, line, `must be exactly ${width} digits`);
  }
  return value;
}

function number(value: number, width: number, field: string, line: number | undefined): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ZenginFieldError(field, line, 'must be a whole number of yen, zero or more');
  }
  const text = String(value);
  if (text.length > width) throw new ZenginFieldError(field, line, `must fit in ${width} digits`);
  return text.padStart(width, '0');
}

/** An optional N field: up to `width` digits, right-aligned and zero-filled; absent or empty is all spaces. */
function optionalCode(
  value: string | undefined,
  width: number,
  field: string,
  line: number | undefined,
): string {
  if (value === undefined || value === '') return ' '.repeat(width);
  if (!new RegExp(`^\\d{1,${width}}$`, 'u').test(value)) {
    throw new ZenginFieldError(field, line, `must be 1 to ${width} digits`);
  }
  return value.padStart(width, '0');
}

/** A C field already in bank form (configuration, codes): refused when outside the set. */
function bankText(
  value: string,
  width: number,
  field: string,
  line: number | undefined,
  cut: boolean,
): string {
  if (!isBankKana(value)) {
    const bad = [...value].filter((c) => !isBankKana(c));
    throw new ZenginFieldError(
      field,
      line,
      `contains characters outside the bank character set: ${[...new Set(bad)].join(' ')}`,
    );
  }
  if (value.length > width) {
    if (!cut) throw new ZenginFieldError(field, line, `must be at most ${width} characters`);
    return value.slice(0, width);
  }
  return value.padEnd(width, ' ');
}

/** A name as people type it: converted to bank kana first, then placed like any C field. */
function nameText(value: string, width: number, field: string, line: number | undefined): string {
  const converted = toBankKana(value);
  if (!converted.ok) {
    throw new ZenginFieldError(
      field,
      line,
      `contains characters with no bank form: ${converted.invalidCharacters.join(' ')}`,
    );
  }
  if (converted.value === '') throw new ZenginFieldError(field, line, 'is empty');
  return bankText(converted.value, width, field, line, true);
}

function transferDateMMDD(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  const parsed = match ? new Date(`${date}T00:00:00Z`) : undefined;
  if (!match || !parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new ZenginFieldError('transferDate', undefined, 'must be a real date YYYY-MM-DD');
  }
  return `${match[2]}${match[3]}`;
}

function accountType(value: string, field: string, line: number | undefined): string {
  if (!['1', '2', '4', '9'].includes(value)) throw new ZenginFieldError(field, line, 'must be 1, 2, 4 or 9');
  return value;
}

export function headerRecord(payer: TransferPayer, transferDate: string): string {
  return [
    '1',
    '21',
    '0',
    digits(payer.consignorCode, 10, 'consignorCode', undefined),
    nameText(payer.consignorName, 40, 'consignorName', undefined),
    transferDateMMDD(transferDate),
    digits(payer.bankCode, 4, 'bankCode', undefined),
    payer.bankName ? nameText(payer.bankName, 15, 'bankName', undefined) : ' '.repeat(15),
    digits(payer.branchCode, 3, 'branchCode', undefined),
    payer.branchName ? nameText(payer.branchName, 15, 'branchName', undefined) : ' '.repeat(15),
    accountType(payer.accountType, 'accountType', undefined),
    digits(payer.accountNumber, 7, 'accountNumber', undefined),
    ' '.repeat(17),
  ].join('');
}

/** One data record; `line` (1-based) names the line in errors. */
export function dataRecord(t: TransferLine, line: number): string {
  if (t.amount <= 0) throw new ZenginFieldError('amount', line, 'must be more than zero');
  return [
    '2',
    digits(t.bankCode, 4, 'bankCode', line),
    t.bankName ? nameText(t.bankName, 15, 'bankName', line) : ' '.repeat(15),
    digits(t.branchCode, 3, 'branchCode', line),
    t.branchName ? nameText(t.branchName, 15, 'branchName', line) : ' '.repeat(15),
    ' '.repeat(4),
    accountType(t.accountType, 'accountType', line),
    digits(t.accountNumber, 7, 'accountNumber', line),
    nameText(t.holderName, 30, 'holderName', line),
    number(t.amount, 10, 'amount', line),
    t.newCode ?? '0',
    optionalCode(t.customerCode1, 10, 'customerCode1', line),
    optionalCode(t.customerCode2, 10, 'customerCode2', line),
    '7',
    ' ',
    ' '.repeat(7),
  ].join('');
}

export function trailerRecord(count: number, total: number): string {
  return `8${number(count, 6, 'count', undefined)}${number(total, 12, 'total', undefined)}${' '.repeat(101)}`;
}

export function endRecord(): string {
  return `9${' '.repeat(119)}`;
}

/** The records as text (each exactly 120 characters, all single-byte in Shift_JIS). */
export function transferRecords(input: TransferFileInput): string[] {
  if (input.lines.length === 0)
    throw new ZenginFieldError('lines', undefined, 'a file needs at least one transfer');
  if (input.lines.length > MAX_LINES)
    throw new ZenginFieldError('lines', undefined, `at most ${MAX_LINES} transfers`);
  const records: string[] = [headerRecord(input.payer, input.transferDate)];
  let total = 0;
  input.lines.forEach((line, index) => {
    records.push(dataRecord(line, index + 1));
    total += line.amount;
  });
  if (total > MAX_TOTAL) throw new ZenginFieldError('total', undefined, 'must fit in 12 digits');
  records.push(trailerRecord(input.lines.length, total), endRecord());
  for (const record of records) {
    // A guard on our own layout: a wrong width here is a bug, never a user's input.
    if (record.length !== RECORD_LENGTH) throw new Error(`zengin record of ${record.length} characters`);
  }
  return records;
}

/** The file's bytes: Shift_JIS, records joined by CRLF (also after the end record) or by nothing. */
export function writeTransferFile(input: TransferFileInput): Buffer {
  const records = transferRecords(input);
  const separator = input.recordSeparator === 'crlf' ? '\r\n' : '';
  const bytes = iconv.encode(records.join(separator) + separator, 'Shift_JIS');
  const expected = records.length * (RECORD_LENGTH + separator.length);
  if (bytes.length !== expected)
    throw new Error(`zengin file of ${bytes.length} bytes, expected ${expected}`);
  return bytes;
}

export type ParsedTransferFile = {
  header: {
    consignorCode: string;
    consignorName: string;
    transferDate: string;
    bankCode: string;
    branchCode: string;
    accountType: string;
    accountNumber: string;
  };
  lines: Array<{
    bankCode: string;
    branchCode: string;
    accountType: string;
    accountNumber: string;
    holderName: string;
    amount: number;
    customerCode1: string;
    customerCode2: string;
  }>;
  trailer: { count: number; total: number };
};

/** Reads a file written above (for checks and tests); fails loudly on anything out of shape. */
export function readTransferFile(bytes: Buffer, recordSeparator: RecordSeparator): ParsedTransferFile {
  const stride = RECORD_LENGTH + (recordSeparator === 'crlf' ? 2 : 0);
  if (bytes.length % stride !== 0) throw new Error('file length is not a whole number of records');
  const records: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += stride) {
    const record = bytes.subarray(offset, offset + RECORD_LENGTH);
    if (
      recordSeparator === 'crlf' &&
      bytes.subarray(offset + RECORD_LENGTH, offset + stride).toString('latin1') !== '\r\n'
    ) {
      throw new Error(`record ${records.length + 1} is not followed by CRLF`);
    }
    records.push(iconv.decode(record, 'Shift_JIS'));
  }
  const [header, ...rest] = records;
  const end = rest.pop();
  const trailer = rest.pop();
  if (!header?.startsWith('1') || !trailer?.startsWith('8') || end !== endRecord())
    throw new Error('records out of order');
  const field = (r: string, from: number, length: number) => r.slice(from - 1, from - 1 + length);
  return {
    header: {
      consignorCode: field(header, 5, 10),
      consignorName: field(header, 15, 40).trimEnd(),
      transferDate: field(header, 55, 4),
      bankCode: field(header, 59, 4),
      branchCode: field(header, 78, 3),
      accountType: field(header, 96, 1),
      accountNumber: field(header, 97, 7),
    },
    lines: rest.map((r) => {
      if (!r.startsWith('2')) throw new Error('data record expected');
      return {
        bankCode: field(r, 2, 4),
        branchCode: field(r, 21, 3),
        accountType: field(r, 43, 1),
        accountNumber: field(r, 44, 7),
        holderName: field(r, 51, 30).trimEnd(),
        amount: Number(field(r, 81, 10)),
        customerCode1: field(r, 92, 10).trimEnd(),
        customerCode2: field(r, 102, 10).trimEnd(),
      };
    }),
    trailer: { count: Number(field(trailer, 2, 6)), total: Number(field(trailer, 8, 12)) },
  };
}
