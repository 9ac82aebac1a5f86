import type { Tx } from '../../platform/db/client.ts';
import { type LedgerWho, ledgerMove, ledgerPost, setBudget } from '../payments/index.ts';

/**
 * What the transport subsidy tells the budget ledger (issue 9), in the same transaction as the step
 * itself, so the ledger always equals the sum of its lines: a programme's budget; a claim's amount
 * committed when it is entered and moved to confirmed at 額の確定 (decision 0010: committed = claims
 * waiting + confirmed); payments then move it to paid.
 */
export const SUBSIDY_SOURCE_KIND = 'subsidy_claim';

export const subsidyProgrammeKey = (programmeId: string) => `subsidy:${programmeId}`;

type ClaimRef = { id: string; programmeId: string; fiscalYear: number; claimedYen: number };

const itemOf = (claim: ClaimRef) => ({
  programmeKey: subsidyProgrammeKey(claim.programmeId),
  fiscalYear: claim.fiscalYear,
  sourceKind: SUBSIDY_SOURCE_KIND,
  sourceId: claim.id,
});

export function postProgrammeBudget(
  tx: Tx,
  tenant: string,
  programme: { id: string; fiscalYear: number; budgetYen: number },
  who: LedgerWho,
): Promise<void> {
  return setBudget(
    tx,
    tenant,
    subsidyProgrammeKey(programme.id),
    programme.fiscalYear,
    programme.budgetYen,
    who,
  );
}

export function postClaimEntered(tx: Tx, tenant: string, claim: ClaimRef, who: LedgerWho): Promise<void> {
  return ledgerMove(
    tx,
    tenant,
    itemOf(claim),
    null,
    'committed',
    claim.claimedYen,
    'subsidy.claim.entered',
    who,
  );
}

export function postClaimConfirmed(
  tx: Tx,
  tenant: string,
  claim: ClaimRef,
  confirmedYen: number,
  who: LedgerWho,
): Promise<void> {
  return ledgerPost(
    tx,
    tenant,
    itemOf(claim),
    [
      { stage: 'committed', amount: -claim.claimedYen },
      { stage: 'confirmed', amount: confirmedYen },
    ],
    'subsidy.claim.confirmed',
    who,
  );
}

export function postClaimRejected(tx: Tx, tenant: string, claim: ClaimRef, who: LedgerWho): Promise<void> {
  return ledgerMove(
    tx,
    tenant,
    itemOf(claim),
    'committed',
    null,
    claim.claimedYen,
    'subsidy.claim.rejected',
    who,
  );
}
