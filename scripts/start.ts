/**
 * `npm start`: builds the web app and bundles the server when their sources are newer than the last
 * build, then starts the server bundle (config → database → migrations → listen). Nothing else is
 * needed on a fresh machine. With WORKERS > 1 node:cluster runs this file again in each app process:
 * those load what the first process chose.
 */
import cluster from 'node:cluster';
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildServerIfStale, SERVER_BUNDLE } from './build-server-if-stale.ts';
import { buildWebIfStale } from './build-web-if-stale.ts';

// V8's compiled code for the bundle, kept between starts (in the system's temp directory; keyed by
// the file's contents, so a new bundle is compiled afresh): about a quarter of loading it.
enableCompileCache();
const log = (m: string) => console.info(`[tsunagari] ${m}`);
const SOURCES = fileURLToPath(new URL('../src/server/main.ts', import.meta.url));

if (cluster.isPrimary) {
  await buildWebIfStale({ log });
  process.env.TSUNAGARI_SERVER_ENTRY = SERVER_BUNDLE;
  try {
    await buildServerIfStale({ log });
  } catch (error) {
    // An install without development packages has no bundler: the sources run the same, only slower
    // to start. Any other failure to bundle is a real error.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    log('the bundler (rolldown) is not installed: running the server from its sources (slower start)');
    process.env.TSUNAGARI_SERVER_ENTRY = SOURCES;
  }
}
// Forked app processes inherit the environment, so they load what the first process chose.
await import(process.env.TSUNAGARI_SERVER_ENTRY ?? SERVER_BUNDLE);
