import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { FormProblem } from './FormProblem.tsx';
import { primaryButtonClass } from './styles.ts';
import { TextField } from './TextField.tsx';

/**
 * Opening a thread with the reply code shown once at submission. The code lives in this state only
 * (never in the address, so not in history or server logs); closing forgets it.
 */
export function useReplyCodeLookup<View>({
  field = 'replyCode',
  requiredMessage,
  closedMessage = '',
  read,
}: {
  /** The field's path in the form's errors (a subsidy's receipt number is looked up the same way). */
  field?: string;
  requiredMessage: string;
  /** Said when the thread is closed (pages without a close button leave it out). */
  closedMessage?: string;
  read: (code: string) => Promise<View>;
}) {
  const [code, setCode] = useState('');
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const [status, setStatus] = useState<string | null>(null);

  async function onSubmit(event?: FormEvent) {
    event?.preventDefault();
    setStatus(null);
    if (!code.trim()) {
      setLocal({ [field]: requiredMessage });
      setError(null);
      setFocusKey((k) => k + 1);
      return;
    }
    setLocal({});
    setBusy(true);
    try {
      setView(await read(code));
      setError(null);
    } catch (e) {
      setView(null);
      setError(e);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  function close() {
    setCode('');
    setView(null);
    setStatus(closedMessage);
  }

  return {
    code,
    view,
    setView,
    status,
    close,
    form: { code, onCodeChange: setCode, onSubmit, error, local, busy, focusKey },
  };
}

/** The reply-code form; an unknown code (404) is said at the field rather than as a failure. */
export function ReplyCodeForm({
  idPrefix,
  label,
  hint,
  notFoundMessage,
  submitLabel,
  code,
  onCodeChange,
  onSubmit,
  error,
  local,
  busy,
  focusKey,
}: {
  idPrefix: string;
  label: string;
  hint: string;
  notFoundMessage: string;
  submitLabel: string;
  code: string;
  onCodeChange: (code: string) => void;
  onSubmit: (event: FormEvent) => void;
  error: unknown;
  local: Record<string, string>;
  busy: boolean;
  focusKey: number;
}) {
  const { t } = useTranslation();
  const notFound = isApiError(error, 404);
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <FormProblem
        error={notFound ? null : error}
        local={notFound ? { replyCode: notFoundMessage } : local}
        idPrefix={idPrefix}
        focusKey={focusKey}
      />
      <TextField
        id={`${idPrefix}-replyCode`}
        label={label}
        hint={hint}
        error={notFound ? notFoundMessage : local.replyCode}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={40}
        value={code}
        onChange={(e) => onCodeChange(e.target.value)}
      />
      <div>
        <button type="submit" className={primaryButtonClass} disabled={busy}>
          {busy ? t('common.loading') : submitLabel}
        </button>
      </div>
    </form>
  );
}
