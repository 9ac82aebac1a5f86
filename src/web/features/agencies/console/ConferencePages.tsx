import '../i18n.ts';

/*
 * Kept whole (about 560 lines) for now: the meeting list, the meeting page and its three forms
 * (create, add item, minutes) all use the text-area field of reports/Fields.tsx, which issue 20
 * item 2 is moving to src/web/ui in another part. Splitting this file before that move would put
 * that import in new files, i.e. new boundary breaks the ratchet refuses; split it along those
 * forms once the field lives in ui/.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withHonorific } from '../../../../shared/text/honorific.ts';
import { isApiError } from '../../../api/client.ts';
import { useServerDraft } from '../../../api/drafts.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { CardSection } from '../../../ui/CardSection.tsx';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { formatStaffInstant } from '../../../ui/datetime.ts';
import { TextAreaField } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { ListFilterBar, ListFilterSelect, matchesAllWords } from '../../../ui/ListFilterBar.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { MutationForm, useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { cardClass, compactButtonClass, linkClass, primaryButtonClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import {
  acknowledge,
  addItem,
  agenciesQuery,
  agencyKeys,
  type Conference,
  type ConferenceItem,
  type ConferenceSummary,
  candidatesQuery,
  conferenceQuery,
  conferencesQuery,
  createConference,
  minutesVersionsQuery,
  saveMinutes,
  todayInTokyo,
} from '../api.ts';
import { formatDay, useCan } from './common.tsx';
import { AgendaPersons, Participants } from './MeetingParts.tsx';

/** `/console/conferences`: the conferences the account takes part in; consultation staff create them. */
export function ConferencesPage() {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const list = useQuery(conferencesQuery());
  const canManage = useCan('conferences.manage');
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<ConferenceSort>('newest');
  const [kind, setKind] = useState<ConferenceSummary['kind'] | ''>('');
  const shown = sortConferences(
    (list.data?.items ?? []).filter((c) => (!kind || c.kind === kind) && matchesAllWords(q, [c.title])),
    sort,
  );
  return (
    <>
      <PageHeading title={t('agencies.conferences.title')}>{t('agencies.conferences.title')}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('agencies.conferences.lead')}</p>
      {list.isError && (
        <Notice tone="error">
          <p>{problemMessage(list.error)}</p>
        </Notice>
      )}
      {list.data?.items.length === 0 && <p>{t('agencies.conferences.empty')}</p>}
      {/* Client-side: the conferences one takes part in come whole (one request, no pages). */}
      {!!list.data?.items.length && (
        <ListFilterBar
          id="conferences"
          label={t('agencies.conferences.filterLabel')}
          text={{
            label: t('agencies.conferences.filterText'),
            value: q,
            onApply: setQ,
            applyLabel: t('agencies.filter.apply'),
          }}
          sort={{
            label: t('agencies.conferences.sort'),
            value: sort,
            onChange: setSort,
            options: (['newest', 'oldest', 'title'] as const).map((value) => ({
              value,
              label: t(`agencies.conferences.sorts.${value}`),
            })),
          }}
        >
          <ListFilterSelect
            id="conferences-kind"
            label={t('agencies.conferences.kindFilter')}
            value={kind}
            onChange={setKind}
            allLabel={t('agencies.conferences.allKinds')}
            options={(['support_conference', 'multilayer'] as const).map((k) => ({
              value: k,
              label: t(`agencies.conferences.kinds.${k}`),
            }))}
          />
        </ListFilterBar>
      )}
      {!!list.data?.items.length && shown.length === 0 && <p>{t('agencies.conferences.noneMatch')}</p>}
      <ul className="flex max-w-3xl flex-col gap-3">
        {shown.map((c) => (
          <li key={c.id} className={cardClass}>
            <Link
              to="/console/conferences/$id"
              params={{ id: c.id }}
              className={`${linkClass} inline-flex min-h-11 items-center self-start text-std-17B-170`}
            >
              {c.title}
            </Link>
            <p className="text-std-16N-170">
              {t(`agencies.conferences.kinds.${c.kind}`)} ／ {t('agencies.conferences.heldOn')}：
              {formatDay(c.heldOn, i18n.language)}
              {c.kind === 'support_conference' &&
                !c.acknowledged &&
                `（${t('agencies.conferences.ackNeeded')}）`}
            </p>
          </li>
        ))}
      </ul>
      {canManage && <CreateConferenceForm />}
    </>
  );
}

type ConferenceSort = 'newest' | 'oldest' | 'title';
const conferenceCollator = new Intl.Collator('ja');
/** newest/oldest: by the day held (ties by name); title: 50音. */
function sortConferences(items: ConferenceSummary[], sort: ConferenceSort): ConferenceSummary[] {
  const byTitle = (a: ConferenceSummary, b: ConferenceSummary) =>
    conferenceCollator.compare(a.title, b.title) || a.id.localeCompare(b.id);
  return [...items].sort((a, b) =>
    sort === 'title'
      ? byTitle(a, b)
      : sort === 'oldest'
        ? a.heldOn.localeCompare(b.heldOn) || byTitle(a, b)
        : b.heldOn.localeCompare(a.heldOn) || byTitle(a, b),
  );
}

function CreateConferenceForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Conference['kind']>('support_conference');
  const [title, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState(todayInTokyo());
  const [agenda, setAgenda] = useState('');
  const [ack, setAck] = useState(false);
  const [members, setMembers] = useState<string[]>([]);
  const candidates = useQuery(candidatesQuery());
  // Internal staff first, then agency members; the creator takes part anyway.
  const agencyMembers = (candidates.data?.items ?? []).map((m) => ({
    accountId: m.accountId,
    label: `${m.displayName}（${m.agencyName ?? t('agencies.conference.internal')}）`,
  }));
  const form = useMutationForm({
    mutationFn: () =>
      createConference({ kind, title, heldOn, agenda, acknowledge: ack, memberAccountIds: members }),
    successMessage: t('agencies.conferences.created'),
    onSuccess: () => {
      setTitle('');
      setAgenda('');
      return queryClient.invalidateQueries({ queryKey: agencyKeys.conferences });
    },
  });
  return (
    <CardSection
      headingId="conference-create-heading"
      heading={t('agencies.conferences.createHeading')}
      className="max-w-3xl"
    >
      <MutationForm form={form} idPrefix="conference" submitLabel={t('agencies.conferences.create')}>
        <SelectField
          id="conference-kind"
          label={t('agencies.conferences.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as Conference['kind'])}
          options={(['support_conference', 'multilayer'] as const).map((k) => ({
            value: k,
            label: t(`agencies.conferences.kinds.${k}`),
          }))}
        />
        <TextField
          id="conference-title"
          label={t('agencies.conferences.titleField')}
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <TextField
          id="conference-heldOn"
          type="date"
          label={t('agencies.conferences.heldOn')}
          required
          value={heldOn}
          onChange={(e) => setHeldOn(e.target.value)}
        />
        <TextAreaField
          id="conference-agenda"
          label={t('agencies.conferences.agenda')}
          value={agenda}
          compact
          onChange={(e) => setAgenda(e.target.value)}
        />
        {agencyMembers.length > 0 && (
          <fieldset className="flex flex-col gap-1">
            <legend className="text-std-17B-170">{t('agencies.conferences.members')}</legend>
            {agencyMembers.map((m) => (
              <Checkbox
                key={m.accountId}
                id={`conference-member-${m.accountId}`}
                checked={members.includes(m.accountId)}
                onChange={(e) =>
                  setMembers((all) =>
                    e.target.checked ? [...all, m.accountId] : all.filter((id) => id !== m.accountId),
                  )
                }
                label={m.label}
              />
            ))}
          </fieldset>
        )}
        <Checkbox
          id="conference-ack"
          checked={ack}
          onChange={(e) => setAck(e.target.checked)}
          label={t('agencies.conferences.acknowledge')}
        />
      </MutationForm>
    </CardSection>
  );
}

/** `/console/conferences/{id}`: behind the confidentiality gate for a 支援会議. */
export function ConferencePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const queryClient = useQueryClient();
  const conference = useQuery(conferenceQuery(id));
  const [confirmed, setConfirmed] = useState(false);
  const ack = useMutation({
    mutationFn: () => acknowledge(id),
    onSuccess: (data) => queryClient.setQueryData(agencyKeys.conference(id), data),
  });
  const gate =
    isApiError(conference.error) && conference.error.problem.code === 'confidentiality_not_acknowledged';
  const c = conference.data;
  const title = c?.title ?? t('agencies.conferences.title');
  return (
    <>
      <Link to="/console/conferences" className={`${linkClass} inline-flex min-h-11 items-center self-start`}>
        {t('agencies.conference.back')}
      </Link>
      <PageHeading title={title}>{title}</PageHeading>
      {gate ? (
        <section aria-labelledby="gate-heading" className={`${cardClass} max-w-3xl border-2 border-blue-900`}>
          <h2 id="gate-heading" className="text-std-20B-150">
            {t('agencies.conference.gateHeading')}
          </h2>
          <p className="text-std-16N-170">{t('agencies.conference.gateLead')}</p>
          <Checkbox
            id="gate-confirm"
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
            label={t('agencies.conference.gateConfirm')}
          />
          {ack.isError && (
            <Notice tone="error">
              <p>{problemMessage(ack.error)}</p>
            </Notice>
          )}
          <button
            type="button"
            className={`${primaryButtonClass} self-start`}
            disabled={!confirmed || ack.isPending}
            onClick={() => ack.mutate()}
          >
            {t('agencies.conference.gateOpen')}
          </button>
        </section>
      ) : conference.isError ? (
        <Notice tone="error">
          <p>{problemMessage(conference.error)}</p>
        </Notice>
      ) : null}
      {c && <ConferenceBody conference={c} />}
    </>
  );
}

function ConferenceBody({ conference: c }: { conference: Conference }) {
  const { t, i18n } = useTranslation();
  const canManage = useCan('conferences.manage');
  const nicknameOf = (id: string | null) => c.persons.find((p) => p.id === id)?.nickname;
  const byKind = (k: ConferenceItem['kind']) => c.items.filter((i) => i.kind === k);
  return (
    <>
      <p className="text-std-16N-170">
        {t(`agencies.conferences.kinds.${c.kind}`)} ／ {t('agencies.conferences.heldOn')}：
        {formatDay(c.heldOn, i18n.language)}
      </p>
      <section aria-labelledby="conf-agenda-heading" className="flex max-w-3xl flex-col gap-2">
        <h2 id="conf-agenda-heading" className="text-std-20B-150">
          {t('agencies.conference.agenda')}
        </h2>
        <p className="whitespace-pre-wrap text-std-16N-170">{c.agenda}</p>
      </section>
      <AgendaPersons conference={c} canManage={canManage} />
      <Participants conference={c} canManage={canManage} />
      <section aria-labelledby="conf-items-heading" className="flex max-w-3xl flex-col gap-3">
        <h2 id="conf-items-heading" className="text-std-20B-150">
          {t('agencies.conference.items')}
        </h2>
        {c.items.length === 0 && <p>{t('agencies.conference.noItems')}</p>}
        {(['decision', 'action', 'material', 'share'] as const).map((k) =>
          byKind(k).length ? (
            <div key={k} className="flex flex-col gap-1">
              <h3 className="text-std-17B-170">{t(`agencies.conference.itemKinds.${k}`)}</h3>
              <ul className="list-disc pl-6 text-std-16N-170">
                {byKind(k).map((i) => (
                  <li key={i.id}>
                    {nicknameOf(i.personId) && `${withHonorific(nicknameOf(i.personId)!)}：`}
                    {i.text}
                    {i.agencyName && ` ／ ${t('agencies.conference.agency')}：${i.agencyName}`}
                    {i.scope && ` ／ ${t('agencies.conference.scope')}：${i.scope}`}
                    {i.ownerLabel && ` ／ ${t('agencies.conference.owner')}：${i.ownerLabel}`}
                    {i.due && ` ／ ${t('agencies.conference.due')}：${formatDay(i.due, i18n.language)}`}
                    {i.basis && ` ／ ${t('agencies.conference.basis')}：${t(`agencies.bases.${i.basis}`)}`}
                  </li>
                ))}
              </ul>
            </div>
          ) : null,
        )}
      </section>
      <Minutes conference={c} canManage={canManage} />
      <AddItemForm conference={c} />
    </>
  );
}

function AddItemForm({ conference: c }: { conference: Conference }) {
  const { t } = useTranslation();
  const id = c.id;
  const queryClient = useQueryClient();
  const agencies = useQuery(agenciesQuery());
  const [kind, setKind] = useState<ConferenceItem['kind']>('action');
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [personId, setPersonId] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [scope, setScope] = useState('');
  // Decisions and shares may name an agency: then the person and what may be shared are asked for.
  const sharing = kind === 'decision' || kind === 'share';
  const form = useMutationForm({
    mutationFn: () =>
      addItem(id, {
        kind,
        text,
        ownerLabel: owner,
        due: due || null,
        personId: personId || null,
        agencyId: sharing && agencyId ? agencyId : null,
        scope: sharing && agencyId ? scope : '',
      }),
    successMessage: t('agencies.conference.added'),
    onSuccess: () => {
      setText('');
      setOwner('');
      setDue('');
      setScope('');
      return queryClient.invalidateQueries({ queryKey: agencyKeys.conference(id) });
    },
  });
  return (
    <CardSection
      headingId="conf-add-heading"
      heading={t('agencies.conference.addHeading')}
      className="max-w-3xl"
    >
      <MutationForm form={form} idPrefix="item" submitLabel={t('agencies.conference.add')}>
        <SelectField
          id="item-kind"
          label={t('agencies.conference.itemKind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as ConferenceItem['kind'])}
          options={(['decision', 'action', 'material', 'share'] as const).map((k) => ({
            value: k,
            label: t(`agencies.conference.itemKinds.${k}`),
          }))}
        />
        {c.persons.length > 0 && (
          <SelectField
            id="item-personId"
            label={t('agencies.conference.person')}
            value={personId}
            onChange={(e) => setPersonId(e.target.value)}
            options={[
              { value: '', label: t('agencies.conference.noPerson') },
              ...c.persons.map((p) => ({ value: p.id, label: withHonorific(p.nickname) })),
            ]}
          />
        )}
        {sharing && (
          <>
            <SelectField
              id="item-agencyId"
              label={t('agencies.conference.shareWith')}
              value={agencyId}
              onChange={(e) => setAgencyId(e.target.value)}
              options={[
                { value: '', label: t('agencies.conference.noAgency') },
                ...(agencies.data?.items ?? [])
                  .filter((a) => a.active)
                  .map((a) => ({ value: a.id, label: a.name })),
              ]}
            />
            {agencyId && (
              <TextAreaField
                id="item-scope"
                label={t('agencies.conference.scope')}
                hint={t('agencies.conference.scopeHint')}
                value={scope}
                compact
                onChange={(e) => setScope(e.target.value)}
              />
            )}
          </>
        )}
        <TextAreaField
          id="item-text"
          label={t('agencies.conference.text')}
          value={text}
          compact
          onChange={(e) => setText(e.target.value)}
        />
        <TextField
          id="item-ownerLabel"
          label={t('agencies.conference.owner')}
          value={owner}
          onChange={(e) => setOwner(e.target.value)}
        />
        <TextField
          id="item-due"
          type="date"
          label={t('agencies.conference.due')}
          value={due}
          onChange={(e) => setDue(e.target.value)}
        />
      </MutationForm>
    </CardSection>
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
                      at: formatStaffInstant(v.savedAt, i18n.language),
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
              time: formatStaffInstant(draft.restoredAt, i18n.language),
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
