import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import {
  blindIndex,
  blindIndexCandidates,
  decryptField,
  encryptField,
} from '../../platform/crypto/fields.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { type Access, caseAccess, needsLabourConsent } from './support.policy.ts';
import { supportPersons } from './support.tables.ts';

export type SupportContext = { clock: Clock; config: Pick<Config, 'dataKeys' | 'publicUrl'> };
export type PersonRow = typeof supportPersons.$inferSelect;

export const seal = (ctx: SupportContext, value: string, context: string) =>
  encryptField(value, ctx.config.dataKeys, context);
export const open = (ctx: SupportContext, value: string, context: string) =>
  decryptField(value, ctx.config.dataKeys, context);
export const index = (ctx: SupportContext, value: string, context: string) =>
  blindIndex(value, ctx.config.dataKeys[0]!, `${context}_index`);
export const indexCandidates = (ctx: SupportContext, value: string, context: string) =>
  blindIndexCandidates(value, ctx.config.dataKeys, `${context}_index`);
export const normalizePhone = (s: string) => s.normalize('NFKC').replace(/\D/g, '');
export const today = (ctx: SupportContext) => isoDateInTokyo(ctx.clock.now());

// ── access ──────────────────────────────────────────────────────────────────────────────────────

/** Who sees a case is support.policy.ts#caseAccess; the access a loaded case carries. */
export type { Access };

const isConsultation = (actor: Actor) => actor.roles.includes('consultation');
const isLabour = (actor: Actor) => actor.roles.includes('labour');

/** SQL: the person `p` (alias of support_persons) has a labour-collaboration consent in force. */
function labourConsentSql(personAlias: SQL, on: string): SQL {
  return sql`exists (
    select 1 from support_consents c
    where c.municipality_code = ${personAlias}.municipality_code
      and c.person_id = any(array_prepend(${personAlias}.id, ${personAlias}.merged_ids))
      and c.purpose = 'labour_collaboration' and c.recipient = 'labour_department'
      and c.status = 'given' and (c.expires_on is null or c.expires_on >= ${on}::date)
      and c.seq = (select max(c2.seq) from support_consents c2
                   where c2.municipality_code = c.municipality_code
                     and c2.person_id = any(array_prepend(${personAlias}.id, ${personAlias}.merged_ids))
                     and c2.purpose = c.purpose and c2.recipient = c.recipient))`;
}

/** The filter a list applies for this actor (persons table aliased as `p`). */
export function visibleTo(actor: Actor, on: string): SQL {
  if (isConsultation(actor)) return sql`true`;
  if (isLabour(actor)) return labourConsentSql(sql.raw('p'), on);
  return sql`false`;
}

async function accessTo(tx: Tx, ctx: SupportContext, actor: Actor, person: PersonRow): Promise<Access> {
  let labourConsentInForce = false;
  if (needsLabourConsent(actor.roles)) {
    const [found] = await rows<{ ok: boolean }>(
      tx,
      sql`select ${labourConsentSql(sql.raw('p'), today(ctx))} as ok from support_persons p
          where p.municipality_code = ${person.municipalityCode} and p.id = ${person.id}`,
    );
    labourConsentInForce = Boolean(found?.ok);
  }
  const decision = caseAccess({ roles: actor.roles, labourConsentInForce });
  if (!decision.allowed) throw notFound();
  return decision.access;
}

export const idsOf = (person: PersonRow) => [person.id, ...person.mergedIds];

/** A table whose rows belong to a person's record. */
type PersonOwned = { municipalityCode: PgColumn; personId: PgColumn };

/** SQL: the rows of `table` held under these person ids in the tenant. */
export const heldUnder = (table: PersonOwned, tenant: string, personIds: string[]) =>
  and(eq(table.municipalityCode, tenant), inArray(table.personId, personIds));

/** SQL: the rows of `table` of this person, including those still held under a merged duplicate's id. */
export const ofPerson = (table: PersonOwned, person: PersonRow) =>
  heldUnder(table, person.municipalityCode, idsOf(person));

/** Loads a case the actor may see (a merged duplicate opens its survivor). 404 otherwise. */
export async function loadPerson(
  tx: Tx,
  ctx: SupportContext,
  tenant: string,
  actor: Actor,
  id: string,
): Promise<{ person: PersonRow; access: Access }> {
  const person = await findSurvivor(tx, tenant, id);
  if (!person) throw notFound();
  return { person, access: await accessTo(tx, ctx, actor, person) };
}

/** The record under this id; a merged duplicate answers with its survivor. */
export async function findSurvivor(tx: Tx, tenant: string, id: string): Promise<PersonRow | undefined> {
  let [person] = await tx
    .select()
    .from(supportPersons)
    .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.id, id)));
  if (person?.mergedInto) {
    [person] = await tx
      .select()
      .from(supportPersons)
      .where(and(eq(supportPersons.municipalityCode, tenant), eq(supportPersons.id, person.mergedInto)));
  }
  return person;
}
