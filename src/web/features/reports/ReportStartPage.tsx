import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { prefecturesQuery } from '../../api/municipalities.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { inLanguage, textLanguageOf } from '../../i18n/language.ts';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { PhoneLink } from '../../ui/PhoneLink.tsx';
import { inputClass, primaryButtonClass } from '../../ui/styles.ts';
import { reportWindowQuery } from './api.ts';

/**
 * `/report`: the report window reached from the home page without choosing a town (issue 21 item 7).
 * A person taken far from home may not know the town; the prefecture (where they are now, or where
 * they live) is enough: the report then goes to the prefecture's own tenant, read by its triage staff.
 * 110 comes first, before any choice.
 */
export function ReportStartPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const problemMessage = useProblemMessage();
  const [prefecture, setPrefecture] = useState('');
  const prefectures = useQuery(prefecturesQuery());
  const chosen = prefectures.data?.items.find((p) => p.code === prefecture);
  const window = useQuery({ ...reportWindowQuery(chosen?.tenantCode ?? ''), enabled: !!chosen });
  const name = chosen ? inLanguage({ ja: chosen.name, en: chosen.nameRomaji }, i18n.language) : '';

  let status = '';
  if (chosen && window.isPending) status = t('reports.start.checking');
  else if (chosen && window.isError) status = problemMessage(window.error);
  else if (chosen && window.data?.accepts) status = t('reports.start.accepted', { name });

  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <PageHeading title={t('reports.start.title')}>{t('reports.start.title')}</PageHeading>
      <div className="flex flex-col gap-1 rounded-8 border-2 border-error-1 bg-white p-4">
        <p className="text-std-16B-170">{t('reports.start.dangerNow')}</p>
        <PhoneLink number="110" label={t('national.police.name')} />
      </div>
      <p className="text-std-16N-170">{t('reports.start.lead')}</p>

      <div className="flex flex-col gap-2">
        <label htmlFor={`${id}-pref`} className="text-std-17B-170 text-solid-gray-900">
          {t('reports.start.prefectureLabel')}
        </label>
        <p id={`${id}-hint`} className="text-std-16N-170 text-solid-gray-700">
          {t('reports.start.prefectureHint')}
        </p>
        <select
          id={`${id}-pref`}
          aria-describedby={`${id}-hint`}
          value={prefecture}
          onChange={(event) => setPrefecture(event.target.value)}
          disabled={!prefectures.data}
          className={`${inputClass} appearance-auto sm:max-w-xs`}
        >
          <option value="">{t('reports.start.placeholder')}</option>
          {prefectures.data?.items.map((p) => (
            <option key={p.code} value={p.code} lang={textLanguageOf(i18n.language)}>
              {inLanguage({ ja: p.name, en: `${p.nameRomaji} (${p.name})` }, i18n.language)}
            </option>
          ))}
        </select>
        {prefectures.isError && (
          <p className="text-std-16N-170 text-error-2">{problemMessage(prefectures.error)}</p>
        )}
      </div>

      <p role="status" className="text-std-16N-170">
        {status}
      </p>
      {chosen && window.data?.accepts && (
        <Link
          to="/m/$code/report"
          params={{ code: chosen.tenantCode }}
          className={`${primaryButtonClass} self-start`}
        >
          {t('reports.start.go', { name })}
        </Link>
      )}
      {chosen && window.data && !window.data.accepts && (
        <Notice tone="warning">
          <p>{t('reports.start.notAccepted', { name })}</p>
          <div className="flex flex-wrap gap-x-6">
            <PhoneLink number="188" label={t('national.consumer.name')} />
            <PhoneLink number="110" label={t('national.police.name')} />
          </div>
        </Notice>
      )}
      <p className="text-std-16N-170 text-solid-gray-700">{t('reports.start.townHint')}</p>
    </div>
  );
}
