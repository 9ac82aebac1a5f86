import { Link } from '@tanstack/react-router';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { resetPassword } from '../../api/session.ts';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { FormProblem, fieldErrorsByPath, fieldId } from '../../ui/FormProblem.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { linkClass, primaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';

const PREFIX = 'reset';

/** The token travels in the fragment (`#token=…`), which browsers never send to any server. */
function tokenFromFragment(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = params.get('token');
  return token && /^[A-Za-z0-9_-]{16,200}$/.test(token) ? token : null;
}

/**
 * `/password-reset`: sets a password with the one-time link an administrator had sent (also the
 * first-time set-up of a new account). The token is read once from the fragment, kept in memory only,
 * and removed from the address bar at once, so it is not left in history, bookmarks or screenshots.
 */
export function PasswordResetPage() {
  const { t } = useTranslation();
  const [token] = useState(tokenFromFragment);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [show, setShow] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(
        window.history.state,
        '',
        window.location.pathname + window.location.search,
      );
    }
  }, []);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (password === '') errors.newPassword = t('passwordReset.errors.passwordRequired');
    if (confirmation !== password) errors.confirmation = t('passwordReset.errors.mismatch');
    setError(null);
    setLocal(errors);
    if (Object.keys(errors).length > 0 || !token) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await resetPassword(token, password);
      setPassword('');
      setConfirmation('');
      setDone(true);
    } catch (failure) {
      setError(failure);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const serverFields = fieldErrorsByPath(error);
  const fieldError = (path: string) => serverFields[path] ?? local[path];
  const linkDead = isApiError(error) && error.code === 'password_reset_invalid';

  return (
    <>
      <div className="flex flex-col gap-4">
        <PageHeading title={t('passwordReset.title')}>{t('passwordReset.heading')}</PageHeading>
        <p className="max-w-2xl text-std-16N-170">{t('passwordReset.lead')}</p>
      </div>
      {done ? (
        <section aria-labelledby="reset-done" className="flex flex-col gap-4">
          <h2 id="reset-done" ref={doneRef} tabIndex={-1} className="text-std-24B-150">
            {t('passwordReset.doneHeading')}
          </h2>
          <Notice tone="success">{t('passwordReset.done')}</Notice>
          <Link to="/login" className={`${linkClass} inline-flex min-h-11 items-center self-start`}>
            {t('passwordReset.toLogin')}
          </Link>
        </section>
      ) : !token ? (
        <Notice tone="error">
          <p>{t('passwordReset.noToken')}</p>
        </Notice>
      ) : (
        <form noValidate onSubmit={onSubmit} className="flex max-w-xl flex-col gap-6" aria-busy={busy}>
          <FormProblem error={error} local={local} idPrefix={PREFIX} focusKey={attempt} />
          {linkDead && (
            <Link to="/login" className={`${linkClass} inline-flex min-h-11 items-center self-start`}>
              {t('passwordReset.toLogin')}
            </Link>
          )}
          <TextField
            id={fieldId(PREFIX, 'newPassword')}
            name="new-password"
            type={show ? 'text' : 'password'}
            label={t('passwordReset.newPassword')}
            hint={t('passwordReset.policy')}
            autoComplete="new-password"
            spellCheck={false}
            required
            value={password}
            error={fieldError('newPassword')}
            onChange={(event) => setPassword(event.target.value)}
          />
          <TextField
            id={fieldId(PREFIX, 'confirmation')}
            name="confirm-password"
            type={show ? 'text' : 'password'}
            label={t('passwordReset.confirmation')}
            autoComplete="new-password"
            spellCheck={false}
            required
            value={confirmation}
            error={fieldError('confirmation')}
            onChange={(event) => setConfirmation(event.target.value)}
          />
          <Checkbox
            id="reset-show"
            label={t('passwordReset.show')}
            checked={show}
            onChange={(event) => setShow(event.target.checked)}
          />
          <div>
            <button type="submit" className={primaryButtonClass} disabled={busy}>
              {busy ? t('passwordReset.submitting') : t('passwordReset.submit')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
