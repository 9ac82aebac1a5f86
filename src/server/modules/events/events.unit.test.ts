import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { newRegistrationToken, parseRegistrationToken, tokenHash } from './events.codes.ts';
import { escapeText, foldLine, icsCalendar, tokyoLocal } from './events.ics.ts';
import { sessionWhenJa, tokyoDate } from './events.present.ts';
import { tomorrowWindow } from './events.reminders.ts';

const event = (over: Partial<Parameters<typeof icsCalendar>[1][number]> = {}) => ({
  id: '00000000-0000-4000-8000-000000000001',
  title: '家族学習会, 全6回; 第1期',
  isSeries: true,
  description: '1行目\n2行目 \\ バックスラッシュ',
  location: '甲府市 丸の内2丁目, 3階',
  geo: { lat: 35.6629, lng: 138.5683 },
  organiser: 'あじさいの会',
  url: 'https://example.jp/events/1',
  cancelled: false,
  updatedAt: new Date('2026-11-26T01:00:00Z'),
  sessions: [
    {
      id: '00000000-0000-4000-8000-0000000000a1',
      seq: 1,
      topic: 'ひきこもりを理解する'.repeat(6),
      startsAt: new Date('2026-12-05T04:30:00Z'),
      endsAt: new Date('2026-12-05T06:30:00Z'),
      cancelled: false,
    },
    {
      id: '00000000-0000-4000-8000-0000000000a2',
      seq: 2,
      topic: '',
      startsAt: new Date('2026-12-19T04:30:00Z'),
      endsAt: new Date('2026-12-19T06:30:00Z'),
      cancelled: true,
    },
  ],
  ...over,
});

describe('iCalendar (RFC 5545)', () => {
  it('escapes text values', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character, and unfolding restores them', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        const folded = foldLine(`SUMMARY:${s}`);
        for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${s}`);
      }),
    );
  });

  it('writes Tokyo local time (UTC+9) for DTSTART', () => {
    expect(tokyoLocal(new Date('2026-12-31T15:30:00Z'))).toBe('20270101T003000');
  });

  it('round-trips through ical.js: text, times in Asia/Tokyo, cancelled sessions', () => {
    const text = icsCalendar('テスト, カレンダー', [event()], new Date('2026-11-26T01:00:00Z'));
    const cal = new ICAL.Component(ICAL.parse(text));
    const tz = cal.getFirstSubcomponent('vtimezone')!;
    ICAL.TimezoneService.register(tz);
    const [first, second] = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(first!.summary).toBe(`家族学習会, 全6回; 第1期（第1回：${'ひきこもりを理解する'.repeat(6)}）`);
    expect(first!.description).toBe('1行目\n2行目 \\ バックスラッシュ');
    expect(first!.location).toBe('甲府市 丸の内2丁目, 3階');
    expect(first!.startDate.toJSDate().toISOString()).toBe('2026-12-05T04:30:00.000Z');
    expect(first!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(second!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    // ical.js keeps x- properties raw; they are written escaped as TEXT (RFC 5545 3.8.8.2).
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('テスト\\, カレンダー');
  });
});

describe('registration tokens', () => {
  it('carry the tenant, and only a hash of the secret is compared', () => {
    const token = newRegistrationToken('192015');
    const parsed = parseRegistrationToken(token)!;
    expect(parsed.tenant).toBe('192015');
    expect(parsed.hash).toBe(tokenHash('192015', token.split('-').slice(1).join('-')));
    expect(parsed.hash).not.toContain(token.slice(7));
    expect(parseRegistrationToken('192015-short')).toBeNull();
    expect(parseRegistrationToken('garbage')).toBeNull();
    expect(newRegistrationToken('192015')).not.toBe(token);
  });
});

describe('dates in Asia/Tokyo', () => {
  it('the day before is the Tokyo calendar day, whatever the UTC date', () => {
    // 2026-12-09 07:00 in Tokyo is still 2026-12-08 in UTC.
    const { start, end } = tomorrowWindow(new Date('2026-12-08T22:00:00Z'));
    expect(start.toISOString()).toBe('2026-12-09T15:00:00.000Z'); // 2026-12-10 00:00 JST
    expect(end.toISOString()).toBe('2026-12-10T15:00:00.000Z');
    expect(tokyoDate(new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
  });

  it('writes a session as people read it', () => {
    expect(sessionWhenJa(new Date('2026-12-05T04:30:00Z'), new Date('2026-12-05T06:30:00Z'))).toBe(
      '12月5日（土）13:30〜15:30',
    );
  });
});
