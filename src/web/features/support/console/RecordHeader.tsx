import '../i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { addressedName } from '../../../../shared/text/honorific.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { linkClass } from '../../../ui/styles.ts';
import { type ContactPreferences, type PersonRecord, recordQuery } from '../api.ts';

export type RecordSection = 'record' | 'edit' | 'intake' | 'consents' | 'measures' | 'plan' | 'print';

/** Sub-pages of one person's record, in the order staff usually need them. */
const SECTIONS: { key: RecordSection; to: string }[] = [
  { key: 'record', to: '/console/support/persons/$id' },
  { key: 'intake', to: '/console/support/persons/$id/intake' },
  { key: 'plan', to: '/console/support/persons/$id/plan' },
  { key: 'measures', to: '/console/support/persons/$id/measures' },
  { key: 'consents', to: '/console/support/persons/$id/consents' },
  { key: 'edit', to: '/console/support/persons/$id/edit' },
  { key: 'print', to: '/console/support/persons/$id/print' },
];

/**
 * The contact wishes in one line, strong where they forbid something (訪問はしない). Shown at the top
 * of every page from which someone might contact the person.
 */
export function ContactWishes({ prefs }: { prefs: ContactPreferences }) {
  const { t } = useTranslation();
  const names = (list: string[]) => list.map((c) => t(`support.person.channelNames.${c}`)).join('、');
  return (
    <div
      className="flex flex-col gap-1 rounded-8 border-2 border-blue-900 bg-white px-4 py-3 text-dns-16N-130"
      data-testid="contact-wishes"
    >
      {prefs.noHomeVisits && (
        <p className="rounded-6 bg-yellow-50 px-2 py-1 text-std-17B-170 text-solid-gray-900">
          {t('support.person.noHomeVisits')}
        </p>
      )}
      <p>
        <span className="font-bold">{t('support.person.channels')}：</span>
        {prefs.channels.length ? names(prefs.channels) : t('support.person.none')}
        {prefs.avoid.length > 0 && (
          <>
            {' ／ '}
            <span className="font-bold">{t('support.person.avoid')}：</span>
            {names(prefs.avoid)}
          </>
        )}
      </p>
      <p>
        <span className="font-bold">{t('support.person.pace')}：</span>
        {t(`support.person.paces.${prefs.pace}`)}
        {' ／ '}
        <span className="font-bold">{t('support.person.times')}：</span>
        {prefs.times || t('support.person.none')}
      </p>
    </div>
  );
}

/** Sub-navigation between the pages of one record. */
export function RecordNav({
  personId,
  current,
  canManage = true,
}: {
  personId: string;
  current: RecordSection;
  /** Labour staff (who see a case through consent) do not edit details: no link to a page they cannot open. */
  canManage?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('support.records.navLabel')}>
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {SECTIONS.filter((s) => canManage || s.key !== 'edit').map((s) => (
          <li key={s.key}>
            <Link
              to={s.to}
              params={{ id: personId }}
              aria-current={s.key === current ? 'page' : undefined}
              className={`${linkClass} inline-flex min-h-11 items-center ${s.key === current ? 'font-bold' : ''}`}
            >
              {t(`support.records.sections.${s.key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The head of every sub-page of a record: back link, heading (「呼び名」さん — page), the contact
 * wishes, and the record's navigation. Renders `children` with the loaded record.
 */
export function RecordPage({
  personId,
  section,
  children,
}: {
  personId: string;
  section: RecordSection;
  children: (person: PersonRecord) => React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const person = useQuery(recordQuery(personId));
  const title = t('support.records.pageTitle', {
    name: addressedName(person.data?.nickname ?? '', i18n.language),
    page: t(`support.records.sections.${section}`),
  });
  return (
    <>
      <Link
        to="/console/support/persons/$id"
        params={{ id: personId }}
        className={`${linkClass} inline-flex min-h-11 items-center self-start`}
      >
        {t('support.plan.back')}
      </Link>
      <PageHeading title={title}>{title}</PageHeading>
      {person.isError ? (
        <Notice tone="error">
          <p>{problemMessage(person.error)}</p>
        </Notice>
      ) : person.isPending ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <ContactWishes prefs={person.data.contactPreferences} />
          {person.data.familyOnly && (
            <Notice tone="info">
              <p>{t('support.person.familyOnly')}</p>
            </Notice>
          )}
          <RecordNav personId={personId} current={section} canManage={person.data.access.canManage} />
          {children(person.data)}
        </>
      )}
    </>
  );
}
