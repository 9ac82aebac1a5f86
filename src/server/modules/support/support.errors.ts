import type { Bilingual } from '../../../shared/text/field-message.ts';
import { AppError, type ErrorCode, fieldError } from '../../platform/errors.ts';
import { PERSON_EXPORT_MAX } from './support.policy.ts';

/**
 * Support's own problem+json `code`s, each in Japanese and English.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const SUPPORT_ERRORS = {
  support_merge_invalid: {
    title: { ja: 'この 2 件はまとめられません', en: 'These records cannot be merged' },
    detail: {
      ja: '同じ記録どうし、またはすでにまとめた記録はまとめられません。',
      en: 'A record cannot be merged with itself or with a record already merged.',
    },
  },
  support_worker_unknown: {
    title: { ja: '担当者が見つかりません', en: 'Unknown lead worker' },
  },
  support_export_too_large: {
    title: { ja: '件数が多すぎて出力できません', en: 'Too many records to export' },
    detail: {
      ja: `一度に出力できるのは ${PERSON_EXPORT_MAX} 件までです。担当や状態で絞り込んでください。`,
      en: `Up to ${PERSON_EXPORT_MAX} records can be exported at once. Narrow the list by worker or status.`,
    },
  },
  import_already_applied: {
    title: { ja: 'この取り込みは、すでに反映しました', en: 'This import has already been applied' },
  },
  import_has_problems: {
    title: { ja: '問題のある行があります', en: 'Some rows have problems' },
    detail: {
      ja: 'プレビューの問題を直したファイルを取り込み直すか、問題のある行を除いて反映してください。',
      en: 'Fix the file and upload it again, or apply the valid rows only (skipInvalid).',
    },
  },
} as const;

export type SupportErrorCode = keyof typeof SUPPORT_ERRORS;

/** A refusal with one of support's codes (no field: the code's own title and detail say it). */
export const supportError = (status: 409 | 422, code: SupportErrorCode) => new AppError(status, code);

/** The texts of a field a use case refuses (the request was well formed; the record says no). */
export const SUPPORT_FIELD = {
  agencyNotOfTenant: {
    ja: 'この自治体の関係機関を選んでください',
    en: 'Choose an agency of this municipality',
  },
  consentNotOfPerson: { ja: 'この本人の同意記録ではありません', en: 'Not a consent record of this person' },
  expiryBeforeDecision: { ja: '有効期限は同意日より後にしてください', en: 'The expiry must follow the date' },
  workerUnknown: SUPPORT_ERRORS.support_worker_unknown.title,
  goalNotOfPlan: { ja: 'この計画にない目標です', en: 'Not a goal of this plan' },
  measureNotOfPerson: { ja: 'この本人の記録ではありません', en: 'Not a measure of this person' },
  subscalesNotTotal: {
    ja: '3 つの下位尺度の合計が総得点と一致しません',
    en: 'The subscales must add up to the total',
  },
  endBeforeStart: {
    ja: '終わりの日は始めの日より後にしてください',
    en: 'The end must not be before the start',
  },
} as const satisfies Record<string, Bilingual>;

/** A 400 naming the field (code `validation_failed` unless a module code is given). */
export const supportFieldError = (pointer: string, text: Bilingual, code?: ErrorCode) =>
  fieldError(pointer, text.ja, text.en, code);

/** The rules of support's request schemas (support.schema.ts), as `fieldMessage` pairs. */
export const M_FIELD = {
  consentForRecordKeeping: {
    ja: '相談から支援記録を作るには、記録を残すことへの本人（または家族）の同意が必要です',
    en: 'opening a record from a consultation needs consent to record keeping',
  },
  atLeastOneField: { ja: 'どれか 1 つ以上を入力してください', en: 'give at least one field' },
  nickname: { ja: '呼び名を入力してください', en: 'Enter a nickname' },
  readableBy: { ja: '読める役割を選んでください', en: 'name the roles that may read it' },
} as const satisfies Record<string, Bilingual>;

/** Why a row (or the header) of an imported case list cannot be taken as it is, by problem code. */
export const IMPORT_REASONS: Record<string, Bilingual> = {
  missing_external_id: {
    ja: '外部ID がありません（再取り込みで重複させないために必要です）',
    en: 'external id missing (needed to avoid duplicates on re-import)',
  },
  duplicate_external_id: {
    ja: '同じ外部ID がファイル内で重複しています',
    en: 'the same external id appears twice in the file',
  },
  missing_nickname: { ja: '呼び名（または氏名）がありません', en: 'nickname (or name) missing' },
  invalid_date: {
    ja: '日付を読み取れません（例 2026-04-01、2026/4/1、令和8年4月1日）',
    en: 'unreadable date (e.g. 2026-04-01, 2026/4/1, 令和8年4月1日)',
  },
  future_date: { ja: '未来の日付です', en: 'a date in the future' },
  invalid_age_group: {
    ja: '年代を読み取れません（例 20代、40代、65歳以上）',
    en: 'unreadable age group (e.g. 20代, 40代, 65歳以上)',
  },
  invalid_flag: { ja: '「はい」「いいえ」のどちらかにしてください', en: 'use はい or いいえ' },
  unknown_worker: {
    ja: '担当者のメールアドレスが、この自治体のアカウントにありません',
    en: 'no account of this municipality has that e-mail address',
  },
  too_long: { ja: '長すぎます', en: 'too long' },
  unknown_column: {
    ja: 'この見出しは取り込みません（無視します）',
    en: 'this column is not imported (ignored)',
  },
  missing_column: {
    ja: '必要な見出しがありません（外部ID、呼び名 または 氏名）',
    en: 'a required column is missing (外部ID, and 呼び名 or 氏名)',
  },
};

/** The detail of `csv_empty` for a case list with no case in it. */
export const IMPORT_EMPTY: Bilingual = {
  ja: '1 行目に見出し、2 行目から各ケースを書いてください。',
  en: 'Put headers on line 1 and one case per line after it.',
};

/** Why a place is suggested to a person (support.matching.ts), in both languages. */
export const MATCH_REASONS = {
  inMunicipality: (municipalityName: string): Bilingual => ({
    ja: `${municipalityName}の場所です`,
    en: 'in the municipality',
  }),
  lifeStage: (stageJa: string, stage: string): Bilingual => ({
    ja: `年代（${stageJa}）に合っています`,
    en: `fits the life stage (${stage})`,
  }),
  familyWelcome: {
    ja: '家族が参加できます（家族のみの相談）',
    en: 'open to family members (family-only case)',
  },
  onlineAsPreferred: {
    ja: 'オンラインや自宅から参加できます（本人の希望に合っています）',
    en: 'can take part online or from home (as preferred)',
  },
  online: { ja: 'オンラインでも参加できます', en: 'can take part online' },
  peerStaff: { ja: '経験のあるピアスタッフがいます', en: 'peer staff with lived experience' },
  supportStaff: { ja: '支援スタッフがついてくれます', en: 'support staff are there' },
  matchesQuery: (q: string): Bilingual => ({ ja: `「${q}」に当てはまります`, en: `matches “${q}”` }),
  firstVisit: {
    anonymous_ok: { ja: '名前を言わずに参加できます', en: 'can join without giving a name' },
    no_need_to_talk: { ja: '話さなくても過ごせます', en: 'no need to talk' },
    accompanied_first_visit: {
      ja: '初めての時は付き添ってもらえます',
      en: 'someone can come along the first time',
    },
    quiet_room: { ja: '静かに過ごせる部屋があります', en: 'has a quiet room' },
    women_only_times: { ja: '女性だけの時間があります', en: 'has women-only times' },
  } as Record<string, Bilingual>,
};
