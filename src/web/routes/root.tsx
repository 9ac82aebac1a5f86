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
          const target = document.getElementById('page-heading') ?? document.getElementById('main');
          target?.focus({ preventScroll: true });
        });
      }),
    [router],
  );
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
