import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ReportCategory as Category,
  Danger,
  ReporterRole,
  SalesMethod,
  Signer,
  SubmitResult,
} from '../../../shared/contracts/reports.ts';
import { REPORT_CATEGORIES as CATEGORIES } from '../../../shared/contracts/reports-enums.ts';
import { isValidCorporateNumber, normalizeCorporateNumber } from '../../../shared/corporate-number.ts';
import { isApiError } from '../../api/client.ts';
import { municipalityQuery } from '../../api/municipalities.ts';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { CheckboxGroup, RadioGroup, TextAreaField } from '../../ui/Fields.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { NationalNumbers } from '../../ui/NationalNumbers.tsx';
import { NetworkFailureNotice } from '../../ui/NetworkFailureNotice.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading, useDocumentTitle } from '../../ui/PageHeading.tsx';
import { PhoneLink } from '../../ui/PhoneLink.tsx';
import { checkboxClass, linkClass, monoClass, primaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import {
  newIdempotencyKey,
  parseYen,
  type ReportSubmission,
  reportWindowQuery,
  submitReport,
} from './api.ts';
import { EmergencyNumbers } from './EmergencyNumbers.tsx';

/**
 * `/m/{code}/report`: the public report window for harmful "support" businesses (request 10).
 * Phone-first, no account, anonymous allowed. The first question is whether someone is in danger now;
 * "yes" (or "not sure") shows 110 and the municipality's on-call contact before any other field and
 * marks the report urgent. Nothing is kept on the device (no web storage); the page says 受け付けました
 * only when the server has confirmed, and a retry after a lost answer reuses the same Idempotency-Key.
 */
type FormState = {
  danger: Danger | undefined;
  reporterRole: ReporterRole | undefined;
  categories: Category[];
  otherCategory: string;
  occurredOn: string;
  occurredPeriod: string;
  place: string;
  businessName: string;
  corporateNumber: string;
  businessPhone: string;
  website: string;
  address: string;
  signer: Signer | undefined;
  signedOn: string;
  salesMethod: SalesMethod | undefined;
  amountContracted: string;
  amountPaid: string;
  text: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  contactNote: string;
  sendCodeByEmail: boolean;
};

const EMPTY: FormState = {
  danger: undefined,
  reporterRole: undefined,
  categories: [],
  otherCategory: '',
  occurredOn: '',
  occurredPeriod: '',
  place: '',
  businessName: '',
  corporateNumber: '',
  businessPhone: '',
  website: '',
  address: '',
  signer: undefined,
  signedOn: '',
  salesMethod: undefined,
  amountContracted: '',
  amountPaid: '',
  text: '',
  contactName: '',
  contactPhone: '',
  contactEmail: '',
  contactNote: '',
  sendCodeByEmail: false,
};

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

function toPayload(code: string, f: FormState): ReportSubmission {
  const business = {
    name: opt(f.businessName),
    corporateNumber: opt(f.corporateNumber) ? normalizeCorporateNumber(f.corporateNumber) : undefined,
    phone: opt(f.businessPhone),
    website: opt(f.website),
    address: opt(f.address),
  };
  const contact = {
    name: opt(f.contactName),
    phone: opt(f.contactPhone),
    email: opt(f.contactEmail),
    note: opt(f.contactNote),
  };
  const clean = <T extends object>(o: T) =>
    Object.values(o).some((v) => v !== undefined)
      ? (Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T)
      : undefined;
  const payload: ReportSubmission = {
    municipalityCode: code,
    danger: f.danger!,
    reporterRole: f.reporterRole!,
    categories: CATEGORIES.filter((c) => f.categories.includes(c)),
    otherCategory: f.categories.includes('other') ? opt(f.otherCategory) : undefined,
    occurredOn: opt(f.occurredOn),
    occurredPeriod: opt(f.occurredPeriod),
    place: opt(f.place),
    business: clean(business),
    signer: f.signer,
    signedOn: opt(f.signedOn),
    salesMethod: f.salesMethod,
    amountContracted: parseYen(f.amountContracted) ?? undefined,
    amountPaid: parseYen(f.amountPaid) ?? undefined,
    text: opt(f.text),
    contact: clean(contact),
    sendCodeByEmail: contact.email && f.sendCodeByEmail ? true : undefined,
  };
  return JSON.parse(JSON.stringify(payload)) as ReportSubmission;
}

type Phase =
  | { kind: 'editing' }
  | { kind: 'sending' }
  | { kind: 'network' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'done'; result: SubmitResult };

export function ReportFormPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const municipality = useQuery(municipalityQuery(code));
  const m = municipality.data;
  // A town that uses Tsunagari, or a prefecture whose own desk has triage staff (issue 21 item 7):
  // the server says which, before anyone types a word.
  const window = useQuery(reportWindowQuery(code));
  const accepted = window.data?.accepts === true;
  const notAccepted =
    window.data?.accepts === false ||
    isApiError(municipality.error, 404) ||
    isApiError(municipality.error, 400) ||
    isApiError(window.error, 400);
  const onCall = m?.profile?.onCallContact ?? m?.profile?.welfareContact ?? null;

  const [form, setForm] = useState<FormState>(EMPTY);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [focusKey, setFocusKey] = useState(0);
  /** The submission in flight or last tried: a retry of the same content reuses its key. */
  const pending = useRef<{ key: string; body: string } | null>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const urgent = form.danger === 'yes' || form.danger === 'unsure';
  const heading = t('reports.form.title');

  useEffect(() => {
    if (phase.kind === 'done') doneHeading.current?.focus();
  }, [phase.kind]);

  // Right after "はい" (or "わからない") 110 must be on the screen, even on a 360 × 640 phone where the
  // box would start below the fold: scroll just enough to show it (focus stays on the answer).
  useEffect(() => {
    if (urgent) document.getElementById('report-emergency-police')?.scrollIntoView({ block: 'nearest' });
  }, [urgent]);

  function validate(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!form.danger) errors.danger = t('reports.form.errors.danger');
    if (!form.reporterRole) errors.reporterRole = t('reports.form.errors.reporterRole');
    if (form.categories.length === 0) errors.categories = t('reports.form.errors.categories');
    const corporate = normalizeCorporateNumber(form.corporateNumber);
    if (corporate && !isValidCorporateNumber(corporate))
      errors['business/corporateNumber'] = t('reports.form.corporateNumberInvalid');
    if (parseYen(form.amountContracted) === null) errors.amountContracted = t('reports.form.amountInvalid');
    if (parseYen(form.amountPaid) === null) errors.amountPaid = t('reports.form.amountInvalid');
    return errors;
  }

  async function send() {
    const payload = toPayload(code, form);
    const body = JSON.stringify(payload);
    if (!pending.current || pending.current.body !== body)
      pending.current = { key: newIdempotencyKey(), body };
    setPhase({ kind: 'sending' });
    try {
      const result = await submitReport(payload, pending.current.key);
      pending.current = null;
      setPhase({ kind: 'done', result });
    } catch (error) {
      if (isApiError(error) && error.isNetworkError) setPhase({ kind: 'network' });
      else setPhase({ kind: 'failed', error });
      setFocusKey((k) => k + 1);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors = validate();
    setLocal(errors);
    if (Object.keys(errors).length > 0) {
      setPhase({ kind: 'editing' });
      setFocusKey((k) => k + 1);
      return;
    }
    void send();
  }

  if (phase.kind === 'done') {
    return (
      <Done result={phase.result} municipalityName={m?.name ?? ''} code={code} headingRef={doneHeading} />
    );
  }

  const serverErrors = phase.kind === 'failed' ? phase.error : null;
  const fieldError = (path: string) => local[path];

  return (
    <div className="flex max-w-2xl flex-col gap-8">
      <div className="flex flex-col gap-3">
        <PageHeading title={heading}>{heading}</PageHeading>
        {m && (
          <p lang="ja" className="text-std-16N-170 text-solid-gray-700">
            {m.name}
          </p>
        )}
        <p className="text-std-16N-170">{t('reports.form.lead')}</p>
        <p className="text-std-16N-170">{t('reports.form.privacy')}</p>
      </div>

      {notAccepted ? (
        <>
          <Notice tone="warning">
            <p>{t('reports.form.notAccepted')}</p>
          </Notice>
          <NationalNumbers />
        </>
      ) : (
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-8" aria-label={heading}>
          <FormProblem
            error={serverErrors}
            local={serverErrors ? undefined : local}
            idPrefix="report"
            focusKey={focusKey}
          />
          {phase.kind === 'network' && (
            <NetworkFailureNotice
              heading={t('reports.form.networkHeading')}
              body={t('reports.form.networkBody')}
              retryLabel={t('reports.form.retry')}
              onRetry={() => void send()}
              focusKey={focusKey}
            />
          )}

          {/* 1. The first question: someone in danger now? */}
          <RadioGroup
            id="report-danger"
            legend={t('reports.form.dangerLegend')}
            hint={t('reports.form.dangerHint')}
            required
            value={form.danger}
            onChange={(v) => set('danger', v)}
            error={fieldError('danger')}
            options={[
              { value: 'yes', label: t('reports.danger.yes') },
              { value: 'no', label: t('reports.danger.no') },
              { value: 'unsure', label: t('reports.danger.unsure') },
            ]}
          />
          <p role="status" className="sr-only">
            {urgent ? t('reports.form.emergencyShown') : ''}
          </p>
          {urgent && (
            <EmergencyNumbers
              municipalityName={m?.name ?? null}
              onCall={onCall}
              loading={municipality.isPending}
            />
          )}

          {form.danger && (
            <>
              <RadioGroup
                id="report-reporterRole"
                legend={t('reports.form.whoLegend')}
                required
                value={form.reporterRole}
                onChange={(v) => set('reporterRole', v)}
                error={fieldError('reporterRole')}
                options={[
                  { value: 'self', label: t('reports.reporterRoles.self') },
                  { value: 'family', label: t('reports.reporterRoles.family') },
                  { value: 'other', label: t('reports.reporterRoles.other') },
                ]}
              />
              <CheckboxGroup
                id="report-categories"
                legend={t('reports.form.whatLegend')}
                required
                value={form.categories}
                onChange={(v) => set('categories', v)}
                error={fieldError('categories')}
                options={CATEGORIES.map((c) => ({ value: c, label: t(`reports.categories.${c}`) }))}
              />
              {form.categories.includes('other') && (
                <TextField
                  id="report-otherCategory"
                  label={t('reports.form.otherCategory')}
                  value={form.otherCategory}
                  maxLength={200}
                  onChange={(e) => set('otherCategory', e.target.value)}
                />
              )}

              <Section title={t('reports.form.whenHeading')}>
                <TextField
                  id="report-occurredOn"
                  type="date"
                  label={t('reports.form.occurredOn')}
                  hint={t('reports.form.occurredOnHint')}
                  value={form.occurredOn}
                  onChange={(e) => set('occurredOn', e.target.value)}
                />
                <TextField
                  id="report-occurredPeriod"
                  label={t('reports.form.occurredPeriod')}
                  hint={t('reports.form.occurredPeriodHint')}
                  value={form.occurredPeriod}
                  maxLength={200}
                  onChange={(e) => set('occurredPeriod', e.target.value)}
                />
                <TextField
                  id="report-place"
                  label={t('reports.form.place')}
                  value={form.place}
                  maxLength={300}
                  onChange={(e) => set('place', e.target.value)}
                />
              </Section>

              <Section title={t('reports.form.businessHeading')}>
                <TextField
                  id="report-business-name"
                  label={t('reports.form.businessName')}
                  value={form.businessName}
                  maxLength={200}
                  autoComplete="off"
                  onChange={(e) => set('businessName', e.target.value)}
                />
                <TextField
                  id="report-business-corporateNumber"
                  label={t('reports.form.corporateNumber')}
                  hint={t('reports.form.corporateNumberHint')}
                  error={fieldError('business/corporateNumber')}
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={40}
                  value={form.corporateNumber}
                  onChange={(e) => set('corporateNumber', e.target.value)}
                />
                <TextField
                  id="report-business-phone"
                  type="tel"
                  label={t('reports.form.businessPhone')}
                  autoComplete="off"
                  maxLength={30}
                  value={form.businessPhone}
                  onChange={(e) => set('businessPhone', e.target.value)}
                />
                <TextField
                  id="report-business-website"
                  label={t('reports.form.website')}
                  inputMode="url"
                  autoComplete="off"
                  maxLength={300}
                  value={form.website}
                  onChange={(e) => set('website', e.target.value)}
                />
                <TextField
                  id="report-business-address"
                  label={t('reports.form.address')}
                  autoComplete="off"
                  maxLength={300}
                  value={form.address}
                  onChange={(e) => set('address', e.target.value)}
                />
              </Section>

              <Section title={t('reports.form.contractHeading')}>
                <RadioGroup
                  id="report-signer"
                  legend={t('reports.form.signerLegend')}
                  value={form.signer}
                  onChange={(v) => set('signer', v)}
                  options={(['self', 'family', 'other', 'not_signed', 'unknown'] as const).map((v) => ({
                    value: v,
                    label: t(`reports.signers.${v}`),
                  }))}
                />
                <TextField
                  id="report-signedOn"
                  type="date"
                  label={t('reports.form.signedOn')}
                  value={form.signedOn}
                  onChange={(e) => set('signedOn', e.target.value)}
                />
                <RadioGroup
                  id="report-salesMethod"
                  legend={t('reports.form.salesLegend')}
                  value={form.salesMethod}
                  onChange={(v) => set('salesMethod', v)}
                  options={(['visit', 'phone', 'other', 'unknown'] as const).map((v) => ({
                    value: v,
                    label: t(`reports.salesMethods.${v}`),
                  }))}
                />
                <TextField
                  id="report-amountContracted"
                  label={t('reports.form.amountContracted')}
                  hint={t('reports.form.amountHint')}
                  error={fieldError('amountContracted')}
                  inputMode="numeric"
                  autoComplete="off"
                  value={form.amountContracted}
                  onChange={(e) => set('amountContracted', e.target.value)}
                />
                <TextField
                  id="report-amountPaid"
                  label={t('reports.form.amountPaid')}
                  hint={t('reports.form.amountHint')}
                  error={fieldError('amountPaid')}
                  inputMode="numeric"
                  autoComplete="off"
                  value={form.amountPaid}
                  onChange={(e) => set('amountPaid', e.target.value)}
                />
              </Section>

              <TextAreaField
                id="report-text"
                label={t('reports.form.textLabel')}
                hint={t('reports.form.textHint')}
                maxLength={4000}
                value={form.text}
                onChange={(e) => set('text', e.target.value)}
              />

              <Section title={t('reports.form.contactHeading')} lead={t('reports.form.contactLead')}>
                <TextField
                  id="report-contact-name"
                  label={t('reports.form.contactName')}
                  autoComplete="off"
                  maxLength={100}
                  value={form.contactName}
                  onChange={(e) => set('contactName', e.target.value)}
                />
                <TextField
                  id="report-contact-phone"
                  type="tel"
                  label={t('reports.form.contactPhone')}
                  autoComplete="off"
                  maxLength={30}
                  value={form.contactPhone}
                  onChange={(e) => set('contactPhone', e.target.value)}
                />
                <TextField
                  id="report-contact-email"
                  type="email"
                  label={t('reports.form.contactEmail')}
                  autoComplete="off"
                  maxLength={254}
                  value={form.contactEmail}
                  onChange={(e) => set('contactEmail', e.target.value)}
                />
                {form.contactEmail.trim() && (
                  <div className="flex items-start gap-3">
                    <input
                      id="report-sendCodeByEmail"
                      type="checkbox"
                      className={checkboxClass}
                      checked={form.sendCodeByEmail}
                      onChange={(e) => set('sendCodeByEmail', e.target.checked)}
                    />
                    <label htmlFor="report-sendCodeByEmail" className="text-std-16N-170">
                      {t('reports.form.sendCodeByEmail')}
                    </label>
                  </div>
                )}
                <TextField
                  id="report-contact-note"
                  label={t('reports.form.contactNote')}
                  autoComplete="off"
                  maxLength={300}
                  value={form.contactNote}
                  onChange={(e) => set('contactNote', e.target.value)}
                />
              </Section>

              <div className="flex flex-col gap-3">
                <button
                  type="submit"
                  className={`${primaryButtonClass} w-full sm:w-auto`}
                  disabled={phase.kind === 'sending' || !accepted}
                >
                  {phase.kind === 'sending' ? t('reports.form.submitting') : t('reports.form.submit')}
                </button>
                <p role="status" aria-live="polite" className="text-std-16N-170">
                  {phase.kind === 'sending' ? t('reports.form.submitting') : ''}
                </p>
              </div>
            </>
          )}
        </form>
      )}

      <aside aria-labelledby="report-consumer-heading" className="flex flex-col gap-2">
        <h2 id="report-consumer-heading" className="text-std-20B-150 text-solid-gray-900">
          {t('reports.form.consumerHeading')}
        </h2>
        <p className="text-std-16N-170">{t('reports.form.consumerHint')}</p>
        <PhoneLink number="188" label={t('national.consumer.name')} />
        <Link to="/reports/contract-help" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('reports.form.toContractHelp')}
        </Link>
      </aside>
    </div>
  );
}

function Section({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  const id = `report-section-${title.length}-${title.charCodeAt(0)}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-5 border-t border-solid-gray-420 pt-6">
      <h2 id={id} className="text-std-20B-150 text-solid-gray-900">
        {title}
      </h2>
      {lead && <p className="-mt-2 text-std-16N-170">{lead}</p>}
      {children}
    </section>
  );
}

function Done({
  result,
  municipalityName,
  code,
  headingRef,
}: {
  result: SubmitResult;
  municipalityName: string;
  code: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation();
  const title = t('reports.form.doneHeading');
  useDocumentTitle(title);
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <h1
        ref={headingRef}
        id="page-heading"
        tabIndex={-1}
        className="text-std-28B-150 text-solid-gray-900 md:text-std-36B-140"
      >
        {title}
      </h1>
      <p className="text-std-16N-170">{t('reports.form.doneLead', { name: municipalityName })}</p>
      <p className="text-std-16N-170" data-testid="office-hours">
        {result.officeHours
          ? t('reports.form.officeHours', { hours: result.officeHours })
          : t('reports.form.officeHoursUnknown')}
      </p>
      <Notice tone={result.urgent ? 'error' : 'info'}>
        <p>{t('reports.form.doneUrgent')}</p>
        <PhoneLink number="110" label={t('reports.form.emergencyPolice')} />
      </Notice>
      <dl className="flex flex-col gap-4 rounded-8 border border-solid-gray-420 bg-white p-4">
        <div className="flex flex-col gap-1">
          <dt className="text-std-17B-170">{t('reports.form.receiptNumber')}</dt>
          <dd className={`${monoClass} text-std-24B-150`} data-testid="receipt-number">
            {result.receiptNumber}
          </dd>
          <dd className="text-std-16N-170 text-solid-gray-700">{t('reports.form.receiptHint')}</dd>
        </div>
        <div className="flex flex-col gap-1">
          <dt className="text-std-17B-170">{t('reports.form.replyCode')}</dt>
          <dd className={`${monoClass} text-std-24B-150`} data-testid="reply-code">
            {result.replyCode}
          </dd>
          <dd>
            <CopyButton text={result.replyCode} />
          </dd>
          <dd className="text-std-16N-170 text-solid-gray-700">{t('reports.form.replyCodeHint')}</dd>
          {result.codeEmailed && (
            <dd className="text-std-16N-170" data-testid="code-emailed">
              {t('reports.form.codeEmailed')}
            </dd>
          )}
        </div>
      </dl>
      <ul className="flex flex-col gap-2">
        <li>
          <Link to="/reports/reply" className={`${linkClass} inline-flex min-h-11 items-center`}>
            {t('reports.form.toReply')}
          </Link>
        </li>
        <li>
          <Link to="/reports/contract-help" className={`${linkClass} inline-flex min-h-11 items-center`}>
            {t('reports.form.toContractHelp')}
          </Link>
        </li>
        <li>
          <Link to="/m/$code" params={{ code }} className={`${linkClass} inline-flex min-h-11 items-center`}>
            {t('reports.form.backToMunicipality', { name: municipalityName })}
          </Link>
        </li>
      </ul>
    </div>
  );
}
