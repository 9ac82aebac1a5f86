/** What other modules may use of agencies and referrals. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { registerConferenceRoutes } from './agencies.conferences.routes.ts';
import { agenciesDemoSeed } from './agencies.demo.ts';
import { AGENCIES_ERRORS } from './agencies.errors.ts';
import { referralReceivedAlert } from './agencies.referrals.ts';
import { registerAgencyRoutes } from './agencies.routes.ts';
import { agenciesAppendOnlyTables, agenciesEncryptedColumns } from './agencies.tables.ts';

export { conferenceHoldings } from './agencies.conference-records.ts';
export { referralHoldings } from './agencies.inbox.ts';
export { conferencesHeldBefore, purgeConference, purgePersonSharing } from './agencies.retention.ts';
export { agencyNamesOfAccounts, getAgency } from './agencies.service.ts';
export { agenciesToday } from './agencies.today.ts';

/** What agencies brings to the app (installed by modules/index.ts). */
export const agenciesModule: ModuleManifest = {
  name: 'agencies',
  writesPublicData: false,
  routes: [registerAgencyRoutes, registerConferenceRoutes],
  demoSeeds: [agenciesDemoSeed],
  staffAlertTemplates: [referralReceivedAlert],
  errorMessages: AGENCIES_ERRORS,
  encryptedColumns: agenciesEncryptedColumns,
  appendOnlyTables: agenciesAppendOnlyTables,
};
