/**
 * `npm start` runs the server bundle (dist/server/main.js, issue 23: start-up time), not the source
 * files. The bundle must behave as the sources do: find the migrations and the web build from its
 * own place, load the packages kept outside it (PGlite, argon2, …), and serve pages, the public API
 * and a demo login. Started as a real process on a fresh data directory (PGlite, demo data).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_NAMES, cliBundle } from '../../scripts/build-freshness.mjs';
import {
  buildServerIfStale,
  SERVER_BUNDLE,
  serverBuildIsStale,
} from '../../scripts/build-server-if-stale.ts';
import { CLI_LAUNCHER } from '../../src/server/cli/cli-harness.ts';
import { DEMO_PASSWORD } from '../../src/server/platform/demo/registry.ts';
import { serverSourcesDigest } from '../../src/server/platform/source-digest.ts';
import { type ServerProcess, spawnServer, stopServer, untilHealthy } from '../helpers/server-process.ts';

const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

let server: ServerProcess | undefined;
let base: string;
let dataDir: string;

/** The embedded PGlite, whatever database the test run itself was given. */
function withoutDatabaseUrls(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const {
    DATABASE_URL: _primary,
    READ_DATABASE_URL: _replica,
    DATABASE_SESSION_URL: _session,
    ...rest
  } = env;
  return rest;
}

describe('the server bundle started by npm start', () => {
  beforeAll(async () => {
    await buildServerIfStale();
    dataDir = mkdtempSync(path.join(tmpdir(), 'tsunagari-bundle-'));
    server = spawnServer('scripts/start.mjs', {
      ...withoutDatabaseUrls(process.env),
      DATA_DIR: dataDir,
      TSUNAGARI_DEMO: 'on',
      NODE_ENV: 'development',
    });
    await untilHealthy(server);
    base = `http://127.0.0.1:${server.port}`;
  }, 400_000);

  afterAll(async () => {
    await stopServer(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the bundle, not the source files', async () => {
    const health = (await (await fetch(`${base}/healthz`)).json()) as { pid: number; database: string };
    expect(health.database).toBe('pglite');
    const cmdline = readFileSync(`/proc/${health.pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline.some((arg) => arg.endsWith('scripts/start.mjs'))).toBe(true);
    // The embedded default's server runs with a bounded V8 heap (start.ts starts it so: issue 23 item 5).
    expect(cmdline).toEqual(expect.arrayContaining(['--max-semi-space-size=4', '--max-old-space-size=384']));
    // …and PostgreSQL's WebAssembly left in baseline code: V8's optimizing recompile of it took ~600 MB
    // a moment into every start, and the server's peak was 770–840 MB (290–385 MB without it).
    expect(cmdline).toContain('--liftoff-only');
    const peakKib = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${health.pid}/status`, 'utf8'))?.[1]);
    expect(peakKib * 1024).toBeLessThan(600e6);
    // …and glibc's arenas bounded and large blocks given back, which glibc reads only at process start.
    expect(readFileSync(`/proc/${health.pid}/environ`, 'utf8').split('\0')).toEqual(
      expect.arrayContaining([
        'MALLOC_ARENA_MAX=2',
        'MALLOC_MMAP_THRESHOLD_=131072',
        'MALLOC_TRIM_THRESHOLD_=131072',
      ]),
    );
    // pg-boss, ExcelJS and pdf-lib are chunks loaded on first use, not part of what a start loads (the
    // bundler marks each package's code with its path).
    const entry = readFileSync(SERVER_BUNDLE, 'utf8');
    const chunks = readdirSync(path.dirname(SERVER_BUNDLE))
      .filter(
        (name) => name.endsWith('.js') && path.join(path.dirname(SERVER_BUNDLE), name) !== SERVER_BUNDLE,
      )
      .map((name) => readFileSync(path.join(path.dirname(SERVER_BUNDLE), name), 'utf8'))
      .join('\n');
    for (const lazy of ['pg-boss', 'exceljs', 'pdf-lib']) {
      expect(entry).not.toContain(`// node_modules/${lazy}/`);
      expect(chunks).toContain(`// node_modules/${lazy}/`);
    }
    expect(entry).toContain('// node_modules/fastify/');
    expect(health.pid).not.toBe(server!.child.pid);
    // Started on current builds, neither process loaded TypeScript (issue 23 item 5: start-up time).
    const maps = readFileSync(`/proc/${health.pid}/maps`, 'utf8');
    expect(maps).not.toContain('amaro');
    // What start.ts loaded: only the bundle's own code finds files through the location helper.
    expect(readFileSync(SERVER_BUNDLE, 'utf8')).toContain(
      '__tsunagariFileUrl("../../src/server/platform/db/migrate.ts")',
    );
    // It carries the digest of the sources it was built from, so a start need not read them again to
    // know whether the database is current (startup.ts, platform/source-digest.ts).
    expect(readFileSync(SERVER_BUNDLE, 'utf8')).toContain(JSON.stringify(serverSourcesDigest(ROOT)));
    expect(server!.output.join('\n')).toContain('[tsunagari] ready:');
    // …saying where the start-up's time went (issue 23 item 5).
    expect(server!.output.join('\n')).toMatch(
      /ready: \S+ \([\d.]+ s from process start: program loaded [\d.]+ s, database opened/,
    );
  });

  it('builds every operator command beside it, and npm run runs that build while it is current', async () => {
    const commands = readdirSync(path.join(ROOT, 'src/server/cli'))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'cli-harness.ts')
      .map((name) => name.slice(0, -'.ts'.length));
    expect([...CLI_NAMES].sort()).toEqual(commands.sort());
    const scripts = Object.values(
      (
        JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
          scripts: Record<string, string>;
        }
      ).scripts,
    );
    for (const name of CLI_NAMES) {
      expect(existsSync(cliBundle(name))).toBe(true);
      expect(scripts).toContain(`node scripts/cli.mjs ${name}`);
    }
    expect(serverBuildIsStale()).toBe(false);
    // With Node's type stripping off, the command's sources could not load: an answer from the command
    // itself (its usage error) shows the launcher ran the bundled build.
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--no-experimental-strip-types', CLI_LAUNCHER, 'keys-rotate', '--batch-size', '0'],
        { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test' } },
        (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
      );
    });
    expect(result.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
    expect(result).toEqual({ code: 1, stderr: expect.stringContaining('--batch-size must be 1–10000') });
  });

  it('serves the web app, a municipality page and the public API', async () => {
    for (const url of ['/', '/m/192015']) {
      const response = await fetch(`${base}${url}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root"');
    }
    const municipality = await fetch(`${base}/api/public/municipalities/192015`);
    expect(municipality.status).toBe(200);
    expect(((await municipality.json()) as { code: string }).code).toBe('192015');
  });

  it('logs a demo account in (argon2, loaded beside the bundle)', async () => {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'labour@kofu.demo.example', password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toContain('tsunagari_session=');
  });
});
