import { useTranslation } from 'react-i18next';
import { isApiError } from './client.ts';

/** One sentence for a failed request: the server's own problem text when it sent one. */
export function useProblemMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (isApiError(error)) {
      if (error.isNetworkError) return t('common.networkError');
      if (error.isProblem) return [error.problem.title, error.problem.detail].filter(Boolean).join(' ');
    }
    // WebAuthn (passkeys): the person cancelled, the time ran out, or the key is already registered.
    if (error instanceof Error && error.name === 'InvalidStateError') return t('passkey.alreadyRegistered');
    if (error instanceof Error && ['NotAllowedError', 'AbortError', 'WebAuthnError'].includes(error.name))
      return t('passkey.notCompleted');
    return t('common.unexpectedError');
  };
}
