import type { ReactNode } from 'react';
import { useSlowNavigation } from './NavigationProgress.tsx';
import { SiteFooter } from './SiteFooter.tsx';
import { SiteHeader } from './SiteHeader.tsx';
import { SkipLink } from './SkipLink.tsx';
import { pageContainer } from './styles.ts';

/** Frame of every public page (and of the 404 page): skip link, header, main, footer. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const busy = useSlowNavigation();
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <SiteHeader />
      <main
        id="main"
        tabIndex={-1}
        aria-busy={busy || undefined}
        className={`${pageContainer} flex flex-1 flex-col gap-10 pt-8 md:pt-12`}
      >
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
