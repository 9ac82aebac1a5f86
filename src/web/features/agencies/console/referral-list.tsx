import '../i18n.ts';
import { useTranslation } from 'react-i18next';
import { ListFilterSelect } from '../../../ui/ListFilterBar.tsx';
import { REFERRAL_STATUSES, type ReferralStatus } from '../api.ts';

/** The sort and the status filter the referral lists share (a person's referrals, the agency inbox). */
export type ReferralSort = 'newest' | 'oldest' | 'agency';
const referralCollator = new Intl.Collator('ja');
/** newest/oldest: by the time of the request (ties by id, so the order is stable); agency: 50音 of `name`. */
export function sortReferrals<R extends { id: string; requestedAt: string }>(
  items: R[],
  sort: ReferralSort,
  name: (r: R) => string,
): R[] {
  const byTime = (a: R, b: R) =>
    Date.parse(b.requestedAt) - Date.parse(a.requestedAt) || a.id.localeCompare(b.id);
  return [...items].sort((a, b) =>
    sort === 'oldest'
      ? -byTime(a, b)
      : sort === 'agency'
        ? referralCollator.compare(name(a), name(b)) || byTime(a, b)
        : byTime(a, b),
  );
}

export function ReferralStatusFilter({
  id,
  value,
  onChange,
}: {
  id: string;
  value: ReferralStatus | '';
  onChange: (status: ReferralStatus | '') => void;
}) {
  const { t } = useTranslation();
  return (
    <ListFilterSelect
      id={id}
      label={t('agencies.filter.status')}
      value={value}
      onChange={onChange}
      allLabel={t('agencies.filter.allStatuses')}
      options={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`agencies.statuses.${s}`) }))}
    />
  );
}
