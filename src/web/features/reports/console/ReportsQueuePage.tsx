import '../i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { CursorPager, type CursorTrail } from '../../../ui/CursorPager.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { formatStaffInstant } from '../../../ui/datetime.ts';
import { ListFilterBar } from '../../../ui/ListFilterBar.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { linkClass, monoClass, tableClass, tdClass, thClass } from '../../../ui/styles.ts';
import { type ReportFilter, reportsQuery } from '../api.ts';
import { StatusBadge, UrgentBadge } from './badges.tsx';

/** `/console/reports`: the triage queue, urgent reports first, then the newest. */
export function ReportsQueuePage() {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const [filter, setFilter] = useState<ReportFilter>({ status: 'open' });
  const [cursors, setCursors] = useState<CursorTrail>([undefined]);
  const cursor = cursors.at(-1);
  const list = useQuery(reportsQuery(filter, cursor));
  const title = t('reports.queue.title');

  const update = (next: ReportFilter) => {
    setFilter(next);
    setCursors([undefined]);
  };

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('reports.queue.lead')}</p>
      {/* Server-side: the queue is paged; words and orders are applied by the API. */}
      <ListFilterBar
        id="queue"
        label={t('reports.queue.filters')}
        text={{
          label: t('reports.queue.filterText'),
          hint: t('reports.queue.filterHint'),
          value: filter.q ?? '',
          onApply: (q) => {
            const { q: _q, ...rest } = filter;
            update(q ? { ...rest, q } : rest);
          },
          applyLabel: t('reports.queue.filterApply'),
        }}
        sort={{
          label: t('reports.queue.sort'),
          value: filter.sort ?? 'triage',
          onChange: (sort) => {
            const { sort: _s, ...rest } = filter;
            update(sort === 'triage' ? rest : { ...rest, sort });
          },
          options: (['triage', 'newest', 'oldest'] as const).map((value) => ({
            value,
            label: t(`reports.queue.sorts.${value}`),
          })),
        }}
      >
        <div className="w-64">
          <SelectField
            id="queue-status"
            compact
            label={t('reports.queue.status')}
            value={filter.status}
            onChange={(e) => update({ ...filter, status: e.target.value as ReportFilter['status'] })}
            options={[
              { value: 'open', label: t('reports.queue.statusOpen') },
              { value: 'new', label: t('reports.statuses.new') },
              { value: 'in_progress', label: t('reports.statuses.in_progress') },
              { value: 'referred', label: t('reports.statuses.referred') },
              { value: 'closed', label: t('reports.statuses.closed') },
              { value: 'all', label: t('reports.queue.statusAll') },
            ]}
          />
        </div>
        <Checkbox
          id="queue-urgent"
          label={t('reports.queue.urgentOnly')}
          checked={filter.urgent === 'true'}
          onChange={(e) => {
            const { urgent: _u, ...rest } = filter;
            update(e.target.checked ? { ...rest, urgent: 'true' } : rest);
          }}
        />
        <Checkbox
          id="queue-mine"
          label={t('reports.queue.mine')}
          checked={filter.assigned === 'me'}
          onChange={(e) => {
            const { assigned: _a, ...rest } = filter;
            update(e.target.checked ? { ...rest, assigned: 'me' } : rest);
          }}
        />
      </ListFilterBar>
      <div role="status" aria-live="polite" className="text-dns-16N-130">
        {list.data && t('reports.queue.count', { count: list.data.total })}
      </div>
      {list.isError ? (
        <Notice tone="error">
          <p>{problemMessage(list.error)}</p>
        </Notice>
      ) : list.isPending ? (
        <p>{t('common.loading')}</p>
      ) : list.data.items.length === 0 ? (
        <p className="text-std-16N-170">{t('reports.queue.none')}</p>
      ) : (
        <DataTable label={t('reports.queue.tableLabel')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {t('reports.queue.receipt')}
                </th>
                <th scope="col" className={thClass}>
                  {t('reports.queue.urgency')}
                </th>
                <th scope="col" className={thClass}>
                  {t('reports.queue.receivedAt')}
                </th>
                <th scope="col" className={thClass}>
                  {t('reports.queue.status')}
                </th>
                <th scope="col" className={thClass}>
                  {t('reports.queue.categories')}
                </th>
                <th scope="col" className={thClass}>
                  {t('reports.queue.operator')}
                </th>
                <th scope="col" className={thClass}>
                  {t('reports.queue.protections')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={r.id} className={r.urgent ? 'bg-red-50' : undefined}>
                  <td className={tdClass}>
                    <Link
                      to="/console/reports/$id"
                      params={{ id: r.id }}
                      className={`${linkClass} ${monoClass} inline-flex min-h-11 items-center`}
                    >
                      {r.receiptNumber}
                    </Link>
                  </td>
                  <td className={tdClass}>{r.urgent ? <UrgentBadge /> : t('reports.queue.notUrgent')}</td>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    {formatStaffInstant(r.receivedAt, i18n.language)}
                  </td>
                  <td className={tdClass}>
                    <StatusBadge status={r.status} />
                  </td>
                  <td className={`${tdClass} min-w-48`}>
                    {r.categories.map((c) => t(`reports.categories.${c}`)).join('、')}
                  </td>
                  <td className={tdClass}>
                    {r.operator ? (
                      <span lang="ja">{r.operator.displayName}</span>
                    ) : (
                      t('reports.queue.noOperator')
                    )}
                  </td>
                  <td className={tdClass}>
                    {r.protections > 0 ? t('reports.queue.protected', { count: r.protections }) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
      <CursorPager cursors={cursors} setCursors={setCursors} nextCursor={list.data?.nextCursor ?? null} />
    </>
  );
}
