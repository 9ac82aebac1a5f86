import { type TodayCounter, tenantRowCounter } from '../../platform/access/today.ts';

/** Directory entries a registrant or colleague sent for review. */
export const placesToday: TodayCounter[] = [
  tenantRowCounter({
    kind: 'places.in-review',
    permission: 'places.review',
    href: '/console/places',
    table: 'places',
    where: "publication = 'in_review'",
  }),
];
