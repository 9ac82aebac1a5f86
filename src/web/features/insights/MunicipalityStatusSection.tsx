import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { inLanguage } from '../../i18n/language.ts';
import { cardClass } from '../../ui/styles.ts';
import { statusQuery } from './api.ts';

/**
 * On every municipality's public page, whether or not it runs Tsunagari: its declared consultation
 * window and services (its latest accepted return, its own or entered by the prefecture) and the
 * prefecture's ひきこもり地域支援センター. A town that runs Tsunagari already shows its window from its own
 * profile above this section (`windowShownAbove`); the declared one is then not repeated.
 */
export function MunicipalityStatusSection({
  code,
  windowShownAbove = false,
}: {
  code: string;
  windowShownAbove?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const status = useQuery(statusQuery(code));
  const s = status.data;
  if (!s) return null;
  return (
    <section aria-labelledby="support-status-heading" className={cardClass} data-testid="municipality-status">
      <h2 id="support-status-heading" className="text-std-24B-150 text-solid-gray-900">
        {t('insights.status.title')}
      </h2>
      {s.isDemo && <p className="text-std-16N-170 text-solid-gray-700">{t('insights.status.demo')}</p>}
      {!windowShownAbove && <h3 className="text-std-20B-150">{t('insights.status.window')}</h3>}
      {windowShownAbove ? null : s.window ? (
        <ul className="flex flex-col gap-1" lang="ja">
          {s.window.name && <li className="text-std-17B-170">{s.window.name}</li>}
          {s.window.department && <li>{s.window.department}</li>}
          {s.window.phone && (
            <li>
              {t('insights.status.phone')}:{' '}
              <a href={`tel:${s.window.phone.replaceAll('-', '')}`}>{s.window.phone}</a>
            </li>
          )}
          {s.window.hours && (
            <li>
              {t('insights.status.hours')}: {s.window.hours}
            </li>
          )}
        </ul>
      ) : (
        <p>{t('insights.status.noWindow')}</p>
      )}
      {s.enteredBy === 'prefecture' && (
        <p className="text-std-16N-170">{t('insights.status.byPrefecture')}</p>
      )}
      {s.fiscalYear && (
        <p className="text-std-16N-170">{t('insights.status.fiscalYear', { year: s.fiscalYear })}</p>
      )}
      {s.services.length > 0 && (
        <>
          <h3 className="text-std-20B-150">{t('insights.status.services')}</h3>
          <ul className="list-disc pl-6">
            {s.services.map((item) => (
              <li key={item.id}>
                {inLanguage(item, i18n.language)}:{' '}
                {typeof item.value === 'boolean'
                  ? item.value
                    ? t('insights.returns.yes')
                    : t('insights.returns.no')
                  : item.value}
              </li>
            ))}
          </ul>
        </>
      )}
      {s.prefectureCentre && (
        <>
          <h3 className="text-std-20B-150">
            {t('insights.status.centre', { prefecture: s.prefectureName })}
          </h3>
          <p lang="ja">
            {s.prefectureCentre.name}
            {s.prefectureCentre.phone && (
              <>
                {' '}
                {t('insights.status.phone')}:{' '}
                <a href={`tel:${s.prefectureCentre.phone.replaceAll('-', '')}`}>{s.prefectureCentre.phone}</a>
              </>
            )}
            {s.prefectureCentre.hours && ` ${s.prefectureCentre.hours}`}
          </p>
        </>
      )}
    </section>
  );
}
