import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { CardSection } from '../../../ui/CardSection.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { formatStaffDay } from '../../../ui/datetime.ts';
import { RadioGroup } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { primaryButtonClass, tableClass, tdClass, thClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import { addWho5, instrumentsQuery, measuresQuery, supportKeys } from '../api.ts';

function todayInTokyo(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
}

/** WHO-5-J on the person's page: the form (item texts from the server), the score, and the change. */
export function Measures({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const queryClient = useQueryClient();
  const instruments = useQuery(instrumentsQuery());
  const measures = useQuery(measuresQuery(personId));
  const [answers, setAnswers] = useState<(number | undefined)[]>([
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
  const [takenOn, setTakenOn] = useState(todayInTokyo);
  const form = useMutationForm({
    mutationFn: () => addWho5(personId, takenOn, answers as number[]),
    successMessage: (m) => t('support.measures.saved', { score: m.score }),
    onSuccess: () => {
      setAnswers([undefined, undefined, undefined, undefined, undefined]);
      return queryClient.invalidateQueries({ queryKey: supportKeys.person(personId) });
    },
    validate: () =>
      Object.fromEntries(
        answers.flatMap((a, i) =>
          a === undefined ? [[`answers/${i}`, t('support.measures.answerRequired')]] : [],
        ),
      ),
  });

  const series = measures.data?.series.who5 ?? [];
  const cutoff = instruments.data?.who5.cutoff ?? 50;
  return (
    <CardSection headingId="measures-heading" heading={t('support.measures.heading')} className="max-w-3xl">
      {measures.isError && (
        <Notice tone="error">
          <p>{problemMessage(measures.error)}</p>
        </Notice>
      )}
      {series.length > 0 && (
        <SeriesChart
          testId="who5"
          caption={t('support.measures.chartCaption')}
          tableLabel={t('support.measures.tableLabel')}
          series={series}
          min={0}
          max={100}
          gridLines={[0, 50, 100]}
          cutoff={cutoff}
          flagLabel={t('support.measures.flagged', { cutoff })}
        />
      )}
      <LiveStatus message={form.status} />
      {instruments.data && (
        <form noValidate onSubmit={form.submit} className="flex flex-col gap-4">
          <h3 className="text-std-17B-170">{t('support.measures.formHeading')}</h3>
          <p className="text-std-16N-170">{t('support.measures.lead')}</p>
          <FormProblem
            error={form.mutation.error}
            local={form.local}
            idPrefix="who5"
            focusKey={form.focusKey}
          />
          <div className="w-56">
            <TextField
              id="who5-takenOn"
              type="date"
              label={t('support.measures.takenOn')}
              value={takenOn}
              onChange={(e) => setTakenOn(e.target.value)}
            />
          </div>
          {instruments.data.who5.items.map((item, i) => (
            <RadioGroup
              key={item}
              id={`who5-answers-${i}`}
              compact
              legend={
                <span lang="ja">
                  {i + 1}. {item}
                </span>
              }
              error={form.local[`answers/${i}`]}
              value={answers[i] === undefined ? undefined : String(answers[i])}
              onChange={(v) => setAnswers((as) => as.map((a, j) => (j === i ? Number(v) : a)))}
              options={instruments.data.who5.choices.map((c) => ({
                value: String(c.value),
                label: <span lang="ja">{c.label}</span>,
              }))}
            />
          ))}
          <div>
            <button type="submit" className={primaryButtonClass} disabled={form.mutation.isPending}>
              {form.mutation.isPending ? t('support.person.saving') : t('support.measures.save')}
            </button>
          </div>
        </form>
      )}
    </CardSection>
  );
}

/**
 * The change over time of one measure as a small SVG line chart (decorative for screen readers: the
 * same numbers are in the table right after it, which is the accessible form of the chart).
 */
export function SeriesChart({
  testId,
  caption,
  tableLabel,
  series,
  min,
  max,
  gridLines,
  cutoff,
  flagLabel,
  valueLabel,
}: {
  testId: string;
  caption: string;
  tableLabel: string;
  series: { takenOn: string; score: number; flagged: boolean }[];
  min: number;
  max: number;
  gridLines: number[];
  cutoff?: number;
  flagLabel?: string;
  valueLabel?: (score: number) => string;
}) {
  const { t, i18n } = useTranslation();
  const width = 320;
  const height = 160;
  const pad = 28;
  const x = (i: number) =>
    series.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (series.length - 1);
  const y = (score: number) => height - pad - ((score - min) / (max - min)) * (height - 2 * pad);
  const points = series.map((s, i) => `${x(i)},${y(s.score)}`).join(' ');
  return (
    <figure className="flex min-w-0 flex-col gap-3" data-testid={`${testId}-chart`}>
      <figcaption className="text-std-17B-170">{caption}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="w-full max-w-md"
        aria-hidden="true"
        focusable="false"
      >
        <rect x="0" y="0" width={width} height={height} fill="white" />
        {gridLines.map((v) => (
          <g key={v}>
            <line x1={pad} x2={width - pad} y1={y(v)} y2={y(v)} stroke="#999" strokeWidth="1" />
            <text x={4} y={y(v) + 4} fontSize="11" fill="#333">
              {v}
            </text>
          </g>
        ))}
        {cutoff !== undefined && (
          <line
            x1={pad}
            x2={width - pad}
            y1={y(cutoff)}
            y2={y(cutoff)}
            stroke="#b00"
            strokeDasharray="4 3"
            strokeWidth="1"
          />
        )}
        <polyline points={points} fill="none" stroke="#0031d8" strokeWidth="2" />
        {series.map((s, i) => (
          <circle key={s.takenOn + String(i)} cx={x(i)} cy={y(s.score)} r="4" fill="#0031d8" />
        ))}
      </svg>
      <DataTable label={tableLabel}>
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={thClass}>
                {t('support.measures.takenOn')}
              </th>
              <th scope="col" className={thClass}>
                {t('support.measures.score')}
              </th>
              {flagLabel && (
                <th scope="col" className={thClass}>
                  {t('support.measures.flag')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {series.map((s, i) => (
              <tr key={s.takenOn + String(i)} data-testid={`${testId}-row`}>
                <td className={tdClass}>{formatStaffDay(s.takenOn, i18n.language)}</td>
                <td className={tdClass}>{valueLabel ? valueLabel(s.score) : s.score}</td>
                {flagLabel && <td className={tdClass}>{s.flagged ? flagLabel : '—'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </DataTable>
    </figure>
  );
}
