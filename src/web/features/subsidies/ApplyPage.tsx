/*
 * Why this file is over 500 lines (issue 20 item 5): it is one form, the three steps of the
 * application (who, trip, bank and receipts), whose fields share one state, one validation pass
 * that maps the server's pointers back to the step they belong to, and one submission with its
 * idempotency key; split into files, every step would take and hand back the whole form. The
 * pickers it uses are in Pickers.tsx.
 */
import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toBankKana } from '../../../shared/bank-kana.ts';
import { isApiError } from '../../api/client.ts';
import { isUiLanguage } from '../../i18n/index.ts';
import { BankPicker } from '../../ui/BankPicker.tsx';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { RadioGroup, TextAreaField } from '../../ui/Fields.tsx';
import { FormProblem, fieldErrorsByPath } from '../../ui/FormProblem.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import {
  cardClass,
  checkboxClass,
  linkClass,
  primaryButtonClass,
  secondaryButtonClass,
} from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import {
  type AccountType,
  type ApplicationInput,
  type Bank,
  type Branch,
  type DestinationHit,
  newIdempotencyKey,
  publicProgrammeQuery,
  type Relation,
  type Submitted,
  submitApplication,
  type TravelMode,
  yen,
} from './api.ts';
import { DestinationPicker, useBankPickerTexts } from './Pickers.tsx';
import { SubsidySteps } from './SubsidySteps.tsx';

const MAX_FILE = 10 * 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,application/pdf';

type Form = {
  relation: Relation;
  applicantName: string;
  applicantKana: string;
  personName: string;
  personKana: string;
  phone: string;
  email: string;
  destination: DestinationHit | null;
  route: string;
  mode: TravelMode;
  fare: string;
  distance: string;
  trips: string;
  bank: Bank | null;
  branch: Branch | null;
  accountType: AccountType;
  accountNumber: string;
  holder: string;
  consent: boolean;
};

const empty: Form = {
  relation: 'self',
  applicantName: '',
  applicantKana: '',
  personName: '',
  personKana: '',
  phone: '',
  email: '',
  destination: null,
  route: '',
  mode: 'public_transport',
  fare: '',
  distance: '',
  trips: '',
  bank: null,
  branch: null,
  accountType: 'ordinary',
  accountNumber: '',
  holder: '',
  consent: false,
};

const digits = (s: string) => s.normalize('NFKC').replace(/[,\s円]/g, '');
const STEP_OF: Array<[RegExp, 1 | 2 | 3]> = [
  [/^(relation|applicant|person|contact)/, 1],
  [/^(destination|route|legs|tripsPerMonth)/, 2],
];

/**
 * `/m/$code/subsidy`: the public application for the transport-cost subsidy, in three short steps
 * for a phone (who → where and how → bank account and receipts). Nothing is kept in web storage;
 * the Idempotency-Key lives in memory for this submission, so "send again" never applies twice.
 */
export function ApplyPage({ code, staff = false }: { code: string; staff?: boolean }) {
  const { t, i18n } = useTranslation();
  const bankTexts = useBankPickerTexts();
  const programme = useQuery(publicProgrammeQuery(code));
  const [form, setForm] = useState<Form>(empty);
  const [files, setFiles] = useState<File[]>([]);
  const [step, setStep] = useState<1 | 2 | 3>(1);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<(Submitted & { id?: string }) | null>(null);
  const key = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const title = t('subsidies.apply.title');
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    key.current = null; // a changed application is a new submission
    setForm((f) => ({ ...f, [k]: v }));
  };

  if (programme.isPending) return <p>{t('common.loading')}</p>;
  if (programme.isError || !programme.data)
    return (
      <div className="flex max-w-2xl flex-col gap-6">
        <PageHeading title={title}>{title}</PageHeading>
        <Notice tone="warning">{t('subsidies.apply.notOpen')}</Notice>
      </div>
    );
  const p = programme.data;
  const lang = i18n.language;
  const holder = toBankKana(form.holder);
  const trip =
    form.mode === 'public_transport'
      ? Number(digits(form.fare)) || 0
      : Math.ceil(
          (Math.round((Number(digits(form.distance)) || 0) * 10) *
            (form.mode === 'car' ? p.carYenPerKm : p.bicycleYenPerKm)) /
            10,
        );
  const tripsN = Number(digits(form.trips)) || 0;

  function validate(which: 1 | 2 | 3): Record<string, string> {
    const req = t('subsidies.apply.required');
    const out: Record<string, string> = {};
    if (which === 1) {
      if (!form.applicantName.trim()) out['applicant/name'] = req;
      if (!form.applicantKana.trim()) out['applicant/nameKana'] = req;
      if (form.relation === 'family') {
        if (!form.personName.trim()) out['person/name'] = req;
        if (!form.personKana.trim()) out['person/nameKana'] = req;
      }
    }
    if (which === 2) {
      if (!form.destination) out['destination/id'] = t('subsidies.apply.destinationRequired');
      if (!form.route.trim()) out.route = req;
      if (form.mode === 'public_transport' && !digits(form.fare)) out['legs/0/fareYen'] = req;
      if (form.mode !== 'public_transport' && !digits(form.distance)) out['legs/0/distanceKm'] = req;
      if (!tripsN) out.tripsPerMonth = req;
    }
    if (which === 3) {
      if (!form.bank || !form.branch) out['bank/branchCode'] = t('subsidies.apply.bankRequired');
      if (!form.accountNumber.trim()) out['bank/accountNumber'] = req;
      if (!form.holder.trim()) out['bank/holderName'] = req;
      else if (!holder.ok)
        out['bank/holderName'] = t('subsidies.apply.holderInvalid', {
          chars: holder.invalidCharacters.join(' '),
        });
      for (const f of files) {
        if (f.size > MAX_FILE) out.receipts = t('subsidies.apply.receiptTooLarge', { name: f.name });
        else if (!ACCEPT.split(',').includes(f.type) && f.type)
          out.receipts = t('subsidies.apply.receiptType', { name: f.name });
      }
      if (!form.consent) out.consent = t('subsidies.apply.consentRequired');
    }
    return out;
  }

  function go(next: 1 | 2 | 3, event?: FormEvent) {
    event?.preventDefault();
    if (next > step) {
      const problems = validate(step);
      setLocal(problems);
      setError(null);
      if (Object.keys(problems).length > 0) {
        setFocusKey((k) => k + 1);
        return;
      }
    } else setLocal({});
    setStep(next);
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validate(3);
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      setError(null);
      setFocusKey((k) => k + 1);
      return;
    }
    const input: ApplicationInput = {
      municipalityCode: code,
      relation: form.relation,
      applicant: { name: form.applicantName, nameKana: form.applicantKana },
      ...(form.relation === 'family' ? { person: { name: form.personName, nameKana: form.personKana } } : {}),
      contact: { ...(form.phone ? { phone: form.phone } : {}), ...(form.email ? { email: form.email } : {}) },
      destination: { kind: form.destination!.kind, id: form.destination!.id },
      route: form.route,
      legs: [
        form.mode === 'public_transport'
          ? { mode: form.mode, fareYen: Number(digits(form.fare)) }
          : { mode: form.mode, distanceKm: Number(digits(form.distance)) },
      ],
      tripsPerMonth: tripsN,
      bank: {
        bankCode: form.bank!.code,
        branchCode: form.branch!.code,
        accountType: form.accountType,
        accountNumber: digits(form.accountNumber),
        holderName: form.holder,
      },
      language: isUiLanguage(lang) ? lang : 'ja',
      consent: true,
    };
    key.current ??= newIdempotencyKey();
    setBusy(true);
    try {
      setDone(await submitApplication(input, files, key.current, staff));
      setError(null);
      requestAnimationFrame(() => headingRef.current?.focus());
    } catch (e) {
      setError(e);
      const paths = Object.keys(fieldErrorsByPath(e));
      const first = paths[0] ?? '';
      const target = STEP_OF.find(([re]) => re.test(first))?.[1];
      if (target && target !== 3) setStep(target);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="flex max-w-2xl flex-col gap-6">
        <h1 ref={headingRef} tabIndex={-1} className="text-std-28B-150 text-solid-gray-900">
          {t('subsidies.apply.doneHeading')}
        </h1>
        <div className={cardClass}>
          <p className="text-std-17B-170">{t('subsidies.apply.receiptNumber')}</p>
          <p className="font-mono text-std-28B-150 break-all" data-testid="receipt-number">
            {done.receiptNumber}
          </p>
          <CopyButton text={done.receiptNumber} />
          <p className="text-std-16N-170">{t('subsidies.apply.receiptWarning')}</p>
        </div>
        <p className="text-std-16N-170">{t('subsidies.apply.doneNext')}</p>
        <SubsidySteps status="submitted" />
        <div className="flex flex-wrap gap-4 print:hidden">
          <button type="button" className={secondaryButtonClass} onClick={() => window.print()}>
            {t('subsidies.apply.print')}
          </button>
          {staff && done.id ? (
            <Link
              to="/console/subsidies/applications/$id"
              params={{ id: done.id }}
              className={`${linkClass} inline-flex min-h-11 items-center`}
            >
              {t('subsidies.console.openApplication')}
            </Link>
          ) : (
            <Link to="/subsidies/status" className={`${linkClass} inline-flex min-h-11 items-center`}>
              {t('subsidies.apply.toStatus')}
            </Link>
          )}
        </div>
      </div>
    );
  }

  const serverErrors = error ? fieldErrorsByPath(error) : {};
  const err = (path: string) => local[path] ?? serverErrors[path];
  const network = isApiError(error) && error.isNetworkError;
  const stepName = t(`subsidies.apply.steps.${step === 1 ? 'who' : step === 2 ? 'trip' : 'bank'}`);

  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <div className="flex flex-col gap-3">
        <PageHeading title={title}>{title}</PageHeading>
        <p className="text-std-16N-170">
          {staff ? t('subsidies.console.counterLead') : t('subsidies.apply.lead')}
        </p>
        <p className="text-std-16N-170">
          {p.name}（{p.municipalityName}）
          <br />
          {t('subsidies.apply.rules', {
            cap: yen(p.monthlyCapYen, lang),
            car: yen(p.carYenPerKm, lang),
            bicycle: yen(p.bicycleYenPerKm, lang),
          })}
        </p>
      </div>
      <h2 ref={headingRef} tabIndex={-1} className="text-std-24B-150 text-solid-gray-900">
        <span className="block text-std-16N-170">{t('subsidies.apply.step', { n: step })}</span>
        {stepName}
      </h2>
      {network && (
        <Notice tone="warning">
          <p className="text-std-17B-170">{t('subsidies.apply.networkHeading')}</p>
          <p>{t('subsidies.apply.networkBody')}</p>
        </Notice>
      )}
      <form
        noValidate
        onSubmit={step === 3 ? submit : (e) => go((step + 1) as 2 | 3, e)}
        className="flex flex-col gap-6"
      >
        <FormProblem error={network ? null : error} local={local} idPrefix="apply" focusKey={focusKey} />
        {step === 1 && (
          <>
            <RadioGroup
              id="apply-relation"
              legend={t('subsidies.apply.relationLegend')}
              options={p.applicantRelations.map((r) => ({
                value: r,
                label: t(`subsidies.apply.relations.${r}`),
              }))}
              value={form.relation}
              onChange={(v) => set('relation', v)}
              required
            />
            <TextField
              id="apply-applicant-name"
              label={t('subsidies.apply.applicantName')}
              required
              autoComplete="name"
              value={form.applicantName}
              error={err('applicant/name')}
              onChange={(e) => set('applicantName', e.target.value)}
            />
            <TextField
              id="apply-applicant-nameKana"
              label={t('subsidies.apply.applicantKana')}
              required
              value={form.applicantKana}
              error={err('applicant/nameKana')}
              onChange={(e) => set('applicantKana', e.target.value)}
            />
            {form.relation === 'family' && (
              <>
                <TextField
                  id="apply-person-name"
                  label={t('subsidies.apply.personName')}
                  required
                  value={form.personName}
                  error={err('person/name') ?? err('person')}
                  onChange={(e) => set('personName', e.target.value)}
                />
                <TextField
                  id="apply-person-nameKana"
                  label={t('subsidies.apply.personKana')}
                  required
                  value={form.personKana}
                  error={err('person/nameKana')}
                  onChange={(e) => set('personKana', e.target.value)}
                />
              </>
            )}
            <TextField
              id="apply-contact-phone"
              label={t('subsidies.apply.phone')}
              type="tel"
              autoComplete="tel"
              value={form.phone}
              error={err('contact/phone')}
              onChange={(e) => set('phone', e.target.value)}
            />
            <TextField
              id="apply-contact-email"
              label={t('subsidies.apply.email')}
              hint={t('subsidies.apply.emailHint')}
              type="email"
              autoComplete="email"
              value={form.email}
              error={err('contact/email')}
              onChange={(e) => set('email', e.target.value)}
            />
          </>
        )}
        {step === 2 && (
          <>
            <DestinationPicker
              code={code}
              value={form.destination}
              onChange={(d) => set('destination', d)}
              error={err('destination/id') ?? err('destination')}
            />
            <TextAreaField
              id="apply-route"
              label={t('subsidies.apply.route')}
              hint={t('subsidies.apply.routeHint')}
              rows={3}
              value={form.route}
              error={err('route')}
              onChange={(e) => set('route', e.target.value)}
            />
            <SelectField
              id="apply-legs-0-mode"
              label={t('subsidies.apply.mode')}
              value={form.mode}
              onChange={(e) => set('mode', e.target.value as TravelMode)}
              options={(['public_transport', 'car', 'bicycle'] as const).map((m) => ({
                value: m,
                label: t(`subsidies.apply.modes.${m}`),
              }))}
            />
            {form.mode === 'public_transport' ? (
              <TextField
                id="apply-legs-0-fareYen"
                label={t('subsidies.apply.fare')}
                inputMode="numeric"
                required
                value={form.fare}
                error={err('legs/0/fareYen')}
                onChange={(e) => set('fare', e.target.value)}
              />
            ) : (
              <TextField
                id="apply-legs-0-distanceKm"
                label={t('subsidies.apply.distance')}
                inputMode="decimal"
                required
                value={form.distance}
                error={err('legs/0/distanceKm')}
                onChange={(e) => set('distance', e.target.value)}
              />
            )}
            <TextField
              id="apply-tripsPerMonth"
              label={t('subsidies.apply.trips')}
              inputMode="numeric"
              required
              value={form.trips}
              error={err('tripsPerMonth')}
              onChange={(e) => set('trips', e.target.value)}
            />
            {trip > 0 && tripsN > 0 && (
              <p className="text-std-16N-170" aria-live="polite">
                {t('subsidies.apply.estimate', {
                  trip: yen(trip, lang),
                  n: tripsN,
                  total: yen(Math.min(trip * tripsN, p.monthlyCapYen), lang),
                  cap: yen(p.monthlyCapYen, lang),
                })}
              </p>
            )}
          </>
        )}
        {step === 3 && (
          <>
            <BankPicker
              bank={form.bank}
              branch={form.branch}
              onBank={(b) => setForm((f) => ({ ...f, bank: b, branch: null }))}
              onBranch={(b) => set('branch', b)}
              error={err('bank/branchCode') ?? err('bank/bankCode')}
              texts={bankTexts}
            />
            <SelectField
              id="apply-bank-accountType"
              label={t('subsidies.apply.accountType')}
              value={form.accountType}
              onChange={(e) => set('accountType', e.target.value as AccountType)}
              options={(['ordinary', 'current', 'savings'] as const).map((a) => ({
                value: a,
                label: t(`subsidies.apply.accountTypes.${a}`),
              }))}
            />
            <TextField
              id="apply-bank-accountNumber"
              label={t('subsidies.apply.accountNumber')}
              inputMode="numeric"
              autoComplete="off"
              required
              maxLength={7}
              value={form.accountNumber}
              error={err('bank/accountNumber')}
              onChange={(e) => set('accountNumber', e.target.value)}
            />
            <div className="flex flex-col gap-2">
              <TextField
                id="apply-bank-holderName"
                label={t('subsidies.apply.holder')}
                hint={t('subsidies.apply.holderHint')}
                autoComplete="off"
                required
                value={form.holder}
                error={
                  err('bank/holderName') ??
                  (!holder.ok && form.holder
                    ? t('subsidies.apply.holderInvalid', { chars: holder.invalidCharacters.join(' ') })
                    : undefined)
                }
                onChange={(e) => set('holder', e.target.value)}
              />
              {form.holder && (
                <p className="text-std-16N-170" aria-live="polite" data-testid="holder-preview">
                  {t('subsidies.apply.holderPreview', { value: holder.value })}
                </p>
              )}
            </div>
            <div className="flex flex-col gap-2">
              <label htmlFor="apply-receipts" className="text-std-17B-170 text-solid-gray-900">
                {t('subsidies.apply.receipts')}
              </label>
              <p id="apply-receipts-hint" className="text-std-16N-170 text-solid-gray-700">
                {t('subsidies.apply.receiptsHint')}
              </p>
              {err('receipts') && (
                <p id="apply-receipts-error" className="text-std-16B-170 text-error-2">
                  {err('receipts')}
                </p>
              )}
              <input
                id="apply-receipts"
                type="file"
                multiple
                accept={ACCEPT}
                aria-describedby={`apply-receipts-hint${err('receipts') ? ' apply-receipts-error' : ''}`}
                className="min-h-11 max-w-full text-std-16N-170"
                onChange={(e) => {
                  key.current = null;
                  setFiles(Array.from(e.target.files ?? []).slice(0, 3));
                }}
              />
              {files.length > 0 && (
                <ul className="list-disc pl-6 text-std-16N-170">
                  {files.map((f) => (
                    <li key={f.name} className="break-all">
                      {f.name}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div className="flex flex-col gap-2">
              {err('consent') && (
                <p id="apply-consent-error" className="text-std-16B-170 text-error-2">
                  {err('consent')}
                </p>
              )}
              <label htmlFor="apply-consent" className="flex min-h-11 items-start gap-3 text-std-16N-170">
                <input
                  id="apply-consent"
                  type="checkbox"
                  className={`${checkboxClass} mt-1`}
                  checked={form.consent}
                  aria-describedby={err('consent') ? 'apply-consent-error' : undefined}
                  onChange={(e) => set('consent', e.target.checked)}
                />
                {t('subsidies.apply.consent')}
              </label>
            </div>
          </>
        )}
        <div className="flex flex-wrap gap-4">
          {step > 1 && (
            <button type="button" className={secondaryButtonClass} onClick={() => go((step - 1) as 1 | 2)}>
              {t('subsidies.apply.back')}
            </button>
          )}
          <button type="submit" className={primaryButtonClass} disabled={busy}>
            {step < 3
              ? t('subsidies.apply.next')
              : busy
                ? t('subsidies.apply.submitting')
                : network
                  ? t('subsidies.apply.retry')
                  : t('subsidies.apply.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
