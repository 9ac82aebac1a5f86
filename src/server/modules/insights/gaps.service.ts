import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { ReturnItems, ServiceGap } from '../../../shared/contracts/insights.ts';
import type { Tx } from '../../platform/db/client.ts';
import {
  type AcceptedReturn,
  type BuiltTown,
  lackedThenBuiltFrom,
  lacksIn,
  SERVICE_GAP_ITEMS,
} from './gaps.ts';
import { statusReturns } from './insights.tables.ts';
import { enterPublicScope } from './returns.service.ts';

/**
 * "Towns that lacked what this town lacks and then built it" for the model-case library (issue 17 §3),
 * read as the public reads returns: in the public scope, so row-level security shows accepted returns
 * only (the state is filtered here too), and only the service items of gaps.ts are fetched — never
 * the contact e-mail, never a person count beyond "none / some". The caller passes a transaction of
 * its own: the public scope is set on it for the rest of that transaction.
 */
const subset: SQL<ReturnItems> = sql`jsonb_build_object(${sql.join(
  SERVICE_GAP_ITEMS.map((id) => sql`${id}::text, ${statusReturns.items} -> ${id}::text`),
  sql`, `,
)})`;

export async function townsThatBuiltWhatIsLacking(
  tx: Tx,
  municipalityCode: string,
): Promise<{ lacks: ServiceGap[]; fiscalYear: number | null; towns: BuiltTown[] }> {
  await enterPublicScope(tx);
  const accepted = eq(statusReturns.state, 'accepted');
  const [own] = await tx
    .select({ fiscalYear: statusReturns.fiscalYear, items: subset })
    .from(statusReturns)
    .where(and(accepted, eq(statusReturns.municipalityCode, municipalityCode)))
    .orderBy(desc(statusReturns.fiscalYear))
    .limit(1);
  // No accepted return, or one that lacks nothing known: there is nothing to compare, nothing else is read.
  if (!own) return { lacks: [], fiscalYear: null, towns: [] };
  if (!lacksIn(own.items).length) return { lacks: [], fiscalYear: own.fiscalYear, towns: [] };
  const rows: AcceptedReturn[] = await tx
    .select({
      municipalityCode: statusReturns.municipalityCode,
      fiscalYear: statusReturns.fiscalYear,
      items: subset,
    })
    .from(statusReturns)
    .where(accepted);
  return lackedThenBuiltFrom(municipalityCode, rows);
}
