import './i18n.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateView as Certificate, Enrolment } from '../../../shared/contracts/training.ts';
import { formatWarekiWithWestern } from '../../../shared/text/wareki.ts';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatStaffDay } from '../../ui/datetime.ts';
import { ListFilterBar, ListFilterSelect, matchesAllWords } from '../../ui/ListFilterBar.tsx';
import { yen } from '../../ui/money.ts';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { linkClass, primaryButtonClass, tableClass } from '../../ui/styles.ts';

type Statement = {
  displayName: string;
  year: number;
  claims: Array<{
    id: string;
    month: string;
    minutes: number;
    gross: number;
    withholding: number;
    net: number;
  }>;
  totals: { minutes: number; gross: number; withholding: number; net: number };
};

const th = 'border-b border-solid-gray-420 px-2 py-2 text-dns-16B-130';
const td = 'border-b border-solid-gray-200 px-2 py-2 align-top';

/** Print layout: the document only, black on white; header, navigation and buttons left out. */
const PRINT_CSS = `@media print {
  header, nav, footer, .print-hidden, a[href^="#main"] { display: none !important; }
  main { padding: 0 !important; max-width: none !important; }
  .print-sheet { border: 0 !important; padding: 0 !important; font-size: 12pt; }
}`;

function Problem({ error }: { error: unknown }) {
  const problemMessage = useProblemMessage();
  return (
    <Notice tone="error">
      <p>{problemMessage(error)}</p>
    </Notice>
  );
}

type RecordSort = 'course' | 'completed';
const recordCollator = new Intl.Collator('ja');
/** course: 50音; completed: the latest completion first, courses not completed after them by name. */
function sortRecord(items: Enrolment[], sort: RecordSort): Enrolment[] {
  const byCourse = (a: Enrolment, b: Enrolment) => recordCollator.compare(a.courseTitle, b.courseTitle);
  return [...items].sort((a, b) =>
    sort === 'completed'
      ? (b.completedAt ?? '').localeCompare(a.completedAt ?? '') || byCourse(a, b)
      : byCourse(a, b),
  );
}

/** `/console/training`: the signed-in person's training record. */
export function TrainingRecordPage() {
  const { t, i18n } = useTranslation();
  const record = useQuery(
    queryOptions({
      queryKey: ['training', 'me'],
      queryFn: () => api<{ items: Enrolment[] }>('/api/training/me'),
    }),
  );
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Enrolment['status'] | ''>('');
  const [sort, setSort] = useState<RecordSort>('course');
  const title = t('training.record.title');
  const shown = sortRecord(
    (record.data?.items ?? []).filter(
      (e) => (!status || e.status === status) && matchesAllWords(q, [e.courseTitle]),
    ),
    sort,
  );
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('training.record.lead')}</p>
      {/* Client-side: one's own training record comes whole (one request, no pages). */}
      {!!record.data?.items.length && (
        <ListFilterBar
          id="training-record"
          label={t('training.record.filterLabel')}
          text={{
            label: t('training.record.filterText'),
            value: q,
            onApply: setQ,
            applyLabel: t('training.admin.filterApply'),
          }}
          sort={{
            label: t('training.record.sort'),
            value: sort,
            onChange: setSort,
            options: (['course', 'completed'] as const).map((value) => ({
              value,
              label: t(`training.record.sorts.${value}`),
            })),
          }}
        >
          <ListFilterSelect
            id="training-record-status"
            label={t('training.record.status')}
            value={status}
            onChange={setStatus}
            allLabel={t('training.record.allStatuses')}
            options={(['enrolled', 'completed', 'withdrawn'] as const).map((v) => ({
              value: v,
              label: t(`training.status.${v}`),
            }))}
          />
        </ListFilterBar>
      )}
      {record.isError ? (
        <Problem error={record.error} />
      ) : record.isPending ? (
        <p>{t('common.loading')}</p>
      ) : record.data.items.length === 0 ? (
        <p>{t('training.record.none')}</p>
      ) : shown.length === 0 ? (
        <p>{t('training.record.noneMatch')}</p>
      ) : (
        <DataTable label={title}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={th}>{t('training.record.course')}</th>
                <th className={th}>{t('training.record.status')}</th>
                <th className={th}>{t('training.record.completedAt')}</th>
                <th className={th}>{t('training.record.certificate')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.id}>
                  <td className={td}>{e.courseTitle}</td>
                  <td className={td}>{t(`training.status.${e.status}`)}</td>
                  <td className={td}>{e.completedAt ? formatStaffDay(e.completedAt, i18n.language) : '—'}</td>
                  <td className={td}>
                    {e.status === 'completed' ? (
                      <Link
                        to="/console/training/certificates/$id"
                        params={{ id: e.id }}
                        className={linkClass}
                        aria-label={t('training.record.open', {
                          course: e.courseTitle,
                          number: e.certificateNumber,
                        })}
                      >
                        {e.certificateNumber}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
    </>
  );
}

/** `/console/training/certificates/$id`: a printable certificate of completion (修了証). */
export function CertificatePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const cert = useQuery(
    queryOptions({
      queryKey: ['training', 'certificate', id],
      queryFn: () => api<Certificate>(`/api/training/enrolments/${id}/certificate`),
    }),
  );
  const title = t('training.certificate.title');
  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="print-hidden flex flex-wrap items-center gap-4">
        <Link to="/console/training" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('training.certificate.back')}
        </Link>
        <button type="button" className={primaryButtonClass} onClick={() => window.print()}>
          {t('training.certificate.print')}
        </button>
      </div>
      {cert.isError ? (
        <>
          <PageHeading title={title}>{title}</PageHeading>
          <Problem error={cert.error} />
        </>
      ) : cert.isPending ? (
        <>
          <PageHeading title={title}>{title}</PageHeading>
          <p>{t('common.loading')}</p>
        </>
      ) : (
        <article className="print-sheet flex max-w-3xl flex-col gap-6 rounded-8 border border-solid-gray-420 bg-white p-8 text-center">
          <PageHeading title={title}>{title}</PageHeading>
          <p className="text-std-24B-150">{cert.data.holderName}</p>
          <p className="text-std-17N-170">
            {t('training.certificate.body', {
              course: cert.data.courseTitle,
              hours: t('training.certificate.hours', { minutes: cert.data.totalMinutes }),
            })}
          </p>
          <section className="text-left">
            <h2 className="text-std-18B-160">{t('training.certificate.modules')}</h2>
            <ul className="list-disc pl-6">
              {cert.data.modules.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </section>
          <p>{cert.data.completedAt ? formatWarekiWithWestern(new Date(cert.data.completedAt)) : ''}</p>
          <p className="text-dns-16N-130">
            {t('training.certificate.number')}: {cert.data.certificateNumber}
          </p>
        </article>
      )}
    </>
  );
}

/** `/console/peers/statement/$year`: a peer supporter's printable yearly statement. */
export function StatementPage({ year }: { year: number }) {
  const { t, i18n } = useTranslation();
  const statement = useQuery(
    queryOptions({
      queryKey: ['peers', 'statement', year],
      queryFn: () => api<Statement>('/api/peers/me/statement', { query: { year } }),
    }),
  );
  const title = t('training.statement.title', { year });
  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="print-hidden flex flex-wrap items-center gap-4">
        <Link to="/console/peers/me" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('training.statement.back')}
        </Link>
        <button type="button" className={primaryButtonClass} onClick={() => window.print()}>
          {t('training.statement.print')}
        </button>
      </div>
      <article className="print-sheet flex flex-col gap-4 rounded-8 border border-solid-gray-420 bg-white p-6">
        <PageHeading title={title}>{title}</PageHeading>
        {statement.isError ? (
          <Problem error={statement.error} />
        ) : statement.isPending ? (
          <p>{t('common.loading')}</p>
        ) : (
          <>
            <p>{t('training.statement.lead', { name: statement.data.displayName, year })}</p>
            <DataTable label={title}>
              <table className={tableClass}>
                <thead>
                  <tr>
                    <th className={th}>{t('training.statement.month')}</th>
                    <th className={`${th} text-right`}>{t('training.statement.minutes')}</th>
                    <th className={`${th} text-right`}>{t('training.statement.gross')}</th>
                    <th className={`${th} text-right`}>{t('training.statement.withholding')}</th>
                    <th className={`${th} text-right`}>{t('training.statement.net')}</th>
                  </tr>
                </thead>
                <tbody>
                  {statement.data.claims.map((c) => (
                    <tr key={c.id}>
                      <td className={td}>{c.month}</td>
                      <td className={`${td} text-right`}>{c.minutes}</td>
                      <td className={`${td} text-right`}>{yen(c.gross, i18n.language)}</td>
                      <td className={`${td} text-right`}>{yen(c.withholding, i18n.language)}</td>
                      <td className={`${td} text-right`}>{yen(c.net, i18n.language)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" className={th}>
                      {t('training.statement.total')}
                    </th>
                    <td className={`${td} text-right font-bold`}>{statement.data.totals.minutes}</td>
                    <td className={`${td} text-right font-bold`}>
                      {yen(statement.data.totals.gross, i18n.language)}
                    </td>
                    <td className={`${td} text-right font-bold`}>
                      {yen(statement.data.totals.withholding, i18n.language)}
                    </td>
                    <td className={`${td} text-right font-bold`}>
                      {yen(statement.data.totals.net, i18n.language)}
                    </td>
                  </tr>
                </tfoot>
              </table>
            </DataTable>
          </>
        )}
      </article>
    </>
  );
}
