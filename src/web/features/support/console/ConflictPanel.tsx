import '../i18n.ts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../../ui/Notice.tsx';
import { primaryButtonClass, secondaryButtonClass } from '../../../ui/styles.ts';

/**
 * A stale save of a versioned record (note, plan, intake, person) answered 409: the version now on the
 * server and the edit that was refused, side by side, so nothing typed is lost. "Keep mine" saves the
 * edit over the current version; "take current" drops it. Each record type passes its own rendering
 * of the two versions and, where the words differ, its own labels.
 */
export function ConflictPanel({
  idPrefix,
  testId,
  currentVersion,
  current,
  yours,
  busy = false,
  onKeepMine,
  onTakeCurrent,
  heading,
  lead,
  yoursLabel,
  keepMineLabel,
  takeCurrentLabel,
}: {
  idPrefix: string;
  testId: string;
  currentVersion: number;
  current: ReactNode;
  yours: ReactNode;
  busy?: boolean;
  onKeepMine: () => void;
  onTakeCurrent: () => void;
  heading?: string;
  lead?: string;
  yoursLabel?: string;
  keepMineLabel?: string;
  takeCurrentLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`${idPrefix}-conflict`} className="flex flex-col gap-4" data-testid={testId}>
      <Notice tone="warning">
        <h3 id={`${idPrefix}-conflict`} className="text-std-17B-170" tabIndex={-1}>
          {heading ?? t('support.person.conflictHeading')}
        </h3>
        <p>{lead ?? t('support.person.conflictLead')}</p>
      </Notice>
      <div className="grid gap-4 md:grid-cols-2">
        <div
          className="flex min-w-0 flex-col gap-2 rounded-8 border border-solid-gray-420 p-3"
          data-testid="conflict-current"
        >
          <h4 className="text-dns-16B-130">{t('support.person.current', { version: currentVersion })}</h4>
          {current}
        </div>
        <div
          className="flex min-w-0 flex-col gap-2 rounded-8 border-2 border-blue-900 p-3"
          data-testid="conflict-yours"
        >
          <h4 className="text-dns-16B-130">{yoursLabel ?? t('support.person.yours')}</h4>
          {yours}
        </div>
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="button" className={primaryButtonClass} disabled={busy} onClick={onKeepMine}>
          {keepMineLabel ?? t('support.person.keepMine')}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onTakeCurrent}>
          {takeCurrentLabel ?? t('support.person.takeCurrent')}
        </button>
      </div>
    </section>
  );
}
