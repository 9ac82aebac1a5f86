import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type HelplineStatusList, helplinesQuery } from '../api/municipalities.ts';
import { NATIONAL_NUMBERS, type NationalNumber } from './national-numbers.ts';
import { PhoneLink } from './PhoneLink.tsx';
import { linkClass } from './styles.ts';

/**
 * The national helplines, always shown on public pages whatever the municipality has registered,
 * each with its hours and cost. Whether a line answers *now* comes from the server (its business
 * clock, Asia/Tokyo); until that answer arrives, or if it fails, no line is called open.
 */
export function NationalNumbers({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const status = useQuery(helplinesQuery());
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const SubHeading = headingLevel === 2 ? 'h3' : 'h4';
  const groups = [
    { id: 'emergency', heading: t('national.emergencyHeading') },
    { id: 'consult', heading: t('national.consultHeading') },
  ] as const;
  return (
    <section aria-labelledby="national-numbers-heading" className="flex flex-col gap-4">
      <Heading id="national-numbers-heading" className="text-std-24B-150 text-solid-gray-900">
        {t('national.heading')}
      </Heading>
      <p className="text-std-16N-170">{t('national.lead')}</p>
      {/* The same lines ordered by what answers at this hour, for someone who needs to talk now. */}
      <Link to="/helplines" className={`${linkClass} inline-flex min-h-11 items-center self-start`}>
        {t('home.urgent.talkNow')}
      </Link>
      {groups.map((group) => (
        <div key={group.id} className="flex flex-col gap-3">
          <SubHeading className="text-std-18B-160 text-solid-gray-900">{group.heading}</SubHeading>
          <ul className="grid gap-3 sm:grid-cols-2">
            {NATIONAL_NUMBERS.filter((n) => n.group === group.id).map((n) => (
              <NationalNumberCard key={n.id} entry={n} openNow={openNowOf(status.data, n)} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** `undefined` while the server has not said (then nothing is claimed either way). */
export function openNowOf(list: HelplineStatusList | undefined, entry: NationalNumber): boolean | undefined {
  return list?.items.find((item) => item.id === entry.id)?.openNow;
}

export function NationalNumberCard({
  entry,
  openNow,
}: {
  entry: NationalNumber;
  openNow: boolean | undefined;
}) {
  const { t } = useTranslation();
  const name = t(`national.${entry.id}.name`);
  return (
    <li className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 bg-white p-4">
      <span className="text-std-17B-170 text-solid-gray-900">{name}</span>
      <span className="text-std-16N-170 text-solid-gray-700">{t(`national.${entry.id}.description`)}</span>
      {openNow === true && (
        <span className="self-start rounded-6 bg-green-50 px-2 text-std-16B-170 text-green-1000 ring-1 ring-green-700">
          {t('national.openNow')}
        </span>
      )}
      {openNow === false && (
        <span className="text-std-16N-170 text-solid-gray-800">{t('national.closedNow')}</span>
      )}
      <PhoneLink number={entry.display} label={name} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-dns-16N-130 text-solid-gray-800">
        <dt>{t('national.hoursLabel')}</dt>
        <dd>{useHoursText(entry)}</dd>
        <dt>{t('national.costLabel')}</dt>
        <dd>{entry.free ? t('national.free') : t('national.paid')}</dd>
      </dl>
    </li>
  );
}

/** "24時間・毎日", or the windows ("平日 8:30〜17:15") with the closures and a note when hours vary. */
export function useHoursText(entry: NationalNumber): string {
  const { t } = useTranslation();
  if (entry.alwaysOpen) return t('national.hoursAlways');
  const parts = entry.windows.map((w) =>
    w.days === 'weekdays'
      ? t('national.hoursWeekdays', { from: trimHour(w.from), to: trimHour(w.to) })
      : t('national.hoursEveryday', { from: trimHour(w.from), to: trimHour(w.to) }),
  );
  if (entry.closedYearEnd) parts.push(t('national.hoursYearEnd'));
  if (entry.hoursVary) parts.push(t('national.hoursVary'));
  return parts.join(t('national.hoursSeparator'));
}

/** 08:30 → 8:30, as times are printed in Japan. */
const trimHour = (hhmm: string) => hhmm.replace(/^0/, '');
