import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { compactButtonClass } from './styles.ts';

/** The cursors of the pages read so far, the current page's last: `[undefined]` is the first page. */
export type CursorTrail = (string | undefined)[];

/**
 * Previous and next for a cursor-paged list (Contract "Lists"). "Previous" pops the trail, so it
 * needs no cursor from the server; nothing is drawn while every item fits on the first page.
 */
export function CursorPager({
  cursors,
  setCursors,
  nextCursor,
}: {
  cursors: CursorTrail;
  setCursors: Dispatch<SetStateAction<CursorTrail>>;
  nextCursor: string | null;
}) {
  const { t } = useTranslation();
  if (cursors.length <= 1 && !nextCursor) return null;
  return (
    <nav aria-label={t('pager.label')} className="flex flex-wrap gap-3">
      <button
        type="button"
        className={compactButtonClass}
        disabled={cursors.length <= 1}
        onClick={() => setCursors((c) => c.slice(0, -1))}
      >
        {t('pager.previous')}
      </button>
      <button
        type="button"
        className={compactButtonClass}
        disabled={!nextCursor}
        onClick={() => nextCursor && setCursors((c) => [...c, nextCursor])}
      >
        {t('pager.next')}
      </button>
    </nav>
  );
}
