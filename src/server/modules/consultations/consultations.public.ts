import { and, asc, eq, sql } from 'drizzle-orm';
import { hasPermission } from '../../../shared/permissions.ts';
import type { Tx } from '../../platform/db/client.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import { listAccounts } from '../accounts/index.ts';
import { getTenantProfile } from '../municipalities/index.ts';
import { newReplyCode, replyCodeHash } from './consultations.codes.ts';
import { type ConsultationsContext, open, type Row, seal } from './consultations.context.ts';
import { consultationMessages, consultations } from './consultations.tables.ts';

/** Use cases of the anonymous writer: submit, read the replies with the 受付番号, write again. */

/** Consultation staff of the tenant get a content-free alert with a console link. */
async function alertStaff(tx: Tx, ctx: ConsultationsContext, tenant: string, id: string, key: string) {
  const staff = await listAccounts(tx, { status: 'active', limit: 200 });
  for (const account of staff.items) {
    if (!hasPermission(account.roles, 'consultations.respond')) continue;
    await enqueueMessage(tx, ctx, {
      kind: 'staff_alert',
      municipalityCode: tenant,
      recipient: account.email,
      templateKey: 'consultation.received',
      linkPath: `/console/consultations/${id}`,
      idempotencyKey: `consultation.received:${key}:${account.id}`,
    });
  }
}

/**
 * The 受付番号 by e-mail. The address is used here once: it goes only into this outbox notice, which
 * the outbox erases once sent (decision 0025); nothing in the consultation's own tables refers to it.
 */
function codeNotice(
  ctx: ConsultationsContext,
  tenant: string,
  desk: string,
  replyCode: string,
  easyJapanese: boolean,
): { subject: string; body: string } {
  const replyPage = `${ctx.config.publicUrl}/m/${tenant}/consultation/reply`;
  if (easyJapanese)
    return {
      subject: '【つながり】相談の 受付番号',
      body: [
        `名前を 書かない 相談を 受け付けました（${desk}）。`,
        `受付番号: ${replyCode}`,
        '',
        `返事を 読む・もう いちど 書く: ${replyPage}`,
        '受付番号は ほかの 人に 見せないで ください。この 番号が ないと 返事を 読めません。',
        'この メールアドレスは、番号を おくる ためだけに 使いました。おくった あと、システムから けします。',
        'いま 命や からだが あぶない ときは、119番か 110番に 電話して ください。',
      ].join('\n'),
    };
  return {
    subject: '【つながり】相談の受付番号',
    body: [
      `名前を書かない相談を受け付けました（${desk}）。`,
      `受付番号: ${replyCode}`,
      '',
      `返事を読む・もう一度書く: ${replyPage}`,
      '受付番号は、ほかの人に見せないでください。この番号がないと返事を読めません。',
      'このメールアドレスは、番号をお送りするためだけに使い、送信後にシステムから消去します。相談の記録には残りません。',
      'いま命や体に危険があるときは、119番（救急）か110番（警察）に電話してください。',
    ].join('\n'),
  };
}

export async function submitConsultation(
  tx: Tx,
  ctx: ConsultationsContext,
  input: {
    municipalityCode: string;
    writer: Row['writer'];
    message: string;
    easyJapanese: boolean;
    /** Only with `email`: the 受付番号 goes to that address once (nothing about it is stored here). */
    sendCodeByEmail?: boolean | undefined;
    email?: string | undefined;
  },
): Promise<{ id: string; replyCode: string; receivedAt: string; codeEmailed: boolean }> {
  const tenant = input.municipalityCode;
  // Only municipalities that use this deployment take consultations (others: 404).
  const profile = await getTenantProfile(tx, tenant);
  const now = ctx.clock.now();
  const replyCode = newReplyCode();
  const [row] = await tx
    .insert(consultations)
    .values({
      municipalityCode: tenant,
      replyCodeHash: replyCodeHash(tenant, replyCode)!,
      writer: input.writer,
      easyJapanese: input.easyJapanese ? 'yes' : 'no',
      receivedAt: now,
      lastMessageAt: now,
      awaitingReplySince: now,
    })
    .returning({ id: consultations.id });
  await tx.insert(consultationMessages).values({
    municipalityCode: tenant,
    consultationId: row!.id,
    author: 'writer',
    bodyEncrypted: seal(ctx, input.message),
    at: now,
  });
  await alertStaff(tx, ctx, tenant, row!.id, row!.id);
  const codeEmailed = Boolean(input.sendCodeByEmail && input.email);
  if (codeEmailed)
    await enqueueMessage(tx, ctx, {
      kind: 'notice',
      municipalityCode: tenant,
      recipient: input.email!,
      templateKey: 'consultations.receipt-code',
      ...codeNotice(ctx, tenant, profile.documentName, replyCode, input.easyJapanese),
      idempotencyKey: `consultations.receipt-code:${row!.id}`,
      eraseAfterSending: true,
    });
  return { id: row!.id, replyCode, receivedAt: now.toISOString(), codeEmailed };
}

/** The consultation a reply code opens, in its tenant's transaction; null (never a hint) when none. */
export async function findByReplyCode(tx: Tx, tenant: string, code: string): Promise<Row | null> {
  const hash = replyCodeHash(tenant, code);
  if (!hash) return null;
  const [row] = await tx
    .select()
    .from(consultations)
    .where(and(eq(consultations.municipalityCode, tenant), eq(consultations.replyCodeHash, hash)));
  return row ?? null;
}

export async function publicView(tx: Tx, ctx: ConsultationsContext, row: Row) {
  const messages = await tx
    .select()
    .from(consultationMessages)
    .where(
      and(
        eq(consultationMessages.municipalityCode, row.municipalityCode),
        eq(consultationMessages.consultationId, row.id),
      ),
    )
    .orderBy(asc(consultationMessages.id));
  return {
    receivedAt: row.receivedAt.toISOString(),
    easyJapanese: row.easyJapanese === 'yes',
    waitingForReply: row.awaitingReplySince !== null,
    closed: row.status === 'closed',
    messages: messages.map((m) => ({
      from: m.author === 'writer' ? ('you' as const) : ('staff' as const),
      text: open(ctx, m.bodyEncrypted),
      at: m.at.toISOString(),
    })),
  };
}

/** The writer writes again: the thread reopens if it was closed, and waits for a reply. */
export async function writeAgain(tx: Tx, ctx: ConsultationsContext, row: Row, message: string) {
  const now = ctx.clock.now();
  const [message_] = await tx
    .insert(consultationMessages)
    .values({
      municipalityCode: row.municipalityCode,
      consultationId: row.id,
      author: 'writer',
      bodyEncrypted: seal(ctx, message),
      at: now,
    })
    .returning({ id: consultationMessages.id });
  await tx
    .update(consultations)
    .set({
      status: 'open',
      closeReasonEncrypted: null,
      closedAt: null,
      lastMessageAt: now,
      awaitingReplySince: sql`coalesce(${consultations.awaitingReplySince}, ${now})`,
      messageCount: sql`${consultations.messageCount} + 1`,
      version: sql`${consultations.version} + 1`,
    })
    .where(and(eq(consultations.municipalityCode, row.municipalityCode), eq(consultations.id, row.id)));
  await alertStaff(tx, ctx, row.municipalityCode, row.id, `${row.id}:${message_!.id}`);
  return { id: message_!.id, at: now.toISOString() };
}
