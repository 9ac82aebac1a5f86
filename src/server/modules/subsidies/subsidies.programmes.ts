import { randomUUID } from 'node:crypto';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { ProgrammeBody } from '../../../shared/contracts/subsidies.ts';
import { fiscalYearOfMonth } from '../../../shared/fiscal-year.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict } from '../../platform/errors.ts';
import { getMunicipality } from '../municipalities/index.ts';
import { SUBSIDY_TEXT, subsidyError } from './subsidies.errors.ts';
import { postProgrammeBudget } from './subsidies.ledger.ts';
import { type ProgrammeRow, programmeRow } from './subsidies.records.ts';
import { subsidyApplications, subsidyClaims, subsidyProgrammes } from './subsidies.tables.ts';

/** Use cases of a fiscal year's programme: its settings, its budget, and what the public form shows. */

/**
 * The budget of a programme (decision 0010): committed = confirmed claims (額の確定 done, paid or not)
 * + claims waiting for confirmation. Grants are not committed: a grant is a ceiling per person, and
 * most people travel less than they expect; they are shown (sum of granted monthly amounts) so staff
 * see the exposure, but only claims draw on the budget.
 */
export async function programmeBudget(tx: Tx, programme: ProgrammeRow, excludeClaimId?: string) {
  const [row] = await tx
    .select({
      confirmed: sql<string>`coalesce(sum(${subsidyClaims.confirmedYen}) filter (where ${subsidyClaims.status} in ('confirmed','paid')), 0)`,
      pending: sql<string>`coalesce(sum(${subsidyClaims.claimedYen}) filter (where ${subsidyClaims.status} = 'submitted'), 0)`,
    })
    .from(subsidyClaims)
    .where(
      and(
        eq(subsidyClaims.municipalityCode, programme.municipalityCode),
        eq(subsidyClaims.programmeId, programme.id),
        excludeClaimId ? ne(subsidyClaims.id, excludeClaimId) : undefined,
      ),
    );
  const [granted] = await tx
    .select({ total: sql<string>`coalesce(sum(${subsidyApplications.grantedMonthlyYen}), 0)` })
    .from(subsidyApplications)
    .where(
      and(
        eq(subsidyApplications.municipalityCode, programme.municipalityCode),
        eq(subsidyApplications.programmeId, programme.id),
        eq(subsidyApplications.status, 'approved'),
      ),
    );
  const confirmedYen = Number(row?.confirmed ?? 0);
  const pendingYen = Number(row?.pending ?? 0);
  return {
    budgetYen: programme.budgetYen,
    confirmedYen,
    pendingYen,
    remainingYen: programme.budgetYen - confirmedYen - pendingYen,
    grantedMonthlyYen: Number(granted?.total ?? 0),
  };
}

async function presentProgramme(tx: Tx, p: ProgrammeRow) {
  return {
    id: p.id,
    fiscalYear: p.fiscalYear,
    name: p.name,
    budgetYen: p.budgetYen,
    monthlyCapYen: p.monthlyCapYen,
    carYenPerKm: p.carYenPerKm,
    bicycleYenPerKm: p.bicycleYenPerKm,
    applicantRelations: p.applicantRelations,
    open: p.open,
    documentNumberPrefix: p.documentNumberPrefix,
    approvalNoticeText: p.approvalNoticeText,
    rejectionNoticeText: p.rejectionNoticeText,
    instructionText: p.instructionText,
    version: p.version,
    nextDocumentSerial: p.nextDocumentSerial,
    budget: await programmeBudget(tx, p),
  };
}

export async function listProgrammes(tx: Tx, tenant: string) {
  const rows = await tx
    .select()
    .from(subsidyProgrammes)
    .where(eq(subsidyProgrammes.municipalityCode, tenant))
    .orderBy(desc(subsidyProgrammes.fiscalYear));
  return { items: await Promise.all(rows.map((p) => presentProgramme(tx, p))) };
}

export async function getProgramme(tx: Tx, tenant: string, id: string) {
  return presentProgramme(tx, await programmeRow(tx, tenant, id));
}

export async function createProgramme(tx: Tx, tenant: string, input: ProgrammeBody, now: Date) {
  const [existing] = await tx
    .select({ id: subsidyProgrammes.id })
    .from(subsidyProgrammes)
    .where(
      and(eq(subsidyProgrammes.municipalityCode, tenant), eq(subsidyProgrammes.fiscalYear, input.fiscalYear)),
    );
  if (existing) throw conflict({ programmeId: existing.id }, SUBSIDY_TEXT.programmeExists);
  const id = randomUUID();
  await tx
    .insert(subsidyProgrammes)
    .values({ ...input, municipalityCode: tenant, id, createdAt: now, updatedAt: now });
  await postProgrammeBudget(tx, tenant, { id, ...input }, { at: now, actorAccountId: null });
  return getProgramme(tx, tenant, id);
}

export async function updateProgramme(
  tx: Tx,
  tenant: string,
  id: string,
  input: Omit<ProgrammeBody, 'fiscalYear'> & { version: number },
  now: Date,
) {
  const { version, ...values } = input;
  const updated = await tx
    .update(subsidyProgrammes)
    .set({ ...values, version: sql`${subsidyProgrammes.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(subsidyProgrammes.municipalityCode, tenant),
        eq(subsidyProgrammes.id, id),
        eq(subsidyProgrammes.version, version),
      ),
    )
    .returning({ id: subsidyProgrammes.id });
  if (updated.length === 0) {
    await programmeRow(tx, tenant, id); // 404 when it is not there (or another tenant's)
    throw conflict();
  }
  const saved = await programmeRow(tx, tenant, id);
  await postProgrammeBudget(tx, saved.municipalityCode, saved, { at: now, actorAccountId: null });
  return getProgramme(tx, tenant, id);
}

/** The programme a public application goes to: the tenant's programme of the fiscal year of today. */
export async function currentProgramme(tx: Tx, tenant: string, now: Date): Promise<ProgrammeRow | null> {
  const today = isoDateInTokyo(now);
  const fiscalYear = fiscalYearOfMonth(today.slice(0, 7));
  const [row] = await tx
    .select()
    .from(subsidyProgrammes)
    .where(and(eq(subsidyProgrammes.municipalityCode, tenant), eq(subsidyProgrammes.fiscalYear, fiscalYear)));
  return row ?? null;
}

export async function publicProgramme(tx: Tx, tenant: string, now: Date) {
  const p = await currentProgramme(tx, tenant, now);
  if (!p?.open) throw subsidyError(404, 'subsidy_not_accepted');
  const municipality = await getMunicipality(tx, tenant);
  return {
    municipalityCode: tenant,
    municipalityName: municipality.name,
    fiscalYear: p.fiscalYear,
    name: p.name,
    monthlyCapYen: p.monthlyCapYen,
    carYenPerKm: p.carYenPerKm,
    bicycleYenPerKm: p.bicycleYenPerKm,
    applicantRelations: p.applicantRelations,
    open: p.open,
  };
}
