import '../i18n.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATES, type CaseState } from '../../../../shared/contracts/cases.ts';
import { hasPermission } from '../../../../shared/permissions.ts';
import { api } from '../../../api/client.ts';
import { meQuery } from '../../../api/me.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { formatStaffDay } from '../../../ui/datetime.ts';
import { ListFilterBar } from '../../../ui/ListFilterBar.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import {
  compactButtonClass,
  inputClass,
  linkClass,
  primaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from '../../../ui/styles.ts';
import { type CaseQuestionView, questionsQuery, type StaffCaseFilter, staffCasesQuery } from '../api.ts';

/** `/console/cases`: our cases, the cases waiting for my review or publication, the library, and questions. */
export function CasesConsolePage() {
  const { t } = useTranslation();
  const me = useQuery(meQuery());
  const roles = (me.data?.account.roles ?? []).map((r) => r.role);
  const mayAuthor = hasPermission(roles, 'cases.author');
  const reviews = hasPermission(roles, 'cases.review') || hasPermission(roles, 'cases.publish');
  return (
    <>
      <PageHeading title={t('cases.console.title')}>{t('cases.console.title')}</PageHeading>
      <p className="text-std-16N-170">{t('cases.console.lead')}</p>
      {mayAuthor && (
        <Link to="/console/cases/new" className={`${primaryButtonClass} self-start`}>
          {t('cases.console.new')}
        </Link>
      )}
      {me.data?.account.scope !== 'national' && <CaseTable view="mine" />}
      {reviews && <CaseTable view="review" />}
      <Questions />
      <CaseTable view="library" />
    </>
  );
}

/** States a view can hold (the library is published cases only). */
const VIEW_STATES: Record<'mine' | 'review', readonly CaseState[]> = {
  mine: CASE_STATES,
  review: ['submitted', 'returned', 'accepted'],
};

function CaseTable({ view }: { view: 'mine' | 'review' | 'library' }) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  // Server-side: the national library is paged, so words and orders are applied by the API.
  const [filter, setFilter] = useState<StaffCaseFilter>({ q: '', sort: 'updated', state: '' });
  const list = useQuery({ ...staffCasesQuery(view, filter), placeholderData: keepPreviousData });
  const headingId = `cases-${view}-heading`;
  const name = t(`cases.console.${view}`);
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} className="text-std-24B-150">
        {name}
      </h2>
      <ListFilterBar
        id={`cases-${view}`}
        label={t('cases.console.filterLabel', { list: name })}
        text={{
          label: t('cases.console.filterText'),
          value: filter.q,
          onApply: (q) => setFilter({ ...filter, q }),
          applyLabel: t('cases.console.filterApply'),
        }}
        sort={{
          label: t('cases.console.sort', { list: name }),
          value: filter.sort,
          onChange: (sort) => setFilter({ ...filter, sort }),
          options: (['updated', 'title', 'town'] as const).map((value) => ({
            value,
            label: t(`cases.console.sorts.${value}`),
          })),
        }}
      >
        {view !== 'library' && (
          <div className="w-64 max-w-full">
            <SelectField
              id={`cases-${view}-state`}
              compact
              label={t('cases.console.stateFilter', { list: name })}
              value={filter.state}
              onChange={(e) => setFilter({ ...filter, state: e.target.value as CaseState | '' })}
              options={[
                { value: '', label: t('cases.console.allStates') },
                ...VIEW_STATES[view].map((value) => ({ value, label: t(`cases.state.${value}`) })),
              ]}
            />
          </div>
        )}
      </ListFilterBar>
      {list.isError && <Notice tone="error">{problemMessage(list.error)}</Notice>}
      {list.data?.items.length === 0 && <p>{t('cases.console.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <DataTable label={name}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>{t('cases.console.colTitle')}</th>
                <th className={thClass}>{t('cases.console.colTown')}</th>
                <th className={thClass}>{t('cases.console.colState')}</th>
                <th className={thClass}>{t('cases.console.colUpdated')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id}>
                  <td className={tdClass}>
                    <Link to="/console/cases/$id" params={{ id: c.id }} className={linkClass}>
                      {c.title}
                    </Link>
                  </td>
                  <td className={tdClass}>{c.municipalityName}</td>
                  <td className={tdClass}>{t(`cases.state.${c.state}`)}</td>
                  <td className={tdClass}>{formatStaffDay(c.updatedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
    </section>
  );
}

function Questions() {
  const { t } = useTranslation();
  const questions = useQuery(questionsQuery());
  return (
    <section aria-labelledby="cases-questions-heading" className="flex flex-col gap-3">
      <h2 id="cases-questions-heading" className="text-std-24B-150">
        {t('cases.console.questions')}
      </h2>
      {questions.data?.items.length === 0 && <p>{t('cases.console.noQuestions')}</p>}
      <ul className="flex flex-col gap-3">
        {questions.data?.items.map((q) => (
          <QuestionItem key={q.id} question={q} />
        ))}
      </ul>
    </section>
  );
}

/** A question with its answer; the author's staff answer it here. */
export function QuestionItem({ question: q }: { question: CaseQuestionView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const problemMessage = useProblemMessage();
  const [answer, setAnswer] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api(`/api/cases/${q.caseId}/questions/${q.id}/answer`, { method: 'POST', body: { answer } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['case-questions'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  const answerId = `answer-${q.id}`;
  return (
    <li className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 p-4">
      <p className="text-dns-16B-130">
        {q.toUs ? t('cases.console.toUs') : t('cases.console.fromUs')}：
        <Link to="/console/cases/$id" params={{ id: q.caseId }} className={linkClass}>
          {q.caseTitle}
        </Link>
      </p>
      <p className="text-dns-16N-130 text-solid-gray-700">
        {t('cases.ask.from', { town: q.askerMunicipalityName })}
      </p>
      <p className="whitespace-pre-line">{q.question}</p>
      {q.answer ? (
        <div className="border-l-4 border-blue-900 pl-3">
          <p className="text-dns-16B-130">{t('cases.ask.answer')}</p>
          <p className="whitespace-pre-line">{q.answer}</p>
        </div>
      ) : q.toUs ? (
        <form onSubmit={submit} className="flex flex-col gap-2">
          <label htmlFor={answerId} className="text-dns-16B-130">
            {t('cases.ask.answer')}
          </label>
          <textarea
            id={answerId}
            required
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
            rows={3}
            className={inputClass}
          />
          {send.isError && <Notice tone="error">{problemMessage(send.error)}</Notice>}
          <button type="submit" disabled={send.isPending} className={`${compactButtonClass} self-start`}>
            {t('cases.ask.sendAnswer')}
          </button>
        </form>
      ) : (
        <p className="text-dns-16N-130">{t('cases.console.unanswered')}</p>
      )}
    </li>
  );
}
