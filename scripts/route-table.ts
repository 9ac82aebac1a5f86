/** npm run routes:table — regenerates docs/route-permissions.md from the app's registered routes. */
import { writeFileSync } from 'node:fs';
import { buildApp } from '../src/server/app.ts';
import { routeTable } from '../src/server/platform/access/guard.ts';
import { ROUTE_TABLE_FILE, renderRouteTable } from '../src/server/platform/access/route-table.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { openPglite } from '../src/server/platform/db/client.ts';

const db = await openPglite({});
const config = {
  ...loadConfig({ NODE_ENV: 'test', DATA_KEY: Buffer.alloc(32, 1).toString('base64') }),
  demo: false,
};
const app = await buildApp({ config, db, clock: systemClock }, { logger: false, serveWeb: false });
await app.ready();
const routes = routeTable(app);
writeFileSync(ROUTE_TABLE_FILE, renderRouteTable(routes));
console.info(`${ROUTE_TABLE_FILE}: ${routes.length} routes`);
await app.close();
await db.close();
