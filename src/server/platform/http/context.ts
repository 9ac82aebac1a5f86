import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';

/** What every route handler may use: configuration, the database and the clock. */
export type AppContext = {
  config: Config;
  db: Database;
  clock: Clock;
};

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyContextConfig {
    /**
     * Every route declares who may call it (deny by default): `public` for anonymous pages,
     * otherwise a permission name checked against the actor's roles.
     */
    permission?: string;
    /**
     * A `self` route a session may call before its second factor (completing MFA: the challenge,
     * enrolment, /me and plain logout). Every other `self` route needs MFA satisfied like any staff route.
     */
    beforeSecondFactor?: boolean;
    /**
     * A small, hot public answer that is the same for everyone (municipality page, prefecture list,
     * open data): kept in this process's memory until a write or PUBLIC_CACHE_TTL_MS (public-cache.ts).
     */
    publicCache?: boolean;
    /**
     * A write that cannot change any public answer (a support record, a payment…): it leaves the
     * in-process public cache as it is. Set for every route of a module whose manifest says
     * `writesPublicData: false` (modules/index.ts); a route may also say it itself.
     */
    keepsPublicCache?: boolean;
  }
}
