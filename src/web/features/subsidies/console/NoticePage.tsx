import '../i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { linkClass, primaryButtonClass } from '../../../ui/styles.ts';
import { noticeQuery } from '../api.ts';

const PRINT_CSS = `@media print {
  header, nav, footer, .print-hidden, a[href^="#main"] { display: none !important; }
  main { padding: 0 !important; max-width: none !important; }
  .notice-sheet { border: 0 !important; padding: 0 !important; font-size: 11pt; }
}`;

const yenJa = (n: number) => `${n.toLocaleString('ja-JP')}円`;

/**
 * `/console/subsidies/applications/{id}/notice`: the decision notice to print and send, in Japanese
 * (an official document): document number and 和暦 date at the top right, addressee, the tenant
 * (mayor) as sender, the decision, reasons when reduced or refused, and the 教示.
 */
export function NoticePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const notice = useQuery(noticeQuery(id));
  const n = notice.data;
  const title = n
    ? n.kind === 'approval'
      ? t('subsidies.notice.approvalTitle')
      : t('subsidies.notice.rejectionTitle')
    : t('subsidies.console.printNotice');
  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="print-hidden flex flex-wrap items-center gap-4">
        <Link
          to="/console/subsidies/applications/$id"
          params={{ id }}
          className={`${linkClass} inline-flex min-h-11 items-center`}
        >
          {t('subsidies.notice.back')}
        </Link>
        <button type="button" className={primaryButtonClass} onClick={() => window.print()}>
          {t('subsidies.notice.print')}
        </button>
      </div>
      {notice.isError ? (
        <>
          <PageHeading title={title}>{title}</PageHeading>
          <Notice tone="error">
            <p>{problemMessage(notice.error)}</p>
          </Notice>
        </>
      ) : !n ? (
        <p>{t('common.loading')}</p>
      ) : (
        <article
          lang="ja"
          className="notice-sheet flex max-w-3xl flex-col gap-5 rounded-8 border border-solid-gray-420 bg-white p-6 text-std-16N-170"
        >
          <div className="text-right">
            <p data-testid="document-number">{n.documentNumber}</p>
            <p data-testid="notice-date">{n.decidedOnWareki}</p>
          </div>
          <div>
            <p>{t('subsidies.notice.to', { name: n.addressee })}</p>
            {n.personName && <p>{t('subsidies.notice.person', { name: n.personName })}</p>}
          </div>
          <div className="text-right">
            <p data-testid="notice-tenant">{n.tenantName}</p>
            <p>{t('subsidies.notice.fromTitle', { mayor: n.mayorTitle })}</p>
          </div>
          <PageHeading title={title}>
            <span className="block text-center text-std-24B-150">
              {n.fiscalYearLabel} {title}
            </span>
          </PageHeading>
          <p>
            {t('subsidies.notice.applied', { date: n.submittedOnWareki, number: n.receiptNumber })}
            {n.bodyText}
          </p>
          <p className="text-center">{t('subsidies.notice.items')}</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
            <dt>{t('subsidies.notice.destination')}</dt>
            <dd>{n.destinationName}</dd>
            <dt>{t('subsidies.notice.requested')}</dt>
            <dd>{yenJa(n.requestedMonthlyYen)}</dd>
            {n.grantedMonthlyYen !== null && (
              <>
                <dt>{t('subsidies.notice.granted')}</dt>
                <dd data-testid="notice-granted">{yenJa(n.grantedMonthlyYen)}</dd>
                <dt>{t('subsidies.notice.period')}</dt>
                <dd>{t('subsidies.notice.periodValue', { from: n.grantFromLabel, to: n.grantToLabel })}</dd>
              </>
            )}
          </dl>
          {n.reasons && (
            <section className="flex flex-col gap-1">
              <h2 className="text-std-17B-170">{t('subsidies.notice.reasons')}</h2>
              <p className="whitespace-pre-wrap">{n.reasons}</p>
            </section>
          )}
          <section className="flex flex-col gap-1 border-t border-solid-gray-420 pt-4">
            <h2 className="text-std-17B-170">{t('subsidies.notice.instruction')}</h2>
            <p className="whitespace-pre-wrap" data-testid="notice-instruction">
              {n.instructionText}
            </p>
          </section>
        </article>
      )}
    </>
  );
}
