import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { mentionsLeavingWork } from './job-leaver-words.ts';
import { linkClass } from './styles.ts';

/**
 * Used by the public searches of places and municipalities, so it lives in ui/ (issue 20 item 2).
 *
 * Shown beside a public search when its words are about leaving or losing a job: a link to the
 * navigator (of the town being searched, when there is one).
 */
export function JobLeaverHint({
  text,
  municipalityCode,
}: {
  text: string | undefined;
  municipalityCode?: string;
}) {
  const { t } = useTranslation();
  if (!mentionsLeavingWork(text)) return null;
  return (
    <p className="rounded-8 border-l-4 border-blue-900 bg-blue-50 px-4 py-3 text-std-16N-170">
      {t('navigator.entry.searchHint')}{' '}
      {municipalityCode ? (
        <Link to="/m/$code/navigator" params={{ code: municipalityCode }} className={linkClass}>
          {t('navigator.entry.open')}
        </Link>
      ) : (
        <Link to="/navigator" className={linkClass}>
          {t('navigator.entry.open')}
        </Link>
      )}
    </p>
  );
}
