import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processAlive } from './lock.ts';

/**
 * Where the empty clusters are kept: beside the other builds (dist/), one folder per PGlite version.
 * A checkout whose dist/ cannot be written still starts: each new data directory then runs initdb.
 */
export const PGLITE_TEMPLATES = path.resolve(
  fileURLToPath(new URL('../../../../dist/pglite-cluster', import.meta.url)),
);

/** The installed PGlite's version: its initdb writes the clusters, so it names the template. */
export function installedPgliteVersion(): string {
  const wasm = createRequire(import.meta.url).resolve('@electric-sql/pglite/pglite.wasm');
  const manifest = JSON.parse(readFileSync(path.join(path.dirname(wasm), '..', 'package.json'), 'utf8'));
  return String(manifest.version);
}

function isEmptyOrAbsent(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** A name beside `target` that no other process (nor this one's next attempt) uses. */
function scratchBeside(target: string, purpose: string): string {
  return `${target}.${purpose}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Removes what a process stopped halfway (killed, power lost) left beside `target`: a half-made
 * template or a half-copied cluster, tens of MB each. Only a dead process's: another one may be
 * making the template right now.
 */
function removeLeftovers(target: string, purpose: string): void {
  const dir = path.dirname(target);
  if (!existsSync(dir)) return;
  const prefix = `${path.basename(target)}.${purpose}-`;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid))
      rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Starts a new PGlite data directory as a copy of an empty cluster, made once per PGlite version.
 *
 * initdb is most of a fresh start (4–6 s of the ~12 s on the 2-core CI machine; issue 23 sets ≤ 10 s)
 * and writes the same files every time. A copy of a cluster that initdb wrote and PGlite closed takes
 * ~50 ms, and opens like any existing data directory: it is a cold copy of a stopped cluster, the one
 * kind of copy PostgreSQL documents as safe. The migrations then run on it as on a new one.
 *
 * - The first new data directory of a version makes the template: initdb (`makeCluster`) into a
 *   folder of its own, renamed into place when closed, so no process ever copies half of one. Two
 *   processes making it at once both finish; the second rename loses and its folder is removed.
 * - The copy is made beside the data directory and renamed into place: a start stopped halfway
 *   leaves no half-copied cluster to be opened as an existing one next time.
 * - Anything that fails here (dist/ read-only, a full disk) leaves the data directory as it was:
 *   the caller's PGlite then runs initdb in it as before.
 *
 * Returns whether `dataDir` now holds the copy; false for a directory that already had contents.
 */
export async function startFromTemplate(
  dataDir: string,
  makeCluster: (dir: string) => Promise<void>,
  options: { templates?: string; log?: (message: string) => void } = {},
): Promise<boolean> {
  if (!isEmptyOrAbsent(dataDir)) return false;
  const templates = options.templates ?? PGLITE_TEMPLATES;
  const log = options.log ?? (() => {});
  const template = path.join(templates, installedPgliteVersion());
  try {
    removeLeftovers(template, 'initdb');
    removeLeftovers(dataDir, 'copy');
    if (!existsSync(template)) {
      mkdirSync(templates, { recursive: true });
      const building = scratchBeside(template, 'initdb');
      log('making an empty database cluster (initdb), once per PGlite version…');
      try {
        await makeCluster(building);
        renameSync(building, template);
        log(`empty database cluster kept for new data directories: ${template}`);
      } catch (error) {
        rmSync(building, { recursive: true, force: true });
        // Another process made it meanwhile: use theirs.
        if (!existsSync(template)) throw error;
      }
    }
    const copying = scratchBeside(dataDir, 'copy');
    try {
      cpSync(template, copying, { recursive: true });
      rmSync(dataDir, { recursive: true, force: true }); // absent or empty, checked above
      renameSync(copying, dataDir);
    } finally {
      rmSync(copying, { recursive: true, force: true });
    }
    return true;
  } catch (error) {
    log(`new data directory made by initdb, not from the kept cluster: ${(error as Error).message}`);
    return false;
  }
}
