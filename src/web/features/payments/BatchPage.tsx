import './i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatStaffDay } from '../../ui/datetime.ts';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { compactButtonClass, linkClass, primaryButtonClass, tableClass } from '../../ui/styles.ts';
import { approveBatch, batchQuery, exportBatchFile, recordResult, revealLineBank, yen } from './api.ts';
import { ErrorNotice, td, th } from './parts.tsx';

/** A masked account with a button that unmasks it (audited on the server, each time). */
function RevealAccount({
  batchId,
  lineId,
  lineNo,
  masked,
}: {
  batchId: string;
  lineId: string;
  lineNo: number;
  masked: string;
}) {
  const { t } = useTranslation();
  const reveal = useMutation({ mutationFn: () => revealLineBank(batchId, lineId) });
  if (reveal.data) {
    const b = reveal.data;
    return (
      <span>
        {b.bankCode}-{b.branchCode} {b.accountType} {b.accountNumber} {b.holderName}
      </span>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-2">
      {masked}
      <button
        type="button"
        className={compactButtonClass}
        onClick={() => reveal.mutate()}
        disabled={reveal.isPending}
      >
        {t('payments.batch.reveal', { line: lineNo })}
      </button>
      {reveal.isError && <ErrorNotice error={reveal.error} />}
    </span>
  );
}

/** `/console/payments/batches/$id`: approve, export (another user), per-line results, CSV. */
export function BatchPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const batch = useQuery(batchQuery(id));
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const refresh = async (message: string) => {
    setStatus(message);
    await queryClient.invalidateQueries({ queryKey: ['payments'] });
  };
  const approve = useMutation({
    mutationFn: () => approveBatch(id),
    onSuccess: () => refresh(t('payments.batch.approved')),
    onSettled: () => setConfirming(false),
  });
  const exportFile = useMutation({
    mutationFn: () => exportBatchFile(id),
    onSuccess: () => refresh(t('payments.batch.exported')),
  });
  const result = useMutation({
    mutationFn: (v: { lineId: string; status: 'paid' | 'returned' }) => recordResult(id, v.lineId, v.status),
    onSuccess: () => refresh(t('payments.batch.resultSaved')),
  });
  if (batch.isError) return <ErrorNotice error={batch.error} />;
  if (batch.isPending) return <p>{t('common.loading')}</p>;
  const b = batch.data;
  const title = t('payments.batch.title', { number: b.number });
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>
        <Link to="/console/payments" className={linkClass}>
          {t('payments.batch.back')}
        </Link>
      </p>
      <LiveStatus message={status} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-bold">{t('payments.batches.status')}</dt>
        <dd>{t(`payments.status.${b.status}`)}</dd>
        <dt className="font-bold">{t('payments.batch.transferDate')}</dt>
        <dd>{formatStaffDay(b.transferDate, i18n.language)}</dd>
        <dt className="font-bold">{t('payments.batches.total')}</dt>
        <dd>
          {yen(b.totalAmount, i18n.language)}（{b.lineCount}）
        </dd>
        <dt className="font-bold">{t('payments.batches.transfers')}</dt>
        <dd>{t('payments.batch.transfersOf', { transfers: b.transferCount, lines: b.lineCount })}</dd>
      </dl>
      <div className="flex flex-wrap gap-3">
        {b.status === 'draft' && (
          <button
            type="button"
            className={primaryButtonClass}
            onClick={() => setConfirming(true)}
            disabled={approve.isPending}
          >
            {t('payments.batch.approve')}
          </button>
        )}
        {b.status === 'approved' && (
          <button
            type="button"
            className={primaryButtonClass}
            onClick={() => exportFile.mutate()}
            disabled={exportFile.isPending}
          >
            {t('payments.batch.export')}
          </button>
        )}
        {b.status === 'exported' && (
          <a className={linkClass} href={`/api/payments/batches/${id}/file`} download>
            {t('payments.batch.download')}
          </a>
        )}
        <a className={linkClass} href={`/api/payments/batches/${id}/accounting.csv`} download>
          {t('payments.batch.csv')}
        </a>
      </div>
      {exportFile.isError &&
        (isApiError(exportFile.error) && exportFile.error.code === 'payments_four_eyes' ? (
          <Notice tone="error">
            <p>{t('payments.batch.fourEyes')}</p>
          </Notice>
        ) : (
          <ErrorNotice error={exportFile.error} />
        ))}
      {approve.isError && <ErrorNotice error={approve.error} />}
      {result.isError && <ErrorNotice error={result.error} />}
      <ConfirmDialog
        open={confirming}
        title={t('payments.batch.confirmTitle', { number: b.number })}
        confirmLabel={t('payments.batch.confirmApprove')}
        busy={approve.isPending}
        onConfirm={() => approve.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {t('payments.batch.confirmBody', {
            lines: b.lineCount,
            transfers: b.transferCount,
            total: yen(b.totalAmount, i18n.language),
            date: formatStaffDay(b.transferDate, i18n.language),
          })}
        </p>
        <p>{t('payments.batch.confirmNote')}</p>
      </ConfirmDialog>
      <DataTable label={title}>
        <table className={tableClass}>
          <thead>
            <tr>
              <th className={th}>{t('payments.batch.line')}</th>
              <th className={th}>{t('payments.batch.transfer')}</th>
              <th className={th}>{t('payments.payable.payee')}</th>
              <th className={th}>{t('payments.payable.programme')}</th>
              <th className={th}>{t('payments.payable.description')}</th>
              <th className={`${th} text-right`}>{t('payments.payable.amount')}</th>
              <th className={th}>{t('payments.payable.account')}</th>
              <th className={th}>{t('payments.batch.result')}</th>
              {b.status === 'exported' && <th className={th}>{t('payments.batch.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {b.lines.map((line) => (
              <tr key={line.id}>
                <td className={td}>{line.lineNo}</td>
                <td className={td}>{line.transferNo}</td>
                <td className={td}>{line.payeeName}</td>
                <td className={td}>{line.programmeName}</td>
                <td className={td}>{line.description}</td>
                <td className={`${td} text-right`}>{yen(line.amount, i18n.language)}</td>
                <td className={td}>
                  <RevealAccount batchId={id} lineId={line.id} lineNo={line.lineNo} masked={line.account} />
                </td>
                <td className={td}>{t(`payments.lineStatus.${line.status}`)}</td>
                {b.status === 'exported' && (
                  <td className={td}>
                    <div className="flex flex-wrap gap-2">
                      {line.status === 'pending' && (
                        <button
                          type="button"
                          className={compactButtonClass}
                          onClick={() => result.mutate({ lineId: line.id, status: 'paid' })}
                        >
                          {t('payments.batch.markPaid', { line: line.lineNo })}
                        </button>
                      )}
                      {line.status !== 'returned' && (
                        <button
                          type="button"
                          className={compactButtonClass}
                          onClick={() => result.mutate({ lineId: line.id, status: 'returned' })}
                        >
                          {t('payments.batch.markReturned', { line: line.lineNo })}
                        </button>
                      )}
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </DataTable>
    </>
  );
}
