// Plain JavaScript on purpose: `npm start` checks its builds here before anything else, and a
// TypeScript file would make Node load its type stripper (~0.1 s) on every start (issue 23 item 5).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The server bundle `npm start` runs (dist/server/main.js). */
export const SERVER_BUNDLE = path.join(ROOT, 'dist/server/main.js');
/** The server's entry in its sources, for an install without the bundler. */
export const SERVER_SOURCES_ENTRY = path.join(ROOT, 'src/server/main.ts');
const WEB_INDEX = path.join(ROOT, 'dist/web/index.html');

/**
 * The operator commands (`npm run db:backup`, …): src/server/cli/<name>.ts, each also bundled beside
 * the server as dist/server/cli-<name>.js (scripts/cli.mjs runs them).
 */
export const CLI_NAMES = [
  'audit-verify',
  'create-admin',
  'db-backup',
  'db-restore',
  'jobs-run-due',
  'keys-rotate',
];
/** @param {string} name */
export const cliSource = (name) => path.join(ROOT, 'src/server/cli', `${name}.ts`);
/** @param {string} name */
export const cliBundle = (name) => path.join(path.dirname(SERVER_BUNDLE), `cli-${name}.js`);

const SERVER_SOURCES = ['src/server', 'src/shared', 'package-lock.json', 'scripts/build-server-if-stale.ts'];
const WEB_SOURCES = ['src/web', 'src/shared', 'vite.config.ts'];

/** The newest modification time under `target`; tests (`*.test.ts`) are not part of a build. */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder's mtime
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

function staleAgainst(built, sources) {
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sources.some((source) => newestMtime(path.join(ROOT, source)) > builtAt);
}

/** Whether any server source, the installed packages or the bundler script is newer than the bundle. */
export function serverBuildIsStale() {
  return staleAgainst(SERVER_BUNDLE, SERVER_SOURCES);
}

/** Whether any file under src/web or src/shared (or the Vite config) is newer than dist/web. */
export function webBuildIsStale() {
  return staleAgainst(WEB_INDEX, WEB_SOURCES);
}
