import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  check,
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ACTIVITY_KINDS,
  CLAIM_STATUSES,
  QUALIFICATIONS,
  SHIFT_STATUSES,
  SUPPORTER_STATUSES,
  SWAP_STATUSES,
} from '../../../shared/contracts/peers.ts';
import type { EncryptedColumn } from '../../platform/crypto/registry.ts';
import { tenantIsolation } from '../../platform/db/tenant.ts';

/**
 * Peer supporters (issue 9 part 2): the registry, shifts at published places with swap requests,
 * activity records, programmes with an hourly rate and a withholding rate, monthly compensation claims
 * (gross, withholding, net) approved by staff — the first payable source of the payments module.
 *
 * Lived experience (要配慮個人情報 in many cases) and bank details are encrypted. Lived experience is
 * shown only to the supporter's coordinator (and the supporter); bank details are shown masked, and
 * unmasked only to finance, each unmasking audited. マイナンバー is not stored here (BRIEF).
 */

export const peerProgrammes = pgTable(
  'peer_programmes',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    name: text().notNull(),
    /** 時間単価 (yen per hour). */
    hourlyRate: integer().notNull(),
    /** 源泉徴収税率 in basis points: 1021 = 10.21 %. */
    withholdingRateBp: smallint().notNull(),
    active: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('peer_programmes_name').on(t.municipalityCode, t.name),
    check('peer_programmes_rate', sql`${t.hourlyRate} between 0 and 100000`),
    check('peer_programmes_withholding', sql`${t.withholdingRateBp} between 0 and 5000`),
    tenantIsolation('peer_programmes', t.municipalityCode),
  ],
).enableRLS();

export const peerSupporters = pgTable(
  'peer_supporters',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    /** The supporter's own login (role peer_supporter), when they have one. */
    accountId: uuid(),
    /** 活動名: the name the supporter works under (shown to staff and on shift lists). */
    displayName: text().notNull(),
    /** The staff member who coordinates this supporter: the only staff reader of lived experience. */
    coordinatorAccountId: uuid().notNull(),
    status: text({ enum: SUPPORTER_STATUSES }).notNull().default('active'),
    qualification: text({ enum: QUALIFICATIONS }).notNull().default('trainee'),
    /** Bit i: available on MO…SU (i = 0…6). */
    availabilityMask: smallint().notNull().default(0),
    availabilityNote: text(),
    livedExperienceEncrypted: text(),
    /** JSON BankAccount (platform/modules/payable-sources.ts). */
    bankEncrypted: text(),
    bankLast4: char({ length: 4 }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('peer_supporters_account').on(t.municipalityCode, t.accountId),
    index('peer_supporters_status').on(t.municipalityCode, t.status, t.displayName),
    tenantIsolation('peer_supporters', t.municipalityCode),
  ],
).enableRLS();

export const peerShifts = pgTable(
  'peer_shifts',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    supporterId: uuid()
      .notNull()
      .references(() => peerSupporters.id),
    /** A published place (居場所) of the places module. */
    placeId: uuid().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: SHIFT_STATUSES }).notNull().default('scheduled'),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('peer_shifts_place_time').on(t.municipalityCode, t.placeId, t.startsAt),
    index('peer_shifts_supporter_time').on(t.municipalityCode, t.supporterId, t.startsAt),
    check('peer_shifts_order', sql`${t.endsAt} > ${t.startsAt}`),
    tenantIsolation('peer_shifts', t.municipalityCode),
  ],
).enableRLS();

export const peerShiftSwaps = pgTable(
  'peer_shift_swaps',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    shiftId: uuid()
      .notNull()
      .references(() => peerShifts.id),
    fromSupporterId: uuid().notNull(),
    /** Asked of one colleague, or of anyone when null. */
    toSupporterId: uuid(),
    status: text({ enum: SWAP_STATUSES }).notNull().default('open'),
    acceptedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // One open request per shift at a time.
    uniqueIndex('peer_shift_swaps_one_open')
      .on(t.municipalityCode, t.shiftId)
      .where(sql`${t.status} = 'open'`),
    tenantIsolation('peer_shift_swaps', t.municipalityCode),
  ],
).enableRLS();

export const peerActivities = pgTable(
  'peer_activities',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    supporterId: uuid()
      .notNull()
      .references(() => peerSupporters.id),
    programmeId: uuid()
      .notNull()
      .references(() => peerProgrammes.id),
    shiftId: uuid(),
    activityDate: date({ mode: 'string' }).notNull(),
    minutes: integer().notNull(),
    kind: text({ enum: ACTIVITY_KINDS }).notNull(),
    /** Free text may mention people met: encrypted. */
    noteEncrypted: text(),
    claimId: uuid(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('peer_activities_supporter_date').on(t.municipalityCode, t.supporterId, t.activityDate),
    index('peer_activities_claim').on(t.municipalityCode, t.claimId),
    check('peer_activities_minutes', sql`${t.minutes} between 1 and 1440`),
    tenantIsolation('peer_activities', t.municipalityCode),
  ],
).enableRLS();

export const peerClaims = pgTable(
  'peer_claims',
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityCode: char({ length: 6 }).notNull(),
    supporterId: uuid()
      .notNull()
      .references(() => peerSupporters.id),
    programmeId: uuid()
      .notNull()
      .references(() => peerProgrammes.id),
    /** 対象月 YYYY-MM. */
    month: char({ length: 7 }).notNull(),
    fiscalYear: integer().notNull(),
    minutes: integer().notNull(),
    /** Rates as they were when the claim was made (a later change does not rewrite it). */
    hourlyRate: integer().notNull(),
    withholdingRateBp: smallint().notNull(),
    gross: bigint({ mode: 'number' }).notNull(),
    withholding: bigint({ mode: 'number' }).notNull(),
    net: bigint({ mode: 'number' }).notNull(),
    status: text({ enum: CLAIM_STATUSES }).notNull().default('submitted'),
    submittedBy: uuid().notNull(),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
    decidedBy: uuid(),
    decidedAt: timestamp({ withTimezone: true }),
    rejectReason: text(),
  },
  (t) => [
    uniqueIndex('peer_claims_one_per_month')
      .on(t.municipalityCode, t.supporterId, t.programmeId, t.month)
      .where(sql`${t.status} <> 'rejected'`),
    index('peer_claims_status').on(t.municipalityCode, t.status, t.month),
    check(
      'peer_claims_amounts',
      sql`${t.net} = ${t.gross} - ${t.withholding} and ${t.withholding} >= 0 and ${t.net} >= 0`,
    ),
    check('peer_claims_four_eyes', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.submittedBy}`),
    tenantIsolation('peer_claims', t.municipalityCode),
  ],
).enableRLS();

export const PEERS_CONTEXTS = {
  livedExperience: 'peer_supporters.lived_experience',
  bank: 'peer_supporters.bank',
  activityNote: 'peer_activities.note',
} as const;
/** For `keys:rotate`: named in the manifest (`encryptedColumns`), registered by `installModules()`. */
export const peersEncryptedColumns: readonly EncryptedColumn[] = [
  {
    table: 'peer_supporters',
    idColumn: 'id',
    column: 'lived_experience_encrypted',
    context: PEERS_CONTEXTS.livedExperience,
  },
  {
    table: 'peer_supporters',
    idColumn: 'id',
    column: 'bank_encrypted',
    context: PEERS_CONTEXTS.bank,
  },
  {
    table: 'peer_activities',
    idColumn: 'id',
    column: 'note_encrypted',
    context: PEERS_CONTEXTS.activityNote,
  },
];
