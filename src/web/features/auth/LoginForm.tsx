import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, fieldErrorsByName, isApiError } from '../../api/client.ts';
import { login, nextStepAfterLogin } from '../../api/session.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { ErrorSummary, type SummaryItem } from '../../ui/ErrorSummary.tsx';
import { primaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';

type Field = 'email' | 'password';
type Errors = Partial<Record<Field, string>>;

const FIELD_IDS: Record<Field, string> = { email: 'login-email', password: 'login-password' };

/** Local checks only catch what the user can fix before sending; the server has the final word. */
function validate(email: string, password: string, t: (key: string) => string): Errors {
  const errors: Errors = {};
  if (email.trim() === '') errors.email = t('login.errors.emailRequired');
  else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errors.email = t('login.errors.emailInvalid');
  if (password === '') errors.password = t('login.errors.passwordRequired');
  return errors;
}

export function LoginForm({ next }: { next?: string | undefined } = {}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const problemMessage = useProblemMessage();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [serverError, setServerError] = useState<ApiError | Error | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Bumped on every failed attempt so the summary takes focus each time.
  const [attempt, setAttempt] = useState(0);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local = validate(email, password, t);
    setServerError(null);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setSubmitting(true);
    try {
      const result = await login(email.trim(), password);
      queryClient.removeQueries({ queryKey: ['auth'] });
      // Enrolment or the second factor first, when the account needs them (the server refuses the rest).
      const step = nextStepAfterLogin(result.mfa);
      // Back to the page where the session ended (its draft is restored there), when nothing comes first.
      if (step === '/console' && next) await navigate({ href: next });
      else await navigate({ to: step });
    } catch (error) {
      setPassword('');
      setServerError(error instanceof Error ? error : new Error(String(error)));
      if (isApiError(error)) setErrors(pickFieldErrors(fieldErrorsByName(error)));
      setAttempt((n) => n + 1);
    } finally {
      setSubmitting(false);
    }
  };

  const summaryItems: SummaryItem[] = (Object.keys(FIELD_IDS) as Field[])
    .filter((field) => errors[field])
    .map((field) => ({ fieldId: FIELD_IDS[field], message: errors[field]! }));
  const showSummary = attempt > 0 && (summaryItems.length > 0 || serverError !== null);

  return (
    <form noValidate onSubmit={onSubmit} className="flex max-w-xl flex-col gap-6" aria-busy={submitting}>
      {showSummary &&
        (serverError ? (
          <ErrorSummary
            heading={serverTitle(serverError) ?? t('login.errors.failedHeading')}
            detail={serverDetail(serverError, problemMessage)}
            items={summaryItems}
            focusKey={attempt}
          />
        ) : (
          <ErrorSummary heading={t('login.errors.summaryHeading')} items={summaryItems} focusKey={attempt} />
        ))}
      <TextField
        id={FIELD_IDS.email}
        name="email"
        type="email"
        label={t('login.email')}
        autoComplete="username"
        inputMode="email"
        spellCheck={false}
        required
        value={email}
        error={errors.email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        id={FIELD_IDS.password}
        name="password"
        type="password"
        label={t('login.password')}
        autoComplete="current-password"
        required
        value={password}
        error={errors.password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <div>
        <button type="submit" className={primaryButtonClass} disabled={submitting}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </button>
      </div>
    </form>
  );
}

function pickFieldErrors(byName: Record<string, string>): Errors {
  const out: Errors = {};
  if (byName.email) out.email = byName.email;
  if (byName.password) out.password = byName.password;
  return out;
}

/** The problem+json title is the heading: it says what happened, in the page's language. */
function serverTitle(error: Error): string | undefined {
  return isApiError(error) && error.isProblem ? error.problem.title : undefined;
}

function serverDetail(error: Error, problemMessage: (e: unknown) => string): string | undefined {
  if (isApiError(error) && error.isProblem) return error.problem.detail;
  return problemMessage(error);
}
