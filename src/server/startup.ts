import { derivedDataRefreshers, referenceDataLoaders } from './modules/index.ts';
import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { checkDataKeys } from './platform/crypto/key-check.ts';
import type { Database } from './platform/db/client.ts';
import { migrateDatabase } from './platform/db/migrate.ts';
import { runDemoSeeds } from './platform/demo/registry.ts';

/**
 * Brings a database to the state the app needs: schema, reference data shipped in packages
 * (municipality codes, …), derived data rebuilt where the code deriving it changed, and, when demo
 * mode is on, the demo tenants' data.
 */
export async function prepareDatabase(
  db: Database,
  config: Config,
  clock: Clock,
  options: { demo?: boolean; onProgress?: (message: string) => void } = {},
): Promise<void> {
  const progress = options.onProgress ?? (() => {});
  progress('migrations');
  await migrateDatabase(db);
  // A wrong DATA_KEY is said to be wrong here, not later as "tampered" on every encrypted read.
  await checkDataKeys(db, config.dataKeys);
  for (const loader of referenceDataLoaders) {
    progress(`reference data: ${loader.name}`);
    await loader.load(db);
  }
  for (const refresher of derivedDataRefreshers) {
    progress(`derived data: ${refresher.name}`);
    const rebuilt = await refresher.refresh(db);
    if (rebuilt > 0) progress(`${refresher.name}: ${rebuilt} rebuilt`);
  }
  if (options.demo ?? config.demo) {
    const ran = await runDemoSeeds({ db, config, clock });
    progress(`demo data: ${ran.join(', ') || 'none'}`);
  }
}
