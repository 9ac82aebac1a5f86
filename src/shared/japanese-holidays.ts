/**
 * Japanese national holidays (国民の祝日に関する法律, as amended in 2018; valid from 2020 on, the years
 * this system serves — the one-off 2020/2021 Olympic moves are not modelled). Used to tell whether a
 * line that answers "on weekdays" answers today; a line's own closures (年末年始) are its own data.
 *
 * 春分・秋分 are fixed each February by the National Astronomical Observatory's announcement; the
 * standard approximation below gives the announced dates for 1980–2099.
 */

const ymd = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const weekday = (y: number, m: number, d: number) => new Date(ymd(y, m, d)).getUTCDay();

/** Day of the month of the n-th Monday (n = 1…5). */
function nthMonday(y: number, m: number, n: number): number {
  const first = weekday(y, m, 1);
  const firstMonday = 1 + ((8 - first) % 7);
  return firstMonday + (n - 1) * 7;
}

function vernalEquinox(y: number): number {
  return Math.floor(20.8431 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4));
}

function autumnalEquinox(y: number): number {
  return Math.floor(23.2488 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4));
}

/** Holidays named in the law (before 振替休日 and 国民の休日). */
function isStatutoryHoliday(y: number, m: number, d: number): boolean {
  switch (m) {
    case 1:
      return d === 1 || d === nthMonday(y, 1, 2);
    case 2:
      return d === 11 || d === 23;
    case 3:
      return d === vernalEquinox(y);
    case 4:
      return d === 29;
    case 5:
      return d === 3 || d === 4 || d === 5;
    case 7:
      return d === nthMonday(y, 7, 3);
    case 8:
      return d === 11;
    case 9:
      return d === nthMonday(y, 9, 3) || d === autumnalEquinox(y);
    case 10:
      return d === nthMonday(y, 10, 2);
    case 11:
      return d === 3 || d === 23;
    default:
      return false;
  }
}

function shift(y: number, m: number, d: number, days: number): [number, number, number] {
  const date = new Date(ymd(y, m, d) + days * 86_400_000);
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

/** A national holiday, a substitute holiday (振替休日) or a 国民の休日, on this calendar date. */
export function isJapaneseHoliday(y: number, m: number, d: number): boolean {
  if (isStatutoryHoliday(y, m, d)) return true;
  // 振替休日: the first day that is not a holiday after a holiday falling on a Sunday.
  for (let back = 1; back <= 7; back++) {
    const [py, pm, pd] = shift(y, m, d, -back);
    if (!isStatutoryHoliday(py, pm, pd)) break;
    if (weekday(py, pm, pd) === 0) return true;
  }
  // 国民の休日: an ordinary day between two holidays (in practice September's 敬老の日 and 秋分の日).
  const before = shift(y, m, d, -1);
  const after = shift(y, m, d, 1);
  return weekday(y, m, d) !== 0 && isStatutoryHoliday(...before) && isStatutoryHoliday(...after);
}
