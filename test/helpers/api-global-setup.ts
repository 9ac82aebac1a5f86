import type { Clock } from '../../src/server/platform/clock.ts';
import { testPreparation } from './app.ts';
import { createTestDatabase } from './database.ts';

/**
 * API tier set-up: prepares the two databases most test files start from (empty and demo, at the
 * default test time) once, before the workers start, so that no file's `beforeAll` waits for it
 * (test/helpers/prepared-database.ts). Files with other settings prepare theirs when first asked.
 */
export default async function setup(): Promise<void> {
  for (const demo of [false, true]) {
    const { config, clock } = testPreparation({ demo });
    const { drop } = await createTestDatabase({ prepared: { config, clock: clock as Clock, demo } });
    await drop();
  }
}
