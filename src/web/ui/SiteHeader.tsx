import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { pageContainer } from './styles.ts';

/** Two people's hands joined in a circle: the つながり mark (decorative). */
function LogoMark() {
  return (
    <svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false" className="shrink-0">
      <circle cx="15" cy="20" r="11" fill="none" stroke="#0017c1" strokeWidth="4" />
      <circle cx="25" cy="20" r="11" fill="none" stroke="#259d63" strokeWidth="4" />
    </svg>
  );
}

export function SiteHeader() {
  const { t } = useTranslation();
  return (
    <header className="border-b border-solid-gray-420 bg-white">
      <div className={`${pageContainer} flex flex-wrap items-center justify-between gap-x-6 gap-y-2 py-3`}>
        <Link
          to="/"
          className="flex min-h-11 items-center gap-3 rounded-4 text-solid-gray-900 no-underline hover:underline"
        >
          <LogoMark />
          <span className="flex flex-col">
            <span className="text-std-24B-150">{t('app.name')}</span>
            <span className="text-dns-14N-130 text-solid-gray-700">{t('app.tagline')}</span>
          </span>
        </Link>
        <LanguageSwitch />
      </div>
    </header>
  );
}
