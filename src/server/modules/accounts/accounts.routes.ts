import { randomUUID } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AccountList,
  AccountSummary,
  ResetLinkResult,
  RotationCsvPreview,
  RotationResult,
  ScheduledRotation,
  ScheduledRotationList,
} from '../../../shared/contracts/accounts.ts';
import { UPLOAD_LIMIT_BYTES } from '../../../shared/limits.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import { auditBy } from '../../platform/access/audit-context.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import { createPasswordResetToken, PASSWORD_RESET_TTL_MS } from '../../platform/auth/password-reset.ts';
import { revokeAllSessions } from '../../platform/auth/sessions.ts';
import type { Tx } from '../../platform/db/client.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import { receiveOneFile } from '../../platform/uploads/index.ts';
import { ACCOUNTS_FIELD, invalidField } from './accounts.errors.ts';
import {
  AccountListQuery,
  AccountParams,
  CreateAccountBody,
  RotationBody,
  RotationParams,
  SetRolesBody,
} from './accounts.schema.ts';
import {
  createAccount,
  getAccount,
  isAddressInUseElsewhere,
  listAccounts,
  setAccountStatus,
  setRoles,
} from './accounts.service.ts';
import { parseRotationCsv } from './rotation.csv.ts';
import {
  applyRotation,
  auditRotationChanges,
  cancelRotation,
  listRotations,
  nextAprilFirst,
  scheduleRotation,
} from './rotation.ts';

/**
 * Account administration within the administrator's own scope: a municipal administrator manages its
 * tenant's accounts (row-level security hides every other tenant's), a national administrator the
 * national accounts.
 */
export function registerAccountRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;

  /**
   * Sends a one-time link to set a password (never a password itself), through the outbox. For an
   * account whose address another tenant's account signs in with, no link is made: the address's
   * owner is told instead, and the administrator's answer is the same (issue 19).
   */
  async function sendPasswordLink(
    tx: Tx,
    account: { id: string; email: string; tenantCode: string | null },
    purpose: 'setup' | 'reset',
  ) {
    if (await isAddressInUseElsewhere(tx, account.id)) {
      await sendAddressInUseNotice(tx, account);
      return linkSentAnswer();
    }
    const token = await createPasswordResetToken(tx, account.id, clock);
    const link = `${config.publicUrl}/password-reset#token=${token}`;
    const subject =
      purpose === 'setup' ? 'つながり: アカウントのパスワード設定' : 'つながり: パスワードの再設定';
    const body = [
      purpose === 'setup'
        ? '管理者があなたのアカウントを作成しました。次のリンクからパスワードを設定してください。'
        : '管理者がパスワードの再設定を受け付けました。次のリンクから新しいパスワードを設定してください。',
      link,
      'リンクの有効期限は24時間で、一度だけ使えます。心当たりがない場合は、このメールを破棄してください。',
      '',
      'An administrator asked us to send you this one-time link (valid for 24 hours) to set your Tsunagari password.',
    ].join('\n');
    await enqueueMessage(
      tx,
      { clock, config },
      {
        kind: 'notice',
        municipalityCode: account.tenantCode,
        recipient: account.email,
        templateKey: `accounts.password-${purpose}`,
        subject,
        body,
        idempotencyKey: `accounts.password-${purpose}:${token.slice(0, 16)}`,
      },
    );
    return linkSentAnswer();
  }

  function linkSentAnswer() {
    return {
      sent: true as const,
      expiresAt: new Date(clock.now().getTime() + PASSWORD_RESET_TTL_MS).toISOString(),
    };
  }

  /**
   * Tells the owner of an address that an administrator tried to create a second account with it. It
   * is the creating tenant's message (its outbox, in its transaction): the tenant that holds the
   * address learns nothing of the attempt. The message names neither tenant.
   */
  async function sendAddressInUseNotice(tx: Tx, account: { email: string; tenantCode: string | null }) {
    const body = [
      'つながりの管理者が、このメールアドレスで新しいアカウントを作成しようとしました。',
      'このアドレスは既に別のつながりのアカウントで使われているため、新しいアカウントには使えません（パスワード設定のリンクはお送りしていません）。',
      '作成を頼んだ覚えがある場合は、依頼先の管理者に別のメールアドレスを伝えてください。心当たりがない場合は、このメールを破棄してください。今お使いのアカウントには影響ありません。',
      '',
      'An administrator tried to create a new Tsunagari account with this address. It is already used by another account, so no password link was sent; if you asked for the account, give that administrator another address. Your existing account is not affected.',
    ].join('\n');
    await enqueueMessage(
      tx,
      { clock, config },
      {
        kind: 'notice',
        municipalityCode: account.tenantCode,
        recipient: account.email,
        templateKey: 'accounts.address-in-use',
        subject: 'つながり: このメールアドレスでは新しいアカウントを作成できません',
        body,
        idempotencyKey: `accounts.address-in-use:${randomUUID()}`,
      },
    );
  }

  app.get(
    '/api/admin/accounts',
    {
      config: { permission: 'accounts.read' },
      schema: {
        tags: ['accounts'],
        summary: 'アカウント一覧',
        querystring: AccountListQuery,
        response: { 200: AccountList },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const list = await listAccounts(tx, request.query);
        audit({ action: 'accounts.account.list', recordType: 'account', recordId: null });
        return list;
      }),
  );

  app.post(
    '/api/admin/accounts',
    {
      config: { permission: 'accounts.manage' },
      schema: {
        tags: ['accounts'],
        summary: 'アカウントの作成（パスワード設定リンクを送信）',
        body: CreateAccountBody,
        response: { 201: AccountSummary },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const { account } = await createAccount(tx, actorOf(request), request.body);
        await sendPasswordLink(tx, account, 'setup');
        audit({ action: 'accounts.account.create', recordType: 'account', recordId: account.id });
        return account;
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/admin/accounts/:id',
    {
      config: { permission: 'accounts.read' },
      schema: {
        tags: ['accounts'],
        summary: 'アカウント',
        params: AccountParams,
        response: { 200: AccountSummary },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const account = await getAccount(tx, request.params.id);
        audit({ action: 'accounts.account.read', recordType: 'account', recordId: account.id });
        return account;
      }),
  );

  app.put(
    '/api/admin/accounts/:id/roles',
    {
      config: { permission: 'accounts.manage' },
      schema: {
        tags: ['accounts'],
        summary: '役割の変更（自分の管理範囲の役割のみ）',
        params: AccountParams,
        body: SetRolesBody,
        response: { 200: AccountSummary },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const { after } = await setRoles(tx, actorOf(request), request.params.id, request.body.roles);
        audit({ action: 'accounts.roles.update', recordType: 'account', recordId: after.id });
        return after;
      }),
  );

  app.post(
    '/api/admin/accounts/:id/disable',
    {
      config: { permission: 'accounts.manage' },
      schema: {
        tags: ['accounts'],
        summary: 'アカウントの無効化（すべてのセッションを直ちに終了）',
        params: AccountParams,
        response: { 200: AccountSummary },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const now = clock.now();
        const account = await setAccountStatus(tx, actorOf(request), request.params.id, 'disabled', now);
        await revokeAllSessions(tx, account.id, { at: now, reason: 'account_disabled' });
        audit({ action: 'accounts.account.disable', recordType: 'account', recordId: account.id });
        return account;
      }),
  );

  app.post(
    '/api/admin/accounts/:id/enable',
    {
      config: { permission: 'accounts.manage' },
      schema: {
        tags: ['accounts'],
        summary: 'アカウントの再有効化',
        params: AccountParams,
        response: { 200: AccountSummary },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const account = await setAccountStatus(
          tx,
          actorOf(request),
          request.params.id,
          'active',
          clock.now(),
        );
        audit({ action: 'accounts.account.enable', recordType: 'account', recordId: account.id });
        return account;
      }),
  );

  app.post(
    '/api/admin/accounts/:id/password-reset',
    {
      config: { permission: 'accounts.manage' },
      schema: {
        tags: ['accounts'],
        summary: 'パスワード再設定リンクの送信（パスワード自体は送らない）',
        params: AccountParams,
        response: { 200: ResetLinkResult },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const account = await getAccount(tx, request.params.id);
        const result = await sendPasswordLink(tx, account, 'reset');
        audit({ action: 'accounts.password.reset-link', recordType: 'account', recordId: account.id });
        return result;
      }),
  );

  app.post(
    '/api/admin/rotation',
    {
      config: { permission: 'accounts.manage' },
      schema: {
        tags: ['accounts'],
        summary:
          '4月の人事異動: 役割の一括変更・無効化・担当の引き継ぎ（dryRun で確認してから適用。effectiveOn が先の日付なら予約）',
        body: RotationBody,
        response: { 200: RotationResult },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const now = clock.now();
        const today = isoDateInTokyo(now);
        const { effectiveOn = today, dryRun, ...plan } = request.body;
        if (effectiveOn < today) throw invalidField('/body/effectiveOn', ACCOUNTS_FIELD.effectiveInPast);
        // A later date: checked and counted now (as a preview), stored, applied by the due job.
        const later = effectiveOn > today;
        const result = await applyRotation(
          tx,
          actorOf(request),
          { ...plan, dryRun: dryRun || later },
          now,
          async (accountId) => {
            await revokeAllSessions(tx, accountId, { at: now, reason: 'account_disabled' });
          },
        );
        let scheduledId: string | null = null;
        if (!dryRun && later) {
          scheduledId = await scheduleRotation(tx, actorOf(request), plan, effectiveOn, now);
          audit({ action: 'accounts.rotation.schedule', recordType: 'rotation', recordId: scheduledId });
        } else if (!dryRun) await auditRotationChanges(tx, auditBy(request), result);
        return { ...result, dryRun: dryRun || later, effectiveOn, scheduledId };
      }),
  );

  app.get(
    '/api/admin/rotation/scheduled',
    {
      config: { permission: 'accounts.manage' },
      schema: {
        tags: ['accounts'],
        summary: '予約した人事異動の一覧（適用日、状態、適用できなかった理由）',
        response: { 200: ScheduledRotationList },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const today = isoDateInTokyo(clock.now());
        const items = await listRotations(tx);
        audit({ action: 'accounts.rotation.list', recordType: 'rotation', recordId: null });
        return { today, defaultEffectiveOn: nextAprilFirst(today), items };
      }),
  );

  app.post(
    '/api/admin/rotation/scheduled/:id/cancel',
    {
      config: { permission: 'accounts.manage' },
      schema: {
        tags: ['accounts'],
        summary: '予約した人事異動の取り消し（適用日の前まで）',
        params: RotationParams,
        response: { 200: ScheduledRotation },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const done = await cancelRotation(tx, actorOf(request), request.params.id, clock.now());
        audit({ action: 'accounts.rotation.cancel', recordType: 'rotation', recordId: done.id });
        return done;
      }),
  );

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 2, parts: 3 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/admin/rotation/csv',
      {
        config: { permission: 'accounts.manage' },
        bodyLimit: UPLOAD_LIMIT_BYTES + 64 * 1024,
        schema: {
          tags: ['accounts'],
          summary:
            '人事異動の CSV（UTF-8 / Shift_JIS）を読み取り、行ごとの問題を示す。何も書き込まない（確認してから適用）',
          consumes: ['multipart/form-data'],
          response: { 200: RotationCsvPreview },
        },
      },
      async (request) => {
        const bytes = await receiveOneFile(request, { maxFileBytes: UPLOAD_LIMIT_BYTES });
        return staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
          const preview = await parseRotationCsv(tx, actorOf(request), bytes);
          audit({ action: 'accounts.rotation.preview', recordType: 'rotation', recordId: null });
          return preview;
        });
      },
    );
  });
}
