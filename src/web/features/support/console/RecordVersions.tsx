import '../i18n.ts';
import { type QueryKey, type UseQueryOptions, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatStaffInstant } from '../../../ui/datetime.ts';
import { cardClass, compactButtonClass } from '../../../ui/styles.ts';
import type { VersionMeta } from '../api.ts';

/**
 * Every saved version of a record (intake, plan), newest first; any one can be opened to read what it
 * said then. Only the opened version is fetched, so a long history costs nothing until it is read.
 */
export function RecordVersions<T extends { version: number }, K extends QueryKey>({
  kind,
  personId,
  record,
  versionQuery,
  children,
}: {
  /** Prefix of the ids and test ids: `${kind}-versions`, `${kind}-version-view`. */
  kind: string;
  personId: string;
  record: { id: string; versions: VersionMeta[] };
  versionQuery: (personId: string, recordId: string, version: number) => UseQueryOptions<T, Error, T, K>;
  /** What the opened version said. */
  children: (version: T) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const version = useQuery({ ...versionQuery(personId, record.id, open ?? 1), enabled: open !== null });
  return (
    <section
      aria-labelledby={`${kind}-versions-heading`}
      className={`${cardClass} max-w-3xl`}
      data-testid={`${kind}-versions`}
    >
      <h2 id={`${kind}-versions-heading`} className="text-std-20B-150">
        {t('support.records.versionsHeading')}
      </h2>
      <ol className="flex flex-col gap-1">
        {[...record.versions].reverse().map((v) => (
          <li key={v.version} className="flex flex-wrap items-center gap-3 text-dns-16N-130">
            <span>
              {t('support.person.version', { version: v.version })} ・{' '}
              {formatStaffInstant(v.createdAt, i18n.language)}
            </span>
            <button
              type="button"
              className={compactButtonClass}
              aria-expanded={open === v.version}
              onClick={() => setOpen(open === v.version ? null : v.version)}
            >
              {open === v.version
                ? t('support.records.closeVersion')
                : t('support.records.openVersion', { version: v.version })}
            </button>
          </li>
        ))}
      </ol>
      {open !== null && version.data && (
        <div className="rounded-8 border border-solid-gray-420 p-3" data-testid={`${kind}-version-view`}>
          <h3 className="text-std-17B-170">
            {t('support.person.version', { version: version.data.version })}
          </h3>
          {children(version.data)}
        </div>
      )}
    </section>
  );
}
