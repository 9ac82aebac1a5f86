import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { BankAccount } from '../payments/index.ts';
import { registerPayableSource } from '../payments/index.ts';
import { SUBSIDY_SOURCE_KIND, subsidyProgrammeKey } from './subsidies.ledger.ts';
import { listPayableClaims, markClaimReturned, markClaimsPaid, programmeNames } from './subsidies.service.ts';

/** 預金種目 codes of the transfer file. */
const ACCOUNT_TYPE_CODE: Record<'ordinary' | 'current' | 'savings', BankAccount['accountType']> = {
  ordinary: '1',
  current: '2',
  savings: '4',
};

/**
 * Confirmed transport-subsidy claims (額の確定) are paid through payment batches (issue 9): the
 * description names the programme and the month, never the person.
 */
registerPayableSource({
  kind: SUBSIDY_SOURCE_KIND,
  label: { ja: '交通費補助', en: 'Transport-cost subsidy' },
  async listPayable(tx, _tenant, ctx) {
    return (await listPayableClaims(tx, ctx)).map((claim) => {
      const [year, month] = claim.tripMonth.split('-');
      return {
        sourceId: claim.claimId,
        programmeKey: subsidyProgrammeKey(claim.programmeId),
        fiscalYear: claim.fiscalYear,
        amount: claim.amountYen,
        description: `交通費補助 ${year}年${Number(month)}月分`,
        payeeName: claim.payeeName,
        bank: {
          bankCode: claim.bank.bankCode,
          branchCode: claim.bank.branchCode,
          accountType: ACCOUNT_TYPE_CODE[claim.bank.accountType],
          accountNumber: claim.bank.accountNumber,
          holderName: claim.bank.holderKana,
        },
      };
    });
  },
  programmeNames: (tx) => programmeNames(tx),
  async onResult(tx, _tenant, claimId, result, ctx) {
    const now = ctx.clock.now();
    if (result === 'paid')
      await markClaimsPaid(tx, [claimId], { paidOn: isoDateInTokyo(now), reference: 'payment-batch' }, now);
    else await markClaimReturned(tx, claimId, now);
  },
});
