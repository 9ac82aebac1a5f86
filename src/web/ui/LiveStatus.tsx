import type { ReactNode } from 'react';
import { Notice } from './Notice.tsx';

/**
 * A polite live region that is always in the page (screen readers only announce changes to a region
 * that already existed); the message inside it comes and goes.
 */
export function LiveStatus({
  message,
  tone = 'success',
}: {
  message: ReactNode | null | undefined;
  tone?: 'success' | 'info' | 'warning' | 'error';
}) {
  return (
    <div role="status" aria-live="polite">
      {message ? <Notice tone={tone}>{message}</Notice> : null}
    </div>
  );
}
