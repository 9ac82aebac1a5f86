import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  notFound,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { hasPermission, type Permission } from '../shared/permissions.ts';
import { isApiError } from './api/client.ts';
import { meQuery } from './api/me.ts';
import { municipalityQuery } from './api/municipalities.ts';
import { isConsoleReturnPath, type Me, nextStepAfterLogin } from './api/session.ts';
import { validateCasesSearch } from './features/cases/search.ts';
import { validateEventsSearch } from './features/events/search.ts';
import { validatePlacesSearch, validateStaffPlacesSearch } from './features/places/search.ts';
import { RouteErrorPage } from './routes/error.tsx';
import { HomePage } from './routes/home.tsx';
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

/**
 * Only the home page and the shell are in the first load; every other page, and the texts its
 * feature brings, is loaded when it is first visited (issue 21: ≤ 100 KB compressed on a phone).
 */
const LazyMunicipalityPage = lazyRouteComponent(
  () => import('./routes/municipality.tsx'),
  'MunicipalityPage',
);
const LazyLoginPage = lazyRouteComponent(() => import('./routes/login.tsx'), 'LoginPage');

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
    return <LazyMunicipalityPage code={code} />;
  },
});

const loginRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/login',
  validateSearch: (
    search: Record<string, unknown>,
  ): { signedOut?: boolean; expired?: boolean; next?: string } => ({
    ...(search.signedOut === true || search.signedOut === 'true' ? { signedOut: true } : {}),
    ...(search.expired === true || search.expired === 'true' ? { expired: true } : {}),
    ...(isConsoleReturnPath(search.next) ? { next: search.next } : {}),
  }),
  component: function LoginRoute() {
    const { signedOut, expired, next } = loginRoute.useSearch();
    return <LazyLoginPage signedOut={signedOut === true} expired={expired === true} next={next} />;
  },
});

/** The second step of logging in: only for a session that still has to pass its second factor. */
const loginVerifyRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/login/verify',
  beforeLoad: async ({ context }) => {
    let me: Me;
    try {
      me = await context.queryClient.fetchQuery({ ...meQuery(), staleTime: 0 });
    } catch (error) {
      if (isApiError(error, 401)) throw redirect({ to: '/login' });
      throw error;
    }
    if (!me.mfa.verificationRequired) throw redirect({ to: nextStepAfterLogin(me.mfa) });
  },
  component: lazyRouteComponent(() => import('./features/auth/VerifyPage.tsx'), 'VerifyPage'),
});

/** Public: the link in a password set-up or reset message (`/password-reset#token=…`). */
const passwordResetRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/password-reset',
  component: lazyRouteComponent(() => import('./features/auth/PasswordResetPage.tsx'), 'PasswordResetPage'),
});

/** The public directory of places (issue 4): search with list and map, and each entry's page. */
const placesRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/places',
  validateSearch: validatePlacesSearch,
  component: lazyRouteComponent(() => import('./features/places/routes.tsx'), 'PlacesSearchRoute'),
});

const placeRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/places/$id',
  component: lazyRouteComponent(() => import('./features/places/routes.tsx'), 'PlaceDetailRoute'),
});

/** The console is loaded only when a staff member opens it: public pages stay a small bundle. */
const consoleRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/console',
  beforeLoad: async ({ context, location }) => {
    let me: Me;
    try {
      me = await context.queryClient.ensureQueryData(meQuery());
    } catch (error) {
      if (isApiError(error, 401)) throw redirect({ to: '/login' });
      throw error;
    }
    // The server refuses everything else until the second factor is set up or passed.
    if (me.mfa.enrolmentRequired && location.pathname !== '/console/security/setup') {
      throw redirect({ to: '/console/security/setup' });
    }
    if (me.mfa.verificationRequired) throw redirect({ to: '/login/verify' });
    return { me };
  },
  component: lazyRouteComponent(() => import('./features/console/ConsoleLayout.tsx'), 'ConsoleLayout'),
  errorComponent: ({ error }) => <RouteErrorPage error={error} titleKey="console.loadFailed" />,
});

/** A section the account's roles do not open is not there for it (as the navigation shows). */
const requirePermission =
  (permission: Permission) =>
  ({ context }: { context: { me: Me } }) => {
    if (
      !hasPermission(
        context.me.account.roles.map((r) => r.role),
        permission,
      )
    )
      throw notFound();
  };

const consoleHomeRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./features/console/ConsoleHome.tsx'), 'ConsoleHome'),
});

const securityRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/security',
  component: lazyRouteComponent(() => import('./features/security/SecurityPage.tsx'), 'SecurityPage'),
});

const calendarRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/calendar',
  component: lazyRouteComponent(() => import('./features/console/CalendarPage.tsx'), 'CalendarPage'),
});

const securitySetupRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/security/setup',
  // `removed`: the security page sent the person here after they removed their last second factor.
  validateSearch: (search: Record<string, unknown>): { removed?: boolean } =>
    search.removed === true || search.removed === 'true' ? { removed: true } : {},
  component: lazyRouteComponent(() => import('./features/security/SetupPage.tsx'), 'SetupPage'),
});

const accountsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/admin/accounts',
  beforeLoad: requirePermission('accounts.read'),
  validateSearch: (
    search: Record<string, unknown>,
  ): { q?: string; status?: 'active' | 'disabled'; sort?: 'name' | 'created' } => ({
    ...(typeof search.q === 'string' && search.q.trim() ? { q: search.q.trim().slice(0, 100) } : {}),
    ...(search.status === 'active' || search.status === 'disabled' ? { status: search.status } : {}),
    ...(search.sort === 'name' || search.sort === 'created' ? { sort: search.sort } : {}),
  }),
  component: lazyRouteComponent(() => import('./features/admin/routes.tsx'), 'AccountsListRoute'),
});

const accountNewRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/admin/accounts/new',
  beforeLoad: requirePermission('accounts.manage'),
  component: lazyRouteComponent(() => import('./features/admin/AccountCreatePage.tsx'), 'AccountCreatePage'),
});

const accountRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/admin/accounts/$id',
  beforeLoad: requirePermission('accounts.read'),
  validateSearch: (search: Record<string, unknown>): { created?: boolean } =>
    search.created === true || search.created === 'true' ? { created: true } : {},
  component: lazyRouteComponent(() => import('./features/admin/routes.tsx'), 'AccountDetailRoute'),
});

const rotationRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/admin/rotation',
  beforeLoad: requirePermission('accounts.manage'),
  component: lazyRouteComponent(() => import('./features/admin/RotationPage.tsx'), 'RotationPage'),
});

const auditRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/admin/audit',
  beforeLoad: requirePermission('audit.search'),
  component: lazyRouteComponent(() => import('./features/admin/AuditPage.tsx'), 'AuditPage'),
});

const outboxRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/admin/outbox',
  beforeLoad: requirePermission('outbox.read'),
  component: lazyRouteComponent(() => import('./features/admin/OutboxPage.tsx'), 'OutboxPage'),
});

const profileRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/admin/profile',
  beforeLoad: requirePermission('tenant.profile.read'),
  component: lazyRouteComponent(() => import('./features/admin/ProfilePage.tsx'), 'ProfilePage'),
});

const placesAdminRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/places',
  beforeLoad: requirePermission('places.read'),
  validateSearch: validateStaffPlacesSearch,
  component: lazyRouteComponent(() => import('./features/places/routes.tsx'), 'PlacesAdminListRoute'),
});

const placesStaleRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/places/stale',
  beforeLoad: requirePermission('places.read'),
  component: lazyRouteComponent(() => import('./features/places/routes.tsx'), 'PlacesStaleRoute'),
});

const placeNewRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/places/new',
  beforeLoad: requirePermission('places.manage'),
  component: lazyRouteComponent(() => import('./features/places/routes.tsx'), 'PlaceNewRoute'),
});

const placesImportRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/places/import',
  beforeLoad: requirePermission('places.import'),
  component: lazyRouteComponent(
    () => import('./features/places/console/PlacesImportPage.tsx'),
    'PlacesImportPage',
  ),
});

const placeAdminRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/places/$id',
  beforeLoad: requirePermission('places.read'),
  component: lazyRouteComponent(() => import('./features/places/routes.tsx'), 'PlaceAdminRoute'),
});

// Reports of harmful "support" businesses (issue 10): public pages in their own chunk, console pages in another.
const reportFormRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/m/$code/report',
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(municipalityQuery(params.code)).catch(() => undefined),
  component: lazyRouteComponent(() => import('./features/reports/public-routes.tsx'), 'ReportFormRoute'),
});
const reportStartRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/report',
  component: lazyRouteComponent(() => import('./features/reports/public-routes.tsx'), 'ReportStartRoute'),
});
const reportReplyRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/reports/reply',
  component: lazyRouteComponent(() => import('./features/reports/public-routes.tsx'), 'ReplyRoute'),
});
const contractHelpRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/reports/contract-help',
  component: lazyRouteComponent(() => import('./features/reports/public-routes.tsx'), 'ContractHelpRoute'),
});
// Anonymous consultation and support records (issue 6): public pages in their own chunk, console pages in another.
const consultationFormRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/m/$code/consultation',
  // Opened from the navigator with a topic only (never an answer): the message starts with it.
  validateSearch: (search: Record<string, unknown>): { topic?: 'job_leaving' } =>
    search.topic === 'job_leaving' ? { topic: 'job_leaving' } : {},
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(municipalityQuery(params.code)).catch(() => undefined),
  component: lazyRouteComponent(
    () => import('./features/support/public-routes.tsx'),
    'ConsultationFormRoute',
  ),
});
const consultationReadRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/m/$code/consultation/reply',
  component: lazyRouteComponent(
    () => import('./features/support/public-routes.tsx'),
    'ConsultationReadRoute',
  ),
});
const supportConsole = (name: keyof typeof import('./features/support/console/routes.tsx')) =>
  lazyRouteComponent(() => import('./features/support/console/routes.tsx'), name);
const consultationsQueueRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/consultations',
  beforeLoad: requirePermission('consultations.respond'),
  component: supportConsole('ConsultationQueueRoute'),
});
const consultationDetailRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/consultations/$id',
  beforeLoad: requirePermission('consultations.respond'),
  component: supportConsole('ConsultationDetailRoute'),
});
const supportPersonRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/support/persons/$id',
  beforeLoad: requirePermission('support.read'),
  // Composed here: support's record page with the links the agencies feature offers on it.
  component: lazyRouteComponent(() => import('./routes/support-person.tsx'), 'SupportPersonRoute'),
});
const reportsConsole = (name: keyof typeof import('./features/reports/console/routes.tsx')) =>
  lazyRouteComponent(() => import('./features/reports/console/routes.tsx'), name);
const reportsQueueRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/reports',
  beforeLoad: requirePermission('reports.triage'),
  component: reportsConsole('ReportsQueueRoute'),
});
const reportDetailRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/reports/$id',
  beforeLoad: requirePermission('reports.triage'),
  component: reportsConsole('ReportDetailRoute'),
});
const reportProtectionsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/report-protections',
  beforeLoad: requirePermission('reports.protect'),
  component: reportsConsole('ProtectionBoardRoute'),
});
const operatorsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/operators',
  beforeLoad: requirePermission('operators.read'),
  component: reportsConsole('OperatorsRoute'),
});
const operatorRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/operators/$id',
  beforeLoad: requirePermission('operators.read'),
  component: reportsConsole('OperatorDetailRoute'),
});
const reportStatisticsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/report-statistics',
  beforeLoad: requirePermission('reports.statistics'),
  component: reportsConsole('StatisticsRoute'),
});

const caseloadRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/support',
  beforeLoad: requirePermission('support.read'),
  component: supportConsole('CaseloadRoute'),
});
const supportPlanRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/support/persons/$id/plan',
  beforeLoad: requirePermission('support.write'),
  component: supportConsole('PlanEditRoute'),
});
const supportPlanPrintRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/support/persons/$id/plans/$planId/print',
  beforeLoad: requirePermission('support.read'),
  component: supportConsole('PlanPrintRoute'),
});
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/u;
// Print views (帳票) of a record (issue 22): 記録の概要, or 経過記録 of a period.
const supportRecordPrintRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/support/persons/$id/print',
  beforeLoad: requirePermission('support.read'),
  validateSearch: (
    search: Record<string, unknown>,
  ): { view?: 'case-file' | 'notes'; from?: string; to?: string } => ({
    ...(search.view === 'case-file' || search.view === 'notes' ? { view: search.view } : {}),
    ...(typeof search.from === 'string' && ISO_DAY.test(search.from) ? { from: search.from } : {}),
    ...(typeof search.to === 'string' && ISO_DAY.test(search.to) ? { to: search.to } : {}),
  }),
  component: supportConsole('RecordPrintRoute'),
});

// Support records: search/create, edit and merge, intake, consents, measures, import (issue 6).
const supportPersonsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/support/persons',
  beforeLoad: requirePermission('support.read'),
  component: supportConsole('PersonsRoute'),
});
const supportPersonEditRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/support/persons/$id/edit',
  beforeLoad: requirePermission('support.manage'),
  component: supportConsole('PersonEditRoute'),
});
const supportIntakeRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/support/persons/$id/intake',
  beforeLoad: requirePermission('support.read'),
  component: supportConsole('IntakeRoute'),
});
const supportConsentsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/support/persons/$id/consents',
  beforeLoad: requirePermission('support.read'),
  component: supportConsole('ConsentsRoute'),
});
const supportMeasuresRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/support/persons/$id/measures',
  beforeLoad: requirePermission('support.read'),
  component: supportConsole('MeasuresRoute'),
});
const supportImportRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/support/import',
  beforeLoad: requirePermission('support.manage'),
  component: supportConsole('SupportImportRoute'),
});
// Events and registrations (issue 5): public pages and console pages share one lazily loaded chunk.
const eventsPage = (name: keyof typeof import('./features/events/routes.tsx')) =>
  lazyRouteComponent(() => import('./features/events/routes.tsx'), name);
const eventsRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/events',
  validateSearch: validateEventsSearch,
  component: eventsPage('EventsListRoute'),
});
const eventRegistrationRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/events/registration',
  component: eventsPage('EventRegistrationRoute'),
});
const eventRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/events/$id',
  component: eventsPage('EventDetailRoute'),
});
const eventRegisterRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/events/$id/register',
  component: eventsPage('EventRegisterRoute'),
});
const eventCancelRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/events/$id/cancel',
  component: eventsPage('EventCancelRoute'),
});
const eventsConsoleRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/events',
  beforeLoad: requirePermission('events.manage'),
  component: eventsPage('EventsConsoleRoute'),
});
const eventNewRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/events/new',
  beforeLoad: requirePermission('events.manage'),
  component: eventsPage('EventNewRoute'),
});
const eventManageRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/events/$id',
  beforeLoad: requirePermission('events.manage'),
  component: eventsPage('EventManageRoute'),
});
// Agencies, referrals, conferences, the person's rights and retention (issue 7): one console chunk.
const agenciesConsole = (name: keyof typeof import('./features/agencies/console/routes.tsx')) =>
  lazyRouteComponent(() => import('./features/agencies/console/routes.tsx'), name);
const agenciesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/agencies',
  beforeLoad: requirePermission('agencies.read'),
  component: agenciesConsole('AgenciesRoute'),
});
const agencyInboxRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/agency/referrals',
  beforeLoad: requirePermission('referrals.receive'),
  component: agenciesConsole('InboxRoute'),
});
const agencyReferralRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/agency/referrals/$id',
  beforeLoad: requirePermission('referrals.receive'),
  component: agenciesConsole('SharedReferralRoute'),
});
const conferencesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/conferences',
  beforeLoad: requirePermission('conferences.attend'),
  component: agenciesConsole('ConferencesRoute'),
});
const conferenceRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/conferences/$id',
  beforeLoad: requirePermission('conferences.attend'),
  component: agenciesConsole('ConferenceRoute'),
});
const retentionRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/retention',
  beforeLoad: requirePermission('retention.manage'),
  component: agenciesConsole('RetentionRoute'),
});
const personReferralsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/support/persons/$id/referrals',
  beforeLoad: requirePermission('referrals.send'),
  component: agenciesConsole('PersonReferralsRoute'),
});
const personRightsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/support/persons/$id/rights',
  beforeLoad: requirePermission('rights.handle'),
  component: agenciesConsole('PersonRightsRoute'),
});
const disclosureRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/rights/disclosures/$id',
  beforeLoad: requirePermission('rights.handle'),
  component: agenciesConsole('DisclosureRoute'),
});
const disclosurePrintRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/rights/disclosures/$id/print',
  beforeLoad: requirePermission('rights.handle'),
  component: agenciesConsole('DisclosurePrintRoute'),
});
// Transport-cost subsidy (issue 8): public application and status in their own chunk, console pages in another.
const subsidyApplyRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/m/$code/subsidy',
  component: lazyRouteComponent(() => import('./features/subsidies/public-routes.tsx'), 'SubsidyApplyRoute'),
});
const subsidyStatusRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/subsidies/status',
  component: lazyRouteComponent(() => import('./features/subsidies/public-routes.tsx'), 'SubsidyStatusRoute'),
});
const subsidiesConsole = (name: keyof typeof import('./features/subsidies/console/routes.tsx')) =>
  lazyRouteComponent(() => import('./features/subsidies/console/routes.tsx'), name);
const subsidyQueueRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/subsidies',
  beforeLoad: requirePermission('subsidies.read'),
  component: subsidiesConsole('SubsidyQueueRoute'),
});
const subsidyProgrammeRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/subsidies/programme',
  beforeLoad: requirePermission('subsidies.read'),
  component: subsidiesConsole('SubsidyProgrammeRoute'),
});
const subsidyClaimsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/subsidies/claims',
  beforeLoad: requirePermission('subsidies.confirm'),
  component: subsidiesConsole('SubsidyClaimsRoute'),
});
const subsidyCounterRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/subsidies/new',
  beforeLoad: requirePermission('subsidies.review'),
  component: subsidiesConsole('SubsidyCounterRoute'),
});
const subsidyDetailRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/subsidies/applications/$id',
  beforeLoad: requirePermission('subsidies.read'),
  component: subsidiesConsole('SubsidyDetailRoute'),
});
const subsidyNoticeRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/subsidies/applications/$id/notice',
  beforeLoad: requirePermission('subsidies.read'),
  component: subsidiesConsole('SubsidyNoticeRoute'),
});
const paymentsConsole = (name: keyof typeof import('./features/payments/routes.tsx')) =>
  lazyRouteComponent(() => import('./features/payments/routes.tsx'), name);
const paymentsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/payments',
  beforeLoad: requirePermission('payments.manage'),
  component: paymentsConsole('PaymentsRoute'),
});
const paymentBatchRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/payments/batches/$id',
  beforeLoad: requirePermission('payments.manage'),
  component: paymentsConsole('BatchRoute'),
});
const peerMeRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/peers/me',
  beforeLoad: requirePermission('peers.self'),
  component: paymentsConsole('PeerMeRoute'),
});
const peerRegistryRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/peers',
  beforeLoad: requirePermission('peers.manage'),
  component: paymentsConsole('PeerRegistryRoute'),
});
const peerClaimsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/peers/claims',
  beforeLoad: requirePermission('peers.manage'),
  component: paymentsConsole('PeerClaimsRoute'),
});

const trainingConsole = (name: keyof typeof import('./features/training/routes.tsx')) =>
  lazyRouteComponent(() => import('./features/training/routes.tsx'), name);
const trainingRecordRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/training',
  beforeLoad: requirePermission('training.self'),
  component: trainingConsole('TrainingRecordRoute'),
});
const certificateRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/training/certificates/$id',
  beforeLoad: requirePermission('training.self'),
  component: trainingConsole('CertificateRoute'),
});
const trainingAdminRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/training/manage',
  beforeLoad: requirePermission('training.manage'),
  component: trainingConsole('TrainingAdminRoute'),
});
const trainingRequirementsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/training/requirements',
  beforeLoad: requirePermission('training.rules'),
  component: trainingConsole('TrainingRequirementsRoute'),
});
const statementRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/peers/statement/$year',
  beforeLoad: requirePermission('peers.self'),
  component: trainingConsole('StatementRoute'),
});

// Navigator for job leavers (issue 18): public pages and console pages in their own chunk.
const navigatorPage = (name: keyof typeof import('./features/navigator/routes.tsx')) =>
  lazyRouteComponent(() => import('./features/navigator/routes.tsx'), name);
const navigatorChooseRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/navigator',
  component: navigatorPage('ChooseTownRoute'),
});
const navigatorRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/m/$code/navigator',
  component: navigatorPage('NavigatorRoute'),
});
const employerSheetRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/navigator/employer/$code',
  component: navigatorPage('EmployerSheetRoute'),
});
const navigatorRulesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/navigator/rules',
  beforeLoad: requirePermission('navigator.rules.manage'),
  component: navigatorPage('NavigatorRulesRoute'),
});
const navigatorLocalRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/navigator/local',
  beforeLoad: requirePermission('navigator.local.manage'),
  component: navigatorPage('NavigatorLocalRoute'),
});
/** Model cases (issue 17): the national library, public, and the authors' / reviewers' console. */
const casesRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/cases',
  validateSearch: validateCasesSearch,
  component: lazyRouteComponent(() => import('./features/cases/routes.tsx'), 'CasesSearchRoute'),
});
const caseRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/cases/$id',
  component: lazyRouteComponent(() => import('./features/cases/routes.tsx'), 'CaseDetailRoute'),
});
const casesConsoleRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/cases',
  beforeLoad: requirePermission('cases.read'),
  component: lazyRouteComponent(() => import('./features/cases/routes.tsx'), 'CasesConsoleRoute'),
});
const caseNewRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/cases/new',
  beforeLoad: requirePermission('cases.author'),
  component: lazyRouteComponent(() => import('./features/cases/routes.tsx'), 'CaseNewRoute'),
});
const caseStaffRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/cases/$id',
  beforeLoad: requirePermission('cases.read'),
  component: lazyRouteComponent(() => import('./features/cases/routes.tsx'), 'CaseStaffRoute'),
});
// National and prefectural layer (issue 16). The map pages are their own chunk (d3-geo, topojson and
// the boundary file load only there).
const insightsConsole = (name: 'ReturnsRoute' | 'ReturnDetailRoute' | 'EnterForRoute' | 'NationalRoute') =>
  lazyRouteComponent(() => import('./features/insights/routes.tsx'), name);
const returnsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/returns',
  beforeLoad: requirePermission('returns.read'),
  component: insightsConsole('ReturnsRoute'),
});
const returnDetailRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/returns/$code/$fiscalYear',
  beforeLoad: requirePermission('returns.read'),
  component: insightsConsole('ReturnDetailRoute'),
});
const enterForRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/returns/$code/$fiscalYear/enter',
  beforeLoad: requirePermission('returns.review'),
  component: insightsConsole('EnterForRoute'),
});
const insightsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/insights',
  beforeLoad: requirePermission('insights.read'),
  component: insightsConsole('NationalRoute'),
});
const insightsMapRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/insights/map',
  beforeLoad: requirePermission('insights.read'),
  component: lazyRouteComponent(() => import('./features/insights/MapPage.tsx'), 'ConsoleMapPage'),
});
const japanRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/japan',
  component: lazyRouteComponent(() => import('./features/insights/MapPage.tsx'), 'PublicMapPage'),
});

/** The national lines, with which answer now (issue 21 items 4 and 5): small, so not lazy-loaded. */
const helplinesRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: '/helplines',
  component: lazyRouteComponent(() => import('./features/municipalities/HelplinesPage.tsx'), 'HelplinesPage'),
});

const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([
    homeRoute,
    helplinesRoute,
    municipalityRoute,
    placesRoute,
    placeRoute,
    loginRoute,
    loginVerifyRoute,
    passwordResetRoute,
    reportFormRoute,
    reportStartRoute,
    reportReplyRoute,
    contractHelpRoute,
    consultationFormRoute,
    consultationReadRoute,
    eventsRoute,
    eventRegistrationRoute,
    eventRoute,
    eventRegisterRoute,
    eventCancelRoute,
    subsidyApplyRoute,
    subsidyStatusRoute,
    navigatorChooseRoute,
    navigatorRoute,
    employerSheetRoute,
    casesRoute,
    caseRoute,
    japanRoute,
  ]),
  consoleRoute.addChildren([
    consoleHomeRoute,
    calendarRoute,
    securityRoute,
    securitySetupRoute,
    accountsRoute,
    accountNewRoute,
    accountRoute,
    rotationRoute,
    auditRoute,
    outboxRoute,
    profileRoute,
    placesAdminRoute,
    placesStaleRoute,
    placeNewRoute,
    placesImportRoute,
    placeAdminRoute,
    reportsQueueRoute,
    reportDetailRoute,
    reportProtectionsRoute,
    operatorsRoute,
    operatorRoute,
    reportStatisticsRoute,
    consultationsQueueRoute,
    consultationDetailRoute,
    caseloadRoute,
    supportPersonRoute,
    supportPlanRoute,
    supportPlanPrintRoute,
    supportRecordPrintRoute,
    supportPersonsRoute,
    supportPersonEditRoute,
    supportIntakeRoute,
    supportConsentsRoute,
    supportMeasuresRoute,
    supportImportRoute,
    eventsConsoleRoute,
    eventNewRoute,
    eventManageRoute,
    agenciesRoute,
    agencyInboxRoute,
    agencyReferralRoute,
    conferencesRoute,
    conferenceRoute,
    retentionRoute,
    personReferralsRoute,
    personRightsRoute,
    disclosureRoute,
    disclosurePrintRoute,
    subsidyQueueRoute,
    subsidyProgrammeRoute,
    subsidyCounterRoute,
    subsidyClaimsRoute,
    subsidyDetailRoute,
    subsidyNoticeRoute,
    paymentsRoute,
    paymentBatchRoute,
    peerMeRoute,
    peerClaimsRoute,
    peerRegistryRoute,
    trainingRecordRoute,
    certificateRoute,
    statementRoute,
    trainingAdminRoute,
    trainingRequirementsRoute,
    navigatorRulesRoute,
    navigatorLocalRoute,
    casesConsoleRoute,
    caseNewRoute,
    caseStaffRoute,
    returnsRoute,
    enterForRoute,
    returnDetailRoute,
    insightsRoute,
    insightsMapRoute,
  ]),
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
