/**
 * `npm start`: builds the web app when its sources are newer than the last build, then starts the
 * server (config → database → migrations → listen). Nothing else is needed on a fresh machine.
 */
import { buildWebIfStale } from './build-web-if-stale.ts';

await buildWebIfStale({ log: (m) => console.info(`[tsunagari] ${m}`) });
await import('../src/server/main.ts');
