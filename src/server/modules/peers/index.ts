/** What other modules may use of peer supporters. */
import type { ModuleManifest } from '../../platform/modules/manifest.ts';
import { peersDemoSeed } from './peers.demo.ts';
import { registerPeerRoutes } from './peers.routes.ts';
import { registerPeerSelfRoutes } from './peers.self.routes.ts';
// Approved claims are a payable source of payment batches: the registry in payments is filled here,
// once, when the modules are listed (the manifest has no payables entry yet).
import './peers.payable.ts';

export { peersCalendar } from './peers.calendar.ts';
export { peersToday } from './peers.today.ts';

/** What peers brings to the app (installed by modules/index.ts). */
export const peersModule: ModuleManifest = {
  name: 'peers',
  routes: [registerPeerRoutes, registerPeerSelfRoutes],
  demoSeeds: [peersDemoSeed],
};

// offered to insights (issue 20 item 1)
export { countPeerSupport } from './peers.figures.ts';
