import '../i18n.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { CursorPager, type CursorTrail } from '../../../ui/CursorPager.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { formatStaffDay } from '../../../ui/datetime.ts';
import { ListFilterBar } from '../../../ui/ListFilterBar.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import {
  linkClass,
  primaryButtonClass,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from '../../../ui/styles.ts';
import { PLACE_KINDS, type StaffFilter, staffPlacesQuery } from '../api.ts';

/** `/console/places` (and `/console/places/stale`): the municipality's entries in every state. */
export function PlacesListPage({ filter, stale = false }: { filter: StaffFilter; stale?: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const problemMessage = useProblemMessage();
  const effective: StaffFilter = { ...filter, ...(stale ? { stale: true } : {}) };
  const [form, setForm] = useState<StaffFilter>(effective);
  const [cursors, setCursors] = useState<CursorTrail>([undefined]);
  const key = JSON.stringify(effective);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new filter only.
  useEffect(() => {
    setCursors([undefined]);
    setForm(effective);
  }, [key]);
  const list = useQuery({
    ...staffPlacesQuery(effective, cursors.at(-1)),
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  const title = stale ? t('places.console.staleTitle') : t('places.console.listTitle');

  const apply = (from: StaffFilter) => {
    const next: StaffFilter = {};
    if (from.q?.trim()) next.q = from.q.trim();
    if (from.kind) next.kind = from.kind;
    if (from.publication) next.publication = from.publication;
    if (from.status) next.status = from.status;
    if (from.stale) next.stale = true;
    if (from.sort && from.sort !== 'name') next.sort = from.sort;
    void navigate({ to: '/console/places', search: next as never });
  };

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <PageHeading title={title}>{title}</PageHeading>
        <div className="flex flex-wrap gap-3">
          <Link to="/console/places/import" className={secondaryButtonClass}>
            {t('places.console.import')}
          </Link>
          <Link to="/console/places/new" className={primaryButtonClass}>
            {t('places.console.new')}
          </Link>
        </div>
      </div>
      {/* Server-side: the list is paged (q, filters and sort go to GET /api/places). */}
      <ListFilterBar
        id="places-admin"
        label={t('places.console.searchLabel')}
        text={{
          label: t('places.console.query'),
          value: effective.q ?? '',
          onApply: (q) => apply({ ...form, q }),
          applyLabel: t('places.console.search'),
        }}
        sort={{
          label: t('places.console.sort'),
          value: effective.sort ?? 'name',
          onChange: (sort) => apply({ ...effective, sort }),
          options: (['name', 'verified', 'updated'] as const).map((value) => ({
            value,
            label: t(`places.console.sorts.${value}`),
          })),
        }}
      >
        <div className="basis-40">
          <SelectField
            id="places-admin-kind"
            label={t('places.console.kind')}
            compact
            value={form.kind ?? ''}
            onChange={(e) => setForm({ ...form, kind: (e.target.value || undefined) as StaffFilter['kind'] })}
            options={[
              { value: '', label: t('places.console.all') },
              ...PLACE_KINDS.map((k) => ({ value: k, label: t(`places.kind.${k}`) })),
            ]}
          />
        </div>
        <div className="basis-40">
          <SelectField
            id="places-admin-publication"
            label={t('places.console.publication')}
            compact
            value={form.publication ?? ''}
            onChange={(e) =>
              setForm({ ...form, publication: (e.target.value || undefined) as StaffFilter['publication'] })
            }
            options={[
              { value: '', label: t('places.console.all') },
              ...(['draft', 'in_review', 'published'] as const).map((v) => ({
                value: v,
                label: t(`places.console.publicationState.${v}`),
              })),
            ]}
          />
        </div>
        <div className="basis-36">
          <SelectField
            id="places-admin-status"
            label={t('places.console.status')}
            compact
            value={form.status ?? ''}
            onChange={(e) =>
              setForm({ ...form, status: (e.target.value || undefined) as StaffFilter['status'] })
            }
            options={[
              { value: '', label: t('places.console.all') },
              ...(['active', 'paused', 'closed'] as const).map((v) => ({
                value: v,
                label: t(`places.console.statusState.${v}`),
              })),
            ]}
          />
        </div>
        <Checkbox
          id="places-admin-stale"
          label={t('places.console.staleOnly')}
          checked={form.stale ?? false}
          onChange={(e) => setForm({ ...form, stale: e.target.checked || undefined })}
        />
      </ListFilterBar>
      <div role="status" aria-live="polite" className="text-dns-16N-130">
        {data && t('places.console.count', { count: data.total })}
      </div>
      {list.isError ? (
        <Notice tone="error">
          <p>{problemMessage(list.error)}</p>
        </Notice>
      ) : !data ? (
        <p>{t('common.loading')}</p>
      ) : data.items.length === 0 ? (
        <p className="text-std-16N-170">{t('places.console.none')}</p>
      ) : (
        <DataTable label={t('places.console.tableLabel')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {t('places.console.name')}
                </th>
                <th scope="col" className={thClass}>
                  {t('places.console.kind')}
                </th>
                <th scope="col" className={thClass}>
                  {t('places.console.publication')}
                </th>
                <th scope="col" className={thClass}>
                  {t('places.console.status')}
                </th>
                <th scope="col" className={thClass}>
                  {t('places.console.verifiedOn')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.id}>
                  <td className={tdClass}>
                    <Link
                      to="/console/places/$id"
                      params={{ id: p.id }}
                      className={`${linkClass} inline-flex min-h-11 items-center`}
                      lang="ja"
                    >
                      {p.name}
                    </Link>
                  </td>
                  <td className={tdClass}>{t(`places.kind.${p.kind}`)}</td>
                  <td className={tdClass}>
                    {t(`places.console.publicationState.${p.publication}`)}
                    {p.isPublic && p.publication !== 'published' && ` ・ ${t('places.console.publicBadge')}`}
                  </td>
                  <td className={tdClass}>{t(`places.console.statusState.${p.status}`)}</td>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    {p.verifiedOn
                      ? formatStaffDay(`${p.verifiedOn}T00:00:00+09:00`, i18n.language)
                      : t('places.console.neverVerified')}
                    {p.verificationDue && (
                      <strong className="ml-2 text-error-2">{t('places.console.due')}</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
      {data && <CursorPager cursors={cursors} setCursors={setCursors} nextCursor={data.nextCursor} />}
    </>
  );
}
