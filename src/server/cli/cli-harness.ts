import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, TEST_DATABASE } from '../../../test/helpers/database.ts';
import { type Database, openPglite } from '../platform/db/client.ts';
import { migrateDatabase } from '../platform/db/migrate.ts';

/**
 * Test support for the audit and key CLIs: a database the CLI can open from another process (a PGlite
 * data directory on disk, or a fresh PostgreSQL database) and a way to run the CLI against it.
 */
export type CliDatabase = {
  dataDir: string;
  env: Record<string, string>;
  /** Opens the database in this process; on PGlite it must be closed before the CLI runs. */
  use<T>(work: (db: Database) => Promise<T>): Promise<T>;
  cleanup(): Promise<void>;
};

export async function createCliDatabase(dataKey: string): Promise<CliDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tsunagari-cli-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATA_KEY: dataKey,
    LOG_LEVEL: 'silent',
  };
  if (TEST_DATABASE === 'pglite') {
    const use = async <T>(work: (db: Database) => Promise<T>) => {
      const db = await openPglite({ dataDir });
      try {
        return await work(db);
      } finally {
        await db.close();
      }
    };
    await use(migrateDatabase);
    return { dataDir, env, use, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const testDb = await createTestDatabase();
  await migrateDatabase(testDb.db);
  env.DATABASE_URL = testDb.url!;
  return {
    dataDir,
    env,
    use: (work) => work(testDb.db),
    async cleanup() {
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What `npm run <command>` runs: the command's bundled build when current, else its sources. */
export const CLI_LAUNCHER = fileURLToPath(new URL('../../../scripts/cli.mjs', import.meta.url));

export type CliRun = {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The command lines of the processes the launcher started, as seen while it ran (Linux /proc). */
  childCommandLines: string[][];
};

/** Runs an operator command as `npm run` does (scripts/cli.mjs: its bundled build when current). */
export function runCli(script: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const launcher = spawn(process.execPath, [CLI_LAUNCHER, script, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    launcher.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    launcher.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    // The launcher starts the command in a child when it opens PGlite itself (scripts/cli.mjs). Such a
    // child runs for a second or more, so polling sees it. Each poll reads its command line again:
    // between fork and exec a child still shows its parent's, and once it has ended (before the
    // launcher reaps it) an empty one, which is not kept.
    const seen = new Map<string, string[]>();
    const watching = setInterval(() => {
      try {
        const pid = launcher.pid!;
        for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
          .split(' ')
          .filter(Boolean)) {
          const commandLine = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').filter(Boolean);
          if (commandLine.length > 0) seen.set(child, commandLine);
        }
      } catch {
        // The launcher or its child ended between the two reads.
      }
    }, 20);
    launcher.on('error', (error) => {
      clearInterval(watching);
      reject(error);
    });
    launcher.on('close', (code) => {
      clearInterval(watching);
      resolve({ code, stdout, stderr, childCommandLines: [...seen.values()] });
    });
  });
}
