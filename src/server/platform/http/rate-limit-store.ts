import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { DataKey } from '../config.ts';
import { blindIndex } from '../crypto/fields.ts';
import { type Database, rows } from '../db/client.ts';
import type { DueJob } from '../jobs/due.ts';

type Counter = { hits: number; ttl_ms: number };

/**
 * A store for @fastify/rate-limit that counts in the database (`rate_limit_counters`) instead of in
 * the process: one atomic upsert per request, a fixed window per route and client. With several app
 * processes (WORKERS) the limit holds across all of them; PGlite uses the same store, single-process.
 * Time is the database's own `now()`, so processes with skewed clocks still share one window.
 */
export function databaseRateLimitStore(db: Database, keys: readonly DataKey[]) {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    readonly #route: string;

    constructor(_options?: FastifyRateLimitOptions, route = '') {
      this.#route = route;
    }

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      // The client key (an address) is never stored: an HMAC of route and key names the row.
      const id = blindIndex(`${this.#route}\u0000${key}`, keys[0]!, 'rate_limit_counters.key');
      const window = Math.max(1, Math.ceil(timeWindow)) / 1000;
      rows<Counter>(
        db.orm,
        sql`insert into rate_limit_counters as c (key, hits, window_ends_at)
            values (${id}, 1, now() + make_interval(secs => ${window}))
            on conflict (key) do update set
              hits = case when c.window_ends_at <= now() then 1 else c.hits + 1 end,
              window_ends_at = case when c.window_ends_at <= now()
                                    then now() + make_interval(secs => ${window}) else c.window_ends_at end
            returning hits, greatest(0, ceil(extract(epoch from (window_ends_at - now())) * 1000))::float8 as ttl_ms`,
      ).then(
        ([row]) =>
          callback(null, { current: Number(row?.hits ?? 1), ttl: Number(row?.ttl_ms ?? timeWindow) }),
        (error: unknown) => callback(error as Error),
      );
    }

    // The plugin passes the route's merged limit settings, which carry the route as `routeInfo`
    // (its typings say RouteOptions): one counter per route, as its own stores keep.
    child(routeOptions: object): FastifyRateLimitStore {
      const info =
        (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      const method = Array.isArray(info.method) ? info.method.join(',') : (info.method ?? '');
      return new DatabaseRateLimitStore(undefined, `${this.#route}${method} ${info.url ?? ''}`);
    }
  };
}

export const httpRateLimitPurgeJob: DueJob = {
  name: 'http.rate-limit-purge',
  // Counters whose window has ended say nothing any more; the next request would reset them anyway.
  async run({ db }) {
    const removed = await rows<{ key: string }>(
      db.orm,
      sql`delete from rate_limit_counters where window_ends_at < now() - interval '1 minute' returning key`,
    );
    return { processed: removed.length };
  },
};
