import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { toBankKana } from '../../../shared/bank-kana.ts';
import type { ApplicationBody } from '../../../shared/contracts/subsidies.ts';
import type { Database, Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { AppError } from '../../platform/errors.ts';
import { findBranch } from '../banks/index.ts';
import { publicEventRow } from '../events/index.ts';
import { getPublicPlace } from '../places/index.ts';
import { SUBSIDY_TEXT, subsidyError } from './subsidies.errors.ts';
import { alertReviewers, notifyApplicant } from './subsidies.notify.ts';
import { mayApply } from './subsidies.policy.ts';
import { currentProgramme } from './subsidies.programmes.ts';
import type { ReceiptType } from './subsidies.receipts.ts';
import {
  applicationRow,
  iso,
  newReceiptNumber,
  normalizeReceiptNumber,
  type Personal,
  type SubsidyContext,
  seal,
} from './subsidies.records.ts';
import {
  type DestinationKind,
  subsidyApplications,
  subsidyClaims,
  subsidyReceipts,
  type TripLeg,
} from './subsidies.tables.ts';

/**
 * Use cases of the application itself: where it may go and what a trip costs, the application sent
 * from the public form or entered at the counter, and what the applicant sees by receipt number.
 */

// ── destinations ──────────────────────────────────────────────────────────────────────────────

/**
 * Eligible destinations are what the tenant publishes: places (居場所, 相談窓口 …) now; events when the
 * events module lands. INTEGRATION POINT for events: add the `event` branch here, calling the events
 * module's exported read of a published event in `tenant` (its name), and nothing else changes.
 */
async function eligibleDestination(
  tx: Tx,
  tenant: string,
  destination: { kind: DestinationKind; id: string },
): Promise<{ name: string }> {
  const refuse = () =>
    subsidyError(422, 'subsidy_destination_not_eligible', {
      pointer: '/body/destination/id',
      message: SUBSIDY_TEXT.destinationNotPublished,
    });
  if (destination.kind === 'place') {
    try {
      const place = await getPublicPlace(tx, destination.id);
      if (place.municipalityCode !== tenant) throw refuse();
      return { name: place.name };
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw refuse();
      throw error;
    }
  }
  // An event is eligible while it is published (not a draft, not cancelled) by this tenant.
  try {
    const event = await publicEventRow(tx, destination.id);
    if (event.status !== 'published' || event.municipalityCode !== tenant) throw refuse();
    return { name: event.title };
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw refuse();
    throw error;
  }
}

// ── amounts ───────────────────────────────────────────────────────────────────────────────────

/** Yen per round trip: public transport at the fare, car and bicycle at the programme's rate per km (rounded up to whole yen). */
export function tripYen(legs: TripLeg[], rates: { carYenPerKm: number; bicycleYenPerKm: number }): number {
  let total = 0;
  for (const leg of legs) {
    if (leg.mode === 'public_transport') total += leg.fareYen ?? 0;
    else {
      const rate = leg.mode === 'car' ? rates.carYenPerKm : rates.bicycleYenPerKm;
      // Distances are kept to 0.1 km: work in tenths so that 12.3 km × 15 yen is exact.
      total += Math.ceil((Math.round((leg.distanceKm ?? 0) * 10) * rate) / 10);
    }
  }
  return total;
}

// ── application ───────────────────────────────────────────────────────────────────────────────

export type ReceiptFile = { type: ReceiptType; bytes: Uint8Array };

type SubmitInput = ApplicationBody & { municipalityCode: string };

/**
 * Stores an application in the tenant's transaction: checks programme, relation, destination and
 * bank codes, converts the holder name to the bank form (refusing characters the bank cannot carry),
 * encrypts what is personal, stores the (already sanitised) receipts, and puts the staff alert and
 * the applicant's "received" notice (status only) in the outbox.
 */
export async function submitApplication(
  tx: Tx,
  ctx: SubsidyContext,
  input: SubmitInput,
  receipts: ReceiptFile[],
  enteredBy: string | null,
) {
  const tenant = input.municipalityCode;
  const now = ctx.clock.now();
  const programme = await currentProgramme(tx, tenant, now);
  const may = mayApply(programme, input.relation);
  if (!may.allowed || !programme)
    throw may.allowed === false && may.reason === 'relation'
      ? subsidyError(422, 'validation_failed', {
          pointer: '/body/relation',
          message: input.relation === 'family' ? SUBSIDY_TEXT.onlyPerson : SUBSIDY_TEXT.onlyFamily,
        })
      : subsidyError(422, 'subsidy_not_accepted', {
          pointer: '/body/municipalityCode',
          message: SUBSIDY_TEXT.notAccepting,
        });
  const destination = await eligibleDestination(tx, tenant, input.destination);
  const branch = findBranch(input.bank.bankCode, input.bank.branchCode);
  if (!branch)
    throw subsidyError(400, 'validation_failed', {
      pointer: '/body/bank/branchCode',
      message: SUBSIDY_TEXT.branchNotFound,
    });
  const holder = toBankKana(input.bank.holderName);
  if (!holder.ok || holder.value.length === 0 || holder.value.length > 30) {
    const chars = holder.ok ? [] : holder.invalidCharacters;
    throw new AppError(400, 'subsidy_holder_name', {
      errors: [
        {
          pointer: '/body/bank/holderName',
          message: chars.length ? SUBSIDY_TEXT.holderInvalid(chars) : SUBSIDY_TEXT.holderTooLong,
        },
      ],
      extra: { invalidCharacters: chars },
    });
  }
  const perTrip = tripYen(input.legs, programme);
  const requestedMonthlyYen = Math.min(perTrip * input.tripsPerMonth, programme.monthlyCapYen);

  const id = randomUUID();
  let receiptNumber = newReceiptNumber();
  while (await receiptNumberTaken(tx, receiptNumber)) receiptNumber = newReceiptNumber();

  const personal: Personal = {
    applicant: input.applicant,
    person: input.relation === 'family' ? (input.person ?? null) : null,
    contact: {
      phone: input.contact.phone || null,
      email: input.contact.email || null,
      address: input.contact.address || null,
    },
  };
  await tx.insert(subsidyApplications).values({
    municipalityCode: tenant,
    id,
    programmeId: programme.id,
    receiptNumber,
    status: 'submitted',
    relation: input.relation,
    personalEncrypted: seal(ctx, 'personal', id, JSON.stringify(personal)),
    destinationKind: input.destination.kind,
    destinationId: input.destination.id,
    destinationName: destination.name,
    legs: input.legs,
    routeEncrypted: seal(ctx, 'route', id, input.route),
    tripYen: perTrip,
    tripsPerMonth: input.tripsPerMonth,
    requestedMonthlyYen,
    bankCode: input.bank.bankCode,
    branchCode: input.bank.branchCode,
    accountType: input.bank.accountType,
    accountNumberEncrypted: seal(ctx, 'accountNumber', id, input.bank.accountNumber.padStart(7, '0')),
    holderKanaEncrypted: seal(ctx, 'holderKana', id, holder.value),
    language: input.language,
    enteredBy,
    submittedAt: now,
    updatedAt: now,
  });
  for (const file of receipts) {
    await tx.insert(subsidyReceipts).values({
      municipalityCode: tenant,
      id: randomUUID(),
      applicationId: id,
      contentType: file.type,
      byteSize: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      data: file.bytes,
      createdAt: now,
    });
  }
  await alertReviewers(tx, ctx, tenant, id);
  await notifyApplicant(
    tx,
    ctx,
    tenant,
    id,
    personal,
    'submitted',
    input.language,
    'submitted',
    receiptNumber,
  );
  return {
    id,
    receiptNumber,
    status: 'submitted' as const,
    submittedAt: now.toISOString(),
    requestedMonthlyYen,
    receipts: receipts.length,
  };
}

async function receiptNumberTaken(tx: Tx, receiptNumber: string): Promise<boolean> {
  // The receipt number is unique across tenants (the public status page does not ask for a tenant):
  // no tenant filter on purpose; row-level security limits what this sees to the tenant's own rows,
  // and the unique index on the number catches a clash with another town's.
  const [row] = await tx
    .select({ n: sql<number>`1` })
    .from(subsidyApplications)
    .where(eq(subsidyApplications.receiptNumber, receiptNumber));
  return Boolean(row);
}

/**
 * Which tenant a receipt number belongs to (as the system, before any tenant is known): the one lookup
 * across tenants, by a number only the applicant holds.
 */
export async function findByReceiptNumber(
  db: Database,
  input: string,
): Promise<{ municipalityCode: string; id: string } | null> {
  const receiptNumber = normalizeReceiptNumber(input);
  if (!receiptNumber) return null;
  const [found] = await asSystem(db, (tx) =>
    tx
      .select({ municipalityCode: subsidyApplications.municipalityCode, id: subsidyApplications.id })
      .from(subsidyApplications)
      .where(eq(subsidyApplications.receiptNumber, receiptNumber)),
  );
  return found ?? null;
}

/** What the applicant sees: status and dates only. */
export async function publicStatus(tx: Tx, tenant: string, id: string) {
  const app = await applicationRow(tx, tenant, id);
  const claims = await tx
    .select({
      tripMonth: subsidyClaims.tripMonth,
      status: subsidyClaims.status,
      confirmedOn: subsidyClaims.confirmedOn,
    })
    .from(subsidyClaims)
    .where(
      and(
        eq(subsidyClaims.municipalityCode, tenant),
        eq(subsidyClaims.applicationId, id),
        ne(subsidyClaims.status, 'rejected'),
      ),
    )
    .orderBy(asc(subsidyClaims.tripMonth));
  return {
    receiptNumber: app.receiptNumber,
    status: app.status,
    submittedAt: app.submittedAt.toISOString(),
    checkedAt: iso(app.checkedAt),
    decidedOn: app.decidedOn,
    claims,
  };
}
