import { hasPermission } from '../../../shared/permissions.ts';
import type { Tx } from '../../platform/db/client.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.service.ts';
import type { KeyedStaffAlertTemplate } from '../../platform/outbox/staff-alerts.ts';
import { listAccounts } from '../accounts/index.ts';
import type { Personal, SubsidyContext } from './subsidies.records.ts';

/**
 * What the subsidy puts in the outbox: the reviewers' alert of a new application, and the
 * applicant's notice of each step (status word and link only).
 */

export const subsidiesApplicationReceivedAlert: KeyedStaffAlertTemplate = {
  key: 'subsidies.application-received',
  subject: '【つながり】交通費補助の申請が届きました',
  lead: '交通費補助の新しい申請が届きました。本人確認と審査をシステムで行ってください。',
};

export async function alertReviewers(tx: Tx, ctx: SubsidyContext, tenant: string, id: string) {
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
export async function notifyApplicant(
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
