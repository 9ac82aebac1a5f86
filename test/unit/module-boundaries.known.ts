import type { ImportViolation, ViolationKind } from '../../scripts/module-boundaries/check.ts';

/**
 * Today's known breaks of the module boundaries (issue 20 item 2), reviewed one by one on
 * 2026-12-05. A RATCHET: module-boundaries.test.ts fails on any break not listed here AND on any
 * listed break that no longer exists, so this list can only shrink. Remove an entry in the same
 * commit that removes the import; never add one to make the test pass (fix the import instead, or
 * write a decision record if the boundary itself is wrong).
 *
 * Counts when the list was made: 78 module-internal, 2 platform-to-module, 78 feature-cross,
 * 3 module cycles (0 layer and 0 shared-web-to-feature breaks).
 */

export interface KnownViolation extends ImportViolation {
  reason: string;
}

export interface KnownCycle {
  /** module names, sorted, as the checker reports the group */
  modules: string[];
  reason: string;
}

/** Why each kind of break is still here, and which item of issue 20 takes it away. */
const R = {
  useCase:
    "to be removed by issue 20 item 5: the module's index.ts names this use case and others call it there",
  demo: "to be removed by issue 20 item 1: demo seeds run through each manifest's demo entry, not by importing another module's demo data or tables",
  payables: 'to be removed by issue 20 item 1: payables are offered through the payments manifest (index.ts)',
  caseload:
    'to be removed by issue 20 item 1: caseload counts are offered through the accounts manifest (the issue names them)',
  platformTables:
    "to be removed by issue 20 item 1: platform/auth stops naming accounts' table; the accounts manifest hands it what it needs",
  session: 'to be removed by issue 20 item 2: the session hooks in features/auth/api.ts move to src/web/api',
  municipality:
    'to be removed by issue 20 item 2: the municipality lookups and phone/number pieces every page uses move to src/web/api and src/web/ui',
  apiTypes:
    'to be removed by issue 20 item 6: the types come from src/shared/contracts and a query used by two features moves to src/web/api',
  component: 'to be removed by issue 20 item 2: a component two features share moves to src/web/ui',
} as const;

type Row = readonly [from: string, to: string, reason: string];

/** Rows are written relative to the folder of their kind to keep them readable; expanded here. */
const under = (kind: ViolationKind, prefix: string, rows: readonly Row[]): KnownViolation[] =>
  rows.map(([from, to, reason]) => ({ kind, from: prefix + from, to: prefix + to, reason }));

export const KNOWN_VIOLATIONS: readonly KnownViolation[] = [
  // a) a module importing another module's files other than its index.ts (paths under src/server/modules/)
  ...under('module-internal', 'src/server/modules/', [
    ['accounts/accounts.service.ts', 'training/training.service.ts', R.useCase],
    ['agencies/agencies.demo.ts', 'support/support.demo.ts', R.demo],
    ['agencies/agencies.demo.ts', 'support/support.schema.ts', R.useCase],
    ['agencies/agencies.demo.ts', 'support/support.service.ts', R.useCase],
    ['agencies/agencies.service.ts', 'accounts/accounts.service.ts', R.useCase],
    ['agencies/agencies.service.ts', 'support/support.service.ts', R.useCase],
    ['consultations/consultations.service.ts', 'accounts/accounts.service.ts', R.useCase],
    ['consultations/consultations.service.ts', 'municipalities/municipalities.service.ts', R.useCase],
    ['knowledge/knowledge.authoring.ts', 'events/events.service.ts', R.useCase],
    ['knowledge/knowledge.authoring.ts', 'municipalities/municipalities.service.ts', R.useCase],
    ['knowledge/knowledge.authoring.ts', 'places/places.service.ts', R.useCase],
    ['knowledge/knowledge.demo.ts', 'municipalities/municipalities.tables.ts', R.demo],
    ['knowledge/knowledge.questions.ts', 'accounts/accounts.service.ts', R.useCase],
    ['knowledge/knowledge.questions.ts', 'municipalities/municipalities.service.ts', R.useCase],
    ['knowledge/knowledge.routes.ts', 'municipalities/municipalities.service.ts', R.useCase],
    ['knowledge/knowledge.search.ts', 'municipalities/municipalities.service.ts', R.useCase],
    ['navigator/navigator.demo.ts', 'places/places.demo.ts', R.demo],
    ['navigator/navigator.local.ts', 'municipalities/municipalities.service.ts', R.useCase],
    ['navigator/navigator.local.ts', 'places/places.service.ts', R.useCase],
    ['payments/payments.banks.ts', 'banks/banks.service.ts', R.useCase],
    ['peers/peers.demo.ts', 'accounts/accounts.service.ts', R.useCase],
    ['peers/peers.demo.ts', 'payments/payments.ledger.ts', R.payables],
    ['peers/peers.demo.ts', 'places/places.demo.ts', R.demo],
    ['peers/peers.payable.ts', 'payments/payments.sources.ts', R.payables],
    ['peers/peers.service.ts', 'accounts/accounts.service.ts', R.useCase],
    ['peers/peers.service.ts', 'payments/payments.ledger.ts', R.payables],
    ['peers/peers.service.ts', 'payments/payments.service.ts', R.useCase],
    ['peers/peers.service.ts', 'payments/payments.sources.ts', R.payables],
    ['peers/peers.service.ts', 'places/places.service.ts', R.useCase],
    ['places/places.jobs.ts', 'accounts/accounts.service.ts', R.useCase],
    ['places/places.service.ts', 'municipalities/municipalities.service.ts', R.useCase],
    ['rights/rights.service.ts', 'agencies/agencies.service.ts', R.useCase],
    ['rights/rights.service.ts', 'municipalities/municipalities.service.ts', R.useCase],
    ['rights/rights.service.ts', 'support/support.service.ts', R.useCase],
    ['support/support.jobs.ts', 'accounts/accounts.service.ts', R.useCase],
    ['support/support.jobs.ts', 'accounts/caseload.ts', R.caseload],
    ['support/support.matching.ts', 'places/places.service.ts', R.useCase],
    ['support/support.routes.ts', 'agencies/agencies.service.ts', R.useCase],
    ['support/support.routes.ts', 'consultations/consultations.service.ts', R.useCase],
    ['support/support.service.ts', 'accounts/accounts.service.ts', R.useCase],
    ['support/support.service.ts', 'consultations/consultations.service.ts', R.useCase],
    ['support/support.service.ts', 'municipalities/municipalities.service.ts', R.useCase],
    ['training/training.demo.ts', 'accounts/accounts.service.ts', R.useCase],
    ['training/training.routes.ts', 'accounts/accounts.service.ts', R.useCase],
    ['training/training.service.ts', 'accounts/accounts.service.ts', R.useCase],
  ]),
  // b) platform importing a module (paths under src/server/)
  ...under('platform-to-module', 'src/server/', [
    ['platform/auth/auth.tables.ts', 'modules/accounts/accounts.tables.ts', R.platformTables],
    ['platform/auth/password-reset.ts', 'modules/accounts/accounts.tables.ts', R.platformTables],
  ]),
  // c) a web feature importing another feature's files (paths under src/web/features/)
  ...under('feature-cross', 'src/web/features/', [
    ['admin/api.ts', 'municipalities/api.ts', R.municipality],
    ['admin/ProfilePage.tsx', 'municipalities/api.ts', R.municipality],
    ['agencies/console/ReferralPages.tsx', 'admin/api.ts', R.apiTypes],
    ['cases/CaseDetailPage.tsx', 'events/api.ts', R.apiTypes],
    ['cases/CaseDetailPage.tsx', 'places/api.ts', R.apiTypes],
    ['cases/CasesSearchPage.tsx', 'municipalities/api.ts', R.municipality],
    ['cases/console/CaseForm.tsx', 'events/api.ts', R.apiTypes],
    ['cases/console/CaseForm.tsx', 'places/api.ts', R.apiTypes],
    ['console/ConsoleHome.tsx', 'auth/api.ts', R.session],
    ['console/ConsoleHome.tsx', 'municipalities/api.ts', R.municipality],
    ['console/ConsoleLayout.tsx', 'auth/api.ts', R.session],
    ['events/console/OrganisersSection.tsx', 'admin/api.ts', R.apiTypes],
    ['events/EventDetailPage.tsx', 'municipalities/PhoneLink.tsx', R.municipality],
    ['events/RegisterPage.tsx', 'municipalities/PhoneLink.tsx', R.municipality],
    ['events/EventsListPage.tsx', 'municipalities/api.ts', R.municipality],
    ['municipalities/MunicipalitySearch.tsx', 'navigator/JobLeaverHint.tsx', R.component],
    ['navigator/ChooseTownPage.tsx', 'municipalities/MunicipalitySearch.tsx', R.municipality],
    ['navigator/EmployerSheetPage.tsx', 'municipalities/national-numbers.ts', R.municipality],
    ['navigator/GentleSteps.tsx', 'municipalities/national-numbers.ts', R.municipality],
    ['navigator/GentleSteps.tsx', 'municipalities/PhoneLink.tsx', R.municipality],
    ['navigator/PlanView.tsx', 'municipalities/PhoneLink.tsx', R.municipality],
    ['payments/coordinator.tsx', 'subsidies/api.ts', R.apiTypes],
    ['payments/coordinator.tsx', 'subsidies/ApplyPage.tsx', R.component],
    ['places/NoPlacesFound.tsx', 'events/api.ts', R.apiTypes],
    ['places/PlaceDetailPage.tsx', 'events/api.ts', R.apiTypes],
    ['places/PlaceDetailPage.tsx', 'municipalities/PhoneLink.tsx', R.municipality],
    ['places/PlacesSearchPage.tsx', 'navigator/JobLeaverHint.tsx', R.component],
    ['reports/console/StatisticsPage.tsx', 'municipalities/api.ts', R.municipality],
    ['reports/ContractHelpPage.tsx', 'municipalities/PhoneLink.tsx', R.municipality],
    ['reports/EmergencyNumbers.tsx', 'municipalities/api.ts', R.municipality],
    ['reports/EmergencyNumbers.tsx', 'municipalities/PhoneLink.tsx', R.municipality],
    ['reports/ReportFormPage.tsx', 'municipalities/api.ts', R.municipality],
    ['reports/ReportFormPage.tsx', 'municipalities/NationalNumbers.tsx', R.municipality],
    ['reports/ReportFormPage.tsx', 'municipalities/PhoneLink.tsx', R.municipality],
    ['reports/ReportStartPage.tsx', 'municipalities/api.ts', R.municipality],
    ['reports/ReportStartPage.tsx', 'municipalities/PhoneLink.tsx', R.municipality],
    ['security/PasskeyEnrolment.tsx', 'auth/api.ts', R.session],
    ['security/SecurityPage.tsx', 'auth/api.ts', R.session],
    ['security/TotpEnrolment.tsx', 'auth/api.ts', R.session],
    ['support/console/PersonPage.tsx', 'agencies/console/PersonLinks.tsx', R.component],
    ['support/ConsultationPages.tsx', 'municipalities/api.ts', R.municipality],
    ['training/admin.tsx', 'admin/RoleCheckboxes.tsx', R.component],
    ['training/pages.tsx', 'payments/api.ts', R.apiTypes],
  ]),
];

/** d) groups of modules that import each other, directly or round a loop. */
export const KNOWN_CYCLES: readonly KnownCycle[] = [
  {
    modules: ['accounts', 'training'],
    reason:
      'to be removed by issue 20 item 1: accounts.service asks training for its role gate while training.service asks accounts for the account (the issue names this pair); the gate is offered through a manifest',
  },
  {
    modules: ['agencies', 'support'],
    reason:
      "to be removed by issue 20 item 5: agencies and support call each other's services (demo, referrals, getAgency); the shared use case gets one home",
  },
];
