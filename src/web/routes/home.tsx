import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PrefecturePicker } from '../features/municipalities/PrefecturePicker.tsx';
import { MunicipalitySearch } from '../ui/MunicipalitySearch.tsx';
import { NationalNumbers } from '../ui/NationalNumbers.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { PhoneLink } from '../ui/PhoneLink.tsx';
import { linkClass, secondaryButtonClass } from '../ui/styles.ts';

/** `/`: what Tsunagari is, in a few warm sentences, then "choose your municipality". */
export function HomePage() {
  const { t } = useTranslation();
  return (
    <>
      <section aria-labelledby="page-heading" className="flex flex-col gap-4">
        <PageHeading title={t('home.title')}>{t('home.heading')}</PageHeading>
        <p className="max-w-3xl text-std-18N-160 text-solid-gray-900">{t('home.lead')}</p>
      </section>

      <UrgentEntry />

      <section
        aria-labelledby="choose-heading"
        className="flex flex-col gap-6 rounded-16 border border-solid-gray-420 bg-blue-50 p-4 md:p-8"
      >
        <div className="flex flex-col gap-2">
          <h2 id="choose-heading" className="text-std-24B-150 text-solid-gray-900">
            {t('home.chooseHeading')}
          </h2>
          <p className="text-std-16N-170">{t('home.chooseLead')}</p>
        </div>
        <MunicipalitySearch />
        <div className="flex flex-col gap-4 border-t border-solid-gray-420 pt-6">
          <h3 className="text-std-20B-150 text-solid-gray-900">{t('prefecture.heading')}</h3>
          <PrefecturePicker />
        </div>
      </section>

      <section aria-labelledby="leaving-heading" className="flex flex-col gap-3">
        <h2 id="leaving-heading" className="text-std-24B-150 text-solid-gray-900">
          {t('navigator.entry.heading')}
        </h2>
        <p className="max-w-3xl text-std-16N-170">{t('navigator.entry.lead')}</p>
        <Link to="/navigator" className={`${secondaryButtonClass} self-start`}>
          {t('navigator.entry.open')}
        </Link>
      </section>

      <section aria-labelledby="about-heading" className="flex flex-col gap-4">
        <h2 id="about-heading" className="text-std-24B-150 text-solid-gray-900">
          {t('home.pointsHeading')}
        </h2>
        <ul className="grid gap-3 md:grid-cols-3">
          {(['anonymous', 'ownWay', 'society'] as const).map((key) => (
            <li
              key={key}
              className="rounded-8 border-l-4 border-green-700 bg-green-50 px-4 py-3 text-std-16N-170"
            >
              {t(`home.points.${key}`)}
            </li>
          ))}
        </ul>
      </section>

      <NationalNumbers />
    </>
  );
}

/**
 * Near the top of the first screen, for someone in danger or who needs to talk tonight: 110 and 119
 * to dial, and the lines that answer at this hour (issue 21 item 4).
 */
function UrgentEntry() {
  const { t } = useTranslation();
  return (
    <section
      aria-labelledby="urgent-heading"
      className="flex flex-col gap-2 rounded-8 border-2 border-error-1 bg-white p-4"
    >
      <h2 id="urgent-heading" className="text-std-20B-150 text-solid-gray-900">
        {t('home.urgent.heading')}
      </h2>
      <p className="text-std-16N-170">{t('home.urgent.lead')}</p>
      <div className="flex flex-wrap gap-x-6 gap-y-1">
        <PhoneLink number="110" label={t('national.police.name')} />
        <PhoneLink number="119" label={t('national.fire.name')} />
      </div>
      <Link to="/helplines" className={`${secondaryButtonClass} self-start`}>
        {t('home.urgent.talkNow')}
      </Link>
      <Link to="/report" className={`${linkClass} inline-flex min-h-11 items-center`}>
        {t('home.urgent.report')}
      </Link>
    </section>
  );
}
