import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ComponentProps, createContext, type ReactNode, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { CardSection } from '../../../ui/CardSection.tsx';
import { RadioGroup } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { primaryButtonClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import {
  addMeasure,
  type Instruments,
  instrumentsQuery,
  type MeasureBody,
  type MeasureList,
  measuresQuery,
  type PlanView,
  plansQuery,
  supportKeys,
} from '../api.ts';
import { Measures, SeriesChart } from './Measures.tsx';
import { RecordPage } from './RecordHeader.tsx';

function todayInTokyo(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
}

/**
 * `/console/support/persons/{id}/measures`: every outcome measure (WHO-5, UCLA-3, HQ-25 as entered,
 * the social-participation ladder, GAS T-scores) with a chart of change per measure and its table.
 */
export function MeasuresPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const instruments = useQuery(instrumentsQuery());
  const measures = useQuery(measuresQuery(id));
  const plans = useQuery(plansQuery(id));
  const tm = (key: string, o: Record<string, unknown> = {}) => t(`support.records.measures.${key}`, o);
  return (
    <RecordPage personId={id} section="measures">
      {() =>
        instruments.isError || measures.isError ? (
          <Notice tone="error">
            <p>{problemMessage(instruments.error ?? measures.error)}</p>
          </Notice>
        ) : instruments.isPending || measures.isPending ? (
          <p>{t('common.loading')}</p>
        ) : (
          <>
            <p className="max-w-3xl text-std-16N-170">{tm('lead')}</p>
            <Charts data={measures.data} instruments={instruments.data} />
            <Ucla3Form personId={id} instruments={instruments.data} />
            <LadderForm personId={id} instruments={instruments.data} />
            <Hq25Form personId={id} instruments={instruments.data} />
            <GasForm personId={id} plan={plans.data?.items.find((p) => p.status === 'active') ?? null} />
            <Measures personId={id} />
          </>
        )
      }
    </RecordPage>
  );
}

function Charts({ data, instruments }: { data: MeasureList; instruments: Instruments }) {
  const { t } = useTranslation();
  const tm = (key: string, o: Record<string, unknown> = {}) => t(`support.records.measures.${key}`, o);
  const ladderLabel = (level: number) => {
    const step = instruments.participationLadder.find((l) => l.level === level);
    return step ? tm('ladderStep', { level, ja: step.ja, en: step.en }) : String(level);
  };
  // One name per measure: the chart's key and test id, and the start of its caption's and table's keys.
  const chart = (
    name: string,
    series: MeasureList['series'][string] | undefined,
    scale: Omit<ComponentProps<typeof SeriesChart>, 'testId' | 'caption' | 'tableLabel' | 'series'>,
  ) =>
    series?.length ? (
      <SeriesChart
        key={name}
        testId={name}
        caption={tm(`${name}Caption`)}
        tableLabel={tm(`${name}Table`)}
        series={series}
        {...scale}
      />
    ) : null;
  const s = data.series;
  const charts = [
    chart('ucla3', s.ucla3, { min: 3, max: 12, gridLines: [3, 6, 9, 12] }),
    chart('ladder', s.participation_ladder, {
      min: 0,
      max: 6,
      gridLines: [0, 2, 4, 6],
      valueLabel: ladderLabel,
    }),
    chart('hq25', s.hq25, {
      min: 0,
      max: 100,
      gridLines: [0, 50, 100],
      cutoff: instruments.hq25.cutoff,
      flagLabel: tm('hq25Flag', { cutoff: instruments.hq25.cutoff }),
    }),
    chart('gas', s.gas, {
      min: 20,
      max: 80,
      gridLines: [30, 50, 70],
      cutoff: 50,
      valueLabel: (v) => v.toFixed(1),
    }),
  ].filter((c) => c !== null);
  return (
    <CardSection headingId="charts-heading" heading={tm('chartsHeading')} className="max-w-3xl">
      {charts.length === 0 ? <p className="text-std-16N-170">{tm('noData')}</p> : charts}
    </CardSection>
  );
}

/** One measure form: date, fields, save; the server scores it and the charts refresh. */
function MeasureForm({
  id,
  heading,
  lead,
  personId,
  build,
  validate,
  onSaved,
  children,
}: {
  id: string;
  heading: string;
  lead?: string;
  personId: string;
  build: (takenOn: string) => MeasureBody;
  validate: () => Record<string, string>;
  onSaved: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [takenOn, setTakenOn] = useState(todayInTokyo);
  const form = useMutationForm({
    mutationFn: () => addMeasure(personId, build(takenOn)),
    successMessage: (m) => t('support.records.measures.saved', { name: heading, score: m.score }),
    onSuccess: () => {
      onSaved();
      return queryClient.invalidateQueries({ queryKey: supportKeys.person(personId) });
    },
    validate,
  });
  return (
    <CardSection headingId={`${id}-heading`} heading={heading} className="max-w-3xl">
      {lead && <p className="text-std-16N-170">{lead}</p>}
      <LiveStatus message={form.status} />
      <form noValidate onSubmit={form.submit} className="flex flex-col gap-4">
        <FormProblem error={form.mutation.error} local={form.local} idPrefix={id} focusKey={form.focusKey} />
        <div className="w-56">
          <TextField
            id={`${id}-takenOn`}
            type="date"
            label={t('support.measures.takenOn')}
            value={takenOn}
            onChange={(e) => setTakenOn(e.target.value)}
          />
        </div>
        <ErrorsContext.Provider value={form.local}>{children}</ErrorsContext.Provider>
        <div>
          <button type="submit" className={primaryButtonClass} disabled={form.mutation.isPending}>
            {t('support.records.measures.save', { name: heading })}
          </button>
        </div>
      </form>
    </CardSection>
  );
}

const ErrorsContext = createContext<Record<string, string>>({});

function Ucla3Form({ personId, instruments }: { personId: string; instruments: Instruments }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<(number | undefined)[]>([undefined, undefined, undefined]);
  return (
    <MeasureForm
      id="ucla3"
      heading={t('support.records.measures.ucla3')}
      lead={t('support.records.measures.ucla3Lead')}
      personId={personId}
      build={(takenOn) => ({ kind: 'ucla3', takenOn, answers: answers as number[] })}
      validate={() =>
        Object.fromEntries(
          answers.flatMap((a, i) =>
            a === undefined ? [[`answers/${i}`, t('support.measures.answerRequired')]] : [],
          ),
        )
      }
      onSaved={() => setAnswers([undefined, undefined, undefined])}
    >
      <Ucla3Items instruments={instruments} answers={answers} setAnswers={setAnswers} />
    </MeasureForm>
  );
}

function Ucla3Items({
  instruments,
  answers,
  setAnswers,
}: {
  instruments: Instruments;
  answers: (number | undefined)[];
  setAnswers: (a: (number | undefined)[]) => void;
}) {
  const errors = useContext(ErrorsContext);
  return (
    <>
      {instruments.ucla3.items.map((item, i) => (
        <RadioGroup
          key={item}
          id={`ucla3-answers-${i}`}
          compact
          legend={
            <span lang="ja">
              {i + 1}. {item}
            </span>
          }
          error={errors[`answers/${i}`]}
          value={answers[i] === undefined ? undefined : String(answers[i])}
          onChange={(v) => setAnswers(answers.map((a, j) => (j === i ? Number(v) : a)))}
          options={instruments.ucla3.choices.map((c) => ({
            value: String(c.value),
            label: <span lang="ja">{c.label}</span>,
          }))}
        />
      ))}
    </>
  );
}

function LadderForm({ personId, instruments }: { personId: string; instruments: Instruments }) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<string | undefined>(undefined);
  return (
    <MeasureForm
      id="ladder"
      heading={t('support.records.measures.ladder')}
      lead={t('support.records.measures.ladderLead')}
      personId={personId}
      build={(takenOn) => ({ kind: 'participation_ladder', takenOn, level: Number(level) })}
      validate={(): Record<string, string> =>
        level === undefined ? { level: t('support.measures.answerRequired') } : {}
      }
      onSaved={() => setLevel(undefined)}
    >
      <LadderItems instruments={instruments} level={level} setLevel={setLevel} />
    </MeasureForm>
  );
}

function LadderItems({
  instruments,
  level,
  setLevel,
}: {
  instruments: Instruments;
  level: string | undefined;
  setLevel: (v: string) => void;
}) {
  const { t } = useTranslation();
  const errors = useContext(ErrorsContext);
  return (
    <RadioGroup
      id="ladder-level"
      legend={t('support.records.measures.ladderLegend')}
      error={errors.level}
      value={level}
      onChange={setLevel}
      options={instruments.participationLadder.map((l) => ({
        value: String(l.level),
        label: t('support.records.measures.ladderStep', { level: l.level, ja: l.ja, en: l.en }),
      }))}
    />
  );
}

const HQ25_FIELDS = ['total', 'socialization', 'isolation', 'dailyActivities'] as const;

function Hq25Form({ personId, instruments }: { personId: string; instruments: Instruments }) {
  const { t } = useTranslation();
  const empty = { total: '', socialization: '', isolation: '', dailyActivities: '' };
  const [values, setValues] = useState<Record<(typeof HQ25_FIELDS)[number], string>>(empty);
  const max = (f: (typeof HQ25_FIELDS)[number]) =>
    f === 'total' ? 100 : (instruments.hq25.subscales[f]?.max ?? 100);
  const num = (v: string) => Number.parseInt(v.normalize('NFKC'), 10);
  return (
    <MeasureForm
      id="hq25"
      heading={t('support.records.measures.hq25')}
      lead={t('support.records.measures.hq25Lead', { cutoff: instruments.hq25.cutoff })}
      personId={personId}
      build={(takenOn) => ({
        kind: 'hq25',
        takenOn,
        total: num(values.total),
        socialization: num(values.socialization),
        isolation: num(values.isolation),
        dailyActivities: num(values.dailyActivities),
      })}
      validate={() =>
        Object.fromEntries(
          HQ25_FIELDS.flatMap((f) => {
            const n = num(values[f]);
            return Number.isInteger(n) && n >= 0 && n <= max(f)
              ? []
              : [[f, t('support.records.measures.range', { max: max(f) })]];
          }),
        )
      }
      onSaved={() => setValues(empty)}
    >
      <Hq25Fields instruments={instruments} values={values} setValues={setValues} max={max} />
    </MeasureForm>
  );
}

function Hq25Fields({
  instruments,
  values,
  setValues,
  max,
}: {
  instruments: Instruments;
  values: Record<(typeof HQ25_FIELDS)[number], string>;
  setValues: (v: Record<(typeof HQ25_FIELDS)[number], string>) => void;
  max: (f: (typeof HQ25_FIELDS)[number]) => number;
}) {
  const { t } = useTranslation();
  const errors = useContext(ErrorsContext);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {HQ25_FIELDS.map((f) => (
        <TextField
          key={f}
          id={`hq25-${f}`}
          inputMode="numeric"
          label={`${f === 'total' ? t('support.records.measures.hq25Total') : (instruments.hq25.subscales[f]?.label ?? f)}（0–${max(f)}）`}
          error={errors[f]}
          value={values[f]}
          onChange={(e) => setValues({ ...values, [f]: e.target.value })}
        />
      ))}
    </div>
  );
}

function GasForm({ personId, plan }: { personId: string; plan: PlanView | null }) {
  const { t } = useTranslation();
  const [ratings, setRatings] = useState<Record<string, string>>({});
  if (!plan)
    return (
      <CardSection headingId="gas-heading" heading={t('support.records.measures.gas')} className="max-w-3xl">
        <p className="text-std-16N-170">{t('support.records.measures.gasNoPlan')}</p>
      </CardSection>
    );
  const goals = plan.content.goals.filter((g): g is typeof g & { id: string } => Boolean(g.id));
  return (
    <MeasureForm
      id="gas"
      heading={t('support.records.measures.gas')}
      lead={t('support.records.measures.gasLead')}
      personId={personId}
      build={(takenOn) => ({
        kind: 'gas',
        takenOn,
        planId: plan.id,
        ratings: goals.map((g) => ({ goalId: g.id, score: Number(ratings[g.id]) })),
      })}
      validate={() =>
        Object.fromEntries(
          goals.flatMap((g, i) =>
            ratings[g.id] === undefined ? [[`ratings/${i}`, t('support.measures.answerRequired')]] : [],
          ),
        )
      }
      onSaved={() => setRatings({})}
    >
      <GasItems goals={goals} ratings={ratings} setRatings={setRatings} />
    </MeasureForm>
  );
}

function GasItems({
  goals,
  ratings,
  setRatings,
}: {
  goals: (PlanView['content']['goals'][number] & { id: string })[];
  ratings: Record<string, string>;
  setRatings: (r: Record<string, string>) => void;
}) {
  const errors = useContext(ErrorsContext);
  const levels = [
    ['-2', 'minus2'],
    ['-1', 'minus1'],
    ['0', 'expected'],
    ['1', 'plus1'],
    ['2', 'plus2'],
  ] as const;
  return (
    <>
      {goals.map((g, i) => (
        <RadioGroup
          key={g.id}
          id={`gas-ratings-${i}`}
          legend={g.ownWords}
          error={errors[`ratings/${i}`]}
          value={ratings[g.id]}
          onChange={(v) => setRatings({ ...ratings, [g.id]: v })}
          options={levels.map(([value, key]) => ({
            value,
            label: `${value === '0' ? '0' : Number(value) > 0 ? `+${value}` : value}${g.gasLevels[key] ? `：${g.gasLevels[key]}` : ''}`,
          }))}
        />
      ))}
    </>
  );
}
