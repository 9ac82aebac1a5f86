import { AppError } from '../../platform/errors.ts';

/**
 * The navigator's own error messages (problem+json `code`s), each in Japanese and English.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const NAVIGATOR_ERRORS = {
  navigator_effective_in_past: {
    title: { ja: '過去の日付からは変更できません', en: 'A rule set cannot take effect in the past' },
    detail: {
      ja: '新しい版は今日以降の日付から有効にしてください。過去の案内は変えられません。',
      en: 'A new version takes effect today or later; what was shown before cannot change.',
    },
  },
  navigator_effective_not_after_latest: {
    title: { ja: '有効になる日が前の版より前です', en: 'The date is not after the latest version' },
    detail: {
      ja: '新しい版は、いま予定されている最新の版より後の日付から有効にしてください。',
      en: 'A new version must take effect after the latest scheduled version.',
    },
  },
  navigator_no_rule_set: {
    title: { ja: 'この日に有効なルールはありません', en: 'No rule set is in force on that day' },
  },
  navigator_place_not_listed: {
    title: { ja: '公開中の居場所・相談先ではありません', en: 'Not a published directory entry of this town' },
    detail: {
      ja: '窓口には、この自治体の公開中の案内（居場所・相談先）だけを結びつけられます。',
      en: 'A window can link only to a published directory entry of this municipality.',
    },
  },
} as const;

export type NavigatorErrorCode = keyof typeof NAVIGATOR_ERRORS;

export const navigatorError = (status: 400 | 404 | 409, code: NavigatorErrorCode, pointer?: string) =>
  new AppError(
    status,
    code,
    pointer ? { errors: [{ pointer, message: NAVIGATOR_ERRORS[code].title }] } : undefined,
  );
