import type { LocalScheme, NavigatorRule, RuleKind, WhereKind } from '../contracts/navigator.ts';

/**
 * The navigator's plan (issue 18): the person's answers + the national rule set + the town's local
 * schemes → the next steps, each with why it is shown, which requirements are met / not met /
 * unknown, its deadline as a date, where to go and what to bring. A pure function, run in the
 * browser: the answers never leave the device. Every answer is optional (each question can be
 * skipped); a skipped answer makes a requirement "unknown", never "not met".
 *
 * Dates are ISO `YYYY-MM-DD` calendar dates (no time zone): a deadline of N days "from" the day
 * coverage is lost counts that day as day 1 (国民健康保険: 資格喪失日から14日以内 → loss day + 13).
 */

export const REASONS = ['own_wish', 'contract_end', 'dismissal', 'illness', 'other'] as const;
export const HEALTH_INSURANCE = ['employee', 'national', 'dependant'] as const;
export const AGE_BANDS = ['15_29', '30_39', '40_49', '50_64', '65_plus'] as const;

export type Answers = {
  /** Filled in by a family member about the person who left work ("家族が仕事をやめて家にいる"). */
  mode?: 'self' | 'family';
  /** The last day of work, or not yet (about to leave). */
  lastDay?: { kind: 'date'; date: string } | { kind: 'not_yet' };
  reason?: (typeof REASONS)[number];
  /** Employment insurance: paid, for how many months (of the last 2 years), or not paid. */
  employmentInsurance?: { kind: 'yes'; months?: number } | { kind: 'no' };
  healthInsurance?: (typeof HEALTH_INSURANCE)[number];
  ageBand?: (typeof AGE_BANDS)[number];
  household?: 'alone' | 'with_family';
  worries?: { money?: boolean; health?: boolean };
  goingOutHard?: boolean;
};
export type QuestionId =
  | 'lastDay'
  | 'reason'
  | 'employmentInsurance'
  | 'healthInsurance'
  | 'ageBand'
  | 'household'
  | 'worries'
  | 'goingOutHard';

export type RequirementState = 'met' | 'not_met' | 'unknown';
/** A requirement, by code (the web catalogue words it) with its figure when it has one. */
export type Requirement = { code: string; state: RequirementState; value?: number };
/** "Shown because you answered …": which answer (and its value) led to the step. */
export type Because = { question: QuestionId | 'always'; value: string };

export type Step = {
  kind: RuleKind;
  rule: NavigatorRule;
  /** shown: part of the plan; maybe: shown, a requirement is unknown; not_applicable: listed apart. */
  relevance: 'recommended' | 'maybe' | 'not_applicable';
  because: Because[];
  requirements: Requirement[];
  /** The deadline: a date when the last day is known, else the rule (N days from the loss day). */
  deadline: { date: string | null; days: number } | null;
  /** Other dates and figures of the step (e.g. `receiptEnds`, `restrictionMonths`). */
  facts: { code: string; date?: string; value?: number }[];
  where: WhereKind;
  askAtWindow: boolean;
};

export type LocalStep = { scheme: LocalScheme };

export type Plan = {
  mode: 'self' | 'family';
  /** The last day of work when given; the day coverage ended is the day after. */
  lastDay: string | null;
  lossDate: string | null;
  /** The date the rules were chosen for (the last day, or today when it is not known). */
  referenceDate: string;
  steps: Step[];
  notApplicable: Step[];
  localSchemes: LocalStep[];
  /** Gentle steps come first when going out feels hard. */
  gentleFirst: boolean;
};

// ── calendar dates ──

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}
function toUtc(date: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}
export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** Calendar months later, the last day of the month when the day does not exist (1/31 + 1 month → 2/28). */
export function addMonths(date: string, months: number): string {
  const d = toUtc(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastOfMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastOfMonth));
  return target.toISOString().slice(0, 10);
}

/** The last day of an N-day period that starts on (and counts) `from`. */
export const deadlineFrom = (from: string, days: number) => addDays(from, days - 1);

/** The rule of a kind in force on a date (the latest-starting one when ranges touch). */
export function ruleInForce(
  rules: readonly NavigatorRule[],
  kind: RuleKind,
  on: string,
): NavigatorRule | null {
  const candidates = rules.filter(
    (r) => r.kind === kind && r.effectiveFrom <= on && (r.effectiveTo === null || on <= r.effectiveTo),
  );
  candidates.sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  return candidates[0] ?? null;
}

const param = (rule: NavigatorRule, name: string): number => {
  const value = rule.params[name];
  if (value === undefined) throw new Error(`rule ${rule.id} lacks the figure ${name}`);
  return value;
};

const AGE_RANGE: Record<(typeof AGE_BANDS)[number], [number, number]> = {
  '15_29': [15, 29],
  '30_39': [30, 39],
  '40_49': [40, 49],
  '50_64': [50, 64],
  '65_plus': [65, 200],
};
/** Whole band inside the range: met; whole band outside: not met; unanswered: unknown. */
export function ageRequirement(band: Answers['ageBand'], min: number, max: number): RequirementState {
  if (!band) return 'unknown';
  const [lo, hi] = AGE_RANGE[band];
  if (lo >= min && hi <= max) return 'met';
  if (hi < min || lo > max) return 'not_met';
  return 'unknown';
}

export type PlanInput = {
  answers: Answers;
  rules: readonly NavigatorRule[];
  localSchemes?: readonly LocalScheme[];
  /** Today in Japan (the page's date): used when no last day is given, and for windows measured from now. */
  today: string;
};

type Draft = Omit<Step, 'rule' | 'where' | 'askAtWindow' | 'kind'>;

export function buildPlan({ answers: a, rules, localSchemes = [], today }: PlanInput): Plan {
  const lastDay = a.lastDay?.kind === 'date' && isIsoDate(a.lastDay.date) ? a.lastDay.date : null;
  const lossDate = lastDay ? addDays(lastDay, 1) : null;
  const referenceDate = lastDay ?? today;
  const steps: Step[] = [];
  const because = {
    lastDay: (): Because[] =>
      a.lastDay
        ? [{ question: 'lastDay', value: a.lastDay.kind === 'date' ? a.lastDay.date : 'not_yet' }]
        : [],
    health: (): Because[] =>
      a.healthInsurance ? [{ question: 'healthInsurance', value: a.healthInsurance }] : [],
    reason: (): Because[] => (a.reason ? [{ question: 'reason', value: a.reason }] : []),
  };
  const deadline = (days: number) => ({ date: lossDate ? deadlineFrom(lossDate, days) : null, days });
  const add = (kind: RuleKind, draft: (rule: NavigatorRule) => Draft | null) => {
    const rule = ruleInForce(rules, kind, referenceDate);
    if (!rule) return;
    const made = draft(rule);
    if (made) steps.push({ kind, rule, where: rule.where, askAtWindow: rule.askAtWindow, ...made });
  };
  const relevanceOf = (requirements: Requirement[]): Step['relevance'] =>
    requirements.some((r) => r.state === 'not_met')
      ? 'not_applicable'
      : requirements.some((r) => r.state === 'unknown')
        ? 'maybe'
        : 'recommended';

  // Health insurance at work ended: the person had it (answered) or may have had it (skipped).
  const hadEmployeeInsurance: RequirementState =
    a.healthInsurance === undefined ? 'unknown' : a.healthInsurance === 'employee' ? 'met' : 'not_met';
  const months = a.employmentInsurance?.kind === 'yes' ? a.employmentInsurance.months : undefined;

  add('nhi_enrolment', (rule) => {
    const requirements: Requirement[] = [{ code: 'hadEmployeeInsurance', state: hadEmployeeInsurance }];
    return {
      relevance: relevanceOf(requirements),
      because: [...because.health(), ...because.lastDay()],
      requirements,
      deadline: deadline(param(rule, 'deadlineDays')),
      facts: [],
    };
  });
  add('pension_change', (rule) => {
    const requirements: Requirement[] = [{ code: 'hadEmployeePension', state: hadEmployeeInsurance }];
    const facts = a.household === 'with_family' ? [{ code: 'spouseToo' }] : [];
    return {
      relevance: relevanceOf(requirements),
      because: [...because.health(), ...because.lastDay()],
      requirements,
      deadline: deadline(param(rule, 'deadlineDays')),
      facts,
    };
  });
  add('voluntary_continuation', (rule) => {
    const min = param(rule, 'minInsuredMonths');
    const insured: RequirementState = months === undefined ? 'unknown' : months >= min ? 'met' : 'not_met';
    const requirements: Requirement[] = [
      { code: 'hadEmployeeInsurance', state: hadEmployeeInsurance },
      { code: 'insuredMonthsAtLeast', state: insured, value: min },
    ];
    return {
      relevance: relevanceOf(requirements),
      because: because.health(),
      requirements,
      deadline: deadline(param(rule, 'deadlineDays')),
      facts: [{ code: 'maxYears', value: param(rule, 'maxYears') }],
    };
  });
  add('dependant', () => {
    const requirements: Requirement[] = [
      { code: 'hadEmployeeInsurance', state: hadEmployeeInsurance },
      {
        code: 'livesWithFamily',
        state: a.household === undefined ? 'unknown' : a.household === 'with_family' ? 'met' : 'not_met',
      },
      { code: 'incomeConditions', state: 'unknown' },
    ];
    return {
      relevance: relevanceOf(requirements),
      because: [
        ...because.health(),
        ...(a.household ? [{ question: 'household' as const, value: a.household }] : []),
      ],
      requirements,
      deadline: null,
      facts: [],
    };
  });

  // Employment insurance.
  const paid: RequirementState =
    a.employmentInsurance === undefined
      ? 'unknown'
      : a.employmentInsurance.kind === 'yes'
        ? 'met'
        : 'not_met';
  const special = a.reason === 'dismissal';
  let uiEligible: RequirementState = 'unknown';
  add('ui_basic_allowance', (rule) => {
    const normal = param(rule, 'minInsuredMonths');
    const reduced = param(rule, 'minInsuredMonthsSpecial');
    const needed = special ? reduced : normal;
    let insured: RequirementState = paid === 'not_met' ? 'not_met' : 'unknown';
    if (months !== undefined) insured = months >= needed ? 'met' : 'not_met';
    // A contract end may count as a "specified reason" (6 months): between 6 and 11 months it is unknown.
    if (a.reason === 'contract_end' && months !== undefined && months >= reduced && months < normal)
      insured = 'unknown';
    uiEligible = insured;
    const requirements: Requirement[] = [
      { code: 'employmentInsurancePaid', state: paid },
      {
        code: special ? 'insuredMonthsInYear' : 'insuredMonthsInTwoYears',
        state: insured,
        value: needed,
      },
    ];
    const facts: Step['facts'] = [{ code: 'waitingDays', value: param(rule, 'waitingDays') }];
    if (lossDate)
      facts.push({
        code: 'receiptEnds',
        date: addDays(addMonths(lossDate, param(rule, 'receiptMonths')), -1),
      });
    if (a.reason === 'own_wish') {
      const restriction = ruleInForce(rules, 'ui_voluntary_restriction', referenceDate);
      if (restriction) {
        facts.push({ code: 'restrictionMonths', value: param(restriction, 'restrictionMonths') });
        facts.push({ code: 'thirdTimeMonths', value: param(restriction, 'thirdTimeMonths') });
        facts.push({
          code: 'restrictionRule',
          value: restriction.effectiveFrom >= '2025-04-01' ? 2025 : 2020,
        });
      }
    }
    return {
      relevance: relevanceOf(requirements),
      because: [
        ...(a.employmentInsurance
          ? [
              {
                question: 'employmentInsurance' as const,
                value:
                  a.employmentInsurance.kind === 'yes' ? `yes:${a.employmentInsurance.months ?? ''}` : 'no',
              },
            ]
          : []),
        ...because.reason(),
      ],
      requirements,
      deadline: null,
      facts,
    };
  });
  add('ui_separation_notice', (rule) => {
    if (paid === 'not_met' || a.lastDay?.kind !== 'date') return null;
    return {
      relevance: 'maybe',
      because: because.lastDay(),
      requirements: [],
      deadline: null,
      facts: lossDate
        ? [{ code: 'employerFilesBy', date: deadlineFrom(lossDate, param(rule, 'employerFilingDays')) }]
        : [],
    };
  });
  const unwell = a.reason === 'illness' || a.worries?.health === true;
  add('ui_period_extension', (rule) => {
    if (!unwell || paid === 'not_met') return null;
    return {
      relevance: 'maybe',
      because: [
        ...because.reason(),
        ...(a.worries?.health ? [{ question: 'worries' as const, value: 'health' }] : []),
      ],
      requirements: [
        { code: 'unableToWorkDays', state: 'unknown', value: param(rule, 'minDaysUnableToWork') },
      ],
      deadline: null,
      facts: [{ code: 'extensionYearsMax', value: param(rule, 'extensionYearsMax') }],
    };
  });
  add('sickness_allowance_continuation', (rule) => {
    if (!unwell) return null;
    const min = param(rule, 'minInsuredMonths');
    const requirements: Requirement[] = [
      { code: 'hadEmployeeInsurance', state: hadEmployeeInsurance },
      {
        code: 'insuredMonthsAtLeast',
        state: months === undefined ? 'unknown' : months >= min ? 'met' : 'not_met',
        value: min,
      },
      { code: 'receivingWhenLeaving', state: 'unknown' },
    ];
    return {
      relevance: relevanceOf(requirements),
      because: [
        ...because.reason(),
        ...(a.worries?.health ? [{ question: 'worries' as const, value: 'health' }] : []),
      ],
      requirements,
      deadline: null,
      facts: [],
    };
  });
  add('job_seeker_support', (rule) => {
    const without: RequirementState =
      uiEligible === 'not_met' ? 'met' : uiEligible === 'met' ? 'not_met' : 'unknown';
    const requirements: Requirement[] = [
      { code: 'noEmploymentInsuranceBenefit', state: without },
      { code: 'incomeAndAssetConditions', state: 'unknown' },
    ];
    return {
      relevance: relevanceOf(requirements),
      because: a.employmentInsurance
        ? [
            {
              question: 'employmentInsurance',
              value: a.employmentInsurance.kind === 'yes' ? `yes:${months ?? ''}` : 'no',
            },
          ]
        : [],
      requirements,
      deadline: null,
      facts: [{ code: 'monthlyAllowanceYen', value: param(rule, 'monthlyAllowanceYen') }],
    };
  });

  // Money and daily life: the self-reliance window takes anyone.
  const money = a.worries?.money;
  add('pension_exemption', () => ({
    relevance: 'maybe',
    because: money ? [{ question: 'worries', value: 'money' }] : because.lastDay(),
    requirements: [{ code: 'proofOfLeaving', state: 'unknown' }],
    deadline: null,
    facts: [],
  }));
  add('jiritsu_consultation', () => ({
    relevance: 'recommended',
    because: money ? [{ question: 'worries', value: 'money' }] : [{ question: 'always', value: 'anyone' }],
    requirements: [],
    deadline: null,
    facts: [],
  }));
  add('housing_benefit', (rule) => {
    if (money === false) return null;
    const years = param(rule, 'withinYears');
    const limit = lossDate ? addDays(addMonths(lossDate, years * 12), -1) : null;
    const within: RequirementState = limit === null ? 'unknown' : today <= limit ? 'met' : 'not_met';
    const requirements: Requirement[] = [
      { code: 'withinYearsOfLosingWork', state: within, value: years },
      { code: 'incomeAndAssetConditions', state: 'unknown' },
    ];
    return {
      relevance: relevanceOf(requirements),
      because: money ? [{ question: 'worries', value: 'money' }] : [],
      requirements,
      deadline: null,
      facts: limit ? [{ code: 'applyUntil', date: limit }] : [],
    };
  });
  add('public_assistance', () =>
    money
      ? {
          relevance: 'maybe',
          because: [{ question: 'worries', value: 'money' }],
          requirements: [],
          deadline: null,
          facts: [],
        }
      : null,
  );
  add('labour_consultation', () =>
    a.reason === 'dismissal' || a.reason === 'contract_end' || a.reason === 'other'
      ? { relevance: 'recommended', because: because.reason(), requirements: [], deadline: null, facts: [] }
      : null,
  );
  add('saposute', (rule) => {
    const requirements: Requirement[] = [
      {
        code: 'ageBetween',
        state: ageRequirement(a.ageBand, param(rule, 'minAge'), param(rule, 'maxAge')),
        value: param(rule, 'maxAge'),
      },
    ];
    return {
      relevance: relevanceOf(requirements),
      because: a.ageBand ? [{ question: 'ageBand', value: a.ageBand }] : [],
      requirements,
      deadline: null,
      facts: [
        { code: 'minAge', value: param(rule, 'minAge') },
        { code: 'maxAge', value: param(rule, 'maxAge') },
      ],
    };
  });
  add('mental_health_lines', () => ({
    relevance: 'recommended',
    because: [
      ...(a.worries?.health ? [{ question: 'worries' as const, value: 'health' }] : []),
      ...(a.goingOutHard ? [{ question: 'goingOutHard' as const, value: 'yes' }] : []),
      ...(a.worries?.health || a.goingOutHard ? [] : [{ question: 'always' as const, value: 'anyone' }]),
    ],
    requirements: [],
    deadline: null,
    facts: [],
  }));

  // Deadlines first (earliest first), then the rest in the rule set's order; stable.
  const order = new Map(rules.map((r, i) => [r.id, i]));
  const shown = steps
    .filter((s) => s.relevance !== 'not_applicable')
    .sort((x, y) => {
      const dx = x.deadline ? (x.deadline.date ?? `~${String(x.deadline.days).padStart(4, '0')}`) : '~~';
      const dy = y.deadline ? (y.deadline.date ?? `~${String(y.deadline.days).padStart(4, '0')}`) : '~~';
      return (dx < dy ? -1 : dx > dy ? 1 : 0) || (order.get(x.rule.id) ?? 0) - (order.get(y.rule.id) ?? 0);
    });
  const localInForce = localSchemes.filter(
    (s) => s.effectiveFrom <= today && (s.effectiveTo === null || today <= s.effectiveTo),
  );
  return {
    mode: a.mode ?? 'self',
    lastDay,
    lossDate,
    referenceDate,
    steps: shown,
    notApplicable: steps.filter((s) => s.relevance === 'not_applicable'),
    localSchemes: localInForce.map((scheme) => ({ scheme })),
    gentleFirst: a.goingOutHard === true,
  };
}

/** The deadlines of a plan as iCalendar text (all-day events), built in the browser. */
export function deadlinesIcs(
  plan: Plan,
  titleOf: (step: Step) => string,
  options: { stamp: string; calendarName: string },
): string {
  const esc = (s: string) =>
    s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
  const compact = (date: string) => date.replace(/-/g, '');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tsunagari//Navigator//JA',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${esc(options.calendarName)}`,
  ];
  for (const step of plan.steps) {
    const date = step.deadline?.date;
    if (!date) continue;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${step.rule.id}-${compact(date)}@tsunagari.navigator`,
      `DTSTAMP:${options.stamp}`,
      `DTSTART;VALUE=DATE:${compact(date)}`,
      `DTEND;VALUE=DATE:${compact(addDays(date, 1))}`,
      `SUMMARY:${esc(titleOf(step))}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}
