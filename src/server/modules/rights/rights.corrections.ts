import { and, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import { decryptOptional } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { loadPerson } from '../support/index.ts';
import { type CorrectionRow, open, type RightsContext, seal } from './rights.context.ts';
import { rightsError } from './rights.errors.ts';
import { mayDecideCorrection } from './rights.policy.ts';
import type { CreateCorrectionBody, DecideCorrectionBody } from './rights.schema.ts';
import { correctionRequests, RIGHTS_CONTEXTS } from './rights.tables.ts';

/** Use cases of a correction request (訂正請求) and its decided outcome. */

export function presentCorrection(ctx: RightsContext, c: CorrectionRow) {
  const request = JSON.parse(open(ctx, c.requestEncrypted, RIGHTS_CONTEXTS.correction)) as {
    item: string;
    request: string;
  };
  const explanation = decryptOptional(
    c.explanationEncrypted,
    ctx.config.dataKeys,
    RIGHTS_CONTEXTS.correctionExplanation,
  );
  return {
    id: c.id,
    personId: c.personId,
    receivedOn: c.receivedOn,
    item: request.item,
    request: request.request,
    outcome: c.outcome,
    explanation: explanation ?? null,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    version: c.version,
  };
}

export async function createCorrection(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  actor: Actor,
  personId: string,
  input: z.output<typeof CreateCorrectionBody>,
) {
  const { person } = await loadPerson(tx, ctx, tenant, actor, personId);
  const [row] = await tx
    .insert(correctionRequests)
    .values({
      municipalityCode: tenant,
      personId: person.id,
      receivedOn: input.receivedOn,
      requestEncrypted: seal(
        ctx,
        JSON.stringify({ item: input.item, request: input.request }),
        RIGHTS_CONTEXTS.correction,
      ),
      createdBy: actor.accountId,
      createdAt: ctx.clock.now(),
    })
    .returning();
  return presentCorrection(ctx, row!);
}

export async function listCorrections(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  actor: Actor,
  personId: string,
) {
  const { person } = await loadPerson(tx, ctx, tenant, actor, personId);
  const found = await tx
    .select()
    .from(correctionRequests)
    .where(
      and(
        eq(correctionRequests.municipalityCode, tenant),
        inArray(correctionRequests.personId, [person.id, ...person.mergedIds]),
      ),
    )
    .orderBy(desc(correctionRequests.createdAt));
  const items = found.map((c) => presentCorrection(ctx, c));
  return { items, total: items.length, nextCursor: null };
}

export async function decideCorrection(
  tx: Tx,
  ctx: RightsContext,
  tenant: string,
  actor: Actor,
  id: string,
  input: z.output<typeof DecideCorrectionBody>,
) {
  const [row] = await tx
    .select()
    .from(correctionRequests)
    .where(and(eq(correctionRequests.municipalityCode, tenant), eq(correctionRequests.id, id)));
  if (!row) throw notFound();
  await loadPerson(tx, ctx, tenant, actor, row.personId);
  if (!mayDecideCorrection(row)) throw rightsError(409, 'correction_decided');
  const [saved] = await tx
    .update(correctionRequests)
    .set({
      outcome: input.outcome,
      explanationEncrypted: seal(ctx, input.explanation, RIGHTS_CONTEXTS.correctionExplanation),
      decidedBy: actor.accountId,
      decidedAt: ctx.clock.now(),
      version: row.version + 1,
    })
    .where(
      and(
        eq(correctionRequests.municipalityCode, tenant),
        eq(correctionRequests.id, row.id),
        eq(correctionRequests.version, input.version),
      ),
    )
    .returning();
  if (!saved) throw conflict({ current: presentCorrection(ctx, row), yours: input });
  return presentCorrection(ctx, saved);
}
