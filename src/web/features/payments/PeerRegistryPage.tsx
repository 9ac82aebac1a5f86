import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import '../training/i18n.ts';
import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardSection } from '../../ui/CardSection.tsx';
import { formatTimeRange } from '../../ui/datetime.ts';
import { ListFilterSelect, matchesAllWords } from '../../ui/ListFilterBar.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { linkClass } from '../../ui/styles.ts';
import { shiftsQuery, supportersQuery } from './api.ts';
import { CoordinatorSections } from './coordinator.tsx';
import { ErrorNotice, ItemsQuery, SectionFilterBar } from './parts.tsx';

const REGISTRY_STATUSES = ['active', 'paused', 'ended'] as const;
const REGISTRY_QUALIFICATIONS = ['lead', 'certified', 'trainee'] as const;

/** The registry as filtered and ordered on screen (active before paused and ended; lead first). */
function registryList<
  S extends { displayName: string; availabilityNote: string | null; status: string; qualification: string },
>(items: S[], q: string, status: string, sort: 'name' | 'status' | 'qualification'): S[] {
  const collator = new Intl.Collator('ja');
  const rank = (list: readonly string[], value: string) => list.indexOf(value);
  return items
    .filter(
      (s) => (!status || s.status === status) && matchesAllWords(q, [s.displayName, s.availabilityNote]),
    )
    .sort(
      (a, b) =>
        (sort === 'status' ? rank(REGISTRY_STATUSES, a.status) - rank(REGISTRY_STATUSES, b.status) : 0) ||
        (sort === 'qualification'
          ? rank(REGISTRY_QUALIFICATIONS, a.qualification) - rank(REGISTRY_QUALIFICATIONS, b.qualification)
          : 0) ||
        collator.compare(a.displayName, b.displayName),
    );
}

/** `/console/peers`: the registry (lived experience only for the coordinator) and the coming shifts. */
export function PeerRegistryPage() {
  const { t, i18n } = useTranslation();
  const supporters = useQuery(supportersQuery());
  // Client-side: the registry comes whole (one request, no pages); a town has tens of supporters.
  const [registryQ, setRegistryQ] = useState('');
  const [registrySort, setRegistrySort] = useState<'name' | 'status' | 'qualification'>('name');
  const [registryStatus, setRegistryStatus] = useState('');
  const today = new Date();
  const from = isoDateInTokyo(today);
  const to = isoDateInTokyo(new Date(today.getTime() + 31 * 86_400_000));
  const shifts = useQuery(shiftsQuery(from, to));
  const title = t('payments.registry.title');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('payments.registry.lead')}</p>
      <p>
        <Link to="/console/training/manage" className={linkClass}>
          {t('training.admin.title')}
        </Link>
      </p>
      <CardSection headingId="registry-heading" heading={t('payments.registry.heading')}>
        {supporters.isError ? (
          <ErrorNotice error={supporters.error} />
        ) : supporters.isPending ? (
          <p>{t('common.loading')}</p>
        ) : (
          <>
            <SectionFilterBar
              section="registry"
              text={{ value: registryQ, onApply: setRegistryQ }}
              sort={registrySort}
              sorts={['name', 'status', 'qualification'] as const}
              onSort={setRegistrySort}
            >
              <ListFilterSelect
                id="registry-status"
                label={t('payments.registry.statusFilter')}
                value={registryStatus}
                onChange={setRegistryStatus}
                allLabel={t('payments.registry.allStatuses')}
                options={REGISTRY_STATUSES.map((value) => ({
                  value,
                  label: t(`payments.registry.status.${value}`),
                }))}
              />
            </SectionFilterBar>
            {registryList(supporters.data.items, registryQ, registryStatus, registrySort).length === 0 && (
              <p>{t('payments.registry.noneMatch')}</p>
            )}
            <ul className="flex flex-col gap-3" aria-label={t('payments.registry.heading')}>
              {registryList(supporters.data.items, registryQ, registryStatus, registrySort).map((s) => (
                <li key={s.id} className="flex flex-col gap-1 border-b border-solid-gray-200 pb-3">
                  <p className="text-std-17B-170">{s.displayName}</p>
                  <p>
                    {t(`payments.registry.status.${s.status}`)} ・{' '}
                    {t(`payments.registry.qualification.${s.qualification}`)}
                    {s.availabilityNote ? ` ・ ${s.availabilityNote}` : ''}
                  </p>
                  <p>
                    {t('payments.payable.account')}: {s.bankAccount ?? t('payments.registry.noBank')}
                  </p>
                  {s.livedExperience ? (
                    <p className="whitespace-pre-wrap">
                      {t('payments.registry.experience')}: {s.livedExperience}
                    </p>
                  ) : s.livedExperienceHidden ? (
                    <p>{t('payments.registry.experienceHidden')}</p>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </CardSection>
      <CardSection headingId="shifts-staff-heading" heading={t('payments.registry.shifts')}>
        <ItemsQuery query={shifts} none={t('payments.peersMe.noShifts')}>
          {(shiftItems) => (
            <ul className="flex flex-col gap-2">
              {shiftItems.map((s) => (
                <li key={s.id}>
                  {formatTimeRange(s.startsAt, s.endsAt, i18n.language)} {s.placeName} ・ {s.supporterName}
                </li>
              ))}
            </ul>
          )}
        </ItemsQuery>
      </CardSection>
      <CoordinatorSections shifts={shifts.data?.items} />
    </>
  );
}
