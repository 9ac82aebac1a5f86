import { useRouterState } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * How long a navigation may take before it is announced: below this the next page simply appears,
 * so a fast load never flashes a bar or makes a screen reader speak.
 */
export const PROGRESS_DELAY_MS = 400;

/**
 * A navigation that takes longer than a moment (a page's code or data still on the way over a slow
 * phone line) shows a bar at the top of the screen, says 「読み込んでいます…」 in a polite live region
 * and marks the page's main region aria-busy until the new page is there (issue 21 item 1).
 */
/** True while a navigation has been pending for longer than PROGRESS_DELAY_MS. */
export function useSlowNavigation(): boolean {
  const pending = useRouterState({ select: (state) => state.status === 'pending' || state.isLoading });
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!pending) {
      setSlow(false);
      return;
    }
    const timer = window.setTimeout(() => setSlow(true), PROGRESS_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [pending]);
  return slow;
}

/**
 * The bar and the announcement; the layouts mark their `main` aria-busy with useSlowNavigation. A
 * polite live region without role="status": the page's own status messages stay the page's statuses.
 */
export function NavigationProgress() {
  const { t } = useTranslation();
  const shown = useSlowNavigation();
  return (
    <div aria-live="polite" aria-atomic="true" data-testid="navigation-progress">
      {shown ? (
        <>
          <div aria-hidden="true" className="fixed inset-x-0 top-0 z-50 h-1 overflow-hidden bg-blue-100">
            <div className="h-full w-1/3 animate-pulse bg-blue-900 motion-reduce:animate-none" />
          </div>
          <span className="sr-only">{t('common.loading')}</span>
        </>
      ) : null}
    </div>
  );
}
