import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../../test/helpers/app.ts';
import { createTestDatabase, TEST_DATABASE, type TestDatabase } from '../../../../test/helpers/database.ts';
import { prepareDatabase } from '../../startup.ts';
import { systemClock } from '../clock.ts';
import {
  backupPglite,
  backupPostgres,
  compareCounts,
  countRows,
  restorePglite,
  restorePostgres,
} from './backup.ts';
import { openPglite } from './client.ts';

/** `db:backup` then `db:restore` into an empty database gives identical row counts in every table. */
let source: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), 'tsunagari-backup-'));

beforeAll(async () => {
  source = await createTestDatabase();
  await prepareDatabase(source.db, testConfig({ demo: true }), systemClock, { demo: true });
});
afterAll(async () => {
  await source?.drop();
});

describe(`backup and restore (${TEST_DATABASE})`, () => {
  it('restores every row into an empty database', async () => {
    const file = path.join(dir, TEST_DATABASE === 'pglite' ? 'backup.tar.gz' : 'backup.pgdump');
    let manifest: Awaited<ReturnType<typeof backupPglite>>;
    let restoredCounts: Record<string, number>;
    if (TEST_DATABASE === 'pglite') {
      manifest = await backupPglite(source.db, file);
      const target = path.join(dir, 'restored');
      await restorePglite(file, path.join(target, 'pglite'));
      const restored = await openPglite({ dataDir: target });
      restoredCounts = await countRows(restored);
      await restored.close();
      await expect(restorePglite(file, path.join(target, 'pglite'))).rejects.toThrow(/not empty/);
    } else {
      manifest = await backupPostgres(source.db, source.url!, file);
      const target = await createTestDatabase();
      try {
        await restorePostgres(target.db, target.url!, file);
        restoredCounts = await countRows(target.db);
        await expect(restorePostgres(target.db, target.url!, file)).rejects.toThrow(/not empty/);
      } finally {
        await target.drop();
      }
    }
    expect(manifest.rowCounts['public.municipalities']).toBeGreaterThan(1900);
    expect(manifest.rowCounts['public.accounts']).toBeGreaterThan(10);
    expect(compareCounts(manifest.rowCounts, restoredCounts)).toEqual([]);
  });
});
