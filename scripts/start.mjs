/**
 * `npm start`: builds the web app and bundles the server when their sources are newer than the last
 * build, then starts the server bundle (config → database → migrations → listen). Nothing else is
 * needed on a fresh machine. With WORKERS > 1 node:cluster runs this file again in each app process:
 * those load what the first process chose.
 *
 * Plain JavaScript, like build-freshness.mjs: a start on current builds loads no TypeScript (Node's
 * type stripper costs ~0.1 s a process; issue 23 item 5: ≤ 2 s to a healthy /healthz).
 */
import cluster from 'node:cluster';
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  SERVER_BUNDLE,
  SERVER_SOURCES_ENTRY,
  serverBuildIsStale,
  webBuildIsStale,
} from './build-freshness.mjs';
import { runInChildProcess, WASM_BASELINE_FLAGS } from './embedded-process.mjs';

/** @param {string} message */
const log = (message) => console.info(`[tsunagari] ${message}`);

/**
 * The embedded default (PGlite, no DATABASE_URL) runs the database inside the server process, on a
 * small town's machine: V8 may not grow the heap as it likes there. With its defaults the server's
 * memory rose by ~300 MB under a burst of public reads (garbage kept in a large young generation and
 * an old generation allowed up to 4 GB), to 750–830 MB; with these, ~500 MB (docs/benchmarks.md).
 *
 * `WASM_BASELINE_FLAGS` (embedded-process.mjs): PostgreSQL's WebAssembly stays in V8's baseline
 * code; its optimizing recompile took ~600 MB a moment into every start.
 *
 * V8 reads these only at process start, so this process starts the server with them and stays as a
 * launcher. A server on PostgreSQL keeps V8's defaults; a --max-old-space-size of your own wins.
 */
const EMBEDDED_V8_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=384', ...WASM_BASELINE_FLAGS];

/**
 * glibc's malloc, tuned for the embedded server's size (docs/benchmarks.md, "Embedded start-up and
 * memory"):
 * - two arenas: glibc gives each thread that allocates (libuv's pool hashing passwords and
 *   compressing, V8's background compilers) an arena of its own and rarely hands their freed memory
 *   back; after a first start with demo data the server held ~100 MB more for good;
 * - a fixed mmap threshold (128 KiB) and trim threshold: by default glibc raises its mmap threshold
 *   to the size of any large block freed (up to 32 MiB); from then on such blocks come from the main
 *   heap, whose freed holes stay resident (148 MB of the server's 490 MB was that heap). Fixed, each
 *   large block is mapped and unmapped on its own: RSS after a start and a burst of public reads fell
 *   from 474–569 MB to 402–435 MB on the same machine (main heap 65 MB).
 * Any of them set in the environment wins.
 */
const EMBEDDED_MALLOC_ENV = {
  MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
  MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
  MALLOC_TRIM_THRESHOLD_: process.env.MALLOC_TRIM_THRESHOLD_ ?? '131072',
};

const entryChosen = process.env.TSUNAGARI_SERVER_ENTRY;
if (entryChosen) {
  // The server started by the launcher below, or an app process forked by WORKERS.
  runServer(entryChosen);
} else {
  const entry = await prepareBuilds();
  const heapChosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) =>
    a.includes('--max-old-space-size'),
  );
  if (!process.env.DATABASE_URL && !heapChosen) launch(entry);
  else runServer(entry);
}

/** @param {string} entry */
function runServer(entry) {
  // V8's compiled code for the bundle, kept between starts (in the system's temp directory; keyed by
  // the file's contents, so a new bundle is compiled afresh): about a quarter of loading it.
  enableCompileCache();
  process.env.TSUNAGARI_SERVER_ENTRY = entry; // forked app processes load what this one chose
  void import(entry);
}

/** @param {string} entry */
function launch(entry) {
  runInChildProcess([...EMBEDDED_V8_FLAGS, ...process.execArgv, fileURLToPath(import.meta.url)], {
    ...process.env,
    ...EMBEDDED_MALLOC_ENV,
    TSUNAGARI_SERVER_ENTRY: entry,
  });
}

/** Builds what is stale (the builders are TypeScript, loaded only then); returns the server entry. */
async function prepareBuilds() {
  if (!cluster.isPrimary) return SERVER_BUNDLE;
  if (webBuildIsStale()) {
    const { buildWebIfStale } = await import('./build-web-if-stale.ts');
    await buildWebIfStale({ log });
  }
  if (!serverBuildIsStale()) return SERVER_BUNDLE;
  try {
    const { buildServerIfStale } = await import('./build-server-if-stale.ts');
    await buildServerIfStale({ log });
    return SERVER_BUNDLE;
  } catch (error) {
    // An install without development packages has no bundler: the sources run the same, only slower
    // to start. Any other failure to bundle is a real error.
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    log('the bundler (rolldown) is not installed: running the server from its sources (slower start)');
    return SERVER_SOURCES_ENTRY;
  }
}
