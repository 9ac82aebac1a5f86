/**
 * The digest of the server's own code, as start-up's fingerprint counts it (startup.ts): every file
 * under src/server and src/shared except tests and drizzle-kit's schema snapshots, and
 * package-lock.json (the installed packages). The server bundle is built from exactly these files, so
 * its build computes the digest once and carries it (scripts/build-server-if-stale.ts): reading the
 * ~480 files again took ~0.1 s of every start on an existing data directory (issue 23: ≤ 2 s). Run
 * from its sources, the server computes it at start-up.
 *
 * Only Node's own modules are imported here: the bundler's script loads this file too.
 */
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Adds each file under `dir` (sorted, recursively) to `hash`, named relative to `root`. Tests are not
 * part of what runs, and drizzle-kit's schema snapshots (db/migrations/meta/*_snapshot.json) are left
 * out: the migrator reads only the journal and the SQL files, and the snapshots were 9 of the 12 MB
 * hashed.
 */
export function hashTree(hash: Hash, root: string, dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, root, full);
    else if (!entry.name.endsWith('.test.ts') && !entry.name.endsWith('_snapshot.json'))
      hashFile(hash, root, full);
  }
}

function hashFile(hash: Hash, root: string, file: string): void {
  hash.update(path.relative(root, file)).update('\0');
  hash.update(readFileSync(file)).update('\0');
}

/** sha256 (hex) of the server's sources and the package lock, read from the checkout at `root`. */
export function serverSourcesDigest(root: string): string {
  const hash = createHash('sha256');
  hashTree(hash, root, path.join(root, 'src/server'));
  hashTree(hash, root, path.join(root, 'src/shared'));
  hashFile(hash, root, path.join(root, 'package-lock.json'));
  return hash.digest('hex');
}
