import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** Shared by the benchmarks: each makes its own database on this PostgreSQL and drops it afterwards. */
export const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs `work` on a short-lived connection to the maintenance database (create/drop database). */
export async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A free port on the loopback address for the server under test. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Writes docs/benchmarks.md (or another Markdown file) and lays it out as the linter expects: the
 * tables a benchmark writes are padded by the project's formatter, so `npm test` stays green after
 * a run without anyone formatting the file by hand.
 */
export function writeMarkdown(file: string, text: string): void {
  writeFileSync(file, text);
  const biome = fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url));
  const formatted = spawnSync(biome, ['format', '--write', file], { encoding: 'utf8' });
  if (formatted.status !== 0)
    throw new Error(`could not format ${file}: ${formatted.stderr || formatted.stdout}`);
}
