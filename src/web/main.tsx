import './styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { isApiError, onAuthFailure, setCsrfToken } from './api/client.ts';
import { i18n, initI18n } from './i18n/index.ts';
import { createAppRouter } from './router.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; network hiccups on a phone might.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

async function start(): Promise<void> {
  // Language first: it may remove `?lang=` from the address before the router reads it.
  await initI18n();
  const router = createAppRouter(queryClient);
  // A session that ends while a staff page is open (disabled account, logout elsewhere, expiry): the
  // next request says 401 and the person goes to the login page, with nothing of the old screen kept.
  // Only for a page that was signed in: a first visit to /console is redirected by the route itself.
  onAuthFailure((error) => {
    if (!queryClient.getQueryData(['auth', 'me'])) return;
    if (error.status === 401) {
      queryClient.clear();
      setCsrfToken(null);
      // Back to this page after signing in again: a draft kept there is restored (issue 22).
      const here = router.state.location.href;
      void router.navigate({
        to: '/login',
        search: { expired: true, ...(here.startsWith('/console') ? { next: here } : {}) },
      });
    } else if (error.code === 'mfa_enrolment_required') {
      queryClient.removeQueries({ queryKey: ['auth'] });
      void router.navigate({ to: '/console/security/setup' });
    } else if (error.code === 'mfa_required') {
      queryClient.removeQueries({ queryKey: ['auth'] });
      void router.navigate({ to: '/login/verify' });
    }
  });
  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from index.html');
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void start();
