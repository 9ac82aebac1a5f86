import '../security/i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../../api/me.ts';
import { logout, verifyCode, verifyWithPasskey } from '../../api/session.ts';
import { FormProblem, fieldId } from '../../ui/FormProblem.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { cardClass, linkClass, primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';

/**
 * `/login/verify`: the second step of logging in, for accounts with a second factor. A passkey when
 * there is one (phishing-resistant), the authenticator app's code, or a recovery code as the way out.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const methods = me.data?.mfa.methods ?? [];

  const done = async () => {
    queryClient.removeQueries({ queryKey: ['auth'] });
    await navigate({ to: '/console' });
  };

  return (
    <>
      <div className="flex flex-col gap-4">
        <PageHeading title={t('verify.title')}>{t('verify.heading')}</PageHeading>
        <p className="max-w-2xl text-std-16N-170">{t('verify.lead')}</p>
      </div>
      {methods.includes('passkey') && <PasskeyStep onDone={done} />}
      {methods.includes('totp') && (
        <CodeStep
          method="totp"
          idPrefix="verify-totp"
          heading={t('verify.totpHeading')}
          label={t('verify.totpLabel')}
          hint={t('verify.totpHint')}
          onDone={done}
        />
      )}
      {methods.includes('recovery') && (
        <details className="max-w-xl rounded-8 border border-solid-gray-420 bg-white p-4">
          <summary className="min-h-11 cursor-pointer content-center text-std-16B-170 text-blue-1000 underline">
            {t('verify.recoverySummary')}
          </summary>
          <div className="pt-4">
            <CodeStep
              method="recovery"
              idPrefix="verify-recovery"
              heading={t('verify.recoveryHeading')}
              label={t('verify.recoveryLabel')}
              hint={t('verify.recoveryHint')}
              onDone={done}
            />
          </div>
        </details>
      )}
      <p className="text-std-16N-170">
        <button
          type="button"
          className={`${linkClass} min-h-11`}
          onClick={async () => {
            try {
              await logout();
            } finally {
              queryClient.clear();
              await navigate({ to: '/login', search: { signedOut: true } });
            }
          }}
        >
          {t('verify.cancel')}
        </button>
      </p>
    </>
  );
}

function PasskeyStep({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  return (
    <section aria-labelledby="verify-passkey-heading" className={`${cardClass} max-w-xl`}>
      <h2 id="verify-passkey-heading" className="text-std-20B-150">
        {t('verify.passkeyHeading')}
      </h2>
      <FormProblem error={error} idPrefix="verify-passkey" focusKey={attempt} />
      <p className="text-std-16N-170">{t('verify.passkeyLead')}</p>
      <div>
        <button
          type="button"
          className={primaryButtonClass}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await verifyWithPasskey();
              await onDone();
            } catch (failure) {
              setError(failure);
              setAttempt((n) => n + 1);
            } finally {
              setBusy(false);
            }
          }}
        >
          {busy ? t('verify.passkeyWaiting') : t('verify.passkeyButton')}
        </button>
      </div>
    </section>
  );
}

function CodeStep({
  method,
  idPrefix,
  heading,
  label,
  hint,
  onDone,
}: {
  method: 'totp' | 'recovery';
  idPrefix: string;
  heading: string;
  label: string;
  hint: string;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    if (code.trim() === '') {
      setLocal({ code: t('verify.codeRequired') });
      setAttempt((n) => n + 1);
      return;
    }
    setLocal({});
    setBusy(true);
    try {
      await verifyCode(method, code.trim());
      await onDone();
    } catch (failure) {
      setCode('');
      setError(failure);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${idPrefix}-heading`} className={`${cardClass} max-w-xl`}>
      <h2 id={`${idPrefix}-heading`} className="text-std-20B-150">
        {heading}
      </h2>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-busy={busy}>
        <FormProblem error={error} local={local} idPrefix={idPrefix} focusKey={attempt} />
        <TextField
          id={fieldId(idPrefix, 'code')}
          name={method === 'totp' ? 'one-time-code' : 'recovery-code'}
          label={label}
          hint={hint}
          inputMode={method === 'totp' ? 'numeric' : 'text'}
          autoComplete={method === 'totp' ? 'one-time-code' : 'off'}
          spellCheck={false}
          required
          value={code}
          error={local.code}
          onChange={(event) => setCode(event.target.value)}
        />
        <div>
          <button type="submit" className={method === 'totp' ? primaryButtonClass : secondaryButtonClass}>
            {busy ? t('verify.checking') : t('verify.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
