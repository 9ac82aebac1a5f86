import './i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../../api/me.ts';
import { logout } from '../../api/session.ts';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { useSlowNavigation } from '../../ui/NavigationProgress.tsx';
import { SkipLink } from '../../ui/SkipLink.tsx';
import { secondaryButtonClass } from '../../ui/styles.ts';
import { IdleWarning } from './IdleWarning.tsx';
import { visibleNavigation } from './navigation.ts';

const STAFF_LANGUAGES = ['ja', 'en'] as const;

/**
 * Frame of the staff console: who is signed in, the sections they may use, log out. Dense and
 * keyboard-friendly (ARCHITECTURE "Web"); the route's beforeLoad has already checked the session.
 */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const busy = useSlowNavigation();
  const me = useQuery(meQuery());
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const account = me.data?.account;
  // Until a required second factor is set up, the server refuses every other section: offer none.
  const enrolling = me.data?.mfa.enrolmentRequired === true;
  const entries = enrolling ? [] : visibleNavigation(account?.roles.map((r) => r.role) ?? []);

  return (
    <div className="flex min-h-dvh flex-col bg-solid-gray-50">
      <SkipLink />
      <IdleWarning
        idleSeconds={me.data?.session.idleSeconds ?? 0}
        renew={() => queryClient.fetchQuery({ ...meQuery(), staleTime: 0 })}
        signOut={signOut}
      />
      <header className="border-b border-solid-gray-420 bg-white">
        <div className="mx-auto flex w-full max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-2">
          <div className="flex items-baseline gap-3">
            <span className="text-std-20B-150 text-solid-gray-900">{t('app.name')}</span>
            <span className="text-dns-16N-130 text-solid-gray-700">{t('console.title')}</span>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            {account && (
              <p className="text-dns-16N-130 text-solid-gray-800">
                {t('console.signedInAs', { name: account.displayName || account.email })}
              </p>
            )}
            <LogoutButton signOut={signOut} />
            {/* やさしい日本語 is written for the public pages; staff screens offer Japanese and English. */}
            <LanguageSwitch languages={STAFF_LANGUAGES} />
          </div>
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-6 px-4 py-6 md:flex-row">
        <nav aria-label={t('console.navLabel')} className="md:w-56 md:shrink-0">
          {enrolling && <p className="text-dns-16N-130 text-solid-gray-800">{t('console.navAfterSetup')}</p>}
          <ul className="flex flex-row flex-wrap gap-1 md:flex-col">
            {entries.map((entry) => (
              <li key={entry.id}>
                <Link
                  to={entry.path}
                  activeOptions={{ exact: !entry.matchChildren, includeSearch: false }}
                  className="flex min-h-11 items-center rounded-6 px-3 text-dns-16N-130 text-blue-1000 hover:bg-blue-50 hover:underline aria-[current=page]:bg-blue-900 aria-[current=page]:font-bold aria-[current=page]:text-white"
                >
                  {t(entry.labelKey)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main
          id="main"
          tabIndex={-1}
          aria-busy={busy || undefined}
          className="flex min-w-0 flex-1 flex-col gap-6"
        >
          <Outlet />
        </main>
      </div>
    </div>
  );
}

/** Signs out at the server and leaves nothing of the signed-in screens behind, even if the call fails. */
function useSignOut(): () => Promise<void> {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return async () => {
    try {
      await logout();
    } catch {
      // Even if the server call fails, this screen must not stay signed in.
    } finally {
      queryClient.clear();
      await navigate({ to: '/login', search: { signedOut: true } });
    }
  };
}

function LogoutButton({ signOut }: { signOut: () => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className={`${secondaryButtonClass} px-4`}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await signOut();
        setBusy(false);
      }}
    >
      {busy ? t('console.loggingOut') : t('console.logout')}
    </button>
  );
}
