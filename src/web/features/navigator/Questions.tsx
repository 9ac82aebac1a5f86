import './i18n.ts';
import { type FormEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGE_BANDS,
  type Answers,
  HEALTH_INSURANCE,
  type QuestionId,
  REASONS,
} from '../../../shared/navigator/plan.ts';
import { RadioGroup } from '../../ui/Fields.tsx';
import {
  checkboxClass,
  inputClass,
  linkClass,
  primaryButtonClass,
  secondaryButtonClass,
} from '../../ui/styles.ts';

/** At most eight questions, every one skippable (issue 18). */
export const QUESTIONS: readonly QuestionId[] = [
  'lastDay',
  'reason',
  'employmentInsurance',
  'healthInsurance',
  'ageBand',
  'household',
  'worries',
  'goingOutHard',
];

/**
 * One question at a time: 次へ keeps the answer, "この質問はとばす" clears it, and the plan can be
 * seen at any point. Focus moves to the question's heading when it changes (screen readers hear it).
 * Nothing is written anywhere but React state.
 */
export function Questions({
  index,
  answers,
  onChange,
  onNext,
  onSkip,
  onBack,
  onShowPlan,
}: {
  index: number;
  answers: Answers;
  onChange: (next: Answers) => void;
  onNext: () => void;
  onSkip: () => void;
  onBack: () => void;
  onShowPlan: () => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const question = QUESTIONS[index]!;
  const who = t(`navigator.who.${answers.mode ?? 'self'}`);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new question (index) moves the focus to its heading.
  useEffect(() => {
    heading.current?.focus();
  }, [index]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onNext();
  };

  return (
    <form
      noValidate
      onSubmit={submit}
      className="flex flex-col gap-6"
      aria-labelledby="navigator-question-heading"
    >
      <h2
        id="navigator-question-heading"
        ref={heading}
        tabIndex={-1}
        className="text-std-20B-150 text-solid-gray-900"
      >
        {t('navigator.q.progress', { n: index + 1, total: QUESTIONS.length })}
      </h2>
      <QuestionFields question={question} answers={answers} onChange={onChange} who={who} />
      <div className="flex flex-wrap items-center gap-4">
        <button id="nav-next" type="submit" className={primaryButtonClass}>
          {index === QUESTIONS.length - 1 ? t('navigator.q.showPlan') : t('navigator.q.next')}
        </button>
        <button id="nav-skip" type="button" className={secondaryButtonClass} onClick={onSkip}>
          {t('navigator.q.skip')}
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        {index > 0 && (
          <button type="button" className={`${linkClass} min-h-11`} onClick={onBack}>
            {t('navigator.q.back')}
          </button>
        )}
        {index < QUESTIONS.length - 1 && (
          <button type="button" className={`${linkClass} min-h-11`} onClick={onShowPlan}>
            {t('navigator.q.showPlan')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Clears the answer of one question (skipping it). */
export function withoutAnswer(answers: Answers, question: QuestionId): Answers {
  const next = { ...answers };
  delete next[question === 'goingOutHard' ? 'goingOutHard' : question];
  return next;
}

function QuestionFields({
  question,
  answers: a,
  onChange,
  who,
}: {
  question: QuestionId;
  answers: Answers;
  onChange: (next: Answers) => void;
  who: string;
}) {
  const { t } = useTranslation();
  switch (question) {
    case 'lastDay': {
      const kind = a.lastDay?.kind;
      const date = a.lastDay?.kind === 'date' ? a.lastDay.date : '';
      return (
        <div className="flex flex-col gap-3">
          <RadioGroup
            id="nav-lastDay"
            legend={t('navigator.q.lastDay.legend', { who })}
            value={kind}
            onChange={(v) =>
              onChange({ ...a, lastDay: v === 'not_yet' ? { kind: 'not_yet' } : { kind: 'date', date } })
            }
            options={[
              { value: 'date' as const, label: t('navigator.q.lastDay.date') },
              { value: 'not_yet' as const, label: t('navigator.q.lastDay.notYet') },
            ]}
          />
          {kind === 'date' && (
            <div className="flex max-w-xs flex-col gap-2 pl-9">
              <label htmlFor="nav-lastDay-day" className="text-std-16B-170">
                {t('navigator.q.lastDay.dateLabel')}
              </label>
              <input
                id="nav-lastDay-day"
                type="date"
                className={inputClass}
                // Uncontrolled: while a date is typed field by field its value is '' until complete, and a
                // controlled '' would clear the fields already typed.
                defaultValue={date}
                onChange={(e) => onChange({ ...a, lastDay: { kind: 'date', date: e.target.value } })}
              />
            </div>
          )}
        </div>
      );
    }
    case 'reason':
      return (
        <RadioGroup
          id="nav-reason"
          legend={t('navigator.q.reason.legend')}
          value={a.reason}
          onChange={(v) => onChange({ ...a, reason: v })}
          options={REASONS.map((r) => ({ value: r, label: t(`navigator.q.reason.${r}`) }))}
        />
      );
    case 'employmentInsurance': {
      const kind = a.employmentInsurance?.kind;
      const months = a.employmentInsurance?.kind === 'yes' ? a.employmentInsurance.months : undefined;
      return (
        <div className="flex flex-col gap-3">
          <RadioGroup
            id="nav-ei"
            legend={t('navigator.q.employmentInsurance.legend')}
            value={kind}
            onChange={(v) =>
              onChange({ ...a, employmentInsurance: v === 'yes' ? { kind: 'yes' } : { kind: 'no' } })
            }
            options={[
              { value: 'yes' as const, label: t('navigator.q.employmentInsurance.yes') },
              { value: 'no' as const, label: t('navigator.q.employmentInsurance.no') },
            ]}
          />
          {kind === 'yes' && (
            <div className="flex max-w-md flex-col gap-2 pl-9">
              <label htmlFor="nav-ei-months" className="text-std-16B-170">
                {t('navigator.q.employmentInsurance.months')}
              </label>
              <p id="nav-ei-months-hint" className="text-dns-16N-130 text-solid-gray-700">
                {t('navigator.q.employmentInsurance.monthsHint')}
              </p>
              <input
                id="nav-ei-months"
                type="text"
                inputMode="numeric"
                aria-describedby="nav-ei-months-hint"
                className={`${inputClass} max-w-32`}
                value={months ?? ''}
                onChange={(e) => {
                  const digits = e.target.value.normalize('NFKC').replace(/\D/g, '').slice(0, 3);
                  onChange({
                    ...a,
                    employmentInsurance:
                      digits === '' ? { kind: 'yes' } : { kind: 'yes', months: Number(digits) },
                  });
                }}
              />
            </div>
          )}
        </div>
      );
    }
    case 'healthInsurance':
      return (
        <RadioGroup
          id="nav-health"
          legend={t('navigator.q.healthInsurance.legend')}
          value={a.healthInsurance}
          onChange={(v) => onChange({ ...a, healthInsurance: v })}
          options={HEALTH_INSURANCE.map((h) => ({ value: h, label: t(`navigator.q.healthInsurance.${h}`) }))}
        />
      );
    case 'ageBand':
      return (
        <RadioGroup
          id="nav-age"
          legend={t('navigator.q.ageBand.legend', { who })}
          value={a.ageBand}
          onChange={(v) => onChange({ ...a, ageBand: v })}
          options={AGE_BANDS.map((b) => ({ value: b, label: t(`navigator.q.ageBand.${b}`) }))}
        />
      );
    case 'household':
      return (
        <RadioGroup
          id="nav-household"
          legend={t('navigator.q.household.legend')}
          value={a.household}
          onChange={(v) => onChange({ ...a, household: v })}
          options={[
            { value: 'alone' as const, label: t('navigator.q.household.alone') },
            { value: 'with_family' as const, label: t('navigator.q.household.with_family') },
          ]}
        />
      );
    case 'worries':
      return (
        <fieldset className="flex min-w-0 flex-col gap-2">
          <legend className="mb-2 text-std-17B-170 text-solid-gray-900">
            {t('navigator.q.worries.legend')}
          </legend>
          {(['money', 'health'] as const).map((w) => (
            <label
              key={w}
              htmlFor={`nav-worry-${w}`}
              className="flex min-h-11 cursor-pointer items-center gap-3 text-std-16N-170"
            >
              <input
                id={`nav-worry-${w}`}
                type="checkbox"
                className={checkboxClass}
                checked={a.worries?.[w] === true}
                onChange={(e) => onChange({ ...a, worries: { ...a.worries, [w]: e.target.checked } })}
              />
              <span>{t(`navigator.q.worries.${w}`)}</span>
            </label>
          ))}
        </fieldset>
      );
    case 'goingOutHard':
      return (
        <RadioGroup
          id="nav-going-out"
          legend={t('navigator.q.goingOut.legend')}
          value={a.goingOutHard === undefined ? undefined : a.goingOutHard ? 'yes' : 'no'}
          onChange={(v) => onChange({ ...a, goingOutHard: v === 'yes' })}
          options={[
            { value: 'yes' as const, label: t('navigator.q.goingOut.yes') },
            { value: 'no' as const, label: t('navigator.q.goingOut.no') },
          ]}
        />
      );
  }
}
