import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db/client.ts';
import '../platform/audit/audit.jobs.ts';
import '../platform/auth/auth.jobs.ts';
import '../platform/http/idempotency.ts';
import '../platform/outbox/outbox.jobs.ts';
import './accounts/accounts.demo.ts';
import { registerAccountRoutes } from './accounts/accounts.routes.ts';
import { registerAdministrationRoutes } from './accounts/administration.routes.ts';
import { registerAuthRoutes } from './accounts/auth.routes.ts';
import './municipalities/municipalities.demo.ts';
import { loadMunicipalityReference } from './municipalities/municipalities.reference.ts';
import { registerMunicipalityRoutes } from './municipalities/municipalities.routes.ts';
import './places/places.demo.ts';
import './places/places.jobs.ts';
import { registerPlaceRoutes } from './places/places.routes.ts';
import { refreshPublicJson } from './places/places.service.ts';
import './reports/reports.demo.ts';
import { registerReportRoutes } from './reports/reports.routes.ts';
import './consultations/consultations.demo.ts';
import { registerConsultationRoutes } from './consultations/consultations.routes.ts';
import './support/support.demo.ts';
import { registerBankRoutes } from './banks/banks.routes.ts';
import { registerSupportRoutes } from './support/support.routes.ts';
import './events/events.demo.ts';
import './events/events.jobs.ts';
import { registerEventRoutes } from './events/events.routes.ts';
import './agencies/agencies.demo.ts';
import { registerAgencyRoutes } from './agencies/agencies.routes.ts';
import './rights/rights.jobs.ts';
import { registerRightsRoutes } from './rights/rights.routes.ts';
import './subsidies/subsidies.demo.ts';
import { registerPaymentRoutes } from './payments/payments.routes.ts';
import { registerSubsidyRoutes } from './subsidies/subsidies.routes.ts';
import './peers/peers.demo.ts';
import { registerPeerRoutes } from './peers/peers.routes.ts';
import './training/training.demo.ts';
import { registerTrainingRoutes } from './training/training.routes.ts';
import './navigator/navigator.demo.ts';
import { loadStartingRuleSet, registerNavigatorRoutes } from './navigator/index.ts';
import './knowledge/knowledge.demo.ts';
import { loadBuiltInThemes, registerKnowledgeRoutes } from './knowledge/index.ts';
import './insights/insights.demo.ts';
import './insights/insights.jobs.ts';
import { registerCalendarRoutes, registerTodayRoutes } from './console/index.ts';
import { registerDraftRoutes } from './drafts/index.ts';
import { registerIndicatorRoutes } from './insights/indicators.routes.ts';
import { registerReturnRoutes } from './insights/returns.routes.ts';

/**
 * Every capability registers here, in one list, so a newcomer sees the whole surface:
 * its routes (each declaring a permission, see app.ts), reference data it loads at start-up,
 * and (by importing its `*.demo.ts`) its demo seed.
 */
const routeModules: Array<(app: FastifyInstance) => Promise<void> | void> = [
  registerMunicipalityRoutes,
  registerAuthRoutes,
  registerAccountRoutes,
  registerAdministrationRoutes,
  registerPlaceRoutes,
  registerReportRoutes,
  registerConsultationRoutes,
  registerSupportRoutes,
  registerEventRoutes,
  registerAgencyRoutes,
  registerRightsRoutes,
  registerBankRoutes,
  registerSubsidyRoutes,
  registerPaymentRoutes,
  registerPeerRoutes,
  registerTrainingRoutes,
  registerNavigatorRoutes,
  registerKnowledgeRoutes,
  registerReturnRoutes,
  registerIndicatorRoutes,
  registerDraftRoutes,
  registerTodayRoutes,
  registerCalendarRoutes,
];

export const referenceDataLoaders: Array<{ name: string; load(db: Database): Promise<void> }> = [
  { name: 'municipalities', load: loadMunicipalityReference },
  { name: 'navigator starting rules', load: loadStartingRuleSet },
  { name: 'model-case themes', load: loadBuiltInThemes },
];

/**
 * Data a module derives from its own rows with code that can change from one release to the next,
 * brought up to date at start-up (after the migrations and the reference data): each returns how
 * many rows it rebuilt, none when nothing had changed.
 */
export const derivedDataRefreshers: Array<{ name: string; refresh(db: Database): Promise<number> }> = [
  { name: 'public renderings of listed places', refresh: refreshPublicJson },
];

export async function registerModules(app: FastifyInstance): Promise<void> {
  for (const register of routeModules) await register(app);
}
