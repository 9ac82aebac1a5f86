import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request counters of the public rate limits (issue 23): kept in the database so that a limit of
 * 10 a minute stays 10 a minute however many app processes answer. One row per route and client,
 * a fixed window; the key is an HMAC, so the table holds no address. Rows past their window are
 * reused by the next request or removed by `http.rate-limit-purge`. Owner connection only (RLS on,
 * no policy: the app role sees nothing).
 */
export const rateLimitCounters = pgTable('rate_limit_counters', {
  key: text().primaryKey(),
  hits: integer().notNull(),
  windowEndsAt: timestamp({ withTimezone: true }).notNull(),
}).enableRLS();
