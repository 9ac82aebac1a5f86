import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NavigatorRule } from '../contracts/navigator.ts';
import {
  type Answers,
  addDays,
  addMonths,
  ageRequirement,
  buildPlan,
  deadlineFrom,
  deadlinesIcs,
  ruleInForce,
} from './plan.ts';
import { STARTING_RULES } from './starting-rules.ts';

const today = '2026-04-02';
const plan = (answers: Answers, on = today) => buildPlan({ answers, rules: STARTING_RULES, today: on });
const step = (answers: Answers, kind: string, on = today) => {
  const p = plan(answers, on);
  return [...p.steps, ...p.notApplicable].find((s) => s.kind === kind);
};
const left = (date: string): Answers['lastDay'] => ({ kind: 'date', date });

describe('the starting rule set', () => {
  it('is valid data: every rule parses, has a source, a checked-on date and its three texts', () => {
    for (const rule of STARTING_RULES) {
      expect(() => NavigatorRule.parse(rule), rule.id).not.toThrow();
      expect(rule.source.url).toMatch(/^https:\/\//);
      expect(rule.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(new Set(STARTING_RULES.map((r) => r.id)).size).toBe(STARTING_RULES.length);
  });
});

describe('deadlines counted from the day coverage is lost (the day after the last day of work)', () => {
  it('pins the example: last day 2026-03-31 → 国民健康保険 and 国民年金 by 2026-04-14, 任意継続 by 2026-04-20', () => {
    const p = plan({
      lastDay: left('2026-03-31'),
      healthInsurance: 'employee',
      employmentInsurance: { kind: 'yes', months: 24 },
    });
    expect(p.lossDate).toBe('2026-04-01');
    expect(p.steps.slice(0, 2).map((s) => [s.kind, s.deadline?.date])).toEqual([
      ['nhi_enrolment', '2026-04-14'],
      ['pension_change', '2026-04-14'],
    ]);
    expect(p.steps.find((s) => s.kind === 'voluntary_continuation')?.deadline?.date).toBe('2026-04-20');
  });

  it('the 14-day deadline: day 14 is the last day, day 15 is not', () => {
    expect(deadlineFrom('2026-04-01', 14)).toBe('2026-04-14');
    expect(deadlineFrom('2026-04-01', 14)).not.toBe('2026-04-15');
    // Across a month end and a leap day.
    expect(step({ lastDay: left('2028-02-27') }, 'nhi_enrolment')?.deadline?.date).toBe('2028-03-12');
    expect(step({ lastDay: left('2027-02-27') }, 'nhi_enrolment')?.deadline?.date).toBe('2027-03-13');
    expect(step({ lastDay: left('2026-12-31') }, 'pension_change')?.deadline?.date).toBe('2027-01-14');
  });

  it('the 20-day deadline of 任意継続', () => {
    expect(step({ lastDay: left('2026-12-31') }, 'voluntary_continuation')?.deadline?.date).toBe(
      '2027-01-20',
    );
    expect(step({ lastDay: left('2026-04-30') }, 'voluntary_continuation')?.deadline?.date).toBe(
      '2026-05-20',
    );
  });

  it('任意継続 needs 2 months of insurance: 1 month → not applicable, 2 → met, skipped → unknown', () => {
    const base: Answers = { lastDay: left('2026-03-31'), healthInsurance: 'employee' };
    expect(
      step({ ...base, employmentInsurance: { kind: 'yes', months: 1 } }, 'voluntary_continuation')?.relevance,
    ).toBe('not_applicable');
    expect(
      step({ ...base, employmentInsurance: { kind: 'yes', months: 2 } }, 'voluntary_continuation')?.relevance,
    ).toBe('recommended');
    expect(step(base, 'voluntary_continuation')?.relevance).toBe('maybe');
  });

  it('without a last day ("not yet"), deadlines are rules (N days), not dates', () => {
    const p = plan({ lastDay: { kind: 'not_yet' } });
    expect(p.steps[0]?.deadline).toEqual({ date: null, days: 14 });
    expect(p.lossDate).toBeNull();
  });

  it('property: every deadline is on or after the loss day and at most 19 days after it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-04-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        (d) => {
          const lastDay = d.toISOString().slice(0, 10);
          const p = plan(
            {
              lastDay: left(lastDay),
              healthInsurance: 'employee',
              employmentInsurance: { kind: 'yes', months: 12 },
            },
            lastDay,
          );
          for (const s of p.steps) {
            if (!s.deadline?.date) continue;
            expect(s.deadline.date > lastDay).toBe(true);
            expect(s.deadline.date <= addDays(lastDay, 20)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('employment insurance', () => {
  const base: Answers = { lastDay: left('2026-03-31'), reason: 'own_wish' };
  it('insured 11 vs 12 months (2 years before leaving)', () => {
    const eleven = step({ ...base, employmentInsurance: { kind: 'yes', months: 11 } }, 'ui_basic_allowance');
    const twelve = step({ ...base, employmentInsurance: { kind: 'yes', months: 12 } }, 'ui_basic_allowance');
    expect(eleven?.relevance).toBe('not_applicable');
    expect(eleven?.requirements.find((r) => r.code === 'insuredMonthsInTwoYears')).toEqual({
      code: 'insuredMonthsInTwoYears',
      state: 'not_met',
      value: 12,
    });
    expect(twelve?.relevance).toBe('recommended');
    // Without insurance benefit, 求職者支援制度 is offered instead.
    expect(
      step({ ...base, employmentInsurance: { kind: 'yes', months: 11 } }, 'job_seeker_support')
        ?.requirements[0]?.state,
    ).toBe('met');
    expect(
      step({ ...base, employmentInsurance: { kind: 'yes', months: 12 } }, 'job_seeker_support')?.relevance,
    ).toBe('not_applicable');
  });

  it('after a dismissal 6 months in 1 year suffice: 5 → not met, 6 → met', () => {
    const d: Answers = { ...base, reason: 'dismissal' };
    expect(
      step({ ...d, employmentInsurance: { kind: 'yes', months: 5 } }, 'ui_basic_allowance')?.relevance,
    ).toBe('not_applicable');
    expect(
      step({ ...d, employmentInsurance: { kind: 'yes', months: 6 } }, 'ui_basic_allowance')?.relevance,
    ).toBe('recommended');
  });

  it('the voluntary-leaver restriction: 2 months for leavings up to 2025-03-31, 1 month from 2025-04-01', () => {
    const months = (lastDay: string) =>
      step(
        { ...base, lastDay: left(lastDay), employmentInsurance: { kind: 'yes', months: 24 } },
        'ui_basic_allowance',
        lastDay,
      )?.facts.find((f) => f.code === 'restrictionMonths')?.value;
    expect(months('2025-03-31')).toBe(2);
    expect(months('2025-04-01')).toBe(1);
    expect(ruleInForce(STARTING_RULES, 'ui_voluntary_restriction', '2025-03-31')?.id).toBe(
      'ui_voluntary_restriction_2020',
    );
    expect(ruleInForce(STARTING_RULES, 'ui_voluntary_restriction', '2025-04-01')?.id).toBe(
      'ui_voluntary_restriction_2025',
    );
    // A dismissal has no such restriction.
    expect(
      step(
        { ...base, reason: 'dismissal', employmentInsurance: { kind: 'yes', months: 24 } },
        'ui_basic_allowance',
      )?.facts.some((f) => f.code === 'restrictionMonths'),
    ).toBe(false);
  });

  it('receipt within 1 year from the day after leaving; 7-day waiting; 離職票 filed within 10 days', () => {
    const s = step({ ...base, employmentInsurance: { kind: 'yes', months: 24 } }, 'ui_basic_allowance');
    expect(s?.facts).toEqual(
      expect.arrayContaining([
        { code: 'receiptEnds', date: '2027-03-31' },
        { code: 'waitingDays', value: 7 },
      ]),
    );
    expect(step(base, 'ui_separation_notice')?.facts).toEqual([
      { code: 'employerFilesBy', date: '2026-04-10' },
    ]);
  });

  it('illness: the extension (up to 3 years) and 傷病手当金 after 12 (not 11) months', () => {
    const ill: Answers = { ...base, reason: 'illness', healthInsurance: 'employee' };
    expect(
      step({ ...ill, employmentInsurance: { kind: 'yes', months: 12 } }, 'ui_period_extension')?.facts,
    ).toEqual([{ code: 'extensionYearsMax', value: 3 }]);
    expect(
      step({ ...ill, employmentInsurance: { kind: 'yes', months: 11 } }, 'sickness_allowance_continuation')
        ?.relevance,
    ).toBe('not_applicable');
    expect(
      step({ ...ill, employmentInsurance: { kind: 'yes', months: 12 } }, 'sickness_allowance_continuation')
        ?.relevance,
    ).toBe('maybe');
    expect(step(base, 'sickness_allowance_continuation')).toBeUndefined();
  });
});

describe('living and consultation', () => {
  it('サポステ: age band up to 49 is met, from 50 not met, skipped unknown', () => {
    expect(ageRequirement('40_49', 15, 49)).toBe('met');
    expect(ageRequirement('50_64', 15, 49)).toBe('not_met');
    expect(step({ ageBand: '40_49' }, 'saposute')?.relevance).toBe('recommended');
    expect(step({ ageBand: '50_64' }, 'saposute')?.relevance).toBe('not_applicable');
    expect(step({}, 'saposute')?.relevance).toBe('maybe');
  });

  it('住居確保給付金 within 2 years of losing work: the last day of the window is met, the day after not', () => {
    const a: Answers = { lastDay: left('2026-03-31'), worries: { money: true } };
    expect(step(a, 'housing_benefit', '2028-03-31')?.requirements[0]?.state).toBe('met');
    expect(step(a, 'housing_benefit', '2028-04-01')?.requirements[0]?.state).toBe('not_met');
    expect(step(a, 'public_assistance')?.where).toBe('welfare_office');
    expect(step({ worries: { money: false } }, 'housing_benefit')).toBeUndefined();
  });

  it('the self-reliance window takes anyone; dismissal leads to the labour corner; the spouse switches too', () => {
    expect(step({}, 'jiritsu_consultation')?.because).toEqual([{ question: 'always', value: 'anyone' }]);
    expect(step({ reason: 'dismissal' }, 'labour_consultation')?.relevance).toBe('recommended');
    expect(step({ reason: 'own_wish' }, 'labour_consultation')).toBeUndefined();
    expect(step({ household: 'with_family' }, 'pension_change')?.facts).toEqual([{ code: 'spouseToo' }]);
  });

  it('a skipped answer is unknown, never not met; gentle steps first when going out is hard', () => {
    const p = plan({ goingOutHard: true });
    expect(p.notApplicable).toEqual([]);
    expect(p.gentleFirst).toBe(true);
    expect(p.steps.find((s) => s.kind === 'nhi_enrolment')?.requirements[0]?.state).toBe('unknown');
  });

  it('local schemes appear only while in force', () => {
    const scheme = {
      id: '00000000-0000-4000-8000-000000000001',
      title: 't',
      summary: 's',
      topic: 'living' as const,
      where: 'jiritsu_soudan' as const,
      bring: [],
      effectiveFrom: '2026-04-01',
      effectiveTo: '2026-04-30',
      source: { title: 'x', url: 'https://example.org' },
      checkedOn: '2026-03-01',
    };
    const run = (on: string) =>
      buildPlan({ answers: {}, rules: STARTING_RULES, localSchemes: [scheme], today: on }).localSchemes
        .length;
    expect([run('2026-03-31'), run('2026-04-01'), run('2026-04-30'), run('2026-05-01')]).toEqual([
      0, 1, 1, 0,
    ]);
  });
});

describe('calendar helpers', () => {
  it('adds months at month ends', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-04-01', 12)).toBe('2028-04-01');
  });
  it('builds an iCalendar file of the dated deadlines only', () => {
    const p = plan({ lastDay: left('2026-03-31'), healthInsurance: 'employee' });
    const ics = deadlinesIcs(p, (s) => s.rule.title, { stamp: '20260402T000000Z', calendarName: 'つながり' });
    expect(ics).toContain('DTSTART;VALUE=DATE:20260414');
    expect(ics).toContain('SUMMARY:国民健康保険に入る');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
  });
});
