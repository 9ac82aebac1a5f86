import './i18n.ts';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { LocalResponse } from '../../../shared/contracts/navigator.ts';
import type { Plan } from '../../../shared/navigator/plan.ts';
import { formatWareki } from '../../../shared/text/wareki.ts';
import { i18n } from '../../i18n/index.ts';
import { NATIONAL_NUMBERS } from '../../ui/national-numbers.ts';
import { PhoneLink } from '../../ui/PhoneLink.tsx';
import { linkClass, primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';

const englishDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** A calendar date (YYYY-MM-DD) as 令和8年4月14日（2026年）, or 14 April 2026 in English. */
export function dateText(iso: string, language: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return i18n.t('navigator.format.date', {
    lng: language,
    english: englishDate.format(date),
    wareki: formatWareki(new Date(`${iso}T12:00:00+09:00`)),
    year: iso.slice(0, 4),
  });
}

/** Only the lines of the brief's list that are for talking (never invent a number). */
const LINES = NATIONAL_NUMBERS.filter((n) => n.id === 'mentalHealth' || n.id === 'yorisoi');

/**
 * Steps for when going out feels hard: the anonymous online consultation (opened with a topic only),
 * phone lines with their hours, 居場所 where one need not talk, and family classes for relatives.
 * Nothing here pushes toward work.
 */
export function GentleSteps({
  plan,
  local,
  code,
}: {
  plan: Plan;
  local: LocalResponse | undefined;
  code: string;
}) {
  const { t } = useTranslation();
  const quiet = local?.places.filter((p) => p.noNeedToTalk) ?? [];
  const families = local?.places.filter((p) => p.kind === 'family_association') ?? [];
  return (
    <section
      aria-labelledby="nav-gentle"
      className="flex flex-col gap-4 rounded-8 border-l-4 border-green-700 bg-green-50 p-4"
    >
      <h3 id="nav-gentle" className="text-std-20B-150">
        {t('navigator.gentle.heading')}
      </h3>
      <p className="text-std-16N-170">{t('navigator.gentle.lead')}</p>
      {local?.hasProfile && (
        <div className="flex flex-col gap-2">
          <Link
            to="/m/$code/consultation"
            params={{ code }}
            search={{ topic: 'job_leaving' } as never}
            className={`${primaryButtonClass} self-start`}
          >
            {t('navigator.gentle.consult')}
          </Link>
          <p className="text-dns-16N-130 text-solid-gray-700">{t('navigator.gentle.consultLead')}</p>
        </div>
      )}
      <div className="flex flex-col gap-2">
        <h4 className="text-std-17B-170">{t('navigator.gentle.phones')}</h4>
        <ul className="flex flex-col gap-3">
          {(local?.contacts.numbers ?? []).map((n) => (
            <li key={`${n.label}-${n.phone}`} className="flex flex-col" lang="ja">
              <span className="text-std-16B-170">{n.label}</span>
              <PhoneLink number={n.phone} label={n.label} />
              {n.hours && (
                <span className="text-std-16N-170">
                  {t('navigator.plan.hours')}: {n.hours}
                </span>
              )}
            </li>
          ))}
          {LINES.map((n) => (
            <li key={n.id} className="flex flex-col">
              <span className="text-std-16B-170">{t(`national.${n.id}.name`)}</span>
              <PhoneLink number={n.display} label={t(`national.${n.id}.name`)} />
              <span className="text-std-16N-170">
                {t('navigator.plan.hours')}:{' '}
                {n.id === 'yorisoi'
                  ? t('navigator.gentle.yorisoiHours')
                  : t('navigator.gentle.hoursByPrefecture')}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <div className="flex flex-col gap-2">
        <h4 className="text-std-17B-170">{t('navigator.gentle.places')}</h4>
        {quiet.length > 0 ? (
          <ul className="flex flex-col gap-1">
            {quiet.map((p) => (
              <li key={p.id}>
                <Link
                  to="/places/$id"
                  params={{ id: p.id }}
                  className={`${linkClass} inline-flex min-h-11 items-center`}
                  lang="ja"
                >
                  {p.name}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-std-16N-170">{t('navigator.gentle.noPlaces')}</p>
        )}
        <Link
          to="/places"
          search={{ municipality: Number(code) } as never}
          className={`${secondaryButtonClass} self-start`}
        >
          {t('navigator.gentle.searchPlaces')}
        </Link>
      </div>
      {(plan.mode === 'family' || families.length > 0) && (
        <div className="flex flex-col gap-2">
          <h4 className="text-std-17B-170">{t('navigator.gentle.familyClasses')}</h4>
          <p className="text-std-16N-170">{t('navigator.gentle.familyLead')}</p>
          <ul className="flex flex-col gap-1">
            {families.map((p) => (
              <li key={p.id}>
                <Link
                  to="/places/$id"
                  params={{ id: p.id }}
                  className={`${linkClass} inline-flex min-h-11 items-center`}
                  lang="ja"
                >
                  {p.name}
                </Link>
              </li>
            ))}
          </ul>
          <Link
            to="/events"
            search={{ municipality: Number(code) } as never}
            className={`${linkClass} inline-flex min-h-11 items-center self-start`}
          >
            {t('navigator.gentle.events')}
          </Link>
        </div>
      )}
    </section>
  );
}
