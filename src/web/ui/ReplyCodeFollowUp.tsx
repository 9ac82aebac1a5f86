import { type ChangeEvent, type FormEvent, type ReactNode, useRef, useState } from 'react';
import { FormProblem } from './FormProblem.tsx';
import { LiveStatus } from './LiveStatus.tsx';
import { primaryButtonClass, secondaryButtonClass } from './styles.ts';

/**
 * The end of a page opened with a reply code (a report, a consultation): a form to write more, then
 * a button that closes the view so the code does not stay on a shared phone's screen.
 */
export function ReplyCodeFollowUp({
  headingId,
  heading,
  sentStatus,
  onSubmit,
  error,
  local,
  idPrefix,
  focusKey,
  busy,
  submitLabel,
  busyLabel,
  closeLabel,
  onClose,
  children,
}: {
  headingId: string;
  heading: string;
  sentStatus: string | null;
  onSubmit: (event: FormEvent) => void;
  error: unknown;
  local: Record<string, string>;
  idPrefix: string;
  focusKey: number;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  closeLabel: string;
  onClose: () => void;
  /** The message field. */
  children: ReactNode;
}) {
  return (
    <>
      <section aria-labelledby={headingId} className="flex flex-col gap-4">
        <h2 id={headingId} className="text-std-20B-150">
          {heading}
        </h2>
        <LiveStatus message={sentStatus} />
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          <FormProblem error={error} local={local} idPrefix={idPrefix} focusKey={focusKey} />
          {children}
          <div>
            <button type="submit" className={primaryButtonClass} disabled={busy}>
              {busy ? busyLabel : submitLabel}
            </button>
          </div>
        </form>
      </section>
      <div>
        <button type="button" className={secondaryButtonClass} onClick={onClose}>
          {closeLabel}
        </button>
      </div>
    </>
  );
}

/**
 * The follow-up form's state. An empty message is refused before anything is sent, and a retry of
 * the same text reuses its idempotency key, so an answer lost on the way back never adds it twice.
 */
export function useFollowUpMessage({
  field,
  requiredMessage,
  sentMessage,
  newIdempotencyKey,
  send,
  afterSent,
}: {
  /** The field's key in the error summary (its id is `${idPrefix}-${field}`). */
  field: string;
  requiredMessage: string;
  sentMessage: string;
  newIdempotencyKey: () => string;
  send: (text: string, idempotencyKey: string) => Promise<unknown>;
  /** Reads the thread again, so the new message shows. */
  afterSent: () => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [focusKey, setFocusKey] = useState(0);
  const [sentStatus, setSentStatus] = useState<string | null>(null);
  const pending = useRef<{ key: string; text: string } | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSentStatus(null);
    if (!text.trim()) {
      setLocal({ [field]: requiredMessage });
      setFocusKey((k) => k + 1);
      return;
    }
    setLocal({});
    if (!pending.current || pending.current.text !== text)
      pending.current = { key: newIdempotencyKey(), text };
    setBusy(true);
    try {
      await send(text, pending.current.key);
      pending.current = null;
      setText('');
      setError(null);
      setSentStatus(sentMessage);
      await afterSent();
    } catch (e) {
      setError(e);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  return {
    /** For the message field: its text and its own error. */
    field: {
      value: text,
      error: local[field],
      onChange: (event: ChangeEvent<HTMLTextAreaElement>) => setText(event.target.value),
    },
    form: { sentStatus, onSubmit, error, local, focusKey, busy },
  };
}
