import './i18n.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lastApiAnswerAt, setCsrfToken } from '../../api/client.ts';
import { primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';

/** Warn this long before the idle timeout. */
const WARN_BEFORE_MS = 3 * 60_000;
/** The server marks a session seen at most once a minute: its clock may have started up to a minute earlier. */
const SERVER_RESOLUTION_MS = 60_000;
const CHECK_EVERY_MS = 10_000;

type Phase = { kind: 'active' } | { kind: 'warning'; minutes: number } | { kind: 'expired' };

/**
 * Before the idle timeout (SESSION_IDLE_MINUTES) ends the session, a modal says so and offers to
 * continue (any answered request renews the session). When it has ended, the modal says the text is
 * kept as a draft and leads to sign-in, which brings the person back to this page. The browser's own
 * clock measures the time since the last answered request; no request is sent just to check, so an
 * open page never keeps a session alive by itself.
 */
export function IdleWarning({
  idleSeconds,
  renew,
  signOut,
}: {
  /** The session's idle timeout (from /api/auth/me); 0 while unknown. */
  idleSeconds: number;
  /** Any answered request renews the session; rejects when it has already ended. */
  renew: () => Promise<unknown>;
  signOut: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const path = useRouterState({ select: (s) => s.location.href });
  const idleMs = idleSeconds * 1000;
  const [phase, setPhase] = useState<Phase>({ kind: 'active' });
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const actionRef = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!idleMs) return;
    const check = () => {
      const left = lastApiAnswerAt() + idleMs - SERVER_RESOLUTION_MS - Date.now();
      if (left <= 0) setPhase({ kind: 'expired' });
      else if (left <= WARN_BEFORE_MS)
        setPhase({ kind: 'warning', minutes: Math.max(1, Math.ceil(left / 60_000)) });
      else setPhase({ kind: 'active' });
    };
    check();
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [idleMs]);

  const open = phase.kind !== 'active';
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      actionRef.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  const stay = async () => {
    setBusy(true);
    try {
      await renew();
      setPhase({ kind: 'active' });
    } catch {
      setPhase({ kind: 'expired' });
    } finally {
      setBusy(false);
    }
  };
  const signInAgain = () => {
    queryClient.clear();
    setCsrfToken(null);
    void navigate({ to: '/login', search: { expired: true, next: path } });
  };

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => event.preventDefault()}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-8 border border-solid-gray-420 bg-white p-0 text-solid-gray-900 shadow-lg backdrop:bg-black/50"
    >
      {open && (
        <div className="flex flex-col gap-4 p-6">
          <h2 id={`${id}-title`} className="text-std-20B-150">
            {phase.kind === 'expired' ? t('console.idle.expiredTitle') : t('console.idle.title')}
          </h2>
          <p id={`${id}-body`} className="text-std-16N-170">
            {phase.kind === 'warning'
              ? t('console.idle.body', { minutes: phase.minutes })
              : t('console.idle.expiredBody')}
          </p>
          <div className="flex flex-wrap justify-end gap-3">
            {phase.kind === 'warning' ? (
              <>
                <button
                  type="button"
                  className={secondaryButtonClass}
                  disabled={busy}
                  onClick={() => {
                    setBusy(true);
                    void signOut();
                  }}
                >
                  {t('console.idle.logout')}
                </button>
                <button
                  ref={actionRef}
                  type="button"
                  className={primaryButtonClass}
                  disabled={busy}
                  onClick={stay}
                >
                  {t('console.idle.continue')}
                </button>
              </>
            ) : (
              <button ref={actionRef} type="button" className={primaryButtonClass} onClick={signInAgain}>
                {t('console.idle.signIn')}
              </button>
            )}
          </div>
        </div>
      )}
    </dialog>
  );
}
