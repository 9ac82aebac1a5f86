import './i18n.ts';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  LocalResponse,
  LocalWindow,
  NavigatorRule,
  RuleText,
} from '../../../shared/contracts/navigator.ts';
import { type Because, deadlinesIcs, type Plan, type Step } from '../../../shared/navigator/plan.ts';
import { i18n } from '../../i18n/index.ts';
import { PhoneLink } from '../../ui/PhoneLink.tsx';
import { linkClass, primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';
import { dateText, GentleSteps } from './GentleSteps.tsx';

/** Printing the checklist prints the checklist alone, not the site around it. */
const CHECKLIST_PRINT_CSS = `@media print {
  @page { size: A4; margin: 14mm; }
  body:has(.navigator-checklist) header, body:has(.navigator-checklist) footer,
  body:has(.navigator-checklist) a[href^="#main"] { display: none !important; }
}`;

export function ruleText(rule: NavigatorRule, language: string): RuleText {
  return rule.text[i18n.t('navigator.format.ruleText', { lng: language }) as keyof NavigatorRule['text']];
}

/**
 * The plan: each step with its deadline, why it is shown, its conditions (met / not met / unknown),
 * where to go, what to bring, the rule's source and checked-on date. Built in the browser.
 */
export function PlanView({
  plan,
  local,
  code,
  onRestart,
}: {
  plan: Plan;
  local: LocalResponse | undefined;
  code: string;
  onRestart: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const dated = plan.steps.filter((s) => s.deadline !== null);
  const others = plan.steps.filter((s) => s.deadline === null);
  const gentle = <GentleSteps plan={plan} local={local} code={code} />;

  const downloadIcs = () => {
    const stamp = `${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
    const ics = deadlinesIcs(plan, (s) => ruleText(s.rule, lang).title, {
      stamp,
      calendarName: t('navigator.plan.icsName'),
    });
    const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'navigator-deadlines.ics';
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="flex flex-col gap-8">
      <style>{CHECKLIST_PRINT_CSS}</style>
      <div className="flex flex-col gap-3 print:hidden">
        <h2 ref={heading} tabIndex={-1} className="text-std-24B-150 text-solid-gray-900">
          {plan.mode === 'family' ? t('navigator.plan.titleFamily') : t('navigator.plan.title')}
        </h2>
        <p className="text-std-16N-170">{t('navigator.plan.lead')}</p>
        <p className="text-std-16N-170">{t('navigator.plan.noPressure')}</p>
        <p className="text-std-16N-170">
          {plan.lastDay && plan.lossDate
            ? t('navigator.plan.lastDay', {
                date: dateText(plan.lastDay, lang),
                loss: dateText(plan.lossDate, lang),
              })
            : t('navigator.plan.noLastDay')}
        </p>
      </div>

      <div className="flex flex-col gap-8 print:hidden">
        {plan.gentleFirst && gentle}
        {dated.length > 0 && (
          <section aria-labelledby="nav-dated" className="flex flex-col gap-4">
            <h3 id="nav-dated" className="text-std-20B-150">
              {t('navigator.plan.deadlines')}
            </h3>
            <ol className="flex flex-col gap-4">
              {dated.map((s) => (
                <StepCard key={s.rule.id} step={s} local={local} />
              ))}
            </ol>
          </section>
        )}
        <section aria-labelledby="nav-others" className="flex flex-col gap-4">
          <h3 id="nav-others" className="text-std-20B-150">
            {t('navigator.plan.others')}
          </h3>
          <ul className="flex flex-col gap-4">
            {others.map((s) => (
              <StepCard key={s.rule.id} step={s} local={local} />
            ))}
          </ul>
        </section>
        {plan.localSchemes.length > 0 && local && (
          <section aria-labelledby="nav-local" className="flex flex-col gap-4">
            <h3 id="nav-local" className="text-std-20B-150" lang="ja">
              {t('navigator.plan.localHeading', { name: local.municipalityName })}
            </h3>
            <ul className="flex flex-col gap-4">
              {plan.localSchemes.map(({ scheme }) => (
                <li
                  key={scheme.id}
                  className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 p-4"
                >
                  <h4 className="text-std-17B-170" lang="ja">
                    {scheme.title}
                  </h4>
                  <p className="text-std-16N-170" lang="ja">
                    {scheme.summary}
                  </p>
                  <Windows kind={scheme.where} local={local} />
                  <SourceLine source={scheme.source} checkedOn={scheme.checkedOn} />
                </li>
              ))}
            </ul>
          </section>
        )}
        {!plan.gentleFirst && gentle}
        {plan.notApplicable.length > 0 && (
          <details className="rounded-8 border border-solid-gray-420 p-4">
            <summary className="min-h-11 cursor-pointer text-std-16B-170">
              {t('navigator.plan.notApplicableHeading', { count: plan.notApplicable.length })}
            </summary>
            <ul className="mt-4 flex flex-col gap-4">
              {plan.notApplicable.map((s) => (
                <StepCard key={s.rule.id} step={s} local={local} />
              ))}
            </ul>
          </details>
        )}
        <section aria-labelledby="nav-take" className="flex flex-col gap-3">
          <h3 id="nav-take" className="text-std-20B-150">
            {t('navigator.plan.takeAlong')}
          </h3>
          <div className="flex flex-wrap gap-4">
            <button
              id="nav-print"
              type="button"
              className={primaryButtonClass}
              onClick={() => window.print()}
            >
              {t('navigator.plan.print')}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={downloadIcs}>
              {t('navigator.plan.ics')}
            </button>
            <button type="button" className={`${linkClass} min-h-11`} onClick={onRestart}>
              {t('navigator.plan.restart')}
            </button>
          </div>
          <p className="text-dns-16N-130 text-solid-gray-700">{t('navigator.plan.disclaimer')}</p>
        </section>
      </div>
      <Checklist plan={plan} local={local} />
    </div>
  );
}

function Checklist({ plan, local }: { plan: Plan; local: LocalResponse | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="navigator-checklist hidden flex-col gap-3 print:flex" aria-hidden="true">
      <h2 className="text-std-24B-150">
        {t('navigator.plan.checklistHeading')}
        {local ? `（${local.municipalityName}）` : ''}
      </h2>
      <ul className="flex flex-col gap-2">
        {plan.steps.map((s) => (
          <li key={s.rule.id} className="flex gap-2 text-std-16N-170">
            <span>☐</span>
            <span>
              <strong>{ruleText(s.rule, lang).title}</strong>
              {s.deadline?.date
                ? ` — ${t('navigator.plan.deadline', { date: dateText(s.deadline.date, lang) })}`
                : s.deadline
                  ? ` — ${t('navigator.plan.deadlineDays', { days: s.deadline.days })}`
                  : ''}
              {ruleText(s.rule, lang).bring.length > 0 &&
                ` / ${t('navigator.plan.bring')}: ${ruleText(s.rule, lang).bring.join('、')}`}
            </span>
          </li>
        ))}
      </ul>
      <p className="text-dns-14N-130">{t('navigator.plan.disclaimer')}</p>
    </section>
  );
}

function StepCard({ step, local }: { step: Step; local: LocalResponse | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const text = ruleText(step.rule, lang);
  const id = `nav-step-${step.rule.id}`;
  return (
    <li
      className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 bg-white p-4"
      aria-labelledby={id}
    >
      <div className="flex flex-col gap-1">
        <h4 id={id} className="text-std-17B-170 text-solid-gray-900">
          {text.title}
        </h4>
        <p className="text-dns-16B-130 text-solid-gray-800">
          {t(`navigator.plan.relevance.${step.relevance}`)}
        </p>
        {step.deadline && (
          <p className="text-std-17B-170 text-error-2">
            {step.deadline.date ? (
              <time dateTime={step.deadline.date}>
                {t('navigator.plan.deadline', { date: dateText(step.deadline.date, lang) })}
              </time>
            ) : (
              t('navigator.plan.deadlineDays', { days: step.deadline.days })
            )}
          </p>
        )}
      </div>
      <p className="text-std-16N-170">{text.summary}</p>
      {step.facts.map((f) =>
        t(`navigator.fact.${f.code}`) ? (
          <p key={f.code} className="text-std-16N-170">
            {t(`navigator.fact.${f.code}`, {
              value: f.value?.toLocaleString(t('navigator.format.numberLocale')),
              date: f.date ? dateText(f.date, lang) : '',
            })}
          </p>
        ) : null,
      )}
      <details className="rounded-6 bg-solid-gray-50 px-3 py-2">
        <summary className="min-h-11 cursor-pointer content-center text-std-16B-170 text-blue-1000">
          {t('navigator.plan.why')}
        </summary>
        <ul className="mt-2 flex list-disc flex-col gap-1 pl-6 text-std-16N-170">
          {(step.because.length > 0
            ? step.because
            : [{ question: 'none', value: '' } as unknown as Because]
          ).map((b) => (
            <li key={`${b.question}-${b.value}`}>{becauseText(b, t, lang)}</li>
          ))}
        </ul>
        {step.requirements.length > 0 && (
          <>
            <h5 className="mt-3 text-std-16B-170">{t('navigator.plan.requirements')}</h5>
            <ul className="mt-1 flex flex-col gap-1 text-std-16N-170">
              {step.requirements.map((r) => (
                <li key={r.code}>
                  <span aria-hidden="true">
                    {r.state === 'met' ? '✓ ' : r.state === 'not_met' ? '✕ ' : '？ '}
                  </span>
                  {t(`navigator.req.${r.code}`, { value: r.value })}:{' '}
                  <strong>{t(`navigator.plan.state.${r.state}`)}</strong>
                </li>
              ))}
            </ul>
          </>
        )}
      </details>
      <div className="flex flex-col gap-1">
        <h5 className="text-std-16B-170">{t('navigator.plan.where')}</h5>
        <Windows kind={step.where} local={local} />
      </div>
      {text.bring.length > 0 && (
        <div className="flex flex-col gap-1">
          <h5 className="text-std-16B-170">{t('navigator.plan.bring')}</h5>
          <ul className="list-disc pl-6 text-std-16N-170">
            {text.bring.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      )}
      {step.askAtWindow && <p className="text-std-16B-170">{t('navigator.plan.askAtWindow')}</p>}
      <SourceLine source={step.rule.source} checkedOn={step.rule.checkedOn} />
    </li>
  );
}

function Windows({ kind, local }: { kind: LocalWindow['kind']; local: LocalResponse | undefined }) {
  const { t } = useTranslation();
  const found = local?.windows.filter((w) => w.kind === kind) ?? [];
  if (found.length === 0) return <p className="text-std-16N-170">{t(`navigator.whereKind.${kind}`)}</p>;
  return (
    <ul className="flex flex-col gap-2">
      {found.map((w) => (
        <li key={w.id} className="flex flex-col gap-1 text-std-16N-170" lang="ja">
          <span className="font-bold">{w.name}</span>
          {w.address && <span>{w.address}</span>}
          {w.phone && <PhoneLink number={w.phone} label={w.name} />}
          {w.hours && (
            <span>
              {t('navigator.plan.hours')}: {w.hours}
            </span>
          )}
          {w.placeId && (
            <Link to="/places/$id" params={{ id: w.placeId }} className={`${linkClass} self-start`}>
              {t('navigator.plan.directoryEntry')}
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}

function SourceLine({ source, checkedOn }: { source: { title: string; url: string }; checkedOn: string }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="break-words text-dns-14N-130 text-solid-gray-700">
      {t('navigator.plan.source')}: <span lang="ja">{source.title}</span>{' '}
      <span className="break-all">{source.url}</span> /{' '}
      {t('navigator.plan.checkedOn', { date: dateText(checkedOn, i18n.language) })}
    </p>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function becauseText(b: Because | { question: 'none'; value: string }, t: Translate, lang: string): string {
  const v = b.value;
  switch (b.question) {
    case 'lastDay':
      return v === 'not_yet'
        ? t('navigator.because.lastDayNotYet')
        : t('navigator.because.lastDay', { value: dateText(v, lang) });
    case 'healthInsurance':
      return t('navigator.because.healthInsurance', { value: t(`navigator.q.healthInsurance.${v}`) });
    case 'reason':
      return t('navigator.because.reason', { value: t(`navigator.q.reason.${v}`) });
    case 'employmentInsurance': {
      if (v === 'no') return t('navigator.because.employmentInsuranceNo');
      const months = v.split(':')[1];
      return months
        ? t('navigator.because.employmentInsuranceMonths', { value: months })
        : t('navigator.because.employmentInsuranceYes');
    }
    case 'ageBand':
      return t('navigator.because.ageBand', { value: t(`navigator.q.ageBand.${v}`) });
    case 'household':
      return t('navigator.because.household', { value: t(`navigator.q.household.${v}`) });
    case 'worries':
      return v === 'money' ? t('navigator.because.worriesMoney') : t('navigator.because.worriesHealth');
    case 'goingOutHard':
      return t('navigator.because.goingOutHard');
    case 'always':
      return t('navigator.because.always');
    default:
      return t('navigator.because.none');
  }
}
