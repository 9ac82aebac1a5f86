import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answers, buildPlan } from '../../../shared/navigator/plan.ts';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { linkClass, primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';
import { localQuery, rulesQuery } from './api.ts';
import { PlanView } from './PlanView.tsx';
import { QUESTIONS, Questions, withoutAnswer } from './Questions.tsx';

type Phase = { kind: 'start' } | { kind: 'question'; index: number } | { kind: 'plan' };

/**
 * `/m/{code}/navigator`: the navigator for people who have just left a job (issue 18). The page asks
 * the server for the national rules and the town's windows (two GETs that carry no answer), keeps the
 * answers in React state only (never in web storage: phones are shared) and computes the plan here.
 * "Today" is the server's business day (`on` of the rule set), so deadlines do not depend on the
 * device's clock.
 */
export function NavigatorPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const rules = useQuery(rulesQuery());
  const local = useQuery(localQuery(code, 'navigator'));
  const [answers, setAnswers] = useState<Answers>({});
  const [phase, setPhase] = useState<Phase>({ kind: 'start' });
  const name = local.data?.municipalityName;
  const title = t('navigator.start.title');

  const plan = useMemo(
    () =>
      rules.data && phase.kind === 'plan'
        ? buildPlan({
            answers,
            rules: rules.data.rules,
            localSchemes: local.data?.schemes ?? [],
            today: rules.data.on,
          })
        : null,
    [rules.data, local.data, answers, phase.kind],
  );

  const go = (index: number) =>
    setPhase(index >= QUESTIONS.length ? { kind: 'plan' } : { kind: 'question', index: Math.max(0, index) });

  return (
    <div className="flex max-w-3xl flex-col gap-8">
      <div className="flex flex-col gap-3 print:hidden">
        <PageHeading title={title}>{title}</PageHeading>
        {name && (
          <p lang="ja" className="text-std-16N-170 text-solid-gray-700">
            {name}
          </p>
        )}
        {local.data?.isDemo && (
          <Notice tone="info">
            <p>{t('municipality.demoNotice')}</p>
          </Notice>
        )}
      </div>
      {rules.isError && (
        <Notice tone="warning">
          <p>{t('navigator.loadError')}</p>
        </Notice>
      )}
      {phase.kind === 'start' && (
        <div className="flex flex-col gap-4">
          <p className="text-std-16N-170">{t('navigator.start.lead')}</p>
          <p className="rounded-8 border-l-4 border-green-700 bg-green-50 px-4 py-3 text-std-16N-170">
            {t('navigator.start.privacy')}
          </p>
          <p className="text-std-16N-170">{t('navigator.start.noPressure')}</p>
          {rules.isPending ? (
            <p role="status">{t('navigator.loading')}</p>
          ) : (
            <div className="flex flex-col gap-3">
              <button
                id="nav-start-self"
                type="button"
                className={`${primaryButtonClass} self-start`}
                onClick={() => {
                  setAnswers({ mode: 'self' });
                  go(0);
                }}
              >
                {t('navigator.start.self')}
              </button>
              <button
                type="button"
                className={`${secondaryButtonClass} self-start text-left`}
                onClick={() => {
                  setAnswers({ mode: 'family' });
                  go(0);
                }}
              >
                {t('navigator.start.family')}
              </button>
            </div>
          )}
          <Link
            to="/m/$code"
            params={{ code }}
            className={`${linkClass} inline-flex min-h-11 items-center self-start`}
          >
            {name ?? code}
          </Link>
        </div>
      )}
      {phase.kind === 'question' && (
        <Questions
          index={phase.index}
          answers={answers}
          onChange={setAnswers}
          onNext={() => go(phase.index + 1)}
          onSkip={() => {
            setAnswers((a) => withoutAnswer(a, QUESTIONS[phase.index]!));
            go(phase.index + 1);
          }}
          onBack={() => go(phase.index - 1)}
          onShowPlan={() => setPhase({ kind: 'plan' })}
        />
      )}
      {phase.kind === 'plan' && plan && (
        <PlanView
          plan={plan}
          local={local.data}
          code={code}
          onRestart={() => {
            setAnswers({});
            setPhase({ kind: 'start' });
          }}
        />
      )}
    </div>
  );
}
