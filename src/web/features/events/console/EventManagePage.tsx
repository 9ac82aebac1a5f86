import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { TextAreaField } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { ListFilterBar, ListFilterSelect, matchesAllWords } from '../../../ui/ListFilterBar.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import {
  compactButtonClass,
  compactInputClass,
  linkClass,
  tableClass,
  tdClass,
  thClass,
} from '../../../ui/styles.ts';
import {
  registrationsQuery,
  type SeatStatus,
  type StaffEvent,
  type StaffRegistration,
  type StaffSession,
  staffEventQuery,
} from '../api.ts';
import { formatSession } from '../format.ts';
import { EventEditPage } from './EventEditPage.tsx';

/** `/console/events/{id}`: people and attendance per session, registrants, a message, and the edit form. */
export function EventManagePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const event = useQuery(staffEventQuery(id));
  const registrations = useQuery(registrationsQuery(id));
  const [status, setStatus] = useState('');
  // The registrations of one event come whole: filtered and ordered in the browser.
  const [regQ, setRegQ] = useState('');
  const [regStatus, setRegStatus] = useState<SeatStatus | ''>('');
  const [regSort, setRegSort] = useState<'created' | 'nickname' | 'people'>('created');
  const shownRegistrations = (registrations.data?.items ?? [])
    .filter(
      (r) =>
        (!regStatus || r.sessions.some((s) => s.status === regStatus)) &&
        matchesAllWords(regQ, [r.nickname, r.needs]),
    )
    .sort((a, b) =>
      regSort === 'nickname'
        ? a.nickname.localeCompare(b.nickname, 'ja')
        : regSort === 'people'
          ? b.people - a.people || a.createdAt.localeCompare(b.createdAt)
          : a.createdAt.localeCompare(b.createdAt),
    );
  const e = event.data;
  if (event.isError)
    return (
      <Notice tone="error">
        <p>{problemMessage(event.error)}</p>
      </Notice>
    );
  if (!e) return <p>{t('common.loading')}</p>;
  const seqOf = new Map(e.sessions.map((s) => [s.id, s.seq]));
  return (
    <>
      <PageHeading title={e.title} lang="ja">
        {e.title}
      </PageHeading>
      <p className="text-std-16N-170">
        {t(`events.console.status.${e.status}`)} ・{' '}
        {e.status !== 'draft' && (
          <Link to="/events/$id" params={{ id: e.id }} className={linkClass}>
            {t('events.console.publicPage')}
          </Link>
        )}
      </p>
      <LiveStatus message={status} />
      <section aria-labelledby="ev-sessions" className="flex flex-col gap-3">
        <h2 id="ev-sessions" className="text-std-24B-150">
          {t('events.console.sessionsTitle')}
        </h2>
        <p className="text-std-16N-170">{t('events.console.attendanceHint')}</p>
        <ol className="flex flex-col gap-2">
          {e.sessions.map((s) => (
            <SessionRow key={s.id} event={e} session={s} onSaved={setStatus} />
          ))}
        </ol>
      </section>
      <section aria-labelledby="ev-registrations" className="flex flex-col gap-3">
        <h2 id="ev-registrations" className="text-std-24B-150">
          {t('events.console.registrationsTitle')}
        </h2>
        <p className="text-dns-16N-130 text-solid-gray-700">{t('events.console.registrationsNote')}</p>
        {registrations.isError ? (
          <Notice tone="error">
            <p>{problemMessage(registrations.error)}</p>
          </Notice>
        ) : !registrations.data ? (
          <p>{t('common.loading')}</p>
        ) : registrations.data.items.length === 0 ? (
          <p>{t('events.console.noRegistrations')}</p>
        ) : (
          <>
            <ListFilterBar
              id="registrations"
              label={t('events.console.regFilter.label')}
              text={{
                label: t('events.console.regFilter.text'),
                value: regQ,
                onApply: setRegQ,
                applyLabel: t('events.console.regFilter.apply'),
              }}
              sort={{
                label: t('events.console.regFilter.sort'),
                value: regSort,
                onChange: setRegSort,
                options: (['created', 'nickname', 'people'] as const).map((value) => ({
                  value,
                  label: t(`events.console.regFilter.sorts.${value}`),
                })),
              }}
            >
              <ListFilterSelect
                id="registrations-status"
                label={t('events.console.regFilter.status')}
                value={regStatus}
                onChange={setRegStatus}
                allLabel={t('events.console.regFilter.allStatuses')}
                options={(['confirmed', 'waitlisted', 'cancelled'] as const).map((v) => ({
                  value: v,
                  label: t(`events.registration.status.${v}`),
                }))}
              />
            </ListFilterBar>
            {shownRegistrations.length === 0 ? (
              <p>{t('events.console.regFilter.noneMatch')}</p>
            ) : (
              <DataTable label={t('events.console.registrationsTitle')}>
                <table className={tableClass}>
                  <thead>
                    <tr>
                      {(['nickname', 'people', 'contact', 'needs', 'sessions'] as const).map((c) => (
                        <th key={c} scope="col" className={thClass}>
                          {t(`events.console.regColumns.${c}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {shownRegistrations.map((r) => (
                      <tr key={r.id}>
                        <td className={tdClass} lang="ja">
                          {r.nickname}
                          {r.nameConsent && (
                            <span className="block text-dns-14N-130">{t('events.console.nameConsent')}</span>
                          )}
                        </td>
                        <td className={tdClass}>{r.people}</td>
                        <td className={`${tdClass} break-all`}>
                          {[r.email, r.phone].filter(Boolean).join(' / ')}
                        </td>
                        <td className={tdClass} lang="ja">
                          {r.needs}
                        </td>
                        <td className={tdClass}>
                          {r.sessions
                            .map(
                              (s) =>
                                `${e.isSeries ? `${seqOf.get(s.sessionId) ?? s.seq}: ` : ''}${
                                  s.status === 'waitlisted'
                                    ? waitingReason(t, r.people, s)
                                    : t(`events.registration.status.${s.status}`)
                                }`,
                            )
                            .join(' ／ ')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </DataTable>
            )}
          </>
        )}
      </section>
      <MessageForm id={id} onSent={setStatus} />
      <EventEditPage id={id} />
    </>
  );
}

function SessionRow({
  event,
  session: s,
  onSaved,
}: {
  event: StaffEvent;
  session: StaffSession;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [count, setCount] = useState(s.attendanceCount === null ? '' : String(s.attendanceCount));
  // The page's live region tells of the success (onSaved).
  const save = useMutationForm({
    mutationFn: () =>
      api<StaffEvent>(`/api/events/${event.id}/sessions/${s.id}/attendance`, {
        method: 'PUT',
        body: { count: Number(count) },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(staffEventQuery(event.id).queryKey, saved);
      onSaved(t('events.console.attendanceSaved', { seq: s.seq }));
    },
  });
  const label = `${event.isSeries ? `${t('events.detail.session', { seq: s.seq })} ` : ''}${formatSession(
    s.startsAt,
    s.endsAt,
    t,
  )}`;
  return (
    <li className="flex flex-col gap-2 rounded-6 border border-solid-gray-420 bg-white p-3">
      <p className="text-std-16B-170">
        {label}
        {s.topic ? ` ${s.topic}` : ''}
      </p>
      <p className="text-dns-16N-130">
        {t('events.console.columns.confirmed')}: {s.confirmedPeople}
        {event.capacity !== null ? ` / ${event.capacity}` : ''} ・ {t('events.console.columns.waitlisted')}:{' '}
        {s.waitlistedPeople}
      </p>
      <FormProblem error={save.mutation.error} idPrefix={`att-${s.seq}`} focusKey={save.focusKey} />
      <form onSubmit={save.submit} className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`att-${s.seq}-count`} className="text-dns-16B-130">
            {t('events.console.attendance')}（{t('events.detail.session', { seq: s.seq })}）
          </label>
          <input
            id={`att-${s.seq}-count`}
            type="number"
            min={0}
            inputMode="numeric"
            className={compactInputClass}
            value={count}
            onChange={(e) => setCount(e.target.value)}
          />
        </div>
        <button
          type="submit"
          className={compactButtonClass}
          disabled={save.mutation.isPending || count === ''}
        >
          {t('events.console.recordAttendance')}
        </button>
      </form>
    </li>
  );
}

function MessageForm({ id, onSent }: { id: string; onSent: (message: string) => void }) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [includeWaitlisted, setIncludeWaitlisted] = useState(false);
  // The page's live region tells of the success (onSent).
  const send = useMutationForm({
    mutationFn: () =>
      api<{ queued: number; withoutContact: number }>(`/api/events/${id}/messages`, {
        method: 'POST',
        body: { subject, body, includeWaitlisted },
      }),
    onSuccess: (r) => {
      onSent(t('events.console.sent', { queued: r.queued, without: r.withoutContact }));
      setSubject('');
      setBody('');
    },
  });
  return (
    <section aria-labelledby="ev-message" className="flex flex-col gap-3">
      <h2 id="ev-message" className="text-std-24B-150">
        {t('events.console.messageTitle')}
      </h2>
      <p className="text-std-16N-170">{t('events.console.messageLead')}</p>
      <FormProblem error={send.mutation.error} idPrefix="msg" focusKey={send.focusKey} />
      <form onSubmit={send.submit} className="flex flex-col gap-3 rounded-8 bg-white p-4">
        <div className="flex flex-col gap-1">
          <label htmlFor="msg-subject" className="text-dns-16B-130">
            {t('events.console.subject')}
          </label>
          <input
            id="msg-subject"
            className={compactInputClass}
            maxLength={120}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
          />
        </div>
        <TextAreaField
          id="msg-body"
          compact
          label={t('events.console.body')}
          maxLength={4000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <Checkbox
          id="msg-waitlisted"
          label={t('events.console.includeWaitlisted')}
          checked={includeWaitlisted}
          onChange={(e) => setIncludeWaitlisted(e.target.checked)}
        />
        <button
          type="submit"
          className={`${compactButtonClass} self-start`}
          disabled={send.mutation.isPending}
        >
          {t('events.console.send')}
        </button>
      </form>
    </section>
  );
}

/** Why a party waits, in words: full, or more people than the seats left (issue 19). */
function waitingReason(t: TFunction, people: number, s: StaffRegistration['sessions'][number]): string {
  const position = s.waitlistPosition ?? '';
  if (s.seatsLeft === null || s.seatsLeft === 0) return t('events.console.waitlistFull', { position });
  return t('events.console.waitlistDoesNotFit', { people, seats: s.seatsLeft, position });
}
