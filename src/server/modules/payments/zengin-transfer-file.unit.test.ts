import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ZENGIN_LAYOUT, zenginLayoutErrors } from '../../../../test/helpers/zengin-layout.ts';
import {
  MAX_AMOUNT,
  RECORD_LENGTH,
  readTransferFile,
  type TransferFileInput,
  type TransferLine,
  type TransferPayer,
  transferRecords,
  writeTransferFile,
  ZenginFieldError,
} from './zengin-transfer-file.ts';

const PAYER: TransferPayer = {
  consignorCode: '1234567890',
  consignorName: 'ｺｳﾌｼ ﾌｸｼｶ',
  bankCode: '0001',
  bankName: 'ﾐｽﾞﾎ',
  branchCode: '001',
  branchName: 'ﾄｳｷﾖｳ',
  accountType: '1',
  accountNumber: '1234567',
};

const LINE: TransferLine = {
  bankCode: '0005',
  bankName: 'ミツビシユーエフジェイ',
  branchCode: '123',
  branchName: 'コウフ',
  accountType: '1',
  accountNumber: '7654321',
  holderName: 'やまだ　たろう',
  amount: 12_345,
  customerCode1: '1',
};

function input(lines: TransferLine[], recordSeparator: 'crlf' | 'none' = 'crlf'): TransferFileInput {
  return { payer: PAYER, transferDate: '2026-04-10', lines, recordSeparator };
}

function records(bytes: Buffer, separator: 'crlf' | 'none'): Buffer[] {
  const stride = RECORD_LENGTH + (separator === 'crlf' ? 2 : 0);
  const out: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += stride)
    out.push(bytes.subarray(offset, offset + RECORD_LENGTH));
  return out;
}

describe('全銀 総合振込 writer', () => {
  it('writes header, data, trailer and end records of exactly 120 bytes with CRLF', () => {
    const bytes = writeTransferFile(input([LINE, { ...LINE, amount: 1, holderName: 'ｽｽﾞｷ ﾊﾅｺ' }]));
    expect(bytes.length).toBe(5 * 122);
    const recs = records(bytes, 'crlf');
    expect(recs.map((r) => r.length)).toEqual([120, 120, 120, 120, 120]);
    expect(recs.map((r) => r.toString('latin1')[0])).toEqual(['1', '2', '2', '8', '9']);
    const text = iconv.decode(bytes, 'Shift_JIS').split('\r\n');
    expect(text.at(-1)).toBe('');
    const [header, first, , trailer, end] = text as [string, string, string, string, string];
    expect(header.slice(0, 4)).toBe('1210');
    expect(header.slice(4, 14)).toBe('1234567890');
    expect(header.slice(54, 58)).toBe('0410');
    expect(header.slice(95, 103)).toBe('11234567');
    // Data record positions (see the table in zengin-transfer-file.ts).
    expect(first.slice(0, 5)).toBe('20005');
    expect(first.slice(5, 20)).toBe('ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ'.padEnd(15, ' '));
    expect(first.slice(20, 23)).toBe('123');
    expect(first.slice(42, 50)).toBe('17654321');
    expect(first.slice(50, 80)).toBe('ﾔﾏﾀﾞ ﾀﾛｳ'.padEnd(30, ' '));
    expect(first.slice(80, 90)).toBe('0000012345');
    expect(first.slice(91, 101)).toBe('0000000001');
    expect(first.slice(101, 111)).toBe(' '.repeat(10));
    expect(trailer).toBe(`8000002000000012346${' '.repeat(101)}`);
    expect(end).toBe(`9${' '.repeat(119)}`);
  });

  it('conforms to the published 総合振込 layout field by field (header 1, data 2, trailer 8, end 9)', () => {
    // The layout table itself covers every byte of every record exactly once.
    for (const fields of Object.values(ZENGIN_LAYOUT)) {
      let next = 1;
      for (const f of fields) {
        expect(f.from, f.name).toBe(next);
        next += f.length;
      }
      expect(next).toBe(121);
    }
    const lines: TransferLine[] = [
      LINE,
      { ...LINE, customerCode1: undefined, amount: 9 },
      { ...LINE, customerCode1: '1234567890', customerCode2: '42', amount: 1 },
    ];
    const text = iconv
      .decode(writeTransferFile(input(lines)), 'Shift_JIS')
      .split('\r\n')
      .slice(0, -1);
    expect(zenginLayoutErrors(text)).toEqual([]);
    // 顧客コード1/2 (92–101, 102–111): N10, right-aligned and zero-filled, or all spaces.
    expect(text.slice(1, 4).map((r) => [r.slice(91, 101), r.slice(101, 111)])).toEqual([
      ['0000000001', '          '],
      ['          ', '          '],
      ['1234567890', '0000000042'],
    ]);
    const parsed = readTransferFile(writeTransferFile(input(lines)), 'crlf');
    expect(parsed.lines.map((l) => [l.customerCode1, l.customerCode2])).toEqual([
      ['0000000001', ''],
      ['', ''],
      ['1234567890', '0000000042'],
    ]);
  });

  it('writes records back to back when the separator is none', () => {
    const bytes = writeTransferFile(input([LINE], 'none'));
    expect(bytes.length).toBe(4 * 120);
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(false);
    expect(readTransferFile(bytes, 'none').trailer).toEqual({ count: 1, total: 12_345 });
  });

  it('encodes half-width katakana as single Shift_JIS bytes', () => {
    const bytes = writeTransferFile(input([{ ...LINE, holderName: 'ｱ' }], 'none'));
    const data = bytes.subarray(120, 240);
    expect(data[50]).toBe(0xb1); // ｱ
  });

  it('refuses an illegal character in a holder name, naming the field and the line', () => {
    const lines = [LINE, { ...LINE, holderName: '山田 太郎' }];
    expect(() => writeTransferFile(input(lines))).toThrowError(ZenginFieldError);
    try {
      writeTransferFile(input(lines));
    } catch (error) {
      const e = error as ZenginFieldError;
      expect(e.field).toBe('holderName');
      expect(e.line).toBe(2);
      expect(e.message).toContain('holderName');
      expect(e.message).toContain('line 2');
      expect(e.message).toContain('山');
    }
  });

  it.each([
    ['bankCode', { bankCode: '12' }],
    ['branchCode', { branchCode: '12a' }],
    ['accountNumber', { accountNumber: '12345678' }],
    ['amount', { amount: MAX_AMOUNT + 1 }],
    ['amount', { amount: 0 }],
    ['amount', { amount: 10.5 }],
    ['customerCode1', { customerCode1: 'abc' }],
    ['customerCode1', { customerCode1: 'A'.repeat(11) }],
    ['customerCode1', { customerCode1: 'P000001' }],
    ['customerCode1', { customerCode1: '1'.repeat(11) }],
    ['customerCode2', { customerCode2: 'ABC' }],
    ['holderName', { holderName: '   ' }],
    ['holderName', { holderName: 'タロウ😀' }],
  ] as const)('refuses a bad %s', (field, change) => {
    expect(() => writeTransferFile(input([{ ...LINE, ...change } as TransferLine]))).toThrowError(
      expect.objectContaining({ field, line: 1 }),
    );
  });

  it('refuses a bad header value and an impossible date', () => {
    expect(() =>
      writeTransferFile({ ...input([LINE]), payer: { ...PAYER, consignorCode: '1' } }),
    ).toThrowError(expect.objectContaining({ field: 'consignorCode', line: undefined }));
    expect(() => writeTransferFile({ ...input([LINE]), transferDate: '2026-02-30' })).toThrowError(
      expect.objectContaining({ field: 'transferDate' }),
    );
    expect(() => writeTransferFile(input([]))).toThrowError(expect.objectContaining({ field: 'lines' }));
  });

  it('cuts a name longer than its field at 30 characters', () => {
    const long = 'ア'.repeat(40);
    const parsed = readTransferFile(writeTransferFile(input([{ ...LINE, holderName: long }])), 'crlf');
    expect(parsed.lines[0]?.holderName).toBe('ｱ'.repeat(30));
  });
});

const digitString = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const kanaName = fc
  .array(
    fc.constantFrom(
      ...'あいうえおかきくけこがぎぐさしすずたちつてとだなにぬはひふへほばぱまみむやゆよらりるれろわをんアイウエオャュョッーカガキギABCXYZ',
    ),
    {
      minLength: 1,
      maxLength: 40,
    },
  )
  .map((cs) => cs.join(''));
const line: fc.Arbitrary<TransferLine> = fc.record({
  bankCode: digitString(4),
  branchCode: digitString(3),
  accountType: fc.constantFrom('1', '2', '4', '9'),
  accountNumber: digitString(7),
  holderName: kanaName,
  amount: fc.integer({ min: 1, max: 50_000_000 }),
  customerCode1: fc.option(digitString(10), { nil: undefined }),
});

describe('全銀 writer properties', () => {
  it('every record is 120 bytes; the trailer counts and sums the data records; the file reads back', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 60 }),
        fc.constantFrom('crlf', 'none'),
        (lines, sep) => {
          const bytes = writeTransferFile(input(lines, sep));
          const recs = records(bytes, sep);
          expect(recs.every((r) => r.length === RECORD_LENGTH)).toBe(true);
          expect(recs.length).toBe(lines.length + 3);
          const text = iconv.decode(bytes, 'Shift_JIS');
          const decoded =
            sep === 'crlf' ? text.split('\r\n').slice(0, -1) : (text.match(/[\s\S]{120}/gu) as string[]);
          expect(zenginLayoutErrors(decoded)).toEqual([]);
          const parsed = readTransferFile(bytes, sep);
          const dataTotal = parsed.lines.reduce((sum, l) => sum + l.amount, 0);
          expect(parsed.trailer.count).toBe(parsed.lines.length);
          expect(parsed.trailer.total).toBe(dataTotal);
          expect(dataTotal).toBe(lines.reduce((sum, l) => sum + l.amount, 0));
          parsed.lines.forEach((l, i) => {
            const given = lines[i] as TransferLine;
            expect(l.accountNumber).toBe(given.accountNumber);
            expect(l.bankCode).toBe(given.bankCode);
            expect(l.holderName).toMatch(/^[ｦ-ﾟA-Z0-9 ().-]{1,30}$/u);
          });
          // Every byte of a data record is printable single-byte Shift_JIS.
          expect(
            [...bytes].every(
              (b) => b === 0x0d || b === 0x0a || (b >= 0x20 && b < 0x7f) || (b >= 0xa1 && b <= 0xdf),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('records as text are 120 characters each', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (lines) => {
        expect(transferRecords(input(lines)).every((r) => r.length === 120)).toBe(true);
      }),
    );
  });
});
