import './i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useRouteContext } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RETURN_ITEM_GROUPS,
  RETURN_ITEMS,
  type ReturnItemDefinition,
} from '../../../shared/contracts/insights.ts';
import { fiscalYearOf } from '../../../shared/text/wareki.ts';
import type { Me } from '../../api/me.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { inLanguage } from '../../i18n/language.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatStaffDay } from '../../ui/datetime.ts';
import { ListFilterBar, ListFilterSelect, matchesAllWords } from '../../ui/ListFilterBar.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import {
  cardClass,
  inputClass,
  linkClass,
  primaryButtonClass,
  secondaryButtonClass,
  selectClass,
  tableClass,
  tdClass,
  thClass,
} from '../../ui/styles.ts';
import { useUnsavedEdits } from '../../ui/useUnsavedEdits.ts';
import {
  type ReturnValue,
  remind,
  returnQuery,
  returnsListQuery,
  reviewReturn,
  type StatusReturn,
  saveReturn,
  submitReturn,
} from './api.ts';
import { CentreSection, ImportReturnsSection } from './PrefectureTools.tsx';

/**
 * `/console/returns`: a municipality's own annual status return (pre-filled figures with their
 * sources, a reason for each change, save and submit), or — for prefecture and national staff — the
 * list of returns with states and rates; `/console/returns/$code/$fiscalYear` is one return (the
 * prefecture accepts or sends back a submitted one).
 */
const currentYear = () => fiscalYearOf(new Date());
export const label = (def: ReturnItemDefinition, lang: string) => inLanguage(def, lang);

export function ReturnsPage() {
  const { me } = useRouteContext({ from: '/console' }) as { me: Me };
  const { t } = useTranslation();
  const title = t('insights.returns.title');
  if (me.account.scope === 'tenant' && me.account.tenant)
    return <OwnReturn code={me.account.tenant} fiscalYear={currentYear()} />;
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <ReturnsList prefecture={me.account.scope === 'prefecture'} fiscalYear={currentYear()} />
    </>
  );
}

function stateLabel(t: (k: string) => string, state: string) {
  return t(`insights.states.${state}`);
}

function ReturnsList({ prefecture, fiscalYear }: { prefecture: boolean; fiscalYear: number }) {
  const { t } = useTranslation();
  const list = useQuery(returnsListQuery(fiscalYear));
  const problem = useProblemMessage();
  const [status, setStatus] = useState('');
  // Client-side: every return of the year is loaded whole (the query follows every page).
  const [q, setQ] = useState('');
  const [stateFilter, setStateFilter] = useState('');
  const [sort, setSort] = useState<'state' | 'code' | 'name'>(prefecture ? 'state' : 'code');
  const reminder = useMutation({
    mutationFn: () => remind(fiscalYear),
    onSuccess: (r) => setStatus(t('insights.returns.reminded', { count: r.queued })),
  });
  if (list.isPending) return <p role="status">{t('common.loading')}</p>;
  if (list.isError) return <Notice tone="error">{problem(list.error)}</Notice>;
  const items = list.data;
  const reported = items.filter((i) => i.state === 'submitted' || i.state === 'accepted').length;
  const order = (s: string) => (s === 'submitted' ? 0 : s === 'returned' ? 1 : s === 'not_reported' ? 2 : 3);
  const states = [...new Set(items.map((i) => i.state))];
  const shown = items.filter(
    (i) => (!stateFilter || i.state === stateFilter) && matchesAllWords(q, [i.municipalityName]),
  );
  const collator = new Intl.Collator('ja');
  // 'state': what needs action first (submitted, then returned…), in code order within a state.
  const sorted = [...shown].sort((a, b) =>
    sort === 'state'
      ? order(a.state) - order(b.state) || a.municipalityCode.localeCompare(b.municipalityCode)
      : sort === 'name'
        ? collator.compare(a.municipalityName, b.municipalityName)
        : a.municipalityCode.localeCompare(b.municipalityCode),
  );
  return (
    <>
      <p className="text-std-16N-170">
        {prefecture ? t('insights.returns.queueLead') : t('insights.returns.nationalLead')}
      </p>
      <p className="text-std-17B-170">
        {t('insights.returns.reportingRate', {
          rate: items.length ? Math.round((reported / items.length) * 1000) / 10 : 0,
          reported,
          total: items.length,
        })}
      </p>
      {prefecture && (
        <div className="flex flex-col gap-2">
          <button
            type="button"
            className={`${secondaryButtonClass} self-start`}
            onClick={() => reminder.mutate()}
          >
            {t('insights.returns.remind')}
          </button>
          <LiveStatus message={status} />
        </div>
      )}
      <ListFilterBar
        id="returns"
        label={t('insights.returns.filterLabel')}
        text={{
          label: t('insights.returns.filterText'),
          value: q,
          onApply: setQ,
          applyLabel: t('insights.returns.filterApply'),
        }}
        sort={{
          label: t('insights.returns.sort'),
          value: sort,
          onChange: setSort,
          options: (['state', 'code', 'name'] as const).map((value) => ({
            value,
            label: t(`insights.returns.sorts.${value}`),
          })),
        }}
      >
        <ListFilterSelect
          id="returns-state"
          label={t('insights.returns.stateFilter')}
          value={stateFilter}
          onChange={setStateFilter}
          allLabel={t('insights.returns.allStates')}
          options={states.map((value) => ({ value, label: stateLabel(t, value) }))}
        />
      </ListFilterBar>
      <p role="status" className="text-dns-16N-130">
        {t('insights.returns.shown', { shown: Math.min(sorted.length, 400), count: sorted.length })}
      </p>
      <DataTable label={t('insights.returns.title')}>
        <table className={tableClass}>
          <caption className="sr-only">{t('insights.returns.title')}</caption>
          <thead>
            <tr>
              <th scope="col" className={thClass}>
                {t('insights.returns.municipality')}
              </th>
              <th scope="col" className={thClass}>
                {t('insights.returns.state')}
              </th>
              <th scope="col" className={thClass}>
                {t('insights.returns.enteredBy')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.slice(0, 400).map((i) => (
              <tr key={i.municipalityCode}>
                <td className={tdClass}>
                  {i.state === 'not_reported' ? (
                    i.municipalityName
                  ) : (
                    <Link
                      to="/console/returns/$code/$fiscalYear"
                      params={{ code: i.municipalityCode, fiscalYear: String(fiscalYear) }}
                      className={linkClass}
                      aria-label={t('insights.returns.open', { name: i.municipalityName })}
                    >
                      {i.municipalityName}
                    </Link>
                  )}
                </td>
                <td className={tdClass}>{stateLabel(t, i.state)}</td>
                <td className={tdClass}>
                  {i.enteredBy === 'prefecture' ? t('insights.returns.enteredByPrefecture') : ''}
                  {prefecture && (i.state === 'not_reported' || i.enteredBy === 'prefecture') && (
                    <Link
                      to="/console/returns/$code/$fiscalYear/enter"
                      params={{ code: i.municipalityCode, fiscalYear: String(fiscalYear) }}
                      className={`${linkClass} ml-2`}
                    >
                      {t('insights.prefecture.enter', { name: i.municipalityName })}
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </DataTable>
      {prefecture && (
        <>
          <ImportReturnsSection fiscalYear={fiscalYear} />
          <CentreSection />
        </>
      )}
    </>
  );
}

function display(value: ReturnValue | undefined, t: (k: string) => string): string {
  if (value === null || value === undefined || value === '') return t('insights.returns.unknown');
  if (typeof value === 'boolean') return value ? t('insights.returns.yes') : t('insights.returns.no');
  if (Array.isArray(value)) return value.join('、');
  return String(value);
}

export function parseInput(def: ReturnItemDefinition, raw: string): ReturnValue {
  if (raw === '') return null;
  switch (def.kind) {
    case 'boolean':
      return raw === 'true';
    case 'count':
    case 'persons':
    case 'yen':
    case 'year':
    case 'hours': {
      const n = Number(raw.normalize('NFKC').replaceAll(',', ''));
      return Number.isFinite(n) ? n : raw;
    }
    case 'members':
      return raw
        .split(/[,、]/)
        .map((s) => s.trim())
        .filter(Boolean);
    default:
      return raw;
  }
}

export const toRaw = (value: ReturnValue | undefined): string =>
  value === null || value === undefined ? '' : Array.isArray(value) ? value.join('、') : String(value);

/** A saved return's answers as the form's text, by item id (undefined until the return is loaded). */
export const rawAnswers = (saved: StatusReturn | undefined): Record<string, string> | undefined =>
  saved && Object.fromEntries(RETURN_ITEMS.map((d) => [d.id, toRaw(saved.items[d.id])]));

function OwnReturn({ code, fiscalYear }: { code: string; fiscalYear: number }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const problem = useProblemMessage();
  const query = useQuery(returnQuery(code, fiscalYear));
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const data = query.data;
  // The saved answers with unsaved typing laid over them (useUnsavedEdits says why).
  const { values: raw, edit, reset } = useUnsavedEdits(rawAnswers(data));
  const title = t('insights.returns.title');
  const editable = data ? data.state === 'draft' || data.state === 'returned' : false;

  const values = () =>
    Object.fromEntries(
      RETURN_ITEMS.map((d) => [d.id, parseInput(d, raw[d.id] ?? '')] as const).filter(([, v]) => v !== null),
    );
  const changed = (id: string) => {
    const pre = data?.prefill[id];
    if (!pre) return false;
    const def = RETURN_ITEMS.find((d) => d.id === id)!;
    return JSON.stringify(parseInput(def, raw[id] ?? '')) !== JSON.stringify(pre.value);
  };
  /** The server's copy is now the saved one: nothing typed remains unsaved. */
  const keep = (saved: StatusReturn) => {
    queryClient.setQueryData(returnQuery(code, fiscalYear).queryKey, saved);
    reset();
  };
  const after = (next: StatusReturn, message: string) => {
    keep(next);
    setStatus(message);
    setError('');
  };
  const save = useMutation({
    mutationFn: () => saveReturn(code, fiscalYear, { items: values(), reasons, version: data!.version }),
    onSuccess: (next) => after(next, t('insights.returns.saved')),
    onError: (e) => setError(problem(e)),
  });
  const submit = useMutation({
    mutationFn: async () => {
      const saved = await saveReturn(code, fiscalYear, { items: values(), reasons, version: data!.version });
      // Saved now: a refused submission leaves the saved answers and their version to try again with.
      keep(saved);
      return submitReturn(code, fiscalYear, saved.version);
    },
    onSuccess: (next) => after(next, t('insights.returns.submitted')),
    onError: (e) => setError(problem(e)),
  });

  if (query.isPending) return <p role="status">{t('common.loading')}</p>;
  if (query.isError || !data) return <Notice tone="error">{problem(query.error)}</Notice>;
  const onSave = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <>
      <PageHeading title={title}>
        {title}（{data.municipalityName}・{fiscalYear}）
      </PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('insights.returns.ownLead')}</p>
      <p className="text-std-17B-170">
        {t('insights.returns.state')}: {stateLabel(t, data.state)} ／{' '}
        {t('insights.returns.dueOn', { date: formatStaffDay(data.dueOn, i18n.language) })}
      </p>
      {data.state === 'returned' && data.reviewComment && (
        <Notice tone="warning">
          {t('insights.returns.returnedComment', { comment: data.reviewComment })}
        </Notice>
      )}
      {!editable && <Notice>{t('insights.returns.readOnly')}</Notice>}
      {error && <Notice tone="error">{error}</Notice>}
      <LiveStatus message={status} />
      <form onSubmit={onSave} className="flex flex-col gap-6" noValidate>
        {RETURN_ITEM_GROUPS.map((group) => (
          <fieldset key={group} className={cardClass}>
            <legend className="px-1 text-std-20B-150">{t(`insights.groups.${group}`)}</legend>
            {RETURN_ITEMS.filter((d) => d.group === group).map((def) => {
              const id = `item-${def.id.replace('.', '-')}`;
              const pre = data.prefill[def.id];
              const sourceId = pre ? `${id}-source` : undefined;
              return (
                <div key={def.id} className="flex flex-col gap-2">
                  <label htmlFor={id} className="text-std-17B-170">
                    {label(def, i18n.language)}
                  </label>
                  {pre && (
                    <p id={sourceId} className="text-std-16N-170 text-solid-gray-700">
                      {t('insights.returns.source', {
                        source: inLanguage(pre.source, i18n.language),
                      })}
                    </p>
                  )}
                  {def.kind === 'boolean' ? (
                    <select
                      id={id}
                      className={selectClass}
                      value={raw[def.id] ?? ''}
                      disabled={!editable}
                      aria-describedby={sourceId}
                      onChange={(e) => edit(def.id, e.target.value)}
                    >
                      <option value="">{t('insights.returns.unknown')}</option>
                      <option value="true">{t('insights.returns.yes')}</option>
                      <option value="false">{t('insights.returns.no')}</option>
                    </select>
                  ) : (
                    <input
                      id={id}
                      className={inputClass}
                      value={raw[def.id] ?? ''}
                      disabled={!editable}
                      inputMode={
                        ['count', 'persons', 'yen', 'year', 'hours'].includes(def.kind)
                          ? 'numeric'
                          : undefined
                      }
                      aria-describedby={sourceId}
                      onChange={(e) => edit(def.id, e.target.value)}
                    />
                  )}
                  {editable && changed(def.id) && (
                    <div className="flex flex-col gap-1 border-l-4 border-yellow-700 pl-3">
                      <label htmlFor={`${id}-reason`} className="text-std-16B-170">
                        {t('insights.returns.reason', { item: label(def, i18n.language) })}
                      </label>
                      <p id={`${id}-reason-hint`} className="text-std-16N-170">
                        {t('insights.returns.reasonHint', { value: display(pre?.value, t) })}
                      </p>
                      <input
                        id={`${id}-reason`}
                        className={inputClass}
                        aria-describedby={`${id}-reason-hint`}
                        value={reasons[def.id] ?? ''}
                        onChange={(e) => setReasons({ ...reasons, [def.id]: e.target.value })}
                      />
                    </div>
                  )}
                </div>
              );
            })}
          </fieldset>
        ))}
        {editable && (
          <div className="flex flex-wrap gap-4">
            <button type="submit" className={secondaryButtonClass} disabled={save.isPending}>
              {t('insights.returns.save')}
            </button>
            <button
              type="button"
              className={primaryButtonClass}
              disabled={submit.isPending}
              onClick={() => submit.mutate()}
            >
              {t('insights.returns.submit')}
            </button>
          </div>
        )}
      </form>
    </>
  );
}

export function ReturnDetailPage({ code, fiscalYear }: { code: string; fiscalYear: number }) {
  const { me } = useRouteContext({ from: '/console' }) as { me: Me };
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const problem = useProblemMessage();
  const query = useQuery(returnQuery(code, fiscalYear));
  const [comment, setComment] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const review = useMutation({
    mutationFn: (decision: 'accept' | 'return') =>
      reviewReturn(code, fiscalYear, {
        decision,
        ...(comment ? { comment } : {}),
        version: query.data!.version,
      }),
    onSuccess: (next, decision) => {
      queryClient.setQueryData(returnQuery(code, fiscalYear).queryKey, next);
      void queryClient.invalidateQueries({ queryKey: ['returns', 'list'] });
      setStatus(decision === 'accept' ? t('insights.returns.accepted') : t('insights.returns.returned'));
      setError('');
    },
    onError: (e) => setError(problem(e)),
  });
  const data = query.data;
  const title = data
    ? `${t('insights.returns.title')}（${data.municipalityName}・${fiscalYear}）`
    : t('insights.returns.title');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <Link to="/console/returns" className={`${linkClass} self-start`}>
        {t('insights.returns.back')}
      </Link>
      {query.isPending && <p role="status">{t('common.loading')}</p>}
      {query.isError && <Notice tone="error">{problem(query.error)}</Notice>}
      {data && (
        <>
          <p className="text-std-17B-170">
            {t('insights.returns.state')}: {stateLabel(t, data.state)}
          </p>
          {error && <Notice tone="error">{error}</Notice>}
          <LiveStatus message={status} />
          {me.account.scope === 'prefecture' && data.state === 'submitted' && (
            <div className={cardClass}>
              <label htmlFor="review-comment" className="text-std-17B-170">
                {t('insights.returns.comment')}
              </label>
              <textarea
                id="review-comment"
                className={inputClass}
                rows={3}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
              <div className="flex flex-wrap gap-4">
                <button type="button" className={primaryButtonClass} onClick={() => review.mutate('accept')}>
                  {t('insights.returns.accept')}
                </button>
                <button
                  type="button"
                  className={secondaryButtonClass}
                  onClick={() => review.mutate('return')}
                >
                  {t('insights.returns.return')}
                </button>
              </div>
            </div>
          )}
          {data.corrections.length > 0 && (
            <section aria-labelledby="corrections-heading" className={cardClass}>
              <h2 id="corrections-heading" className="text-std-20B-150">
                {t('insights.returns.corrections')}
              </h2>
              <ul className="list-disc pl-6">
                {data.corrections.map((c) => {
                  const def = RETURN_ITEMS.find((d) => d.id === c.item);
                  return (
                    <li key={`${c.item}-${c.at}`}>
                      {def ? label(def, i18n.language) : c.item}: {display(c.from, t)} → {display(c.to, t)}（
                      {c.reason}）
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 md:grid-cols-2">
            {RETURN_ITEMS.filter((d) => d.id !== 'window.email').map((def) => (
              <div key={def.id} className="flex flex-col border-b border-solid-gray-420 py-1">
                <dt className="text-std-16B-170">{label(def, i18n.language)}</dt>
                <dd className="text-std-16N-170">{display(data.items[def.id], t)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </>
  );
}
