import './i18n.ts';
import { useTranslation } from 'react-i18next';

/** The themes of a case as small labels (readable on a phone, printed as text). */
export function ThemeList({ themes }: { themes: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <ul className="flex flex-wrap gap-2" aria-label={t('cases.detail.themes')}>
      {themes.map((code) => (
        <li key={code} className="rounded-4 border border-blue-900 px-2 py-1 text-dns-14N-130 text-blue-1000">
          {t(`cases.theme.${code}`, { defaultValue: code })}
        </li>
      ))}
    </ul>
  );
}
