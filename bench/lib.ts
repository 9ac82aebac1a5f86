import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * CPU seconds (user + system) used so far by a process and every live descendant (Linux /proc):
 * `npm start`'s launcher, its server and, with WORKERS, the app processes. Sampled before and after a
 * measurement, it says how many cores the server used — whether it was busy or waiting.
 */
export function treeCpuSeconds(rootPid: number): number {
  const stats = new Map<number, { parent: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let text: string;
    try {
      text = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // The command name (field 2) may hold spaces and parentheses: the fields after its last ')' are fixed.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    stats.set(Number(entry), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      if (p === rootPid) return true;
      p = stats.get(p)?.parent ?? 0;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, s] of stats) if (inTree(pid)) ticks += s.ticks;
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** The whole machine's busy and total CPU seconds so far (/proc/stat), to tell a saturated machine. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
  const idleAll = idle! + iowait!;
  const total = user! + nice! + system! + idleAll + irq! + softirq! + steal!;
  return { busy: (total - idleAll) / CLOCK_TICKS_PER_SECOND, total: total / CLOCK_TICKS_PER_SECOND };
}
