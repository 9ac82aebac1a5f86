import { HELPLINES, type Helpline } from '../../shared/helplines.ts';

/**
 * National numbers shown to everyone, exactly as BRIEF "Numbers to show people" lists them, with
 * their hours and cost (the data lives in shared/helplines.ts so the server's "open now" agrees).
 * Never add a number that is not in the brief: a wrong number on a crisis page does harm.
 */
export type NationalNumber = Helpline;

export const NATIONAL_NUMBERS: readonly NationalNumber[] = HELPLINES;

/**
 * `tel:` URI (RFC 3966) of a printed number: digits and `#` only, with `#` percent-encoded
 * because a raw `#` would start a URL fragment.
 */
export function telHref(display: string): string {
  const dialable = display.normalize('NFKC').replace(/[^0-9#*+]/g, '');
  return `tel:${dialable.replace(/#/g, '%23')}`;
}
