import './i18n.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registerPasskey } from '../../api/session.ts';
import { FormProblem, fieldId } from '../../ui/FormProblem.tsx';
import { primaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';

const PREFIX = 'passkey';

/** Registers a passkey on this device (or a security key); the first factor comes with recovery codes. */
export function PasskeyEnrolment({ onEnrolled }: { onEnrolled: (recoveryCodes: string[] | null) => void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const supported = typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await registerPasskey(label);
      setLabel('');
      onEnrolled(result.recoveryCodes);
    } catch (failure) {
      setError(failure);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  if (!supported) return <p className="text-std-16N-170">{t('passkey.unsupported')}</p>;
  return (
    <form noValidate onSubmit={onSubmit} className="flex max-w-md flex-col gap-4" aria-busy={busy}>
      <FormProblem error={error} idPrefix={PREFIX} focusKey={attempt} />
      <p className="text-std-16N-170">{t('passkey.intro')}</p>
      <TextField
        id={fieldId(PREFIX, 'label')}
        name="passkey-label"
        label={t('passkey.labelLabel')}
        hint={t('passkey.labelHint')}
        maxLength={60}
        autoComplete="off"
        value={label}
        onChange={(event) => setLabel(event.target.value)}
      />
      <div>
        <button type="submit" className={primaryButtonClass} disabled={busy}>
          {busy ? t('passkey.waiting') : t('passkey.register')}
        </button>
      </div>
    </form>
  );
}
