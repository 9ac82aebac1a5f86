import { describe, expect, it } from 'vitest';
import { NATIONAL_NUMBERS, telHref } from './national-numbers.ts';

describe('national numbers', () => {
  it('are exactly the ones BRIEF lists, in order', () => {
    expect(NATIONAL_NUMBERS.map((n) => n.display)).toEqual([
      '110',
      '119',
      '#9110',
      '188',
      '189',
      '0570-064-556',
      '0120-279-338',
    ]);
  });

  it('become dialable tel: URIs, # percent-encoded', () => {
    expect(telHref('#9110')).toBe('tel:%239110');
    expect(telHref('0570-064-556')).toBe('tel:0570064556');
    expect(telHref('０００-００００-１０１０')).toBe('tel:00000001010');
    expect(telHref('(055) 000-1234')).toBe('tel:0550001234');
  });
});
