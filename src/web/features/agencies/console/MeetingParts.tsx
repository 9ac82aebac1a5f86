import '../i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withHonorific } from '../../../../shared/text/honorific.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { MutationForm, useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { compactButtonClass, secondaryButtonClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import {
  addConferenceMember,
  addConferencePerson,
  agencyKeys,
  type Conference,
  candidatesQuery,
  findPersons,
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
