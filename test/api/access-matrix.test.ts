import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RouteEntry, routeTable } from '../../src/server/platform/access/guard.ts';
import { hasPermission, PERMISSIONS, type Permission } from '../../src/shared/permissions.ts';
import { ROLE_SCOPE, type Role } from '../../src/shared/roles.ts';
import { createStaffAccount } from '../factories/accounts.ts';
import { createAgency, createConference, createReferral } from '../factories/agencies.ts';
import { caseBody, createDraftCase, createPublishedCase } from '../factories/cases.ts';
import { createConsultation } from '../factories/consultations.ts';
import { createEvent, createOrganiser } from '../factories/events.ts';
import { createLocalScheme, createLocalWindow } from '../factories/navigator.ts';
import {
  approvePeerClaim,
  createPeerClaim,
  createPeerProgramme,
  createPeerSupporter,
} from '../factories/peers.ts';
import { createPublishedPlace } from '../factories/places.ts';
import { createOperator, createProtection, createReport } from '../factories/reports.ts';
import { createAcceptedReturn } from '../factories/returns.ts';
import {
  applicationBody,
  applicationUpload,
  checkApplication,
  createProgramme,
  decideApplication,
  submitPublicApplication,
} from '../factories/subsidies.ts';
import {
  addFamilyMember,
  addIntake,
  addNote,
  addPlan,
  consentBody,
  createSupportPerson,
} from '../factories/support-persons.ts';
import { createTenant } from '../factories/tenants.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createAccount, type LoggedIn, login } from '../helpers/auth.ts';

/**
 * Generated matrix: every route of the route table × every role (+ anonymous) × own/other tenant.
 * Expected: anonymous → 401 on every non-public route; a role without the permission → 403; a role
 * with it → the sample's success status; a record of another tenant → 404. A route without a sample
 * here fails the test, so a new route cannot escape the matrix.
 */
type Caller = {
  name: string;
  role: Role | null;
  tenant: string | null;
  session: LoggedIn | null;
  /** The factory account's address (signs in again with MATRIX_PASSWORD for a fresh session). */
  email?: string;
};
type SampleContext = { caller: Caller; own: Fixtures; fresh(): Promise<LoggedIn> };
type Fixtures = { accountId: string };
type Sample = {
  /** The request a caller makes; `headers` are merged with the caller's session headers. */
  request(ctx: SampleContext): Promise<InjectOptions> | InjectOptions;
  /** Statuses that mean "allowed through and served" for a permitted caller. */
  ok: number[];
  /** Statuses for an anonymous caller of a public route, when different from `ok`. */
  okAnonymous?: number[];
  /** The same request aimed at a record of the other tenant, made by a permitted caller: 404. */
  otherTenant?(ctx: SampleContext & { other: Fixtures }): InjectOptions;
  /** Needs a session of its own (it ends or changes the session). */
  fresh?: boolean;
};

const KOFU = '192015';
const KAI = '192104';
const uuid0 = '00000000-0000-4000-8000-000000000000';
/**
 * The password of the callers' factory accounts: as short as the demo's, so the samples that remove a
 * second factor meet the same "too short to stand alone" refusal.
 */
const MATRIX_PASSWORD = 'matrix-passwd1';
const MATRIX_PROTECTION = {
  protectedAt: '2026-11-26T09:00:00+09:00',
  place: 'マトリクスの保護先',
  protectedBy: 'マトリクスの職員',
  followUpOn: '2026-12-10',
};

const MATRIX_BANK = {
  bankCode: '0001',
  branchCode: '001',
  accountType: '1',
  accountNumber: '1234567',
  holderName: 'ﾏﾄﾘｸｽ',
};
/** 甲府市's peer records the other-tenant samples name (made in the last beforeAll, through factories). */
const kofuPeers = { programmeId: uuid0, supporterId: uuid0, claimId: uuid0, batchId: uuid0, courseId: uuid0 };
/**
 * 甲府市 records the samples name, made in beforeAll (createKofuRecords) through the factories in
 * test/factories, as staff and the public make them: a permitted caller of 甲府市 is served, and a
 * permitted caller of 甲斐市 naming them gets 404.
 */
const kofu = {
  navigatorWindow: uuid0,
  navigatorScheme: uuid0,
  publishedCase: uuid0,
  draftCase: uuid0,
  answeredConsultation: uuid0,
  consultationReplyCode: '',
  waitingConsultation: uuid0,
  familyOrganiser: uuid0,
  peerOrganiser: uuid0,
  publicEvent: uuid0,
  salon: uuid0,
  report: uuid0,
  protectedReport: uuid0,
  protection: uuid0,
  reportReplyCode: '',
  operator: uuid0,
  place: uuid0,
  haru: uuid0,
  sora: uuid0,
  family: uuid0,
  helloWork: uuid0,
  npo: uuid0,
  referral: uuid0,
  conference: uuid0,
  programme: uuid0,
  approvedApplication: uuid0,
  approvedReceipt: '',
  reducedApplication: uuid0,
};
const matrixCourse = (title: string) => ({
  title,
  curriculum: [{ title: 'モジュール', sessions: [{ title: 'セッション', minutes: 60 }] }],
});

const samples: Record<string, Sample> = {
  'GET /healthz': { request: () => ({ method: 'GET', url: '/healthz' }), ok: [200] },
  'GET /api/public/prefectures': {
    request: () => ({ method: 'GET', url: '/api/public/prefectures' }),
    ok: [200],
  },
  'GET /api/public/helplines': {
    request: () => ({ method: 'GET', url: '/api/public/helplines' }),
    ok: [200],
  },
  'GET /api/public/municipalities': {
    request: () => ({ method: 'GET', url: '/api/public/municipalities?prefecture=19' }),
    ok: [200],
  },
  'GET /api/public/municipalities/:code': {
    request: () => ({ method: 'GET', url: `/api/public/municipalities/${KOFU}` }),
    ok: [200],
  },
  'POST /api/auth/login': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: callers.find((c) => c.role === 'labour')!.email, password: MATRIX_PASSWORD },
    }),
    ok: [200],
    // Logging in rotates (revokes) the session the caller presents.
    fresh: true,
  },
  'GET /api/auth/csrf': {
    request: () => ({ method: 'GET', url: '/api/auth/csrf' }),
    ok: [200],
    okAnonymous: [401],
  },
  'POST /api/auth/password-reset': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { token: 'x'.repeat(43), newPassword: 'a long enough passphrase for tests' },
    }),
    // A public form: anyone may try; an unknown token is refused as invalid, never a 401/403.
    ok: [400],
  },
  'GET /api/auth/me': { request: () => ({ method: 'GET', url: '/api/auth/me' }), ok: [200] },
  'GET /api/auth/sessions': { request: () => ({ method: 'GET', url: '/api/auth/sessions' }), ok: [200] },
  'DELETE /api/auth/sessions/:id': {
    request: () => ({ method: 'DELETE', url: `/api/auth/sessions/${uuid0}` }),
    ok: [404],
  },
  'GET /api/console/calendar': {
    request: () => ({ method: 'GET', url: '/api/console/calendar?from=2026-12-01&to=2026-12-31' }),
    ok: [200],
  },
  'GET /api/console/today': {
    request: () => ({ method: 'GET', url: '/api/console/today' }),
    ok: [200],
  },
  'GET /api/drafts/:key': {
    request: () => ({ method: 'GET', url: '/api/drafts/note:matrix' }),
    ok: [200, 404],
  },
  'PUT /api/drafts/:key': {
    request: () => ({ method: 'PUT', url: '/api/drafts/note:matrix', payload: { content: '下書き' } }),
    ok: [200],
  },
  'DELETE /api/drafts/:key': {
    request: () => ({ method: 'DELETE', url: '/api/drafts/note:matrix' }),
    ok: [204],
  },
  'POST /api/auth/logout': {
    request: () => ({ method: 'POST', url: '/api/auth/logout' }),
    ok: [204],
    fresh: true,
  },
  'POST /api/auth/logout-all': {
    request: () => ({ method: 'POST', url: '/api/auth/logout-all' }),
    ok: [204],
    fresh: true,
  },
  'POST /api/auth/password': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'not the password', newPassword: 'another long passphrase here' },
    }),
    ok: [400],
    fresh: true,
  },
  'POST /api/auth/mfa/totp/setup': {
    request: () => ({ method: 'POST', url: '/api/auth/mfa/totp/setup' }),
    ok: [200],
    fresh: true,
  },
  'POST /api/auth/mfa/totp/confirm': {
    request: () => ({ method: 'POST', url: '/api/auth/mfa/totp/confirm', payload: { code: '000000' } }),
    // No set-up was started in this fresh session: totp_setup_missing.
    ok: [409],
    fresh: true,
  },
  'DELETE /api/auth/mfa/totp': {
    request: () => ({
      method: 'DELETE',
      url: '/api/auth/mfa/totp',
      payload: { code: '000000', currentPassword: MATRIX_PASSWORD },
    }),
    ok: [400, 404],
    fresh: true,
  },
  'POST /api/auth/mfa/verify': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      payload: { method: 'totp', code: '000000' },
    }),
    ok: [400],
    fresh: true,
  },
  'POST /api/auth/mfa/recovery-codes': {
    request: () => ({ method: 'POST', url: '/api/auth/mfa/recovery-codes' }),
    ok: [200, 400, 409],
    fresh: true,
  },
  'POST /api/auth/mfa/passkey/register/options': {
    request: () => ({ method: 'POST', url: '/api/auth/mfa/passkey/register/options' }),
    ok: [200],
    fresh: true,
  },
  'POST /api/auth/mfa/passkey/register/verify': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/mfa/passkey/register/verify',
      payload: { response: {} },
    }),
    ok: [400],
    fresh: true,
  },
  'POST /api/auth/mfa/passkey/authenticate/options': {
    request: () => ({ method: 'POST', url: '/api/auth/mfa/passkey/authenticate/options' }),
    ok: [200, 400, 409],
    fresh: true,
  },
  'POST /api/auth/mfa/passkey/authenticate/verify': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/mfa/passkey/authenticate/verify',
      payload: { response: {} },
    }),
    ok: [400],
    fresh: true,
  },
  'GET /api/auth/mfa/passkeys': {
    request: () => ({ method: 'GET', url: '/api/auth/mfa/passkeys' }),
    ok: [200],
  },
  'DELETE /api/auth/mfa/passkeys/:id': {
    request: () => ({
      method: 'DELETE',
      url: `/api/auth/mfa/passkeys/${uuid0}`,
      payload: { currentPassword: MATRIX_PASSWORD },
    }),
    // The matrix password is too short to stand alone, so removing a factor is refused first (409).
    ok: [404, 409],
    fresh: true,
  },
  'GET /api/tenant/profile': { request: () => ({ method: 'GET', url: '/api/tenant/profile' }), ok: [200] },
  'PUT /api/tenant/profile': {
    request: async ({ caller }) => ({
      method: 'PUT',
      url: '/api/tenant/profile',
      payload: await currentProfileEdit(caller),
    }),
    ok: [200],
  },
  'GET /api/admin/accounts': { request: () => ({ method: 'GET', url: '/api/admin/accounts' }), ok: [200] },
  'POST /api/admin/accounts': {
    request: ({ caller }) => ({
      method: 'POST',
      url: '/api/admin/accounts',
      payload: {
        email: `new-${Math.random().toString(36).slice(2)}@example.jp`,
        displayName: 'マトリクス 試験',
        roles: caller.role === 'national' ? ['national'] : ['consultation'],
      },
    }),
    ok: [201],
  },
  'GET /api/admin/accounts/:id': {
    request: ({ own }) => ({ method: 'GET', url: `/api/admin/accounts/${own.accountId}` }),
    ok: [200],
    otherTenant: ({ other }) => ({ method: 'GET', url: `/api/admin/accounts/${other.accountId}` }),
  },
  'PUT /api/admin/accounts/:id/roles': {
    request: ({ own, caller }) => ({
      method: 'PUT',
      url: `/api/admin/accounts/${own.accountId}/roles`,
      payload: { roles: caller.role === 'national' ? ['national'] : ['consultation', 'labour'] },
    }),
    ok: [200],
    otherTenant: ({ other }) => ({
      method: 'PUT',
      url: `/api/admin/accounts/${other.accountId}/roles`,
      payload: { roles: ['consultation'] },
    }),
  },
  'POST /api/admin/accounts/:id/disable': {
    request: ({ own }) => ({ method: 'POST', url: `/api/admin/accounts/${own.accountId}/disable` }),
    ok: [200],
    otherTenant: ({ other }) => ({ method: 'POST', url: `/api/admin/accounts/${other.accountId}/disable` }),
  },
  'POST /api/admin/accounts/:id/enable': {
    request: ({ own }) => ({ method: 'POST', url: `/api/admin/accounts/${own.accountId}/enable` }),
    ok: [200],
    otherTenant: ({ other }) => ({ method: 'POST', url: `/api/admin/accounts/${other.accountId}/enable` }),
  },
  'POST /api/admin/accounts/:id/password-reset': {
    request: ({ own }) => ({ method: 'POST', url: `/api/admin/accounts/${own.accountId}/password-reset` }),
    ok: [200],
    otherTenant: ({ other }) => ({
      method: 'POST',
      url: `/api/admin/accounts/${other.accountId}/password-reset`,
    }),
  },
  'POST /api/admin/rotation': {
    request: ({ own, caller }) => ({
      method: 'POST',
      url: '/api/admin/rotation',
      payload: {
        dryRun: true,
        roleChanges: [
          { accountId: own.accountId, roles: caller.role === 'national' ? ['national'] : ['labour'] },
        ],
      },
    }),
    ok: [200],
    otherTenant: ({ other }) => ({
      method: 'POST',
      url: '/api/admin/rotation',
      payload: { dryRun: true, roleChanges: [{ accountId: other.accountId, roles: ['labour'] }] },
    }),
  },
  'GET /api/admin/rotation/scheduled': {
    request: () => ({ method: 'GET', url: '/api/admin/rotation/scheduled' }),
    ok: [200],
  },
  'POST /api/admin/rotation/scheduled/:id/cancel': {
    request: async ({ caller, own }) => ({
      method: 'POST',
      url: `/api/admin/rotation/scheduled/${
        caller.role === 'municipal_admin' || caller.role === 'national'
          ? await scheduledRotation(caller, own)
          : uuid0
      }/cancel`,
    }),
    ok: [200],
    otherTenant: () => ({ method: 'POST', url: `/api/admin/rotation/scheduled/${kofuRotationId}/cancel` }),
  },
  'POST /api/admin/rotation/csv': {
    request: () => {
      const boundary = 'rotationmatrix';
      return {
        method: 'POST',
        url: '/api/admin/rotation/csv',
        payload: Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\nContent-Type: text/csv\r\n\r\nメールアドレス,役割\r\nnobody@example.jp,相談支援員\r\n\r\n--${boundary}--\r\n`,
        ),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      };
    },
    ok: [200],
  },
  'GET /api/admin/audit.csv': {
    request: () => ({ method: 'GET', url: '/api/admin/audit.csv?action=audit.log.search' }),
    ok: [200],
  },
  'GET /api/admin/audit': { request: () => ({ method: 'GET', url: '/api/admin/audit?limit=5' }), ok: [200] },
  'GET /api/admin/audit/person-lookup': {
    request: () => ({ method: 'GET', url: `/api/admin/audit/person-lookup?q=${encodeURIComponent('はる')}` }),
    ok: [200],
  },
  'GET /api/admin/audit/persons-read': {
    request: ({ own }) => ({
      method: 'GET',
      url: `/api/admin/audit/persons-read?accountId=${own.accountId}&from=2026-01-01T00:00:00%2B09:00&to=2027-01-01T00:00:00%2B09:00`,
    }),
    ok: [200],
  },
  'GET /api/admin/outbox': { request: () => ({ method: 'GET', url: '/api/admin/outbox' }), ok: [200] },
  // ── reports of harmful "support" businesses (issue 10) ──
  'POST /api/public/reports': {
    request: () => ({
      method: 'POST',
      url: '/api/public/reports',
      payload: { municipalityCode: KOFU, danger: 'no', reporterRole: 'other', categories: ['other'] },
    }),
    ok: [201],
  },
  'GET /api/public/reports/window/:code': {
    request: () => ({ method: 'GET', url: `/api/public/reports/window/${KOFU}` }),
    ok: [200],
  },
  'POST /api/public/reports/reply': {
    request: () => ({
      method: 'POST',
      url: '/api/public/reports/reply',
      payload: { replyCode: kofu.reportReplyCode },
    }),
    ok: [200],
  },
  'POST /api/public/reports/additions': {
    request: () => ({
      method: 'POST',
      url: '/api/public/reports/additions',
      payload: { replyCode: kofu.reportReplyCode, text: 'マトリクスからの追加情報' },
    }),
    ok: [201],
  },
  'GET /api/reports': { request: () => ({ method: 'GET', url: '/api/reports?limit=5' }), ok: [200] },
  'GET /api/reports/:id': {
    request: () => ({ method: 'GET', url: `/api/reports/${kofu.report}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/reports/${kofu.report}` }),
  },
  'POST /api/reports/:id/assign': {
    request: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.report}/assign`,
      payload: { accountId: null },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.report}/assign`,
      payload: { accountId: null },
    }),
  },
  'POST /api/reports/:id/status': {
    // Every status may move to "in progress" (or already be there): repeatable by every caller.
    request: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.report}/status`,
      payload: { status: 'in_progress' },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.report}/status`,
      payload: { status: 'closed' },
    }),
  },
  'POST /api/reports/:id/notes': {
    request: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.report}/notes`,
      payload: { kind: 'internal', text: 'マトリクスのメモ' },
    }),
    ok: [201],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.report}/notes`,
      payload: { kind: 'internal', text: 'x' },
    }),
  },
  'POST /api/reports/:id/referrals': {
    request: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.report}/referrals`,
      payload: { target: 'police', referredOn: '2026-11-26' },
    }),
    ok: [201],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.report}/referrals`,
      payload: { target: 'police', referredOn: '2026-11-26' },
    }),
  },
  'GET /api/report-protections': {
    request: () => ({ method: 'GET', url: '/api/report-protections' }),
    ok: [200],
  },
  'POST /api/reports/:id/protections': {
    request: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.report}/protections`,
      payload: MATRIX_PROTECTION,
    }),
    ok: [201],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.report}/protections`,
      payload: MATRIX_PROTECTION,
    }),
  },
  'POST /api/reports/:id/protections/:protectionId/follow-up': {
    request: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.protectedReport}/protections/${kofu.protection}/follow-up`,
      payload: {},
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.protectedReport}/protections/${kofu.protection}/follow-up`,
      payload: {},
    }),
  },
  'GET /api/reports/:id/operator-suggestions': {
    request: () => ({ method: 'GET', url: `/api/reports/${kofu.report}/operator-suggestions` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/reports/${kofu.report}/operator-suggestions` }),
  },
  'POST /api/reports/:id/operator-link': {
    request: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.report}/operator-link`,
      payload: { operatorId: kofu.operator },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/reports/${kofu.report}/operator-link`,
      payload: { operatorId: kofu.operator },
    }),
  },
  'DELETE /api/reports/:id/operator-link': {
    request: () => ({ method: 'DELETE', url: `/api/reports/${kofu.report}/operator-link` }),
    ok: [200],
    otherTenant: () => ({ method: 'DELETE', url: `/api/reports/${kofu.report}/operator-link` }),
  },
  'POST /api/operators': {
    request: () => ({
      method: 'POST',
      url: '/api/operators',
      payload: { displayName: `マトリクス事業者 ${Math.random().toString(36).slice(2)}` },
    }),
    ok: [201],
  },
  'GET /api/operators': { request: () => ({ method: 'GET', url: '/api/operators?limit=5' }), ok: [200] },
  'GET /api/operators/:id': {
    request: () => ({ method: 'GET', url: `/api/operators/${kofu.operator}` }),
    ok: [200],
  },
  'GET /api/reports/statistics': {
    request: () => ({ method: 'GET', url: '/api/reports/statistics' }),
    ok: [200],
  },
  'GET /api/reports/statistics.csv': {
    request: () => ({ method: 'GET', url: '/api/reports/statistics.csv?prefecture=19' }),
    ok: [200],
  },
  // ── places (issue 4) ──
  'GET /api/public/places': {
    request: () => ({
      method: 'GET',
      url: '/api/public/places?q=%E3%81%84%E3%81%B0%E3%81%97%E3%82%87&postalCode=400-0031',
    }),
    ok: [200],
  },
  'GET /api/public/map': {
    request: () => ({ method: 'GET', url: '/api/public/map' }),
    ok: [200],
  },
  'GET /api/public/places/:id': {
    request: () => ({ method: 'GET', url: `/api/public/places/${kofu.place}` }),
    ok: [200],
  },
  'GET /api/public/open-data/:file': {
    request: () => ({ method: 'GET', url: `/api/public/open-data/${KOFU}_public_facility.csv` }),
    ok: [200],
  },
  'GET /api/public/open-data/hsds/:code': {
    request: () => ({ method: 'GET', url: `/api/public/open-data/hsds/${KAI}` }),
    ok: [200],
  },
  'GET /api/places': { request: () => ({ method: 'GET', url: '/api/places?limit=5' }), ok: [200] },
  'GET /api/places/reading': {
    request: () => ({ method: 'GET', url: '/api/places/reading?text=%E5%B1%85%E5%A0%B4%E6%89%80' }),
    ok: [200],
  },
  'GET /api/places/postal-codes/:postalCode': {
    request: () => ({ method: 'GET', url: '/api/places/postal-codes/400-0031' }),
    ok: [200],
  },
  'POST /api/places': {
    request: () => ({ method: 'POST', url: '/api/places', payload: matrixPlace() }),
    ok: [201],
  },
  'GET /api/places/:id': {
    request: () => ({ method: 'GET', url: `/api/places/${kofu.place}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/places/${kofu.place}` }),
  },
  'PUT /api/places/:id': {
    request: async () => {
      const place = await placeFixture('draft');
      return {
        method: 'PUT',
        url: `/api/places/${place.id}`,
        payload: { ...matrixPlace(), version: place.version },
      };
    },
    ok: [200],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/places/${kofu.place}`,
      payload: { ...matrixPlace(), version: 1 },
    }),
  },
  'POST /api/places/:id/submit': {
    request: async () => placeAction('submit', await placeFixture('draft')),
    ok: [200],
    otherTenant: () => placeAction('submit', { id: kofu.place, version: 1 }),
  },
  'POST /api/places/:id/publish': {
    request: async () => placeAction('publish', await placeFixture('in_review')),
    ok: [200],
    otherTenant: () => placeAction('publish', { id: kofu.place, version: 1 }),
  },
  'POST /api/places/:id/return': {
    request: async () => {
      const place = await placeFixture('in_review');
      return {
        ...placeAction('return', place),
        payload: { version: place.version, comment: '確認をお願いします' },
      };
    },
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/places/${kofu.place}/return`,
      payload: { version: 1, comment: '確認をお願いします' },
    }),
  },
  'POST /api/places/:id/withdraw': {
    request: async () => placeAction('withdraw', await placeFixture('published')),
    ok: [200],
    otherTenant: () => placeAction('withdraw', { id: kofu.place, version: 1 }),
  },
  'POST /api/places/:id/verify': {
    request: async () => placeAction('verify', await placeFixture('draft')),
    ok: [200],
    otherTenant: () => placeAction('verify', { id: kofu.place, version: 1 }),
  },
  'GET /api/places/:id/history': {
    request: () => ({ method: 'GET', url: `/api/places/${kofu.place}/history` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/places/${kofu.place}/history` }),
  },
  'POST /api/places/imports': {
    request: () => importUpload(),
    ok: [201],
  },
  'GET /api/places/imports/:id': {
    request: async () => ({ method: 'GET', url: `/api/places/imports/${await kofuImport()}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/places/imports/${kofuImportId}` }),
  },
  'POST /api/places/imports/:id/confirm': {
    request: async () => ({
      method: 'POST',
      url: `/api/places/imports/${await kofuImport(true)}/confirm`,
      payload: {},
    }),
    ok: [200],
    otherTenant: () => ({ method: 'POST', url: `/api/places/imports/${kofuImportId}/confirm`, payload: {} }),
  },
  // ── events and registrations (issue 5) ──
  'GET /api/public/events': {
    request: () => ({ method: 'GET', url: '/api/public/events?prefecture=19&kind=family_salon' }),
    ok: [200],
  },
  'GET /api/public/events/:id': {
    request: () => ({ method: 'GET', url: `/api/public/events/${kofu.publicEvent}.ics` }),
    ok: [200],
  },
  'GET /api/public/event-feeds/:file': {
    request: () => ({ method: 'GET', url: `/api/public/event-feeds/${KAI}.ics` }),
    ok: [200],
  },
  'GET /api/public/event-feeds/organisers/:file': {
    request: () => ({
      method: 'GET',
      url: `/api/public/event-feeds/organisers/${kofu.familyOrganiser}.ics`,
    }),
    ok: [200],
  },
  'GET /api/public/open-data/events/:file': {
    request: () => ({ method: 'GET', url: `/api/public/open-data/events/${KOFU}_event.csv` }),
    ok: [200],
  },
  'POST /api/public/events/:id/registrations': {
    request: () => ({
      method: 'POST',
      url: `/api/public/events/${kofu.salon}/registrations`,
      payload: { nickname: 'マトリクス', people: 1 },
    }),
    ok: [201],
  },
  'GET /api/public/event-registrations/:token': {
    request: async () => ({
      method: 'GET',
      url: `/api/public/event-registrations/${(await matrixRegistration()).token}`,
    }),
    ok: [200],
  },
  'POST /api/public/event-registrations/:token/sessions/:sessionId/cancel': {
    request: async () => {
      const r = await matrixRegistration(true);
      return {
        method: 'POST',
        url: `/api/public/event-registrations/${r.token}/sessions/${r.sessionId}/cancel`,
        payload: {},
      };
    },
    ok: [200],
  },
  'POST /api/public/events/:id/registrations/find': {
    request: async () => {
      const r = await matrixRegistration();
      return {
        method: 'POST',
        url: `/api/public/events/${kofu.salon}/registrations/find`,
        payload: { receiptNumber: r.receiptNumber, cancelCode: r.cancelCode },
      };
    },
    ok: [200],
  },
  'POST /api/public/events/:id/registrations/cancel': {
    request: async () => {
      const r = await matrixRegistration(true);
      return {
        method: 'POST',
        url: `/api/public/events/${kofu.salon}/registrations/cancel`,
        payload: { receiptNumber: r.receiptNumber, cancelCode: r.cancelCode, sessionId: r.sessionId },
      };
    },
    ok: [200],
  },
  'GET /api/events/organisers': {
    request: () => ({ method: 'GET', url: '/api/events/organisers' }),
    ok: [200],
  },
  'POST /api/events/organisers': {
    request: () => ({
      method: 'POST',
      url: '/api/events/organisers',
      payload: { kind: 'peer_group', name: 'マトリクスのピアの会' },
    }),
    ok: [201],
  },
  'PUT /api/events/organisers/:id': {
    request: () => ({
      method: 'PUT',
      url: `/api/events/organisers/${kofu.peerOrganiser}`,
      payload: { kind: 'peer_group', name: 'ピアサポートの会 こもれび' },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/events/organisers/${kofu.peerOrganiser}`,
      payload: { kind: 'peer_group', name: 'ピアサポートの会 こもれび' },
    }),
  },
  'GET /api/events': { request: () => ({ method: 'GET', url: '/api/events?limit=5' }), ok: [200] },
  'POST /api/events': {
    request: () => ({ method: 'POST', url: '/api/events', payload: matrixEvent() }),
    ok: [201],
  },
  'GET /api/events/:id': {
    request: () => ({ method: 'GET', url: `/api/events/${kofu.salon}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/events/${kofu.salon}` }),
  },
  'PUT /api/events/:id': {
    request: async () => {
      const event = await eventFixture();
      return {
        method: 'PUT',
        url: `/api/events/${event.id}`,
        payload: { ...matrixEvent(), version: event.version },
      };
    },
    ok: [200],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/events/${kofu.salon}`,
      payload: { ...matrixEvent(), version: 1 },
    }),
  },
  'GET /api/events/:id/registrations': {
    request: () => ({ method: 'GET', url: `/api/events/${kofu.salon}/registrations` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/events/${kofu.salon}/registrations` }),
  },
  'PUT /api/events/:id/sessions/:sessionId/attendance': {
    request: async () => ({
      method: 'PUT',
      url: `/api/events/${kofu.salon}/sessions/${await salonSession()}/attendance`,
      payload: { count: 4 },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/events/${kofu.salon}/sessions/${salonSessionId}/attendance`,
      payload: { count: 4 },
    }),
  },
  'POST /api/events/:id/messages': {
    request: () => ({
      method: 'POST',
      url: `/api/events/${kofu.salon}/messages`,
      payload: { subject: 'マトリクスのお知らせ', body: '試験です。' },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/events/${kofu.salon}/messages`,
      payload: { subject: 'マトリクスのお知らせ', body: '試験です。' },
    }),
  },
  // ── consultations and support records (issue 6) ──
  'POST /api/public/consultations': {
    request: () => ({
      method: 'POST',
      url: '/api/public/consultations',
      payload: { municipalityCode: KOFU, message: 'マトリクスからの相談' },
    }),
    ok: [201],
  },
  'POST /api/public/consultations/read': {
    request: () => ({
      method: 'POST',
      url: '/api/public/consultations/read',
      payload: { municipalityCode: KOFU, replyCode: kofu.consultationReplyCode },
    }),
    ok: [200],
  },
  'POST /api/public/consultations/messages': {
    request: () => ({
      method: 'POST',
      url: '/api/public/consultations/messages',
      payload: {
        municipalityCode: KOFU,
        replyCode: kofu.consultationReplyCode,
        message: 'もう一度書きます',
      },
    }),
    ok: [201],
  },
  'GET /api/consultations': { request: () => ({ method: 'GET', url: '/api/consultations' }), ok: [200] },
  'GET /api/consultations/:id': {
    request: () => ({ method: 'GET', url: `/api/consultations/${kofu.answeredConsultation}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/consultations/${kofu.answeredConsultation}` }),
  },
  'POST /api/consultations/:id/replies': {
    request: () => ({
      method: 'POST',
      url: `/api/consultations/${kofu.waitingConsultation}/replies`,
      payload: { message: 'マトリクスからの返信' },
    }),
    ok: [201],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/consultations/${kofu.waitingConsultation}/replies`,
      payload: { message: 'x' },
    }),
  },
  'POST /api/consultations/:id/close': {
    request: () => ({
      method: 'POST',
      url: `/api/consultations/${kofu.answeredConsultation}/close`,
      payload: { version: 1, reason: 'マトリクスの終了' },
    }),
    ok: [200, 409],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/consultations/${kofu.answeredConsultation}/close`,
      payload: { version: 1, reason: 'マトリクスの終了' },
    }),
  },
  'POST /api/support/persons/search': {
    request: () => ({
      method: 'POST',
      url: '/api/support/persons/search',
      payload: { nickname: 'マトリクスのはるさん' },
    }),
    ok: [200],
  },
  'GET /api/support/persons': {
    request: () => ({ method: 'GET', url: '/api/support/persons?scope=all' }),
    ok: [200],
  },
  'GET /api/support/persons.csv': {
    request: () => ({ method: 'GET', url: '/api/support/persons.csv?scope=all' }),
    ok: [200],
  },
  'POST /api/support/persons': {
    request: () => ({
      method: 'POST',
      url: '/api/support/persons',
      payload: { person: { nickname: 'マトリクスさん' } },
    }),
    ok: [201],
  },
  'GET /api/support/persons/:id': {
    request: () => ({ method: 'GET', url: haru() }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: haru() }),
  },
  'PUT /api/support/persons/:id': {
    request: () => ({
      method: 'PUT',
      url: haru(),
      payload: { nickname: 'マトリクスのはるさん', version: 1 },
    }),
    ok: [200, 409],
    otherTenant: () => ({ method: 'PUT', url: haru(), payload: { nickname: 'x', version: 1 } }),
  },
  'POST /api/support/persons/:id/merge': {
    request: async () => {
      const [a, b] = [await matrixPerson(), await matrixPerson()];
      return {
        method: 'POST',
        url: `/api/support/persons/${a}/merge`,
        payload: { duplicateId: b, version: 1, duplicateVersion: 1 },
      };
    },
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `${haru()}/merge`,
      payload: { duplicateId: kofu.sora, version: 1, duplicateVersion: 1 },
    }),
  },
  'POST /api/support/persons/:id/family': {
    request: () => ({ method: 'POST', url: `${haru()}/family`, payload: { relationship: 'sibling' } }),
    ok: [201],
    otherTenant: () => ({ method: 'POST', url: `${haru()}/family`, payload: { relationship: 'sibling' } }),
  },
  'PUT /api/support/persons/:id/family/:memberId': {
    request: async () => {
      const member = (await supportFixtures()).member;
      return {
        method: 'PUT',
        url: `/api/support/persons/${kofu.family}/family/${member}`,
        payload: { relationship: 'mother', age: 82, isMainContact: true, version: 1 },
      };
    },
    ok: [200, 409],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/support/persons/${kofu.family}/family/${supportIds.member}`,
      payload: { relationship: 'mother', version: 1 },
    }),
  },
  'GET /api/support/persons/:id/consents': {
    request: () => ({ method: 'GET', url: `${haru()}/consents` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${haru()}/consents` }),
  },
  'POST /api/support/persons/:id/consents': {
    request: () => ({ method: 'POST', url: `${haru()}/consents`, payload: MATRIX_CONSENT }),
    ok: [201],
    otherTenant: () => ({ method: 'POST', url: `${haru()}/consents`, payload: MATRIX_CONSENT }),
  },
  'GET /api/support/persons/:id/intakes': {
    request: () => ({ method: 'GET', url: `${haru()}/intakes` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${haru()}/intakes` }),
  },
  'POST /api/support/persons/:id/intakes': {
    request: () => ({ method: 'POST', url: `${haru()}/intakes`, payload: { content: {} } }),
    ok: [201],
    otherTenant: () => ({ method: 'POST', url: `${haru()}/intakes`, payload: { content: {} } }),
  },
  'GET /api/support/persons/:id/intakes/:intakeId': {
    request: async () => ({ method: 'GET', url: `${haru()}/intakes/${(await supportFixtures()).intake}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${haru()}/intakes/${supportIds.intake}` }),
  },
  'PUT /api/support/persons/:id/intakes/:intakeId': {
    request: async () => ({
      method: 'PUT',
      url: `${haru()}/intakes/${(await supportFixtures()).intake}`,
      payload: { version: 1, content: {} },
    }),
    ok: [200, 409],
    otherTenant: () => ({
      method: 'PUT',
      url: `${haru()}/intakes/${supportIds.intake}`,
      payload: { version: 1, content: {} },
    }),
  },
  'GET /api/support/persons/:id/plans': {
    request: () => ({ method: 'GET', url: `${haru()}/plans` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${haru()}/plans` }),
  },
  'POST /api/support/persons/:id/plans': {
    request: () => ({ method: 'POST', url: `${haru()}/plans`, payload: MATRIX_PLAN }),
    ok: [201],
    otherTenant: () => ({ method: 'POST', url: `${haru()}/plans`, payload: MATRIX_PLAN }),
  },
  'GET /api/support/persons/:id/plans/:planId': {
    request: async () => ({ method: 'GET', url: `${haru()}/plans/${(await supportFixtures()).plan}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${haru()}/plans/${supportIds.plan}` }),
  },
  'PUT /api/support/persons/:id/plans/:planId': {
    request: async () => ({
      method: 'PUT',
      url: `${haru()}/plans/${(await supportFixtures()).plan}`,
      payload: { ...MATRIX_PLAN, version: 1 },
    }),
    ok: [200, 409],
    otherTenant: () => ({
      method: 'PUT',
      url: `${haru()}/plans/${supportIds.plan}`,
      payload: { ...MATRIX_PLAN, version: 1 },
    }),
  },
  'GET /api/support/persons/:id/plans/:planId/print': {
    request: async () => ({ method: 'GET', url: `${haru()}/plans/${(await supportFixtures()).plan}/print` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${haru()}/plans/${supportIds.plan}/print` }),
  },
  'GET /api/support/persons/:id/print/case-file': {
    request: () => ({ method: 'GET', url: `${haru()}/print/case-file` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${haru()}/print/case-file` }),
  },
  'GET /api/support/persons/:id/print/notes': {
    request: () => ({ method: 'GET', url: `${haru()}/print/notes?from=2026-01-01&to=2026-11-26` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${haru()}/print/notes?from=2026-01-01&to=2026-11-26` }),
  },
  'GET /api/support/persons/:id/matches': {
    request: () => ({ method: 'GET', url: `${haru()}/matches` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${haru()}/matches` }),
  },
  'GET /api/support/persons/:id/timeline': {
    request: () => ({ method: 'GET', url: `${haru()}/timeline` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${haru()}/timeline` }),
  },
  'POST /api/support/persons/:id/notes': {
    request: () => ({ method: 'POST', url: `${haru()}/notes`, payload: MATRIX_NOTE }),
    ok: [201],
    otherTenant: () => ({ method: 'POST', url: `${haru()}/notes`, payload: MATRIX_NOTE }),
  },
  'GET /api/support/persons/:id/notes/:noteId': {
    request: async () => ({ method: 'GET', url: `${haru()}/notes/${(await supportFixtures()).note}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${haru()}/notes/${supportIds.note}` }),
  },
  'PUT /api/support/persons/:id/notes/:noteId': {
    request: async () => ({
      method: 'PUT',
      url: `${haru()}/notes/${(await supportFixtures()).note}`,
      payload: { version: 1, note: MATRIX_NOTE },
    }),
    ok: [200, 409],
    otherTenant: () => ({
      method: 'PUT',
      url: `${haru()}/notes/${supportIds.note}`,
      payload: { version: 1, note: MATRIX_NOTE },
    }),
  },
  'GET /api/support/persons/:id/measures': {
    request: () => ({ method: 'GET', url: `${haru()}/measures` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${haru()}/measures` }),
  },
  'POST /api/support/persons/:id/measures': {
    request: () => ({ method: 'POST', url: `${haru()}/measures`, payload: MATRIX_MEASURE }),
    ok: [201],
    otherTenant: () => ({ method: 'POST', url: `${haru()}/measures`, payload: MATRIX_MEASURE }),
  },
  'GET /api/support/instruments': {
    request: () => ({ method: 'GET', url: '/api/support/instruments' }),
    ok: [200],
  },
  'GET /api/support/caseload': {
    request: () => ({ method: 'GET', url: '/api/support/caseload' }),
    ok: [200],
  },
  'POST /api/support/imports': {
    request: () => supportUpload(),
    ok: [201],
  },
  'GET /api/support/imports/:id': {
    request: async () => ({ method: 'GET', url: `/api/support/imports/${await supportImport()}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/support/imports/${supportImportId}` }),
  },
  'POST /api/support/imports/:id/confirm': {
    request: async () => ({
      method: 'POST',
      url: `/api/support/imports/${await supportImport(true)}/confirm`,
      payload: {},
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/support/imports/${supportImportId}/confirm`,
      payload: {},
    }),
  },
  // ── agencies, referrals, conferences and the person's rights (issue 7) ──
  'GET /api/agencies': { request: () => ({ method: 'GET', url: '/api/agencies' }), ok: [200] },
  'POST /api/agencies': {
    request: () => ({
      method: 'POST',
      url: '/api/agencies',
      payload: { kind: 'npo', name: `マトリクスの機関 ${++agencyCounter}` },
    }),
    ok: [201],
  },
  'PUT /api/agencies/:id': {
    request: async (c) => ({
      method: 'PUT',
      url: `/api/agencies/${holds(c, 'agencies.manage') ? await matrixAgency() : uuid0}`,
      payload: { kind: 'npo', name: `マトリクスの機関 ${++agencyCounter}`, version: 1 },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/agencies/${kofu.npo}`,
      payload: { kind: 'npo', name: 'x', version: 1 },
    }),
  },
  'POST /api/agencies/:id/members': {
    request: async () => ({
      method: 'POST',
      url: `/api/agencies/${kofu.npo}/members`,
      payload: { accountId: await matrixAgencyMember() },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/agencies/${kofu.npo}/members`,
      payload: { accountId: uuid0 },
    }),
  },
  'GET /api/referrals': {
    request: () => ({ method: 'GET', url: `/api/referrals?personId=${kofu.haru}` }),
    ok: [200],
  },
  'POST /api/referrals': {
    request: () => ({ method: 'POST', url: '/api/referrals', payload: matrixReferralBody() }),
    ok: [201],
  },
  'GET /api/referrals/:id': {
    request: () => ({ method: 'GET', url: `/api/referrals/${kofu.referral}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/referrals/${kofu.referral}` }),
  },
  'POST /api/referrals/:id/withdraw': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/referrals/${holds(c, 'referrals.send') ? await matrixReferral() : uuid0}/withdraw`,
      payload: { version: 1 },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/referrals/${kofu.referral}/withdraw`,
      payload: { version: 1 },
    }),
  },
  'GET /api/agency/referrals': {
    request: () => ({ method: 'GET', url: '/api/agency/referrals' }),
    ok: [200],
  },
  'GET /api/agency/referrals/:id': {
    request: () => ({ method: 'GET', url: `/api/agency/referrals/${kofu.referral}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/agency/referrals/${kofu.referral}` }),
  },
  'POST /api/agency/referrals/:id/:action': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/agency/referrals/${holds(c, 'referrals.receive') ? await matrixReferral() : uuid0}/accept`,
      payload: { version: 1 },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/agency/referrals/${kofu.referral}/accept`,
      payload: { version: 1 },
    }),
  },
  'GET /api/conferences': { request: () => ({ method: 'GET', url: '/api/conferences' }), ok: [200] },
  'POST /api/conferences': {
    request: () => ({ method: 'POST', url: '/api/conferences', payload: MATRIX_CONFERENCE }),
    ok: [201],
  },
  'GET /api/conferences/:id': {
    request: async () => ({ method: 'GET', url: `/api/conferences/${await matrixConference()}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/conferences/${kofu.conference}` }),
  },
  'GET /api/conferences/:id/materials': {
    request: async () => ({ method: 'GET', url: `/api/conferences/${await matrixConference()}/materials` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/conferences/${kofu.conference}/materials` }),
  },
  'POST /api/conferences/:id/acknowledge': {
    request: async () => ({
      method: 'POST',
      url: `/api/conferences/${await matrixConference()}/acknowledge`,
    }),
    ok: [200],
    otherTenant: () => ({ method: 'POST', url: `/api/conferences/${kofu.conference}/acknowledge` }),
  },
  'POST /api/conferences/:id/items': {
    request: async () => ({
      method: 'POST',
      url: `/api/conferences/${await matrixConference()}/items`,
      payload: { kind: 'action', text: 'マトリクスの役割', ownerLabel: '相談支援員', due: '2026-12-20' },
    }),
    ok: [201],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/conferences/${kofu.conference}/items`,
      payload: { kind: 'action', text: 'x' },
    }),
  },
  'GET /api/conferences/candidates': {
    request: () => ({ method: 'GET', url: '/api/conferences/candidates' }),
    ok: [200],
  },
  'GET /api/conferences/:id/minutes/versions': {
    request: async () => ({
      method: 'GET',
      url: `/api/conferences/${await matrixConference()}/minutes/versions`,
    }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/conferences/${kofu.conference}/minutes/versions` }),
  },
  'POST /api/conferences/:id/persons': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/conferences/${holds(c, 'conferences.manage') ? await matrixConference(true) : uuid0}/persons`,
      payload: { personId: kofu.haru },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/conferences/${kofu.conference}/persons`,
      payload: { personId: kofu.haru },
    }),
  },
  'POST /api/conferences/:id/members': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/conferences/${holds(c, 'conferences.manage') ? await matrixConference(true) : uuid0}/members`,
      payload: { accountId: callers.find((x) => x.role === 'labour')!.session!.body.account.id },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/conferences/${kofu.conference}/members`,
      payload: { accountId: uuid0 },
    }),
  },
  'PUT /api/conferences/:id/minutes': {
    request: async (c) => ({
      method: 'PUT',
      url: `/api/conferences/${holds(c, 'conferences.manage') ? await matrixConference(true) : uuid0}/minutes`,
      payload: { version: 1, minutes: 'マトリクスの会議録' },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/conferences/${kofu.conference}/minutes`,
      payload: { version: 1, minutes: 'x' },
    }),
  },
  'POST /api/rights/persons/:id/disclosures': {
    request: () => ({
      method: 'POST',
      url: `${rightsHaru()}/disclosures`,
      payload: { receivedOn: '2026-11-20' },
    }),
    ok: [201],
    otherTenant: () => ({
      method: 'POST',
      url: `${rightsHaru()}/disclosures`,
      payload: { receivedOn: '2026-11-20' },
    }),
  },
  'GET /api/rights/persons/:id/disclosures': {
    request: () => ({ method: 'GET', url: `${rightsHaru()}/disclosures` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${rightsHaru()}/disclosures` }),
  },
  'GET /api/rights/disclosures/:id': {
    request: async () => ({ method: 'GET', url: `/api/rights/disclosures/${await matrixDisclosure()}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/rights/disclosures/${rightsIds.disclosure}` }),
  },
  'PUT /api/rights/disclosures/:id/items': {
    request: async (c) => ({
      method: 'PUT',
      url: `/api/rights/disclosures/${holds(c, 'rights.handle') ? await matrixDisclosure(true) : uuid0}/items`,
      payload: { version: 1, items: [] },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/rights/disclosures/${rightsIds.disclosure}/items`,
      payload: { version: 1, items: [] },
    }),
  },
  'POST /api/rights/disclosures/:id/approve': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/rights/disclosures/${holds(c, 'rights.handle') ? await matrixDisclosure(true) : uuid0}/approve`,
      payload: { version: 1 },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/rights/disclosures/${rightsIds.disclosure}/approve`,
      payload: { version: 1 },
    }),
  },
  'GET /api/rights/disclosures/:id/document': {
    request: async () => ({
      method: 'GET',
      url: `/api/rights/disclosures/${await matrixApprovedDisclosure()}/document`,
    }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/rights/disclosures/${rightsIds.approved}/document` }),
  },
  'POST /api/rights/persons/:id/corrections': {
    request: () => ({ method: 'POST', url: `${rightsHaru()}/corrections`, payload: MATRIX_CORRECTION }),
    ok: [201],
    otherTenant: () => ({ method: 'POST', url: `${rightsHaru()}/corrections`, payload: MATRIX_CORRECTION }),
  },
  'GET /api/rights/persons/:id/corrections': {
    request: () => ({ method: 'GET', url: `${rightsHaru()}/corrections` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${rightsHaru()}/corrections` }),
  },
  'POST /api/rights/corrections/:id/decide': {
    request: async (c) => ({
      method: 'POST',
      url: `/api/rights/corrections/${holds(c, 'rights.handle') ? await matrixCorrection() : uuid0}/decide`,
      payload: { version: 1, outcome: 'not_corrected', explanation: 'マトリクスの説明' },
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/rights/corrections/${rightsIds.correction}/decide`,
      payload: { version: 1, outcome: 'not_corrected', explanation: 'x' },
    }),
  },
  'GET /api/rights/persons/:id/access-report': {
    request: () => ({ method: 'GET', url: `${rightsHaru()}/access-report` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `${rightsHaru()}/access-report` }),
  },
  'GET /api/rights/retention': {
    request: () => ({ method: 'GET', url: '/api/rights/retention' }),
    ok: [200],
  },
  'PUT /api/rights/retention': {
    request: () => ({
      method: 'PUT',
      url: '/api/rights/retention',
      payload: { policies: [{ recordClass: 'conference_minutes', months: 60 }] },
    }),
    ok: [200],
  },
  'GET /api/rights/purges': { request: () => ({ method: 'GET', url: '/api/rights/purges' }), ok: [200] },
  // ── model cases (issue 17) ──
  'GET /api/public/cases': {
    request: () => ({
      method: 'GET',
      url: `/api/public/cases?q=${encodeURIComponent('いばしょ')}&similarTo=${KAI}`,
    }),
    ok: [200],
  },
  'GET /api/public/cases/themes': {
    request: () => ({ method: 'GET', url: '/api/public/cases/themes' }),
    ok: [200],
  },
  'GET /api/public/cases/open-data.json': {
    request: () => ({ method: 'GET', url: '/api/public/cases/open-data.json' }),
    ok: [200],
  },
  'GET /api/public/cases/open-data.csv': {
    request: () => ({ method: 'GET', url: '/api/public/cases/open-data.csv' }),
    ok: [200],
  },
  'GET /api/public/cases/:id': {
    request: () => ({ method: 'GET', url: `/api/public/cases/${kofu.publishedCase}` }),
    ok: [200],
  },
  'GET /api/public/cases/:id/attachments/:attachmentId': {
    request: () => ({
      method: 'GET',
      url: `/api/public/cases/${kofu.draftCase}/attachments/${uuid0}`,
    }),
    ok: [404],
  },
  'GET /api/cases': { request: () => ({ method: 'GET', url: '/api/cases?view=library' }), ok: [200] },
  'GET /api/cases/questions': { request: () => ({ method: 'GET', url: '/api/cases/questions' }), ok: [200] },
  'POST /api/cases': {
    request: () => ({
      method: 'POST',
      url: '/api/cases',
      payload: { ...caseBody(), municipalityCode: KOFU },
    }),
    ok: [201],
  },
  'POST /api/cases/themes': {
    request: () => ({
      method: 'POST',
      url: '/api/cases/themes',
      payload: {
        code: `matrix_${++requestCount}`,
        labelJa: 'マトリクス',
        labelEn: 'Matrix',
        labelEasy: 'まとりくす',
        reading: 'まとりくす',
      },
    }),
    ok: [201],
  },
  'GET /api/cases/:id': {
    request: () => ({ method: 'GET', url: `/api/cases/${kofu.publishedCase}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/cases/${kofu.draftCase}` }),
  },
  'PUT /api/cases/:id': {
    request: () => ({ method: 'PUT', url: `/api/cases/${uuid0}`, payload: { version: 1, ...caseBody() } }),
    ok: [404],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/cases/${kofu.draftCase}`,
      payload: { version: 1, ...caseBody() },
    }),
  },
  'POST /api/cases/:id/submit': {
    request: () => ({ method: 'POST', url: `/api/cases/${uuid0}/submit`, payload: { version: 1 } }),
    ok: [404],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/cases/${kofu.draftCase}/submit`,
      payload: { version: 1 },
    }),
  },
  'POST /api/cases/:id/review': {
    request: () => ({
      method: 'POST',
      url: `/api/cases/${uuid0}/review`,
      payload: { version: 1, decision: 'accept' },
    }),
    ok: [404],
  },
  'POST /api/cases/:id/publish': {
    request: () => ({ method: 'POST', url: `/api/cases/${uuid0}/publish`, payload: { version: 1 } }),
    ok: [404],
  },
  'POST /api/cases/:id/attachments': {
    request: () => ({ method: 'POST', url: `/api/cases/${uuid0}/attachments` }),
    ok: [404],
    otherTenant: () => ({ method: 'POST', url: `/api/cases/${kofu.draftCase}/attachments` }),
  },
  'GET /api/cases/:id/attachments/:attachmentId': {
    request: () => ({ method: 'GET', url: `/api/cases/${uuid0}/attachments/${uuid0}` }),
    ok: [404],
    otherTenant: () => ({ method: 'GET', url: `/api/cases/${kofu.draftCase}/attachments/${uuid0}` }),
  },
  'POST /api/cases/:id/questions': {
    request: () => ({
      method: 'POST',
      url: `/api/cases/${kofu.publishedCase}/questions`,
      payload: { question: 'マトリクスからの質問です。' },
    }),
    ok: [201],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/cases/${kofu.draftCase}/questions`,
      payload: { question: 'マトリクスからの質問です。' },
    }),
  },
  'POST /api/cases/:id/questions/:questionId/answer': {
    request: () => ({
      method: 'POST',
      url: `/api/cases/${uuid0}/questions/${uuid0}/answer`,
      payload: { answer: '回答' },
    }),
    ok: [404],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/cases/${kofu.draftCase}/questions/${uuid0}/answer`,
      payload: { answer: '回答' },
    }),
  },
  // ── transport-cost subsidy (issue 8) and the bank reference ──
  'GET /api/public/banks': {
    request: () => ({ method: 'GET', url: '/api/public/banks?q=やまなし' }),
    ok: [200],
  },
  'GET /api/public/banks/:bankCode/branches': {
    request: () => ({ method: 'GET', url: '/api/public/banks/0142/branches?q=こうふ' }),
    ok: [200],
  },
  'GET /api/public/subsidy-programmes/:municipalityCode': {
    request: () => ({ method: 'GET', url: `/api/public/subsidy-programmes/${KOFU}` }),
    ok: [200],
  },
  'POST /api/public/subsidy-applications': {
    request: () => subsidyUpload('/api/public/subsidy-applications', true),
    ok: [201],
  },
  'POST /api/public/subsidy-applications/status': {
    request: () => ({
      method: 'POST',
      url: '/api/public/subsidy-applications/status',
      payload: { receiptNumber: kofu.approvedReceipt },
    }),
    ok: [200],
  },
  'POST /api/subsidies/applications': {
    request: () => subsidyUpload('/api/subsidies/applications', false),
    ok: [201],
  },
  'GET /api/subsidies/programmes': {
    request: () => ({ method: 'GET', url: '/api/subsidies/programmes' }),
    ok: [200],
  },
  'POST /api/subsidies/programmes': {
    // One programme per year: the first permitted caller creates it, the others meet the conflict.
    request: () => ({
      method: 'POST',
      url: '/api/subsidies/programmes',
      payload: { ...MATRIX_PROGRAMME, fiscalYear: 2031 },
    }),
    ok: [201, 409],
  },
  'GET /api/subsidies/programmes/:id': {
    request: () => ({ method: 'GET', url: `/api/subsidies/programmes/${kofu.programme}` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/subsidies/programmes/${kofu.programme}` }),
  },
  'PUT /api/subsidies/programmes/:id': {
    request: async () => ({
      method: 'PUT',
      url: `/api/subsidies/programmes/${kofu.programme}`,
      payload: await currentProgrammeEdit(),
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/subsidies/programmes/${kofu.programme}`,
      payload: { ...MATRIX_PROGRAMME, version: 1, fiscalYear: undefined },
    }),
  },
  'GET /api/subsidies/applications': {
    request: () => ({ method: 'GET', url: '/api/subsidies/applications?limit=5' }),
    ok: [200],
  },
  'GET /api/subsidies/applications/:id': {
    request: () => ({
      method: 'GET',
      url: `/api/subsidies/applications/${kofu.approvedApplication}`,
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'GET',
      url: `/api/subsidies/applications/${kofu.approvedApplication}`,
    }),
  },
  'POST /api/subsidies/applications/:id/reveal-contact': {
    request: () => ({
      method: 'POST',
      url: `/api/subsidies/applications/${kofu.approvedApplication}/reveal-contact`,
      payload: {},
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/subsidies/applications/${kofu.approvedApplication}/reveal-contact`,
      payload: {},
    }),
  },
  'POST /api/subsidies/applications/:id/reveal-bank': {
    request: () => ({
      method: 'POST',
      url: `/api/subsidies/applications/${kofu.approvedApplication}/reveal-bank`,
      payload: {},
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/subsidies/applications/${kofu.approvedApplication}/reveal-bank`,
      payload: {},
    }),
  },
  'GET /api/subsidies/applications/:id/receipts/:receiptId': {
    request: async () => {
      const f = await subsidyFixture();
      return { method: 'GET', url: `/api/subsidies/applications/${f.id}/receipts/${f.receiptId}` };
    },
    ok: [200],
    otherTenant: () => ({
      method: 'GET',
      url: `/api/subsidies/applications/${subsidyIds.id}/receipts/${subsidyIds.receiptId}`,
    }),
  },
  'POST /api/subsidies/applications/:id/check': {
    // Recording the check again (with the current version) is allowed: repeatable by every caller.
    request: async () => {
      const f = await subsidyFixture();
      return {
        method: 'POST',
        url: `/api/subsidies/applications/${f.id}/check`,
        payload: { ...MATRIX_CHECK, version: await subsidyVersion(f.id) },
      };
    },
    ok: [200],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/subsidies/applications/${subsidyIds.id}/check`,
      payload: { ...MATRIX_CHECK, version: 1 },
    }),
  },
  'POST /api/subsidies/applications/:id/decision': {
    // The first permitted caller decides; later ones find it decided (409), after the access check.
    request: async () => {
      const f = await subsidyFixture();
      return {
        method: 'POST',
        url: `/api/subsidies/applications/${f.decideId}/decision`,
        payload: {
          version: await subsidyVersion(f.decideId),
          decision: 'reject',
          reasons: 'マトリクスの理由',
        },
      };
    },
    ok: [200, 409],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/subsidies/applications/${subsidyIds.decideId}/decision`,
      payload: { version: 1, decision: 'reject', reasons: 'マトリクスの理由' },
    }),
  },
  'GET /api/subsidies/applications/:id/notice': {
    request: () => ({
      method: 'GET',
      url: `/api/subsidies/applications/${kofu.reducedApplication}/notice`,
    }),
    ok: [200],
    otherTenant: () => ({
      method: 'GET',
      url: `/api/subsidies/applications/${kofu.reducedApplication}/notice`,
    }),
  },
  'POST /api/subsidies/applications/:id/claims': {
    request: () => ({
      method: 'POST',
      url: `/api/subsidies/applications/${kofu.approvedApplication}/claims`,
      payload: { tripMonth: '2026-11', tripCount: 2, claimedYen: 960 },
    }),
    ok: [201, 409],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/subsidies/applications/${kofu.approvedApplication}/claims`,
      payload: { tripMonth: '2026-11', tripCount: 2, claimedYen: 960 },
    }),
  },
  'GET /api/subsidies/claims/waiting': {
    request: () => ({ method: 'GET', url: '/api/subsidies/claims/waiting?limit=5' }),
    ok: [200],
  },
  'POST /api/subsidies/claims/:id/confirm': {
    request: async () => ({
      method: 'POST',
      url: `/api/subsidies/claims/${(await subsidyFixture()).confirmClaim}/confirm`,
      payload: {},
    }),
    ok: [200, 409],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/subsidies/claims/${subsidyIds.confirmClaim}/confirm`,
      payload: {},
    }),
  },
  'POST /api/subsidies/claims/:id/reject': {
    request: async () => ({
      method: 'POST',
      url: `/api/subsidies/claims/${(await subsidyFixture()).rejectClaim}/reject`,
      payload: { reason: 'マトリクスの理由' },
    }),
    ok: [200, 409],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/subsidies/claims/${subsidyIds.rejectClaim}/reject`,
      payload: { reason: 'マトリクスの理由' },
    }),
  },
  // Payments and the ledger (issue 9). Batch ids of no batch answer 404 to finance.
  'GET /api/payments/payable': {
    request: () => ({ method: 'GET', url: '/api/payments/payable' }),
    ok: [200],
  },
  'GET /api/payments/batches': {
    request: () => ({ method: 'GET', url: '/api/payments/batches' }),
    ok: [200],
  },
  'POST /api/payments/batches': {
    request: () => ({
      method: 'POST',
      url: '/api/payments/batches',
      payload: { transferDate: '2026-12-10', items: [{ sourceKind: 'peer_compensation', sourceId: 'none' }] },
    }),
    ok: [409],
  },
  'GET /api/payments/batches/:id': {
    request: () => ({ method: 'GET', url: `/api/payments/batches/${uuid0}` }),
    ok: [404],
    otherTenant: () => ({ method: 'GET', url: `/api/payments/batches/${kofuPeers.batchId}` }),
  },
  'DELETE /api/payments/batches/:id': {
    request: () => ({ method: 'DELETE', url: `/api/payments/batches/${uuid0}` }),
    ok: [404],
  },
  'POST /api/payments/batches/:id/approve': {
    request: () => ({ method: 'POST', url: `/api/payments/batches/${uuid0}/approve` }),
    ok: [404],
    otherTenant: () => ({ method: 'POST', url: `/api/payments/batches/${kofuPeers.batchId}/approve` }),
  },
  'POST /api/payments/batches/:id/export': {
    request: () => ({ method: 'POST', url: `/api/payments/batches/${uuid0}/export` }),
    ok: [404],
  },
  'GET /api/payments/batches/:id/file': {
    request: () => ({ method: 'GET', url: `/api/payments/batches/${uuid0}/file` }),
    ok: [404],
  },
  'GET /api/payments/batches/:id/accounting.csv': {
    request: () => ({ method: 'GET', url: `/api/payments/batches/${uuid0}/accounting.csv` }),
    ok: [404],
  },
  'POST /api/payments/batches/:id/lines/:lineId/result': {
    request: () => ({
      method: 'POST',
      url: `/api/payments/batches/${uuid0}/lines/${uuid0}/result`,
      payload: { status: 'paid' },
    }),
    ok: [404],
  },
  'POST /api/payments/batches/:id/paid': {
    request: () => ({ method: 'POST', url: `/api/payments/batches/${uuid0}/paid` }),
    ok: [404],
  },
  'POST /api/payments/batches/:id/lines/:lineId/reveal': {
    request: () => ({ method: 'POST', url: `/api/payments/batches/${uuid0}/lines/${uuid0}/reveal` }),
    ok: [404],
  },
  'GET /api/payments/ledger': { request: () => ({ method: 'GET', url: '/api/payments/ledger' }), ok: [200] },
  'GET /api/payments/ledger.csv': {
    request: () => ({ method: 'GET', url: '/api/payments/ledger.csv' }),
    ok: [200],
  },
  'PUT /api/payments/ledger/budget': {
    request: () => ({
      method: 'PUT',
      url: '/api/payments/ledger/budget',
      payload: { programmeKey: 'peer:matrix', fiscalYear: 2026, amount: 100000 },
    }),
    ok: [200],
  },
  // Peer supporters (issue 9). Ids of no record answer 404; the other-tenant cases name 甲府市's records (kofuPeers).
  'GET /api/peers/programmes': {
    request: () => ({ method: 'GET', url: '/api/peers/programmes' }),
    ok: [200],
  },
  'POST /api/peers/programmes': {
    request: () => ({
      method: 'POST',
      url: '/api/peers/programmes',
      payload: { name: `マトリクス事業 ${++requestCount}`, hourlyRate: 1000, withholdingRateBp: 1021 },
    }),
    ok: [201],
  },
  'PUT /api/peers/programmes/:id': {
    request: () => ({
      method: 'PUT',
      url: `/api/peers/programmes/${uuid0}`,
      payload: { hourlyRate: 1000, withholdingRateBp: 1021, active: true },
    }),
    ok: [404],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/peers/programmes/${kofuPeers.programmeId}`,
      payload: { hourlyRate: 1000, withholdingRateBp: 1021, active: true },
    }),
  },
  'GET /api/peers/supporters': {
    request: () => ({ method: 'GET', url: '/api/peers/supporters' }),
    ok: [200],
  },
  'POST /api/peers/supporters': {
    request: () => ({ method: 'POST', url: '/api/peers/supporters', payload: { displayName: 'マトリクス' } }),
    ok: [201],
  },
  'GET /api/peers/supporters/:id': {
    request: () => ({ method: 'GET', url: `/api/peers/supporters/${uuid0}` }),
    ok: [404],
    otherTenant: () => ({ method: 'GET', url: `/api/peers/supporters/${kofuPeers.supporterId}` }),
  },
  'PUT /api/peers/supporters/:id': {
    request: () => ({
      method: 'PUT',
      url: `/api/peers/supporters/${uuid0}`,
      payload: { displayName: 'マトリクス', version: 1 },
    }),
    ok: [404],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/peers/supporters/${kofuPeers.supporterId}`,
      payload: { displayName: 'マトリクス', version: 1 },
    }),
  },
  'PUT /api/peers/supporters/:id/bank': {
    request: () => ({
      method: 'PUT',
      url: `/api/peers/supporters/${uuid0}/bank`,
      payload: MATRIX_BANK,
    }),
    ok: [404],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/peers/supporters/${kofuPeers.supporterId}/bank`,
      payload: MATRIX_BANK,
    }),
  },
  'POST /api/peers/supporters/:id/bank/reveal': {
    request: () => ({ method: 'POST', url: `/api/peers/supporters/${uuid0}/bank/reveal` }),
    ok: [404],
    otherTenant: () => ({
      method: 'POST',
      url: `/api/peers/supporters/${kofuPeers.supporterId}/bank/reveal`,
    }),
  },
  'GET /api/peers/supporters/:id/statement': {
    request: () => ({ method: 'GET', url: `/api/peers/supporters/${uuid0}/statement?year=2026` }),
    ok: [404],
    otherTenant: () => ({
      method: 'GET',
      url: `/api/peers/supporters/${kofuPeers.supporterId}/statement?year=2026`,
    }),
  },
  'GET /api/peers/shifts': {
    request: () => ({ method: 'GET', url: '/api/peers/shifts?from=2026-11-01&to=2026-12-31' }),
    ok: [200],
  },
  'POST /api/peers/shifts': {
    request: () => ({
      method: 'POST',
      url: '/api/peers/shifts',
      payload: {
        supporterId: uuid0,
        placeId: uuid0,
        startsAt: '2026-12-01T13:00:00+09:00',
        endsAt: '2026-12-01T17:00:00+09:00',
      },
    }),
    ok: [400],
  },
  'POST /api/peers/shifts/:id/cancel': {
    request: () => ({ method: 'POST', url: `/api/peers/shifts/${uuid0}/cancel` }),
    ok: [404],
  },
  'POST /api/peers/swaps/:id/assign': {
    request: () => ({
      method: 'POST',
      url: `/api/peers/swaps/${uuid0}/assign`,
      payload: { supporterId: uuid0 },
    }),
    ok: [404],
  },
  'POST /api/peers/activities': {
    request: () => ({
      method: 'POST',
      url: '/api/peers/activities',
      payload: {
        supporterId: uuid0,
        programmeId: uuid0,
        activityDate: '2026-11-01',
        minutes: 60,
        kind: 'ibasho',
      },
    }),
    ok: [404],
  },
  'GET /api/peers/claims': { request: () => ({ method: 'GET', url: '/api/peers/claims' }), ok: [200] },
  'POST /api/peers/claims': {
    request: () => ({
      method: 'POST',
      url: '/api/peers/claims',
      payload: { supporterId: uuid0, programmeId: uuid0, month: '2026-11' },
    }),
    ok: [400],
  },
  'POST /api/peers/claims/:id/approve': {
    request: () => ({ method: 'POST', url: `/api/peers/claims/${uuid0}/approve` }),
    ok: [404],
    otherTenant: () => ({ method: 'POST', url: `/api/peers/claims/${kofuPeers.claimId}/approve` }),
  },
  'POST /api/peers/claims/:id/reject': {
    request: () => ({
      method: 'POST',
      url: `/api/peers/claims/${uuid0}/reject`,
      payload: { reason: 'マトリクス' },
    }),
    ok: [404],
  },
  'GET /api/peers/me': { request: () => ({ method: 'GET', url: '/api/peers/me' }), ok: [200] },
  'POST /api/peers/me/activities': {
    request: () => ({
      method: 'POST',
      url: '/api/peers/me/activities',
      payload: { programmeId: uuid0, activityDate: '2026-11-01', minutes: 60, kind: 'ibasho' },
    }),
    ok: [400],
  },
  'POST /api/peers/me/claims': {
    request: () => ({
      method: 'POST',
      url: '/api/peers/me/claims',
      payload: { programmeId: uuid0, month: '2026-11' },
    }),
    ok: [400],
  },
  'POST /api/peers/me/shifts/:id/swap': {
    request: () => ({ method: 'POST', url: `/api/peers/me/shifts/${uuid0}/swap`, payload: {} }),
    ok: [404],
  },
  'POST /api/peers/me/swaps/:id/accept': {
    request: () => ({ method: 'POST', url: `/api/peers/me/swaps/${uuid0}/accept` }),
    ok: [404],
  },
  'GET /api/peers/me/statement': {
    request: () => ({ method: 'GET', url: '/api/peers/me/statement?year=2026' }),
    ok: [200],
  },
  // Training (issue 9).
  'GET /api/training/courses': {
    request: () => ({ method: 'GET', url: '/api/training/courses' }),
    ok: [200],
  },
  'POST /api/training/courses': {
    request: () => ({
      method: 'POST',
      url: '/api/training/courses',
      payload: matrixCourse(`マトリクス研修 ${++requestCount}`),
    }),
    ok: [201],
  },
  'GET /api/training/courses/:id': {
    request: () => ({ method: 'GET', url: `/api/training/courses/${uuid0}` }),
    ok: [404],
    otherTenant: () => ({ method: 'GET', url: `/api/training/courses/${kofuPeers.courseId}` }),
  },
  'PUT /api/training/courses/:id': {
    request: () => ({
      method: 'PUT',
      url: `/api/training/courses/${uuid0}`,
      payload: { ...matrixCourse('マトリクス'), status: 'open', version: 1 },
    }),
    ok: [404],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/training/courses/${kofuPeers.courseId}`,
      payload: { ...matrixCourse('マトリクス'), status: 'open', version: 1 },
    }),
  },
  'GET /api/training/people': {
    request: () => ({ method: 'GET', url: '/api/training/people' }),
    ok: [200],
  },
  'GET /api/training/courses/:id/enrolments': {
    request: () => ({ method: 'GET', url: `/api/training/courses/${uuid0}/enrolments` }),
    ok: [404],
    otherTenant: () => ({ method: 'GET', url: `/api/training/courses/${kofuPeers.courseId}/enrolments` }),
  },
  'POST /api/training/courses/:id/enrolments': {
    request: () => ({
      method: 'POST',
      url: `/api/training/courses/${uuid0}/enrolments`,
      payload: { accountId: uuid0 },
    }),
    ok: [404],
  },
  'POST /api/training/enrolments/:id/complete': {
    request: () => ({ method: 'POST', url: `/api/training/enrolments/${uuid0}/complete` }),
    ok: [404],
  },
  'GET /api/training/enrolments/:id/certificate': {
    request: () => ({ method: 'GET', url: `/api/training/enrolments/${uuid0}/certificate` }),
    ok: [404],
  },
  'GET /api/training/records/:accountId': {
    request: () => ({ method: 'GET', url: `/api/training/records/${uuid0}` }),
    ok: [404],
    otherTenant: ({ other }) => ({ method: 'GET', url: `/api/training/records/${other.accountId}` }),
  },
  'GET /api/training/me': { request: () => ({ method: 'GET', url: '/api/training/me' }), ok: [200] },
  'GET /api/training/requirements': {
    request: () => ({ method: 'GET', url: '/api/training/requirements' }),
    ok: [200],
  },
  'PUT /api/training/requirements': {
    request: () => ({ method: 'PUT', url: '/api/training/requirements', payload: { rules: [] } }),
    ok: [200],
  },
  // Navigator for job leavers (issue 18).
  'GET /api/public/navigator/rules': {
    request: () => ({ method: 'GET', url: '/api/public/navigator/rules' }),
    ok: [200],
  },
  'GET /api/public/navigator/local/:code': {
    request: () => ({ method: 'GET', url: `/api/public/navigator/local/${KOFU}` }),
    ok: [200],
  },
  'GET /api/navigator/rule-sets': {
    request: () => ({ method: 'GET', url: '/api/navigator/rule-sets' }),
    ok: [200],
  },
  'GET /api/navigator/rule-sets/:version': {
    request: () => ({ method: 'GET', url: '/api/navigator/rule-sets/1' }),
    ok: [200],
  },
  'POST /api/navigator/rule-sets': {
    // Permitted callers get through to validation (an empty rule list is refused: no version is made).
    request: () => ({
      method: 'POST',
      url: '/api/navigator/rule-sets',
      payload: { effectiveFrom: '2030-01-01', note: 'マトリクス', rules: [] },
    }),
    ok: [400],
  },
  'GET /api/navigator/usage': {
    request: () => ({ method: 'GET', url: '/api/navigator/usage?from=2026-11-01&to=2026-11-30' }),
    ok: [200],
  },
  'GET /api/navigator/local': {
    request: () => ({ method: 'GET', url: '/api/navigator/local' }),
    ok: [200],
  },
  'POST /api/navigator/local/windows': {
    request: () => ({
      method: 'POST',
      url: '/api/navigator/local/windows',
      payload: { kind: 'municipality_nhi', name: `マトリクスの窓口 ${++requestCount}` },
    }),
    ok: [201],
  },
  'DELETE /api/navigator/local/windows/:id': {
    request: () => ({ method: 'DELETE', url: `/api/navigator/local/windows/${uuid0}` }),
    ok: [404],
    otherTenant: () => ({
      method: 'DELETE',
      url: `/api/navigator/local/windows/${kofu.navigatorWindow}`,
    }),
  },
  'POST /api/navigator/local/schemes': {
    request: () => ({
      method: 'POST',
      url: '/api/navigator/local/schemes',
      payload: {
        title: 'マトリクスの制度',
        summary: 'マトリクス',
        topic: 'living',
        where: 'jiritsu_soudan',
        effectiveFrom: '2026-04-01',
        source: { title: 'マトリクス', url: 'https://example.org/m' },
        checkedOn: '2026-11-01',
      },
    }),
    ok: [201],
  },
  'DELETE /api/navigator/local/schemes/:id': {
    request: () => ({ method: 'DELETE', url: `/api/navigator/local/schemes/${uuid0}` }),
    ok: [404],
    otherTenant: () => ({
      method: 'DELETE',
      url: `/api/navigator/local/schemes/${kofu.navigatorScheme}`,
    }),
  },
  // National and prefectural layer (issue 16): returns and indicators. The prefecture caller is
  // 山梨県 (190004); 甲府市's return of 2026 is accepted (createKofuRecords), so every reader gets it.
  'GET /api/returns': {
    request: () => ({ method: 'GET', url: '/api/returns?fiscalYear=2026&limit=5' }),
    ok: [200],
  },
  'GET /api/returns/:code/:fiscalYear': {
    request: () => ({ method: 'GET', url: `/api/returns/${KOFU}/2026` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/returns/${KOFU}/2026` }),
  },
  'GET /api/returns/:code/:fiscalYear/versions': {
    request: () => ({ method: 'GET', url: `/api/returns/${KOFU}/2026/versions` }),
    ok: [200],
    otherTenant: () => ({ method: 'GET', url: `/api/returns/${KOFU}/2026/versions` }),
  },
  'PUT /api/returns/:code/:fiscalYear': {
    // A year with no return yet: the first save creates the draft; a repeated save meets the version.
    request: () => ({ method: 'PUT', url: `/api/returns/${KOFU}/2031`, payload: { items: {}, version: 0 } }),
    ok: [200, 409],
    otherTenant: () => ({
      method: 'PUT',
      url: `/api/returns/${KOFU}/2031`,
      payload: { items: {}, version: 0 },
    }),
  },
  'POST /api/returns/:code/:fiscalYear/submit': {
    request: () => ({ method: 'POST', url: `/api/returns/${KOFU}/2032/submit`, payload: { version: 0 } }),
    ok: [200, 409],
    otherTenant: () => ({ method: 'POST', url: `/api/returns/${KOFU}/2032/submit`, payload: { version: 0 } }),
  },
  'POST /api/returns/:code/:fiscalYear/review': {
    // 甲府市's 2026 return is accepted: the review is refused for its state, past the permission.
    request: () => ({
      method: 'POST',
      url: `/api/returns/${KOFU}/2026/review`,
      payload: { decision: 'accept', version: 1 },
    }),
    ok: [200, 409],
  },
  'PUT /api/returns/:code/:fiscalYear/on-behalf': {
    request: () => ({
      method: 'PUT',
      url: '/api/returns/193640/2031/on-behalf',
      payload: { items: { 'window.exists': true } },
    }),
    ok: [200],
  },
  'POST /api/returns/import': {
    request: () => ({
      method: 'POST',
      url: '/api/returns/import',
      payload: {
        fiscalYear: 2031,
        fileName: 'returns.csv',
        content: Buffer.from('市区町村コード,window.exists\r\n193658,はい\r\n').toString('base64'),
      },
    }),
    ok: [200],
  },
  'POST /api/returns/reminders': {
    request: () => ({ method: 'POST', url: '/api/returns/reminders', payload: { fiscalYear: 2031 } }),
    ok: [200],
  },
  'PUT /api/returns/deadlines/:fiscalYear': {
    request: () => ({ method: 'PUT', url: '/api/returns/deadlines/2031', payload: { dueOn: '2032-05-31' } }),
    ok: [200],
  },
  'PUT /api/returns/prefecture-centre': {
    request: () => ({
      method: 'PUT',
      url: '/api/returns/prefecture-centre',
      payload: { name: '山梨県ひきこもり地域支援センター（デモ）', phone: '000-0000-1919', hours: '平日' },
    }),
    ok: [200],
  },
  'GET /api/public/indicators/catalog': {
    request: () => ({ method: 'GET', url: '/api/public/indicators/catalog' }),
    ok: [200],
  },
  'GET /api/public/indicators': {
    request: () => ({
      method: 'GET',
      url: '/api/public/indicators?indicator=window&fiscalYear=2026&limit=5',
    }),
    ok: [200],
  },
  'GET /api/public/indicators.csv': {
    request: () => ({
      method: 'GET',
      url: '/api/public/indicators.csv?indicator=window&fiscalYear=2026&prefecture=19',
    }),
    ok: [200],
  },
  'GET /api/public/indicators.xlsx': {
    request: () => ({
      method: 'GET',
      url: '/api/public/indicators.xlsx?indicator=window&fiscalYear=2026&prefecture=19',
    }),
    ok: [200],
  },
  'GET /api/public/municipalities/:code/status': {
    request: () => ({ method: 'GET', url: '/api/public/municipalities/192091/status' }),
    ok: [200],
  },
  'GET /api/insights/coverage': {
    request: () => ({ method: 'GET', url: '/api/insights/coverage?fiscalYear=2026' }),
    ok: [200],
  },
  'GET /api/insights/own': {
    request: () => ({ method: 'GET', url: '/api/insights/own?fiscalYear=2026' }),
    ok: [200],
  },
  'POST /api/insights/refresh': {
    request: () => ({ method: 'POST', url: '/api/insights/refresh', payload: { fiscalYear: 2026 } }),
    ok: [200],
  },
};

/**
 * Support samples: はるさん of 甲府市 (kofu.haru) has consent to labour collaboration, so labour
 * staff (who hold support.read/write) are served as well as consultation staff. Only consultation
 * staff hold support.manage.
 */
const haru = () => `/api/support/persons/${kofu.haru}`;
const MATRIX_CONSENT = {
  purpose: 'research_use',
  recipient: 'research',
  status: 'refused',
  decidedOn: '2026-11-20',
  method: 'verbal_in_person',
};
const MATRIX_PLAN = { goals: [{ ownWords: 'マトリクスの目標' }], reviewOn: '2026-12-20' };
const MATRIX_NOTE = {
  contactType: 'online',
  occurredAt: '2026-11-20T10:00:00+09:00',
  participants: ['person'],
  text: 'マトリクスの記録',
};
const MATRIX_MEASURE = { kind: 'participation_ladder', takenOn: '2026-11-20', level: 2 };
const supportIds = { plan: uuid0, intake: uuid0, note: uuid0, member: uuid0 };
const consultationCaller = () => callers.find((c) => c.role === 'consultation')!.session!;

// ── transport-cost subsidy fixtures ──
const MATRIX_PROGRAMME = {
  name: 'マトリクスの制度',
  budgetYen: 100000,
  monthlyCapYen: 3000,
  carYenPerKm: 15,
  bicycleYenPerKm: 10,
  applicantRelations: ['self', 'family'],
  open: true,
  documentNumberPrefix: 'マ第',
  approvalNoticeText: '交付します。',
  rejectionNoticeText: '交付しません。',
  instructionText: '審査請求ができます。',
};
const MATRIX_CHECK = { identityDocument: 'my_number_card', residencyMethod: 'resident_register' };
const matrixApplication = () => applicationBody({ destinationPlaceId: kofu.place });
function subsidyUpload(url: string, withTenant: boolean): InjectOptions {
  return applicationUpload(
    url,
    withTenant ? { ...matrixApplication(), municipalityCode: KOFU } : matrixApplication(),
  );
}
const subsidyIds = { id: uuid0, receiptId: uuid0, decideId: uuid0, confirmClaim: uuid0, rejectClaim: uuid0 };
/** Kofu records made once by the consultation and administrator accounts: an application with a receipt, one to decide, two claims. */
async function subsidyFixture() {
  if (subsidyIds.id !== uuid0) return subsidyIds;
  const staff = consultationCaller();
  const send = async (options: InjectOptions) =>
    (
      await t.request({
        ...options,
        headers: { ...staff.headers(), ...((options.headers as Record<string, string>) ?? {}) },
      })
    ).json();
  const first = await send(subsidyUpload('/api/subsidies/applications', false));
  subsidyIds.id = first.id;
  const detail = await send({ method: 'GET', url: `/api/subsidies/applications/${first.id}` });
  subsidyIds.receiptId = detail.receipts[0].id;
  // A public application (no staff entered it): any holder of subsidies.decide may decide it.
  const second = await send(subsidyUpload('/api/public/subsidy-applications', true));
  const found = await send({
    method: 'GET',
    url: `/api/subsidies/applications?receiptNumber=${second.receiptNumber}`,
  });
  second.id = found.items[0].id;
  subsidyIds.decideId = second.id;
  await send({
    method: 'POST',
    url: `/api/subsidies/applications/${second.id}/check`,
    payload: { ...MATRIX_CHECK, version: 1 },
  });
  const claim = (month: string) =>
    send({
      method: 'POST',
      url: `/api/subsidies/applications/${kofu.reducedApplication}/claims`,
      payload: { tripMonth: month, tripCount: 1, claimedYen: 1000 },
    });
  subsidyIds.confirmClaim = (await claim('2026-11')).id;
  subsidyIds.rejectClaim = (await claim('2026-10')).id;
  return subsidyIds;
}
async function subsidyVersion(id: string): Promise<number> {
  const staff = consultationCaller();
  const res = await t.request({
    method: 'GET',
    url: `/api/subsidies/applications/${id}`,
    headers: staff.headers(),
  });
  return res.json().version;
}
/** The 甲府 programme as an edit body with its current version (read by the 甲府 administrator). */
async function currentProgrammeEdit() {
  const admin = callers.find((c) => c.role === 'municipal_admin')!;
  const res = await t.request({
    method: 'GET',
    url: `/api/subsidies/programmes/${kofu.programme}`,
    headers: admin.session!.headers(),
  });
  const { id: _id, budget: _budget, nextDocumentSerial: _serial, fiscalYear: _year, ...edit } = res.json();
  return edit;
}
/** はるさん's intake, plan and note and the family record's member (made in createKofuRecords). */
async function supportFixtures() {
  return supportIds;
}
async function matrixPerson(): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: '/api/support/persons',
    payload: { person: { nickname: 'マトリクスの重複' } },
    headers: consultationCaller().headers(),
  });
  return (res.json() as { id: string }).id;
}
/** A rotation scheduled far ahead by a permitted caller, on its own target account (to cancel). */
async function scheduledRotation(caller: Caller, own: Fixtures): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: '/api/admin/rotation',
    payload: {
      dryRun: false,
      effectiveOn: '2099-04-01',
      roleChanges: [
        { accountId: own.accountId, roles: caller.role === 'national' ? ['national'] : ['labour'] },
      ],
    },
    headers: caller.session!.headers(),
  });
  return (res.json() as { scheduledId: string }).scheduledId;
}
/** 甲府市's scheduled rotation (made in beforeAll): another tenant's administrator gets 404. */
let kofuRotationId = uuid0;
function supportUpload(): InjectOptions {
  const boundary = 'supportmatrix';
  return {
    method: 'POST',
    url: '/api/support/imports',
    payload: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\n外部ID,呼び名\r\nMX-1,マトリクス取り込み\r\n\r\n--${boundary}--\r\n`,
    ),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
let supportImportId = uuid0;
async function supportImport(fresh = false): Promise<string> {
  if (!fresh && supportImportId !== uuid0) return supportImportId;
  const options = supportUpload();
  const res = await t.request({
    ...options,
    headers: { ...consultationCaller().headers(), ...(options.headers as Record<string, string>) },
  });
  supportImportId = (res.json() as { id: string }).id;
  return supportImportId;
}

/**
 * Issue 7 samples: agencies of 甲府市 (kofu.helloWork, kofu.npo), referrals for はるさん (who consented
 * to a referral to the ハローワーク), a multi-layered conference (no acknowledgement gate) whose members are the 甲府
 * consultation, labour and agency-member accounts, and disclosures / corrections for はるさん.
 */
let agencyCounter = 0;
const rightsHaru = () => `/api/rights/persons/${kofu.haru}`;
const matrixReferralBody = () => ({
  personId: kofu.haru,
  agencyId: kofu.helloWork,
  summary: 'マトリクスの紹介',
});
const MATRIX_CORRECTION = { receivedOn: '2026-11-20', item: 'マトリクスの項目', request: 'マトリクスの訂正' };
const MATRIX_CONFERENCE = { kind: 'multilayer', title: 'マトリクスの会議', heldOn: '2026-11-20' };
const rightsIds = { disclosure: uuid0, approved: uuid0, correction: uuid0, conference: uuid0 };
const asRole = (role: Role) => callers.find((c) => c.role === role)!.session!.headers();
/** Fixtures are made only for callers the permission lets through (the others are refused first). */
const holds = (ctx: SampleContext, permission: Permission) =>
  ctx.caller.role !== null && hasPermission([ctx.caller.role], permission);
async function matrixAgency(): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: '/api/agencies',
    payload: { kind: 'npo', name: `マトリクスの機関 ${++agencyCounter}` },
    headers: asRole('municipal_admin'),
  });
  return (res.json() as { id: string }).id;
}
let agencyMemberId: string | null = null;
async function matrixAgencyMember(): Promise<string> {
  agencyMemberId ??= (
    await createAccount(t, {
      email: 'matrix-agency-member@example.jp',
      password: 'a target account passphrase',
      scope: 'tenant',
      tenantCode: KOFU,
      roles: ['agency_member'],
      isDemo: true,
    })
  ).id;
  return agencyMemberId;
}
async function matrixReferral(): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: '/api/referrals',
    payload: matrixReferralBody(),
    headers: asRole('consultation'),
  });
  return (res.json() as { id: string }).id;
}
async function matrixConference(fresh = false): Promise<string> {
  if (!fresh && rightsIds.conference !== uuid0) return rightsIds.conference;
  const members = callers
    .filter((c) => c.role === 'labour' || c.role === 'agency_member')
    .map((c) => c.session!.body.account.id);
  const res = await t.request({
    method: 'POST',
    url: '/api/conferences',
    payload: { ...MATRIX_CONFERENCE, memberAccountIds: members },
    headers: asRole('consultation'),
  });
  const id = (res.json() as { id: string }).id;
  if (!fresh) rightsIds.conference = id;
  return id;
}
async function matrixDisclosure(fresh = false): Promise<string> {
  if (!fresh && rightsIds.disclosure !== uuid0) return rightsIds.disclosure;
  const res = await t.request({
    method: 'POST',
    url: `${rightsHaru()}/disclosures`,
    payload: { receivedOn: '2026-11-20' },
    headers: asRole('consultation'),
  });
  const id = (res.json() as { id: string }).id;
  rightsIds.disclosure = id;
  return id;
}
async function matrixApprovedDisclosure(): Promise<string> {
  if (rightsIds.approved !== uuid0) return rightsIds.approved;
  const id = await matrixDisclosure(true);
  await t.request({
    method: 'POST',
    url: `/api/rights/disclosures/${id}/approve`,
    payload: { version: 1 },
    headers: asRole('consultation'),
  });
  rightsIds.approved = id;
  return id;
}
async function matrixCorrection(): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: `${rightsHaru()}/corrections`,
    payload: MATRIX_CORRECTION,
    headers: asRole('consultation'),
  });
  rightsIds.correction = (res.json() as { id: string }).id;
  return rightsIds.correction;
}

/** Places samples: a published 甲府市 entry (kofu.place), and fresh entries in the state a sample needs. */
let placeCounter = 0;
const matrixPlace = () => ({
  kind: 'ibasho',
  name: `マトリクス試験の居場所 ${++placeCounter}`,
  nameKana: 'まとりくすしけんのいばしょ',
  operator: { type: 'npo', name: '試験' },
  address: '山梨県甲府市丸の内1丁目',
  delivery: 'in_person',
  lifeStages: ['working_age'],
  audience: 'person',
});
const placeAction = (action: string, place: { id: string; version: number }): InjectOptions => ({
  method: 'POST',
  url: `/api/places/${place.id}/${action}`,
  payload: { version: place.version },
});

/** Made by the 甲府 labour account (which never reviews), so any reviewer is a second person. */
async function placeFixture(
  state: 'draft' | 'in_review' | 'published',
): Promise<{ id: string; version: number }> {
  const as = (role: Role) => callers.find((c) => c.role === role)!.session!.headers();
  const created = await t.request({
    method: 'POST',
    url: '/api/places',
    payload: matrixPlace(),
    headers: as('labour'),
  });
  let place = created.json() as { id: string; version: number };
  if (state === 'draft') return place;
  place = (await t.request({ ...placeAction('submit', place), headers: as('labour') })).json();
  if (state === 'in_review') return place;
  return (await t.request({ ...placeAction('publish', place), headers: as('municipal_admin') })).json();
}

/** Events samples: the 甲府 family association's salon (every events.manage role may manage it: the
 * association's account is a member of its organiser). */
let eventCounter = 0;
const matrixEvent = () => ({
  organiserId: kofu.familyOrganiser,
  kind: 'family_salon',
  title: `マトリクスのサロン ${++eventCounter}`,
  audience: 'family',
  delivery: 'in_person',
  venueName: '試験会館',
  capacity: 5,
  status: 'published',
  sessions: [{ startsAt: '2026-12-24T13:30:00+09:00', endsAt: '2026-12-24T15:00:00+09:00' }],
});
async function eventFixture(): Promise<{ id: string; version: number }> {
  const admin = callers.find((c) => c.role === 'municipal_admin')!.session!;
  const res = await t.request({
    method: 'POST',
    url: '/api/events',
    payload: matrixEvent(),
    headers: admin.headers(),
  });
  return res.json() as { id: string; version: number };
}
let salonSessionId = uuid0;
async function salonSession(): Promise<string> {
  if (salonSessionId !== uuid0) return salonSessionId;
  const res = await t.request({ method: 'GET', url: `/api/public/events/${kofu.salon}` });
  salonSessionId = (res.json() as { sessions: Array<{ id: string }> }).sessions[0]!.id;
  return salonSessionId;
}
let matrixRegistrationCache: {
  token: string;
  sessionId: string;
  receiptNumber: string;
  cancelCode: string;
} | null = null;
/** An anonymous registration for the salon (fresh when the sample cancels it). */
async function matrixRegistration(
  fresh = false,
): Promise<{ token: string; sessionId: string; receiptNumber: string; cancelCode: string }> {
  if (!fresh && matrixRegistrationCache) return matrixRegistrationCache;
  const res = await t.request({
    method: 'POST',
    url: `/api/public/events/${kofu.salon}/registrations`,
    payload: { nickname: 'マトリクスの申し込み', people: 1 },
    remoteAddress: `127.41.${Math.floor(++requestCount / 250) % 250}.${(requestCount % 250) + 1}`,
  });
  const body = res.json() as {
    token: string;
    receiptNumber: string;
    cancelCode: string;
    sessions: Array<{ sessionId: string }>;
  };
  matrixRegistrationCache = {
    token: body.token,
    sessionId: body.sessions[0]!.sessionId,
    receiptNumber: body.receiptNumber,
    cancelCode: body.cancelCode,
  };
  return matrixRegistrationCache;
}

const IMPORT_CSV =
  '外部ID,種別,名称,名称_カナ,住所,参加方法,ライフステージ,対象\r\nM-1,居場所,マトリクスの取り込み,まとりくす,山梨県甲府市中央1丁目,来所,就労年齢,本人\r\n';
function importUpload(): InjectOptions {
  const boundary = 'matrixboundary';
  return {
    method: 'POST',
    url: '/api/places/imports',
    payload: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\nContent-Type: text/csv\r\n\r\n${IMPORT_CSV}\r\n--${boundary}--\r\n`,
    ),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
let kofuImportId = uuid0;
/** A fresh previewed import of 甲府市 (the admin uploads it); the latest id is the other-tenant target. */
async function kofuImport(fresh = false): Promise<string> {
  if (!fresh && kofuImportId !== uuid0) return kofuImportId;
  const admin = callers.find((c) => c.role === 'municipal_admin')!.session!;
  const options = importUpload();
  const res = await t.request({
    ...options,
    headers: { ...admin.headers(), ...(options.headers as Record<string, string>) },
  });
  kofuImportId = (res.json() as { id: string }).id;
  return kofuImportId;
}

let t: TestApp;
const callers: Caller[] = [];
const fixtures = new Map<string, Fixtures>();
let kaiAdmin: LoggedIn;
let requestCount = 0;

/** The current profile as an edit body (read by the 甲府 administrator: callers without the right cannot). */
async function currentProfileEdit(_caller: Caller) {
  const admin = callers.find((c) => c.role === 'municipal_admin')!;
  const res = await t.request({
    method: 'GET',
    url: '/api/tenant/profile',
    headers: admin.session!.headers(),
  });
  const p = res.json();
  return {
    version: p.version,
    documentName: p.documentName,
    population: p.population,
    populationAsOf: p.populationAsOf,
    welfareContact: p.welfareContact,
    labourContact: p.labourContact,
    onCallContact: p.onCallContact,
    consultationNumbers: p.consultationNumbers,
    mfaRequiredForPersonalData: p.mfaRequiredForPersonalData,
  };
}

/** A factory account of one role in a tenant (null: national), signed in; its e-mail signs in again. */
async function staffCaller(role: Role, tenant: string | null): Promise<{ session: LoggedIn; email: string }> {
  const account = await createStaffAccount(t, {
    tenantCode: tenant,
    roles: [role],
    password: MATRIX_PASSWORD,
    displayName: `マトリクス ${role}`,
  });
  return { session: await login(t, account.email, MATRIX_PASSWORD), email: account.email };
}

/** A target account in the caller's own scope, so a permitted caller's request can succeed. */
async function targetAccount(tenant: string | null, label: string): Promise<Fixtures> {
  const key = tenant ?? 'national';
  const existing = fixtures.get(`${key}:${label}`);
  if (existing) return existing;
  const created = await createAccount(t, {
    email: `target-${label}-${key}@example.jp`,
    password: 'a target account passphrase',
    scope: tenant ? 'tenant' : 'national',
    tenantCode: tenant,
    roles: tenant ? ['consultation'] : ['national'],
    isDemo: true,
  });
  const f = { accountId: created.id };
  fixtures.set(`${key}:${label}`, f);
  return f;
}

/** Fills `kofu` (above): every record through the module's own routes, by the 甲府 caller whose role may. */
async function createKofuRecords(): Promise<void> {
  const as = (role: Role) => callers.find((c) => c.role === role)!.session!;
  const admin = as('municipal_admin');
  kofu.navigatorWindow = await createLocalWindow(t, admin);
  kofu.navigatorScheme = await createLocalScheme(t, admin);
  kofu.draftCase = await createDraftCase(t, admin, { title: 'マトリクスの下書きの事例' });
  kofu.publishedCase = await createPublishedCase(
    t,
    { author: admin, reviewer: as('prefecture'), publisher: as('national') },
    { title: 'マトリクスの公開された事例' },
  );
  const answered = await createConsultation(t, as('consultation'), {
    municipalityCode: KOFU,
    answered: true,
  });
  kofu.answeredConsultation = answered.id;
  kofu.consultationReplyCode = answered.replyCode;
  kofu.waitingConsultation = (await createConsultation(t, as('consultation'), { municipalityCode: KOFU })).id;
  kofu.familyOrganiser = await createOrganiser(t, admin, {
    name: 'マトリクスの家族会',
    memberAccountIds: [as('family_association').body.account.id],
  });
  kofu.peerOrganiser = await createOrganiser(t, admin, {
    kind: 'peer_group',
    name: 'マトリクスのピアの会（元）',
  });
  kofu.publicEvent = (
    await createEvent(t, admin, { organiserId: kofu.familyOrganiser, title: 'マトリクスの学習会' })
  ).id;
  kofu.salon = (
    await createEvent(t, admin, {
      organiserId: kofu.familyOrganiser,
      title: 'マトリクスの家族サロン',
      capacity: 100,
      sessions: [
        { startsAt: '2026-12-20T13:30:00+09:00', endsAt: '2026-12-20T16:00:00+09:00' },
        { startsAt: '2027-01-17T13:30:00+09:00', endsAt: '2027-01-17T16:00:00+09:00' },
      ],
    })
  ).id;
  const triage = as('report_triage');
  kofu.report = (await createReport(t, triage, { municipalityCode: KOFU })).id;
  const protectedReport = await createReport(t, triage, { municipalityCode: KOFU, danger: 'yes' });
  kofu.protectedReport = protectedReport.id;
  kofu.reportReplyCode = protectedReport.replyCode;
  kofu.protection = await createProtection(t, admin, protectedReport.id);
  kofu.operator = await createOperator(t, triage);
  // Drafted by the labour account, published by the administrator (a second person, as review asks).
  kofu.place = (
    await createPublishedPlace(t, as('labour'), admin, { name: 'マトリクスの公開された居場所' })
  ).id;
  // Support records and agencies: the agency member works for the ハローワーク; はるさん consented to a
  // record, to labour collaboration and to a referral there, and has an intake, a plan and a note.
  const worker = as('consultation');
  kofu.helloWork = await createAgency(t, admin, {
    kind: 'hello_work',
    name: 'マトリクスのハローワーク',
    memberAccountIds: [as('agency_member').body.account.id],
  });
  kofu.npo = await createAgency(t, admin, { name: 'マトリクスのNPO' });
  kofu.haru = await createSupportPerson(t, worker, {
    nickname: 'マトリクスのはるさん',
    remoteAddress: '127.53.0.1',
    consents: [
      consentBody(),
      consentBody({ purpose: 'labour_collaboration', recipient: 'labour_department' }),
      consentBody({
        purpose: 'agency_referral',
        recipient: 'partner_agency',
        recipientName: 'マトリクスのハローワーク',
        recipientAgencyId: kofu.helloWork,
        method: 'signed_form',
      }),
    ],
  });
  supportIds.intake = await addIntake(t, worker, kofu.haru);
  supportIds.plan = await addPlan(t, worker, kofu.haru);
  supportIds.note = await addNote(t, worker, kofu.haru);
  kofu.sora = await createSupportPerson(t, worker, {
    nickname: 'マトリクスのそらさん',
    remoteAddress: '127.53.0.2',
  });
  kofu.family = await createSupportPerson(t, worker, {
    nickname: 'マトリクスの家族の相談',
    remoteAddress: '127.53.0.3',
  });
  supportIds.member = await addFamilyMember(t, worker, kofu.family, { isMainContact: true });
  kofu.referral = await createReferral(t, worker, { personId: kofu.haru, agencyId: kofu.helloWork });
  kofu.conference = await createConference(t, worker, { title: 'マトリクスの甲府市の会議' });
  // Transport-cost subsidy: this year's programme, an application approved as asked and one approved
  // for less (both sent by the public, checked by the worker, decided by the administrator).
  kofu.programme = await createProgramme(t, admin, {
    name: 'マトリクスの交通費補助',
    documentNumberPrefix: '甲マ第',
  });
  const approved = await submitPublicApplication(t, worker, {
    ...matrixApplication(),
    municipalityCode: KOFU,
  });
  kofu.approvedApplication = approved.id;
  kofu.approvedReceipt = approved.receiptNumber;
  await decideApplication(t, admin, approved.id, await checkApplication(t, worker, approved.id), {
    decision: 'approve',
  });
  kofu.reducedApplication = (
    await submitPublicApplication(t, worker, {
      ...matrixApplication(),
      tripsPerMonth: 4,
      municipalityCode: KOFU,
    })
  ).id;
  await decideApplication(
    t,
    admin,
    kofu.reducedApplication,
    await checkApplication(t, worker, kofu.reducedApplication),
    {
      decision: 'approve_reduced',
      grantedMonthlyYen: 1500,
      grantFrom: '2026-10',
      reasons: 'マトリクスの理由: 月 3 回分を交付します。',
    },
  );
  // The town's status return of this fiscal year, accepted by the prefecture.
  await createAcceptedReturn(
    t,
    { editor: admin, reviewer: as('prefecture') },
    { municipalityCode: KOFU, fiscalYear: 2026 },
  );
}

beforeAll(async () => {
  // No demo: the two towns, their staff and every record the samples name are made here.
  t = await createTestApp();
  await createTenant(t, KOFU, { documentName: '甲府市 福祉保健部（マトリクス）' });
  await createTenant(t, KAI, { documentName: '甲斐市 生活福祉課（マトリクス）' });
  callers.push({ name: 'anonymous', role: null, tenant: null, session: null });
  for (const role of Object.keys(ROLE_SCOPE) as Role[]) {
    const tenant = ROLE_SCOPE[role] === 'tenant' ? KOFU : role === 'prefecture' ? '190004' : null;
    callers.push({
      name: `${role} (${tenant ?? 'national'})`,
      role,
      tenant,
      ...(await staffCaller(role, tenant)),
    });
  }
  kaiAdmin = (await staffCaller('municipal_admin', KAI)).session;
  await createKofuRecords();
});

afterAll(async () => {
  await t?.close();
});

async function call(sample: Sample, caller: Caller) {
  const fresh = async () => login(t, caller.email!, MATRIX_PASSWORD);
  const session = caller.session && sample.fresh ? await fresh() : caller.session;
  const own = await targetAccount(caller.tenant, caller.role ?? 'anon');
  const options = await sample.request({ caller: { ...caller, session }, own, fresh });
  return t.request({
    // Each request from its own address: rate limits of public forms are tested on their own.
    remoteAddress: `127.40.${Math.floor(++requestCount / 250) % 250}.${(requestCount % 250) + 1}`,
    ...options,
    headers: { ...(session?.headers() ?? {}), ...((options.headers as Record<string, string>) ?? {}) },
  });
}

function permitted(route: RouteEntry, caller: Caller): boolean {
  if (route.permission === 'public') return true;
  if (!caller.role) return false;
  if (route.permission === 'self') return true;
  return hasPermission([caller.role], route.permission as Permission);
}

describe('access matrix', () => {
  it('has a sample for every route of the route table', () => {
    const routes = routeTable(t.app).filter((r) => r.permission !== 'internal');
    const missing = routes.map((r) => `${r.method} ${r.url}`).filter((key) => !samples[key]);
    expect(missing).toEqual([]);
  });

  // One test per capability (the path segment after /api or /api/public), so each reports and times
  // out on its own as routes grow; "log out everywhere" ends the callers' other sessions: it goes last.
  const LAST = 'POST /api/auth/logout-all';
  const capabilityOf = (key: string) =>
    key === LAST
      ? 'zz-logout-all'
      : (key.split(' ')[1]!.match(/^\/(?:api\/(?:public\/)?)?([^/]+)/)?.[1] ?? key);
  const capabilities = [...new Set(Object.keys(samples).map(capabilityOf))].sort();
  const exercised = new Set<string>();

  it.each(capabilities)(
    'answers 401 / 403 / success for every %s route × role, as the permission table says',
    async (capability) => {
      const routes = routeTable(t.app).filter(
        (r) => r.permission !== 'internal' && capabilityOf(`${r.method} ${r.url}`) === capability,
      );
      const mismatches: string[] = [];
      for (const route of routes) {
        const sample = samples[`${route.method} ${route.url}`];
        if (!sample) continue; // reported by the first test
        exercised.add(route.permission);
        for (const caller of callers) {
          const res = await call(sample, caller);
          let expected: number[];
          if (route.permission === 'public')
            expected = caller.role ? sample.ok : (sample.okAnonymous ?? sample.ok);
          else if (!caller.role) expected = [401];
          else expected = permitted(route, caller) ? sample.ok : [403];
          if (!expected.includes(res.statusCode)) {
            mismatches.push(
              `${route.method} ${route.url} as ${caller.name}: ${res.statusCode} (expected ${expected.join('/')}) ${res.body.slice(0, 160)}`,
            );
          }
        }
      }
      expect(routes.length).toBeGreaterThan(0);
      expect(mismatches).toEqual([]);
    },
    180_000,
  );

  it('exercises every permission of the table through at least one route', () => {
    expect(Object.keys(PERMISSIONS).filter((p) => !exercised.has(p))).toEqual([]);
  });

  it("answers 404 when a permitted caller of another tenant names this tenant's record", async () => {
    const kofuTarget = await targetAccount(KOFU, 'other-tenant-target');
    const routes = routeTable(t.app).filter((r) => samples[`${r.method} ${r.url}`]?.otherTenant);
    expect(routes.length).toBeGreaterThan(0);
    const kaiCaller: Caller = {
      name: 'municipal_admin (192104)',
      role: 'municipal_admin',
      tenant: KAI,
      session: kaiAdmin,
    };
    const mismatches: string[] = [];
    // The Kai caller is the administrator, or (for routes the administrator may not use, such as case
    // records) the first Kai role that holds the route's permission.
    const kaiSessions = new Map<Role, LoggedIn>([['municipal_admin', kaiAdmin]]);
    const kaiSessionFor = async (permission: string): Promise<LoggedIn> => {
      const role =
        (Object.keys(ROLE_SCOPE) as Role[]).find(
          (r) =>
            ROLE_SCOPE[r] === 'tenant' &&
            r === 'municipal_admin' &&
            hasPermission([r], permission as Permission),
        ) ??
        (Object.keys(ROLE_SCOPE) as Role[]).find(
          (r) => ROLE_SCOPE[r] === 'tenant' && hasPermission([r], permission as Permission),
        ) ??
        'municipal_admin';
      if (!kaiSessions.has(role)) {
        const { session } = await staffCaller(role, KAI);
        // An agency member is refused until it works for an agency of its own town: give it one.
        if (role === 'agency_member')
          await createAgency(t, kaiAdmin, {
            name: 'マトリクスの甲斐市の機関',
            memberAccountIds: [session.body.account.id],
          });
        kaiSessions.set(role, session);
      }
      return kaiSessions.get(role)!;
    };
    for (const route of routes) {
      const sample = samples[`${route.method} ${route.url}`]!;
      const session = await kaiSessionFor(route.permission);
      const options = sample.otherTenant!({
        caller: { ...kaiCaller, session },
        own: await targetAccount(KAI, 'own'),
        other: kofuTarget,
        fresh: async () => session,
      });
      const res = await t.request({ ...options, headers: session.headers() });
      if (res.statusCode !== 404)
        mismatches.push(`${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    console.info(`access matrix: ${routes.length} routes checked across tenants`);
    expect(mismatches).toEqual([]);
  });
});

beforeAll(async () => {
  const kofuAdminCaller = callers.find((c) => c.role === 'municipal_admin')!;
  kofuRotationId = await scheduledRotation(kofuAdminCaller, await targetAccount(KOFU, 'rotation'));
  // 甲府市's peer records: a programme, the peer supporter's own record and a second supporter, a
  // submitted claim of each (one approved, so payable) and a draft payment batch of it.
  const kofuCoordinator = callers.find((c) => c.role === 'consultation')!.session!;
  const kofuFinance = callers.find((c) => c.role === 'finance')!.session!;
  kofuPeers.programmeId = await createPeerProgramme(t, kofuCoordinator, {
    name: 'マトリクスのピアサポート活動',
  });
  kofuPeers.supporterId = await createPeerSupporter(t, kofuCoordinator, {
    displayName: 'マトリクス ひなた',
    accountId: callers.find((c) => c.role === 'peer_supporter')!.session!.body.account.id,
  });
  const second = await createPeerSupporter(t, kofuCoordinator, { displayName: 'マトリクス あおば' });
  kofuPeers.claimId = await createPeerClaim(t, kofuCoordinator, {
    supporterId: kofuPeers.supporterId,
    programmeId: kofuPeers.programmeId,
    month: '2026-10',
    minutes: [240, 180],
  });
  const payable = await createPeerClaim(t, kofuCoordinator, {
    supporterId: second,
    programmeId: kofuPeers.programmeId,
    month: '2026-10',
    minutes: [240, 90],
  });
  await approvePeerClaim(t, kofuAdminCaller.session!, payable);
  const batch = await t.request({
    method: 'POST',
    url: '/api/payments/batches',
    headers: kofuFinance.headers(),
    payload: { transferDate: '2026-12-10', items: 'all' },
  });
  kofuPeers.batchId = batch.json().id;
  const course = await t.request({
    method: 'POST',
    url: '/api/training/courses',
    headers: kofuCoordinator.headers(),
    payload: matrixCourse('マトリクス 甲府市の研修'),
  });
  kofuPeers.courseId = course.json().id;
});
