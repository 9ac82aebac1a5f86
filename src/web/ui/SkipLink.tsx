import { useTranslation } from 'react-i18next';

/** First focusable element on every page; visible when focused (WCAG 2.4.1). */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      href="#main"
      className="sr-only z-50 bg-yellow-300 px-4 py-3 text-std-16B-170 text-black focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
    >
      {t('a11y.skipToContent')}
    </a>
  );
}
