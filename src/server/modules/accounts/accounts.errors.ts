import { ROLE_LABELS, type Role } from '../../../shared/roles.ts';
import type { Bilingual } from '../../../shared/text/field-message.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * An audit export beyond this many entries is refused with a request to narrow the period (never cut
 * short); the message below names the number.
 */
export const AUDIT_EXPORT_MAX = 10_000;

/**
 * The accounts module's own error messages (problem+json `code`s), each in Japanese and English.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const ACCOUNTS_ERRORS = {
  role_outside_scope: {
    title: { ja: 'この役割は付与できません', en: 'This role cannot be granted' },
    detail: {
      ja: '自分の管理範囲の役割だけを付与できます（国・都道府県の役割は付与できません）。',
      en: 'You can grant only roles within your own scope (not national or prefecture roles).',
    },
  },
  email_taken: {
    title: { ja: 'このメールアドレスは既に使われています', en: 'This e-mail address is already in use' },
  },
  cannot_disable_self: {
    title: { ja: '自分自身のアカウントは無効にできません', en: 'You cannot disable your own account' },
  },
  rotation_not_scheduled: {
    title: {
      ja: 'この人事異動は、もう取り消せません',
      en: 'This rotation can no longer be cancelled',
    },
    detail: {
      ja: '適用済み、取り消し済み、または適用できなかった人事異動です。一覧を読み込み直してください。',
      en: 'It has already been applied, cancelled or has failed. Reload the list.',
    },
  },
  audit_export_too_large: {
    title: { ja: '件数が多すぎて出力できません', en: 'Too many entries to export' },
    detail: {
      ja: `一度に出力できるのは ${AUDIT_EXPORT_MAX.toLocaleString('ja-JP')} 件までです。期間やアカウントで絞り込んでください。`,
      en: `Up to ${AUDIT_EXPORT_MAX.toLocaleString('en')} entries can be exported at once. Narrow the period or the account.`,
    },
  },
} as const;

export type AccountsErrorCode = keyof typeof ACCOUNTS_ERRORS;

/** A field's own words beside a problem (the `errors[].message` of problem+json). */
export const ACCOUNTS_FIELD = {
  emailFormat: { ja: 'メールアドレスの形式が正しくありません', en: 'not a valid e-mail address' },
  emailTaken: { ja: 'このメールアドレスは既に使われています', en: 'Already in use' },
  roleOutsideScope: (role: string): Bilingual => ({
    ja: `付与できない役割です: ${role}`,
    en: `Role outside your scope: ${role}`,
  }),
  effectiveInPast: {
    ja: '適用日に過去の日付は選べません（今日以降の日付にしてください）',
    en: 'The effective date cannot be in the past',
  },
  currentPasswordForLastFactor: {
    ja: '最後の二段階認証を解除するには、現在のパスワードを入力してください。',
    en: 'Enter your current password to remove your last second factor.',
  },
  currentPasswordIncorrect: {
    ja: '現在のパスワードが正しくありません。',
    en: 'The current password is incorrect.',
  },
  rotationAccountDisabled: (named: string, email: string): Bilingual => ({
    ja: `${named} のアカウントは無効になっているため、役割を変更できません`,
    en: `The account ${email} is disabled; its roles cannot be changed`,
  }),
  rotationAlreadyDisabled: (named: string, email: string): Bilingual => ({
    ja: `${named} のアカウントは既に無効になっています`,
    en: `The account ${email} is already disabled`,
  }),
  rotationHandsOverToItself: {
    ja: '引き継ぎ元と引き継ぎ先が同じアカウントです',
    en: 'The account hands over to itself',
  },
  rotationSuccessorNotActive: (named: string, email: string): Bilingual => ({
    ja: `引き継ぎ先の ${named} のアカウントが有効ではありません`,
    en: `The receiving account ${email} is not active`,
  }),
} as const;

/** The reasons an April rotation file is refused, line by line (rotation.csv.ts). */
export const ROTATION_CSV_TEXT = {
  empty: {
    ja: '1 行目に見出し（メールアドレス、役割、担当の引き継ぎ先、無効にする）、2 行目から 1 行に 1 人を書いてください。',
    en: 'Put headers on line 1 and one account per line after it.',
  },
  unknownColumn: (h: string): Bilingual => ({
    ja: `「${h}」という列は使えません（使える列：メールアドレス、役割、担当の引き継ぎ先、無効にする、氏名）`,
    en: `unknown column "${h}" (use メールアドレス, 役割, 担当の引き継ぎ先, 無効にする, 氏名)`,
  }),
  emailColumnMissing: {
    ja: '「メールアドレス」の列がありません',
    en: 'the メールアドレス (e-mail) column is missing',
  },
  changeColumnMissing: {
    ja: '「役割」「担当の引き継ぎ先」「無効にする」のどれかの列が必要です',
    en: 'one of the columns 役割, 担当の引き継ぎ先, 無効にする is needed',
  },
  tooManyLines: (max: number): Bilingual => ({
    ja: `一度に取り込めるのは ${max} 行までです`,
    en: `at most ${max} lines at once`,
  }),
  emailMissing: { ja: 'メールアドレスがありません', en: 'e-mail address missing' },
  noAccount: (email: string): Bilingual => ({
    ja: `${email} のアカウントが見つかりません`,
    en: `no account with the address ${email}`,
  }),
  alreadyDisabled: (email: string): Bilingual => ({
    ja: `${email} のアカウントは既に無効になっています`,
    en: `the account ${email} is already disabled`,
  }),
  disableSelf: {
    ja: '自分自身のアカウントは無効にできません',
    en: 'you cannot disable your own account',
  },
  duplicateEmail: (line: number | undefined): Bilingual => ({
    ja: `同じメールアドレスが ${line} 行目にもあります`,
    en: `the same address is also on line ${line}`,
  }),
  unknownRole: (unknown: readonly string[], grantable: readonly Role[]): Bilingual => ({
    ja: `役割「${unknown.join('、')}」がわかりません（例：${grantable
      .slice(0, 3)
      .map((g) => ROLE_LABELS[g].ja)
      .join('・')}）`,
    en: `unknown role "${unknown.join(', ')}"`,
  }),
  roleOutsideScope: (refused: readonly Role[]): Bilingual => ({
    ja: `「${refused.map((g) => ROLE_LABELS[g].ja).join('、')}」は付与できない役割です`,
    en: `role outside your scope: ${refused.join(', ')}`,
  }),
  noSuccessor: (email: string): Bilingual => ({
    ja: `引き継ぎ先 ${email} のアカウントが見つかりません`,
    en: `no account with the address ${email} to hand over to`,
  }),
  successorDisabled: (email: string): Bilingual => ({
    ja: `引き継ぎ先 ${email} のアカウントは無効になっています`,
    en: `the receiving account ${email} is disabled`,
  }),
  handsOverToItself: { ja: '引き継ぎ先が本人と同じです', en: 'the account hands over to itself' },
  disableFlag: {
    ja: '「無効にする」は「はい」か「いいえ」（空欄はいいえ）にしてください',
    en: 'use はい or いいえ (empty means いいえ)',
  },
  nothingToChange: {
    ja: 'この行には変更がありません（役割、担当の引き継ぎ先、無効にする のどれかを書いてください）',
    en: 'nothing to change on this line',
  },
  successorDisabledOnLine: (line: number | undefined): Bilingual => ({
    ja: `引き継ぎ先は ${line} 行目で無効にするアカウントです`,
    en: `the receiving account is disabled on line ${line}`,
  }),
} as const;

export const accountsError = (status: 400 | 403 | 404 | 409, code: AccountsErrorCode, pointer?: string) =>
  new AppError(
    status,
    code,
    pointer ? { errors: [{ pointer, message: ACCOUNTS_ERRORS[code].title }] } : undefined,
  );

/** 400 `validation_failed` on one field, with the field's own words (the platform's code). */
export const invalidField = (pointer: string, message: Bilingual) =>
  new AppError(400, 'validation_failed', { errors: [{ pointer, message }] });
