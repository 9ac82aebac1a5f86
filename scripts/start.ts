/**
 * `npm start`: builds the web app and bundles the server when their sources are newer than the last
 * build, then starts the server bundle (config → database → migrations → listen). Nothing else is
 * needed on a fresh machine. With WORKERS > 1 node:cluster runs this file again in each app process:
 * those load what the first process chose.
 */
import { spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

// V8's compiled code for the bundle, kept between starts (in the system's temp directory; keyed by
// the file's contents, so a new bundle is compiled afresh): about a quarter of loading it.
enableCompileCache();
const log = (m: string) => console.info(`[tsunagari] ${m}`);
const SOURCES = fileURLToPath(new URL('../src/server/main.ts', import.meta.url));

/**
 * The embedded default (PGlite, no DATABASE_URL) runs the database inside this process, on a small
 * town's machine: V8 may not grow the heap as it likes there. With its defaults the server's memory
 * rose by ~300 MB under a burst of public reads (garbage kept in a large young generation and an old
 * generation allowed up to 4 GB), to 750–830 MB; with these, ~500 MB (docs/benchmarks.md). V8 reads
 * these only at process start, so the first process starts the real one with them. A server on
 * PostgreSQL keeps V8's defaults; NODE_OPTIONS with its own --max-old-space-size wins.
 */
const EMBEDDED_V8_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=384'];
const flagsChosen =
  process.env.TSUNAGARI_V8_FLAGS === '1' ||
  [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--max-old-space-size'));

if (cluster.isPrimary && !process.env.DATABASE_URL && !flagsChosen) {
  // A launcher only: it loads nothing else, and holds ~40 MB while the server runs.
  const child = spawn(
    process.execPath,
    [...EMBEDDED_V8_FLAGS, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, TSUNAGARI_V8_FLAGS: '1' } },
  );
  // A terminal's Ctrl-C reaches both; a service manager's SIGTERM reaches this one only.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  if (cluster.isPrimary) await prepareBuilds();
  // Forked app processes inherit the environment, so they load what the first process chose.
  await import(process.env.TSUNAGARI_SERVER_ENTRY!);
}

async function prepareBuilds(): Promise<void> {
  const { buildServerIfStale, SERVER_BUNDLE } = await import('./build-server-if-stale.ts');
  const { buildWebIfStale } = await import('./build-web-if-stale.ts');
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
