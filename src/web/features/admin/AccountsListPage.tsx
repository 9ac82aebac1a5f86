import './i18n.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { CursorPager, type CursorTrail } from '../../ui/CursorPager.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatStaffDay } from '../../ui/datetime.ts';
import { ListFilterBar } from '../../ui/ListFilterBar.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { linkClass, primaryButtonClass, tableClass, tdClass, thClass } from '../../ui/styles.ts';
import { type AccountFilter, type AccountSort, type AccountStatus, accountsQuery } from './api.ts';
import { useRoleLabel } from './RoleCheckboxes.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** `/console/admin/accounts`: the tenant's accounts, searchable by name or e-mail, 50 per page. */
export function AccountsListPage({ filter }: { filter: AccountFilter }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const problemMessage = useProblemMessage();
  const roleLabel = useRoleLabel();
  const [status, setStatus] = useState<string>(filter.status ?? '');
  // Cursors of the pages before the current one, so "previous" needs no cursor from the server.
  const [cursors, setCursors] = useState<CursorTrail>([undefined]);
  const cursor = cursors.at(-1);
  const list = useQuery({ ...accountsQuery(filter, cursor), placeholderData: keepPreviousData });

  // A new search starts at the first page.
  const filterKey = JSON.stringify(filter);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new filter only.
  useEffect(() => {
    setCursors([undefined]);
    setStatus(filter.status ?? '');
  }, [filterKey]);

  const apply = (next: { q: string; status: string; sort?: AccountSort | undefined }) => {
    const search: AccountFilter = {};
    if (next.q.trim()) search.q = next.q.trim();
    if (next.status === 'active' || next.status === 'disabled') search.status = next.status as AccountStatus;
    if (next.sort && next.sort !== 'email') search.sort = next.sort;
    void navigate({ to: '/console/admin/accounts', search: search as never });
  };

  const page = cursors.length;
  const data = list.data;

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <PageHeading title={t('accounts.listTitle')}>{t('accounts.listTitle')}</PageHeading>
        <Link to="/console/admin/accounts/new" className={primaryButtonClass}>
          {t('accounts.create')}
        </Link>
      </div>
      {/* Server-side: the list is paged (q, status and sort go to GET /api/admin/accounts). */}
      <ListFilterBar
        id="accounts"
        label={t('accounts.searchLabel')}
        text={{
          label: t('accounts.searchQuery'),
          value: filter.q ?? '',
          onApply: (q) => apply({ q, status, sort: filter.sort }),
          applyLabel: t('accounts.search'),
        }}
        sort={{
          label: t('accounts.sort'),
          value: filter.sort ?? 'email',
          onChange: (sort) => apply({ q: filter.q ?? '', status: filter.status ?? '', sort }),
          options: (['email', 'name', 'created'] as const).map((value) => ({
            value,
            label: t(`accounts.sorts.${value}`),
          })),
        }}
      >
        <div className="basis-40">
          <SelectField
            id="accounts-status"
            label={t('accounts.statusFilter')}
            compact
            value={status}
            onChange={(event) => setStatus(event.target.value)}
            options={[
              { value: '', label: t('accounts.status.all') },
              { value: 'active', label: t('accounts.status.active') },
              { value: 'disabled', label: t('accounts.status.disabled') },
            ]}
          />
        </div>
      </ListFilterBar>

      <div role="status" aria-live="polite" className="text-dns-16N-130">
        {data && t('accounts.count', { count: data.total, page })}
      </div>
      {list.isError ? (
        <Notice tone="error">
          <p>{problemMessage(list.error)}</p>
        </Notice>
      ) : !data ? (
        <p>{t('common.loading')}</p>
      ) : data.items.length === 0 ? (
        <p className="text-std-16N-170">{t('accounts.none')}</p>
      ) : (
        <DataTable label={t('accounts.tableLabel')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {t('accounts.displayName')}
                </th>
                <th scope="col" className={thClass}>
                  {t('accounts.email')}
                </th>
                <th scope="col" className={thClass}>
                  {t('accounts.roles')}
                </th>
                <th scope="col" className={thClass}>
                  {t('accounts.statusLabel')}
                </th>
                <th scope="col" className={thClass}>
                  {t('accounts.createdAt')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id}>
                  <td className={tdClass}>
                    <Link
                      to="/console/admin/accounts/$id"
                      params={{ id: a.id }}
                      className={`${linkClass} inline-flex min-h-11 items-center`}
                    >
                      {a.displayName || a.email}
                    </Link>
                  </td>
                  <td className={`${tdClass} break-all`}>{a.email}</td>
                  <td className={tdClass}>{a.roles.map(roleLabel).join('、')}</td>
                  <td className={tdClass}>
                    <StatusBadge status={a.status} />
                  </td>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    {formatStaffDay(a.createdAt, i18n.language)}
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
