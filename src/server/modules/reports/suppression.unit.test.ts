import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  newReceiptNumber,
  newReplyCode,
  normalizeCode,
  normalizeOperatorName,
  normalizePhone,
  normalizeWebsite,
  replyCodeHash,
} from './reports.codes.ts';
import { displayCell, type PublishedTable, suppressTable } from './suppression.ts';

/** Every additive line of a published table: its members, totals included. */
function lines(t: PublishedTable) {
  const out = [];
  for (let i = 0; i < t.cells.length; i++) out.push([...t.cells[i]!, t.rowTotals[i]!]);
  for (let j = 0; j < t.columnTotals.length; j++)
    out.push([...t.cells.map((r) => r[j]!), t.columnTotals[j]!]);
  out.push([...t.columnTotals, t.grandTotal], [...t.rowTotals, t.grandTotal]);
  return out;
}

describe('small-count suppression', () => {
  it('hides every count under 10 (zero too) and shows the rest', () => {
    const t = suppressTable([
      [12, 30],
      [15, 40],
    ]);
    expect(t.cells.flat().map(displayCell)).toEqual(['12', '30', '15', '40']);
    expect(displayCell(t.grandTotal)).toBe('97');
    const small = suppressTable([[0, 3, 25]]);
    expect(small.cells[0]!.map((c) => c.state)).toEqual(['primary', 'primary', 'shown']);
    expect(displayCell(small.cells[0]![0]!)).toBe('＜10');
  });

  it('adds a secondary cell where a total would reveal a single hidden one', () => {
    // Row 0: 5 is hidden; with 20 and the row total 45 shown, 5 = 45 − 20 − 20. One more must go.
    const t = suppressTable([
      [5, 20, 20],
      [30, 30, 30],
    ]);
    expect(t.cells[0]![0]!.state).toBe('primary');
    const hiddenInRow = [...t.cells[0]!, t.rowTotals[0]!].filter((c) => c.state !== 'shown');
    expect(hiddenInRow.length).toBeGreaterThanOrEqual(2);
    expect(hiddenInRow.some((c) => c.state === 'secondary')).toBe(true);
    // The hidden value never appears in the output.
    expect(JSON.stringify(t)).not.toMatch(/"value":5[,}]/);
  });

  it('property: no line has exactly one hidden member; small counts are hidden; shown values are exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((columns) =>
          fc.array(fc.array(fc.nat({ max: 40 }), { minLength: columns, maxLength: columns }), {
            minLength: 1,
            maxLength: 8,
          }),
        ),
        (values) => {
          const t = suppressTable(values);
          for (const line of lines(t)) expect(line.filter((c) => c.state !== 'shown').length).not.toBe(1);
          values.forEach((row, i) => {
            row.forEach((v, j) => {
              const cell = t.cells[i]![j]!;
              if (v < 10) expect(cell.state).toBe('primary');
              if (cell.state === 'shown') expect(cell.value).toBe(v);
              else expect(cell.value).toBeNull();
            });
          });
        },
      ),
    );
  });
});

describe('receipt numbers and reply codes', () => {
  it('reply codes carry 16 characters of an unambiguous alphabet and survive hand copying', () => {
    const code = newReplyCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const typed = code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    expect(replyCodeHash(typed)).toBe(replyCodeHash(code));
    expect(
      replyCodeHash(
        code.normalize('NFKC').replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
      ),
    ).toBe(replyCodeHash(code));
    expect(replyCodeHash('too-short')).toBeNull();
    expect(newReceiptNumber()).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normalizeCode('ABCD-EFGH', 8)).toBe('ABCDEFGH');
    expect(normalizeCode('ABCU-EFGH', 8)).toBeNull();
  });
});

describe('operator identifiers', () => {
  it('compare names without legal forms, phones by digits, websites by host', () => {
    expect(normalizeOperatorName('株式会社 ひだまり 自立支援')).toBe(
      normalizeOperatorName('(株)ひだまり自立支援'),
    );
    expect(normalizeOperatorName('㈱ひだまり自立支援')).toBe('ひだまり自立支援');
    expect(normalizePhone('+81 3-0000-0000')).toBe('0300000000');
    expect(normalizePhone('０３（００００）００００')).toBe('0300000000');
    expect(normalizeWebsite('https://www.Example.jp/about')).toBe('example.jp');
    expect(normalizeWebsite('example.jp/contact')).toBe('example.jp');
  });
});
