import './i18n.ts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmTotp, startTotpSetup, type TotpSetup } from '../../api/session.ts';
import { FormProblem, fieldId } from '../../ui/FormProblem.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { compactButtonClass, linkClass, primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';

const PREFIX = 'totp';

/** `ABCDEFGH…` → `ABCD EFGH …`: easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * Set-up of an authenticator app (TOTP): the secret in 4-character blocks and the otpauth:// link (which
 * opens an authenticator on the same device); then the first 6-digit code confirms it. No QR code: no
 * QR package is installed, and typing the key works with every app.
 */
export function TotpEnrolment({ onEnrolled }: { onEnrolled: (recoveryCodes: string[]) => void }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const stepRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (setup) stepRef.current?.focus();
  }, [setup]);

  const begin = async () => {
    setBusy(true);
    setError(null);
    try {
      setSetup(await startTotpSetup());
    } catch (failure) {
      setError(failure);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    if (!/^\s*[0-9０-９]{3}\s?[0-9０-９]{3}\s*$/.test(code)) {
      setLocal({ code: t('totp.codeFormat') });
      setAttempt((n) => n + 1);
      return;
    }
    setLocal({});
    setBusy(true);
    try {
      const result = await confirmTotp(code);
      onEnrolled(result.recoveryCodes);
    } catch (failure) {
      setCode('');
      setError(failure);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  if (!setup) {
    return (
      <div className="flex flex-col gap-3">
        <FormProblem error={error} idPrefix={`${PREFIX}-begin`} focusKey={attempt} />
        <p className="text-std-16N-170">{t('totp.intro')}</p>
        <div>
          <button type="button" className={primaryButtonClass} disabled={busy} onClick={begin}>
            {busy ? t('totp.starting') : t('totp.start')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <h3 ref={stepRef} tabIndex={-1} className="text-std-18B-160">
        {t('totp.step1')}
      </h3>
      <p className="text-std-16N-170">{t('totp.step1Lead')}</p>
      <dl className="flex flex-col gap-2">
        <dt className="text-dns-16B-130">{t('totp.secretLabel')}</dt>
        <dd className="flex flex-wrap items-center gap-3">
          <code
            id="totp-secret"
            className="rounded-6 bg-solid-gray-50 px-3 py-2 font-mono text-std-20B-150 tracking-wider break-all"
          >
            {groupSecret(setup.secret)}
          </code>
          <button
            type="button"
            className={compactButtonClass}
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(setup.secret);
                setCopied(true);
              } catch {
                setCopied(false);
              }
            }}
          >
            {t('totp.copy')}
          </button>
        </dd>
        <dt className="text-dns-16B-130">{t('totp.settingsLabel')}</dt>
        <dd className="text-dns-16N-130">{t('totp.settings')}</dd>
      </dl>
      <LiveStatus message={copied ? t('totp.copied') : null} />
      <p className="text-std-16N-170">
        <a href={setup.otpauthUri} className={linkClass}>
          {t('totp.openApp')}
        </a>
      </p>
      <h3 className="text-std-18B-160">{t('totp.step2')}</h3>
      <form noValidate onSubmit={onSubmit} className="flex max-w-md flex-col gap-4" aria-busy={busy}>
        <FormProblem error={error} local={local} idPrefix={PREFIX} focusKey={attempt} />
        <TextField
          id={fieldId(PREFIX, 'code')}
          name="one-time-code"
          label={t('totp.codeLabel')}
          hint={t('totp.codeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          required
          value={code}
          error={local.code}
          onChange={(event) => setCode(event.target.value)}
        />
        <div className="flex flex-wrap gap-3">
          <button type="submit" className={primaryButtonClass} disabled={busy}>
            {busy ? t('totp.confirming') : t('totp.confirm')}
          </button>
          <button type="button" className={secondaryButtonClass} disabled={busy} onClick={begin}>
            {t('totp.restart')}
          </button>
        </div>
      </form>
    </div>
  );
}
