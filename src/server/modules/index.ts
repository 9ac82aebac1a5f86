import type { FastifyInstance } from 'fastify';
import { registerRoleGrantGate } from '../platform/auth/role-grant-gates.ts';
import { registerEncryptedColumn } from '../platform/crypto/registry.ts';
import { registerAppendOnlyTable } from '../platform/db/roles.ts';
import { registerDemoSeed } from '../platform/demo/registry.ts';
import { registerErrorMessages } from '../platform/errors.ts';
import { registerDueJob } from '../platform/jobs/due.ts';
import { PLATFORM_DUE_JOBS } from '../platform/jobs/platform-jobs.ts';
import { registerCaseloadHandler } from '../platform/modules/caseload-handlers.ts';
import type { ModuleManifest } from '../platform/modules/manifest.ts';
import { registerPayableSource } from '../platform/modules/payable-sources.ts';
import { registerStaffAlertTemplate } from '../platform/outbox/staff-alerts.ts';
import { accountsModule } from './accounts/index.ts';
import { agenciesModule } from './agencies/index.ts';
import { banksModule } from './banks/index.ts';
import { consoleModule } from './console/index.ts';
import { consultationsModule } from './consultations/index.ts';
import { draftsModule } from './drafts/index.ts';
import { eventsModule } from './events/index.ts';
import { insightsModule } from './insights/index.ts';
import { knowledgeModule } from './knowledge/index.ts';
import { municipalitiesModule } from './municipalities/index.ts';
import { navigatorModule } from './navigator/index.ts';
import { paymentsModule } from './payments/index.ts';
import { peersModule } from './peers/index.ts';
import { placesModule } from './places/index.ts';
import { reportsModule } from './reports/index.ts';
import { rightsModule } from './rights/index.ts';
import { subsidiesModule } from './subsidies/index.ts';
import { supportModule } from './support/index.ts';
import { trainingModule } from './training/index.ts';

/**
 * Every capability, in one list, so a newcomer sees the whole surface: each module's manifest
 * (platform/modules/manifest.ts) names its routes (each declaring a permission, see app.ts), due
 * jobs, demo seed, reference and derived data, and what it puts into the platform's registries
 * (payable sources, caseload counts, staff alerts, error messages, encrypted columns). Nothing
 * registers by being imported: the app, start-up and the CLIs call `installModules()`. The order is the order routes register in.
 */
export const MODULES: readonly ModuleManifest[] = [
  municipalitiesModule,
  accountsModule,
  placesModule,
  reportsModule,
  consultationsModule,
  supportModule,
  eventsModule,
  agenciesModule,
  rightsModule,
  banksModule,
  subsidiesModule,
  paymentsModule,
  peersModule,
  trainingModule,
  navigatorModule,
  knowledgeModule,
  insightsModule,
  draftsModule,
  consoleModule,
];

let installed = false;

/**
 * Fills the platform's registries from the manifests, once per process: due jobs (the platform's and
 * the modules'), demo seeds, role-grant gates, payable sources, caseload counts, staff alert
 * templates, error messages, encrypted columns and append-only tables. Anything that uses them without building the app
 * (start-up, CLIs, a test calling a service or job directly) calls this first.
 */
export function installModules(): void {
  if (installed) return;
  installed = true;
  for (const job of PLATFORM_DUE_JOBS) registerDueJob(job);
  for (const module of MODULES) {
    for (const job of module.dueJobs ?? []) registerDueJob(job);
    for (const seed of module.demoSeeds ?? []) registerDemoSeed(seed);
    for (const gate of module.roleGrantGates ?? []) registerRoleGrantGate(gate);
    for (const source of module.payableSources ?? []) registerPayableSource(source);
    for (const handler of module.caseloadCounts ?? []) registerCaseloadHandler(handler);
    for (const { key, ...template } of module.staffAlertTemplates ?? [])
      registerStaffAlertTemplate(key, template);
    if (module.errorMessages) registerErrorMessages(module.errorMessages);
    for (const column of module.encryptedColumns ?? []) registerEncryptedColumn(column);
    for (const table of module.appendOnlyTables ?? []) registerAppendOnlyTable(table);
  }
}

/** Reference data shipped in packages, loaded at start-up in this order. */
export const referenceDataLoaders = MODULES.flatMap((module) => module.referenceData ?? []);

/** Derived data brought up to date at start-up, after the migrations and the reference data. */
export const derivedDataRefreshers = MODULES.flatMap((module) => module.derivedData ?? []);

export async function registerModules(app: FastifyInstance): Promise<void> {
  installModules();
  let registering: ModuleManifest | undefined;
  // Routes are added while their module registers them, one module after another.
  app.addHook('onRoute', (route) => {
    if (registering?.writesPublicData === false) route.config = { ...route.config, keepsPublicCache: true };
  });
  for (const module of MODULES) {
    registering = module;
    for (const register of module.routes ?? []) await register(app);
  }
  registering = undefined;
}
