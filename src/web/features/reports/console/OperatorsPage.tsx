import '../i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AmountSummary } from '../../../../shared/contracts/reports.ts';
import { REPORT_CATEGORIES as CATEGORIES } from '../../../../shared/contracts/reports-enums.ts';
import { isApiError } from '../../../api/client.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { formatStaffInstant } from '../../../ui/datetime.ts';
import { ListFilterBar } from '../../../ui/ListFilterBar.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { cardClass, linkClass, monoClass, tableClass, tdClass, thClass } from '../../../ui/styles.ts';
import { type OperatorSort, operatorQuery, operatorsQuery } from '../api.ts';
import { StatusBadge } from './badges.tsx';

/**
 * `/console/operators`: the national registry of businesses reported here and in other municipalities
 * (business identity only), with the number of reports behind each.
 */
export function OperatorsPage() {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<OperatorSort>('name');
  const list = useQuery(operatorsQuery(q, sort));
  const title = t('reports.operators.title');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('reports.operators.lead')}</p>
      {/* Server-side: the national registry is paged. */}
      <ListFilterBar
        id="operators"
        label={t('reports.operators.filterLabel')}
        text={{
          label: t('reports.operators.search'),
          value: q,
          onApply: setQ,
          applyLabel: t('reports.operators.searchButton'),
        }}
        sort={{
          label: t('reports.operators.sort'),
          value: sort,
          onChange: setSort,
          options: (['name', 'recent'] as const).map((value) => ({
            value,
            label: t(`reports.operators.sorts.${value}`),
          })),
        }}
      />
      <div role="status" aria-live="polite" className="text-dns-16N-130">
        {list.data && t('reports.operators.count', { count: list.data.total })}
      </div>
      {list.isError ? (
        <Notice tone="error">
          <p>{problemMessage(list.error)}</p>
        </Notice>
      ) : list.isPending ? (
        <p>{t('common.loading')}</p>
      ) : list.data.items.length === 0 ? (
        <p className="text-std-16N-170">{t('reports.operators.none')}</p>
      ) : (
        <DataTable label={t('reports.operators.tableLabel')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {t('reports.operators.name')}
                </th>
                <th scope="col" className={thClass}>
                  {t('reports.form.corporateNumber')}
                </th>
                <th scope="col" className={thClass}>
                  {t('reports.operators.reports')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((o) => (
                <tr key={o.id}>
                  <td className={tdClass}>
                    <Link
                      to="/console/operators/$id"
                      params={{ id: o.id }}
                      className={`${linkClass} inline-flex min-h-11 items-center`}
                    >
                      <span lang="ja">{o.displayName}</span>
                    </Link>
                  </td>
                  <td className={`${tdClass} ${monoClass}`}>{o.corporateNumber ?? '—'}</td>
                  <td className={tdClass}>{o.reports}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
    </>
  );
}

/** `/console/operators/$id`: totals across every municipality (aggregates only) and this municipality's own reports. */
export function OperatorDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const operator = useQuery(operatorQuery(id));
  const back = (
    <p>
      <Link to="/console/operators" className={`${linkClass} inline-flex min-h-11 items-center`}>
        {t('reports.operators.back')}
      </Link>
    </p>
  );
  if (operator.isPending || operator.isError) {
    const title = isApiError(operator.error, 404)
      ? t('reports.operators.notFound')
      : t('reports.operators.title');
    return (
      <>
        {back}
        <PageHeading title={title}>{title}</PageHeading>
        {operator.isPending ? (
          <p>{t('common.loading')}</p>
        ) : (
          <Notice tone="error">
            <p>{problemMessage(operator.error)}</p>
          </Notice>
        )}
      </>
    );
  }
  const o = operator.data;
  const totals = o.totals;
  const amount = (a: AmountSummary) =>
    a.total === null
      ? t('reports.operators.amountHidden', { count: a.reports })
      : t('reports.operators.amountShown', {
          count: a.reports,
          total: a.total.toLocaleString('ja-JP'),
          average: (a.average ?? 0).toLocaleString('ja-JP'),
        });
  return (
    <>
      {back}
      <PageHeading title={o.displayName} lang="ja">
        {o.displayName}
      </PageHeading>
      <section aria-labelledby="operator-identity" className={cardClass}>
        <h2 id="operator-identity" className="text-std-20B-150">
          {t('reports.operators.identity')}
        </h2>
        <dl className="flex flex-col gap-2 text-dns-16N-130">
          <div>
            <dt className="font-bold">{t('reports.form.corporateNumber')}</dt>
            <dd className={monoClass}>{o.corporateNumber ?? '—'}</dd>
          </div>
          {(['name', 'phone', 'website'] as const).map((kind) => (
            <div key={kind}>
              <dt className="font-bold">{t(`reports.operators.identifiers.${kind}`)}</dt>
              <dd lang="ja">
                {o.identifiers
                  .filter((i) => i.kind === kind)
                  .map((i) => i.value)
                  .join('、') || '—'}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="operator-totals" className={cardClass}>
        <h2 id="operator-totals" className="text-std-20B-150">
          {t('reports.operators.totals')}
        </h2>
        <p className="text-dns-16N-130">{t('reports.operators.totalsLead')}</p>
        <p className="text-std-18B-160" data-testid="operator-total">
          {t('reports.operators.totalLine', {
            reports: totals.reports,
            municipalities: totals.municipalities,
            prefectures: totals.prefectures,
          })}
        </p>
        <DataTable label={t('reports.operators.categoriesLabel')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {t('reports.detail.categories')}
                </th>
                <th scope="col" className={thClass}>
                  {t('reports.operators.reports')}
                </th>
              </tr>
            </thead>
            <tbody>
              {CATEGORIES.map((c) => (
                <tr key={c}>
                  <th scope="row" className={`${tdClass} font-normal`}>
                    {t(`reports.categories.${c}`)}
                  </th>
                  <td className={tdClass}>{totals.categories[c] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
        <dl className="flex flex-col gap-2 text-dns-16N-130">
          <div>
            <dt className="font-bold">{t('reports.detail.amountContracted')}</dt>
            <dd>{amount(totals.amountContracted)}</dd>
          </div>
          <div>
            <dt className="font-bold">{t('reports.detail.amountPaid')}</dt>
            <dd>{amount(totals.amountPaid)}</dd>
          </div>
        </dl>
        <p className="text-dns-14N-130 text-solid-gray-700">{t('reports.operators.amountRule')}</p>
      </section>
      {o.ownReports.length > 0 && (
        <section aria-labelledby="operator-own" className={cardClass}>
          <h2 id="operator-own" className="text-std-20B-150">
            {t('reports.operators.ownReports', { count: o.ownReports.length })}
          </h2>
          <ul className="flex flex-col gap-1">
            {o.ownReports.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-3 text-dns-16N-130">
                <Link
                  to="/console/reports/$id"
                  params={{ id: r.id }}
                  className={`${linkClass} ${monoClass} inline-flex min-h-11 items-center`}
                >
                  {r.receiptNumber}
                </Link>
                <span>{formatStaffInstant(r.receivedAt, i18n.language)}</span>
                <StatusBadge status={r.status} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
