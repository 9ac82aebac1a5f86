import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { fiscalYearOf } from '../../../shared/text/wareki.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { cardClass, linkClass, tableClass, tdClass, thClass } from '../../ui/styles.ts';
import { coverageQuery } from './api.ts';

/**
 * `/console/insights`: reporting and on-time rates per prefecture (national: all 47; prefecture: its
 * own), the share of reporting municipalities with each item, and the gap list. Returns only, no
 * person counts.
 */
export function NationalPage() {
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
          <div className="overflow-x-auto">
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
          </div>
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
