import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../platform/db/client.ts';

/**
 * Read function for the annual status return (insights, issue 16): the tenant's published 居場所
 * (kinds ibasho and peer_space, active listings) by life stage. Counts only, no content.
 */
export async function countPublishedPlaces(
  tx: Tx,
  tenant: string,
): Promise<{ total: number; youth: number; working: number; age40to64: number }> {
  const [row] = await rows<{ total: number; youth: number; working: number; age40to64: number }>(
    tx,
    sql`select count(*)::int as total,
          count(*) filter (where life_stages && array['school_age'])::int as youth,
          count(*) filter (where 'working_age' = any(life_stages))::int as working,
          count(*) filter (where 'age_40_64' = any(life_stages))::int as "age40to64"
        from place_listings
        where municipality_code = ${tenant} and kind in ('ibasho', 'peer_space') and status = 'active'`,
  );
  return row ?? { total: 0, youth: 0, working: 0, age40to64: 0 };
}
