/**
 * Today's work on each role's home page (`GET /api/console/today`, issue 22). The kinds are one list
 * for server and web: a counter the server adds without a label on the web fails typecheck.
 */
export const TODAY_KINDS = [
  'reports.new-urgent',
  'reports.new',
  'consultations.waiting',
  'support.reviews-due',
  'support.contacts-due',
  'support.watch',
  'agencies.referrals-received',
  'peers.claims-to-approve',
  'peers.my-shifts-this-week',
  'events.sessions-this-week',
  'places.in-review',
  'subsidies.applications-to-check',
  'subsidies.claims-to-confirm',
  'payments.batches-to-approve',
  'payments.batches-to-export',
  'returns.to-review',
  'returns.own-to-submit',
  'cases.to-review',
  'cases.to-publish',
] as const;

export type TodayKind = (typeof TODAY_KINDS)[number];

export type TodayItem = { kind: TodayKind; count: number; href: string };

/**
 * The console calendar (`GET /api/console/calendar`, issue 22 item 3): the caller's appointments
 * (planned contacts and plan reviews of their own caseload), their peer-support shifts and the
 * tenant's event sessions, one list ordered by time.
 */
export const CALENDAR_KINDS = ['support.contact', 'support.review', 'peers.shift', 'events.session'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];
export type CalendarEntry = {
  kind: CalendarKind;
  /** Day in Asia/Tokyo (YYYY-MM-DD). */
  date: string;
  /** HH:MM in Asia/Tokyo, or null for a whole-day item (a planned contact, a review). */
  start: string | null;
  end: string | null;
  /** What it is about, as staff read it (a nickname with さん, an event title). */
  title: string;
  href: string;
};
/** The longest range one request may ask for. */
export const CALENDAR_MAX_DAYS = 62;
