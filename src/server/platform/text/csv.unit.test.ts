import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv, toCsv } from './csv.ts';

describe('toCsv neutralises formulas (OWASP CSV injection)', () => {
  it('prefixes a single quote to text starting with = + - @ tab or CR', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+81 90')).toBe("'+81 90");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
  });

  it('keeps ordinary text and numbers typed as numbers (a negative balance stays a number)', () => {
    expect(csvCell('甲府市')).toBe('甲府市');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(-5000)).toBe('-5000');
    expect(csvCell(12)).toBe('12');
    expect(csvCell('-5000')).toBe("'-5000");
    expect(csvCell(null)).toBe('');
    expect(toCsv([['a', -1, '=x']])).toBe("a,-1,'=x\r\n");
  });

  it('round-trips any text: read back it is the text itself, or the text behind one quote', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        (rows) => {
          const parsed = parseCsv(toCsv(rows));
          expect(parsed.error).toBeNull();
          const nonBlank = rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
          expect(parsed.rows).toEqual(
            nonBlank.map((r) => r.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))),
          );
          for (const cell of parsed.rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
    );
  });
});

describe('parseCsv tells the line each row begins on (for 「3 行目」 in import messages)', () => {
  it('counts blank lines and newlines inside quotes, with CRLF or LF', () => {
    const parsed = parseCsv('a,b\r\n\r\n"x\r\ny",z\r\nlast,row\n\nend');
    expect(parsed.rows).toEqual([['a', 'b'], ['x\r\ny', 'z'], ['last', 'row'], ['end']]);
    expect(parsed.lines).toEqual([1, 3, 5, 7]);
  });
});
