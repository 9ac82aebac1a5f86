import './i18n.ts';
import '../navigator/i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { municipalityQuery } from '../../api/municipalities.ts';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { formatDateTime } from '../../ui/datetime.ts';
import { RadioGroup, TextAreaField } from '../../ui/Fields.tsx';
import { FormProblem, fieldErrorsByPath } from '../../ui/FormProblem.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { NetworkFailureNotice } from '../../ui/NetworkFailureNotice.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading, useDocumentTitle } from '../../ui/PageHeading.tsx';
import { ReplyCodeFollowUp, useFollowUpMessage } from '../../ui/ReplyCodeFollowUp.tsx';
import { ReplyCodeForm, useReplyCodeLookup } from '../../ui/ReplyCodeForm.tsx';
import { linkClass, monoClass, primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import {
  newIdempotencyKey,
  type PublicConsultationView,
  readConsultation,
  type SubmitConsultation,
  type SubmitConsultationResult,
  submitConsultation,
  WRITERS,
  type Writer,
  writeAgain,
} from './consultation-api.ts';

/** Printing the receipt prints the code and the warning, not the site around them. */
const RECEIPT_PRINT_CSS = `@media print {
  body:has(.consultation-receipt) header, body:has(.consultation-receipt) footer,
  body:has(.consultation-receipt) a[href^="#main"] { display: none !important; }
}`;

type Phase =
  | { kind: 'editing' }
  | { kind: 'sending' }
  | { kind: 'network' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'done'; result: SubmitConsultationResult };

/**
 * `/m/{code}/consultation`: an anonymous consultation. 受け付けました appears only once the server
 * has answered; a retry after a lost answer reuses the same Idempotency-Key, so one consultation is
 * kept. Nothing is written to web storage (shared phones).
 */
export function ConsultationFormPage({ code, topic }: { code: string; topic?: 'job_leaving' | undefined }) {
  const { t, i18n } = useTranslation();
  const municipality = useQuery(municipalityQuery(code));
  const m = municipality.data;
  const [writer, setWriter] = useState<Writer | undefined>(undefined);
  // A topic (from the navigator) only starts the message; the person writes the rest, or deletes it.
  const [message, setMessage] = useState(() => (topic ? t(`navigator.consultTopic.${topic}`) : ''));
  const [easyJapanese, setEasyJapanese] = useState(i18n.language === 'easy-ja');
  // The 受付番号 by e-mail: only when chosen; the address lives in this page's memory until sent.
  const [codeByEmail, setCodeByEmail] = useState(false);
  const [email, setEmail] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [focusKey, setFocusKey] = useState(0);
  /** The submission in flight or last tried: a retry of the same content reuses its key. */
  const pending = useRef<{ key: string; body: string } | null>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const title = t('support.consult.title');

  useEffect(() => {
    if (phase.kind === 'done') doneHeading.current?.focus();
  }, [phase.kind]);

  async function send() {
    const payload: SubmitConsultation = {
      municipalityCode: code,
      writer: writer ?? 'unspecified',
      message,
      easyJapanese,
      ...(codeByEmail ? { sendCodeByEmail: true, email: email.trim() } : {}),
    };
    const body = JSON.stringify(payload);
    if (!pending.current || pending.current.body !== body)
      pending.current = { key: newIdempotencyKey(), body };
    setPhase({ kind: 'sending' });
    try {
      const result = await submitConsultation(payload, pending.current.key);
      pending.current = null;
      setPhase({ kind: 'done', result });
    } catch (error) {
      setPhase(isApiError(error) && error.isNetworkError ? { kind: 'network' } : { kind: 'failed', error });
      setFocusKey((k) => k + 1);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!message.trim()) problems.message = t('support.consult.messageRequired');
    if (codeByEmail) {
      // Full-width input is fine: the server normalises it (ｎａｍｅ＠ｅｘａｍｐｌｅ．ｊｐ).
      const address = email.normalize('NFKC').trim();
      if (!address) problems.email = t('support.consult.emailRequired');
      else if (!/^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(address))
        problems.email = t('support.consult.emailInvalid');
    }
    if (Object.keys(problems).length > 0) {
      setLocal(problems);
      setPhase({ kind: 'editing' });
      setFocusKey((k) => k + 1);
      return;
    }
    setLocal({});
    void send();
  }

  if (phase.kind === 'done')
    return <Done result={phase.result} name={m?.name ?? ''} code={code} headingRef={doneHeading} />;

  const sending = phase.kind === 'sending';
  const serverErrors = phase.kind === 'failed' ? fieldErrorsByPath(phase.error) : {};
  return (
    <div className="flex max-w-2xl flex-col gap-8">
      <div className="flex flex-col gap-3">
        <PageHeading title={title}>{title}</PageHeading>
        {m && (
          <p lang="ja" className="text-std-16N-170 text-solid-gray-700">
            {m.name}
          </p>
        )}
        <p className="text-std-16N-170">{t('support.consult.lead')}</p>
        <p className="text-std-16N-170">{t('support.consult.privacy')}</p>
        <Notice tone="warning">
          <p>{t('support.consult.urgent')}</p>
        </Notice>
      </div>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-6">
        <FormProblem
          error={phase.kind === 'failed' ? phase.error : null}
          local={local}
          idPrefix="consult"
          focusKey={focusKey}
        />
        {phase.kind === 'network' && (
          <NetworkFailureNotice
            heading={t('support.consult.networkHeading')}
            body={t('support.consult.networkBody')}
            retryLabel={t('support.consult.retry')}
            onRetry={() => void send()}
            focusKey={focusKey}
          />
        )}
        <RadioGroup
          id="consult-writer"
          legend={t('support.consult.writerLegend')}
          value={writer}
          onChange={setWriter}
          options={WRITERS.map((w) => ({ value: w, label: t(`support.consult.writers.${w}`) }))}
        />
        <TextAreaField
          id="consult-message"
          label={t('support.consult.message')}
          hint={t('support.consult.messageHint')}
          error={local.message}
          maxLength={4000}
          rows={8}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
        <Checkbox
          id="consult-easyJapanese"
          label={t('support.consult.easyJapanese')}
          checked={easyJapanese}
          onChange={(e) => setEasyJapanese(e.target.checked)}
        />
        <div className="flex flex-col gap-3">
          <Checkbox
            id="consult-sendCodeByEmail"
            label={t('support.consult.codeByEmail')}
            hint={t('support.consult.codeByEmailHint')}
            checked={codeByEmail}
            onChange={(e) => setCodeByEmail(e.target.checked)}
          />
          {codeByEmail && (
            <TextField
              id="consult-email"
              type="email"
              inputMode="email"
              label={t('support.consult.email')}
              // Shared phones: the browser is not asked to remember the address.
              autoComplete="off"
              maxLength={254}
              required
              error={local.email ?? serverErrors.email}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className={primaryButtonClass} disabled={sending}>
            {sending ? t('support.consult.submitting') : t('support.consult.submit')}
          </button>
          <span role="status" className="text-std-16N-170">
            {sending ? t('support.consult.submitting') : ''}
          </span>
        </div>
      </form>
      <p>
        <Link
          to="/m/$code/consultation/reply"
          params={{ code }}
          className={`${linkClass} inline-flex min-h-11 items-center`}
        >
          {t('support.entry.read')}
        </Link>
      </p>
    </div>
  );
}

function Done({
  result,
  name,
  code,
  headingRef,
}: {
  result: SubmitConsultationResult;
  name: string;
  code: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t, i18n } = useTranslation();
  const title = t('support.consult.doneHeading');
  useDocumentTitle(title);
  return (
    <div className="consultation-receipt flex max-w-2xl flex-col gap-6">
      <style>{RECEIPT_PRINT_CSS}</style>
      <h1
        ref={headingRef}
        id="page-heading"
        tabIndex={-1}
        className="text-std-28B-150 text-solid-gray-900 md:text-std-36B-140"
      >
        {title}
      </h1>
      <p className="text-std-16N-170">{t('support.consult.doneLead', { name })}</p>
      <dl className="flex flex-col gap-4 rounded-8 border-2 border-solid-gray-900 bg-white p-4">
        <div className="flex flex-col gap-1">
          <dt className="text-std-17B-170">{t('support.consult.replyCode')}</dt>
          <dd className={`${monoClass} text-std-24B-150`} data-testid="reply-code">
            {result.replyCode}
          </dd>
          <dd>
            <CopyButton text={result.replyCode} />
          </dd>
          {result.codeEmailed && (
            <dd className="text-std-16N-170" data-testid="code-emailed">
              {t('support.consult.codeEmailed')}
            </dd>
          )}
        </div>
        <div className="flex flex-col gap-1">
          <dt className="text-std-17B-170">{t('support.consult.receivedAt')}</dt>
          <dd className="text-std-16N-170">{formatDateTime(result.receivedAt, i18n.language)}</dd>
        </div>
      </dl>
      <Notice tone="warning">
        <p className="font-bold">{t('support.consult.codeWarning')}</p>
      </Notice>
      <div className="print:hidden">
        <button type="button" className={secondaryButtonClass} onClick={() => window.print()}>
          {t('support.consult.print')}
        </button>
      </div>
      <ul className="flex flex-col gap-2 print:hidden">
        <li>
          <Link
            to="/m/$code/consultation/reply"
            params={{ code }}
            className={`${linkClass} inline-flex min-h-11 items-center`}
          >
            {t('support.consult.toRead')}
          </Link>
        </li>
        <li>
          <Link to="/m/$code" params={{ code }} className={`${linkClass} inline-flex min-h-11 items-center`}>
            {t('support.consult.backToMunicipality', { name })}
          </Link>
        </li>
      </ul>
    </div>
  );
}

/**
 * `/m/{code}/consultation/reply`: read the replies with the reply code (sent in a POST body, kept in
 * this page's memory only) and write again.
 */
export function ConsultationReadPage({ code: municipalityCode }: { code: string }) {
  const { t } = useTranslation();
  const lookup = useReplyCodeLookup({
    requiredMessage: t('support.read.codeRequired'),
    closedMessage: t('support.read.closedByStaff'),
    read: (code) => readConsultation(municipalityCode, code.trim()),
  });
  const title = t('support.read.title');

  return (
    <div className="flex max-w-2xl flex-col gap-8">
      <div className="flex flex-col gap-3">
        <PageHeading title={title}>{title}</PageHeading>
        <p className="text-std-16N-170">{t('support.read.lead')}</p>
      </div>
      <LiveStatus message={lookup.status} />
      {lookup.view ? (
        <Thread
          view={lookup.view}
          municipalityCode={municipalityCode}
          code={lookup.code.trim()}
          onClose={lookup.close}
          onUpdate={lookup.setView}
        />
      ) : (
        <ReplyCodeForm
          {...lookup.form}
          idPrefix="read"
          label={t('support.read.code')}
          hint={t('support.read.codeHint')}
          notFoundMessage={t('support.read.notFound')}
          submitLabel={t('support.read.submit')}
        />
      )}
    </div>
  );
}

function Thread({
  view,
  municipalityCode,
  code,
  onClose,
  onUpdate,
}: {
  view: PublicConsultationView;
  municipalityCode: string;
  code: string;
  onClose: () => void;
  onUpdate: (view: PublicConsultationView) => void;
}) {
  const { t, i18n } = useTranslation();
  const followUp = useFollowUpMessage({
    field: 'message',
    requiredMessage: t('support.read.againRequired'),
    sentMessage: t('support.read.sent'),
    newIdempotencyKey,
    send: (text, key) => writeAgain(municipalityCode, code, text, key),
    afterSent: async () => onUpdate(await readConsultation(municipalityCode, code)),
  });

  return (
    <>
      <section aria-labelledby="read-messages-heading" className="flex flex-col gap-3">
        <h2 id="read-messages-heading" className="text-std-20B-150">
          {t('support.read.messagesHeading')}
        </h2>
        <p className="text-std-16N-170" data-testid="read-state">
          {view.closed
            ? t('support.read.closedByStaff')
            : view.waitingForReply
              ? t('support.read.waiting')
              : t('support.read.answered')}
        </p>
        <ol className="flex flex-col gap-3">
          {view.messages.map((msg, i) => (
            <li
              // Messages have no id in the public view; their order never changes.
              // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
              key={i}
              className={`rounded-8 border p-4 ${msg.from === 'staff' ? 'border-blue-900 bg-blue-50' : 'border-solid-gray-420 bg-white'}`}
            >
              <p className="text-dns-16B-130">
                {msg.from === 'staff' ? t('support.read.staff') : t('support.read.you')}
                <span className="ml-2 font-normal text-solid-gray-700">
                  {formatDateTime(msg.at, i18n.language)}
                </span>
              </p>
              <p lang="ja" className="whitespace-pre-wrap break-words text-std-16N-170">
                {msg.text}
              </p>
            </li>
          ))}
        </ol>
      </section>
      <ReplyCodeFollowUp
        {...followUp.form}
        headingId="read-again-heading"
        heading={t('support.read.againHeading')}
        idPrefix="again"
        submitLabel={t('support.read.againSubmit')}
        busyLabel={t('support.consult.submitting')}
        closeLabel={t('support.read.close')}
        onClose={onClose}
      >
        <TextAreaField
          id="again-message"
          label={t('support.read.againLabel')}
          maxLength={4000}
          {...followUp.field}
        />
      </ReplyCodeFollowUp>
    </>
  );
}
