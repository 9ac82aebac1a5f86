import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import { useServerDraft } from '../../../api/drafts.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { formatStaffDay, formatStaffInstant } from '../../../ui/datetime.ts';
import { CheckboxGroup, TextAreaField } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import {
  cardClass,
  compactButtonClass,
  linkClass,
  primaryButtonClass,
  secondaryButtonClass,
} from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import {
  addNote,
  CONTACT_TYPES,
  type ContactType,
  type NoteConflict,
  type NoteInput,
  type NoteView,
  noteInputOf,
  PARTICIPANTS,
  type PersonDetail,
  READER_ROLES,
  recordQuery,
  supportKeys,
  timelineQuery,
  updateNote,
} from '../api.ts';
import { ConflictPanel } from './ConflictPanel.tsx';
import { FamilySection } from './FamilySection.tsx';
import { Measures } from './Measures.tsx';
import { PlanLinks } from './PlanLinks.tsx';
import { RecordNav } from './RecordHeader.tsx';

/*
 * One file over 500 lines for now: the note forms at its end are the natural split. Their fields now
 * come from src/web/ui/Fields.tsx, so nothing holds that split back any more (issue 20 item 2).
 */

/**
 * `/console/support/persons/{id}`: the person's record (header, contact wishes, timeline, notes).
 * `links` is what other features offer on the record (the agencies' referrals and rights), passed in
 * by the route that composes them (src/web/routes/support-person.tsx), shown below the plan links.
 */
export function PersonPage({ id, links }: { id: string; links?: ReactNode }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const person = useQuery(recordQuery(id));
  const title = person.data?.nickname ?? t('common.loading');

  return (
    <>
      <Link to="/console/support" className={`${linkClass} inline-flex min-h-11 items-center self-start`}>
        {t('support.person.back')}
      </Link>
      <PageHeading title={title}>{title}</PageHeading>
      {person.isError ? (
        <Notice tone="error">
          <p>{problemMessage(person.error)}</p>
        </Notice>
      ) : person.isPending ? null : (
        <>
          <PersonHeader person={person.data} />
          <RecordNav personId={id} current="record" canManage={person.data.access.canManage} />
          {person.data.mergedIds.length > 0 && (
            <Notice tone="info">
              <p>{t('support.records.mergedNotice', { count: person.data.mergedIds.length })}</p>
            </Notice>
          )}
          <FamilySection person={person.data} />
          <PlanLinks personId={id} />
          {links}
          <Timeline personId={id} />
          <section aria-labelledby="add-note-heading" className={`${cardClass} max-w-3xl`}>
            <h2 id="add-note-heading" className="text-std-20B-150">
              {t('support.person.addHeading')}
            </h2>
            <NoteForm personId={id} />
          </section>
          <Measures personId={id} />
        </>
      )}
    </>
  );
}

function PersonHeader({ person }: { person: PersonDetail }) {
  const { t, i18n } = useTranslation();
  const prefs = person.contactPreferences;
  const channels = (list: string[]) =>
    list.length
      ? list.map((c) => t(`support.person.channelNames.${c}`)).join('、')
      : t('support.person.none');
  return (
    <>
      <p className="text-std-16N-170">
        {person.daysSinceContact === null
          ? t('support.person.noContact')
          : t('support.person.lastContact', { days: person.daysSinceContact })}
        {person.nextContactOn && (
          <>
            {' '}
            <span data-testid="next-contact">
              {t('support.person.nextContact', {
                date: formatStaffDay(person.nextContactOn, i18n.language),
              })}
            </span>
          </>
        )}
      </p>
      {person.familyOnly && (
        <Notice tone="info">
          <p>{t('support.person.familyOnly')}</p>
        </Notice>
      )}
      <section
        aria-labelledby="prefs-heading"
        data-testid="contact-preferences"
        className="flex max-w-3xl flex-col gap-3 rounded-8 border-2 border-blue-900 bg-white p-4"
      >
        <h2 id="prefs-heading" className="text-std-20B-150">
          {t('support.person.preferencesHeading')}
        </h2>
        {prefs.noHomeVisits && (
          <p className="rounded-6 bg-yellow-50 px-3 py-2 text-std-20B-150 text-solid-gray-900">
            {t('support.person.noHomeVisits')}
          </p>
        )}
        <dl className="grid gap-x-6 gap-y-2 text-std-16N-170 sm:grid-cols-[max-content_1fr]">
          <dt className="font-bold">{t('support.person.channels')}</dt>
          <dd>{channels(prefs.channels)}</dd>
          <dt className="font-bold">{t('support.person.avoid')}</dt>
          <dd>{channels(prefs.avoid)}</dd>
          <dt className="font-bold">{t('support.person.pace')}</dt>
          <dd>{t(`support.person.paces.${prefs.pace}`)}</dd>
          <dt className="font-bold">{t('support.person.times')}</dt>
          <dd>{prefs.times || t('support.person.none')}</dd>
          {prefs.note && (
            <>
              <dt className="font-bold">{t('support.person.prefNote')}</dt>
              <dd className="whitespace-pre-wrap">{prefs.note}</dd>
            </>
          )}
        </dl>
      </section>
      <section aria-labelledby="consents-heading" className="flex max-w-3xl flex-col gap-2">
        <h2 id="consents-heading" className="text-std-20B-150">
          {t('support.person.consentsHeading')}
        </h2>
        <ul className="list-disc pl-6 text-std-16N-170">
          {person.consents.map((c) => (
            <li key={c.recordId}>
              {t('support.person.consentLine', {
                purpose: c.recipientName
                  ? `${t(`support.person.purposes.${c.purpose}`)}（${c.recipientName}）`
                  : t(`support.person.purposes.${c.purpose}`),
                status: t(`support.person.consentStatuses.${c.status}`),
                since: c.since,
              })}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Timeline({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const timeline = useQuery(timelineQuery(personId));
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <section aria-labelledby="timeline-heading" className="flex max-w-3xl flex-col gap-3">
      <h2 id="timeline-heading" className="text-std-20B-150">
        {t('support.person.timelineHeading')}
      </h2>
      <LiveStatus message={status} />
      {timeline.isError ? (
        <Notice tone="error">
          <p>{problemMessage(timeline.error)}</p>
        </Notice>
      ) : timeline.isPending ? (
        <p>{t('common.loading')}</p>
      ) : timeline.data.items.length === 0 ? (
        <p className="text-std-16N-170">{t('support.person.timelineEmpty')}</p>
      ) : (
        <ol className="flex flex-col gap-3">
          {timeline.data.items.map((note) => (
            <li key={note.id} className={cardClass} data-testid="note">
              {editing === note.id ? (
                <NoteEditor
                  note={note}
                  onDone={(message) => {
                    setEditing(null);
                    setStatus(message);
                  }}
                />
              ) : (
                <>
                  <NoteBody note={note} />
                  <div>
                    <button
                      type="button"
                      className={compactButtonClass}
                      onClick={() => {
                        setStatus(null);
                        setEditing(note.id);
                      }}
                    >
                      {t('support.person.edit')}
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function NoteMeta({
  note,
}: {
  note: Pick<NoteInput, 'contactType' | 'occurredAt' | 'durationMinutes' | 'sensitive' | 'readableBy'>;
}) {
  const { t, i18n } = useTranslation();
  return (
    <p className="flex flex-wrap gap-x-3 text-dns-16B-130">
      <span>{formatStaffInstant(note.occurredAt, i18n.language)}</span>
      <span>{t(`support.person.contactTypes.${note.contactType}`)}</span>
      {note.durationMinutes !== null && (
        <span>{t('support.person.minutes', { count: note.durationMinutes })}</span>
      )}
      {note.sensitive && (
        <span className="text-error-2">
          {t('support.person.sensitiveMark', {
            roles: note.readableBy.map((r) => t(`support.person.readers.${r}`)).join('・'),
          })}
        </span>
      )}
    </p>
  );
}

function NoteBody({ note }: { note: NoteView }) {
  const { t } = useTranslation();
  return (
    <>
      <NoteMeta note={note} />
      <p className="text-dns-14N-130 text-solid-gray-700">
        {note.participants.map((p) => t(`support.person.participantNames.${p}`)).join('、')} ・{' '}
        {t('support.person.version', { version: note.version })}
      </p>
      <p className="whitespace-pre-wrap break-words text-std-16N-170" data-testid="note-text">
        {note.text}
      </p>
    </>
  );
}

/** A value for `<input type="datetime-local">` in Tokyo time, and back to ISO with +09:00. */
function toLocalInput(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 9 * 3600_000);
  return d.toISOString().slice(0, 16);
}
function fromLocalInput(value: string): string {
  return `${value}:00+09:00`;
}

type Draft = {
  contactType: ContactType;
  occurredAt: string;
  duration: string;
  participants: string[];
  text: string;
  sensitive: boolean;
  readableBy: string[];
  /** Only on a new note: the next planned contact, saved on the person with it. */
  nextContactOn?: string;
};

function draftOf(note: NoteInput): Draft {
  return {
    contactType: note.contactType,
    occurredAt: toLocalInput(note.occurredAt),
    duration: note.durationMinutes === null ? '' : String(note.durationMinutes),
    participants: note.participants,
    text: note.text,
    sensitive: note.sensitive,
    readableBy: note.readableBy,
  };
}

function inputOf(draft: Draft): NoteInput {
  const minutes = Number.parseInt(draft.duration.normalize('NFKC'), 10);
  return {
    contactType: draft.contactType,
    occurredAt: fromLocalInput(draft.occurredAt),
    durationMinutes: Number.isFinite(minutes) ? minutes : null,
    participants: draft.participants,
    text: draft.text,
    sensitive: draft.sensitive,
    readableBy: draft.sensitive ? draft.readableBy : [],
    ...(draft.nextContactOn ? { nextContactOn: draft.nextContactOn } : {}),
  };
}

function validate(draft: Draft, t: (key: string) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (draft.participants.length === 0) errors.participants = t('support.person.participantsRequired');
  if (!draft.text.trim()) errors.text = t('support.person.textRequired');
  if (draft.sensitive && draft.readableBy.length === 0)
    errors.readableBy = t('support.person.readableRequired');
  return errors;
}

function NoteFields({
  idPrefix,
  draft,
  setDraft,
  local,
}: {
  idPrefix: string;
  draft: Draft;
  setDraft: (d: Draft) => void;
  local: Record<string, string>;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          id={`${idPrefix}-contactType`}
          label={t('support.person.contactType')}
          value={draft.contactType}
          onChange={(e) => set('contactType', e.target.value as ContactType)}
          options={CONTACT_TYPES.map((c) => ({ value: c, label: t(`support.person.contactTypes.${c}`) }))}
        />
        <TextField
          id={`${idPrefix}-occurredAt`}
          type="datetime-local"
          label={t('support.person.occurredAt')}
          value={draft.occurredAt}
          onChange={(e) => set('occurredAt', e.target.value)}
        />
        <TextField
          id={`${idPrefix}-durationMinutes`}
          inputMode="numeric"
          label={t('support.person.duration')}
          value={draft.duration}
          onChange={(e) => set('duration', e.target.value)}
        />
      </div>
      <CheckboxGroup
        id={`${idPrefix}-participants`}
        legend={t('support.person.participants')}
        error={local.participants}
        value={draft.participants}
        onChange={(v) => set('participants', v)}
        options={PARTICIPANTS.map((p) => ({ value: p, label: t(`support.person.participantNames.${p}`) }))}
      />
      <TextAreaField
        id={`${idPrefix}-text`}
        label={t('support.person.text')}
        error={local.text}
        maxLength={20000}
        value={draft.text}
        onChange={(e) => set('text', e.target.value)}
      />
      <Checkbox
        id={`${idPrefix}-sensitive`}
        label={t('support.person.sensitive')}
        checked={draft.sensitive}
        onChange={(e) => set('sensitive', e.target.checked)}
      />
      {draft.sensitive && (
        <CheckboxGroup
          id={`${idPrefix}-readableBy`}
          legend={t('support.person.readableBy')}
          error={local.readableBy}
          value={draft.readableBy}
          onChange={(v) => set('readableBy', v)}
          options={READER_ROLES.map((r) => ({ value: r, label: t(`support.person.readers.${r}`) }))}
        />
      )}
    </>
  );
}

function nowLocal(): string {
  return toLocalInput(new Date().toISOString());
}

function NoteForm({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const empty = (): Draft => ({
    contactType: 'phone',
    occurredAt: nowLocal(),
    duration: '',
    participants: ['person', 'consultation_staff'],
    text: '',
    sensitive: false,
    readableBy: [],
  });
  const [draft, setDraft] = useState<Draft>(empty);
  const saved = useServerDraft(`note:${personId}`, draft, setDraft, (d) => !d.text.trim());
  const form = useMutationForm({
    mutationFn: () => addNote(personId, inputOf(draft)),
    successMessage: t('support.person.saved'),
    onSuccess: async () => {
      await saved.discard();
      setDraft(empty());
      return queryClient.invalidateQueries({ queryKey: supportKeys.person(personId) });
    },
    validate: () => validate(draft, t),
  });

  return (
    <form noValidate onSubmit={form.submit} className="flex flex-col gap-4">
      <LiveStatus message={form.status} />
      {saved.restoredAt && (
        <Notice tone="info">
          {t('support.person.draftRestored', { time: formatStaffInstant(saved.restoredAt, i18n.language) })}
        </Notice>
      )}
      <FormProblem error={form.mutation.error} local={form.local} idPrefix="note" focusKey={form.focusKey} />
      <NoteFields idPrefix="note" draft={draft} setDraft={setDraft} local={form.local} />
      <TextField
        id="note-nextContactOn"
        type="date"
        label={t('support.person.nextContactOn')}
        hint={t('support.person.nextContactHint')}
        value={draft.nextContactOn ?? ''}
        onChange={(e) => setDraft({ ...draft, nextContactOn: e.target.value })}
      />
      <p className="text-dns-14N-130 text-solid-gray-700">{t('support.person.draftHint')}</p>
      <div>
        <button type="submit" className={primaryButtonClass} disabled={form.mutation.isPending}>
          {form.mutation.isPending ? t('support.person.saving') : t('support.person.save')}
        </button>
      </div>
    </form>
  );
}

/**
 * Correcting a note: sends the version it started from. When someone else saved first (409), both
 * versions are shown side by side and nothing typed is lost: keep mine (saved over the current
 * version) or take the current one.
 */
function NoteEditor({ note, onDone }: { note: NoteView; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(noteInputOf(note)));
  const [baseVersion, setBaseVersion] = useState(note.version);
  const [conflict, setConflict] = useState<NoteConflict | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const prefix = `edit-${note.id.slice(0, 8)}`;

  async function save(version: number) {
    setBusy(true);
    try {
      await updateNote(note.personId, note.id, version, inputOf(draft));
      await queryClient.invalidateQueries({ queryKey: supportKeys.person(note.personId) });
      onDone(t('support.person.updated'));
    } catch (e) {
      if (isApiError(e, 409) && e.problem.extra?.current) {
        setConflict({
          current: e.problem.extra.current as NoteView,
          yours: e.problem.extra.yours as NoteConflict['yours'],
        });
        setError(null);
      } else {
        setError(e);
        setFocusKey((k) => k + 1);
      }
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = validate(draft, t);
    setLocal(errors);
    setError(null);
    if (Object.keys(errors).length > 0) {
      setFocusKey((k) => k + 1);
      return;
    }
    void save(baseVersion);
  }

  if (conflict) {
    const mine = inputOf(draft);
    return (
      <ConflictPanel
        idPrefix={prefix}
        testId="note-conflict"
        currentVersion={conflict.current.version}
        current={
          <>
            <NoteMeta note={conflict.current} />
            <p className="whitespace-pre-wrap break-words text-std-16N-170">{conflict.current.text}</p>
          </>
        }
        yours={
          <>
            <NoteMeta note={mine} />
            <p className="whitespace-pre-wrap break-words text-std-16N-170">{mine.text}</p>
          </>
        }
        busy={busy}
        onKeepMine={() => {
          const version = conflict.current.version;
          setBaseVersion(version);
          setConflict(null);
          void save(version);
        }}
        onTakeCurrent={async () => {
          await queryClient.invalidateQueries({ queryKey: supportKeys.person(note.personId) });
          onDone(null);
        }}
      />
    );
  }

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4" aria-labelledby={`${prefix}-heading`}>
      <h3 id={`${prefix}-heading`} className="text-std-17B-170">
        {t('support.person.editHeading')} ({t('support.person.version', { version: baseVersion })})
      </h3>
      <FormProblem error={error} local={local} idPrefix={prefix} focusKey={focusKey} />
      <NoteFields idPrefix={prefix} draft={draft} setDraft={setDraft} local={local} />
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={primaryButtonClass} disabled={busy}>
          {busy ? t('support.person.saving') : t('support.person.editSave')}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={() => onDone(null)}>
          {t('support.person.cancel')}
        </button>
      </div>
    </form>
  );
}
