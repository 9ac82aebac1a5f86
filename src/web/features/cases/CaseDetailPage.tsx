import '../insights/i18n.ts';
import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { CaseContentView, LinkedFigure } from '../../../shared/contracts/cases.ts';
import { fiscalYearLabel } from '../../../shared/contracts/fiscal-label.ts';
import { isApiError } from '../../api/client.ts';
import { publicEventQuery } from '../../api/events.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { htmlLangOf } from '../../i18n/index.ts';
import { formatDate } from '../../ui/datetime.ts';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { linkClass, secondaryButtonClass } from '../../ui/styles.ts';
import { linkedPlaceQuery, publicCaseQuery } from './api.ts';
import { ThemeList } from './CaseParts.tsx';

/**
 * `/cases/{id}`: one published case, laid out as the one-page case sheet municipalities know
 * (きっかけ / まず始めたこと / 良かったこと・苦労したこと / 問い合わせ先) and printable as such.
 */
export function CaseDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const found = useQuery(publicCaseQuery(id));
  const c = found.data;
  const heading = c ? c.title : t('cases.search.title');
  return (
    <>
      <Link to="/cases" className={`${linkClass} inline-flex min-h-11 items-center self-start print:hidden`}>
        {t('cases.detail.back')}
      </Link>
      <PageHeading title={heading} lang={c ? 'ja' : undefined}>
        {heading}
      </PageHeading>
      {found.isPending && <p role="status">{t('cases.detail.loading')}</p>}
      {found.isError && (
        <Notice tone="error">
          {isApiError(found.error, 404) ? t('cases.detail.notFound') : problemMessage(found.error)}
        </Notice>
      )}
      {c && (
        <>
          <p className="text-std-16N-170 text-solid-gray-700">
            <span lang="ja">
              {c.prefectureName} {c.municipalityName}
            </span>
            {'・'}
            {t(`cases.municipalityType.${c.municipalityType}`)}
            {c.populationBand ? `・${t(`cases.populationBand.${c.populationBand}`)}` : ''}
            {c.areaClass ? `・${t(`cases.areaClass.${c.areaClass}`)}` : ''}
          </p>
          <p className="text-std-16N-170">
            {t('common.termLabel', { term: t('cases.detail.author') })}
            <span lang="ja">{c.authorName}</span>
            {t('cases.format.authorKind', { kind: t(`cases.authorKind.${c.authorKind}`) })}
          </p>
          <ThemeList themes={c.themes} />
          <button
            type="button"
            onClick={() => window.print()}
            className={`${secondaryButtonClass} self-start print:hidden`}
          >
            {t('cases.detail.print')}
          </button>
          <CaseSheet content={c.content} lifeStages={c.lifeStages} figures={c.linkedFigures} />
          {c.attachments.length > 0 && (
            <section aria-labelledby="case-attachments" className="flex flex-col gap-2">
              <h2 id="case-attachments" className="text-std-20B-150">
                {t('cases.detail.attachments')}
              </h2>
              <ul className="flex flex-col gap-2">
                {c.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/api/public/cases/${c.id}/attachments/${a.id}`} className={linkClass}>
                      <span lang="ja">{a.name}</span>（
                      {a.mediaType === 'application/pdf'
                        ? 'PDF'
                        : a.mediaType === 'image/png'
                          ? 'PNG'
                          : 'JPEG'}
                      ）
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <p className="text-dns-16N-130 text-solid-gray-700">
            {t('cases.detail.publishedOn', { date: formatDate(c.publishedAt, i18n.language) })}
          </p>
        </>
      )}
    </>
  );
}

/** The sections of a case, in the order of the national tables; shared by the staff page. */
export function CaseSheet({
  content: c,
  lifeStages,
  figures = [],
}: {
  content: CaseContentView;
  lifeStages: readonly string[];
  /** The national figures the town chose to show (public page only; the staff page shows the choice). */
  figures?: readonly LinkedFigure[];
}) {
  const { t, i18n } = useTranslation();
  const text = (key: string, value: string) =>
    value ? (
      <section key={key} className="flex flex-col gap-1 break-inside-avoid">
        <h2 className="text-std-20B-150">{t(`cases.detail.${key}`)}</h2>
        <p lang="ja" className="whitespace-pre-line text-std-16N-170">
          {value}
        </p>
      </section>
    ) : null;
  const budget =
    c.budget.amountYen !== null
      ? `${t('cases.detail.budgetAmount', { amount: c.budget.amountYen.toLocaleString('ja-JP') })}（${t(`cases.budgetSource.${c.budget.source}`)}）`
      : t(`cases.budgetSource.${c.budget.source}`);
  const period = c.periodFrom
    ? c.periodTo
      ? `${formatDate(c.periodFrom, i18n.language)}〜${formatDate(c.periodTo, i18n.language)}`
      : t('cases.detail.periodOngoing', { from: formatDate(c.periodFrom, i18n.language) })
    : '';
  return (
    <div className="flex flex-col gap-6">
      {text('summary', c.summary)}
      {text('trigger', c.trigger)}
      {text('firstSteps', c.firstSteps)}
      {text('whatWasDone', c.whatWasDone)}
      {c.partners.length > 0 && (
        <section className="flex flex-col gap-1 break-inside-avoid">
          <h2 className="text-std-20B-150">{t('cases.detail.partners')}</h2>
          <ul className="list-disc pl-6">
            {c.partners.map((p) => (
              <li key={`${p.kind}-${p.name}`}>
                <span lang="ja">{p.name}</span>（{t(`cases.partnerKind.${p.kind}`)}）
              </li>
            ))}
          </ul>
        </section>
      )}
      {text('staffing', c.staffing)}
      <section className="flex flex-col gap-1 break-inside-avoid">
        <h2 className="text-std-20B-150">{t('cases.detail.budget')}</h2>
        <p className="text-std-16N-170">
          {budget}
          {c.budget.note && <span lang="ja">　{c.budget.note}</span>}
        </p>
      </section>
      {text('outcomes', c.outcomes)}
      {figures.length > 0 && <LinkedFigures figures={figures} />}
      {text('wentWell', c.wentWell)}
      {text('difficulties', c.difficulties)}
      {lifeStages.length > 0 && (
        <section className="flex flex-col gap-1">
          <h2 className="text-std-20B-150">{t('cases.detail.lifeStages')}</h2>
          <p>{lifeStages.map((s) => t(`cases.lifeStage.${s}`)).join('・')}</p>
        </section>
      )}
      {period && (
        <section className="flex flex-col gap-1">
          <h2 className="text-std-20B-150">{t('cases.detail.period')}</h2>
          <p>{period}</p>
        </section>
      )}
      {text('contact', c.contactWindow)}
      {(c.linkedPlaceIds.length > 0 || c.linkedEventIds.length > 0) && (
        <section className="flex flex-col gap-1 print:hidden">
          <h2 className="text-std-20B-150">{t('cases.detail.links')}</h2>
          <ul className="flex flex-col gap-1">
            {c.linkedPlaceIds.map((id) => (
              <li key={id}>
                <PlaceLink id={id} />
              </li>
            ))}
            {c.linkedEventIds.map((id) => (
              <li key={id}>
                <EventLink id={id} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/**
 * The town's figures from the national layer, as published there: a suppressed, unreported or
 * not-expected figure says so in words (the insights pages' own words), never a number.
 */
function LinkedFigures({ figures }: { figures: readonly LinkedFigure[] }) {
  const { t, i18n } = useTranslation();
  const number = (v: number) => v.toLocaleString(t('cases.format.numberLocale'));
  const shown = (f: LinkedFigure) => {
    if (f.state === 'zero') return '0';
    if (f.state !== 'value' || f.value === null) return t(`insights.published.${f.state}`);
    const interval =
      f.lower !== null && f.upper !== null
        ? t('cases.detail.interval', { lower: number(f.lower), upper: number(f.upper) })
        : '';
    return `${number(f.value)}${interval}`;
  };
  return (
    <section aria-labelledby="case-figures" className="flex flex-col gap-2 break-inside-avoid">
      <h2 id="case-figures" className="text-std-20B-150">
        {t('cases.detail.figures')}
      </h2>
      <p className="text-dns-16N-130 text-solid-gray-700">{t('cases.detail.figuresLead')}</p>
      <div className="overflow-x-auto">
        <table className="min-w-full border-collapse text-left text-std-16N-170">
          <thead>
            <tr className="border-b border-solid-gray-420">
              <th scope="col" className="py-2 pr-4">
                {t('cases.detail.figureIndicator')}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t('cases.detail.figureYear')}
              </th>
              <th scope="col" className="py-2">
                {t('cases.detail.figureValue')}
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => (
              <tr key={f.indicator} className="border-b border-solid-gray-200">
                <th scope="row" className="py-2 pr-4 font-normal">
                  <span lang={htmlLangOf(i18n.language)}>
                    {{ ja: f.labelJa, en: f.labelEn }[htmlLangOf(i18n.language)]}
                  </span>
                </th>
                <td className="py-2 pr-4">
                  {f.fiscalYear === null
                    ? t('cases.detail.noYear')
                    : t('cases.format.fiscalYear', {
                        year: f.fiscalYear,
                        wareki: fiscalYearLabel(f.fiscalYear),
                      })}
                </td>
                <td className="py-2">{shown(f)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A linked place by its name (the directory's own page; a withdrawn place shows a plain label). */
function PlaceLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const place = useQuery({ ...linkedPlaceQuery(id), retry: false });
  return (
    <Link to="/places/$id" params={{ id }} className={linkClass}>
      {place.data ? <span lang="ja">{place.data.name}</span> : t('cases.detail.place')}
    </Link>
  );
}

function EventLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const event = useQuery({ ...publicEventQuery(id), retry: false });
  return (
    <Link to="/events/$id" params={{ id } as never} className={linkClass}>
      {event.data ? <span lang="ja">{event.data.title}</span> : t('cases.detail.event')}
    </Link>
  );
}
