/**
 * Staff alerts say that something arrived and where to look, never what it says: mail leaves the
 * system's protection (it is forwarded, read on phones, kept by mail providers), and a consultation
 * about hikikomori is among the most sensitive things a municipality holds. So the caller gives a
 * template key and a console path only, and the text is built here from fixed wording.
 */
export type StaffAlertTemplate = {
  /** Fixed subject, no placeholders. */
  subject: string;
  /** Fixed first sentence, no placeholders; the link follows it. */
  lead: string;
};

/** A module's alert with its key, as its manifest names it (`staffAlertTemplates`). */
export type KeyedStaffAlertTemplate = StaffAlertTemplate & {
  /** Dotted, lower-case, prefixed with the module (`support.review-due`). */
  key: string;
};

const templates = new Map<string, StaffAlertTemplate>([
  [
    'consultation.received',
    {
      subject: '【つながり】新しい相談が届きました',
      lead: '新しい相談が届きました。内容はシステムで確認してください。',
    },
  ],
  [
    'report.received',
    {
      subject: '【つながり】新しい報告が届きました',
      lead: '新しい報告が届きました。内容はシステムで確認してください。',
    },
  ],
  [
    'application.received',
    {
      subject: '【つながり】新しい申請が届きました',
      lead: '新しい申請が届きました。内容はシステムで確認してください。',
    },
  ],
  [
    'case.assigned',
    {
      subject: '【つながり】担当する案件があります',
      lead: 'あなたが担当する案件があります。内容はシステムで確認してください。',
    },
  ],
  [
    'task.due',
    {
      subject: '【つながり】期限が近い対応があります',
      lead: '期限が近い対応があります。内容はシステムで確認してください。',
    },
  ],
]);

/**
 * Modules name their alerts in their manifest (`staffAlertTemplates`) and `installModules()` adds
 * them here; wording is reviewed like code, since it is code.
 */
export function registerStaffAlertTemplate(key: string, template: StaffAlertTemplate): void {
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(key))
    throw new Error(`Staff alert key "${key}" is not a valid key.`);
  if (templates.has(key)) throw new Error(`Staff alert "${key}" registered twice.`);
  if (/[{}$]|\r|\n/.test(template.subject + template.lead)) {
    throw new Error(`Staff alert "${key}" must be fixed text (no placeholders, one line each).`);
  }
  templates.set(key, template);
}

export function isStaffAlertTemplate(key: string): boolean {
  return templates.has(key);
}

/**
 * Console paths made only of ASCII segments (ids, codes, words such as `cases`): no query string,
 * fragment, percent-encoding or Japanese text, so a link cannot carry what the alert must not.
 */
export const STAFF_ALERT_LINK_PATH = /^\/console(?:\/[A-Za-z0-9_-]{1,64}){1,8}$/;

export function buildStaffAlert(
  key: string,
  linkPath: string,
  publicUrl: string,
): { subject: string; body: string } {
  const template = templates.get(key);
  if (!template) throw new Error(`Unknown staff alert "${key}".`);
  if (!STAFF_ALERT_LINK_PATH.test(linkPath))
    throw new Error('A staff alert link must be a plain /console/… path.');
  const link = new URL(linkPath, publicUrl).toString();
  const body = [
    `${template.lead.replace(/。$/, '')}: ${link}`,
    '',
    'このメールには内容を含めていません。ログインして確認してください。',
    'このメールはつながりから自動送信されています。返信はできません。',
    '',
  ].join('\n');
  return { subject: template.subject, body };
}
