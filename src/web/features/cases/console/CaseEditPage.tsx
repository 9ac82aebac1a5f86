import '../i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonalDataWarning, StaffCase } from '../../../../shared/contracts/cases.ts';
import { api, isApiError } from '../../../api/client.ts';
import { meQuery } from '../../../api/me.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { formatStaffInstant } from '../../../ui/datetime.ts';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import {
  cardClass,
  checkboxClass,
  compactButtonClass,
  inputClass,
  linkClass,
  primaryButtonClass,
  secondaryButtonClass,
} from '../../../ui/styles.ts';
import { questionsQuery, staffCaseQuery, uploadAttachment } from '../api.ts';
import { CaseSheet } from '../CaseDetailPage.tsx';
import { CaseForm, type CaseFormValue, initialValue } from './CaseForm.tsx';
import { QuestionItem } from './CasesConsolePage.tsx';

/** `/console/cases/new` and `/console/cases/{id}`: write, attach, submit, review, publish, ask. */
export function CaseEditPage({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const found = useQuery({ ...staffCaseQuery(id ?? ''), enabled: id !== null });
  const problemMessage = useProblemMessage();
  const [focusKey, setFocusKey] = useState(0);
  const [status, setStatus] = useState('');
  const save = useMutation({
    mutationFn: (v: CaseFormValue) =>
      id === null
        ? api<StaffCase>('/api/cases', { method: 'POST', body: v })
        : api<StaffCase>(`/api/cases/${id}`, {
            method: 'PUT',
            body: {
              version: found.data?.version,
              themes: v.themes,
              lifeStages: v.lifeStages,
              populationBand: v.populationBand,
              areaClass: v.areaClass,
              authorName: v.authorName,
              linkedIndicators: v.linkedIndicators,
              content: v.content,
            },
          }),
    onSuccess: (saved) => {
      queryClient.setQueryData(staffCaseQuery(saved.id).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['staff-cases'] });
      setStatus(id === null ? t('cases.edit.created') : t('cases.edit.saved'));
      if (id === null) void navigate({ to: '/console/cases/$id', params: { id: saved.id } });
    },
    onError: () => setFocusKey((k) => k + 1),
  });
  const c = found.data;
  const heading = id === null ? t('cases.edit.newTitle') : (c?.title ?? t('cases.edit.editTitle'));

  return (
    <>
      <Link to="/console/cases" className={`${linkClass} self-start`}>
        {t('cases.console.title')}
      </Link>
      <PageHeading title={heading}>{heading}</PageHeading>
      <LiveStatus message={status} />
      {found.isError && <Notice tone="error">{problemMessage(found.error)}</Notice>}
      {c && (
        <p className="text-std-16B-170">
          {t('cases.workflow.state', { state: t(`cases.state.${c.state}`) })}　
          {t('cases.workflow.version', { version: c.version })}　{c.municipalityName}
        </p>
      )}
      {(id === null || c?.can.edit) && (
        <CaseForm
          key={`${c?.id ?? 'new'}-${c?.version ?? 0}`}
          value={initialValue(c ?? null)}
          town={c?.municipalityCode ?? (me.data?.account.scope === 'tenant' ? me.data.account.tenant : null)}
          askMunicipality={id === null && me.data?.account.scope === 'prefecture'}
          error={save.error}
          focusKey={focusKey}
          pending={save.isPending}
          onSave={(v) => save.mutate(v)}
        />
      )}
      {c && !c.can.edit && <CaseSheet content={c.content} lifeStages={c.lifeStages} />}
      {c && <Attachments c={c} onStatus={setStatus} />}
      {c && <Workflow c={c} onStatus={setStatus} />}
      {c?.can.ask && <Ask c={c} onStatus={setStatus} />}
      {c && <CaseQuestions caseId={c.id} />}
      {c && c.history.length > 0 && (
        <section aria-labelledby="case-history" className="flex flex-col gap-2">
          <h2 id="case-history" className="text-std-20B-150">
            {t('cases.workflow.history')}
          </h2>
          <ol className="flex flex-col gap-2">
            {c.history.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the history is append-only
              <li key={i} className="text-dns-16N-130">
                {formatStaffInstant(h.at, 'ja')} {t(`cases.workflow.action.${h.action}`)}（
                {t('cases.workflow.version', { version: h.version })}）{h.actorName ? ` ${h.actorName}` : ''}
                {h.comment && <span className="block whitespace-pre-line pl-4">「{h.comment}」</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

function Attachments({ c, onStatus }: { c: StaffCase; onStatus(s: string): void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const problemMessage = useProblemMessage();
  const fileRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const upload = useMutation({
    mutationFn: (file: File) => uploadAttachment(c.id, file, name, i18n.language),
    onSuccess: () => {
      setName('');
      if (fileRef.current) fileRef.current.value = '';
      onStatus(t('cases.attach.uploaded'));
      void queryClient.invalidateQueries({ queryKey: ['staff-case', c.id] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (file) upload.mutate(file);
  };
  return (
    <section aria-labelledby="case-attachments-heading" className="flex flex-col gap-3">
      <h2 id="case-attachments-heading" className="text-std-20B-150">
        {t('cases.attach.heading')}
      </h2>
      <ul className="flex flex-col gap-1">
        {c.attachments.map((a) => (
          <li key={a.id}>
            <a href={`/api/cases/${c.id}/attachments/${a.id}`} className={linkClass}>
              {a.name}
            </a>
          </li>
        ))}
      </ul>
      {c.can.edit && (
        <form onSubmit={submit} className={cardClass}>
          <p className="text-dns-16N-130">{t('cases.attach.lead')}</p>
          <label htmlFor="attachment-name" className="text-dns-16B-130">
            {t('cases.attach.name')}
          </label>
          <input
            id="attachment-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            className={inputClass}
          />
          <label htmlFor="attachment-file" className="text-dns-16B-130">
            {t('cases.attach.file')}
          </label>
          <input
            id="attachment-file"
            ref={fileRef}
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            className="min-h-11"
          />
          {upload.isError && <Notice tone="error">{problemMessage(upload.error)}</Notice>}
          <button type="submit" disabled={upload.isPending} className={`${secondaryButtonClass} self-start`}>
            {t('cases.attach.upload')}
          </button>
        </form>
      )}
    </section>
  );
}

function Workflow({ c, onStatus }: { c: StaffCase; onStatus(s: string): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const problemMessage = useProblemMessage();
  const [confirm, setConfirm] = useState(false);
  const [comment, setComment] = useState('');
  const act = useMutation({
    mutationFn: (step: { path: string; body: Record<string, unknown>; done: string }) =>
      api<StaffCase>(`/api/cases/${c.id}/${step.path}`, {
        method: 'POST',
        body: { version: c.version, ...step.body },
      }).then((saved) => ({ saved, done: step.done })),
    onSuccess: ({ saved, done }) => {
      queryClient.setQueryData(staffCaseQuery(c.id).queryKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['staff-cases'] });
      setComment('');
      setConfirm(false);
      onStatus(done);
    },
  });
  const warnings: PersonalDataWarning[] =
    isApiError(act.error, 422) && Array.isArray(act.error.problem.extra?.warnings)
      ? (act.error.problem.extra.warnings as PersonalDataWarning[])
      : isApiError(act.error, 422)
        ? ((act.error.problem as unknown as { warnings?: PersonalDataWarning[] }).warnings ?? [])
        : [];
  if (!c.can.submit && !c.can.review && !c.can.publish && c.state !== 'published') return null;
  return (
    <section aria-labelledby="case-workflow" className={cardClass}>
      <h2 id="case-workflow" className="text-std-20B-150">
        {t('cases.workflow.heading')}
      </h2>
      {act.isError && warnings.length === 0 && <Notice tone="error">{problemMessage(act.error)}</Notice>}
      {warnings.length > 0 && (
        <div role="alert" className="flex flex-col gap-2 rounded-8 border-2 border-error-1 p-4">
          <h3 className="text-std-17B-170">{t('cases.workflow.warningsHeading')}</h3>
          <p>{t('cases.workflow.warningsLead')}</p>
          <ul className="list-disc pl-6">
            {warnings.map((w) => (
              <li key={`${w.pointer}-${w.excerpt}`}>
                {t(`cases.workflow.warningKind.${w.kind}`)}：「{w.excerpt}」
              </li>
            ))}
          </ul>
          <label className="flex min-h-11 items-center gap-2">
            <input
              type="checkbox"
              className={checkboxClass}
              checked={confirm}
              onChange={(e) => setConfirm(e.target.checked)}
            />
            {t('cases.workflow.confirm')}
          </label>
        </div>
      )}
      {c.can.submit && (
        <button
          type="button"
          disabled={act.isPending}
          className={`${primaryButtonClass} self-start`}
          onClick={() =>
            act.mutate({
              path: 'submit',
              body: { confirmNoPersonalData: confirm },
              done: t('cases.workflow.submitted'),
            })
          }
        >
          {t('cases.workflow.submit')}
        </button>
      )}
      {c.can.review && (
        <div className="flex flex-col gap-2">
          <label htmlFor="review-comment" className="text-dns-16B-130">
            {t('cases.workflow.reviewComment')}
          </label>
          <textarea
            id="review-comment"
            rows={4}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            className={inputClass}
          />
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              disabled={act.isPending}
              className={compactButtonClass}
              onClick={() =>
                act.mutate({
                  path: 'review',
                  body: { decision: 'return', comment },
                  done: t('cases.workflow.returned'),
                })
              }
            >
              {t('cases.workflow.return')}
            </button>
            <button
              type="button"
              disabled={act.isPending}
              className={compactButtonClass}
              onClick={() =>
                act.mutate({
                  path: 'review',
                  body: { decision: 'accept', comment },
                  done: t('cases.workflow.accepted'),
                })
              }
            >
              {t('cases.workflow.accept')}
            </button>
          </div>
        </div>
      )}
      {c.can.publish && (
        <button
          type="button"
          disabled={act.isPending}
          className={`${primaryButtonClass} self-start`}
          onClick={() => act.mutate({ path: 'publish', body: {}, done: t('cases.workflow.published') })}
        >
          {t('cases.workflow.publish')}
        </button>
      )}
      {c.state === 'published' && (
        <a href={`/cases/${c.id}`} className={`${linkClass} self-start`}>
          {t('cases.workflow.publicPage')}
        </a>
      )}
    </section>
  );
}

function Ask({ c, onStatus }: { c: StaffCase; onStatus(s: string): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const problemMessage = useProblemMessage();
  const [question, setQuestion] = useState('');
  const send = useMutation({
    mutationFn: () => api(`/api/cases/${c.id}/questions`, { method: 'POST', body: { question } }),
    onSuccess: () => {
      setQuestion('');
      onStatus(t('cases.ask.sent'));
      void queryClient.invalidateQueries({ queryKey: ['case-questions'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  return (
    <section aria-labelledby="case-ask" className="flex flex-col gap-2">
      <h2 id="case-ask" className="text-std-20B-150">
        {t('cases.ask.heading')}
      </h2>
      <form onSubmit={submit} className={cardClass}>
        <p className="text-dns-16N-130">{t('cases.ask.lead')}</p>
        <label htmlFor="case-question" className="text-dns-16B-130">
          {t('cases.ask.question')}
        </label>
        <textarea
          id="case-question"
          required
          rows={4}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          className={inputClass}
        />
        {send.isError && <Notice tone="error">{problemMessage(send.error)}</Notice>}
        <button type="submit" disabled={send.isPending} className={`${primaryButtonClass} self-start`}>
          {t('cases.ask.send')}
        </button>
      </form>
    </section>
  );
}

function CaseQuestions({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const questions = useQuery(questionsQuery());
  const mine = (questions.data?.items ?? []).filter((q) => q.caseId === caseId);
  if (mine.length === 0) return null;
  return (
    <section aria-labelledby="case-questions" className="flex flex-col gap-2">
      <h2 id="case-questions" className="text-std-20B-150">
        {t('cases.console.questions')}
      </h2>
      <ul className="flex flex-col gap-3">
        {mine.map((q) => (
          <QuestionItem key={q.id} question={q} />
        ))}
      </ul>
    </section>
  );
}
