/**
 * Per-record rules of the navigator (pure; called first in each use case, unit-tested).
 *
 * National rules: a published version is never edited; a change is a new version, in force from a
 * date that is today or later (what a person was shown yesterday stays explainable) and after the
 * latest version already scheduled (versions take effect in the order they were made).
 */
export type Decision =
  | { allowed: true }
  | { allowed: false; reason: 'effective_in_past' | 'not_after_latest' };

export function mayPublishRuleSet(input: {
  effectiveFrom: string;
  today: string;
  latestEffectiveFrom: string | null;
}): Decision {
  if (input.effectiveFrom < input.today) return { allowed: false, reason: 'effective_in_past' };
  if (input.latestEffectiveFrom !== null && input.effectiveFrom <= input.latestEffectiveFrom)
    return { allowed: false, reason: 'not_after_latest' };
  return { allowed: true };
}

/** The version in force on a day: the latest-numbered one whose date has come. */
export function versionInForce<T extends { version: number; effectiveFrom: string }>(
  versions: readonly T[],
  on: string,
): T | null {
  let found: T | null = null;
  for (const v of versions) if (v.effectiveFrom <= on && (!found || v.version > found.version)) found = v;
  return found;
}

export function stateOf(
  version: { version: number; effectiveFrom: string },
  inForce: { version: number } | null,
  today: string,
): 'in_force' | 'scheduled' | 'superseded' {
  if (inForce && version.version === inForce.version) return 'in_force';
  return version.effectiveFrom > today ? 'scheduled' : 'superseded';
}

/**
 * A local window may link only to a published directory entry of the same municipality (ハローワーク
 * and サポステ are entered as places by the town; the navigator points at them, never copies them).
 */
export function mayLinkPlace(place: { municipalityCode: string } | null, tenant: string): boolean {
  return place !== null && place.municipalityCode === tenant;
}
