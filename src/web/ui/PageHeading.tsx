import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The page's one h1. It is the target of focus after client-side navigation (see RootLayout),
 * so screen-reader users hear the new page's name, and it sets the document title (WCAG 2.4.2).
 */
export function PageHeading({
  children,
  title,
  lang,
}: {
  children: ReactNode;
  title: string;
  lang?: string;
}) {
  useDocumentTitle(title);
  return (
    <h1
      id="page-heading"
      tabIndex={-1}
      lang={lang}
      className="text-std-28B-150 text-solid-gray-900 md:text-std-36B-140"
    >
      {children}
    </h1>
  );
}

export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  const suffix = t('app.titleSuffix');
  useEffect(() => {
    document.title = title === suffix ? suffix : `${title} | ${suffix}`;
  }, [title, suffix]);
}
