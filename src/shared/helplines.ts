import { isJapaneseHoliday } from './japanese-holidays.ts';

/**
 * The national lines shown to everyone (BRIEF "Numbers to show people" — never add a number that is
 * not there), with when they answer and whether the call is free, as data: the public pages say which
 * answer *now* and must never call a line "いつでも" when it is not 24 hours.
 *
 * Hours as the operators publish them (checked 2026-12):
 * - 110, 119: 24 hours, free.
 * - #9110 警察相談専用電話: weekdays 8:30–17:15 at most prefectural police (some differ; nights and
 *   holidays go to the duty desk or an answering machine). The caller pays for the call.
 * - 188 消費者ホットライン: forwards to the local 消費生活センター on weekdays (hours set locally) and to
 *   the 国民生活センター 10:00–16:00 on weekends and holidays; closed 12/29–1/3. We count only the
 *   10:00–16:00 core that every day has. The caller pays.
 * - 189 児童相談所虐待対応ダイヤル: 24 hours, free.
 * - 0570-064-556 こころの健康相談統一ダイヤル: forwards to the prefecture's line, whose hours differ; the
 *   national evening service answers weekdays 18:30–22:30 (calls taken until 22:00). We count a
 *   weekday 10:00–16:00 core plus the evening service. ナビダイヤル: the caller pays.
 * - 0120-279-338 よりそいホットライン: 24 hours, every day, free.
 * Where hours differ by place, `hoursVary` makes the page say so.
 */
export type HelplineId =
  | 'police'
  | 'fire'
  | 'policeConsultation'
  | 'consumer'
  | 'childAbuse'
  | 'mentalHealth'
  | 'yorisoi';

/** A weekly window in Japan time, `from` inclusive and `to` exclusive, as HH:MM. */
export type HelplineWindow = { days: 'weekdays' | 'everyday'; from: string; to: string };

export type Helpline = {
  id: HelplineId;
  /** As printed. */
  display: string;
  group: 'emergency' | 'consult';
  /** True when the call costs the caller nothing (0120 フリーダイヤル, 110, 119, 189). */
  free: boolean;
  /** 24 hours, every day of the year. */
  alwaysOpen: boolean;
  /** When not always open: the windows in which someone answers (Asia/Tokyo). */
  windows: readonly HelplineWindow[];
  /** Closed 12/29–1/3 (年末年始). */
  closedYearEnd: boolean;
  /** The hours depend on the prefecture or the local centre the call is forwarded to. */
  hoursVary: boolean;
};

export const HELPLINES: readonly Helpline[] = [
  {
    id: 'police',
    display: '110',
    group: 'emergency',
    free: true,
    alwaysOpen: true,
    windows: [],
    closedYearEnd: false,
    hoursVary: false,
  },
  {
    id: 'fire',
    display: '119',
    group: 'emergency',
    free: true,
    alwaysOpen: true,
    windows: [],
    closedYearEnd: false,
    hoursVary: false,
  },
  {
    id: 'policeConsultation',
    display: '#9110',
    group: 'consult',
    free: false,
    alwaysOpen: false,
    windows: [{ days: 'weekdays', from: '08:30', to: '17:15' }],
    closedYearEnd: true,
    hoursVary: true,
  },
  {
    id: 'consumer',
    display: '188',
    group: 'consult',
    free: false,
    alwaysOpen: false,
    windows: [{ days: 'everyday', from: '10:00', to: '16:00' }],
    closedYearEnd: true,
    hoursVary: true,
  },
  {
    id: 'childAbuse',
    display: '189',
    // A child in danger: listed with 110 and 119, not under "話を聞いてほしいとき" (issue 21 item 10).
    group: 'emergency',
    free: true,
    alwaysOpen: true,
    windows: [],
    closedYearEnd: false,
    hoursVary: false,
  },
  {
    id: 'mentalHealth',
    display: '0570-064-556',
    group: 'consult',
    free: false,
    alwaysOpen: false,
    windows: [
      { days: 'weekdays', from: '10:00', to: '16:00' },
      { days: 'weekdays', from: '18:30', to: '22:00' },
    ],
    closedYearEnd: true,
    hoursVary: true,
  },
  {
    id: 'yorisoi',
    display: '0120-279-338',
    group: 'consult',
    free: true,
    alwaysOpen: true,
    windows: [],
    closedYearEnd: false,
    hoursVary: false,
  },
];

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Calendar fields of an instant in Japan time (no daylight saving, so a fixed offset is exact). */
export function tokyoTime(at: Date) {
  const local = new Date(at.getTime() + JST_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: local.getUTCDay(),
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

const toMinutes = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Whether someone answers the line at this instant, by the business clock in Asia/Tokyo. */
export function isHelplineOpen(line: Helpline, at: Date): boolean {
  if (line.alwaysOpen) return true;
  const now = tokyoTime(at);
  if (line.closedYearEnd && ((now.month === 12 && now.day >= 29) || (now.month === 1 && now.day <= 3)))
    return false;
  const workingDay =
    now.weekday !== 0 && now.weekday !== 6 && !isJapaneseHoliday(now.year, now.month, now.day);
  return line.windows.some(
    (w) =>
      (w.days === 'everyday' || workingDay) &&
      now.minutes >= toMinutes(w.from) &&
      now.minutes < toMinutes(w.to),
  );
}
