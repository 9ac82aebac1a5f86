/** What other modules may use of agencies and referrals. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { agenciesDemoSeed } from './agencies.demo.ts';
import { registerAgencyRoutes } from './agencies.routes.ts';

export { agenciesToday } from './agencies.today.ts';

/** What agencies brings to the app (installed by modules/index.ts). */
export const agenciesModule: ModuleManifest = {
  name: 'agencies',
  writesPublicData: false,
  routes: [registerAgencyRoutes],
  demoSeeds: [agenciesDemoSeed],
};
