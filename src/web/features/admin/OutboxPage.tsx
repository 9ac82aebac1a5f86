import './i18n.ts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatStaffInstant } from '../../ui/datetime.ts';
import { ListFilterBar } from '../../ui/ListFilterBar.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { compactButtonClass, tableClass, tdClass, thClass } from '../../ui/styles.ts';
import { type OutboxFilter, type OutboxStatus, outbox } from './api.ts';

const OUTBOX_STATUSES = [
  'held',
  'pending',
  'sending',
  'sent',
  'failed',
] as const satisfies readonly OutboxStatus[];

const STATUS_TONE: Record<OutboxStatus, string> = {
  pending: 'border-blue-900 bg-blue-50 text-blue-1000',
  sending: 'border-blue-900 bg-blue-50 text-blue-1000',
  sent: 'border-success-2 bg-green-50 text-success-2',
  failed: 'border-error-1 bg-red-50 text-error-2',
  held: 'border-warning-yellow-2 bg-yellow-50 text-solid-gray-900',
};

/**
 * `/console/admin/outbox`: what the system sends or would send (newest first). Without SMTP, messages
 * are `held` here, and an administrator can pass a password-setup link on by other means.
 */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const [filter, setFilter] = useState<OutboxFilter>({ status: '', sort: 'newest' });
  const messages = useInfiniteQuery({
    queryKey: ['admin', 'outbox', filter],
    queryFn: ({ pageParam, signal }) => outbox(pageParam, signal, filter),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const items = messages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = messages.data?.pages[0]?.total ?? 0;

  return (
    <>
      <PageHeading title={t('outbox.title')}>{t('outbox.title')}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('outbox.lead')}</p>
      {/* Server-side: the outbox is paged. No words filter: addresses, subjects and bodies are sealed. */}
      <ListFilterBar
        id="outbox"
        label={t('outbox.filterLabel')}
        sort={{
          label: t('outbox.sort'),
          value: filter.sort,
          onChange: (sort) => setFilter({ ...filter, sort }),
          options: (['newest', 'oldest'] as const).map((value) => ({
            value,
            label: t(`outbox.sorts.${value}`),
          })),
        }}
      >
        <div className="w-64 max-w-full">
          <SelectField
            id="outbox-status"
            compact
            label={t('outbox.statusFilter')}
            value={filter.status}
            onChange={(e) => setFilter({ ...filter, status: e.target.value as OutboxStatus | '' })}
            options={[
              { value: '', label: t('outbox.allStatuses') },
              ...OUTBOX_STATUSES.map((value) => ({ value, label: t(`outbox.statuses.${value}`) })),
            ]}
          />
        </div>
      </ListFilterBar>
      <div role="status" aria-live="polite" className="text-dns-16N-130">
        {messages.data && t('outbox.count', { count: total, shown: items.length })}
      </div>
      {messages.isError ? (
        <Notice tone="error">
          <p>{problemMessage(messages.error)}</p>
        </Notice>
      ) : messages.isPending ? (
        <p>{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="text-std-16N-170">{t('outbox.none')}</p>
      ) : (
        <DataTable label={t('outbox.tableLabel')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {t('outbox.createdAt')}
                </th>
                <th scope="col" className={thClass}>
                  {t('outbox.status')}
                </th>
                <th scope="col" className={thClass}>
                  {t('outbox.recipient')}
                </th>
                <th scope="col" className={thClass}>
                  {t('outbox.subject')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    {formatStaffInstant(m.createdAt, i18n.language)}
                  </td>
                  <td className={tdClass}>
                    <span
                      className={`inline-block rounded-4 border px-2 py-0.5 text-dns-14B-120 ${STATUS_TONE[m.status]}`}
                    >
                      {t(`outbox.statuses.${m.status}`)}
                    </span>
                    {m.lastError && <span className="block text-dns-14N-130">{m.lastError}</span>}
                  </td>
                  {m.erasedAt || m.recipient === null ? (
                    <td colSpan={2} className={`${tdClass} text-solid-gray-700`} data-testid="outbox-erased">
                      {t('outbox.erased')}
                    </td>
                  ) : (
                    <>
                      <td className={`${tdClass} break-all`}>{m.recipient}</td>
                      <td className={`${tdClass} min-w-64`}>
                        <details>
                          <summary className="min-h-11 cursor-pointer content-center text-blue-1000 underline">
                            {m.subject}
                          </summary>
                          <pre className="outbox-body mt-2 max-w-[60ch] rounded-6 bg-solid-gray-50 p-3 font-sans text-dns-16N-130 whitespace-pre-wrap break-all">
                            {m.body}
                          </pre>
                        </details>
                        {m.eraseAfterSending && (
                          <span className="mt-1 block text-dns-14N-130">{t('outbox.eraseAfterSending')}</span>
                        )}
                      </td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
      {messages.hasNextPage && (
        <div>
          <button
            type="button"
            className={compactButtonClass}
            disabled={messages.isFetchingNextPage}
            onClick={() => void messages.fetchNextPage()}
          >
            {messages.isFetchingNextPage ? t('common.loading') : t('pager.more')}
          </button>
        </div>
      )}
    </>
  );
}
