import { and, eq } from 'drizzle-orm';
import type { DecideBody } from '../../../shared/contracts/subsidies.ts';
import { fiscalYearOfMonth, reiwaFiscalYearLabel } from '../../../shared/fiscal-year.ts';
import { formatWareki, isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { getMunicipality, getPublicProfile } from '../municipalities/index.ts';
import { limitError, SUBSIDY_TEXT, statusError, subsidyError } from './subsidies.errors.ts';
import { notifyApplicant } from './subsidies.notify.ts';
import { grantedAmount, mayCheckIdentity, mayDecide, mayIssueNotice } from './subsidies.policy.ts';
import {
  type ApplicationRow,
  applicationRow,
  bumpVersion,
  monthLabel,
  mustBeAllowed,
  openOptional,
  personalOf,
  programmeRow,
  type SubsidyContext,
  seal,
} from './subsidies.records.ts';
import { type ApplicationStatus, subsidyApplications, subsidyProgrammes } from './subsidies.tables.ts';

/** Use cases of the review: the identity check, the decision (交付決定) and its printable notice. */

/** Identity and residency checked by staff: which document was seen, how residency was confirmed, by whom. */
export async function checkIdentity(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  id: string,
  input: {
    version: number;
    identityDocument: ApplicationRow['identityDocument'] & string;
    residencyMethod: ApplicationRow['residencyMethod'] & string;
    note?: string;
  },
  actor: Actor,
) {
  const a = await applicationRow(tx, tenant, id, true);
  bumpVersion(a, input.version);
  if (!mayCheckIdentity(a).allowed) throw statusError('submitted');
  const now = ctx.clock.now();
  await tx
    .update(subsidyApplications)
    .set({
      status: 'checked',
      identityDocument: input.identityDocument,
      residencyMethod: input.residencyMethod,
      checkNoteEncrypted: input.note ? seal(ctx, 'checkNote', id, input.note) : null,
      checkedBy: actor.accountId,
      checkedAt: now,
      version: a.version + 1,
      updatedAt: now,
    })
    .where(and(eq(subsidyApplications.municipalityCode, tenant), eq(subsidyApplications.id, id)));
  if (a.status === 'submitted') {
    const personal = personalOf(ctx, a);
    await notifyApplicant(tx, ctx, a.municipalityCode, id, personal, 'checked', a.language);
  }
}

/**
 * 交付決定: approve (the requested monthly amount), approve a lower amount (with reasons) or reject
 * (with reasons). Needs the identity check first. The document number takes the programme's next
 * serial under the programme's row lock, so two decisions never share a number.
 */
export async function decideApplication(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  id: string,
  input: DecideBody,
  actor: Actor,
) {
  const a = await applicationRow(tx, tenant, id, true);
  mustBeAllowed(actor, 'decide', a);
  bumpVersion(a, input.version);
  if (!mayDecide(a).allowed) throw statusError('checked');
  const programme = await programmeRow(tx, tenant, a.programmeId, true);
  const now = ctx.clock.now();
  const today = isoDateInTokyo(now);
  const grant = grantedAmount(input, a.requestedMonthlyYen);
  if (!grant.allowed)
    throw grant.reason === 'not_reduced'
      ? limitError(
          '/body/grantedMonthlyYen',
          a.requestedMonthlyYen - 1,
          SUBSIDY_TEXT.lessThanRequested(a.requestedMonthlyYen),
          'requested',
        )
      : limitError('/body/grantedMonthlyYen', 1, SUBSIDY_TEXT.atLeastOneYen, 'minimum');
  const granted = grant.granted;
  let grantFrom: string | null = null;
  let grantTo: string | null = null;
  if (granted !== null) {
    grantFrom = input.grantFrom ?? today.slice(0, 7);
    if (fiscalYearOfMonth(grantFrom) !== programme.fiscalYear)
      throw subsidyError(400, 'validation_failed', {
        pointer: '/body/grantFrom',
        message: SUBSIDY_TEXT.monthOfFiscalYear(
          reiwaFiscalYearLabel(programme.fiscalYear),
          programme.fiscalYear,
        ),
      });
    grantTo = `${programme.fiscalYear + 1}-03`;
  }
  const documentNumber = `${programme.documentNumberPrefix}${programme.nextDocumentSerial}号`;
  await tx
    .update(subsidyProgrammes)
    .set({ nextDocumentSerial: programme.nextDocumentSerial + 1 })
    .where(and(eq(subsidyProgrammes.municipalityCode, tenant), eq(subsidyProgrammes.id, programme.id)));
  const status: ApplicationStatus = input.decision === 'reject' ? 'rejected' : 'approved';
  await tx
    .update(subsidyApplications)
    .set({
      status,
      decision: input.decision,
      grantedMonthlyYen: granted,
      grantFrom,
      grantTo,
      reasonsEncrypted: input.reasons ? seal(ctx, 'reasons', id, input.reasons) : null,
      documentNumber,
      decidedBy: actor.accountId,
      decidedOn: today,
      decidedAt: now,
      version: a.version + 1,
      updatedAt: now,
    })
    .where(and(eq(subsidyApplications.municipalityCode, tenant), eq(subsidyApplications.id, id)));
  const personal = personalOf(ctx, a);
  await notifyApplicant(tx, ctx, a.municipalityCode, id, personal, status, a.language);
  return { documentNumber, status };
}

/** The printable decision notice (交付決定通知書 / 不交付決定通知書): 和暦 dates, the tenant's name, number, 教示. */
export async function decisionNotice(tx: Tx, ctx: SubsidyContext, tenant: string, id: string) {
  const a = await applicationRow(tx, tenant, id);
  if (!mayIssueNotice(a).allowed || !a.decidedOn || !a.documentNumber) throw statusError('decided');
  const programme = await programmeRow(tx, tenant, a.programmeId);
  const municipality = await getMunicipality(tx, a.municipalityCode);
  const profile = await getPublicProfile(tx, a.municipalityCode).catch(() => null);
  const personal = personalOf(ctx, a);
  const rejected = a.decision === 'reject';
  return {
    kind: rejected ? ('rejection' as const) : ('approval' as const),
    documentNumber: a.documentNumber,
    decidedOn: a.decidedOn,
    decidedOnWareki: formatWareki(new Date(`${a.decidedOn}T12:00:00+09:00`)),
    tenantName: (profile as { documentName?: string } | null)?.documentName || municipality.name,
    mayorTitle: `${municipality.name}長`,
    fiscalYearLabel: reiwaFiscalYearLabel(programme.fiscalYear),
    programmeName: programme.name,
    addressee: personal.applicant.name,
    personName: personal.person?.name ?? null,
    receiptNumber: a.receiptNumber,
    submittedOnWareki: formatWareki(a.submittedAt),
    requestedMonthlyYen: a.requestedMonthlyYen,
    grantedMonthlyYen: a.grantedMonthlyYen,
    grantFromLabel: monthLabel(a.grantFrom),
    grantToLabel: monthLabel(a.grantTo),
    destinationName: a.destinationName,
    bodyText: rejected ? programme.rejectionNoticeText : programme.approvalNoticeText,
    reasons: openOptional(ctx, 'reasons', id, a.reasonsEncrypted),
    instructionText: programme.instructionText,
  };
}
