import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { isApiError } from './api/client.ts';
import { meQuery } from './features/auth/api.ts';
import { municipalityQuery } from './features/municipalities/api.ts';
import { RouteErrorPage } from './routes/error.tsx';
import { HomePage } from './routes/home.tsx';
import { LoginPage } from './routes/login.tsx';
import { MunicipalityPage } from './routes/municipality.tsx';
import { NotFoundPage } from './routes/not-found.tsx';
import { RootLayout } from './routes/root.tsx';
import { PublicLayout } from './ui/PublicLayout.tsx';

/** Code-based routes (no file-based generator): the whole site map is on this page. */

export type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: ({ error }) => <RouteErrorPage error={error} />,
});

/** Public pages share the public header and footer. */
const publicRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public',
  component: () => (
    <PublicLayout>
      <Outlet />
    </PublicLayout>
  ),
});

const homeRoute = createRoute({ getParentRoute: () => publicRoute, path: '/', component: HomePage });

const municipalityRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/m/$code',
  // Start fetching before rendering (and on hover, with preload 'intent'); a failure is shown by
  // the page itself, so the loader never throws.
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(municipalityQuery(params.code)).catch(() => undefined),
  component: function MunicipalityRoute() {
    const { code } = municipalityRoute.useParams();
    return <MunicipalityPage code={code} />;
  },
});

const loginRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { signedOut?: boolean } =>
    search.signedOut === true || search.signedOut === 'true' ? { signedOut: true } : {},
  component: function LoginRoute() {
    const { signedOut } = loginRoute.useSearch();
    return <LoginPage signedOut={signedOut === true} />;
  },
});

/** The console is loaded only when a staff member opens it: public pages stay a small bundle. */
const consoleRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/console',
  beforeLoad: async ({ context }) => {
    try {
      await context.queryClient.ensureQueryData(meQuery());
    } catch (error) {
      if (isApiError(error, 401)) throw redirect({ to: '/login' });
      throw error;
    }
  },
  component: lazyRouteComponent(() => import('./features/console/ConsoleLayout.tsx'), 'ConsoleLayout'),
  errorComponent: ({ error }) => <RouteErrorPage error={error} titleKey="console.loadFailed" />,
});

const consoleHomeRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./features/console/ConsoleHome.tsx'), 'ConsoleHome'),
});

const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([homeRoute, municipalityRoute, loginRoute]),
  consoleRoute.addChildren([consoleHomeRoute]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    // Unknown paths anywhere (also under /console) render the one public 404 page.
    notFoundMode: 'root',
    defaultPreload: 'intent',
    // Scroll restoration would write positions to sessionStorage; public pages keep web storage
    // empty (shared phones). RootLayout scrolls to the top on each new page instead.
    scrollRestoration: false,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
