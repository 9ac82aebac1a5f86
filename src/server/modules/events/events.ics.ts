/**
 * iCalendar (RFC 5545) for events: one VEVENT per session, times in Asia/Tokyo with its VTIMEZONE
 * (JST, UTC+9, no daylight saving since 1951), text escaped (3.3.11) and lines folded at 75 octets
 * without splitting a UTF-8 character (3.1), CRLF line ends. A series is written as its sessions, not
 * an RRULE: 家族学習会 sessions rarely keep one rhythm, and each has its own topic and status.
 */
type IcsSession = {
  id: string;
  seq: number;
  topic: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
};

export type IcsEvent = {
  id: string;
  title: string;
  isSeries: boolean;
  description: string;
  location: string;
  geo: { lat: number; lng: number } | null;
  organiser: string;
  url: string;
  cancelled: boolean;
  updatedAt: Date;
  sessions: IcsSession[];
};

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';
const PRODID = '-//Tsunagari//Events//JA';
const UID_DOMAIN = 'events.tsunagari';

/** RFC 5545 3.3.11: backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** RFC 5545 3.1: lines of at most 75 octets, continued with CRLF + one space; never inside a character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (currentBytes + size > limit) {
      parts.push(current);
      current = '';
      currentBytes = 0;
      limit = 74; // the continuation's leading space counts
    }
    current += ch;
    currentBytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local Tokyo time as `YYYYMMDDTHHMMSS` (UTC+9 all year). */
export function tokyoLocal(date: Date): string {
  const t = new Date(date.getTime() + 9 * 3_600_000);
  return `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}T${pad(t.getUTCHours())}${pad(
    t.getUTCMinutes(),
  )}${pad(t.getUTCSeconds())}`;
}

function utcStamp(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(
    date.getUTCHours(),
  )}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Tokyo',
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0900',
  'TZOFFSETTO:+0900',
  'TZNAME:JST',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function vevents(event: IcsEvent, stamp: Date): string[] {
  const lines: string[] = [];
  for (const s of event.sessions) {
    const summary = event.isSeries
      ? `${event.title}（第${s.seq}回${s.topic ? `：${s.topic}` : ''}）`
      : event.title;
    const cancelled = event.cancelled || s.cancelled;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${s.id}@${UID_DOMAIN}`,
      `DTSTAMP:${utcStamp(stamp)}`,
      `LAST-MODIFIED:${utcStamp(event.updatedAt)}`,
      `DTSTART;TZID=Asia/Tokyo:${tokyoLocal(s.startsAt)}`,
      `DTEND;TZID=Asia/Tokyo:${tokyoLocal(s.endsAt)}`,
      `SUMMARY:${escapeText(summary)}`,
    );
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.geo) lines.push(`GEO:${event.geo.lat.toFixed(6)};${event.geo.lng.toFixed(6)}`);
    if (event.organiser) lines.push(`X-TSUNAGARI-ORGANISER:${escapeText(event.organiser)}`);
    lines.push(`URL:${event.url}`, `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'TRANSP:OPAQUE');
    if (event.isSeries) lines.push(`RELATED-TO;RELTYPE=PARENT:${event.id}@${UID_DOMAIN}`);
    lines.push('END:VEVENT');
  }
  return lines;
}

/** A whole calendar: one event's sessions, or a feed of many events. */
export function icsCalendar(name: string, list: IcsEvent[], stamp: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    'X-WR-TIMEZONE:Asia/Tokyo',
    ...VTIMEZONE,
    ...list.flatMap((e) => vevents(e, stamp)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
