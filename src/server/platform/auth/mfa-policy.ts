import { ROLES_READING_PERSONAL_DATA, type Role } from '../../../shared/roles.ts';

export type MfaMethod = 'totp' | 'passkey' | 'recovery';

export type MfaFacts = {
  scope: 'national' | 'prefecture' | 'tenant';
  roles: readonly Role[];
  /** tenant_profiles.mfaRequiredForPersonalData of the account's tenant; null when no profile exists. */
  tenantRequiresMfa: boolean | null;
  isDemo: boolean;
  hasTotp: boolean;
  hasPasskey: boolean;
  unusedRecoveryCodes: number;
  sessionMfaPassed: boolean;
};

export type MfaState = {
  /** Policy requires a second factor for this account. */
  required: boolean;
  /** The account has an active second factor (TOTP or passkey). */
  enrolled: boolean;
  /** Methods this account can use to pass the second-factor check now. */
  methods: MfaMethod[];
  /** This session may act beyond `self` routes as far as MFA is concerned. */
  satisfied: boolean;
  /** Policy requires MFA but no factor is enrolled yet: only enrolment (self routes) is open. */
  enrolmentRequired: boolean;
  /** This session must pass a second factor before anything beyond `self` routes. */
  verificationRequired: boolean;
};

/**
 * Whether an account needs MFA, and whether this session has satisfied it.
 *
 * - National and prefecture accounts always need it (they see many municipalities' data); so does any
 *   account holding a role that reads personal data, unless its tenant deliberately turned MFA off.
 *   A tenant without a profile row counts as "required" (deny by default).
 * - Demo accounts are exempt (Contract: "no MFA prompt").
 * - An account that enrolled a factor voluntarily must also use it: otherwise the factor protects
 *   nothing, and the 8-character password minimum that a second factor allows would be unsafe.
 */
export function mfaState(facts: MfaFacts): MfaState {
  const readsPersonalData = facts.roles.some((role) => ROLES_READING_PERSONAL_DATA.includes(role));
  const required =
    facts.scope === 'national' ||
    facts.scope === 'prefecture' ||
    (readsPersonalData && facts.tenantRequiresMfa !== false);
  const enrolled = facts.hasTotp || facts.hasPasskey;
  const methods: MfaMethod[] = [];
  if (facts.hasTotp) methods.push('totp');
  if (facts.hasPasskey) methods.push('passkey');
  if (enrolled && facts.unusedRecoveryCodes > 0) methods.push('recovery');

  if (facts.isDemo) {
    return {
      required: false,
      enrolled,
      methods,
      satisfied: true,
      enrolmentRequired: false,
      verificationRequired: false,
    };
  }
  if (enrolled) {
    return {
      required,
      enrolled,
      methods,
      satisfied: facts.sessionMfaPassed,
      enrolmentRequired: false,
      verificationRequired: !facts.sessionMfaPassed,
    };
  }
  return {
    required,
    enrolled,
    methods,
    satisfied: !required,
    enrolmentRequired: required,
    verificationRequired: false,
  };
}
