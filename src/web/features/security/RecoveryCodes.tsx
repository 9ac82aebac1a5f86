import './i18n.ts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';

/**
 * Recovery codes are shown once: the page says so plainly, offers printing, and (where a next step
 * follows) asks the person to confirm they kept them before moving on. They are never stored here.
 */
export function RecoveryCodes({
  codes,
  continueLabel,
  onContinue,
}: {
  codes: string[];
  continueLabel: string;
  onContinue: () => void;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <section
      aria-labelledby="recovery-codes-heading"
      className="recovery-codes flex flex-col gap-4 rounded-8 border-2 border-warning-yellow-2 bg-white p-4 md:p-6"
    >
      <h2 id="recovery-codes-heading" ref={headingRef} tabIndex={-1} className="text-std-20B-150">
        {t('recovery.heading')}
      </h2>
      <Notice tone="warning">
        <p className="font-bold">{t('recovery.warning')}</p>
        <p>{t('recovery.explain')}</p>
      </Notice>
      <ol
        aria-label={t('recovery.listLabel')}
        className="grid list-decimal grid-cols-1 gap-x-8 gap-y-1 pl-8 font-mono text-std-18N-160 sm:grid-cols-2"
      >
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-3 print:hidden">
        <button type="button" className={secondaryButtonClass} onClick={() => window.print()}>
          {t('recovery.print')}
        </button>
      </div>
      <div className="flex flex-col gap-3 print:hidden">
        <Checkbox
          id="recovery-saved"
          label={t('recovery.savedCheck')}
          checked={saved}
          onChange={(event) => setSaved(event.target.checked)}
        />
        <div>
          <button type="button" className={primaryButtonClass} disabled={!saved} onClick={onContinue}>
            {continueLabel}
          </button>
        </div>
      </div>
    </section>
  );
}
