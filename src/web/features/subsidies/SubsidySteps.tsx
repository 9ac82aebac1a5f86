import './i18n.ts';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from './api.ts';

const STEPS = ['apply', 'identity', 'decision', 'claims'] as const;
type Step = (typeof STEPS)[number];

/** Where an application stands: the step being worked on now (or null once it has ended). */
export function currentStep(status: ApplicationStatus): Step | null {
  switch (status) {
    case 'submitted':
      return 'identity';
    case 'checked':
      return 'decision';
    case 'approved':
      return 'claims';
    default:
      return null;
  }
}

/**
 * The steps ahead of an applicant (issue 21 item 9): applying, 本人確認 (what it involves), the
 * decision, then monthly claims — each marked done, now or later in words, not only by colour. A
 * rejected or withdrawn application shows where it ended.
 */
export function SubsidySteps({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  const now = currentStep(status);
  const ended = now === null;
  const endedAt: Step = status === 'rejected' ? 'decision' : 'apply';
  const index = STEPS.indexOf(now ?? endedAt);
  return (
    <section
      aria-labelledby="subsidy-steps-heading"
      className="flex flex-col gap-3"
      data-testid="subsidy-steps"
    >
      <h2 id="subsidy-steps-heading" className="text-std-20B-150 text-solid-gray-900">
        {t('subsidies.steps.heading')}
      </h2>
      <ol className="flex flex-col gap-3">
        {STEPS.map((step, i) => {
          const state = i < index ? 'done' : i === index ? (ended ? 'ended' : 'now') : 'later';
          return (
            <li
              key={step}
              aria-current={state === 'now' ? 'step' : undefined}
              data-state={state}
              className={`flex flex-col gap-1 rounded-8 border-l-4 p-3 ${
                state === 'now'
                  ? 'border-blue-900 bg-blue-50'
                  : state === 'done'
                    ? 'border-green-700 bg-white'
                    : 'border-solid-gray-420 bg-white'
              }`}
            >
              <span className="text-std-17B-170">
                {t('subsidies.steps.item', {
                  n: i + 1,
                  title: t(`subsidies.steps.${step}.title`),
                  state: t(`subsidies.steps.state.${state}`),
                })}
              </span>
              <span className="text-std-16N-170">{t(`subsidies.steps.${step}.body`)}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
