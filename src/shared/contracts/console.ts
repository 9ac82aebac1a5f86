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
