import { and, asc, eq, inArray } from 'drizzle-orm';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict } from '../../platform/errors.ts';
import type { BankAccount, PayableSource } from '../../platform/modules/payable-sources.ts';
import { findBranch } from '../banks/index.ts';
import { SUBSIDY_TEXT } from './subsidies.errors.ts';
import { SUBSIDY_SOURCE_KIND, subsidyProgrammeKey } from './subsidies.ledger.ts';
import { open, personalOf, type SubsidyContext } from './subsidies.records.ts';
import { subsidyApplications, subsidyClaims, subsidyProgrammes } from './subsidies.tables.ts';

/**
 * What the payments module (issue 9) reads and changes of the subsidy: confirmed claims with the bank
 * details a transfer needs, the programmes' names, and a claim paid or returned; registered as one
 * of payments' payable sources through the manifest.
 */

type PayableClaim = {
  claimId: string;
  applicationId: string;
  programmeId: string;
  fiscalYear: number;
  tripMonth: string;
  amountYen: number;
  confirmedOn: string;
  receiptNumber: string;
  /** The applicant, who receives the transfer. */
  payeeName: string;
  bank: {
    bankCode: string;
    bankKana: string;
    branchCode: string;
    branchKana: string;
    accountType: 'ordinary' | 'current' | 'savings';
    accountNumber: string;
    holderKana: string;
  };
};

/** Ledger programme key → programme name (the transaction's tenant), for finance's screens and CSV. */
export async function programmeNames(tx: Tx, tenant: string): Promise<Map<string, string>> {
  const found = await tx
    .select({ id: subsidyProgrammes.id, name: subsidyProgrammes.name })
    .from(subsidyProgrammes)
    .where(eq(subsidyProgrammes.municipalityCode, tenant));
  return new Map(found.map((p) => [subsidyProgrammeKey(p.id), p.name]));
}

/**
 * Confirmed, unpaid claims of the transaction's tenant, oldest first, with the decrypted bank details
 * a 全銀 総合振込 file needs. The caller (payments) must audit the read of bank details
 * (`subsidies.claim.bank.read` per claim id) and run it only for a finance account.
 */
export async function listPayableClaims(
  tx: Tx,
  ctx: Pick<SubsidyContext, 'config'>,
  tenant: string,
  filter: { fiscalYear?: number; programmeId?: string; claimIds?: string[] } = {},
): Promise<PayableClaim[]> {
  const rows = await tx
    .select({ c: subsidyClaims, a: subsidyApplications })
    .from(subsidyClaims)
    .innerJoin(subsidyApplications, eq(subsidyApplications.id, subsidyClaims.applicationId))
    .where(
      and(
        eq(subsidyClaims.municipalityCode, tenant),
        eq(subsidyClaims.status, 'confirmed'),
        filter.fiscalYear !== undefined ? eq(subsidyClaims.fiscalYear, filter.fiscalYear) : undefined,
        filter.programmeId ? eq(subsidyClaims.programmeId, filter.programmeId) : undefined,
        filter.claimIds ? inArray(subsidyClaims.id, filter.claimIds) : undefined,
      ),
    )
    .orderBy(asc(subsidyClaims.confirmedAt), asc(subsidyClaims.id));
  return rows.map(({ c, a }) => {
    const branch = findBranch(a.bankCode, a.branchCode);
    return {
      claimId: c.id,
      applicationId: a.id,
      programmeId: c.programmeId,
      fiscalYear: c.fiscalYear,
      tripMonth: c.tripMonth,
      amountYen: c.confirmedYen ?? 0,
      confirmedOn: c.confirmedOn ?? '',
      receiptNumber: a.receiptNumber,
      payeeName: personalOf(ctx, a).applicant.name,
      bank: {
        bankCode: a.bankCode,
        bankKana: branch?.bankKana ?? '',
        branchCode: a.branchCode,
        branchKana: branch?.kana ?? '',
        accountType: a.accountType,
        accountNumber: open(ctx, 'accountNumber', a.id, a.accountNumberEncrypted),
        holderKana: open(ctx, 'holderKana', a.id, a.holderKanaEncrypted),
      },
    };
  });
}

/**
 * Marks confirmed claims as paid (the payments module, once the transfer is made). All or nothing:
 * any id that is not a confirmed claim of this tenant fails the whole call with 409.
 */
export async function markClaimsPaid(
  tx: Tx,
  tenant: string,
  claimIds: string[],
  payment: { paidOn: string; reference: string },
  now: Date,
): Promise<number> {
  if (claimIds.length === 0) return 0;
  const updated = await tx
    .update(subsidyClaims)
    .set({ status: 'paid', paidOn: payment.paidOn, paymentReference: payment.reference, updatedAt: now })
    .where(
      and(
        eq(subsidyClaims.municipalityCode, tenant),
        inArray(subsidyClaims.id, claimIds),
        eq(subsidyClaims.status, 'confirmed'),
      ),
    )
    .returning({ id: subsidyClaims.id });
  if (updated.length !== new Set(claimIds).size) throw conflict(undefined, SUBSIDY_TEXT.claimsNotConfirmed);
  return updated.length;
}

/** A transfer that came back (組戻し): the claim is confirmed and payable again, in a later batch. */
async function markClaimReturned(tx: Tx, tenant: string, claimId: string, now: Date): Promise<void> {
  await tx
    .update(subsidyClaims)
    .set({ status: 'confirmed', paidOn: null, paymentReference: null, updatedAt: now })
    .where(
      and(
        eq(subsidyClaims.municipalityCode, tenant),
        eq(subsidyClaims.id, claimId),
        eq(subsidyClaims.status, 'paid'),
      ),
    );
}

/** 預金種目 codes of the transfer file. */
const ACCOUNT_TYPE_CODE: Record<'ordinary' | 'current' | 'savings', BankAccount['accountType']> = {
  ordinary: '1',
  current: '2',
  savings: '4',
};

/**
 * Confirmed transport-subsidy claims (額の確定) are paid through payment batches (issue 9): the
 * description names the programme and the month, never the person. Named in the subsidies manifest
 * (`payableSources`).
 */
export const subsidyClaimsPayable: PayableSource = {
  kind: SUBSIDY_SOURCE_KIND,
  label: { ja: '交通費補助', en: 'Transport-cost subsidy' },
  async listPayable(tx, tenant, ctx) {
    return (await listPayableClaims(tx, ctx, tenant)).map((claim) => {
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
  programmeNames: (tx, tenant) => programmeNames(tx, tenant),
  async onResult(tx, tenant, claimId, result, ctx) {
    const now = ctx.clock.now();
    if (result === 'paid')
      await markClaimsPaid(
        tx,
        tenant,
        [claimId],
        { paidOn: isoDateInTokyo(now), reference: 'payment-batch' },
        now,
      );
    else await markClaimReturned(tx, tenant, claimId, now);
  },
};
