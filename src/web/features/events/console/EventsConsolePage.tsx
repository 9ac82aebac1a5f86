import '../i18n.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '../../../../shared/permissions.ts';
import { meQuery } from '../../../api/me.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { formatStaffDay } from '../../../ui/datetime.ts';
import { ListFilterBar } from '../../../ui/ListFilterBar.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { linkClass, primaryButtonClass, tableClass, tdClass, thClass } from '../../../ui/styles.ts';
import { type StaffEventSort, staffEventsQuery } from '../api.ts';
import { OrganisersSection } from './OrganisersSection.tsx';

/** `/console/events`: the events this account manages (a family association: its own association's). */
export function EventsConsolePage() {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<StaffEventSort>('created');
  const list = useQuery({ ...staffEventsQuery({ q, sort }), placeholderData: keepPreviousData });
  const data = list.data;
  const me = useQuery(meQuery());
  const canManageOrganisers = hasPermission(
    (me.data?.account.roles ?? []).map((r) => r.role),
    'events.organisers.manage',
  );
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <PageHeading title={t('events.console.title')}>{t('events.console.title')}</PageHeading>
        <Link to="/console/events/new" className={primaryButtonClass}>
          {t('events.console.create')}
        </Link>
      </div>
      <p className="text-std-16N-170">{t('events.console.lead')}</p>
      {/* Server-side: GET /api/events is paged; q and sort go to it. */}
      <ListFilterBar
        id="events"
        label={t('events.console.listFilter.label')}
        text={{
          label: t('events.console.listFilter.text'),
          hint: t('events.console.listFilter.hint'),
          value: q,
          onApply: setQ,
          applyLabel: t('events.console.listFilter.apply'),
        }}
        sort={{
          label: t('events.console.listFilter.sort'),
          value: sort,
          onChange: setSort,
          options: (['created', 'date', 'title'] as const).map((value) => ({
            value,
            label: t(`events.console.listFilter.sorts.${value}`),
          })),
        }}
      />
      {list.isError ? (
        <Notice tone="error">
          <p>{problemMessage(list.error)}</p>
        </Notice>
      ) : !data ? (
        <p>{t('common.loading')}</p>
      ) : data.items.length === 0 ? (
        <p className="text-std-16N-170">
          {q ? t('events.console.listFilter.none') : t('events.console.empty')}
        </p>
      ) : (
        <DataTable label={t('events.console.title')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {t('events.console.columns.title')}
                </th>
                <th scope="col" className={thClass}>
                  {t('events.console.columns.status')}
                </th>
                <th scope="col" className={thClass}>
                  {t('events.console.columns.dates')}
                </th>
                <th scope="col" className={thClass}>
                  {t('events.console.columns.confirmed')}
                </th>
                <th scope="col" className={thClass}>
                  {t('events.console.columns.waitlisted')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.id}>
                  <td className={tdClass}>
                    <Link
                      to="/console/events/$id"
                      params={{ id: e.id }}
                      className={`${linkClass} inline-flex min-h-11 items-center`}
                      lang="ja"
                    >
                      {e.title}
                    </Link>
                    <span className="block text-dns-14N-130 text-solid-gray-700" lang="ja">
                      {t(`events.kind.${e.kind}`)} ・ {e.organiser.name}
                    </span>
                  </td>
                  <td className={tdClass}>{t(`events.console.status.${e.status}`)}</td>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    {e.firstStartsAt ? formatStaffDay(e.firstStartsAt, i18n.language) : ''}
                    {e.lastStartsAt && e.lastStartsAt !== e.firstStartsAt
                      ? ` 〜 ${formatStaffDay(e.lastStartsAt, i18n.language)}`
                      : ''}
                  </td>
                  <td className={tdClass}>{e.confirmedPeople}</td>
                  <td className={tdClass}>{e.waitlistedPeople}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
      {canManageOrganisers && <OrganisersSection />}
    </>
  );
}
