import './i18n.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { CursorPager, type CursorTrail } from '../../ui/CursorPager.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatDate } from '../../ui/datetime.ts';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import {
  compactButtonClass,
  compactInputClass,
  linkClass,
  primaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from '../../ui/styles.ts';
import { type AccountFilter, type AccountStatus, accountsQuery } from './api.ts';
import { useRoleLabel } from './RoleCheckboxes.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** `/console/admin/accounts`: the tenant's accounts, searchable by name or e-mail, 50 per page. */
export function AccountsListPage({ filter }: { filter: AccountFilter }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const problemMessage = useProblemMessage();
  const roleLabel = useRoleLabel();
  const [q, setQ] = useState(filter.q ?? '');
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
    setQ(filter.q ?? '');
    setStatus(filter.status ?? '');
  }, [filterKey]);

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: AccountFilter = {};
    if (q.trim()) next.q = q.trim();
    if (status === 'active' || status === 'disabled') next.status = status as AccountStatus;
    void navigate({ to: '/console/admin/accounts', search: next });
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
      <search aria-label={t('accounts.searchLabel')}>
        <form onSubmit={onSearch} className="flex flex-wrap items-end gap-3 rounded-8 bg-white p-4">
          <div className="flex min-w-0 flex-1 basis-60 flex-col gap-1">
            <label htmlFor="accounts-q" className="text-dns-16B-130">
              {t('accounts.searchQuery')}
            </label>
            <input
              id="accounts-q"
              type="search"
              className={compactInputClass}
              value={q}
              maxLength={100}
              onChange={(event) => setQ(event.target.value)}
            />
          </div>
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
          <button type="submit" className={compactButtonClass}>
            {t('accounts.search')}
          </button>
        </form>
      </search>

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
                  <td className={`${tdClass} whitespace-nowrap`}>{formatDate(a.createdAt, i18n.language)}</td>
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
