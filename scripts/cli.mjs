/**
 * `npm run db:backup`, `audit:verify`, `keys:rotate`, `jobs:run-due`, … : runs an operator command
 * (src/server/cli/<name>.ts). When the server bundle is current (`npm start` builds it), the command
 * runs from its bundled build beside it (dist/server/cli-<name>.js); otherwise from its sources. From
 * the sources a command loads ~400 files through Node's type stripper before it does anything, ~3–4 s
 * of CPU a run on the 2-core reference machine, and `jobs:run-due` runs every few minutes from cron.
 * It never builds: a command started by cron or during an incident must not start the bundler.
 *
 * Plain JavaScript, like start.mjs: choosing loads no TypeScript.
 */
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { CLI_NAMES, cliBundle, cliSource, serverBuildIsStale } from './build-freshness.mjs';

// The command reads its own arguments from process.argv[2…], as when it is run directly.
const [name] = process.argv.splice(2, 1);
if (!name || !CLI_NAMES.includes(name)) {
  console.error(`使い方 / usage: node scripts/cli.mjs <${CLI_NAMES.join('|')}> [arguments]`);
  process.exit(2);
}
const bundle = cliBundle(name);
if (existsSync(bundle) && !serverBuildIsStale()) {
  // V8's compiled code for the bundle, kept between runs, as for the server (start.mjs).
  enableCompileCache();
  await import(bundle);
} else {
  await import(cliSource(name));
}
