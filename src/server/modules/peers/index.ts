/** What other modules may use of peer supporters. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { peersDemoSeed } from './peers.demo.ts';
import { PEERS_ERRORS } from './peers.errors.ts';
import { peerClaimsPayable } from './peers.payable.ts';
import { registerPeerRoutes } from './peers.routes.ts';
import { registerPeerSelfRoutes } from './peers.self.routes.ts';
import { peersEncryptedColumns } from './peers.tables.ts';

export { peersCalendar } from './peers.calendar.ts';
export { peersToday } from './peers.today.ts';

/** What peers brings to the app (installed by modules/index.ts). */
export const peersModule: ModuleManifest = {
  name: 'peers',
  routes: [registerPeerRoutes, registerPeerSelfRoutes],
  demoSeeds: [peersDemoSeed],
  // Approved claims are paid through payment batches.
  payableSources: [peerClaimsPayable],
  errorMessages: PEERS_ERRORS,
  encryptedColumns: peersEncryptedColumns,
};

// offered to insights (issue 20 item 1)
export { countPeerSupport } from './peers.figures.ts';
