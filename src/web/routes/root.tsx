import { Outlet, useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { NavigationProgress } from '../ui/NavigationProgress.tsx';

/**
 * After a client-side navigation, move focus to the new page's h1 so screen readers announce it
 * and keyboard users start from the top (a full page load does this by itself).
 */
function useFocusOnNavigation(): void {
  const router = useRouter();
  useEffect(
    () =>
      router.subscribe('onResolved', (event) => {
        if (!event.fromLocation || !event.pathChanged) return;
        requestAnimationFrame(() => {
          window.scrollTo(0, 0);
          focusWhenPresent();
        });
      }),
    [router],
  );
}

/** How long after a navigation the new page's h1 may still appear or be replaced (lazy chunk, data). */
const HEADING_WAIT_MS = 5000;

/**
 * A page loaded on demand renders its h1 after the route has resolved, and a page may replace its
 * loading heading with the real one (focus then falls to <body>). For a short while, whenever focus is
 * on nothing and an h1 is there, it goes to the h1; focus a person has moved elsewhere is never taken.
 */
function focusWhenPresent(): void {
  const settle = () => {
    const active = document.activeElement;
    if (active && active !== document.body && active.id !== 'page-heading') return;
    const heading = document.getElementById('page-heading');
    if (heading && active !== heading) heading.focus({ preventScroll: true });
  };
  // At the navigation itself focus goes to the new h1 (or stays to be settled when it appears).
  document.getElementById('page-heading')?.focus({ preventScroll: true });
  settle();
  const observer = new MutationObserver(settle);
  observer.observe(document.body, { childList: true, subtree: true });
  window.setTimeout(() => {
    observer.disconnect();
    if (document.activeElement === document.body)
      document.getElementById('main')?.focus({ preventScroll: true });
  }, HEADING_WAIT_MS);
}

export function RootLayout() {
  useFocusOnNavigation();
  return (
    <>
      <Outlet />
      <NavigationProgress />
    </>
  );
}
