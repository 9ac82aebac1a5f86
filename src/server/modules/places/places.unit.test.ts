import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corporateNumberCheckDigit, isValidCorporateNumber } from '../../../shared/corporate-number.ts';
import { parseCsv, toCsv } from '../../platform/text/csv.ts';
import { foldForSearch, searchTokens } from '../../platform/text/search.ts';
import {
  describeOpeningHours,
  type OpeningHours,
  parseOpeningText,
  parseRrule,
  validateOpeningHours,
  viewOpeningHours,
  weekdayMask,
} from './places.hours.ts';
import { areaGrams } from './places.service.ts';

describe('RFC 5545 subset', () => {
  it('reads weekly, every-other-week and n-th weekday rules, canonicalised', () => {
    expect(parseRrule('RRULE:FREQ=WEEKLY;BYDAY=WE,MO')).toEqual({
      freq: 'WEEKLY',
      interval: 1,
      days: [
        { day: 'MO', ordinal: null },
        { day: 'WE', ordinal: null },
      ],
    });
    expect(parseRrule('freq=weekly;interval=2;byday=tu')).toMatchObject({ interval: 2 });
    expect(parseRrule('FREQ=MONTHLY;BYDAY=2SA,-1FR')).toMatchObject({
      days: [
        { day: 'FR', ordinal: -1 },
        { day: 'SA', ordinal: 2 },
      ],
    });
  });

  it('refuses what it does not support, with a reason', () => {
    for (const rule of [
      'FREQ=DAILY',
      'FREQ=WEEKLY',
      'FREQ=WEEKLY;BYDAY=2SA',
      'FREQ=MONTHLY;BYDAY=SA',
      'FREQ=WEEKLY;BYDAY=MO;COUNT=3',
      'FREQ=WEEKLY;BYDAY=XX',
    ])
      expect(parseRrule(rule)).toHaveProperty('ja');
    expect(
      validateOpeningHours({ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '16:00', end: '10:00' }),
    ).toHaveProperty('error');
  });

  it('turns spreadsheet wording into rules and back into Japanese', () => {
    const parsed = parseOpeningText('月水金 10:00-16:00 | 第2土 13:30〜16:00 | 隔週火 9:00-12:00(予約制)');
    expect(parsed).toEqual({
      ok: [
        { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', start: '10:00', end: '16:00', note: undefined },
        { rrule: 'FREQ=MONTHLY;BYDAY=2SA', start: '13:30', end: '16:00', note: undefined },
        { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', start: '09:00', end: '12:00', note: '予約制' },
      ],
    });
    const entries = (parsed as { ok: OpeningHours[] }).ok;
    const view = validateOpeningHours(entries[0]!);
    expect('ok' in view && describeOpeningHours(view.ok)).toBe('毎週 月・水・金 10:00〜16:00');
    expect(weekdayMask(entries)).toBe(0b0110111);
    expect(parseOpeningText('毎日 10:00-12:00')).toHaveProperty('error');
  });
});

describe('法人番号', () => {
  it('checks the leading check digit (国税庁 7000012050002)', () => {
    expect(corporateNumberCheckDigit('000012050002')).toBe(7);
    expect(isValidCorporateNumber('7000012050002')).toBe(true);
    expect(isValidCorporateNumber('8000012050002')).toBe(false);
    expect(isValidCorporateNumber('700001205000')).toBe(false);
  });
});

describe('CSV', () => {
  it('reads quoted fields, doubled quotes, CRLF and newlines inside quotes', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n"f\ng",h\n\n').rows).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['f\ng', 'h'],
    ]);
    expect(parseCsv('a,"b\n').error).toEqual({ line: 1 });
  });

  it('round-trips any table (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'あ', ',', '"', '\n', ' ', '居') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (table) => {
          expect(parseCsv(toCsv(table)).rows).toEqual(
            table.filter((r) => !(r.length === 1 && r[0]!.trim() === '')),
          );
        },
      ),
    );
  });
});

describe('search folding', () => {
  it('folds width, kana, 異体字 and spelling variants to one key', () => {
    expect(foldForSearch('ｲﾊﾞｼｮ')).toBe('いばしょ');
    expect(foldForSearch('髙澤')).toBe('高沢');
    expect(foldForSearch('引きこもり')).toBe(foldForSearch('ヒキコモリ'));
    expect(foldForSearch('子ども食堂')).toBe('こども食堂');
    expect(searchTokens('家族会　甲斐 ')).toEqual([
      { text: '家族会', reading: null },
      { text: '甲斐', reading: null },
    ]);
    expect(searchTokens('イバショ')).toEqual([{ text: 'いばしょ', reading: 'いばしょ' }]);
  });
});

describe('area bigrams of a query (migration 0015)', () => {
  it('qualifies every bigram of every token with the prefecture', () => {
    expect(areaGrams('01', '居場所 こもれび')).toEqual(
      ['01こも', '01もれ', '01れび', '01場所', '01居場'].sort(),
    );
  });
  it('folds the query as the index folds the text: ｲﾊﾞｼｮ and イバショ are いばしょ', () => {
    const expected = ['19いば', '19しょ', '19ばし'];
    expect(areaGrams('19', 'ｲﾊﾞｼｮ')).toEqual(expected);
    expect(areaGrams('19', 'イバショ')).toEqual(expected);
    expect(areaGrams('19', 'いばしょ')).toEqual(expected);
  });
  it('has nothing to look up for one-character tokens, so the area is walked instead', () => {
    expect(areaGrams('13', 'ぴ')).toEqual([]);
    expect(areaGrams('13', 'あ い')).toEqual([]);
  });
  it('every bigram it asks for is one the matching text carries (property)', () => {
    // Any token found inside a text has all its bigrams among the text's own.
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 12 }), fc.string({ maxLength: 8 }), (word, around) => {
        const token = foldForSearch(word).replace(/ /g, '');
        fc.pre(Array.from(token).length >= 2);
        const text = `${around}${token}${around}`;
        const chars = Array.from(text);
        const textGrams = new Set(chars.slice(1).map((c, i) => `01${chars[i]}${c}`));
        for (const gram of areaGrams('01', token)) expect(textGrams.has(gram)).toBe(true);
      }),
    );
  });
});

describe('opening hours views', () => {
  it('are the same however often the same entry is shown', () => {
    const entry: OpeningHours = { rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', start: '13:00', end: '17:00' };
    const first = viewOpeningHours([entry]);
    expect(viewOpeningHours([{ ...entry }])).toEqual(first);
    expect(first[0]).toMatchObject({ freq: 'WEEKLY', days: [{ day: 'TU' }, { day: 'TH' }] });
    expect(viewOpeningHours([{ ...entry, rrule: 'FREQ=DAILY' }])).toEqual([]);
  });
});
