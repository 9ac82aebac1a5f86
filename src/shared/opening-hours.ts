/**
 * Recurring opening times as RFC 5545 recurrence rules, in the subset a directory needs:
 *
 * - `FREQ=WEEKLY;BYDAY=MO,WE` (every week), optionally `;INTERVAL=2` (every other week);
 * - `FREQ=MONTHLY;BYDAY=2SA` or `BYDAY=1SA,3SA` or `BYDAY=-1FR` (the n-th weekday of the month, as
 *   family associations and salons meet).
 *
 * Shared by the server (validation, storage, open data) and the console's opening-hours picker, which
 * writes these rules from words (毎週 / 隔週 / 毎月第n曜日) so staff never type iCalendar.
 */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type OpeningDay = { day: Weekday; ordinal: number | null };
export type ParsedRule = { freq: 'WEEKLY' | 'MONTHLY'; interval: number; days: OpeningDay[] };
export type OpeningHours = { rrule: string; start: string; end: string; note?: string | undefined };
export type OpeningHoursView = OpeningHours & ParsedRule;

export type RuleError = { ja: string; en: string };

export function parseRrule(input: string): ParsedRule | RuleError {
  const text = input
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '');
  const parts = new Map<string, string>();
  for (const part of text.split(';').filter(Boolean)) {
    const [key, value, ...rest] = part.split('=');
    if (!key || value === undefined || rest.length > 0 || parts.has(key))
      return { ja: `「${part}」を読み取れません`, en: `cannot read "${part}"` };
    parts.set(key, value);
  }
  const freq = parts.get('FREQ');
  if (freq !== 'WEEKLY' && freq !== 'MONTHLY')
    return { ja: 'FREQ は WEEKLY か MONTHLY にしてください', en: 'FREQ must be WEEKLY or MONTHLY' };
  const unsupported = [...parts.keys()].filter((k) => !['FREQ', 'BYDAY', 'INTERVAL', 'WKST'].includes(k));
  if (unsupported.length > 0)
    return {
      ja: `対応していない指定があります: ${unsupported.join(', ')}`,
      en: `unsupported parts: ${unsupported.join(', ')}`,
    };
  const intervalText = parts.get('INTERVAL') ?? '1';
  const interval = Number(intervalText);
  if (!/^\d{1,2}$/.test(intervalText) || interval < 1 || interval > 12)
    return { ja: 'INTERVAL は 1〜12 です', en: 'INTERVAL must be 1–12' };
  const byday = parts.get('BYDAY');
  if (!byday) return { ja: 'BYDAY（曜日）を指定してください', en: 'BYDAY (weekdays) is required' };
  const days: OpeningDay[] = [];
  for (const item of byday.split(',')) {
    const match = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
    if (!match) return { ja: `曜日「${item}」を読み取れません`, en: `cannot read weekday "${item}"` };
    const ordinal = match[1] ? Number(match[1]) : null;
    if (ordinal !== null && (freq !== 'MONTHLY' || ordinal === 0 || ordinal < -1 || ordinal > 5))
      return {
        ja: '第n週の指定は FREQ=MONTHLY で 1〜5 または -1（最終）です',
        en: 'an n-th weekday needs FREQ=MONTHLY and 1–5 or -1 (last)',
      };
    if (freq === 'MONTHLY' && ordinal === null)
      return {
        ja: 'FREQ=MONTHLY では第何週かを指定してください（例 2SA）',
        en: 'FREQ=MONTHLY needs an n-th weekday (e.g. 2SA)',
      };
    const day = match[2] as Weekday;
    if (days.some((d) => d.day === day && d.ordinal === ordinal))
      return { ja: `曜日「${item}」が重複しています`, en: `weekday "${item}" is repeated` };
    days.push({ day, ordinal });
  }
  days.sort(
    (a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || (a.ordinal ?? 0) - (b.ordinal ?? 0),
  );
  return { freq, interval, days };
}

export const isRuleError = (value: ParsedRule | RuleError): value is RuleError => 'ja' in value;

/** The canonical text of a parsed rule (what is stored). */
export function formatRrule(rule: ParsedRule): string {
  const byday = rule.days.map((d) => `${d.ordinal ?? ''}${d.day}`).join(',');
  return `FREQ=${rule.freq}${rule.interval > 1 ? `;INTERVAL=${rule.interval}` : ''};BYDAY=${byday}`;
}
