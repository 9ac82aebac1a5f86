import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatWarekiWithWestern } from '../../../shared/text/wareki.ts';
import {
  addDays,
  calculateDeadlines,
  type DeadlineInput,
  daysBetween,
  lastDayOfYears,
  tokyoNoon,
} from './contract-deadlines.ts';

const base: DeadlineInput = {
  contractDate: '2026-11-01',
  signer: 'family',
  salesMethod: 'visit',
  document: { kind: 'received', on: '2026-11-01' },
  today: '2026-11-01',
};

const run = (overrides: Partial<DeadlineInput>) => {
  const result = calculateDeadlines({ ...base, ...overrides });
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result;
};

describe('cooling-off (特定商取引法: the day of receipt is day 1)', () => {
  it('door-to-door, document on 11/1: day 8 (11/8) is the last day, day 9 (11/9) is too late', () => {
    const day8 = run({ today: '2026-11-08' }).coolingOff;
    expect(day8).toEqual({
      kind: 'open',
      periodDays: 8,
      startsOn: '2026-11-01',
      lastDay: '2026-11-08',
      daysLeft: 1,
    });
    const day9 = run({ today: '2026-11-09' }).coolingOff;
    expect(day9).toEqual({ kind: 'passed', periodDays: 8, startsOn: '2026-11-01', lastDay: '2026-11-08' });
    expect(run({ today: '2026-11-01' }).coolingOff).toMatchObject({ kind: 'open', daysLeft: 8 });
  });

  it('telephone sales have 8 days too', () => {
    expect(run({ salesMethod: 'phone', today: '2026-11-08' }).coolingOff).toMatchObject({ kind: 'open' });
    expect(run({ salesMethod: 'phone', today: '2026-11-09' }).coolingOff).toMatchObject({ kind: 'passed' });
  });

  it('特定継続的役務提供 (long-term services: エステ, 語学教室, 学習塾 …): 8 days from the contract document — day 8 open, day 9 passed', () => {
    const received = { kind: 'received', on: '2026-11-03' } as const;
    expect(
      run({ salesMethod: 'continuous_service', document: received, today: '2026-11-10' }).coolingOff,
    ).toEqual({ kind: 'open', periodDays: 8, startsOn: '2026-11-03', lastDay: '2026-11-10', daysLeft: 1 });
    expect(
      run({ salesMethod: 'continuous_service', document: received, today: '2026-11-11' }).coolingOff,
    ).toEqual({ kind: 'passed', periodDays: 8, startsOn: '2026-11-03', lastDay: '2026-11-10' });
    expect(
      run({ salesMethod: 'continuous_service', document: { kind: 'never' }, today: '2027-06-01' }).coolingOff,
    ).toEqual({ kind: 'not_started', periodDays: 8, reason: 'never' });
  });

  it('a document received late starts the period late: contract 11/1, document 11/20 → last day 11/27', () => {
    const late = run({ document: { kind: 'received', on: '2026-11-20' }, today: '2026-11-25' }).coolingOff;
    expect(late).toEqual({
      kind: 'open',
      periodDays: 8,
      startsOn: '2026-11-20',
      lastDay: '2026-11-27',
      daysLeft: 3,
    });
    expect(
      run({ document: { kind: 'received', on: '2026-11-20' }, today: '2026-11-28' }).coolingOff,
    ).toMatchObject({
      kind: 'passed',
    });
  });

  it('a document never received, or defective, means the period has not started — even years later', () => {
    expect(run({ document: { kind: 'never' }, today: '2029-05-01' }).coolingOff).toEqual({
      kind: 'not_started',
      periodDays: 8,
      reason: 'never',
    });
    expect(run({ document: { kind: 'defective' }, today: '2026-12-31' }).coolingOff).toEqual({
      kind: 'not_started',
      periodDays: 8,
      reason: 'defective',
    });
  });

  it('連鎖販売取引 and 業務提供誘引販売取引 have 20 days; other ways of selling have no cooling-off', () => {
    for (const salesMethod of ['multilevel', 'business_opportunity'] as const) {
      expect(run({ salesMethod, today: '2026-11-20' }).coolingOff).toMatchObject({
        kind: 'open',
        lastDay: '2026-11-20',
        daysLeft: 1,
      });
      expect(run({ salesMethod, today: '2026-11-21' }).coolingOff).toMatchObject({ kind: 'passed' });
    }
    expect(run({ salesMethod: 'other' }).coolingOff).toEqual({ kind: 'not_applicable' });
  });

  it('crosses month and year ends in calendar days (Asia/Tokyo dates, no clock involved)', () => {
    expect(
      run({
        contractDate: '2026-12-28',
        document: { kind: 'received', on: '2026-12-28' },
        today: '2027-01-04',
      }).coolingOff,
    ).toMatchObject({
      kind: 'open',
      lastDay: '2027-01-04',
    });
    expect(
      run({
        contractDate: '2028-02-25',
        document: { kind: 'received', on: '2028-02-25' },
        today: '2028-02-25',
      }).coolingOff,
    ).toMatchObject({
      lastDay: '2028-03-03',
    });
  });

  it('property: the last day is always day N counted from the day of receipt', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2090-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom('visit', 'phone', 'multilevel', 'business_opportunity') as fc.Arbitrary<
          DeadlineInput['salesMethod']
        >,
        (date, offset, salesMethod) => {
          const received = date.toISOString().slice(0, 10);
          const today = addDays(received, offset);
          const result = run({
            contractDate: received,
            document: { kind: 'received', on: received },
            salesMethod,
            today,
          });
          const c = result.coolingOff;
          if (c.kind !== 'open' && c.kind !== 'passed') throw new Error('expected a running period');
          expect(daysBetween(received, c.lastDay) + 1).toBe(c.periodDays);
          expect(c.kind === 'open').toBe(offset < c.periodDays);
          if (c.kind === 'open') expect(c.daysLeft).toBe(c.periodDays - offset);
        },
      ),
    );
  });
});

describe('rescission (消費者契約法 7条) and voidness', () => {
  it('at most 5 years from the contract: 2026-04-10 → 2031-04-10', () => {
    expect(lastDayOfYears('2026-04-10', 5)).toBe('2031-04-10');
    const r = run({
      contractDate: '2026-04-10',
      document: { kind: 'never' },
      today: '2031-04-10',
    }).rescission;
    expect(r).toMatchObject({ lastDay: '2031-04-10', status: 'open', daysLeft: 1, oneYearLastDay: null });
    expect(
      run({ contractDate: '2026-04-10', document: { kind: 'never' }, today: '2031-04-11' }).rescission.status,
    ).toBe('passed');
  });

  it('1 year from when it became possible, capped by the 5 years', () => {
    const r = run({
      contractDate: '2026-04-10',
      rescindableFrom: '2026-11-01',
      today: '2026-11-26',
    }).rescission;
    expect(r).toMatchObject({
      oneYearLastDay: '2027-11-01',
      lastDay: '2027-11-01',
      absoluteLastDay: '2031-04-10',
    });
    const capped = run({
      contractDate: '2026-04-10',
      rescindableFrom: '2030-12-01',
      today: '2030-12-02',
    }).rescission;
    expect(capped).toMatchObject({ oneYearLastDay: '2031-12-01', lastDay: '2031-04-10' });
  });

  it('periods starting on 28 or 29 February end on the last day of February when the year has no 29th', () => {
    expect(lastDayOfYears('2028-02-29', 5)).toBe('2033-02-28');
    expect(lastDayOfYears('2028-02-28', 5)).toBe('2033-02-28');
    expect(lastDayOfYears('2028-02-28', 4)).toBe('2032-02-28');
    expect(lastDayOfYears('2026-12-31', 1)).toBe('2027-12-31');
  });

  it('always says the contract may be void and whose right cooling-off is', () => {
    const r = run({ signer: 'family' });
    expect(r.mayBeVoid).toBe(true);
    expect(r.signer).toBe('family');
  });

  it('refuses impossible input instead of guessing', () => {
    expect(calculateDeadlines({ ...base, contractDate: '2026-02-30' })).toEqual({
      ok: false,
      errors: [{ field: 'contractDate', code: 'invalid' }],
    });
    expect(calculateDeadlines({ ...base, document: { kind: 'received', on: '2026-11-02' } })).toEqual({
      ok: false,
      errors: [{ field: 'documentDate', code: 'future' }],
    });
    expect(calculateDeadlines({ ...base, today: '2026-11-05', rescindableFrom: '2026-10-01' })).toEqual({
      ok: false,
      errors: [{ field: 'rescindableFrom', code: 'before_contract' }],
    });
  });

  it('dates print in 和暦 with the Western year, on the right day in Japan', () => {
    expect(formatWarekiWithWestern(tokyoNoon('2026-11-08'))).toBe('令和8年11月8日（2026年）');
    expect(formatWarekiWithWestern(tokyoNoon('2019-05-01'))).toBe('令和元年5月1日（2019年）');
  });
});
