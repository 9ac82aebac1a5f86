import type { FormEvent, ReactNode } from 'react';
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
