import { describe, expect, it } from 'vitest';
import { isRuleError, parseRrule } from '../../../../shared/opening-hours.ts';
import { choiceOf, ruleOf } from './OpeningHoursPicker.tsx';

const parsed = (rule: string) => {
  const p = parseRrule(rule);
  if (isRuleError(p)) throw new Error(p.en);
  return p;
};

describe('opening days in words ↔ the stored rule', () => {
  it('round-trips every rule the words can say', () => {
    for (const rule of [
      'FREQ=WEEKLY;BYDAY=MO,WE,FR',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
      'FREQ=MONTHLY;BYDAY=2SA',
      'FREQ=MONTHLY;BYDAY=1WE,3WE',
      'FREQ=MONTHLY;BYDAY=-1FR',
      'FREQ=MONTHLY;BYDAY=1MO,3MO,1TH,3TH',
    ]) {
      const choice = choiceOf(parsed(rule));
      expect(choice, rule).not.toBeNull();
      expect(ruleOf(choice!)).toBe(rule);
    }
  });

  it('leaves to the advanced field what the words cannot say, and writes nothing for an incomplete choice', () => {
    expect(choiceOf(parsed('FREQ=MONTHLY;BYDAY=1WE,3FR'))).toBeNull();
    expect(choiceOf(parsed('FREQ=WEEKLY;INTERVAL=3;BYDAY=MO'))).toBeNull();
    expect(ruleOf({ repeat: 'weekly', days: [], weeks: [] })).toBeNull();
    expect(ruleOf({ repeat: 'monthly', days: ['WE'], weeks: [] })).toBeNull();
    // Days are written in calendar order whatever order they were ticked in.
    expect(ruleOf({ repeat: 'weekly', days: ['FR', 'MO'], weeks: [] })).toBe('FREQ=WEEKLY;BYDAY=MO,FR');
  });
});
