import { Trans, useTranslation } from 'react-i18next';
import type { ConsultationNumber, DepartmentContact, MunicipalityDetail } from '../../api/municipalities.ts';
import { Notice } from '../../ui/Notice.tsx';
import { PhoneLink } from '../../ui/PhoneLink.tsx';
import { linkClass } from '../../ui/styles.ts';

/**
 * The municipality's own consultation numbers and departments, exactly as its profile holds them.
 * Without a profile it says so plainly instead of showing anything invented.
 */
export function LocalContacts({ municipality }: { municipality: MunicipalityDetail }) {
  const { t } = useTranslation();
  const profile = municipality.profile;
  const departments = [
    { key: 'welfare', title: t('municipality.welfareContact'), contact: profile?.welfareContact ?? null },
    { key: 'labour', title: t('municipality.labourContact'), contact: profile?.labourContact ?? null },
  ].filter((d): d is { key: string; title: string; contact: DepartmentContact } => d.contact !== null);
  const numbers = profile?.consultationNumbers ?? [];
  const isEmpty = numbers.length === 0 && departments.length === 0;

  return (
    <section aria-labelledby="local-heading" className="flex flex-col gap-4">
      <h2 id="local-heading" className="text-std-24B-150 text-solid-gray-900">
        <Trans
          i18nKey="municipality.localHeading"
          values={{ name: municipality.name }}
          components={{ name: <span lang="ja" /> }}
        />
      </h2>
      {profile?.documentName && (
        <p lang="ja" className="text-std-16N-170 text-solid-gray-700">
          {profile.documentName}
        </p>
      )}
      {profile?.isDemo && <Notice tone="warning">{t('municipality.demoNotice')}</Notice>}
      {isEmpty ? (
        <p className="rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4 text-std-16N-170">
          {t('municipality.noProfile', { name: municipality.name })}
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {numbers.map((n) => (
            <ConsultationCard key={`${n.label}:${n.phone}`} entry={n} />
          ))}
          {departments.map((d) => (
            <DepartmentCard key={d.key} title={d.title} contact={d.contact} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ConsultationCard({ entry }: { entry: ConsultationNumber }) {
  const { t } = useTranslation();
  return (
    <li className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 bg-white p-4">
      <span lang="ja" className="text-std-17B-170 text-solid-gray-900">
        {entry.label}
      </span>
      <PhoneLink number={entry.phone} label={entry.label} />
      {entry.hours && <Detail term={t('municipality.hours')} value={entry.hours} />}
      {entry.note && <Detail term={t('municipality.note')} value={entry.note} />}
    </li>
  );
}

function DepartmentCard({ title, contact }: { title: string; contact: DepartmentContact }) {
  const { t } = useTranslation();
  return (
    <li className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 bg-white p-4">
      <span className="text-std-17B-170 text-solid-gray-900">{title}</span>
      <span lang="ja" className="text-std-16N-170">
        {contact.department}
      </span>
      <PhoneLink number={contact.phone} label={contact.department} />
      {contact.hours && <Detail term={t('municipality.hours')} value={contact.hours} />}
      {contact.email && (
        <span className="text-std-16N-170">
          {t('common.termLabel', { term: t('municipality.email') })}
          <a href={`mailto:${contact.email}`} className={`${linkClass} break-all`}>
            {contact.email}
          </a>
        </span>
      )}
    </li>
  );
}

/** A labelled value from the profile; the value is Japanese data whatever the page language. */
function Detail({ term, value }: { term: string; value: string }) {
  const { t } = useTranslation();
  return (
    <span className="text-std-16N-170 text-solid-gray-800">
      {t('common.termLabel', { term })}
      <span lang="ja">{value}</span>
    </span>
  );
}
