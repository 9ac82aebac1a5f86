/**
 * `node scripts/with-pgbouncer.ts <command…>`: runs a command with TEST_PG_POOLER_URL set to a PgBouncer
 * (transaction mode) in front of the test server, as `npm test`'s PostgreSQL tier does — to run a few
 * API test files through the pooler without the whole suite. The pooler is removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { startPgBouncer } from './test-services.ts';

const adminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const bouncer = await startPgBouncer(new URL(adminUrl));
const [command, ...args] = process.argv.slice(2);
let status = 1;
try {
  const result = spawnSync(command!, args, {
    stdio: 'inherit',
    env: {
      ...process.env,
      TEST_DATABASE: 'postgres',
      TEST_PG_ADMIN_URL: adminUrl,
      TEST_PG_POOLER_URL: bouncer.url,
    },
  });
  status = result.status ?? 1;
} finally {
  bouncer.stop();
}
process.exit(status);
