import { Link } from '@tanstack/react-router';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { formatDateTime } from '../../ui/datetime.ts';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { ReplyCodeFollowUp } from '../../ui/ReplyCodeFollowUp.tsx';
import { cardClass, linkClass, primaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import { addInformation, newIdempotencyKey, type PublicReportView, readReply } from './api.ts';
import { TextAreaField } from './Fields.tsx';

/**
 * `/reports/reply`: with the reply code shown once at submission, read the municipality's answers and
 * add information, without an account. The code stays in this page's memory only and is sent in a
 * POST body (never in the address, so it is not in history or server logs).
 */
export function ReplyPage() {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const [view, setView] = useState<PublicReportView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const title = t('reports.reply.title');

  async function load(event?: FormEvent) {
    event?.preventDefault();
    setStatus(null);
    if (!code.trim()) {
      setLocal({ replyCode: t('reports.reply.codeRequired') });
      setError(null);
      setFocusKey((k) => k + 1);
      return;
    }
    setLocal({});
    setBusy(true);
    try {
      setView(await readReply(code));
      setError(null);
    } catch (e) {
      setView(null);
      setError(e);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  function close() {
    setCode('');
    setView(null);
    setStatus(t('reports.reply.closed'));
  }

  return (
    <div className="flex max-w-2xl flex-col gap-8">
      <div className="flex flex-col gap-3">
        <PageHeading title={title}>{title}</PageHeading>
        <p className="text-std-16N-170">{t('reports.reply.lead')}</p>
      </div>
      <LiveStatus message={status} />
      {view ? (
        <ReportView view={view} code={code} onClose={close} language={i18n.language} />
      ) : (
        <form noValidate onSubmit={load} className="flex flex-col gap-5">
          <FormProblem
            error={isApiError(error) && error.status === 404 ? null : error}
            local={isApiError(error, 404) ? { replyCode: t('reports.reply.notFound') } : local}
            idPrefix="reply"
            focusKey={focusKey}
          />
          <TextField
            id="reply-replyCode"
            label={t('reports.reply.code')}
            hint={t('reports.reply.codeHint')}
            error={isApiError(error, 404) ? t('reports.reply.notFound') : local.replyCode}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <div>
            <button type="submit" className={primaryButtonClass} disabled={busy}>
              {busy ? t('common.loading') : t('reports.reply.submit')}
            </button>
          </div>
        </form>
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
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [focusKey, setFocusKey] = useState(0);
  const [added, setAdded] = useState<string | null>(null);
  const [current, setCurrent] = useState(view);
  const pending = useRef<{ key: string; text: string } | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    setAdded(null);
    if (!text.trim()) {
      setLocal({ text: t('reports.reply.addRequired') });
      setFocusKey((k) => k + 1);
      return;
    }
    setLocal({});
    if (!pending.current || pending.current.text !== text)
      pending.current = { key: newIdempotencyKey(), text };
    setBusy(true);
    try {
      await addInformation(code, text, pending.current.key);
      pending.current = null;
      setText('');
      setError(null);
      setAdded(t('reports.reply.added'));
      setCurrent(await readReply(code));
    } catch (e) {
      setError(e);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

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
        headingId="reply-add-heading"
        heading={t('reports.reply.addHeading')}
        sentStatus={added}
        onSubmit={add}
        error={error}
        local={local}
        idPrefix="reply-add"
        focusKey={focusKey}
        busy={busy}
        submitLabel={t('reports.reply.addSubmit')}
        busyLabel={t('reports.form.submitting')}
        closeLabel={t('reports.reply.close')}
        onClose={onClose}
      >
        <TextAreaField
          id="reply-add-text"
          label={t('reports.reply.addLabel')}
          error={local.text}
          maxLength={4000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </ReplyCodeFollowUp>
    </>
  );
}
