import '../features/subsidies/i18n.ts';
import '../features/support/i18n.ts';
import '../features/reports/i18n.ts';
import '../features/events/i18n.ts';
import '../features/cases/i18n.ts';
import '../features/places/i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { type MunicipalityDetail, municipalityQuery } from '../api/municipalities.ts';
import { useProblemMessage } from '../api/useProblemMessage.ts';
import { MunicipalityStatusSection } from '../features/insights/MunicipalityStatusSection.tsx';
import { LocalContacts } from '../features/municipalities/LocalContacts.tsx';
import { NearbyPlaces } from '../features/places/NearbyPlaces.tsx';
import { inLanguage } from '../i18n/language.ts';
import { MunicipalityLink } from '../ui/MunicipalityLink.tsx';
import { NationalNumbers } from '../ui/NationalNumbers.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { linkClass, primaryButtonClass, secondaryButtonClass } from '../ui/styles.ts';

/**
 * `/m/{code}`: one municipality's own consultation numbers (from its profile) and, always, the
 * national numbers, even while loading or when the code is unknown, and the municipality's part of
 * the directory of places. Later capabilities (events, consultation) appear here when they exist.
 *
 * The h1 stays the same element in every state, so focus placed on it after navigation is kept.
 */
export function MunicipalityPage({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const municipality = useQuery(municipalityQuery(code));
  const missing = isApiError(municipality.error, 404) || isApiError(municipality.error, 400);
  const m = municipality.data;
  const heading = m ? m.name : missing ? t('municipality.notFoundHeading') : t('municipality.titleFallback');

  return (
    <>
      <Breadcrumb current={heading} lang={m ? 'ja' : undefined} />
      <div className="flex flex-col gap-2">
        <PageHeading title={heading} lang={m ? 'ja' : undefined}>
          {heading}
        </PageHeading>
        {m ? (
          <>
            <p lang="ja" className="text-std-16N-170 text-solid-gray-700">
              {[m.kind === 'prefecture' ? null : m.prefectureName, m.nameKana].filter(Boolean).join('・')}
            </p>
            {/* English pages name the town in romaji too (Kofu-shi, Yamanashi), derived from its reading. */}
            {inLanguage(
              {
                ja: null,
                en: (
                  <p className="text-std-16N-170 text-solid-gray-700">
                    {[m.nameRomaji, m.kind === 'prefecture' ? null : m.prefectureNameRomaji]
                      .filter(Boolean)
                      .join(', ')}
                  </p>
                ),
              },
              i18n.language,
            )}
          </>
        ) : (
          <p role="status" className="text-std-16N-170">
            {municipality.isPending ? t('common.loading') : ''}
          </p>
        )}
      </div>
      {m && <MunicipalityDetails m={m} />}
      {municipality.isError && (
        <LoadProblem error={municipality.error} missing={missing} retry={municipality.refetch} />
      )}
      <NationalNumbers />
    </>
  );
}

function MunicipalityDetails({ m }: { m: MunicipalityDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <Link to="/" className={`${linkClass} -mt-6 inline-flex min-h-11 items-center self-start`}>
        {t('municipality.changeTown')}
      </Link>
      <LocalContacts municipality={m} />
      {m.kind !== 'prefecture' && (
        <MunicipalityStatusSection code={m.code} windowShownAbove={Boolean(m.profile)} />
      )}
      {/* A town that does not use Tsunagari still leads somewhere: listed places of its prefecture. */}
      {!m.profile && m.kind !== 'prefecture' && (
        <NearbyPlaces prefectureCode={m.prefectureCode} prefectureName={m.prefectureName} />
      )}
      <section aria-labelledby="places-link-heading" className="flex flex-col gap-3">
        <h2 id="places-link-heading" className="text-std-24B-150 text-solid-gray-900">
          {t('places.search.fromMunicipality', { name: m.name })}
        </h2>
        <p className="text-std-16N-170">{t('places.search.lead')}</p>
        <Link
          to="/places"
          search={{ municipality: Number(m.code) } as never}
          className={`${primaryButtonClass} self-start`}
        >
          {t('places.search.title')}
        </Link>
      </section>
      <section aria-labelledby="navigator-link-heading" className="flex flex-col gap-3">
        <h2 id="navigator-link-heading" className="text-std-24B-150 text-solid-gray-900">
          {t('navigator.entry.heading')}
        </h2>
        <p className="text-std-16N-170">{t('navigator.entry.lead')}</p>
        <div className="flex flex-wrap items-center gap-4">
          <Link to="/m/$code/navigator" params={{ code: m.code }} className={secondaryButtonClass}>
            {t('navigator.entry.open')}
          </Link>
          <Link
            to="/navigator/employer/$code"
            params={{ code: m.code }}
            className={`${linkClass} inline-flex min-h-11 items-center`}
          >
            {t('navigator.entry.employerSheet')}
          </Link>
        </div>
      </section>
      <section aria-labelledby="cases-link-heading" className="flex flex-col gap-3">
        <h2 id="cases-link-heading" className="text-std-24B-150 text-solid-gray-900">
          {t('cases.search.fromMunicipality')}
        </h2>
        <p className="text-std-16N-170">{t('cases.search.fromMunicipalityLead', { name: m.name })}</p>
        <Link
          to="/cases"
          search={{ similarTo: m.code } as never}
          className={`${secondaryButtonClass} self-start`}
        >
          {t('cases.search.fromMunicipalityLink')}
        </Link>
      </section>
      <section aria-labelledby="events-link-heading" className="flex flex-col gap-3">
        <h2 id="events-link-heading" className="text-std-24B-150 text-solid-gray-900">
          {t('events.list.title')}
        </h2>
        <p className="text-std-16N-170">{t('events.list.lead')}</p>
        <Link
          to="/events"
          search={{ municipality: Number(m.code) } as never}
          className={`${secondaryButtonClass} self-start`}
        >
          {t('events.list.title')}
        </Link>
      </section>
      <section aria-labelledby="report-link-heading" className="flex flex-col gap-3">
        <h2 id="report-link-heading" className="text-std-24B-150 text-solid-gray-900">
          {t('reports.entry.heading')}
        </h2>
        <p className="text-std-16N-170">{t('reports.entry.lead')}</p>
        <div className="flex flex-wrap items-center gap-4">
          {/* Without the town on Tsunagari, the report goes to its prefecture's desk (/report). */}
          {m.profile ? (
            <Link to="/m/$code/report" params={{ code: m.code }} className={secondaryButtonClass}>
              {t('reports.entry.report')}
            </Link>
          ) : (
            <Link to="/report" className={secondaryButtonClass}>
              {t('reports.entry.report')}
            </Link>
          )}
          <Link to="/reports/contract-help" className={`${linkClass} inline-flex min-h-11 items-center`}>
            {t('reports.entry.contractHelp')}
          </Link>
        </div>
      </section>
      {m.profile && (
        <section aria-labelledby="consultation-link-heading" className="flex flex-col gap-3">
          <h2 id="consultation-link-heading" className="text-std-24B-150 text-solid-gray-900">
            {t('support.entry.heading')}
          </h2>
          <p className="text-std-16N-170">{t('support.entry.lead')}</p>
          <div className="flex flex-wrap items-center gap-4">
            <Link to="/m/$code/consultation" params={{ code: m.code }} className={secondaryButtonClass}>
              {t('support.entry.write')}
            </Link>
            <Link
              to="/m/$code/consultation/reply"
              params={{ code: m.code }}
              className={`${linkClass} inline-flex min-h-11 items-center`}
            >
              {t('support.entry.read')}
            </Link>
          </div>
        </section>
      )}
      {m.profile && (
        <section aria-labelledby="subsidy-link-heading" className="flex flex-col gap-3">
          <h2 id="subsidy-link-heading" className="text-std-24B-150 text-solid-gray-900">
            {t('subsidies.entry.heading')}
          </h2>
          <p className="text-std-16N-170">{t('subsidies.entry.lead')}</p>
          <div className="flex flex-wrap items-center gap-4">
            <Link to="/m/$code/subsidy" params={{ code: m.code }} className={secondaryButtonClass}>
              {t('subsidies.entry.apply')}
            </Link>
            <Link to="/subsidies/status" className={`${linkClass} inline-flex min-h-11 items-center`}>
              {t('subsidies.entry.status')}
            </Link>
          </div>
        </section>
      )}
      {m.wards.length > 0 && (
        <section aria-labelledby="wards-heading" className="flex flex-col gap-3">
          <h2 id="wards-heading" className="text-std-24B-150 text-solid-gray-900">
            {t('municipality.wardsHeading')}
          </h2>
          <p className="text-std-16N-170">{t('municipality.wardsLead', { name: m.name })}</p>
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {m.wards.map((ward) => (
              <li key={ward.code}>
                <MunicipalityLink item={ward} showPrefecture={false} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function LoadProblem({ error, missing, retry }: { error: unknown; missing: boolean; retry: () => unknown }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  return (
    <div className="flex flex-col gap-4">
      <Notice tone={missing ? 'info' : 'error'}>
        <p>{missing ? t('municipality.notFoundBody') : problemMessage(error)}</p>
      </Notice>
      <div className="flex flex-wrap items-center gap-4">
        {!missing && (
          <button type="button" className={secondaryButtonClass} onClick={() => void retry()}>
            {t('common.retry')}
          </button>
        )}
        <Link to="/" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('common.backHome')}
        </Link>
      </div>
    </div>
  );
}

function Breadcrumb({ current, lang }: { current: string; lang?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('a11y.breadcrumb')} className="-mb-6 text-dns-16N-130">
      <ol className="flex flex-wrap items-center gap-2">
        <li className="flex items-center gap-2">
          <Link to="/" className={`${linkClass} inline-flex min-h-11 items-center`}>
            {t('app.name')}
          </Link>
          <span aria-hidden="true">›</span>
        </li>
        <li aria-current="page" lang={lang} className="text-solid-gray-800">
          {current}
        </li>
      </ol>
    </nav>
  );
}
