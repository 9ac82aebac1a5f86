import '../i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withHonorific } from '../../../../shared/text/honorific.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { formatStaffInstant } from '../../../ui/datetime.ts';
import { ListFilterBar, matchesAllWords } from '../../../ui/ListFilterBar.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { cardClass, linkClass } from '../../../ui/styles.ts';
import { inboxQuery, type ReferralStatus } from '../api.ts';
import { type ReferralSort, ReferralStatusFilter, sortReferrals } from './referral-list.tsx';

/** `/console/agency/referrals`: the agency member's inbox (no content until opened). */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const inbox = useQuery(inboxQuery());
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<ReferralSort>('newest');
  const [shownStatus, setShownStatus] = useState<ReferralStatus | ''>('');
  const shown = sortReferrals(
    (inbox.data?.items ?? []).filter(
      (r) =>
        (!shownStatus || r.status === shownStatus) &&
        matchesAllWords(q, [r.personNickname, r.requestedBy.displayName]),
    ),
    sort,
    (r) => r.requestedBy.displayName,
  );
  return (
    <>
      <PageHeading title={t('agencies.inbox.title')}>{t('agencies.inbox.title')}</PageHeading>
      {inbox.isError && (
        <Notice tone="error">
          <p>{problemMessage(inbox.error)}</p>
        </Notice>
      )}
      {inbox.data && (
        <>
          <p className="max-w-3xl text-std-16N-170">
            {t('agencies.inbox.lead', { agency: inbox.data.agency.name })}
          </p>
          {inbox.data.items.length === 0 && <p>{t('agencies.inbox.empty')}</p>}
          {/* Client-side: the inbox comes whole (the latest 200, one request, no pages). */}
          {inbox.data.items.length > 0 && (
            <ListFilterBar
              id="inbox"
              label={t('agencies.inbox.filterLabel')}
              text={{
                label: t('agencies.inbox.filterText'),
                value: q,
                onApply: setQ,
                applyLabel: t('agencies.filter.apply'),
              }}
              sort={{
                label: t('agencies.inbox.sort'),
                value: sort,
                onChange: setSort,
                options: (['newest', 'oldest'] as const).map((value) => ({
                  value,
                  label: t(`agencies.referrals.sorts.${value}`),
                })),
              }}
            >
              <ReferralStatusFilter id="inbox-status" value={shownStatus} onChange={setShownStatus} />
            </ListFilterBar>
          )}
          {inbox.data.items.length > 0 && shown.length === 0 && <p>{t('agencies.inbox.noneMatch')}</p>}
          <ul className="flex max-w-3xl flex-col gap-3">
            {shown.map((r) => (
              <li key={r.id} className={cardClass}>
                <p className="text-std-17B-170">
                  {formatStaffInstant(r.requestedAt, i18n.language)}：{t(`agencies.statuses.${r.status}`)}
                </p>
                {r.personNickname && (
                  <p className="text-std-16N-170">
                    {t('agencies.inbox.person')}：{withHonorific(r.personNickname)}
                  </p>
                )}
                <p className="text-std-16N-170">
                  {t('agencies.inbox.requestedBy')}：{r.requestedBy.displayName}（
                  {t('agencies.inbox.contact')}：
                  <a className={linkClass} href={`mailto:${r.requestedBy.email}`}>
                    {r.requestedBy.email}
                  </a>
                  ）
                </p>
                <p className="text-std-16N-170">
                  {t('agencies.referrals.basis')}：{t(`agencies.bases.${r.basis}`)}
                  {!r.basisInForce && `（${t('agencies.inbox.basisEnded')}）`}
                </p>
                <Link
                  to="/console/agency/referrals/$id"
                  params={{ id: r.id }}
                  className={`${linkClass} inline-flex min-h-11 items-center self-start`}
                >
                  {t('agencies.inbox.open')}
                  <span className="sr-only">（{formatStaffInstant(r.requestedAt, i18n.language)}）</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
