import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../../src/server/app.ts';
import { settableClock } from '../../../src/server/platform/clock.ts';
import { openPglite } from '../../../src/server/platform/db/client.ts';
import { prepareDatabase } from '../../../src/server/startup.ts';
import { testConfig } from '../../helpers/app.ts';

export type RunningServer = { url: string; close(): Promise<void> };

/**
 * The real server, in-process, on a random port: PGlite in a fresh temporary directory with
 * reference and demo data (as `npm start` has), serving the built web app from dist/web.
 */
export async function startServer(options: { now?: string } = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tsunagari-e2e-'));
  const db = await openPglite({ dataDir });
  try {
    const config = testConfig({ demo: true, dataDir });
    const clock = settableClock(new Date(options.now ?? '2026-11-26T10:00:00+09:00'));
    await prepareDatabase(db, config, clock, { demo: true });
    const app = await buildApp({ config, db, clock }, { logger: false, serveWeb: true });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      async close() {
        await app.close();
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
