/**
 * Recurring opening times as RFC 5545 recurrence rules, in the subset a directory needs:
 *
 * - `FREQ=WEEKLY;BYDAY=MO,WE` (every week), optionally `;INTERVAL=2` (every other week);
 * - `FREQ=MONTHLY;BYDAY=2SA` or `BYDAY=1SA,3SA` or `BYDAY=-1FR` (the n-th weekday of the month, as
 *   family associations and salons meet).
 *
 * Each entry has a start and end time (Asia/Tokyo, HH:MM). Anything else (DTSTART, COUNT, UNTIL,
 * BYMONTHDAY, …) is refused with a clear message rather than half-understood.
 */
import {
  formatRrule,
  isRuleError,
  type OpeningHours,
  type OpeningHoursView,
  parseRrule,
  type RuleError,
  WEEKDAYS,
  type Weekday,
} from '../../../shared/opening-hours.ts';
import { PLACES_FIELD } from './places.errors.ts';

export {
  formatRrule,
  isRuleError,
  type OpeningDay,
  type OpeningHours,
  type OpeningHoursView,
  type ParsedRule,
  parseRrule,
  type RuleError,
  WEEKDAYS,
  type Weekday,
} from '../../../shared/opening-hours.ts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function validateOpeningHours(
  entry: OpeningHours,
): { ok: OpeningHoursView } | { error: RuleError; field: 'rrule' | 'start' | 'end' } {
  const parsed = parseRrule(entry.rrule);
  if (isRuleError(parsed)) return { error: parsed, field: 'rrule' };
  if (!TIME.test(entry.start)) return { error: PLACES_FIELD.startTime, field: 'start' };
  if (!TIME.test(entry.end) && entry.end !== '24:00') return { error: PLACES_FIELD.endTime, field: 'end' };
  if (entry.end <= entry.start) return { error: PLACES_FIELD.endAfterStart, field: 'end' };
  return { ok: { ...entry, rrule: formatRrule(parsed), ...parsed } };
}

/** Bit i set when the place is open on WEEKDAYS[i] in at least one week (a monthly rule counts). */
export function weekdayMask(entries: readonly OpeningHours[]): number {
  let mask = 0;
  for (const entry of entries) {
    const parsed = parseRrule(entry.rrule);
    if (isRuleError(parsed)) continue;
    for (const d of parsed.days) mask |= 1 << WEEKDAYS.indexOf(d.day);
  }
  return mask;
}

export const weekdayBit = (day: Weekday): number => 1 << WEEKDAYS.indexOf(day);

const JA_DAYS: Record<string, Weekday> = {
  月: 'MO',
  火: 'TU',
  水: 'WE',
  木: 'TH',
  金: 'FR',
  土: 'SA',
  日: 'SU',
};

/**
 * The forms staff write in a spreadsheet, turned into entries:
 * `FREQ=WEEKLY;BYDAY=MO,WE 10:00-16:00`, `月水金 10:00-16:00`, `月・水 10:00〜16:00`,
 * `第2土 13:30-16:00`, `隔週火 10:00-12:00`; several separated by `|` or a newline.
 */
export function parseOpeningText(text: string): { ok: OpeningHours[] } | { error: RuleError } {
  const out: OpeningHours[] = [];
  for (const raw of text.normalize('NFKC').split(/[|\n]/)) {
    const item = raw.trim();
    if (!item) continue;
    const match = /^(.+?)\s*(\d{1,2}:\d{2})\s*[-~〜～]\s*(\d{1,2}:\d{2})\s*(?:\((.*)\))?$/.exec(item);
    if (!match) return { error: PLACES_FIELD.hoursUnreadable(item) };
    const [, days = '', startRaw = '', endRaw = '', note] = match;
    const pad = (t: string) => t.padStart(5, '0');
    let rrule: string;
    if (/^(RRULE:)?FREQ=/i.test(days.trim())) rrule = days.trim();
    else {
      const monthly = /^第([1-5])\s*(.+)$/.exec(days.trim());
      const biweekly = /^隔週\s*(.+)$/.exec(days.trim());
      const dayText = monthly?.[2] ?? biweekly?.[1] ?? days;
      const codes = [...dayText.replace(/曜日?|[・,、\s]/g, '')].map((c) => JA_DAYS[c]);
      if (codes.length === 0 || codes.some((c) => !c))
        return { error: PLACES_FIELD.weekdaysUnreadable(days.trim()) };
      rrule = monthly
        ? `FREQ=MONTHLY;BYDAY=${codes.map((c) => `${monthly[1]}${c}`).join(',')}`
        : `FREQ=WEEKLY;${biweekly ? 'INTERVAL=2;' : ''}BYDAY=${codes.join(',')}`;
    }
    const entry: OpeningHours = { rrule, start: pad(startRaw), end: pad(endRaw), ...(note ? { note } : {}) };
    const checked = validateOpeningHours(entry);
    if ('error' in checked) return { error: checked.error };
    out.push({ rrule: checked.ok.rrule, start: checked.ok.start, end: checked.ok.end, note: entry.note });
  }
  return { ok: out };
}

const JA_NAMES: Record<Weekday, string> = {
  MO: '月',
  TU: '火',
  WE: '水',
  TH: '木',
  FR: '金',
  SA: '土',
  SU: '日',
};

/** 毎週 月・水 10:00〜16:00 / 毎月 第2土 13:30〜16:00: for the open-data CSV and plain text. */
export function describeOpeningHours(entry: OpeningHoursView): string {
  const days =
    entry.freq === 'MONTHLY'
      ? entry.days
          .map((d) => `${d.ordinal === -1 ? '最終' : `第${d.ordinal}`}${JA_NAMES[d.day]}曜`)
          .join('・')
      : entry.days.map((d) => JA_NAMES[d.day]).join('・');
  const every =
    entry.freq === 'MONTHLY'
      ? '毎月'
      : entry.interval === 2
        ? '隔週'
        : entry.interval > 2
          ? `${entry.interval}週ごと`
          : '毎週';
  return `${every} ${days} ${entry.start}〜${entry.end}${entry.note ? `（${entry.note}）` : ''}`;
}

/**
 * Views of stored rules, by the stored entry: every public search shows twenty entries' hours, and
 * their rules repeat (毎週 火・木 …), so each distinct entry is parsed once. Bounded: cleared when full.
 */
const viewedEntries = new Map<string, OpeningHoursView | null>();
const VIEWED_ENTRIES_MAX = 5_000;

export function viewOpeningHours(entries: readonly OpeningHours[]): OpeningHoursView[] {
  const views: OpeningHoursView[] = [];
  for (const entry of entries) {
    const key = `${entry.rrule}\u0000${entry.start}\u0000${entry.end}\u0000${entry.note ?? ''}`;
    let view = viewedEntries.get(key);
    if (view === undefined) {
      const checked = validateOpeningHours(entry);
      // Shared between responses, so frozen: nothing downstream may change it.
      view = 'ok' in checked ? (Object.freeze(checked.ok) as OpeningHoursView) : null;
      if (viewedEntries.size >= VIEWED_ENTRIES_MAX) viewedEntries.clear();
      viewedEntries.set(key, view);
    }
    if (view !== null) views.push(view);
  }
  return views;
}

export { JA_NAMES as WEEKDAY_JA };
