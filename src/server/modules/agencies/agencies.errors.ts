import { AppError, fieldError } from '../../platform/errors.ts';

/**
 * The problem codes of agencies, referrals and conferences, each in Japanese and English.
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const AGENCIES_ERRORS = {
  referral_basis_missing: {
    title: { ja: 'この紹介には根拠がありません', en: 'No lawful basis for this referral' },
    detail: {
      ja: 'この関係機関への紹介について、本人の同意も支援会議の決定もありません。',
      en: 'There is neither the person’s consent nor a support-conference decision for this agency.',
    },
  },
  referral_basis_ended: {
    title: { ja: '共有の根拠がなくなりました', en: 'The basis for sharing has ended' },
    detail: {
      ja: '本人の同意が撤回されたか期限が切れたため、この紹介の内容は表示できません。',
      en: 'The person’s consent was withdrawn or has expired: this referral can no longer be read.',
    },
  },
  referral_transition_invalid: {
    title: { ja: 'この状態からは変更できません', en: 'Not possible in this state' },
  },
  agency_member_invalid: {
    title: { ja: '関係機関の職員として登録できません', en: 'Not an agency member account' },
    detail: {
      ja: 'この自治体の「関係機関」の役割を持つアカウントだけを登録できます。',
      en: 'Only accounts of this municipality with the partner-agency role can be added.',
    },
  },
  agency_not_linked: {
    title: { ja: '所属する関係機関がありません', en: 'Your account belongs to no agency' },
    detail: {
      ja: '自治体の担当者に、所属する関係機関への登録を依頼してください。',
      en: 'Ask the municipality to add your account to its agency.',
    },
  },
  confidentiality_not_acknowledged: {
    title: { ja: '守秘義務の確認が必要です', en: 'Acknowledge your duty of confidentiality first' },
    detail: {
      ja: '支援会議（社会福祉法第106条の6）の資料を見る前に、守秘義務を確認してください。',
      en: 'Before the first access to a support conference (Social Welfare Act art. 106-6), acknowledge the duty of confidentiality.',
    },
  },
  conference_consent_missing: {
    title: { ja: '同意のない参加機関があります', en: 'An agency lacks the person’s consent' },
    detail: {
      ja: '重層的支援会議では、参加する関係機関ごとに本人の同意が必要です（同意なしで話し合うには支援会議として開きます）。',
      en: 'A multi-layered support meeting needs the person’s consent for each agency (or hold it as a support conference under art. 106-6).',
    },
  },
} as const;

export type AgenciesErrorCode = keyof typeof AGENCIES_ERRORS;

export const agenciesError = (
  status: 403 | 409 | 422,
  code: AgenciesErrorCode,
  options?: ConstructorParameters<typeof AppError>[2],
) => new AppError(status, code, options);

/** Why the person's consent does not cover a referral, as the 422 detail names it. */
const CONSENT_STATE_TEXT = {
  missing: { ja: '記録がありません', en: 'no record' },
  refused: { ja: '本人が同意していません', en: 'refused' },
  withdrawn: { ja: '撤回されています', en: 'withdrawn' },
  expired: { ja: '期限が切れています', en: 'expired' },
} as const;

/** Texts of the field errors the use cases raise (pointer and message), kept together for translators. */
export const AGENCIES_FIELD = {
  nameTaken: { ja: '同じ名前の関係機関があります', en: 'An agency with this name exists' },
  accountNotOfTenant: {
    ja: 'この自治体のアカウントを選んでください',
    en: 'Choose an account of this municipality',
  },
  notAgencyMember: { ja: '関係機関の役割がありません', en: 'Not an agency member' },
  unknownAgency: { ja: '関係機関が見つかりません', en: 'Unknown agency' },
  inactiveAgency: { ja: 'この関係機関は休止中です', en: 'This agency is inactive' },
  accountNotInTenant: {
    ja: 'この自治体のアカウントではありません',
    en: 'Not an account of this municipality',
  },
  personNotFound: { ja: '本人が見つかりません', en: 'Person not found' },
  notPersonOfConference: { ja: 'この会議で扱う本人ではありません', en: 'Not a person of this conference' },
  choosePerson: { ja: '本人を選んでください', en: 'Choose the person' },
  scopeRequired: { ja: '共有してよい内容を入力してください', en: 'Say what may be shared with the agency' },
  declineReason: { ja: '断る理由を入力してください', en: 'Give the reason for declining' },
} as const;

export const agenciesFieldError = (
  pointer: string,
  text: keyof typeof AGENCIES_FIELD,
  code?: Parameters<typeof fieldError>[3],
) => fieldError(pointer, AGENCIES_FIELD[text].ja, AGENCIES_FIELD[text].en, code);

/** The 422 that names what a referral lacks (the consent, and no 支援会議 decision either). */
export function referralBasisMissing(
  agency: { id: string; name: string },
  consentState: keyof typeof CONSENT_STATE_TEXT,
) {
  const state = CONSENT_STATE_TEXT[consentState];
  return new AppError(422, 'referral_basis_missing', {
    detail: {
      ja: `「${agency.name}」への紹介（関係機関への紹介）について、本人の同意がありません（${state.ja}）。支援会議（社会福祉法第106条の6）でこの機関との共有を決めた記録もありません。紹介するには、この機関を名指しした本人の同意を記録してください。`,
      en: `No consent of the person to a referral to “${agency.name}” (${state.en}), and no support-conference decision (Social Welfare Act art. 106-6) covering this agency. Record the person’s consent naming this agency first.`,
    },
    extra: {
      missing: {
        consent: { purpose: 'agency_referral', agencyId: agency.id, state: consentState },
        conferenceDecision: true,
      },
    },
  });
}

/** 409 when a referral's status does not allow the step. */
export const referralTransitionInvalid = (status: string) =>
  new AppError(409, 'referral_transition_invalid', {
    detail: {
      ja: `現在の状態（${status}）からはこの操作はできません。`,
      en: `Not possible from the current state (${status}).`,
    },
  });
