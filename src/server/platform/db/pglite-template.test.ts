import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE } from '../../../../test/helpers/database.ts';
import { installedPgliteVersion, startFromTemplate } from './pglite-template.ts';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'tsunagari-cluster-template-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The first test's templates folder; the next reuses it rather than running initdb again. */
const keptByFirstTest = path.join(scratch, 'kept');

/** initdb for real, counted: the point is how often it runs. */
function countingInitdb() {
  const made: string[] = [];
  return {
    made,
    async makeCluster(dir: string) {
      made.push(dir);
      const cluster = await PGlite.create({ dataDir: dir });
      await cluster.close();
    },
  };
}

async function systemIdentifier(dataDir: string): Promise<string> {
  const db = await PGlite.create({ dataDir });
  try {
    const { rows } = await db.query<{ id: string }>(
      'select system_identifier::text as id from pg_control_system()',
    );
    return rows[0]!.id;
  } finally {
    await db.close();
  }
}

/** Issue 23: a fresh start ≤ 10 s; initdb was 4–6 s of it, the same files every time. */
describe.runIf(TEST_DATABASE === 'pglite')(
  'a new PGlite data directory starts from a kept empty cluster',
  () => {
    it('runs initdb once per PGlite version; later directories are copies that share nothing', async () => {
      const templates = keptByFirstTest;
      const initdb = countingInitdb();
      const first = path.join(scratch, 'town-a', 'pglite');
      const second = path.join(scratch, 'town-b', 'pglite');

      expect(await startFromTemplate(first, initdb.makeCluster, { templates })).toBe(true);
      expect(await startFromTemplate(second, initdb.makeCluster, { templates })).toBe(true);
      expect(initdb.made).toHaveLength(1);
      expect(readdirSync(templates)).toEqual([installedPgliteVersion()]);
      // Copies of one initdb, not two clusters: initdb gives every cluster its own identifier.
      expect(await systemIdentifier(second)).toBe(await systemIdentifier(first));

      // What one town writes stays in its own directory (a copy, not a link to the template).
      const a = await PGlite.create({ dataDir: first });
      await a.exec('create table only_in_a (x int); insert into only_in_a values (1)');
      await a.close();
      for (const other of [second, path.join(templates, installedPgliteVersion())]) {
        const db = await PGlite.create({ dataDir: other });
        const { rows } = await db.query("select to_regclass('public.only_in_a') as t");
        await db.close();
        expect(rows).toEqual([{ t: null }]);
      }
      // No scratch folders left behind beside either.
      expect(readdirSync(path.dirname(second))).toEqual(['pglite']);
      expect(readdirSync(templates)).toEqual([installedPgliteVersion()]);
    });

    it('removes what a process stopped halfway left behind, only those of a dead process', async () => {
      const templates = keptByFirstTest; // made by the first test (or here, when run alone)
      const version = installedPgliteVersion();
      const deadPid = 2 ** 22 + 12_345; // above the largest pid Linux allows (2^22): no such process
      const deadsTemplate = path.join(templates, `${version}.initdb-${deadPid}-abc123`);
      const livingTemplate = path.join(templates, `${version}.initdb-${process.ppid}-def456`);
      const target = path.join(scratch, 'town-d', 'pglite');
      const deadsCopy = path.join(scratch, 'town-d', `pglite.copy-${deadPid}-ghi789`);
      for (const dir of [deadsTemplate, livingTemplate, deadsCopy]) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
      }
      const initdb = countingInitdb();
      expect(await startFromTemplate(target, initdb.makeCluster, { templates })).toBe(true);
      expect(readdirSync(templates).sort()).toEqual([version, path.basename(livingTemplate)].sort());
      expect(readdirSync(path.join(scratch, 'town-d'))).toEqual(['pglite']);
    });

    it('leaves a directory that already has contents to PGlite, untouched', async () => {
      const existing = path.join(scratch, 'existing', 'pglite');
      mkdirSync(existing, { recursive: true });
      writeFileSync(path.join(existing, 'PG_VERSION'), '17\n');
      const initdb = countingInitdb();
      const templates = path.join(scratch, 'kept-unused');
      expect(await startFromTemplate(existing, initdb.makeCluster, { templates })).toBe(false);
      expect(readdirSync(existing)).toEqual(['PG_VERSION']);
      expect(initdb.made).toHaveLength(0);
      expect(existsSync(templates)).toBe(false);
    });

    it('when the cluster cannot be kept (dist/ not writable), says so and leaves the directory to initdb', async () => {
      const notAFolder = path.join(scratch, 'read-only-dist');
      writeFileSync(notAFolder, 'a file where the templates folder would go');
      const target = path.join(scratch, 'town-c', 'pglite');
      const said: string[] = [];
      const initdb = countingInitdb();
      expect(
        await startFromTemplate(target, initdb.makeCluster, {
          templates: notAFolder,
          log: (m) => said.push(m),
        }),
      ).toBe(false);
      expect(existsSync(target)).toBe(false);
      expect(said).toEqual([
        expect.stringMatching(/made by initdb, not from the kept cluster: .*(EEXIST|ENOTDIR)/),
      ]);
    });

    it('two processes making the template at once both start; one template is kept', async () => {
      const templates = path.join(scratch, 'kept-race');
      const initdb = countingInitdb();
      const targets = ['race-1', 'race-2'].map((name) => path.join(scratch, name, 'pglite'));
      expect(
        await Promise.all(
          targets.map((target) => startFromTemplate(target, initdb.makeCluster, { templates })),
        ),
      ).toEqual([true, true]);
      expect(initdb.made).toHaveLength(2); // both saw no template and made one
      expect(readdirSync(templates)).toEqual([installedPgliteVersion()]);
      for (const target of targets) expect(existsSync(path.join(target, 'PG_VERSION'))).toBe(true);
    });
  },
);
