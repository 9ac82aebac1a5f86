/**
 * `npm run db:backup`, `audit:verify`, `keys:rotate`, `jobs:run-due`, … : runs an operator command
 * (src/server/cli/<name>.ts). When the server bundle is current (`npm start` builds it), the command
 * runs from its bundled build beside it (dist/server/cli-<name>.js); otherwise from its sources. From
 * the sources a command loads ~400 files through Node's type stripper before it does anything, ~3–4 s
 * of CPU a run on the 2-core reference machine, and `jobs:run-due` runs every few minutes from cron.
 * It never builds: a command started by cron or during an incident must not start the bundler.
 *
 * A command that opens the embedded database itself (no DATABASE_URL; while the server runs, commands
 * go through it instead) runs in a child process started with `WASM_BASELINE_FLAGS`, as the embedded
 * server does: V8's optimizing recompile of PGlite's WebAssembly took `jobs:run-due`'s peak memory to
 * ~810 MB against ~240 MB without it, every few minutes from cron on a small town's machine. The
 * second Node process costs about what the skipped recompile saves: a run takes ~2 s either way.
 *
 * Plain JavaScript, like start.mjs: choosing loads no TypeScript.
 */
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CLI_NAMES, cliBundle, cliSource, serverBuildIsStale } from './build-freshness.mjs';
import { chosenWasmTier, runInChildProcess, WASM_BASELINE_FLAGS } from './embedded-process.mjs';

// The command reads its own arguments from process.argv[2…], as when it is run directly.
const [name] = process.argv.splice(2, 1);
if (!name || !CLI_NAMES.includes(name)) {
  console.error(`使い方 / usage: node scripts/cli.mjs <${CLI_NAMES.join('|')}> [arguments]`);
  process.exit(2);
}
const bundle = cliBundle(name);
if (!process.env.DATABASE_URL && !chosenWasmTier()) {
  runInChildProcess(
    [
      ...WASM_BASELINE_FLAGS,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      name,
      ...process.argv.slice(2),
    ],
    process.env,
  );
} else if (existsSync(bundle) && !serverBuildIsStale()) {
  // V8's compiled code for the bundle, kept between runs, as for the server (start.mjs).
  enableCompileCache();
  await import(bundle);
} else {
  await import(cliSource(name));
}
