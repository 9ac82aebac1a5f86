import '../i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withHonorific } from '../../../../shared/text/honorific.ts';
import { useServerDraft } from '../../../api/drafts.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { CardSection } from '../../../ui/CardSection.tsx';
import { formatDateTime } from '../../../ui/datetime.ts';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { MutationForm, useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { compactButtonClass, primaryButtonClass, secondaryButtonClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import { TextAreaField } from '../../reports/Fields.tsx';
import {
  addConferenceMember,
  addConferencePerson,
  agencyKeys,
  type Conference,
  candidatesQuery,
  findPersons,
  minutesVersionsQuery,
  saveMinutes,
} from '../api.ts';

/** The persons whose cases the conference discusses; managers find and add one by any part of a name. */
export function AgendaPersons({ conference: c, canManage }: { conference: Conference; canManage: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="conf-persons-heading" className="flex max-w-3xl flex-col gap-2">
      <h2 id="conf-persons-heading" className="text-std-20B-150">
        {t('agencies.conference.persons')}
      </h2>
      {c.persons.length === 0 ? (
        <p>{t('agencies.conference.noPersons')}</p>
      ) : (
        <ul className="list-disc pl-6 text-std-16N-170">
          {c.persons.map((p) => (
            <li key={p.id}>{withHonorific(p.nickname)}</li>
          ))}
        </ul>
      )}
      {canManage && <AddPersonForm conference={c} />}
    </section>
  );
}

function AddPersonForm({ conference: c }: { conference: Conference }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const problemMessage = useProblemMessage();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const search = useMutation({ mutationFn: () => findPersons(q.trim()) });
  const add = useMutation({
    mutationFn: (personId: string) => addConferencePerson(c.id, personId),
    onSuccess: (data) => {
      queryClient.setQueryData(agencyKeys.conference(c.id), data);
      setStatus(t('agencies.conference.personAdded'));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    if (q.trim()) search.mutate();
  };
  const found = (search.data?.items ?? []).filter((p) => !c.personIds.includes(p.id));
  return (
    <form
      onSubmit={submit}
      noValidate
      className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 p-4"
    >
      <TextField
        id="conf-person-q"
        label={t('agencies.conference.findPerson')}
        hint={t('agencies.conference.findPersonHint')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <button type="submit" className={`${secondaryButtonClass} self-start`} disabled={search.isPending}>
        {t('agencies.conference.search')}
      </button>
      {search.isError && (
        <Notice tone="error">
          <p>{problemMessage(search.error)}</p>
        </Notice>
      )}
      {add.isError && (
        <Notice tone="error">
          <p>{problemMessage(add.error)}</p>
        </Notice>
      )}
      {search.isSuccess && found.length === 0 && <p>{t('agencies.conference.noMatch')}</p>}
      {found.length > 0 && (
        <ul className="flex flex-col gap-2">
          {found.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-3">
              <span>{withHonorific(p.nickname)}</span>
              <button
                type="button"
                className={compactButtonClass}
                disabled={add.isPending}
                onClick={() => add.mutate(p.id)}
              >
                {t('agencies.conference.addPerson')}
                <span className="sr-only">（{withHonorific(p.nickname)}）</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <LiveStatus message={status} />
    </form>
  );
}

/** Participants: municipal staff and agency members, each with their confidentiality acknowledgement. */
export function Participants({ conference: c, canManage }: { conference: Conference; canManage: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="conf-members-heading" className="flex max-w-3xl flex-col gap-2">
      <h2 id="conf-members-heading" className="text-std-20B-150">
        {t('agencies.conference.members')}
      </h2>
      <ul className="list-disc pl-6 text-std-16N-170">
        {c.members.map((m) => (
          <li key={m.accountId}>
            {m.displayName}（{m.agencyName ?? t('agencies.conference.internal')}）：
            {m.acknowledged
              ? t('agencies.conference.acknowledged')
              : t('agencies.conference.notAcknowledged')}
          </li>
        ))}
      </ul>
      {canManage && <AddParticipantForm conference={c} />}
    </section>
  );
}

function AddParticipantForm({ conference: c }: { conference: Conference }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const candidates = useQuery(candidatesQuery());
  const options = (candidates.data?.items ?? []).filter(
    (a) => !c.members.some((m) => m.accountId === a.accountId),
  );
  const [accountId, setAccountId] = useState('');
  const chosen = accountId || options[0]?.accountId || '';
  const form = useMutationForm({
    mutationFn: () => addConferenceMember(c.id, chosen),
    successMessage: t('agencies.conference.memberAdded'),
    onSuccess: (data) => {
      setAccountId('');
      queryClient.setQueryData(agencyKeys.conference(c.id), data);
      return undefined;
    },
  });
  if (options.length === 0) return null;
  return (
    <MutationForm
      form={form}
      idPrefix="conf-member"
      submitLabel={t('agencies.conference.addMember')}
      submitClassName={`${secondaryButtonClass} self-start`}
    >
      <SelectField
        id="conf-member-accountId"
        label={t('agencies.conference.chooseMember')}
        value={chosen}
        onChange={(e) => setAccountId(e.target.value)}
        options={options.map((a) => ({
          value: a.accountId,
          label: `${a.displayName}（${a.agencyName ?? t('agencies.conference.internal')}）`,
        }))}
      />
    </MutationForm>
  );
}

/**
 * Minutes: each save is a new version (earlier ones stay readable). What is typed is kept as a
 * server-side draft of the writer until it is saved, like a progress note.
 */
export function Minutes({ conference: c, canManage }: { conference: Conference; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const [showVersions, setShowVersions] = useState(false);
  const versions = useQuery({ ...minutesVersionsQuery(c.id), enabled: showVersions });
  return (
    <section aria-labelledby="conf-minutes-heading" className="flex max-w-3xl flex-col gap-2">
      <h2 id="conf-minutes-heading" className="text-std-20B-150">
        {t('agencies.conference.minutes')}
      </h2>
      <p className="whitespace-pre-wrap text-std-16N-170">
        {c.minutes || t('agencies.conference.noMinutes')}
      </p>
      {c.minutesVersions > 0 && (
        <>
          <button
            type="button"
            className={`${compactButtonClass} self-start`}
            aria-expanded={showVersions}
            aria-controls="conf-minutes-versions"
            onClick={() => setShowVersions((v) => !v)}
          >
            {t('agencies.conference.versions', { count: c.minutesVersions })}
          </button>
          <div id="conf-minutes-versions" hidden={!showVersions}>
            <ol className="flex flex-col gap-3">
              {versions.data?.items.map((v) => (
                <li key={v.n} className="rounded-8 border border-solid-gray-420 p-3">
                  <p className="text-std-16B-170">
                    {t('agencies.conference.version', {
                      n: v.n,
                      at: formatDateTime(v.savedAt, i18n.language),
                      by: v.savedByName,
                    })}
                  </p>
                  <p className="whitespace-pre-wrap text-std-16N-170">{v.minutes}</p>
                </li>
              ))}
            </ol>
          </div>
        </>
      )}
      {canManage && <MinutesForm conference={c} />}
    </section>
  );
}

function MinutesForm({ conference: c }: { conference: Conference }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(c.minutes);
  const draft = useServerDraft(
    `minutes:${c.id}`,
    { text },
    (d) => setText(d.text),
    (d) => d.text === c.minutes,
  );
  const [error, setError] = useState<unknown>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [status, setStatus] = useState('');
  const save = useMutation({
    mutationFn: () => saveMinutes(c.id, c.version, text),
    onSuccess: async (data) => {
      await draft.discard();
      queryClient.setQueryData(agencyKeys.conference(c.id), data);
      await queryClient.invalidateQueries({ queryKey: minutesVersionsQuery(c.id).queryKey });
      setStatus(t('agencies.conference.minutesSaved'));
    },
    onError: (e) => {
      setError(e);
      setFocusKey((k) => k + 1);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setStatus('');
    save.mutate();
  };
  return (
    <CardSection headingId="conf-minutes-edit-heading" heading={t('agencies.conference.minutesEdit')}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        {draft.restoredAt && (
          <Notice tone="info">
            {t('agencies.conference.draftRestored', {
              time: formatDateTime(draft.restoredAt, i18n.language),
            })}
          </Notice>
        )}
        <FormProblem error={error} idPrefix="minutes" focusKey={focusKey} />
        <TextAreaField
          id="minutes-minutes"
          label={t('agencies.conference.minutes')}
          hint={t('agencies.conference.minutesHint')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className={`${primaryButtonClass} self-start`} disabled={save.isPending}>
          {t('agencies.conference.saveMinutes')}
        </button>
        <LiveStatus message={status} />
      </form>
    </CardSection>
  );
}
