import { useEffect, useRef } from 'react';
import { secondaryButtonClass } from './styles.ts';

/**
 * Shown when a public form's request got no answer (the server may still have saved it): focus moves
 * here on each failure (focusKey grows) so a screen-reader user hears it, and the retry reuses the
 * caller's idempotency key.
 */
export function NetworkFailureNotice({
  heading,
  body,
  retryLabel,
  onRetry,
  focusKey,
}: {
  heading: string;
  body: string;
  retryLabel: string;
  onRetry: () => void;
  focusKey: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      className="flex flex-col gap-3 rounded-8 border-2 border-error-1 bg-white p-4"
    >
      <h2 className="text-std-20B-150 text-error-2">{heading}</h2>
      <p className="text-std-16N-170">{body}</p>
      <div>
        <button type="button" className={secondaryButtonClass} onClick={onRetry}>
          {retryLabel}
        </button>
      </div>
    </div>
  );
}
