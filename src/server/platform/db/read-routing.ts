import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

/**
 * Which requests may read from the replica (READ_DATABASE_URL, issue 23): anonymous GET/HEAD of the
 * public API. Everything else — staff routes, every write, every audited read — uses the primary.
 * The choice travels with the request (AsyncLocalStorage), and `inTransaction` honours it, so route
 * handlers do not change. A transaction routed to the replica that tries to write anyway (hot
 * standbys refuse: SQLSTATE 25006) is rerun on the primary rather than failing.
 */
const replicaReads = new AsyncLocalStorage<true>();

export function mayReadFromReplica(): boolean {
  return replicaReads.getStore() === true;
}

/** Runs `work` as a public read (tests and jobs that serve public reads outside a request). */
export function asReplicaRead<T>(work: () => T): T {
  return replicaReads.run(true, work);
}

export function registerReadRouting(app: FastifyInstance): void {
  if (!app.ctx.db.replica) return;
  app.addHook('onRequest', (request, _reply, done) => {
    const readOnly = request.method === 'GET' || request.method === 'HEAD';
    if (
      readOnly &&
      request.routeOptions.config?.permission === 'public' &&
      request.url.startsWith('/api/public/')
    )
      replicaReads.run(true, done);
    else done();
  });
}
