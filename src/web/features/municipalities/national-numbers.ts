/**
 * National numbers shown to everyone, exactly as BRIEF "Numbers to show people" lists them.
 * Never add a number here that is not in the brief: a wrong number on a crisis page does harm.
 */
export type NationalNumber = {
  id: 'police' | 'fire' | 'policeConsultation' | 'consumer' | 'childAbuse' | 'mentalHealth' | 'yorisoi';
  /** As printed. */
  display: string;
  group: 'emergency' | 'consult';
};

export const NATIONAL_NUMBERS: readonly NationalNumber[] = [
  { id: 'police', display: '110', group: 'emergency' },
  { id: 'fire', display: '119', group: 'emergency' },
  { id: 'policeConsultation', display: '#9110', group: 'consult' },
  { id: 'consumer', display: '188', group: 'consult' },
  { id: 'childAbuse', display: '189', group: 'consult' },
  { id: 'mentalHealth', display: '0570-064-556', group: 'consult' },
  { id: 'yorisoi', display: '0120-279-338', group: 'consult' },
];

/**
 * `tel:` URI (RFC 3966) of a printed number: digits and `#` only, with `#` percent-encoded
 * because a raw `#` would start a URL fragment.
 */
export function telHref(display: string): string {
  const dialable = display.normalize('NFKC').replace(/[^0-9#*+]/g, '');
  return `tel:${dialable.replace(/#/g, '%23')}`;
}
