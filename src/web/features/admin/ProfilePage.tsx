import './i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import type { ConsultationNumber, DepartmentContact } from '../../api/municipalities.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { formatStaffDay, formatStaffInstant } from '../../ui/datetime.ts';
import { FormProblem, fieldErrorsByPath, fieldId } from '../../ui/FormProblem.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import {
  cardClass,
  compactButtonClass,
  compactDangerButtonClass,
  primaryButtonClass,
  secondaryButtonClass,
} from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import {
  saveTenantProfile,
  type TenantLogo,
  type TenantProfile,
  type TenantProfileUpdate,
  tenantProfileQuery,
} from './api.ts';

const PREFIX = 'profile';
const MAX_NUMBERS = 20;
/** The server's own rule (municipalities.schema.ts); checked here too, to say it in plain words. */
const PHONE = /^[0-9#+()\- ]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CONTACTS = ['welfareContact', 'labourContact', 'onCallContact'] as const;
type ContactKey = (typeof CONTACTS)[number];

type ContactForm = { department: string; phone: string; email: string; hours: string };
type NumberForm = { key: number; label: string; phone: string; hours: string; note: string };
type ProfileForm = {
  documentName: string;
  population: string;
  populationAsOf: string;
  welfareContact: ContactForm;
  labourContact: ContactForm;
  onCallContact: ContactForm;
  consultationNumbers: NumberForm[];
  mfaRequiredForPersonalData: boolean;
};
type FieldKey = keyof ProfileForm;
const FIELDS: FieldKey[] = [
  'documentName',
  'population',
  'populationAsOf',
  'welfareContact',
  'labourContact',
  'onCallContact',
  'consultationNumbers',
  'mfaRequiredForPersonalData',
];

let numberKey = 1;

function contactForm(c: DepartmentContact | null): ContactForm {
  return {
    department: c?.department ?? '',
    phone: c?.phone ?? '',
    email: c?.email ?? '',
    hours: c?.hours ?? '',
  };
}

function fromProfile(p: TenantProfile): ProfileForm {
  return {
    documentName: p.documentName,
    population: p.population === null ? '' : String(p.population),
    populationAsOf: p.populationAsOf ?? '',
    welfareContact: contactForm(p.welfareContact),
    labourContact: contactForm(p.labourContact),
    onCallContact: contactForm(p.onCallContact),
    consultationNumbers: p.consultationNumbers.map((n) => ({
      key: numberKey++,
      label: n.label,
      phone: n.phone,
      hours: n.hours ?? '',
      note: n.note ?? '',
    })),
    mfaRequiredForPersonalData: p.mfaRequiredForPersonalData,
  };
}

/** Optional text is left out when empty (the API takes absent, not empty or null). */
function contactBody(c: ContactForm): DepartmentContact | null {
  if (!c.department.trim() && !c.phone.trim() && !c.email.trim() && !c.hours.trim()) return null;
  return {
    department: c.department.trim(),
    phone: c.phone.trim(),
    ...(c.email.trim() ? { email: c.email.trim() } : {}),
    ...(c.hours.trim() ? { hours: c.hours.trim() } : {}),
  };
}

function numberBody(n: NumberForm): ConsultationNumber {
  return {
    label: n.label.trim(),
    phone: n.phone.trim(),
    ...(n.hours.trim() ? { hours: n.hours.trim() } : {}),
    ...(n.note.trim() ? { note: n.note.trim() } : {}),
  };
}

function toBody(form: ProfileForm, version: number): TenantProfileUpdate {
  const population = form.population.trim() === '' ? null : Number(form.population.trim());
  return {
    version,
    documentName: form.documentName.trim(),
    population: population !== null && Number.isFinite(population) ? population : null,
    populationAsOf: form.populationAsOf || null,
    welfareContact: contactBody(form.welfareContact),
    labourContact: contactBody(form.labourContact),
    onCallContact: contactBody(form.onCallContact),
    consultationNumbers: form.consultationNumbers.map(numberBody),
    mfaRequiredForPersonalData: form.mfaRequiredForPersonalData,
  };
}

/** Compares one field as it would be saved (so whitespace and row keys do not count as changes). */
function sameField(a: ProfileForm, b: ProfileForm, key: FieldKey): boolean {
  const bodyKey = key as keyof TenantProfileUpdate;
  return JSON.stringify(toBody(a, 0)[bodyKey]) === JSON.stringify(toBody(b, 0)[bodyKey]);
}

/**
 * `/console/admin/profile`: the tenant's contacts, consultation numbers, population and MFA policy.
 * Saves carry the version that was loaded; when someone else saved in between (409), both versions
 * are shown side by side and the administrator picks, field by field — nothing typed is lost.
 */
const LOGO_MAX_BYTES = 256 * 1024;

/** The logo printed on the tenant's documents: PNG or JPEG up to 256 KiB (the server checks the bytes too). */
function LogoSection({
  logo,
  onChange,
}: {
  logo: TenantLogo | null;
  onChange(next: TenantLogo | null): void;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = fieldId(PREFIX, 'logo');
  const choose = async (file: File | undefined) => {
    setProblem(null);
    if (!file) return;
    if (file.type !== 'image/png' && file.type !== 'image/jpeg')
      return setProblem(t('profile.logoWrongType'));
    if (file.size > LOGO_MAX_BYTES) return setProblem(t('profile.logoTooLarge'));
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    onChange({ mediaType: file.type, base64: btoa(binary) });
  };
  return (
    <section aria-labelledby="profile-logo-heading" className={cardClass}>
      <h2 id="profile-logo-heading" className="text-std-20B-150">
        {t('profile.logoHeading')}
      </h2>
      <p id={`${inputId}-hint`}>{t('profile.logoHint')}</p>
      {logo ? (
        <img
          src={`data:${logo.mediaType};base64,${logo.base64}`}
          alt={t('profile.logoCurrent')}
          className="max-h-24 max-w-60 self-start border border-solid-gray-420 p-2"
        />
      ) : (
        <p>{t('profile.logoNone')}</p>
      )}
      <label htmlFor={inputId} className="font-bold">
        {t('profile.logoChoose')}
      </label>
      <input
        id={inputId}
        type="file"
        accept="image/png,image/jpeg"
        aria-describedby={`${inputId}-hint${problem ? ` ${inputId}-problem` : ''}`}
        onChange={(event) => void choose(event.target.files?.[0])}
      />
      {problem ? (
        <p id={`${inputId}-problem`} className="text-dns-16B-130 text-error-2" role="alert">
          {problem}
        </p>
      ) : null}
      {logo ? (
        <button type="button" className="self-start underline" onClick={() => onChange(null)}>
          {t('profile.logoRemove')}
        </button>
      ) : null}
    </section>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const profile = useQuery(tenantProfileQuery());
  return (
    <>
      <PageHeading title={t('profile.title')}>{t('profile.title')}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('profile.lead')}</p>
      {profile.isPending ? (
        <p>{t('common.loading')}</p>
      ) : profile.isError ? (
        <Notice tone="error">
          <p>{problemMessage(profile.error)}</p>
        </Notice>
      ) : (
        <ProfileEditor initial={profile.data} />
      )}
    </>
  );
}

function ProfileEditor({ initial }: { initial: TenantProfile }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ProfileForm>(() => fromProfile(initial));
  const [version, setVersion] = useState(initial.version);
  const [updatedAt, setUpdatedAt] = useState(initial.updatedAt);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [conflict, setConflict] = useState<TenantProfile | null>(null);
  // The logo is saved with the form but kept apart from the field-by-field conflict view.
  const [logo, setLogo] = useState<TenantLogo | null>(initial.logo ?? null);
  const [logoChange, setLogoChange] = useState<TenantLogo | null | undefined>(undefined);

  const update = <K extends FieldKey>(key: K, value: ProfileForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const updateContact = (key: ContactKey, part: keyof ContactForm, value: string) =>
    setForm((f) => ({ ...f, [key]: { ...f[key], [part]: value } }));
  const updateNumber = (index: number, part: keyof Omit<NumberForm, 'key'>, value: string) =>
    setForm((f) => ({
      ...f,
      consultationNumbers: f.consultationNumbers.map((n, i) => (i === index ? { ...n, [part]: value } : n)),
    }));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus(null);
    setError(null);
    const errors: Record<string, string> = {};
    if (form.population.trim() && !/^[0-9]+$/.test(form.population.trim()))
      errors.population = t('profile.errors.population');
    for (const key of CONTACTS) {
      const c = form[key];
      const any = c.department.trim() || c.phone.trim() || c.email.trim() || c.hours.trim();
      if (any && !c.department.trim()) errors[`${key}/department`] = t('profile.errors.department');
      if (any && !c.phone.trim()) errors[`${key}/phone`] = t('profile.errors.phone');
      else if (c.phone.trim() && !PHONE.test(c.phone.trim()))
        errors[`${key}/phone`] = t('profile.errors.phoneFormat');
      if (c.email.trim() && !EMAIL.test(c.email.trim()))
        errors[`${key}/email`] = t('login.errors.emailInvalid');
    }
    form.consultationNumbers.forEach((n, i) => {
      if (!n.label.trim()) errors[`consultationNumbers/${i}/label`] = t('profile.errors.label');
      if (!n.phone.trim()) errors[`consultationNumbers/${i}/phone`] = t('profile.errors.phone');
      else if (!PHONE.test(n.phone.trim()))
        errors[`consultationNumbers/${i}/phone`] = t('profile.errors.phoneFormat');
    });
    setLocal(errors);
    if (Object.keys(errors).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const saved = await saveTenantProfile({
        ...toBody(form, version),
        ...(logoChange === undefined ? {} : { logo: logoChange }),
      });
      setLogo(saved.logo ?? null);
      setLogoChange(undefined);
      queryClient.setQueryData(tenantProfileQuery().queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['municipalities', 'detail'] });
      setVersion(saved.version);
      setUpdatedAt(saved.updatedAt);
      setForm(fromProfile(saved));
      setConflict(null);
      setStatus(t('profile.saved'));
    } catch (failure) {
      const current = isApiError(failure, 409)
        ? (failure.problem.extra?.current as TenantProfile | undefined)
        : undefined;
      if (current && typeof current.version === 'number') {
        setConflict(current);
      } else {
        setError(failure);
        setAttempt((n) => n + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  const server = fieldErrorsByPath(error);
  const err = (path: string) => server[path] ?? local[path];
  const input = (
    path: string,
    label: string,
    value: string,
    onChange: (v: string) => void,
    extra: object = {},
  ) => (
    <TextField
      id={fieldId(PREFIX, path)}
      label={label}
      value={value}
      error={err(path)}
      onChange={(event) => onChange(event.target.value)}
      {...extra}
    />
  );

  return (
    <>
      <p className="text-dns-16N-130 text-solid-gray-700">
        {t('profile.version', { version, at: formatStaffInstant(updatedAt, i18n.language) })}
      </p>
      <LiveStatus message={status} />
      {conflict && (
        <ConflictResolver
          current={conflict}
          mine={form}
          onResolve={(merged) => {
            setForm(merged);
            setVersion(conflict.version);
            setUpdatedAt(conflict.updatedAt);
            setConflict(null);
            setStatus(t('profile.merged'));
            queryClient.setQueryData(tenantProfileQuery().queryKey, conflict);
          }}
        />
      )}
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-6" aria-busy={busy}>
        <FormProblem error={error} local={local} idPrefix={PREFIX} focusKey={attempt} />
        <section aria-labelledby="profile-basic" className={cardClass}>
          <h2 id="profile-basic" className="text-std-20B-150">
            {t('profile.basicHeading')}
          </h2>
          {input(
            'documentName',
            t('profile.documentName'),
            form.documentName,
            (v) => update('documentName', v),
            {
              hint: t('profile.documentNameHint'),
              maxLength: 200,
            },
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            {input('population', t('profile.population'), form.population, (v) => update('population', v), {
              inputMode: 'numeric',
              hint: t('profile.populationHint'),
            })}
            {input(
              'populationAsOf',
              t('profile.populationAsOf'),
              form.populationAsOf,
              (v) => update('populationAsOf', v),
              {
                type: 'date',
                hint: form.populationAsOf
                  ? formatStaffDay(`${form.populationAsOf}T00:00:00+09:00`, i18n.language)
                  : undefined,
              },
            )}
          </div>
        </section>

        <section aria-labelledby="profile-contacts" className={cardClass}>
          <h2 id="profile-contacts" className="text-std-20B-150">
            {t('profile.contactsHeading')}
          </h2>
          <p className="text-dns-16N-130 text-solid-gray-700">{t('profile.contactsHint')}</p>
          {CONTACTS.map((key) => (
            <fieldset key={key} className="flex flex-col gap-3 border-t border-solid-gray-420 pt-4">
              <legend className="text-std-18B-160">{t(`profile.contacts.${key}`)}</legend>
              <div className="grid gap-4 sm:grid-cols-2">
                {input(`${key}/department`, t('profile.department'), form[key].department, (v) =>
                  updateContact(key, 'department', v),
                )}
                {input(
                  `${key}/phone`,
                  t('profile.phone'),
                  form[key].phone,
                  (v) => updateContact(key, 'phone', v),
                  {
                    type: 'tel',
                    autoComplete: 'off',
                  },
                )}
                {input(
                  `${key}/email`,
                  t('profile.email'),
                  form[key].email,
                  (v) => updateContact(key, 'email', v),
                  {
                    type: 'email',
                    autoComplete: 'off',
                  },
                )}
                {input(`${key}/hours`, t('profile.hours'), form[key].hours, (v) =>
                  updateContact(key, 'hours', v),
                )}
              </div>
            </fieldset>
          ))}
        </section>

        <section aria-labelledby="profile-numbers" className={cardClass}>
          <h2 id="profile-numbers" className="text-std-20B-150">
            {t('profile.numbersHeading')}
          </h2>
          <p className="text-dns-16N-130 text-solid-gray-700">
            {t('profile.numbersHint', { max: MAX_NUMBERS })}
          </p>
          {form.consultationNumbers.length === 0 && <p>{t('profile.noNumbers')}</p>}
          {form.consultationNumbers.map((n, i) => (
            <fieldset key={n.key} className="flex flex-col gap-3 border-t border-solid-gray-420 pt-4">
              <legend className="text-std-18B-160">{t('profile.numberRow', { n: i + 1 })}</legend>
              <div className="grid gap-4 sm:grid-cols-2">
                {input(`consultationNumbers/${i}/label`, t('profile.numberLabel'), n.label, (v) =>
                  updateNumber(i, 'label', v),
                )}
                {input(
                  `consultationNumbers/${i}/phone`,
                  t('profile.phone'),
                  n.phone,
                  (v) => updateNumber(i, 'phone', v),
                  {
                    type: 'tel',
                    autoComplete: 'off',
                  },
                )}
                {input(`consultationNumbers/${i}/hours`, t('profile.hours'), n.hours, (v) =>
                  updateNumber(i, 'hours', v),
                )}
                {input(`consultationNumbers/${i}/note`, t('profile.note'), n.note, (v) =>
                  updateNumber(i, 'note', v),
                )}
              </div>
              <div>
                <button
                  type="button"
                  className={compactDangerButtonClass}
                  onClick={() =>
                    update(
                      'consultationNumbers',
                      form.consultationNumbers.filter((x) => x.key !== n.key),
                    )
                  }
                >
                  {t('profile.removeNumber', { n: i + 1 })}
                </button>
              </div>
            </fieldset>
          ))}
          <div>
            <button
              type="button"
              className={compactButtonClass}
              disabled={form.consultationNumbers.length >= MAX_NUMBERS}
              onClick={() => {
                update('consultationNumbers', [
                  ...form.consultationNumbers,
                  { key: numberKey++, label: '', phone: '', hours: '', note: '' },
                ]);
                const next = form.consultationNumbers.length;
                requestAnimationFrame(() =>
                  document.getElementById(fieldId(PREFIX, `consultationNumbers/${next}/label`))?.focus(),
                );
              }}
            >
              {t('profile.addNumber')}
            </button>
          </div>
        </section>

        <LogoSection
          logo={logoChange === undefined ? logo : logoChange}
          onChange={(next) => setLogoChange(next)}
        />

        <section aria-labelledby="profile-mfa" className={cardClass}>
          <h2 id="profile-mfa" className="text-std-20B-150">
            {t('profile.mfaHeading')}
          </h2>
          <Notice tone={form.mfaRequiredForPersonalData ? 'info' : 'warning'}>
            <p className={form.mfaRequiredForPersonalData ? '' : 'font-bold'}>
              {form.mfaRequiredForPersonalData ? t('profile.mfaOnNote') : t('profile.mfaOffWarning')}
            </p>
          </Notice>
          <Checkbox
            id={fieldId(PREFIX, 'mfaRequiredForPersonalData')}
            label={t('profile.mfaRequired')}
            hint={t('profile.mfaHint')}
            checked={form.mfaRequiredForPersonalData}
            onChange={(event) => update('mfaRequiredForPersonalData', event.target.checked)}
          />
        </section>

        <div>
          <button type="submit" className={primaryButtonClass} disabled={busy || conflict !== null}>
            {busy ? t('profile.saving') : t('profile.save')}
          </button>
        </div>
      </form>
    </>
  );
}

function ConflictResolver({
  current,
  mine,
  onResolve,
}: {
  current: TenantProfile;
  mine: ProfileForm;
  onResolve: (merged: ProfileForm) => void;
}) {
  const { t, i18n } = useTranslation();
  const theirs = fromProfile(current);
  const differing = FIELDS.filter((key) => !sameField(theirs, mine, key));
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>(() =>
    Object.fromEntries(differing.map((k) => [k, 'mine'])),
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const label = (key: FieldKey): string =>
    key === 'welfareContact' || key === 'labourContact' || key === 'onCallContact'
      ? t(`profile.contacts.${key}`)
      : key === 'consultationNumbers'
        ? t('profile.numbersHeading')
        : key === 'mfaRequiredForPersonalData'
          ? t('profile.mfaRequired')
          : t(`profile.${key}`);

  const show = (form: ProfileForm, key: FieldKey): ReactNode => {
    const body = toBody(form, 0);
    switch (key) {
      case 'welfareContact':
      case 'labourContact':
      case 'onCallContact': {
        const c = body[key];
        return c ? [c.department, c.phone, c.email, c.hours].filter(Boolean).join(' / ') : t('profile.empty');
      }
      case 'consultationNumbers':
        return body.consultationNumbers.length === 0 ? (
          t('profile.empty')
        ) : (
          <ul className="list-disc pl-5">
            {body.consultationNumbers.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a read-only rendering of a list without ids.
              <li key={i}>{[n.label, n.phone, n.hours, n.note].filter(Boolean).join(' / ')}</li>
            ))}
          </ul>
        );
      case 'mfaRequiredForPersonalData':
        return body.mfaRequiredForPersonalData ? t('profile.yes') : t('profile.no');
      case 'population':
        return body.population === null ? t('profile.empty') : body.population.toLocaleString(i18n.language);
      default: {
        const value = body[key as 'documentName' | 'populationAsOf'];
        return value ? String(value) : t('profile.empty');
      }
    }
  };

  return (
    <section
      aria-labelledby="conflict-heading"
      className="flex flex-col gap-4 rounded-8 border-2 border-warning-yellow-2 bg-white p-4 md:p-6"
    >
      <h2 id="conflict-heading" ref={headingRef} tabIndex={-1} className="text-std-20B-150">
        {t('profile.conflictHeading')}
      </h2>
      <p className="text-std-16N-170">
        {t('profile.conflictLead', { at: formatStaffInstant(current.updatedAt, i18n.language) })}
      </p>
      {differing.length === 0 && <p>{t('profile.conflictSame')}</p>}
      {differing.map((key) => (
        <fieldset key={key} className="flex flex-col gap-2 border-t border-solid-gray-420 pt-3">
          <legend className="text-std-17B-170">{label(key)}</legend>
          <div className="grid gap-3 md:grid-cols-2">
            {(['theirs', 'mine'] as const).map((side) => (
              <label
                key={side}
                className="flex cursor-pointer gap-3 rounded-6 border border-solid-gray-420 p-3 has-[:checked]:border-2 has-[:checked]:border-blue-900 has-[:checked]:bg-blue-50"
              >
                <input
                  type="radio"
                  name={`conflict-${key}`}
                  value={side}
                  className="mt-1 size-6 shrink-0 accent-blue-900"
                  checked={choice[key] === side}
                  onChange={() => setChoice((c) => ({ ...c, [key]: side }))}
                />
                <span className="flex min-w-0 flex-col gap-1">
                  <span className="text-dns-16B-130">
                    {side === 'theirs' ? t('profile.useTheirs') : t('profile.useMine')}
                  </span>
                  <span className="text-dns-16N-130 break-words">
                    {show(side === 'theirs' ? theirs : mine, key)}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          className={primaryButtonClass}
          onClick={() => {
            const merged: ProfileForm = { ...mine };
            for (const key of differing) {
              if (choice[key] === 'theirs') (merged as Record<FieldKey, unknown>)[key] = theirs[key];
            }
            onResolve(merged);
          }}
        >
          {t('profile.applyChoice')}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={() => onResolve(theirs)}>
          {t('profile.discardMine')}
        </button>
      </div>
    </section>
  );
}
