import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { DataKey } from '../config.ts';
import { blindIndex } from '../crypto/fields.ts';
import { type Database, rows } from '../db/client.ts';
import type { DueJob } from '../jobs/due.ts';

type Counter = { hits: number; ttl_ms: number };
type Counted = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** How often a process sends its batched read counts to the shared table. */
const READ_COUNT_FLUSH_MS = 250;

/**
 * A store for @fastify/rate-limit that counts in the database (`rate_limit_counters`) instead of in
 * the process, so that a limit holds across several app processes (WORKERS); PGlite uses the same
 * store, single-process. Time is the database's own `now()`, so processes with skewed clocks still
 * share one window. Two ways of counting, by the route's method:
 *
 * - **Writes** (POST: public forms, sign-in) are counted exactly: one atomic upsert per request, so a
 *   limit of 10 a minute is 10 a minute with any number of processes.
 * - **Reads** (GET/HEAD: the public directory, municipality pages) are counted in the process. A
 *   reader's count goes to the table only once it reaches a tenth of the limit in the window (12 of
 *   120 a minute), and then in one statement per process every 250 ms; each process answers from its
 *   own count plus the others' as of its last send. A person reading a few pages never costs the
 *   primary a write; a crawler is counted across processes. A burst of readers after a TV programme
 *   (thousands of addresses, a few pages each) was one write transaction per page before, on the
 *   primary, even for a page served from the in-process cache or meant for the replica. The price:
 *   across N processes a reader can exceed a read limit by up to a tenth of it per process, plus what
 *   the others served it within one interval — for a limit of 120 a minute that stops crawling; a
 *   form's limit of 10 stays exact.
 */
export function databaseRateLimitStore(
  db: Database,
  keys: readonly DataKey[],
  options: { readFlushMs?: number } = {},
) {
  // The client key (an address) is never stored: an HMAC of route and key names the row.
  const tableKey = (reader: string) => blindIndex(reader, keys[0]!, 'rate_limit_counters.key');
  const reads = new BatchedReadCounts(db, tableKey, options.readFlushMs);
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    /** Sends this process's pending read counts now (tests; shutdown need not: see `#schedule`). */
    static flushReads(): Promise<void> {
      return reads.flush();
    }

    readonly #route: string;
    readonly #batched: boolean;

    constructor(_options?: FastifyRateLimitOptions, route = '', batched = false) {
      this.#route = route;
      this.#batched = batched;
    }

    incr(key: string, callback: Counted, timeWindow: number, max?: number): void {
      const reader = `${this.#route}\u0000${key}`;
      const windowMs = Math.max(1, Math.ceil(timeWindow));
      if (this.#batched) {
        // Named by its HMAC only if it reaches the table: most readers never do, and the HMAC was
        // ~5 % of the server's own work on a public search (CPU profile, decision 0031).
        reads.incr(reader, windowMs, shareFrom(max), callback);
        return;
      }
      const id = tableKey(reader);
      rows<Counter>(
        db.orm,
        sql`insert into rate_limit_counters as c (key, hits, window_ends_at)
            values (${id}, 1, now() + make_interval(secs => ${windowMs / 1000}))
            on conflict (key) do update set
              hits = case when c.window_ends_at <= now() then 1 else c.hits + 1 end,
              window_ends_at = case when c.window_ends_at <= now()
                                    then now() + make_interval(secs => ${windowMs / 1000}) else c.window_ends_at end
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
      const methods = (Array.isArray(info.method) ? info.method : [info.method ?? '']).map((m) =>
        m.toUpperCase(),
      );
      const readOnly = methods.every((m) => m === 'GET' || m === 'HEAD');
      return new DatabaseRateLimitStore(
        undefined,
        `${this.#route}${methods.join(',')} ${info.url ?? ''}`,
        readOnly,
      );
    }
  };
}

/** A reader's count is shared once it reaches a tenth of the limit (at least 1). */
function shareFrom(max: number | undefined): number {
  return max && Number.isFinite(max) ? Math.max(1, Math.ceil(max / 10)) : 1;
}

type ReadCount = {
  /** Requests of this process not yet sent to the table. */
  pending: number;
  /** Requests sent to the table whose answer has not come back: still counted until it has. */
  sending: number;
  /** The count of all processes as the table answered at this process's last send. */
  sharedCount: number;
  /** When the window ends, in this process's clock (re-aligned to the table's at each send). */
  endsAt: number;
  windowMs: number;
  /** This process's count from which the reader is counted in the table too. */
  shareFrom: number;
  /** Whether this reader's count has gone to the table in this window. */
  inTable: boolean;
  /** The reader's row in the table (an HMAC), made on its first send. */
  tableKey?: string;
};

/** The read counts of one process, sent to `rate_limit_counters` in one statement per interval. */
export class BatchedReadCounts {
  readonly #counts = new Map<string, ReadCount>();
  #timer: NodeJS.Timeout | null = null;
  #sending: Promise<void> = Promise.resolve();
  #forgottenAt = 0;

  readonly #db: Database;
  readonly #flushEveryMs: number;
  readonly #tableKey: (reader: string) => string;

  /**
   * `tableKey` names a reader's row in the table; the reader itself (route and address) stays in this
   * process's memory, for its window only.
   */
  constructor(db: Database, tableKey: (reader: string) => string, flushEveryMs = READ_COUNT_FLUSH_MS) {
    this.#db = db;
    this.#flushEveryMs = flushEveryMs;
    this.#tableKey = tableKey;
  }

  incr(id: string, windowMs: number, shareFrom: number, callback: Counted): void {
    const now = Date.now();
    let count = this.#counts.get(id);
    if (!count || count.endsAt <= now) {
      this.#forgetEnded(now);
      count = {
        pending: 0,
        sending: 0,
        sharedCount: 0,
        endsAt: now + windowMs,
        windowMs,
        shareFrom,
        inTable: false,
      };
      this.#counts.set(id, count);
    }
    count.pending += 1;
    if (count.inTable || count.pending >= count.shareFrom) this.#schedule();
    callback(null, { current: count.sharedCount + count.sending + count.pending, ttl: count.endsAt - now });
  }

  /** Readers who never reached the table leave no timer behind: their ended windows go here. */
  #forgetEnded(now: number): void {
    if (now - this.#forgottenAt < 10_000) return;
    this.#forgottenAt = now;
    for (const [id, count] of this.#counts) if (count.endsAt <= now) this.#counts.delete(id);
  }

  /** Sends what is pending now (also what the timer calls); resolves when the table has answered. */
  flush(): Promise<void> {
    this.#sending = this.#sending.then(() => this.#send());
    return this.#sending;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, this.#flushEveryMs);
    // Pending counts never keep a process alive: losing a quarter-second of read counts at exit is harmless.
    this.#timer.unref();
  }

  async #send(): Promise<void> {
    const now = Date.now();
    const batch: { k: string; n: number; w: number }[] = [];
    // The batch's rows by table key, as the table answers them.
    const sent = new Map<string, ReadCount>();
    for (const [id, count] of this.#counts) {
      if (count.endsAt <= now) {
        // Its window is over: whatever was not sent no longer limits anyone.
        this.#counts.delete(id);
      } else if (count.pending > 0 && (count.inTable || count.pending >= count.shareFrom)) {
        count.tableKey ??= this.#tableKey(id);
        sent.set(count.tableKey, count);
        batch.push({ k: count.tableKey, n: count.pending, w: count.windowMs / 1000 });
        // Until the table answers, what is sent stays in this process's count: a reader served
        // meanwhile must not see its count drop by what is in flight.
        count.sending += count.pending;
        count.pending = 0;
        count.inTable = true;
      }
    }
    if (batch.length === 0) return;
    try {
      // One statement for every counter of the interval (a JSON array: the same on PGlite and pg).
      const answered = await rows<{ key: string } & Counter>(
        this.#db.orm,
        sql`insert into rate_limit_counters as c (key, hits, window_ends_at)
            select t.k, t.n, now() + make_interval(secs => t.w)
              from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as t(k text, n int, w float8)
            on conflict (key) do update set
              hits = case when c.window_ends_at <= now() then excluded.hits else c.hits + excluded.hits end,
              window_ends_at = case when c.window_ends_at <= now() then excluded.window_ends_at else c.window_ends_at end
            returning c.key, c.hits, greatest(0, ceil(extract(epoch from (c.window_ends_at - now())) * 1000))::float8 as ttl_ms`,
      );
      const at = Date.now();
      for (const { k, n } of batch) {
        const count = sent.get(k)!;
        count.sending = Math.max(0, count.sending - n);
      }
      for (const row of answered) {
        const count = sent.get(row.key);
        if (!count) continue;
        count.sharedCount = Number(row.hits);
        count.endsAt = at + Number(row.ttl_ms);
      }
    } catch {
      // The table could not be reached: keep the counts for the next send (the process goes on
      // limiting by its own count meanwhile). No address is in the error or here to log.
      for (const { k, n } of batch) {
        const count = sent.get(k)!;
        count.sending = Math.max(0, count.sending - n);
        count.pending += n;
      }
      this.#schedule();
    }
  }
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
