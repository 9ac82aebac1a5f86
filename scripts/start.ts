/**
 * `npm start`: builds the web app and bundles the server when their sources are newer than the last
 * build, then starts the server bundle (config → database → migrations → listen). Nothing else is
 * needed on a fresh machine. With WORKERS > 1 node:cluster runs this file again in each app process:
 * those only load the bundle the first process made.
 */
import cluster from 'node:cluster';
import { enableCompileCache } from 'node:module';
import { buildServerIfStale, SERVER_BUNDLE } from './build-server-if-stale.ts';
import { buildWebIfStale } from './build-web-if-stale.ts';

// V8's compiled code for the bundle, kept between starts (in the system's temp directory; keyed by
// the file's contents, so a new bundle is compiled afresh): about a quarter of loading it.
enableCompileCache();
const log = (m: string) => console.info(`[tsunagari] ${m}`);
if (cluster.isPrimary) {
  await buildWebIfStale({ log });
  await buildServerIfStale({ log });
}
await import(SERVER_BUNDLE);
