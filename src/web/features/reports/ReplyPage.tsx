import './i18n.ts';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicReportView } from '../../../shared/contracts/reports.ts';
import { formatDateTime } from '../../ui/datetime.ts';
import { TextAreaField } from '../../ui/Fields.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { ReplyCodeFollowUp, useFollowUpMessage } from '../../ui/ReplyCodeFollowUp.tsx';
import { ReplyCodeForm, useReplyCodeLookup } from '../../ui/ReplyCodeForm.tsx';
import { cardClass, linkClass } from '../../ui/styles.ts';
import { addInformation, newIdempotencyKey, readReply } from './api.ts';

/**
 * `/reports/reply`: with the reply code shown once at submission, read the municipality's answers and
 * add information, without an account. The code stays in this page's memory only and is sent in a
 * POST body (never in the address, so it is not in history or server logs).
 */
export function ReplyPage() {
  const { t, i18n } = useTranslation();
  const lookup = useReplyCodeLookup({
    requiredMessage: t('reports.reply.codeRequired'),
    closedMessage: t('reports.reply.closed'),
    read: readReply,
  });
  const title = t('reports.reply.title');

  return (
    <div className="flex max-w-2xl flex-col gap-8">
      <div className="flex flex-col gap-3">
        <PageHeading title={title}>{title}</PageHeading>
        <p className="text-std-16N-170">{t('reports.reply.lead')}</p>
      </div>
      <LiveStatus message={lookup.status} />
      {lookup.view ? (
        <ReportView view={lookup.view} code={lookup.code} onClose={lookup.close} language={i18n.language} />
      ) : (
        <ReplyCodeForm
          {...lookup.form}
          idPrefix="reply"
          label={t('reports.reply.code')}
          hint={t('reports.reply.codeHint')}
          notFoundMessage={t('reports.reply.notFound')}
          submitLabel={t('reports.reply.submit')}
        />
      )}
      <p>
        <Link to="/reports/contract-help" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('reports.form.toContractHelp')}
        </Link>
      </p>
    </div>
  );
}

function ReportView({
  view,
  code,
  onClose,
  language,
}: {
  view: PublicReportView;
  code: string;
  onClose: () => void;
  language: string;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(view);
  const followUp = useFollowUpMessage({
    field: 'text',
    requiredMessage: t('reports.reply.addRequired'),
    sentMessage: t('reports.reply.added'),
    newIdempotencyKey,
    send: (text, key) => addInformation(code, text, key),
    afterSent: async () => setCurrent(await readReply(code)),
  });

  return (
    <>
      <section aria-labelledby="reply-status-heading" className={cardClass}>
        <h2 id="reply-status-heading" className="text-std-20B-150">
          {t('reports.reply.receipt', { number: current.receiptNumber })}
        </h2>
        <dl className="flex flex-col gap-2 text-std-16N-170">
          <div>
            <dt className="font-bold">{t('reports.reply.receivedAt')}</dt>
            <dd>{formatDateTime(current.receivedAt, language)}</dd>
          </div>
          <div>
            <dt className="font-bold">{t('reports.reply.status')}</dt>
            <dd data-testid="reply-status">{t(`reports.reply.publicStatuses.${current.status}`)}</dd>
          </div>
          <div>
            <dt className="font-bold">{t('reports.reply.additionsLabel')}</dt>
            <dd>{t('reports.reply.additions', { count: current.additions.length })}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="reply-replies-heading" className="flex flex-col gap-3">
        <h2 id="reply-replies-heading" className="text-std-20B-150">
          {t('reports.reply.repliesHeading')}
        </h2>
        {current.replies.length === 0 ? (
          <p className="text-std-16N-170">{t('reports.reply.noReplies')}</p>
        ) : (
          <ol className="flex flex-col gap-3">
            {current.replies.map((r) => (
              <li key={r.at} className="rounded-8 border border-solid-gray-420 bg-white p-4">
                <p className="text-dns-14N-130 text-solid-gray-700">{formatDateTime(r.at, language)}</p>
                <p lang="ja" className="whitespace-pre-wrap text-std-16N-170">
                  {r.text}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
      <ReplyCodeFollowUp
        {...followUp.form}
        headingId="reply-add-heading"
        heading={t('reports.reply.addHeading')}
        idPrefix="reply-add"
        submitLabel={t('reports.reply.addSubmit')}
        busyLabel={t('reports.form.submitting')}
        closeLabel={t('reports.reply.close')}
        onClose={onClose}
      >
        <TextAreaField
          id="reply-add-text"
          label={t('reports.reply.addLabel')}
          maxLength={4000}
          {...followUp.field}
        />
      </ReplyCodeFollowUp>
    </>
  );
}
