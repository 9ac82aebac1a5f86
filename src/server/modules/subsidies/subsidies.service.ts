import { createHash, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { toBankKana } from '../../../shared/bank-kana.ts';
import { fiscalYearOfMonth, inClosingPeriodOf, reiwaFiscalYearLabel } from '../../../shared/fiscal-year.ts';
import { hasPermission } from '../../../shared/permissions.ts';
import { formatWareki, isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, decryptOptional, encryptField } from '../../platform/crypto/fields.ts';
import type { Database, Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { AppError, conflict, notFound, registerErrorMessages } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/list.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import { registerStaffAlertTemplate } from '../../platform/outbox/staff-alerts.ts';
import { groupCode, normalizeCode, randomCode } from '../../platform/text/codes.ts';
import { foldForSearch, searchTokens } from '../../platform/text/search.ts';
import { getAccount, listAccounts } from '../accounts/index.ts';
import { findBranch } from '../banks/index.ts';
import { publicEventRow } from '../events/index.ts';
import { getMunicipality, getPublicProfile } from '../municipalities/index.ts';
import { getPublicPlace } from '../places/index.ts';
import {
  postClaimConfirmed,
  postClaimEntered,
  postClaimRejected,
  postProgrammeBudget,
  subsidyProgrammeKey,
} from './subsidies.ledger.ts';
import { authorize, type SubsidyAction } from './subsidies.policy.ts';
import type { ReceiptType } from './subsidies.receipts.ts';
import type { ApplicationBody, DecideBody, ProgrammeBody } from './subsidies.schema.ts';
import {
  type ApplicationStatus,
  type DestinationKind,
  type SubsidyEncryptedField,
  subsidyApplications,
  subsidyClaims,
  subsidyContext,
  subsidyProgrammes,
  subsidyReceipts,
  type TripLeg,
} from './subsidies.tables.ts';

export type SubsidyContext = { clock: Clock; config: Pick<Config, 'dataKeys' | 'publicUrl'> };

registerErrorMessages({
  subsidy_not_accepted: {
    title: {
      ja: 'この市区町村では、いま交通費補助の申請を受け付けていません',
      en: 'No subsidy programme is open here now',
    },
  },
  subsidy_destination_not_eligible: {
    title: { ja: 'この行き先は補助の対象ではありません', en: 'This destination is not eligible' },
    detail: {
      ja: 'この市区町村で公開されている居場所・相談窓口・イベントを選んでください。',
      en: 'Choose a place or event published by this municipality.',
    },
  },
  subsidy_receipt_type: {
    title: { ja: 'このファイルは受け付けられません', en: 'This file type is not accepted' },
    detail: {
      ja: '領収書は写真（JPEG・PNG）か PDF で送ってください。',
      en: 'Send receipts as a photo (JPEG or PNG) or a PDF.',
    },
  },
  subsidy_receipt_broken: {
    title: { ja: 'ファイルが壊れているようです', en: 'The file seems to be damaged' },
    detail: {
      ja: 'もう一度撮影するか、別のファイルを選んでください。',
      en: 'Take the photo again or choose another file.',
    },
  },
  subsidy_receipt_not_found: {
    title: { ja: '受付番号が見つかりません', en: 'Receipt number not found' },
    detail: {
      ja: '申請のときに表示された受付番号を、もう一度確かめてください。',
      en: 'Check the receipt number you were shown when you applied.',
    },
  },
  subsidy_status: {
    title: { ja: 'いまの状態では、この操作はできません', en: 'Not possible in the current status' },
  },
  subsidy_over_limit: {
    title: { ja: '上限を超えています', en: 'Over the limit' },
  },
  subsidy_fiscal_year_closed: {
    title: { ja: 'この年度の額の確定期間は終わっています', en: 'This fiscal year can no longer be settled' },
    detail: {
      ja: '出納整理期間（翌年度の 5 月 31 日）までに確定してください。',
      en: 'Claims must be confirmed by 31 May after the fiscal year (出納整理期間).',
    },
  },
  subsidy_four_eyes: {
    title: { ja: 'ほかの職員が行ってください', en: 'Another member of staff must do this' },
    detail: {
      ja: '自分で入力した申請の決定と、自分で入力した実績報告の額の確定はできません。',
      en: 'You cannot decide an application you entered, nor confirm a claim you entered.',
    },
  },
  subsidy_holder_name: {
    title: {
      ja: '口座名義に使えない文字があります',
      en: 'The holder name has characters the bank cannot take',
    },
  },
});

registerStaffAlertTemplate('subsidies.application-received', {
  subject: '【つながり】交通費補助の申請が届きました',
  lead: '交通費補助の新しい申請が届きました。本人確認と審査をシステムで行ってください。',
});

// ── codes ─────────────────────────────────────────────────────────────────────────────────────

/** The 受付番号: 12 characters (platform/text/codes.ts), shown and stored as `ABCD-EFGH-JKMN`. */
export const RECEIPT_LENGTH = 12;

export function newReceiptNumber(): string {
  return groupCode(randomCode(RECEIPT_LENGTH));
}

/** `abcd efgh-ijkl` → `ABCD-EFGH-1JK1`; null when it cannot be a receipt number. */
export function normalizeReceiptNumber(input: string): string | null {
  const canonical = normalizeCode(input, RECEIPT_LENGTH);
  return canonical ? groupCode(canonical) : null;
}

// ── encryption helpers ────────────────────────────────────────────────────────────────────────

type Keys = Pick<SubsidyContext, 'config'>;
const seal = (ctx: Keys, field: SubsidyEncryptedField, id: string, value: string) =>
  encryptField(value, ctx.config.dataKeys, subsidyContext(field, id));
const open = (ctx: Keys, field: SubsidyEncryptedField, id: string, value: string) =>
  decryptField(value, ctx.config.dataKeys, subsidyContext(field, id));
const openOptional = (ctx: Keys, field: SubsidyEncryptedField, id: string, value: string | null) =>
  decryptOptional(value, ctx.config.dataKeys, subsidyContext(field, id));

const Personal = z.object({
  applicant: z.object({ name: z.string(), nameKana: z.string() }),
  person: z.object({ name: z.string(), nameKana: z.string() }).nullable(),
  contact: z.object({
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
  }),
});
type Personal = z.infer<typeof Personal>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function limitError(pointer: string, limitYen: number, ja: string, en: string, which: string): AppError {
  return new AppError(422, 'subsidy_over_limit', {
    detail: { ja, en },
    errors: [{ pointer, message: { ja, en } }],
    extra: { limit: which, limitYen },
  });
}

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

// ── programme and budget ──────────────────────────────────────────────────────────────────────

type ProgrammeRow = typeof subsidyProgrammes.$inferSelect;

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
        eq(subsidyClaims.programmeId, programme.id),
        excludeClaimId ? ne(subsidyClaims.id, excludeClaimId) : undefined,
      ),
    );
  const [granted] = await tx
    .select({ total: sql<string>`coalesce(sum(${subsidyApplications.grantedMonthlyYen}), 0)` })
    .from(subsidyApplications)
    .where(
      and(eq(subsidyApplications.programmeId, programme.id), eq(subsidyApplications.status, 'approved')),
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

export async function listProgrammes(tx: Tx) {
  const rows = await tx.select().from(subsidyProgrammes).orderBy(desc(subsidyProgrammes.fiscalYear));
  return { items: await Promise.all(rows.map((p) => presentProgramme(tx, p))) };
}

/** The tenant's programme; another tenant's id answers 404 like a missing one (decision 0002). */
async function programmeRow(tx: Tx, tenant: string, id: string, lock = false): Promise<ProgrammeRow> {
  const query = tx
    .select()
    .from(subsidyProgrammes)
    .where(and(eq(subsidyProgrammes.municipalityCode, tenant), eq(subsidyProgrammes.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

export async function getProgramme(tx: Tx, tenant: string, id: string) {
  return presentProgramme(tx, await programmeRow(tx, tenant, id));
}

export async function createProgramme(tx: Tx, tenant: string, input: ProgrammeBody, now: Date) {
  const [existing] = await tx
    .select({ id: subsidyProgrammes.id })
    .from(subsidyProgrammes)
    .where(eq(subsidyProgrammes.fiscalYear, input.fiscalYear));
  if (existing)
    throw conflict(
      { programmeId: existing.id },
      { ja: 'この年度の制度はもうあります', en: 'This fiscal year already has a programme' },
    );
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
  if (!p?.open) throw new AppError(404, 'subsidy_not_accepted');
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

// ── destinations ──────────────────────────────────────────────────────────────────────────────

/**
 * Eligible destinations are what the tenant publishes: places (居場所, 相談窓口 …) now; events when the
 * events module lands. INTEGRATION POINT for events: add the `event` branch here, calling the events
 * module's exported read of a published event in `tenant` (its name), and nothing else changes.
 */
export async function eligibleDestination(
  tx: Tx,
  tenant: string,
  destination: { kind: DestinationKind; id: string },
): Promise<{ name: string }> {
  const refuse = () =>
    new AppError(422, 'subsidy_destination_not_eligible', {
      errors: [
        {
          pointer: '/body/destination/id',
          message: { ja: '公開されている行き先を選んでください', en: 'Choose a published destination' },
        },
      ],
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

export type SubmitInput = ApplicationBody & { municipalityCode: string };

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
  if (!programme?.open)
    throw new AppError(422, 'subsidy_not_accepted', {
      errors: [
        {
          pointer: '/body/municipalityCode',
          message: { ja: 'いま申請を受け付けていません', en: 'Not accepting applications now' },
        },
      ],
    });
  if (!programme.applicantRelations.includes(input.relation))
    throw new AppError(422, 'validation_failed', {
      errors: [
        {
          pointer: '/body/relation',
          message:
            input.relation === 'family'
              ? { ja: 'この制度は、ご本人からの申請だけを受け付けます', en: 'Only the person may apply here' }
              : {
                  ja: 'この制度は、ご家族からの申請だけを受け付けます',
                  en: 'Only a family member may apply here',
                },
        },
      ],
    });
  const destination = await eligibleDestination(tx, tenant, input.destination);
  const branch = findBranch(input.bank.bankCode, input.bank.branchCode);
  if (!branch)
    throw new AppError(400, 'validation_failed', {
      errors: [
        {
          pointer: '/body/bank/branchCode',
          message: { ja: '金融機関・支店が見つかりません', en: 'Bank or branch not found' },
        },
      ],
    });
  const holder = toBankKana(input.bank.holderName);
  if (!holder.ok || holder.value.length === 0 || holder.value.length > 30) {
    const chars = holder.ok ? [] : holder.invalidCharacters;
    throw new AppError(400, 'subsidy_holder_name', {
      errors: [
        {
          pointer: '/body/bank/holderName',
          message: chars.length
            ? {
                ja: `口座名義に使えない文字があります: ${chars.join(' ')}`,
                en: `Characters the bank cannot take: ${chars.join(' ')}`,
              }
            : { ja: '口座名義は 30 文字までのカナで入力してください', en: 'Up to 30 kana characters' },
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
  // The receipt number is unique across tenants (the public status page does not ask for a tenant).
  const [row] = await tx
    .select({ n: sql<number>`1` })
    .from(subsidyApplications)
    .where(eq(subsidyApplications.receiptNumber, receiptNumber));
  return Boolean(row);
}

async function alertReviewers(tx: Tx, ctx: SubsidyContext, tenant: string, id: string) {
  let cursor: string | undefined;
  do {
    const page = await listAccounts(tx, { status: 'active', limit: 200, cursor });
    for (const account of page.items) {
      if (!hasPermission(account.roles, 'subsidies.review')) continue;
      await enqueueMessage(tx, ctx, {
        kind: 'staff_alert',
        municipalityCode: tenant,
        recipient: account.email,
        templateKey: 'subsidies.application-received',
        linkPath: `/console/subsidies/applications/${id}`,
        idempotencyKey: `subsidies.received:${id}:${account.id}`,
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

const STATUS_WORDS: Record<string, { ja: string; 'easy-ja': string; en: string }> = {
  submitted: { ja: '受け付けました', 'easy-ja': 'うけつけました', en: 'received' },
  checked: {
    ja: '本人確認が済みました',
    'easy-ja': 'ほんにんの かくにんが おわりました',
    en: 'identity checked',
  },
  approved: { ja: '交付が決定しました', 'easy-ja': 'ほじょが きまりました', en: 'approved' },
  rejected: {
    ja: '交付しないことが決定しました',
    'easy-ja': 'ほじょは できないと きまりました',
    en: 'not approved',
  },
  claim_confirmed: {
    ja: '補助額が確定しました',
    'easy-ja': 'ほじょの きんがくが きまりました',
    en: 'amount confirmed',
  },
};

/**
 * Tells the applicant (when they gave an e-mail) that the status changed: the status word and the
 * status page, nothing else (no names, amounts, destination or receipt number in a mailbox).
 */
async function notifyApplicant(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  applicationId: string,
  personal: Personal,
  step: keyof typeof STATUS_WORDS,
  language: string,
  stepKey: string = step,
  /** Given on receipt only: the first mail carries the 受付番号 the person keeps (issue 21 item 9). */
  receiptNumber: string | null = null,
) {
  const email = personal.contact.email;
  if (!email) return;
  const lang = (language === 'en' ? 'en' : language === 'easy-ja' ? 'easy-ja' : 'ja') as
    | 'ja'
    | 'en'
    | 'easy-ja';
  const word = STATUS_WORDS[step]![lang];
  const link = `${ctx.config.publicUrl.replace(/\/$/, '')}/subsidies/status`;
  const receipt = receiptNumber
    ? {
        ja: `受付番号: ${receiptNumber}\n（この番号は状況の確認やお問い合わせに使います。控えておいてください。）\n\n`,
        en: `Receipt number: ${receiptNumber}\n(Keep it: you need it to see the status or when you ask about the application.)\n\n`,
        'easy-ja': `うけつけばんごう: ${receiptNumber}\n（ようすを みる ときに つかいます。とって おいて ください。）\n\n`,
      }
    : { ja: '', en: '', 'easy-ja': '' };
  const text =
    lang === 'en'
      ? {
          subject: 'Tsunagari: your transport subsidy application has an update',
          body: `Status: ${word}.\n\n${receipt.en}See the status with your receipt number: ${link}\n`,
        }
      : lang === 'easy-ja'
        ? {
            subject: 'つながり：こうつうひ ほじょの しんせいの おしらせ',
            body: `${word}。\n\n${receipt['easy-ja']}うけつけばんごうで ようすを みられます: ${link}\n`,
          }
        : {
            subject: '【つながり】交通費補助の申請状況のお知らせ',
            body: `申請の状況: ${word}。\n\n${receipt.ja}受付番号で状況を確認できます: ${link}\n`,
          };
  await enqueueMessage(tx, ctx, {
    kind: 'notice',
    municipalityCode: tenant,
    recipient: email,
    templateKey: `subsidies.status.${step.replace('_', '-')}`,
    ...text,
    idempotencyKey: `subsidies.status:${applicationId}:${stepKey}`,
  });
}

/** Which tenant a receipt number belongs to (as the system, before any tenant is known). */
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
    .where(and(eq(subsidyClaims.applicationId, id), ne(subsidyClaims.status, 'rejected')))
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

type ApplicationRow = typeof subsidyApplications.$inferSelect;

/** The tenant's application; another tenant's id answers 404 like a missing one (decision 0002). */
async function applicationRow(tx: Tx, tenant: string, id: string, lock = false): Promise<ApplicationRow> {
  const query = tx
    .select()
    .from(subsidyApplications)
    .where(and(eq(subsidyApplications.municipalityCode, tenant), eq(subsidyApplications.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

// ── staff: list, detail, reveal ───────────────────────────────────────────────────────────────

const ListCursor = z.object({ s: z.string(), i: z.uuid() });

export async function listApplications(
  tx: Tx,
  query: {
    status?: ApplicationStatus;
    fiscalYear?: number;
    receiptNumber?: string;
    q?: string;
    sort?: 'newest' | 'oldest' | 'destination' | 'requested';
    limit: number;
    cursor?: string;
  },
) {
  const conditions: (SQL | undefined)[] = [];
  if (query.status) conditions.push(eq(subsidyApplications.status, query.status));
  if (query.fiscalYear) conditions.push(eq(subsidyProgrammes.fiscalYear, query.fiscalYear));
  if (query.receiptNumber) {
    const normalized = normalizeReceiptNumber(query.receiptNumber);
    conditions.push(eq(subsidyApplications.receiptNumber, normalized ?? '-'));
  }
  const where = and(...conditions);
  if (query.q || (query.sort && query.sort !== 'newest'))
    return listApplicationsInMemory(tx, where, query.q ?? '', query.sort ?? 'newest', query);
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(subsidyApplications)
    .innerJoin(subsidyProgrammes, eq(subsidyProgrammes.id, subsidyApplications.programmeId))
    .where(where);
  const cursor = decodeCursor(query.cursor, ListCursor);
  const rows = await tx
    .select({ a: subsidyApplications, fiscalYear: subsidyProgrammes.fiscalYear })
    .from(subsidyApplications)
    .innerJoin(subsidyProgrammes, eq(subsidyProgrammes.id, subsidyApplications.programmeId))
    .where(
      and(
        where,
        cursor
          ? or(
              lt(subsidyApplications.submittedAt, new Date(cursor.s)),
              and(
                eq(subsidyApplications.submittedAt, new Date(cursor.s)),
                lt(subsidyApplications.id, cursor.i),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(subsidyApplications.submittedAt), desc(subsidyApplications.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(applicationSummary),
    total: Number(count?.n ?? 0),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ s: last.a.submittedAt.toISOString(), i: last.a.id })
        : null,
  };
}

const applicationSummary = ({ a, fiscalYear }: { a: ApplicationRow; fiscalYear: number }) => ({
  id: a.id,
  receiptNumber: a.receiptNumber,
  status: a.status,
  relation: a.relation,
  destinationName: a.destinationName,
  requestedMonthlyYen: a.requestedMonthlyYen,
  grantedMonthlyYen: a.grantedMonthlyYen,
  fiscalYear,
  submittedAt: a.submittedAt.toISOString(),
  enteredAtCounter: a.enteredBy !== null,
});

/** Pages of a list filtered and ordered in memory: an offset, not a key (the order is not a column). */
const OffsetCursor = z.object({ o: z.number().int().min(0) });
function offsetPage<T>(items: T[], query: { limit: number; cursor?: string | undefined }) {
  const offset = decodeCursor(query.cursor, OffsetCursor)?.o ?? 0;
  const next = offset + query.limit;
  return {
    items: items.slice(offset, next),
    total: items.length,
    nextCursor: next < items.length ? encodeCursor({ o: next }) : null,
  };
}

/** Whether every word of `q` is part of one of `names`, folded alike (kana script, width, 異体字). */
function matchesWords(q: string, names: string[]): boolean {
  const tokens = searchTokens(q);
  const folded = names.map((n) => foldForSearch(n).replace(/\s+/g, ''));
  return tokens.every((t) => folded.some((n) => n.includes(t.text.replace(/\s+/g, ''))));
}

const collator = new Intl.Collator('ja');

/**
 * The queue filtered by words or in another order: a town's applications of the years kept are a few
 * hundred, so they are matched and ordered in memory (the destination folds like the directory search)
 * and paged by offset.
 */
async function listApplicationsInMemory(
  tx: Tx,
  where: SQL | undefined,
  q: string,
  sort: 'newest' | 'oldest' | 'destination' | 'requested',
  query: { limit: number; cursor?: string | undefined },
) {
  const rows = await tx
    .select({ a: subsidyApplications, fiscalYear: subsidyProgrammes.fiscalYear })
    .from(subsidyApplications)
    .innerJoin(subsidyProgrammes, eq(subsidyProgrammes.id, subsidyApplications.programmeId))
    .where(where);
  const items = rows
    .filter(({ a }) => matchesWords(q, [a.destinationName, a.receiptNumber]))
    .map(applicationSummary);
  const newest = (x: { submittedAt: string; id: string }, y: typeof x) =>
    y.submittedAt.localeCompare(x.submittedAt) || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0);
  items.sort((x, y) =>
    sort === 'oldest'
      ? newest(y, x)
      : sort === 'destination'
        ? collator.compare(x.destinationName, y.destinationName) || newest(x, y)
        : sort === 'requested'
          ? y.requestedMonthlyYen - x.requestedMonthlyYen || newest(x, y)
          : newest(x, y),
  );
  return offsetPage(items, query);
}

const maskTail = (value: string, keep: number) =>
  value.length <= keep ? '*'.repeat(value.length) : `${'*'.repeat(value.length - keep)}${value.slice(-keep)}`;
const maskPhone = (phone: string | null) => (phone ? maskTail(phone.replace(/\D/g, ''), 2) : null);
const maskEmail = (email: string | null) =>
  email ? `${email.slice(0, 1)}***@${email.split('@')[1] ?? ''}` : null;

async function staffName(tx: Tx, id: string | null): Promise<string | null> {
  if (!id) return null;
  try {
    return (await getAccount(tx, id)).displayName;
  } catch {
    return null;
  }
}

/**
 * The application for staff. Names and route are shown (the review needs them); contact and bank
 * account are masked unless `unmasked` (finance, whose read the route audits as an unmasking).
 */
export async function getApplication(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  id: string,
  unmasked: boolean,
) {
  const a = await applicationRow(tx, tenant, id);
  const programme = await programmeRow(tx, tenant, a.programmeId);
  const personal = Personal.parse(JSON.parse(open(ctx, 'personal', id, a.personalEncrypted)));
  const accountNumber = open(ctx, 'accountNumber', id, a.accountNumberEncrypted);
  const holderKana = open(ctx, 'holderKana', id, a.holderKanaEncrypted);
  const branch = findBranch(a.bankCode, a.branchCode);
  const receipts = await tx
    .select({
      id: subsidyReceipts.id,
      contentType: subsidyReceipts.contentType,
      byteSize: subsidyReceipts.byteSize,
    })
    .from(subsidyReceipts)
    .where(eq(subsidyReceipts.applicationId, id))
    .orderBy(asc(subsidyReceipts.createdAt), asc(subsidyReceipts.id));
  const claims = await claimsOf(tx, id);
  return {
    id: a.id,
    version: a.version,
    receiptNumber: a.receiptNumber,
    status: a.status,
    relation: a.relation,
    destinationName: a.destinationName,
    requestedMonthlyYen: a.requestedMonthlyYen,
    grantedMonthlyYen: a.grantedMonthlyYen,
    fiscalYear: programme.fiscalYear,
    submittedAt: a.submittedAt.toISOString(),
    enteredAtCounter: a.enteredBy !== null,
    programme: { id: programme.id, name: programme.name, monthlyCapYen: programme.monthlyCapYen },
    applicant: personal.applicant,
    person: personal.person,
    contact: unmasked
      ? { ...personal.contact, masked: false }
      : {
          phone: maskPhone(personal.contact.phone),
          email: maskEmail(personal.contact.email),
          address: personal.contact.address ? '***' : null,
          masked: true,
        },
    destination: { kind: a.destinationKind, id: a.destinationId, name: a.destinationName },
    route: open(ctx, 'route', id, a.routeEncrypted),
    legs: a.legs,
    tripYen: a.tripYen,
    tripsPerMonth: a.tripsPerMonth,
    bank: {
      bankCode: a.bankCode,
      bankName: branch?.bankName ?? '',
      branchCode: a.branchCode,
      branchName: branch?.name ?? '',
      accountType: a.accountType,
      accountNumber: unmasked ? accountNumber : maskTail(accountNumber, 3),
      holderKana: unmasked
        ? holderKana
        : `${holderKana.slice(0, 2)}${'*'.repeat(Math.max(0, holderKana.length - 2))}`,
      masked: !unmasked,
    },
    language: a.language,
    receipts,
    check:
      a.checkedBy && a.checkedAt && a.identityDocument && a.residencyMethod
        ? {
            identityDocument: a.identityDocument,
            residencyMethod: a.residencyMethod,
            note: openOptional(ctx, 'checkNote', id, a.checkNoteEncrypted),
            checkedBy: a.checkedBy,
            checkedByName: await staffName(tx, a.checkedBy),
            checkedAt: a.checkedAt.toISOString(),
          }
        : null,
    decision:
      a.decision && a.decidedBy && a.decidedOn && a.documentNumber
        ? {
            decision: a.decision,
            grantedMonthlyYen: a.grantedMonthlyYen,
            grantFrom: a.grantFrom,
            grantTo: a.grantTo,
            reasons: openOptional(ctx, 'reasons', id, a.reasonsEncrypted),
            documentNumber: a.documentNumber,
            decidedBy: a.decidedBy,
            decidedByName: await staffName(tx, a.decidedBy),
            decidedOn: a.decidedOn,
          }
        : null,
    claims,
  };
}

/** One sensitive field in clear, for a reviewer who needs it (the route audits it as an unmasking). */
export async function revealField(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  id: string,
  field: 'contact' | 'bank',
) {
  const a = await applicationRow(tx, tenant, id);
  if (field === 'contact') {
    const personal = Personal.parse(JSON.parse(open(ctx, 'personal', id, a.personalEncrypted)));
    return { contact: personal.contact };
  }
  return {
    bank: {
      accountNumber: open(ctx, 'accountNumber', id, a.accountNumberEncrypted),
      holderKana: open(ctx, 'holderKana', id, a.holderKanaEncrypted),
    },
  };
}

export async function getReceiptFile(tx: Tx, tenant: string, applicationId: string, receiptId: string) {
  const [row] = await tx
    .select({ contentType: subsidyReceipts.contentType, data: subsidyReceipts.data })
    .from(subsidyReceipts)
    .where(
      and(
        eq(subsidyReceipts.municipalityCode, tenant),
        eq(subsidyReceipts.id, receiptId),
        eq(subsidyReceipts.applicationId, applicationId),
      ),
    );
  if (!row) throw notFound();
  return row;
}

// ── check and decision ────────────────────────────────────────────────────────────────────────

function statusError(expected: string) {
  return new AppError(409, 'subsidy_status', {
    detail: { ja: `「${expected}」の申請だけに行えます`, en: `Only for applications that are ${expected}` },
  });
}

/** The record-dependent rules of subsidies.policy.ts (the route has already checked the permission). */
function mustBeAllowed(actor: Actor, action: SubsidyAction, record: { enteredBy?: string | null }) {
  const result = authorize(actor, action, record);
  if (result.allowed) return;
  throw result.reason === 'four_eyes'
    ? new AppError(403, 'subsidy_four_eyes')
    : new AppError(403, 'forbidden');
}

function bumpVersion(a: ApplicationRow, version: number) {
  if (a.version !== version) throw conflict({ currentVersion: a.version });
}

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
  if (a.status !== 'submitted' && a.status !== 'checked') throw statusError('受付済み / submitted');
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
    .where(eq(subsidyApplications.id, id));
  if (a.status === 'submitted') {
    const personal = Personal.parse(JSON.parse(open(ctx, 'personal', id, a.personalEncrypted)));
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
  if (a.status !== 'checked') throw statusError('本人確認済み / identity checked');
  const programme = await programmeRow(tx, tenant, a.programmeId, true);
  const now = ctx.clock.now();
  const today = isoDateInTokyo(now);
  let granted: number | null = null;
  let grantFrom: string | null = null;
  let grantTo: string | null = null;
  if (input.decision !== 'reject') {
    granted = input.decision === 'approve' ? a.requestedMonthlyYen : input.grantedMonthlyYen!;
    if (input.decision === 'approve_reduced' && granted >= a.requestedMonthlyYen)
      throw limitError(
        '/body/grantedMonthlyYen',
        a.requestedMonthlyYen - 1,
        `申請額（月 ${yen(a.requestedMonthlyYen)}）より少ない額にしてください`,
        `Must be less than the requested ${a.requestedMonthlyYen} yen a month`,
        'requested',
      );
    if (granted < 1)
      throw limitError('/body/grantedMonthlyYen', 1, '1 円以上にしてください', 'At least 1 yen', 'minimum');
    grantFrom = input.grantFrom ?? today.slice(0, 7);
    if (fiscalYearOfMonth(grantFrom) !== programme.fiscalYear)
      throw new AppError(400, 'validation_failed', {
        errors: [
          {
            pointer: '/body/grantFrom',
            message: {
              ja: `${reiwaFiscalYearLabel(programme.fiscalYear)}の月を選んでください`,
              en: `Choose a month of FY${programme.fiscalYear}`,
            },
          },
        ],
      });
    grantTo = `${programme.fiscalYear + 1}-03`;
  }
  const documentNumber = `${programme.documentNumberPrefix}${programme.nextDocumentSerial}号`;
  await tx
    .update(subsidyProgrammes)
    .set({ nextDocumentSerial: programme.nextDocumentSerial + 1 })
    .where(eq(subsidyProgrammes.id, programme.id));
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
    .where(eq(subsidyApplications.id, id));
  const personal = Personal.parse(JSON.parse(open(ctx, 'personal', id, a.personalEncrypted)));
  await notifyApplicant(tx, ctx, a.municipalityCode, id, personal, status, a.language);
  return { documentNumber, status };
}

const monthLabel = (month: string | null) => {
  if (!month) return null;
  return formatWareki(new Date(`${month}-15T00:00:00+09:00`)).replace(/\d+日$/, '');
};

/** The printable decision notice (交付決定通知書 / 不交付決定通知書): 和暦 dates, the tenant's name, number, 教示. */
export async function decisionNotice(tx: Tx, ctx: SubsidyContext, tenant: string, id: string) {
  const a = await applicationRow(tx, tenant, id);
  if (!a.decision || !a.decidedOn || !a.documentNumber) throw statusError('決定済み / decided');
  const programme = await programmeRow(tx, tenant, a.programmeId);
  const municipality = await getMunicipality(tx, a.municipalityCode);
  const profile = await getPublicProfile(tx, a.municipalityCode).catch(() => null);
  const personal = Personal.parse(JSON.parse(open(ctx, 'personal', id, a.personalEncrypted)));
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

// ── claims (実績報告) and 額の確定 ──────────────────────────────────────────────────────────────

type ClaimRow = typeof subsidyClaims.$inferSelect;
const presentClaim = (c: ClaimRow) => ({
  id: c.id,
  tripMonth: c.tripMonth,
  fiscalYear: c.fiscalYear,
  tripCount: c.tripCount,
  // Claims entered before the report was kept as reported: the report was the covered amount.
  reportedYen: c.reportedYen ?? c.claimedYen,
  claimedYen: c.claimedYen,
  status: c.status,
  confirmedYen: c.confirmedYen,
  confirmedOn: c.confirmedOn,
  confirmedBy: c.confirmedBy,
  paidOn: c.paidOn,
});

async function claimsOf(tx: Tx, applicationId: string) {
  const rows = await tx
    .select()
    .from(subsidyClaims)
    .where(eq(subsidyClaims.applicationId, applicationId))
    .orderBy(asc(subsidyClaims.tripMonth), asc(subsidyClaims.createdAt));
  return rows.map(presentClaim);
}

/**
 * A month's trips (実績報告). The amount reported is recorded as reported; the claim covers at most the
 * trips made (trips × the fare per trip), the granted monthly amount and the programme's monthly cap,
 * so 額の確定 confirms at most that. Refused, naming the figure that blocks it: a month outside the
 * grant, and a covered amount over the programme's remaining budget — read under the programme's row lock, so two claims entered at
 * the same moment cannot together overspend. The fiscal year is the trip month's.
 */
export async function submitClaim(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  applicationId: string,
  input: { tripMonth: string; tripCount: number; claimedYen: number },
  actor: Actor,
) {
  const a = await applicationRow(tx, tenant, applicationId, true);
  if (a.status !== 'approved' || a.grantedMonthlyYen === null || !a.grantFrom || !a.grantTo)
    throw statusError('交付決定済み / approved');
  const programme = await programmeRow(tx, tenant, a.programmeId, true);
  const fiscalYear = fiscalYearOfMonth(input.tripMonth);
  const now = ctx.clock.now();
  const month = input.tripMonth;
  if (fiscalYear !== programme.fiscalYear || month < a.grantFrom || month > a.grantTo)
    throw new AppError(422, 'subsidy_over_limit', {
      detail: {
        ja: `交付決定の期間（${monthLabel(a.grantFrom)}〜${monthLabel(a.grantTo)}）の月を入力してください`,
        en: `Enter a month in the grant period (${a.grantFrom} to ${a.grantTo})`,
      },
      errors: [
        {
          pointer: '/body/tripMonth',
          message: { ja: '交付決定の期間外です', en: 'Outside the grant period' },
        },
      ],
      extra: { limit: 'period', grantFrom: a.grantFrom, grantTo: a.grantTo },
    });
  if (month > isoDateInTokyo(now).slice(0, 7))
    throw new AppError(400, 'validation_failed', {
      errors: [
        {
          pointer: '/body/tripMonth',
          message: { ja: 'まだ来ていない月です', en: 'That month has not come yet' },
        },
      ],
    });
  const [existing] = await tx
    .select({ id: subsidyClaims.id })
    .from(subsidyClaims)
    .where(
      and(
        eq(subsidyClaims.applicationId, applicationId),
        eq(subsidyClaims.tripMonth, month),
        ne(subsidyClaims.status, 'rejected'),
      ),
    );
  if (existing)
    throw conflict(
      { claimId: existing.id },
      { ja: 'この月の実績報告はもうあります', en: 'This month already has a claim' },
    );

  // The report is recorded as the person made it; what the grant can cover is the smallest of the
  // report, the trips made at the granted fare, the granted monthly amount and the programme's cap.
  const reportedYen = input.claimedYen;
  const claimedYen = Math.min(
    reportedYen,
    input.tripCount * a.tripYen,
    a.grantedMonthlyYen,
    programme.monthlyCapYen,
  );
  const budget = await programmeBudget(tx, programme);
  if (claimedYen > budget.remainingYen)
    throw limitError(
      '/body/claimedYen',
      budget.remainingYen,
      `予算の残り ${yen(budget.remainingYen)}を超えています`,
      `More than the remaining budget of ${budget.remainingYen} yen`,
      'budget',
    );
  const id = randomUUID();
  await tx.insert(subsidyClaims).values({
    municipalityCode: a.municipalityCode,
    id,
    applicationId,
    programmeId: programme.id,
    tripMonth: month,
    fiscalYear,
    tripCount: input.tripCount,
    reportedYen,
    claimedYen,
    status: 'submitted',
    enteredBy: actor.accountId,
    createdAt: now,
    updatedAt: now,
  });
  await postClaimEntered(
    tx,
    a.municipalityCode,
    { id, programmeId: programme.id, fiscalYear, claimedYen },
    { at: now, actorAccountId: actor.accountId },
  );
  return presentClaim((await tx.select().from(subsidyClaims).where(eq(subsidyClaims.id, id)))[0]!);
}

/**
 * Claims waiting for 額の確定 across every application, oldest first, with what finance needs to decide:
 * the programme, the applicant (decrypted; the route audits the read), the report and the covered
 * amount, and whether this actor may confirm it (not a claim they entered).
 */
export async function listWaitingClaims(
  tx: Tx,
  ctx: SubsidyContext,
  actor: Actor,
  query: {
    q?: string | undefined;
    sort?: 'entered' | 'month' | 'applicant' | 'amount' | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const waiting = eq(subsidyClaims.status, 'submitted');
  if (query.q || (query.sort && query.sort !== 'entered'))
    return listWaitingClaimsInMemory(tx, ctx, actor, query.q ?? '', query.sort ?? 'entered', query);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(subsidyClaims).where(waiting);
  const cursor = decodeCursor(query.cursor, ListCursor);
  const found = await tx
    .select({ c: subsidyClaims, a: subsidyApplications, programmeName: subsidyProgrammes.name })
    .from(subsidyClaims)
    .innerJoin(subsidyApplications, eq(subsidyApplications.id, subsidyClaims.applicationId))
    .innerJoin(subsidyProgrammes, eq(subsidyProgrammes.id, subsidyClaims.programmeId))
    .where(
      and(
        waiting,
        cursor
          ? or(
              gt(subsidyClaims.createdAt, new Date(cursor.s)),
              and(eq(subsidyClaims.createdAt, new Date(cursor.s)), gt(subsidyClaims.id, cursor.i)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(subsidyClaims.createdAt), asc(subsidyClaims.id))
    .limit(query.limit + 1);
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => waitingClaim(ctx, actor, row)),
    total: Number(count?.n ?? 0),
    nextCursor:
      found.length > query.limit && last
        ? encodeCursor({ s: last.c.createdAt.toISOString(), i: last.c.id })
        : null,
  };
}

function waitingClaim(
  ctx: SubsidyContext,
  actor: Actor,
  { c, a, programmeName }: { c: ClaimRow; a: ApplicationRow; programmeName: string },
) {
  return {
    ...presentClaim(c),
    applicationId: a.id,
    receiptNumber: a.receiptNumber,
    programmeName,
    applicantName: Personal.parse(JSON.parse(open(ctx, 'personal', a.id, a.personalEncrypted))).applicant
      .name,
    grantedMonthlyYen: a.grantedMonthlyYen,
    enteredAt: c.createdAt.toISOString(),
    mayConfirm: authorize(actor, 'confirm_claim', c).allowed,
  };
}

/**
 * The 額の確定 queue filtered by words or in another order. The applicant's name is encrypted, so the
 * claims waiting (a month's reports, tens to a few hundred) are opened and matched in memory; only the
 * page returned is shown (and audited by the route as before).
 */
async function listWaitingClaimsInMemory(
  tx: Tx,
  ctx: SubsidyContext,
  actor: Actor,
  q: string,
  sort: 'entered' | 'month' | 'applicant' | 'amount',
  query: { limit: number; cursor?: string | undefined },
) {
  const found = await tx
    .select({ c: subsidyClaims, a: subsidyApplications, programmeName: subsidyProgrammes.name })
    .from(subsidyClaims)
    .innerJoin(subsidyApplications, eq(subsidyApplications.id, subsidyClaims.applicationId))
    .innerJoin(subsidyProgrammes, eq(subsidyProgrammes.id, subsidyClaims.programmeId))
    .where(eq(subsidyClaims.status, 'submitted'));
  const items = found
    .map((row) => waitingClaim(ctx, actor, row))
    .filter((c) => matchesWords(q, [c.applicantName, c.programmeName, c.receiptNumber]));
  const entered = (x: { enteredAt: string; id: string }, y: typeof x) =>
    x.enteredAt.localeCompare(y.enteredAt) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  items.sort((x, y) =>
    sort === 'month'
      ? x.tripMonth.localeCompare(y.tripMonth) || entered(x, y)
      : sort === 'applicant'
        ? collator.compare(x.applicantName, y.applicantName) || entered(x, y)
        : sort === 'amount'
          ? y.claimedYen - x.claimedYen || entered(x, y)
          : entered(x, y),
  );
  return offsetPage(items, query);
}

async function claimRow(tx: Tx, tenant: string, id: string): Promise<ClaimRow> {
  const [row] = await tx
    .select()
    .from(subsidyClaims)
    .where(and(eq(subsidyClaims.municipalityCode, tenant), eq(subsidyClaims.id, id)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

/**
 * 額の確定: the amount to be paid, at most what was claimed, within the budget (programme row lock).
 * The claim keeps the fiscal year of its trip month; confirmation is possible until the end of that
 * year's 出納整理期間 (31 May of the next calendar year).
 */
export async function confirmClaim(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  claimId: string,
  input: { confirmedYen?: number },
  actor: Actor,
) {
  const claim = await claimRow(tx, tenant, claimId);
  mustBeAllowed(actor, 'confirm_claim', claim);
  if (claim.status !== 'submitted') throw statusError('確定待ち / waiting for confirmation');
  const programme = await programmeRow(tx, tenant, claim.programmeId, true);
  const now = ctx.clock.now();
  const today = isoDateInTokyo(now);
  if (today > `${claim.fiscalYear + 1}-05-31`) throw new AppError(422, 'subsidy_fiscal_year_closed');
  const amount = input.confirmedYen ?? claim.claimedYen;
  if (amount > claim.claimedYen)
    throw limitError(
      '/body/confirmedYen',
      claim.claimedYen,
      `補助の対象額 ${yen(claim.claimedYen)}を超えて確定はできません`,
      `Cannot confirm more than the covered ${claim.claimedYen} yen`,
      'claimed',
    );
  const budget = await programmeBudget(tx, programme, claim.id);
  if (amount > budget.remainingYen)
    throw limitError(
      '/body/confirmedYen',
      budget.remainingYen,
      `予算の残り ${yen(budget.remainingYen)}を超えています`,
      `More than the remaining budget of ${budget.remainingYen} yen`,
      'budget',
    );
  await tx
    .update(subsidyClaims)
    .set({
      status: 'confirmed',
      confirmedYen: amount,
      confirmedBy: actor.accountId,
      confirmedOn: today,
      confirmedAt: now,
      updatedAt: now,
    })
    .where(eq(subsidyClaims.id, claimId));
  await postClaimConfirmed(tx, claim.municipalityCode, claim, amount, {
    at: now,
    actorAccountId: actor.accountId,
  });
  const a = await applicationRow(tx, tenant, claim.applicationId);
  const personal = Personal.parse(JSON.parse(open(ctx, 'personal', a.id, a.personalEncrypted)));
  await notifyApplicant(
    tx,
    ctx,
    a.municipalityCode,
    a.id,
    personal,
    'claim_confirmed',
    a.language,
    `claim-confirmed:${claimId}`,
  );
  return {
    ...presentClaim((await tx.select().from(subsidyClaims).where(eq(subsidyClaims.id, claimId)))[0]!),
    inClosingPeriod: inClosingPeriodOf(today, claim.fiscalYear),
  };
}

export async function rejectClaim(
  tx: Tx,
  ctx: SubsidyContext,
  tenant: string,
  claimId: string,
  reason: string,
) {
  const claim = await claimRow(tx, tenant, claimId);
  if (claim.status !== 'submitted') throw statusError('確定待ち / waiting for confirmation');
  const now = ctx.clock.now();
  await tx
    .update(subsidyClaims)
    .set({
      status: 'rejected',
      rejectedReasonEncrypted: seal(ctx, 'claimReason', claimId, reason),
      updatedAt: now,
    })
    .where(eq(subsidyClaims.id, claimId));
  await postClaimRejected(tx, claim.municipalityCode, claim, { at: now, actorAccountId: null });
  return presentClaim((await tx.select().from(subsidyClaims).where(eq(subsidyClaims.id, claimId)))[0]!);
}

export async function applicationIdOfClaim(tx: Tx, tenant: string, claimId: string): Promise<string> {
  const [row] = await tx
    .select({ applicationId: subsidyClaims.applicationId })
    .from(subsidyClaims)
    .where(and(eq(subsidyClaims.municipalityCode, tenant), eq(subsidyClaims.id, claimId)));
  if (!row) throw notFound();
  return row.applicationId;
}

// ── for the payments module (issue 9) ─────────────────────────────────────────────────────────

export type PayableClaim = {
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
export async function programmeNames(tx: Tx): Promise<Map<string, string>> {
  const found = await tx
    .select({ id: subsidyProgrammes.id, name: subsidyProgrammes.name })
    .from(subsidyProgrammes);
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
  filter: { fiscalYear?: number; programmeId?: string; claimIds?: string[] } = {},
): Promise<PayableClaim[]> {
  const rows = await tx
    .select({ c: subsidyClaims, a: subsidyApplications })
    .from(subsidyClaims)
    .innerJoin(subsidyApplications, eq(subsidyApplications.id, subsidyClaims.applicationId))
    .where(
      and(
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
      payeeName: Personal.parse(JSON.parse(open(ctx, 'personal', a.id, a.personalEncrypted))).applicant.name,
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
  claimIds: string[],
  payment: { paidOn: string; reference: string },
  now: Date,
): Promise<number> {
  if (claimIds.length === 0) return 0;
  const updated = await tx
    .update(subsidyClaims)
    .set({ status: 'paid', paidOn: payment.paidOn, paymentReference: payment.reference, updatedAt: now })
    .where(and(inArray(subsidyClaims.id, claimIds), eq(subsidyClaims.status, 'confirmed')))
    .returning({ id: subsidyClaims.id });
  if (updated.length !== new Set(claimIds).size)
    throw conflict(undefined, {
      ja: '確定済みでない実績報告が含まれています',
      en: 'Some claims are not confirmed',
    });
  return updated.length;
}

/** A transfer that came back (組戻し): the claim is confirmed and payable again, in a later batch. */
export async function markClaimReturned(tx: Tx, claimId: string, now: Date): Promise<void> {
  await tx
    .update(subsidyClaims)
    .set({ status: 'confirmed', paidOn: null, paymentReference: null, updatedAt: now })
    .where(and(eq(subsidyClaims.id, claimId), eq(subsidyClaims.status, 'paid')));
}
