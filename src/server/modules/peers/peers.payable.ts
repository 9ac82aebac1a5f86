import { and, eq, sql } from 'drizzle-orm';
import { isBankKana } from '../../../shared/bank-kana.ts';
import { decryptField } from '../../platform/crypto/fields.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { BankAccount, PayableItem, PayableSource } from '../../platform/modules/payable-sources.ts';
import { linesOfSources } from '../payments/index.ts';
import { PEER_SOURCE_KIND, type PeersContext, programmeKeyOf } from './peers.registry.ts';
import { PEERS_CONTEXTS, peerClaims, peerProgrammes, peerSupporters } from './peers.tables.ts';

/** Ledger programme key → programme name, for finance's screens and the ledger CSV. */
async function programmeNames(tx: Tx, tenant: string): Promise<Map<string, string>> {
  const found = await tx
    .select({ id: peerProgrammes.id, name: peerProgrammes.name })
    .from(peerProgrammes)
    .where(eq(peerProgrammes.municipalityCode, tenant));
  return new Map(found.map((p) => [programmeKeyOf(p.id), p.name]));
}

/** Approved claims with a net amount, with the supporter's current bank details. */
async function payableClaims(tx: Tx, ctx: PeersContext, tenant: string): Promise<PayableItem[]> {
  const found = await tx
    .select({
      claim: peerClaims,
      bank: peerSupporters.bankEncrypted,
      payee: peerSupporters.displayName,
      programme: peerProgrammes.name,
    })
    .from(peerClaims)
    .innerJoin(peerSupporters, eq(peerSupporters.id, peerClaims.supporterId))
    .innerJoin(peerProgrammes, eq(peerProgrammes.id, peerClaims.programmeId))
    .where(
      and(
        eq(peerClaims.municipalityCode, tenant),
        eq(peerClaims.status, 'approved'),
        sql`${peerClaims.net} > 0`,
      ),
    );
  const paid = new Set(
    (
      await linesOfSources(
        tx,
        tenant,
        PEER_SOURCE_KIND,
        found.map((f) => f.claim.id),
      )
    )
      .filter((l) => l.status === 'paid')
      .map((l) => l.sourceId),
  );
  const items: PayableItem[] = [];
  for (const { claim, bank, payee, programme } of found) {
    // Claims of supporters with no bank account wait (the payable list shows nothing to pay them with).
    if (!bank || paid.has(claim.id)) continue;
    const account = JSON.parse(decryptField(bank, ctx.config.dataKeys, PEERS_CONTEXTS.bank)) as BankAccount;
    if (!isBankKana(account.holderName)) continue;
    const [y, m] = claim.month.split('-');
    items.push({
      sourceId: claim.id,
      programmeKey: programmeKeyOf(claim.programmeId),
      fiscalYear: claim.fiscalYear,
      amount: claim.net,
      ledgerAmount: claim.gross,
      description: `${programme} ${y}年${Number(m)}月分`,
      payeeName: payee,
      bank: account,
    });
  }
  return items;
}

/**
 * Approved peer compensation claims are the first payable source of payment batches (issue 9); named
 * in the peers manifest (`payableSources`).
 */
export const peerClaimsPayable: PayableSource = {
  kind: PEER_SOURCE_KIND,
  label: { ja: 'ピアサポーター報酬', en: 'Peer-supporter compensation' },
  listPayable: (tx, tenant, ctx) => payableClaims(tx, ctx, tenant),
  programmeNames,
};
