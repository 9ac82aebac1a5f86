import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compactButtonClass } from './styles.ts';

/**
 * Copies a code or link a person must keep (issue 21 item 9), so nobody has to copy a long code by
 * hand. The result is announced; where the browser refuses, the text stays on screen to note down.
 */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2 print:hidden">
      <button type="button" className={compactButtonClass} onClick={() => void copy()}>
        {label ?? t('common.copy')}
      </button>
      <span role="status" className="text-dns-16N-130">
        {status === 'copied' ? t('common.copied') : status === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}
