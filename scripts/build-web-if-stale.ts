/**
 * Builds dist/web with Vite when any file under src/web or src/shared (or the Vite config) is newer
 * than dist/web/index.html. Used by `npm start` and the browser tests, so neither serves a stale app.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { webBuildIsStale } from './build-freshness.mjs';

export { webBuildIsStale };

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

export async function buildWebIfStale(
  options: { log?: (message: string) => void; force?: boolean } = {},
): Promise<boolean> {
  const log = options.log ?? (() => {});
  if (!options.force && !webBuildIsStale()) return false;
  log('building the web app (dist/web)…');
  const started = Date.now();
  // Imported here so that starting the server with an up-to-date build never loads Vite.
  const { build } = await import('vite');
  // The web app is always built for production: Vite keeps a NODE_ENV it finds set, and a build
  // started under NODE_ENV=test or development (the browser tests, `npm start` in development)
  // shipped React's development build — about twice the bytes (issue 21). The server started after
  // it in this process must still see the operator's own setting.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  log(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildWebIfStale({
    log: (m) => console.info(`[build-web] ${m}`),
    force: process.argv.includes('--force'),
  });
}
