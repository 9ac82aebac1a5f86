/**
 * Builds what `npm start` serves — the web app (dist/web) and the server bundle (dist/server) — when
 * its sources are newer than the last build, as `npm start` does before it starts. `npm test` runs it
 * once before tiers that start them run side by side: the builders write their trees in place, and two
 * of them at once would write the same files.
 */
import { buildServerIfStale } from './build-server-if-stale.ts';
import { buildWebIfStale } from './build-web-if-stale.ts';

const webBuilt = await buildWebIfStale({ log: (m) => console.info(`[build-web] ${m}`) });
const serverBuilt = await buildServerIfStale({ log: (m) => console.info(`[build-server] ${m}`) });
if (!webBuilt && !serverBuilt) console.info('[build] dist/web and dist/server are current');
