import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtectionBoardItem } from '../../../../shared/contracts/reports.ts';
import { hasPermission } from '../../../../shared/permissions.ts';
import { meQuery } from '../../../api/me.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { formatStaffDay, formatStaffInstant } from '../../../ui/datetime.ts';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { cardClass, compactButtonClass, linkClass, monoClass } from '../../../ui/styles.ts';
import { completeFollowUp, protectionBoardQuery } from '../api.ts';
import { StatusBadge, UrgentBadge } from './badges.tsx';
import { ProtectionForm } from './ProtectionForm.tsx';

/**
 * `/console/report-protections`: urgent reports and emergency-protection records, for consultation
 * staff who record protection through the welfare department. Receipt numbers, dates and follow-ups
 * only: the report's texts stay on its triage page.
 */
export function ProtectionBoardPage() {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const board = useQuery(protectionBoardQuery());
  const [status, setStatus] = useState<string | null>(null);
  const title = t('reports.board.title');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('reports.board.lead')}</p>
      <LiveStatus message={status} />
      {board.isError ? (
        <Notice tone="error">
          <p>{problemMessage(board.error)}</p>
        </Notice>
      ) : board.isPending ? (
        <p>{t('common.loading')}</p>
      ) : board.data.items.length === 0 ? (
        <p className="text-std-16N-170">{t('reports.board.none')}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {board.data.items.map((item) => (
            <BoardItem key={item.reportId} item={item} onDone={setStatus} />
          ))}
        </ul>
      )}
    </>
  );
}

function BoardItem({ item, onDone }: { item: ProtectionBoardItem; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const me = useQuery(meQuery());
  const queryClient = useQueryClient();
  const triage = hasPermission(
    (me.data?.account.roles ?? []).map((a) => a.role),
    'reports.triage',
  );
  const refresh = async (message: string) => {
    onDone(message);
    await queryClient.invalidateQueries({ queryKey: ['reports'] });
  };
  const headingId = `board-${item.reportId}`;
  return (
    <li>
      <section aria-labelledby={headingId} className={cardClass}>
        <div className="flex flex-wrap items-center gap-3">
          <h2 id={headingId} className="text-std-20B-150">
            {t('reports.board.receipt')} <span className={monoClass}>{item.receiptNumber}</span>
          </h2>
          {item.urgent && <UrgentBadge />}
          <StatusBadge status={item.status} />
        </div>
        <p className="text-dns-16N-130">
          {t('reports.detail.receivedAt')}: {formatStaffInstant(item.receivedAt, i18n.language)}
        </p>
        {triage && (
          <p>
            <Link
              to="/console/reports/$id"
              params={{ id: item.reportId }}
              className={`${linkClass} inline-flex min-h-11 items-center`}
            >
              {t('reports.board.open')}
            </Link>
          </p>
        )}
        {item.protections.length === 0 ? (
          <p className="text-dns-16N-130">{t('reports.board.noProtection')}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {item.protections.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-3 text-dns-16N-130">
                <span>
                  {t('reports.board.protectedAt', { at: formatStaffInstant(p.protectedAt, i18n.language) })}
                  {' / '}
                  {p.followUpDoneAt
                    ? t('reports.protection.followUpDone', {
                        at: formatStaffInstant(p.followUpDoneAt, i18n.language),
                      })
                    : t('reports.board.followUpDue', {
                        on: formatStaffDay(`${p.followUpOn}T12:00:00+09:00`, i18n.language),
                      })}
                </span>
                {!p.followUpDoneAt && (
                  <button
                    type="button"
                    className={compactButtonClass}
                    onClick={async () => {
                      await completeFollowUp(item.reportId, p.id);
                      await refresh(t('reports.protection.followUpSaved'));
                    }}
                  >
                    {t('reports.protection.completeFollowUp')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <details className="rounded-6 border border-solid-gray-420 p-3">
          <summary className="min-h-11 cursor-pointer content-center text-dns-16B-130 text-blue-1000 underline">
            {t('reports.protection.add')}
          </summary>
          <div className="pt-3">
            <ProtectionForm
              reportId={item.reportId}
              onSaved={() => void refresh(t('reports.protection.saved'))}
            />
          </div>
        </details>
      </section>
    </li>
  );
}
