import type { FastifyInstance } from 'fastify';
import type { RoleGrantGate } from '../auth/role-grant-gates.ts';
import type { EncryptedColumn } from '../crypto/registry.ts';
import type { Database } from '../db/client.ts';
import type { DemoSeed } from '../demo/registry.ts';
import type { Message } from '../errors.ts';
import type { DueJob } from '../jobs/due.ts';
import type { KeyedStaffAlertTemplate } from '../outbox/staff-alerts.ts';
import type { CaseloadHandler } from './caseload-handlers.ts';
import type { PayableSource } from './payable-sources.ts';

/**
 * What a module brings to the app, in one object exported from its `index.ts` (issue 20 item 1).
 * `src/server/modules/index.ts` lists every manifest and installs them explicitly: importing a
 * module's file registers nothing by itself. What a module offers other modules through a registry
 * (payable sources, caseload counts, role-grant gates) is named here too; the registries live in
 * platform so that no module has to import another to fill them. What a module offers by plain call
 * (today's counters, calendar entries, …) stays a named export of its `index.ts`, beside the manifest.
 */
export type ModuleManifest = {
  /** The module's folder under `src/server/modules`. */
  name: string;
  /**
   * False when nothing this module writes is ever shown on a public page (support records, payments,
   * training…): its writes then keep the in-process cache of public answers (public-cache.ts). Leave
   * it out (true) when in doubt: a cleared cache costs a database round trip, a stale one misinforms.
   */
  writesPublicData?: boolean;
  /** Route registrations; each route declares its permission (see app.ts). */
  routes?: ReadonlyArray<(app: FastifyInstance) => Promise<void> | void>;
  /** Work the business clock makes due (platform/jobs/due.ts). */
  dueJobs?: readonly DueJob[];
  /** The module's fictional demo data (platform/demo/registry.ts). */
  demoSeeds?: readonly DemoSeed[];
  /** Reference data shipped in packages, loaded at start-up (municipality codes, …). */
  referenceData?: ReadonlyArray<{ name: string; load(db: Database): Promise<void> }>;
  /**
   * Data the module derives from its own rows with code that can change between releases, brought
   * up to date at start-up after migrations and reference data; returns how many rows it rebuilt.
   */
  derivedData?: ReadonlyArray<{ name: string; refresh(db: Database): Promise<number> }>;
  /** Checks run before roles are granted (platform/auth/role-grant-gates.ts), e.g. required training. */
  roleGrantGates?: readonly RoleGrantGate[];
  /**
   * Items a payment batch pays (platform/modules/payable-sources.ts): peer compensation claims,
   * confirmed subsidy claims. The payments module reads the installed sources.
   */
  payableSources?: readonly PayableSource[];
  /**
   * Work the module assigns to a staff member, counted and handed over by April rotation
   * (platform/modules/caseload-handlers.ts, read by accounts).
   */
  caseloadCounts?: readonly CaseloadHandler[];
  /** Fixed-wording alerts the module sends staff through the outbox (platform/outbox/staff-alerts.ts). */
  staffAlertTemplates?: readonly KeyedStaffAlertTemplate[];
  /**
   * The module's problem codes with their Japanese and English texts, from its `<m>.errors.ts`
   * (platform/errors.ts): without them a problem answers with a generic title.
   */
  errorMessages?: Readonly<Record<string, Message>>;
  /** Columns holding `encryptField` values, re-encrypted by `npm run keys:rotate` (platform/crypto/registry.ts). */
  encryptedColumns?: readonly EncryptedColumn[];
  /** Tables whose rows the app may add but never change or delete (platform/db/roles.ts), set at migration. */
  appendOnlyTables?: readonly string[];
};
