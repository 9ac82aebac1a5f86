import './i18n.ts';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link, useRouteContext } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICATORS } from '../../../shared/contracts/insights.ts';
import { AGE_GROUP_LABELS, CHOSEN_PATHS, WITHDRAWAL_BANDS } from '../../../shared/support-records.ts';
import { fiscalYearOf } from '../../../shared/text/wareki.ts';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { inLanguage } from '../../i18n/language.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { cardClass, linkClass, selectClass, tableClass, tdClass, thClass } from '../../ui/styles.ts';
import '../support/i18n.ts';
import { catalogQuery, coverageQuery, indicatorQuery } from './api.ts';

/**
 * `/console/insights`: reporting and on-time rates per prefecture (national: all 47; prefecture: its
 * own), the share of reporting municipalities with each item, the trend of those over the last five
 * fiscal years, per-10万 figures per prefecture with the gap to the national median (published,
 * suppressed figures only), and the gap list. No person rows.
 */
export function NationalPage() {
  // Only the account's scope is needed here (the console route puts the signed-in account in its context).
  const { me } = useRouteContext({ from: '/console' }) as { me: { account: { scope: string } } };
  const { t } = useTranslation();
  const problem = useProblemMessage();
  const fiscalYear = fiscalYearOf(new Date());
  const coverage = useQuery(coverageQuery(fiscalYear));
  const title = t('insights.national.title');
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('insights.national.lead')}</p>
      {me.account.scope === 'tenant' && <OwnFigures />}
      <Link to="/console/insights/map" className={`${linkClass} self-start`}>
        {t('insights.national.mapLink')}
      </Link>
      {coverage.isPending && <p role="status">{t('common.loading')}</p>}
      {coverage.isError && <Notice tone="error">{problem(coverage.error)}</Notice>}
      {coverage.data && (
        <>
          <p className="text-std-17B-170">
            {t('insights.returns.reportingRate', {
              rate: coverage.data.national.reportingRate,
              reported: coverage.data.national.reported,
              total: coverage.data.national.municipalities,
            })}
          </p>
          <DataTable label={title}>
            <table className={tableClass}>
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr>
                  {['prefecture', 'reportingRate', 'onTimeRate', 'window', 'platform', 'places'].map((k) => (
                    <th key={k} scope="col" className={thClass}>
                      {t(`insights.national.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {coverage.data.prefectures.map((p) => (
                  <tr key={p.code} data-prefecture={p.code}>
                    <th scope="row" className={`${tdClass} font-normal`}>
                      {p.name}
                    </th>
                    <td className={tdClass} data-testid={`reporting-${p.code}`}>
                      {pct(p.reportingRate)}
                    </td>
                    <td className={tdClass}>{pct(p.onTimeRate)}</td>
                    <td className={tdClass}>{pct(p.items.window?.share)}</td>
                    <td className={tdClass}>{pct(p.items.platform?.share)}</td>
                    <td className={tdClass}>{pct(p.items.places_40_64?.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </DataTable>
          <Trends fiscalYear={fiscalYear} />
          <Per100k fiscalYear={fiscalYear} />
          <section aria-labelledby="gaps-heading" className={cardClass}>
            <h2 id="gaps-heading" className="text-std-20B-150">
              {t('insights.national.gaps')}
            </h2>
            <ul className="list-disc pl-6">
              {coverage.data.gaps.slice(0, 100).map((g) => (
                <li key={`${g.code}-${g.item}`}>
                  {g.name}（{g.code}）: {t(`insights.national.gapItem.${g.item}`)}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}

const TREND_ITEMS = ['window', 'platform', 'places_40_64'] as const;
const pctText = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);

/** Reporting rate and item coverage per fiscal year: the last five years, oldest first. */
function Trends({ fiscalYear }: { fiscalYear: number }) {
  const { t } = useTranslation();
  const years = [4, 3, 2, 1, 0].map((d) => fiscalYear - d);
  const results = useQueries({ queries: years.map((y) => coverageQuery(y)) });
  return (
    <section aria-labelledby="trends-heading" className={cardClass}>
      <h2 id="trends-heading" className="text-std-20B-150">
        {t('insights.national.trends')}
      </h2>
      <DataTable label={t('insights.national.trendsTable')}>
        <table className={tableClass} data-testid="coverage-trends">
          <caption className="sr-only">{t('insights.national.trendsTable')}</caption>
          <thead>
            <tr>
              <th scope="col" className={thClass}>
                {t('insights.national.fiscalYear')}
              </th>
              <th scope="col" className={thClass}>
                {t('insights.national.reportingRate')}
              </th>
              {TREND_ITEMS.map((k) => (
                <th key={k} scope="col" className={thClass}>
                  {t(`insights.national.${k === 'places_40_64' ? 'places' : k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {years.map((y, i) => {
              const c = results[i]?.data;
              const none = !c || c.national.reported === 0;
              return (
                <tr key={y} data-year={y}>
                  <th scope="row" className={`${tdClass} font-normal`}>
                    {y}
                  </th>
                  <td className={tdClass}>
                    {results[i]?.isPending ? '…' : c ? pctText(c.national.reportingRate) : '—'}
                  </td>
                  {TREND_ITEMS.map((k) => (
                    <td key={k} className={tdClass}>
                      {none ? t('insights.national.noData') : pctText(c.national.items[k]?.share)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </DataTable>
    </section>
  );
}

/** Per-10万 figures of a count indicator per prefecture and each one's gap to the national median. */
function Per100k({ fiscalYear }: { fiscalYear: number }) {
  const { t, i18n } = useTranslation();
  const catalog = useQuery(catalogQuery());
  const choices = (catalog.data?.items ?? []).filter((i) => i.per100k);
  const [indicator, setIndicator] = useState('places_40_64');
  const data = useQuery(indicatorQuery(indicator, fiscalYear, 'prefecture'));
  const median = data.data?.medianPer100k ?? null;
  const fmt = (v: number | null) =>
    v === null ? '—' : v.toLocaleString(i18n.language, { maximumFractionDigits: 2 });
  return (
    <section aria-labelledby="per100k-heading" className={cardClass}>
      <h2 id="per100k-heading" className="text-std-20B-150">
        {t('insights.national.per100kTitle')}
      </h2>
      <p className="max-w-3xl text-std-16N-170">{t('insights.national.per100kLead')}</p>
      <div className="flex flex-col gap-1">
        <label htmlFor="per100k-indicator" className="text-std-16B-170">
          {t('insights.national.per100kIndicator')}
        </label>
        <select
          id="per100k-indicator"
          className={`${selectClass} self-start`}
          value={indicator}
          onChange={(e) => setIndicator(e.target.value)}
        >
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {inLanguage(c, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      {data.isPending && <p role="status">{t('common.loading')}</p>}
      {median !== null && (
        <p className="text-std-17B-170" data-testid="median-per100k">
          {t('insights.national.medianPer100k', { value: fmt(median) })}
        </p>
      )}
      {data.data && (
        <DataTable label={t('insights.national.per100kTitle')}>
          <table className={tableClass} data-testid="per100k-table">
            <caption className="sr-only">{t('insights.national.per100kTitle')}</caption>
            <thead>
              <tr>
                {['prefecture', 'value', 'per100k', 'gapToMedian'].map((k) => (
                  <th key={k} scope="col" className={thClass}>
                    {t(`insights.national.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.data.items.map((p) => {
                const gap =
                  p.per100k !== null && median !== null ? Math.round((p.per100k - median) * 100) / 100 : null;
                return (
                  <tr key={p.code} data-prefecture={p.code}>
                    <th scope="row" className={`${tdClass} font-normal`}>
                      {p.name}
                    </th>
                    <td className={tdClass} data-state={p.state}>
                      {p.state === 'value' || p.state === 'zero'
                        ? fmt(p.value)
                        : t(`insights.published.${p.state}`)}
                    </td>
                    <td className={tdClass}>{fmt(p.per100k)}</td>
                    <td className={tdClass}>{gap === null ? '—' : `${gap > 0 ? '+' : ''}${fmt(gap)}`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </DataTable>
      )}
    </section>
  );
}

type OwnFigure = {
  indicator: string;
  disaggregation: string;
  n: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
};
const OWN_GROUPINGS = ['all', 'age', 'since', 'path'] as const;

/**
 * A municipality's own outcome figures, unsuppressed (issue 16 item 4: its own staff see their own
 * figures; every other view goes through the suppression module). Read from the maintained
 * aggregates, never from person rows; the server audits the read.
 */
function OwnFigures() {
  const { t, i18n } = useTranslation();
  const [fiscalYear, setFiscalYear] = useState(() => fiscalYearOf(new Date()));
  const [grouping, setGrouping] = useState<(typeof OWN_GROUPINGS)[number]>('all');
  const own = useQuery({
    queryKey: ['insights', 'own', fiscalYear],
    queryFn: () => api<{ items: OwnFigure[] }>(`/api/insights/own?fiscalYear=${fiscalYear}`),
  });
  const problem = useProblemMessage();
  const ageLabels: Record<string, string> = inLanguage<Record<string, string>>(
    AGE_GROUP_LABELS,
    i18n.language,
  );
  const indicatorLabel = (id: string) => {
    const def = INDICATORS.find((d) => d.id === id);
    return def ? inLanguage(def, i18n.language) : t('insights.own.chosenPaths');
  };
  const groupLabel = (disaggregation: string) => {
    const [kind, key = ''] = disaggregation.split(':');
    if (kind === 'age') return ageLabels[key] ?? key;
    if (kind === 'since') return t(`insights.own.bands.${key}`);
    if (kind === 'path') return t(`support.plan.paths.${key}`);
    return t('insights.own.everyone');
  };
  const fmt = (v: number | null) =>
    v === null ? '—' : v.toLocaleString(i18n.language, { maximumFractionDigits: 1 });
  const isShare = (id: string) =>
    id === 'chosen_paths' || INDICATORS.find((d) => d.id === id)?.unit === 'share';
  const rows = (own.data?.items ?? [])
    .filter((r) =>
      grouping === 'all' ? r.disaggregation === 'all' : r.disaggregation.startsWith(`${grouping}:`),
    )
    .sort((a, b) => {
      const order = (r: OwnFigure) => {
        const [kind, key = ''] = r.disaggregation.split(':');
        if (kind === 'since') return WITHDRAWAL_BANDS.indexOf(key as (typeof WITHDRAWAL_BANDS)[number]);
        if (kind === 'path') return CHOSEN_PATHS.indexOf(key as (typeof CHOSEN_PATHS)[number]);
        if (kind === 'age') return Object.keys(ageLabels).indexOf(key);
        return 0;
      };
      return order(a) - order(b) || a.indicator.localeCompare(b.indicator);
    });
  const years = [0, 1, 2, 3, 4].map((d) => fiscalYearOf(new Date()) - d);
  return (
    <section aria-labelledby="own-heading" className={cardClass} data-testid="own-figures">
      <h2 id="own-heading" className="text-std-20B-150">
        {t('insights.own.title')}
      </h2>
      <p className="max-w-3xl text-std-16N-170">{t('insights.own.lead')}</p>
      <div className="flex flex-wrap gap-4">
        <div className="flex flex-col gap-1">
          <label htmlFor="own-year" className="text-std-16B-170">
            {t('insights.national.fiscalYear')}
          </label>
          <select
            id="own-year"
            className={selectClass}
            value={fiscalYear}
            onChange={(e) => setFiscalYear(Number(e.target.value))}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {t('insights.own.fiscalYear', { year: y, reiwa: y - 2018 })}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="own-grouping" className="text-std-16B-170">
            {t('insights.own.grouping')}
          </label>
          <select
            id="own-grouping"
            className={selectClass}
            value={grouping}
            onChange={(e) => setGrouping(e.target.value as (typeof OWN_GROUPINGS)[number])}
          >
            {OWN_GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {t(`insights.own.groupings.${g}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {own.isPending && <p role="status">{t('common.loading')}</p>}
      {own.isError && <Notice tone="error">{problem(own.error)}</Notice>}
      {own.data && rows.length === 0 && <p>{t('insights.own.none')}</p>}
      {rows.length > 0 && (
        <DataTable label={t('insights.own.title')}>
          <table className={tableClass}>
            <caption className="sr-only">{t('insights.own.title')}</caption>
            <thead>
              <tr>
                {['indicator', 'group', 'n', 'value', 'interval'].map((k) => (
                  <th key={k} scope="col" className={thClass}>
                    {t(`insights.own.columns.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.indicator}-${r.disaggregation}`} data-indicator={r.indicator}>
                  <th scope="row" className={`${tdClass} font-normal`}>
                    {indicatorLabel(r.indicator)}
                  </th>
                  <td className={tdClass}>{groupLabel(r.disaggregation)}</td>
                  <td className={tdClass}>{r.n}</td>
                  <td className={tdClass}>
                    {r.value === null ? '—' : `${fmt(r.value)}${isShare(r.indicator) ? '%' : ''}`}
                  </td>
                  <td className={tdClass}>
                    {r.lower === null || r.upper === null ? '—' : `${fmt(r.lower)}〜${fmt(r.upper)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
    </section>
  );
}
