import type { ReactNode } from 'react';

/**
 * A data table that may be wider than a phone: it scrolls inside its own region (WCAG 1.4.10 allows
 * this for tables) so the page itself never scrolls sideways. The region is focusable and named, so
 * keyboard users can scroll it too.
 */
export function DataTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable).
      tabIndex={0}
      className="relative max-w-full overflow-x-auto rounded-6 bg-white"
    >
      {children}
    </section>
  );
}
