/**
 * The 全銀協 総合振込 record layout as published (全銀協規定 "総合振込" フォーマット; BRIEF "Domain facts"
 * for the trailer and end records), written out field by field independently of the writer in
 * src/server/modules/payments/zengin-transfer-file.ts, so a test can check a file the way a bank's
 * viewer does. N fields: digits only, right-aligned and zero-filled (some may be all spaces);
 * C fields: the bank character set (half-width katakana, A–Z, 0–9, space and `( ) - .`), left-aligned.
 */

type Field = {
  from: number;
  length: number;
  type: 'N' | 'C';
  name: string;
  /** Exact values the layout allows for this field (codes). */
  values?: readonly string[];
  /** The field may be all spaces (optional N fields). */
  blank?: boolean;
  /** The field must be all spaces (ダミー). */
  dummy?: boolean;
};

export const ZENGIN_LAYOUT: Record<'1' | '2' | '8' | '9', readonly Field[]> = {
  '1': [
    { from: 1, length: 1, type: 'N', name: 'データ区分', values: ['1'] },
    { from: 2, length: 2, type: 'N', name: '種別コード', values: ['21'] },
    { from: 4, length: 1, type: 'N', name: 'コード区分', values: ['0', '1'] },
    { from: 5, length: 10, type: 'N', name: '依頼人コード' },
    { from: 15, length: 40, type: 'C', name: '依頼人名' },
    { from: 55, length: 4, type: 'N', name: '取組日' },
    { from: 59, length: 4, type: 'N', name: '仕向銀行番号' },
    { from: 63, length: 15, type: 'C', name: '仕向銀行名' },
    { from: 78, length: 3, type: 'N', name: '仕向支店番号' },
    { from: 81, length: 15, type: 'C', name: '仕向支店名' },
    { from: 96, length: 1, type: 'N', name: '預金種目(依頼人)', values: ['1', '2', '9'] },
    { from: 97, length: 7, type: 'N', name: '口座番号(依頼人)' },
    { from: 104, length: 17, type: 'C', name: 'ダミー', dummy: true },
  ],
  '2': [
    { from: 1, length: 1, type: 'N', name: 'データ区分', values: ['2'] },
    { from: 2, length: 4, type: 'N', name: '被仕向銀行番号' },
    { from: 6, length: 15, type: 'C', name: '被仕向銀行名' },
    { from: 21, length: 3, type: 'N', name: '被仕向支店番号' },
    { from: 24, length: 15, type: 'C', name: '被仕向支店名' },
    { from: 39, length: 4, type: 'N', name: '手形交換所番号', blank: true },
    { from: 43, length: 1, type: 'N', name: '預金種目', values: ['1', '2', '4', '9'] },
    { from: 44, length: 7, type: 'N', name: '口座番号' },
    { from: 51, length: 30, type: 'C', name: '受取人名' },
    { from: 81, length: 10, type: 'N', name: '振込金額' },
    { from: 91, length: 1, type: 'N', name: '新規コード', values: ['0', '1', '2'] },
    { from: 92, length: 10, type: 'N', name: '顧客コード1', blank: true },
    { from: 102, length: 10, type: 'N', name: '顧客コード2', blank: true },
    { from: 112, length: 1, type: 'N', name: '振込指定区分', values: ['7', '8'] },
    { from: 113, length: 1, type: 'C', name: '識別表示', values: [' '] },
    { from: 114, length: 7, type: 'C', name: 'ダミー', dummy: true },
  ],
  '8': [
    { from: 1, length: 1, type: 'N', name: 'データ区分', values: ['8'] },
    { from: 2, length: 6, type: 'N', name: '合計件数' },
    { from: 8, length: 12, type: 'N', name: '合計金額' },
    { from: 20, length: 101, type: 'C', name: 'ダミー', dummy: true },
  ],
  '9': [
    { from: 1, length: 1, type: 'N', name: 'データ区分', values: ['9'] },
    { from: 2, length: 119, type: 'C', name: 'ダミー', dummy: true },
  ],
};

const BANK_C = /^[ｦ-ﾟA-Z0-9 ().-]*$/u;

function fieldErrors(record: string, field: Field, recordNo: number): string[] {
  const value = record.slice(field.from - 1, field.from - 1 + field.length);
  const where = `record ${recordNo} ${field.name} (${field.from}–${field.from + field.length - 1})`;
  if (field.values)
    return field.values.includes(value) ? [] : [`${where}: ${JSON.stringify(value)} not allowed`];
  if (field.dummy) return value === ' '.repeat(field.length) ? [] : [`${where}: must be spaces`];
  if (field.type === 'N') {
    if (field.blank && value === ' '.repeat(field.length)) return [];
    return /^\d+$/u.test(value) ? [] : [`${where}: ${JSON.stringify(value)} is not a zero-filled number`];
  }
  if (!BANK_C.test(value)) return [`${where}: ${JSON.stringify(value)} has characters outside the bank set`];
  // Left-aligned: no leading space unless the whole field is blank.
  if (value.startsWith(' ') && value.trim() !== '') return [`${where}: not left-aligned`];
  return [];
}

/** Every departure from the published layout in a file's decoded records (empty when the file conforms). */
export function zenginLayoutErrors(records: readonly string[]): string[] {
  const errors: string[] = [];
  const kinds = records.map((r) => r[0]);
  const expected = ['1', ...Array(Math.max(records.length - 3, 0)).fill('2'), '8', '9'];
  if (records.length < 4 || kinds.join('') !== expected.join(''))
    errors.push(`record order ${kinds.join('')}`);
  records.forEach((record, i) => {
    if (record.length !== 120) errors.push(`record ${i + 1}: ${record.length} characters, not 120`);
    const layout = ZENGIN_LAYOUT[record[0] as keyof typeof ZENGIN_LAYOUT];
    if (!layout) {
      errors.push(`record ${i + 1}: unknown データ区分 ${record[0]}`);
      return;
    }
    for (const field of layout) errors.push(...fieldErrors(record, field, i + 1));
  });
  return errors;
}
