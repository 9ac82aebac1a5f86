import '../i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublishedCell, StatisticsTable } from '../../../../shared/contracts/reports.ts';
import { fiscalYearOf } from '../../../../shared/text/wareki.ts';
import { prefecturesQuery } from '../../../api/municipalities.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { inLanguage } from '../../../i18n/language.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { linkClass, tableClass, tdClass, thClass } from '../../../ui/styles.ts';
import { type StatisticsFilter, statisticsCsvUrl, statisticsQuery } from '../api.ts';

/**
 * `/console/report-statistics`: reports by prefecture, category and fiscal year across the deployment,
 * published only as suppressed aggregates (under 10 → "＜10"; cells that would let a total reveal one
 * are hidden too, "＊"), with a CSV download (UTF-8 with BOM).
 */
export function StatisticsPage() {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const current = fiscalYearOf(new Date());
  const [toYear, setToYear] = useState(current);
  const [span, setSpan] = useState(3);
  const [prefecture, setPrefecture] = useState('');
  const filter: StatisticsFilter = {
    fromYear: toYear - span + 1,
    toYear,
    ...(prefecture ? { prefecture } : {}),
  };
  const stats = useQuery(statisticsQuery(filter));
  const prefectures = useQuery(prefecturesQuery());
  const title = t('reports.statistics.title');
  const years = Array.from({ length: 8 }, (_, i) => current - i);
  const yearLabel = (y: number) =>
    inLanguage(
      {
        ja: stats.data?.byPrefecture.columns.find((c) => c.key === String(y))?.label ?? `${y}年度`,
        en: `FY${y}`,
      },
      i18n.language,
    );

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('reports.statistics.lead')}</p>
      <form
        className="flex flex-wrap items-end gap-4"
        aria-label={t('reports.statistics.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="w-48">
          <SelectField
            id="stats-to"
            compact
            label={t('reports.statistics.toYear')}
            value={String(toYear)}
            onChange={(e) => setToYear(Number(e.target.value))}
            options={years.map((y) => ({
              value: String(y),
              label: inLanguage({ ja: `${y}年度`, en: `FY${y}` }, i18n.language),
            }))}
          />
        </div>
        <div className="w-40">
          <SelectField
            id="stats-span"
            compact
            label={t('reports.statistics.span')}
            value={String(span)}
            onChange={(e) => setSpan(Number(e.target.value))}
            options={[1, 3, 5].map((n) => ({
              value: String(n),
              label: t('reports.statistics.years', { count: n }),
            }))}
          />
        </div>
        <div className="w-56">
          <SelectField
            id="stats-prefecture"
            compact
            label={t('reports.statistics.prefecture')}
            value={prefecture}
            onChange={(e) => setPrefecture(e.target.value)}
            options={[
              { value: '', label: t('reports.statistics.national') },
              ...(prefectures.data?.items ?? []).map((p) => ({ value: p.code, label: p.name })),
            ]}
          />
        </div>
        <a
          href={statisticsCsvUrl(filter)}
          download
          className={`${linkClass} inline-flex min-h-11 items-center`}
        >
          {t('reports.statistics.csv')}
        </a>
      </form>
      <Notice tone="info">
        <p>{t('reports.statistics.legend', { threshold: stats.data?.threshold ?? 10 })}</p>
      </Notice>
      {stats.isError ? (
        <Notice tone="error">
          <p>{problemMessage(stats.error)}</p>
        </Notice>
      ) : stats.isPending ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <StatsTable
            id="stats-category"
            caption={t('reports.statistics.byCategory', {
              area: prefecture
                ? (prefectures.data?.items.find((p) => p.code === prefecture)?.name ?? prefecture)
                : t('reports.statistics.national'),
            })}
            corner={t('reports.detail.categories')}
            totalLabel={t('reports.statistics.mentions')}
            table={stats.data.byCategory}
            rowLabel={(key) => t(`reports.categories.${key}`)}
            columnLabel={(key) => yearLabel(Number(key))}
          />
          <StatsTable
            id="stats-prefecture"
            caption={t('reports.statistics.byPrefecture')}
            corner={t('reports.statistics.prefecture')}
            totalLabel={t('reports.statistics.total')}
            table={stats.data.byPrefecture}
            rowLabel={(_key, label) => label}
            columnLabel={(key) => yearLabel(Number(key))}
          />
        </>
      )}
    </>
  );
}

function show(cell: PublishedCell, threshold = 10): string {
  if (cell.state === 'primary') return `＜${threshold}`;
  if (cell.state === 'secondary') return '＊';
  return String(cell.value);
}

function StatsTable({
  id,
  caption,
  corner,
  totalLabel,
  table,
  rowLabel,
  columnLabel,
}: {
  id: string;
  caption: string;
  corner: string;
  totalLabel: string;
  table: StatisticsTable;
  rowLabel: (key: string, label: string) => string;
  columnLabel: (key: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-2">
      <h2 id={`${id}-heading`} className="text-std-20B-150">
        {caption}
      </h2>
      <DataTable label={caption}>
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={thClass}>
                {corner}
              </th>
              {table.columns.map((c) => (
                <th key={c.key} scope="col" className={`${thClass} text-right`}>
                  {columnLabel(c.key)}
                </th>
              ))}
              <th scope="col" className={`${thClass} text-right`}>
                {totalLabel}
              </th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={r.key}>
                <th scope="row" className={`${tdClass} font-normal whitespace-nowrap`}>
                  {rowLabel(r.key, r.label)}
                </th>
                {table.cells[i]!.map((cell, j) => (
                  <td key={table.columns[j]!.key} className={`${tdClass} text-right tabular-nums`}>
                    {show(cell)}
                  </td>
                ))}
                <td className={`${tdClass} text-right font-bold tabular-nums`}>
                  {show(table.rowTotals[i]!)}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row" className={`${tdClass} font-bold`}>
                {t('reports.statistics.total')}
              </th>
              {table.columnTotals.map((cell, j) => (
                <td key={table.columns[j]!.key} className={`${tdClass} text-right font-bold tabular-nums`}>
                  {show(cell)}
                </td>
              ))}
              <td className={`${tdClass} text-right font-bold tabular-nums`}>{show(table.grandTotal)}</td>
            </tr>
          </tbody>
        </table>
      </DataTable>
    </section>
  );
}
