import '../i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fiscalYearOfMonth } from '../../../../shared/fiscal-year.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { CursorPager, type CursorTrail } from '../../../ui/CursorPager.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { formatStaffDay } from '../../../ui/datetime.ts';
import { ListFilterBar } from '../../../ui/ListFilterBar.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { linkClass, monoClass, tableClass, tdClass, thClass } from '../../../ui/styles.ts';
import {
  type ApplicationSort,
  type ApplicationStatus,
  applicationsQuery,
  programmesQuery,
  yen,
} from '../api.ts';

const STATUSES: ApplicationStatus[] = ['submitted', 'checked', 'approved', 'rejected'];

/** `/console/subsidies`: the queue of applications, newest first, with the budget of the year. */
export function QueuePage({ canConfirm = false }: { canConfirm?: boolean }) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const [status, setStatus] = useState<ApplicationStatus | ''>('');
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<ApplicationSort>('newest');
  const [cursors, setCursors] = useState<CursorTrail>([undefined]);
  const list = useQuery(applicationsQuery(status, cursors.at(-1), { q, sort }));
  const programmes = useQuery(programmesQuery());
  const lang = i18n.language;
  const title = t('subsidies.console.queueTitle');
  // The programme of the current fiscal year (the list is newest first; next year's may exist already).
  const thisYear = fiscalYearOfMonth(new Date().toISOString().slice(0, 7));
  const current =
    programmes.data?.items.find((x) => x.fiscalYear === thisYear) ?? programmes.data?.items.at(-1);
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('subsidies.console.queueLead')}</p>
      {current && (
        <p className="text-dns-16N-130" data-testid="budget">
          {current.name}:{' '}
          {t('subsidies.console.budget', {
            budget: yen(current.budget.budgetYen, lang),
            confirmed: yen(current.budget.confirmedYen, lang),
            pending: yen(current.budget.pendingYen, lang),
            remaining: yen(current.budget.remainingYen, lang),
          })}{' '}
          <Link to="/console/subsidies/programme" className={linkClass}>
            {t('subsidies.console.programmes')}
          </Link>
        </p>
      )}
      <p className="flex flex-wrap gap-x-6">
        <Link to="/console/subsidies/new" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('subsidies.console.newAtCounter')}
        </Link>
        {canConfirm && (
          <Link to="/console/subsidies/claims" className={`${linkClass} inline-flex min-h-11 items-center`}>
            {t('subsidies.console.claimsQueue')}
          </Link>
        )}
      </p>
      {/* Server-side: the queue is paged (q and sort go to the API; a new filter starts at the first page). */}
      <ListFilterBar
        id="subsidy-queue"
        label={t('subsidies.console.queueFilterLabel')}
        text={{
          label: t('subsidies.console.queueFilterText'),
          value: q,
          onApply: (next) => {
            setQ(next);
            setCursors([undefined]);
          },
          applyLabel: t('subsidies.console.filterApply'),
        }}
        sort={{
          label: t('subsidies.console.queueSort'),
          value: sort,
          onChange: (next) => {
            setSort(next);
            setCursors([undefined]);
          },
          options: (['newest', 'oldest', 'destination', 'requested'] as const).map((value) => ({
            value,
            label: t(`subsidies.console.queueSorts.${value}`),
          })),
        }}
      >
        <div className="w-64 max-w-full">
          <SelectField
            id="subsidy-status"
            compact
            label={t('subsidies.console.filterStatus')}
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as ApplicationStatus | '');
              setCursors([undefined]);
            }}
            options={[
              { value: '', label: t('subsidies.console.all') },
              ...STATUSES.map((s) => ({ value: s, label: t(`subsidies.statuses.${s}`) })),
            ]}
          />
        </div>
      </ListFilterBar>
      {list.isError ? (
        <Notice tone="error">
          <p>{problemMessage(list.error)}</p>
        </Notice>
      ) : list.isPending ? (
        <p>{t('common.loading')}</p>
      ) : list.data.items.length === 0 ? (
        <p>{t(q || status ? 'subsidies.console.queueNoneMatch' : 'subsidies.console.empty')}</p>
      ) : (
        <DataTable label={title}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>{t('subsidies.console.receiptNumber')}</th>
                <th className={thClass}>{t('subsidies.console.filterStatus')}</th>
                <th className={thClass}>{t('subsidies.console.destination')}</th>
                <th className={thClass}>{t('subsidies.console.requested')}</th>
                <th className={thClass}>{t('subsidies.console.granted')}</th>
                <th className={thClass}>{t('subsidies.console.submittedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.id}>
                  <td className={tdClass}>
                    <Link
                      to="/console/subsidies/applications/$id"
                      params={{ id: a.id }}
                      className={`${linkClass} ${monoClass}`}
                    >
                      {a.receiptNumber}
                    </Link>
                  </td>
                  <td className={tdClass}>{t(`subsidies.statuses.${a.status}`)}</td>
                  <td className={tdClass}>{a.destinationName}</td>
                  <td className={tdClass}>{yen(a.requestedMonthlyYen, lang)}</td>
                  <td className={tdClass}>
                    {a.grantedMonthlyYen === null ? '—' : yen(a.grantedMonthlyYen, lang)}
                  </td>
                  <td className={tdClass}>
                    {formatStaffDay(a.submittedAt, lang)}
                    {a.enteredAtCounter ? `（${t('subsidies.console.counter')}）` : ''}
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
