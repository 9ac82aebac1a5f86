import './i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { secondaryButtonClass } from '../../ui/styles.ts';
import {
  cancelSession,
  type PublicRegistration,
  type RegistrationSession,
  registrationQuery,
} from './api.ts';
import { formatSession } from './format.ts';

/** The token travels in the fragment (`#token=…`): never sent in a request line, a log or a Referer. */
function tokenFromHash(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]!) : '';
}

/** `/events/registration#token=…`: the private link. Status per session and cancellation per session. */
export function RegistrationPage() {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const queryClient = useQueryClient();
  const [token] = useState(tokenFromHash);
  const query = useQuery({ ...registrationQuery(token), enabled: token !== '' });
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const missing = token === '' || isApiError(query.error, 404);
  const r = query.data;

  const cancel = async (s: RegistrationSession) => {
    const when = formatSession(s.startsAt, s.endsAt, t);
    if (!window.confirm(t('events.registration.cancelConfirm', { seq: s.seq, when }))) return;
    setBusy(s.sessionId);
    setError(null);
    try {
      const next = await cancelSession(token, s.sessionId);
      queryClient.setQueryData<PublicRegistration>(registrationQuery(token).queryKey, next);
      setStatus(t('events.registration.cancelled', { seq: s.seq }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeading title={t('events.registration.title')}>{t('events.registration.title')}</PageHeading>
      <LiveStatus message={status} />
      {missing && <Notice tone="error">{t('events.registration.missing')}</Notice>}
      {query.isPending && token !== '' && <p role="status">{t('common.loading')}</p>}
      {query.isError && !missing && (
        <Notice tone="error">
          <p>{problemMessage(query.error)}</p>
        </Notice>
      )}
      {error !== null && (
        <Notice tone="error">
          <p>{problemMessage(error)}</p>
        </Notice>
      )}
      {r && <RegistrationSeats r={r} busy={busy} onCancel={(session) => void cancel(session)} />}
    </>
  );
}

/** A registration's sessions with their state and a cancel button each (by link or by code). */
export function RegistrationSeats({
  r,
  busy,
  onCancel,
}: {
  r: PublicRegistration;
  busy: string | null;
  onCancel: (session: RegistrationSession) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2 lang="ja" className="text-std-24B-150">
        {r.event.title}
      </h2>
      {r.event.status === 'cancelled' && (
        <Notice tone="warning">{t('events.registration.eventCancelled')}</Notice>
      )}
      <p className="text-std-16N-170">{t('events.registration.lead')}</p>
      <p className="text-std-16N-170">{t('events.registration.people', { count: r.people })}</p>
      {!r.hasContact && <p className="text-std-16N-170">{t('events.registration.noContact')}</p>}
      <ol className="flex flex-col gap-3">
        {r.sessions.map((s) => (
          <li
            key={s.sessionId}
            className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 bg-white p-3"
          >
            <p className="text-std-16B-170">
              {r.sessions.length > 1 ? `${t('events.detail.session', { seq: s.seq })}　` : ''}
              {formatSession(s.startsAt, s.endsAt, t)}
            </p>
            {s.topic && (
              <p lang="ja" className="text-std-16N-170">
                {s.topic}
              </p>
            )}
            <p className="text-std-16B-170" data-testid={`seat-${s.seq}`}>
              {s.sessionStatus === 'cancelled'
                ? t('events.detail.cancelledSession')
                : s.status === 'waitlisted'
                  ? s.waitlistPosition
                    ? t('events.registration.status.waitlisted', { position: s.waitlistPosition })
                    : t('events.registration.status.waitlistedNoPos')
                  : t(`events.registration.status.${s.status}`)}
            </p>
            {s.cancellable && (
              <button
                type="button"
                className={`${secondaryButtonClass} self-start`}
                disabled={busy !== null}
                onClick={() => onCancel(s)}
                aria-label={`${t('events.registration.cancel')}（${t('events.detail.session', { seq: s.seq })}）`}
              >
                {t('events.registration.cancel')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
