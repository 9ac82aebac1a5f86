import { sql } from 'drizzle-orm';
import { statusReturns } from '../../src/server/modules/insights/insights.tables.ts';
import type { Database } from '../../src/server/platform/db/client.ts';
import { asSystem } from '../../src/server/platform/db/tenant.ts';

/**
 * Status returns (issue 16) written directly, for tests that need earlier fiscal years no screen or
 * route can produce within one test ("towns that lacked what this town lacks and then built it").
 * Every service is present except what a test sets (usually `places.total`).
 */
export const EVERY_SERVICE = {
  'window.exists': true,
  'platform.exists': true,
  'family.associations': 1,
  'family.classSessions': 4,
  'peers.active': 3,
  'training.courses': 1,
  'subsidy.programme': true,
} as const;

const DECIDED_AT = new Date('2026-06-01T00:00:00Z');

export type SeededReturn = {
  municipalityCode: string;
  fiscalYear: number;
  state?: 'accepted' | 'submitted' | 'returned';
  /** How many 居場所 the return declares. */
  places: number;
};

/** Replaces every return of the named towns (and of `alsoClear`) with the ones given. */
export async function replaceStatusReturns(
  db: Database,
  returns: SeededReturn[],
  alsoClear: readonly string[] = [],
): Promise<void> {
  const towns = [...new Set([...alsoClear, ...returns.map((r) => r.municipalityCode)])];
  await asSystem(db, async (tx) => {
    await tx.execute(
      sql`delete from status_returns where municipality_code in (${sql.join(
        towns.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
    await tx.insert(statusReturns).values(
      returns.map((r) => ({
        municipalityCode: r.municipalityCode,
        fiscalYear: r.fiscalYear,
        state: r.state ?? ('accepted' as const),
        items: { ...EVERY_SERVICE, 'places.total': r.places },
        enteredBy: 'prefecture' as const,
        isDemo: true,
        decidedAt: DECIDED_AT,
        updatedAt: DECIDED_AT,
      })) as (typeof statusReturns.$inferInsert)[],
    );
  });
}
