import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { helplinesQuery } from '../../api/municipalities.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { NationalNumberCard, openNowOf } from '../../ui/NationalNumbers.tsx';
import { NATIONAL_NUMBERS } from '../../ui/national-numbers.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';

const timeInTokyo = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  hour: 'numeric',
  minute: '2-digit',
});

/**
 * `/helplines`: for someone who needs to talk now (at 2 a.m. too). Danger first (110/119), then the
 * lines that answer at this hour by the server's business clock, then the others with their hours.
 */
export function HelplinesPage() {
  const { t } = useTranslation();
  const status = useQuery(helplinesQuery());
  const problemMessage = useProblemMessage();
  const emergency = NATIONAL_NUMBERS.filter((n) => n.group === 'emergency');
  const consult = NATIONAL_NUMBERS.filter((n) => n.group === 'consult');
  const open = consult.filter((n) => openNowOf(status.data, n) === true);
  const later = status.data ? consult.filter((n) => openNowOf(status.data, n) === false) : consult;
  const openCount = NATIONAL_NUMBERS.filter((n) => openNowOf(status.data, n) === true).length;

  return (
    <>
      <section aria-labelledby="page-heading" className="flex flex-col gap-3">
        <PageHeading title={t('helplines.title')}>{t('helplines.heading')}</PageHeading>
        <p role="status" className="text-std-16N-170 text-solid-gray-900">
          {status.data &&
            `${t('helplines.lead', { time: timeInTokyo.format(new Date(status.data.asOf)) })} ${t('helplines.openCount', { count: openCount })}`}
          {status.isError && `${t('helplines.loadError')} ${problemMessage(status.error)}`}
        </p>
      </section>

      <section
        aria-labelledby="danger-heading"
        className="flex flex-col gap-3 rounded-16 border-2 border-error-1 bg-white p-4"
      >
        <h2 id="danger-heading" className="text-std-24B-150 text-solid-gray-900">
          {t('helplines.dangerHeading')}
        </h2>
        <p className="text-std-16N-170">{t('helplines.dangerLead')}</p>
        <ul className="grid gap-3 sm:grid-cols-2">
          {emergency.map((n) => (
            <NationalNumberCard key={n.id} entry={n} openNow={openNowOf(status.data, n)} />
          ))}
        </ul>
      </section>

      {open.length > 0 && (
        <section aria-labelledby="open-heading" className="flex flex-col gap-3">
          <h2 id="open-heading" className="text-std-24B-150 text-solid-gray-900">
            {t('helplines.openHeading')}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {open.map((n) => (
              <NationalNumberCard key={n.id} entry={n} openNow />
            ))}
          </ul>
        </section>
      )}

      {later.length > 0 && (
        <section aria-labelledby="later-heading" className="flex flex-col gap-3">
          <h2 id="later-heading" className="text-std-24B-150 text-solid-gray-900">
            {status.data ? t('helplines.laterHeading') : t('national.consultHeading')}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {later.map((n) => (
              <NationalNumberCard key={n.id} entry={n} openNow={openNowOf(status.data, n)} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
