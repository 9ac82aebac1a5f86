import '../i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addressedName } from '../../../../shared/text/honorific.ts';
import { isoDateInTokyo } from '../../../../shared/text/wareki.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { formatStaffDay, formatStaffInstant } from '../../../ui/datetime.ts';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { linkClass, primaryButtonClass, secondaryButtonClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import { type CaseFilePrint, caseFilePrintQuery, type NotesPrint, notesPrintQuery } from '../api.ts';

export const PRINT_VIEWS = ['case-file', 'notes'] as const;
export type PrintView = (typeof PRINT_VIEWS)[number];
export type PrintSearch = { view?: PrintView; from?: string; to?: string };

/**
 * A 帳票 on A4: only the sheet is printed (console header, navigation and buttons are left out);
 * every page carries the 取扱注意 marking and its number (CSS page counters in the page margin).
 */
const PRINT_CSS = `@page {
  size: A4;
  margin: 18mm 15mm;
  @top-right { content: "取扱注意（要配慮個人情報）"; font-size: 9pt; }
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; }
}
@media print {
  header, nav, footer, .print-hidden, a[href^="#main"] { display: none !important; }
  main { padding: 0 !important; max-width: none !important; }
  .record-sheet { border: 0 !important; padding: 0 !important; max-width: none !important; font-size: 10.5pt; }
  .record-sheet section, .record-sheet li { break-inside: avoid; }
  .record-sheet h1 { font-size: 16pt !important; }
}`;

const DAY = 86_400_000;

/** The period offered first: the last three months up to today (days in Japan). */
function defaultPeriod(): { from: string; to: string } {
  const now = Date.now();
  return { from: isoDateInTokyo(new Date(now - 91 * DAY)), to: isoDateInTokyo(new Date(now)) };
}

/**
 * `/console/support/persons/{id}/print`: print views (帳票) of a record — 記録の概要 or 経過記録 of a
 * period. Each opening is a read of the record in the audit log (the server records it).
 */
export function RecordPrintPage({ id, search }: { id: string; search: PrintSearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const view: PrintView = search.view ?? 'case-file';
  const fallback = defaultPeriod();
  const from = search.from ?? fallback.from;
  const to = search.to ?? fallback.to;
  const [period, setPeriod] = useState({ from, to });
  const [periodError, setPeriodError] = useState<string | null>(null);
  const go = (next: PrintSearch) =>
    navigate({ to: '/console/support/persons/$id/print', params: { id }, search: next, replace: true });

  function showPeriod(event: FormEvent) {
    event.preventDefault();
    if (!period.from || !period.to || period.from > period.to) {
      setPeriodError(t('support.records.print.periodInvalid'));
      return;
    }
    setPeriodError(null);
    void go({ view: 'notes', from: period.from, to: period.to });
  }

  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="print-hidden flex max-w-3xl flex-col gap-4">
        <Link
          to="/console/support/persons/$id"
          params={{ id }}
          className={`${linkClass} inline-flex min-h-11 items-center self-start`}
        >
          {t('support.plan.back')}
        </Link>
        <div className="w-full sm:w-72">
          <SelectField
            id="print-view"
            label={t('support.records.print.choose')}
            value={view}
            onChange={(e) => {
              const next = e.target.value as PrintView;
              void go(next === 'notes' ? { view: next, from, to } : { view: next });
            }}
            options={PRINT_VIEWS.map((v) => ({ value: v, label: t(`support.records.print.views.${v}`) }))}
          />
        </div>
        {view === 'notes' && (
          <form
            noValidate
            onSubmit={showPeriod}
            className="flex flex-col gap-4 sm:flex-row sm:items-end"
            aria-label={t('support.records.print.periodLabel')}
          >
            <TextField
              id="print-from"
              type="date"
              label={t('support.records.print.from')}
              value={period.from}
              error={periodError ?? undefined}
              onChange={(e) => setPeriod({ ...period, from: e.target.value })}
            />
            <TextField
              id="print-to"
              type="date"
              label={t('support.records.print.to')}
              value={period.to}
              onChange={(e) => setPeriod({ ...period, to: e.target.value })}
            />
            <div>
              <button type="submit" className={secondaryButtonClass}>
                {t('support.records.print.showPeriod')}
              </button>
            </div>
          </form>
        )}
        <div>
          <button type="button" className={primaryButtonClass} onClick={() => window.print()}>
            {t('support.records.print.print')}
          </button>
        </div>
      </div>
      {view === 'notes' ? <NotesSheet id={id} from={from} to={to} /> : <CaseFileSheet id={id} />}
    </>
  );
}

/** The head of the sheet: marking, title, municipality, when and by whom it was made. */
function SheetHead({
  title,
  doc,
  children,
}: {
  title: string;
  doc: CaseFilePrint | NotesPrint;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const name = addressedName(doc.nickname, i18n.language);
  return (
    <div className="flex flex-col gap-3 border-b-2 border-solid-gray-900 pb-3">
      <p
        className="self-end rounded-4 border-2 border-error-2 px-2 py-1 text-dns-16B-130 text-error-2"
        data-testid="sensitive-marking"
      >
        {t('support.records.print.marking')}
      </p>
      <PageHeading title={t('support.records.pageTitle', { name, page: title })}>{title}</PageHeading>
      <p className="text-std-20B-150" data-testid="print-person">
        {name}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-dns-16N-130">
        <dt className="font-bold">{t('support.records.print.municipality')}</dt>
        <dd>{doc.municipalityName}</dd>
        <dt className="font-bold">{t('support.records.print.preparedAt')}</dt>
        <dd data-testid="prepared-at">{formatStaffInstant(doc.preparedAt, i18n.language)}</dd>
        <dt className="font-bold">{t('support.records.print.preparedBy')}</dt>
        <dd>{doc.preparedBy}</dd>
        {children}
      </dl>
    </div>
  );
}

function Sheet({ children }: { children: ReactNode }) {
  return (
    <article className="record-sheet flex max-w-3xl flex-col gap-6 rounded-8 border border-solid-gray-420 bg-white p-4 md:p-6">
      {children}
    </article>
  );
}

function Loading({ title, error, pending }: { title: string; error: unknown; pending: boolean }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {error ? (
        <Notice tone="error">
          <p>{problemMessage(error)}</p>
        </Notice>
      ) : pending ? (
        <p>{t('common.loading')}</p>
      ) : null}
    </>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-bold">{label}</dt>
      <dd className="whitespace-pre-wrap break-words">{children}</dd>
    </>
  );
}

function CaseFileSheet({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery(caseFilePrintQuery(id));
  const title = t('support.records.print.views.case-file');
  if (!query.data) return <Loading title={title} error={query.error} pending={query.isPending} />;
  const doc = query.data;
  const day = (value: string | null) =>
    value ? formatStaffDay(value, i18n.language) : t('support.person.none');
  const ti = (key: string) => t(`support.records.intake.${key}`);
  const dl = 'grid grid-cols-1 gap-x-4 gap-y-1 text-std-16N-170 sm:grid-cols-[12rem_1fr]';
  return (
    <Sheet>
      <SheetHead title={title} doc={doc} />
      <section aria-labelledby="print-person-heading" className="flex flex-col gap-2">
        <h2 id="print-person-heading" className="text-std-20B-150">
          {t('support.records.print.personHeading')}
        </h2>
        <dl className={dl}>
          <Field label={t('support.records.ageGroup')}>
            {t(`support.records.ageGroups.${doc.ageGroup}`)}
          </Field>
          <Field label={t('support.records.status')}>{t(`support.records.statuses.${doc.status}`)}</Field>
          <Field label={t('support.records.print.leadWorker')}>
            {doc.leadWorkerName ?? t('support.records.print.noLead')}
          </Field>
          <Field label={ti('urgency')}>
            {t(`support.records.intake.urgencyOptions.${doc.urgency ?? 'none'}`)}
          </Field>
          <Field label={t('support.records.print.lastContact')}>
            {doc.lastContactAt
              ? formatStaffInstant(doc.lastContactAt, i18n.language)
              : t('support.person.none')}
          </Field>
          <Field label={t('support.records.print.nextContact')}>{day(doc.nextContactOn)}</Field>
          <Field label={t('support.records.print.nextReview')}>{day(doc.nextReviewOn)}</Field>
        </dl>
      </section>
      <section aria-labelledby="print-consents-heading" className="flex flex-col gap-2">
        <h2 id="print-consents-heading" className="text-std-20B-150">
          {t('support.records.print.consentsHeading')}
        </h2>
        {doc.consents.length === 0 ? (
          <p>{t('support.records.print.noConsents')}</p>
        ) : (
          <ul className="flex flex-col gap-1 text-std-16N-170">
            {doc.consents.map((c) => (
              <li key={c.recordId}>
                {t(`support.person.purposes.${c.purpose}`)}
                {c.recipientName ? `（${c.recipientName}）` : ''}：
                <span className="font-bold">{t(`support.person.consentStatuses.${c.status}`)}</span>
                {t('support.records.print.since', { date: formatStaffDay(c.since, i18n.language) })}
                {c.expiresOn &&
                  t('support.records.print.until', { date: formatStaffDay(c.expiresOn, i18n.language) })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="print-plan-heading" className="flex flex-col gap-2">
        <h2 id="print-plan-heading" className="text-std-20B-150">
          {t('support.records.print.planHeading')}
        </h2>
        {doc.plan ? (
          <>
            {doc.plan.personWords && (
              <p className="whitespace-pre-wrap break-words text-std-16N-170">
                <span className="font-bold">{t('support.records.print.personWords')}：</span>
                {doc.plan.personWords}
              </p>
            )}
            <ol className="flex list-decimal flex-col gap-1 pl-6 text-std-16N-170" data-testid="print-goals">
              {doc.plan.goals.map((g) => (
                <li key={g} className="break-words">
                  {g}
                </li>
              ))}
            </ol>
            <p className="text-dns-16N-130">
              {t('support.records.print.planDates', {
                made: formatStaffDay(doc.plan.createdAt, i18n.language),
                review: formatStaffDay(doc.plan.reviewOn, i18n.language),
              })}
            </p>
          </>
        ) : (
          <p>{t('support.records.print.noPlan')}</p>
        )}
      </section>
      <section aria-labelledby="print-intake-heading" className="flex flex-col gap-2">
        <h2 id="print-intake-heading" className="text-std-20B-150">
          {t('support.records.print.intakeHeading')}
        </h2>
        {doc.intake ? (
          <dl className={dl}>
            <Field label={ti('who')}>{ti(`whoOptions.${doc.intake.referralWho}`)}</Field>
            <Field label={ti('how')}>{ti(`howOptions.${doc.intake.referralHow}`)}</Field>
            <Field label={ti('on')}>{day(doc.intake.referralOn)}</Field>
            <Field label={ti('mainConcern')}>
              {doc.intake.mainConcern || t('support.person.none')}（
              {ti(`whoseOptions.${doc.intake.mainConcernWhose}`)}）
            </Field>
            <Field label={ti('personWishes')}>{doc.intake.personWishes || t('support.person.none')}</Field>
            <Field label={ti('familyWishes')}>{doc.intake.familyWishes || t('support.person.none')}</Field>
            <Field label={ti('supportIssues')}>{doc.intake.supportIssues || t('support.person.none')}</Field>
            <Field label={ti('urgency')}>
              {ti(`urgencyOptions.${doc.intake.urgency}`)}
              {doc.intake.urgencyReason ? `（${doc.intake.urgencyReason}）` : ''}
            </Field>
            <Field label={t('support.records.print.intakeSaved')}>
              {formatStaffDay(doc.intake.createdAt, i18n.language)}
            </Field>
          </dl>
        ) : (
          <p>{t('support.records.print.noIntake')}</p>
        )}
      </section>
    </Sheet>
  );
}

function NotesSheet({ id, from, to }: { id: string; from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery(notesPrintQuery(id, from, to));
  const title = t('support.records.print.views.notes');
  if (!query.data) return <Loading title={title} error={query.error} pending={query.isPending} />;
  const doc = query.data;
  return (
    <Sheet>
      <SheetHead title={title} doc={doc}>
        <dt className="font-bold">{t('support.records.print.period')}</dt>
        <dd data-testid="print-period">
          {formatStaffDay(doc.from, i18n.language)}〜{formatStaffDay(doc.to, i18n.language)}
        </dd>
      </SheetHead>
      {doc.truncated && (
        <Notice tone="info">
          <p>{t('support.records.print.truncated', { count: doc.items.length })}</p>
        </Notice>
      )}
      {doc.items.length === 0 ? (
        <p className="text-std-16N-170">{t('support.records.print.noNotes')}</p>
      ) : (
        <ol
          className="flex flex-col"
          aria-label={t('support.records.print.notesLabel', { count: doc.items.length })}
        >
          {doc.items.map((n) => (
            <li key={n.id} className="flex flex-col gap-1 border-b border-solid-gray-420 py-3">
              <p className="flex flex-wrap gap-x-3 text-dns-16B-130">
                <span>{formatStaffInstant(n.occurredAt, i18n.language)}</span>
                <span>{t(`support.person.contactTypes.${n.contactType}`)}</span>
                {n.durationMinutes !== null && (
                  <span>{t('support.person.minutes', { count: n.durationMinutes })}</span>
                )}
                {n.sensitive && (
                  <span className="text-error-2">
                    {t('support.person.sensitiveMark', {
                      roles: n.readableBy.map((r) => t(`support.person.readers.${r}`)).join('・'),
                    })}
                  </span>
                )}
              </p>
              <p className="text-dns-16N-130 text-solid-gray-700">
                {t('support.records.print.participants')}：
                {n.participants.map((p) => t(`support.person.participantNames.${p}`)).join('、')} ／{' '}
                {t('support.records.print.writer')}：{n.authorName}
              </p>
              <p className="whitespace-pre-wrap break-words text-std-16N-170">{n.text}</p>
            </li>
          ))}
        </ol>
      )}
    </Sheet>
  );
}
