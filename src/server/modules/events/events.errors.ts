import type { Bilingual } from '../../../shared/text/field-message.ts';
import { AppError, type ErrorCode } from '../../platform/errors.ts';

/**
 * The events module's own problem+json codes, each in Japanese and English.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const EVENTS_ERRORS = {
  events_registration_closed: {
    title: { ja: 'この催しの申し込みは締め切りました', en: 'Registration for this event is closed' },
    detail: {
      ja: '申し込める日程がありません。主催者に直接お問い合わせください。',
      en: 'No session is open for registration. Please contact the organiser.',
    },
  },
  events_session_not_open: {
    title: { ja: '選んだ日程には申し込めません', en: 'A chosen session is not open for registration' },
  },
  events_organiser_unknown: {
    title: { ja: '主催者を選んでください', en: 'Choose an organiser you manage' },
  },
  events_session_removed: {
    title: {
      ja: '申し込みのある日程は削除できません',
      en: 'A session with registrations cannot be removed',
    },
    detail: { ja: '日程を「中止」にしてください。', en: 'Mark the session as cancelled instead.' },
  },
  events_registration_not_found: {
    title: { ja: '申し込みが見つかりません', en: 'Registration not found' },
    detail: {
      ja: 'リンクが正しいか確かめてください。',
      en: 'Check that the link is complete.',
    },
  },
  events_registration_code_not_found: {
    title: { ja: '申し込みが見つかりません', en: 'Registration not found' },
    detail: {
      ja: 'この催しの受付番号と取り消し番号を、申し込みのときの画面かメールのとおりに入力してください。',
      en: 'Enter the receipt number and the cancel code of this event as shown when you registered or in the e-mail.',
    },
  },
  events_already_cancelled: {
    title: { ja: 'この日程はすでに取り消されています', en: 'This session is already cancelled' },
  },
  events_session_started: {
    title: { ja: '始まった日程は取り消せません', en: 'A session that has started cannot be cancelled' },
  },
} as const;

type EventsErrorCode = keyof typeof EVENTS_ERRORS;

/**
 * The texts the events module writes against one field: the use cases' checks of a reference and the
 * request schemas' rules (through `fieldMessage`). Kept here so each pair is written once.
 */
export const EVENTS_FIELD = {
  placeOfTenant: { ja: 'この自治体の居場所を選んでください', en: 'Choose a place of this municipality' },
  accountsOfTenant: {
    ja: 'この自治体のアカウントを選んでください',
    en: 'choose accounts of this municipality',
  },
  organiser: { ja: '主催者を選んでください', en: 'choose an organiser' },
  invalidId: { ja: 'id が正しくありません', en: 'Invalid id' },
  reading: { ja: 'よみは ひらがな・カタカナで入力してください', en: 'the reading must be kana' },
  phone: { ja: '電話番号は数字と - ( ) # + で入力してください', en: 'use digits and - ( ) # + only' },
  dateTime: {
    ja: '日時は ISO 8601 形式（例 2026-12-05T13:30:00+09:00）で',
    en: 'an ISO 8601 date-time with offset',
  },
  endAfterStart: { ja: '終了は開始より後にしてください', en: 'the end must be after the start' },
  title: { ja: '名称を入力してください', en: 'enter a title' },
  sessionsMin: { ja: '日程を1つ以上入力してください', en: 'add at least one session' },
  venueOrAddress: {
    ja: '会場の名称か住所を入力してください',
    en: 'in-person events need a venue or address',
  },
  seriesSessions: {
    ja: '家族学習会は2回以上の日程で組みます',
    en: 'a study series has two or more sessions',
  },
  date: { ja: '日付は YYYY-MM-DD で', en: 'a date as YYYY-MM-DD' },
  email: { ja: 'メールアドレスの形式を確認してください', en: 'check the e-mail address' },
  nickname: { ja: 'ニックネームを入力してください', en: 'enter a nickname' },
  subject: { ja: '件名を入力してください', en: 'enter a subject' },
  subjectOneLine: { ja: '件名は1行で', en: 'one line' },
  messageBody: { ja: '本文を入力してください', en: 'enter a message' },
  organiserName: { ja: '主催者の名称を入力してください', en: 'enter a name' },
} as const satisfies Record<string, Bilingual>;

/** A problem of the events module; with a pointer, the field it names carries the code's title. */
export const eventsError = (status: 400 | 404 | 409, code: EventsErrorCode, pointer?: string) =>
  new AppError(
    status,
    code,
    pointer ? { errors: [{ pointer, message: EVENTS_ERRORS[code].title }] } : undefined,
  );

/** 400 naming one field with one of the pairs above (`validation_failed` unless the code says more). */
export const eventsFieldError = (
  pointer: string,
  message: Bilingual,
  code: ErrorCode | EventsErrorCode = 'validation_failed',
) => new AppError(400, code, { errors: [{ pointer, message }] });
