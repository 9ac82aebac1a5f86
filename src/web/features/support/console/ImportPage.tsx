import '../i18n.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadFile } from '../../../api/upload.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { ImportFileForm, ImportProblemsTable } from '../../../ui/ImportPreview.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { linkClass, primaryButtonClass, tableClass, tdClass, thClass } from '../../../ui/styles.ts';
import { confirmSupportImport, type SupportImportView, supportKeys } from '../api.ts';

const TEMPLATE_COLUMNS =
  '外部ID, 呼び名, 氏名, ふりがな, 生年月日, 電話番号, メールアドレス, 年代, 家族のみ, 担当者, 最終連絡日, 備考';

/**
 * `/console/support/import`: an existing case list (Excel saved as CSV, UTF-8 or Shift_JIS) →
 * every row checked and listed with its problems (nothing written) → confirm. Rows match earlier
 * imports on 外部ID, so importing the same list again updates instead of duplicating.
 */
export function SupportImportPage() {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const queryClient = useQueryClient();
  const [view, setView] = useState<SupportImportView | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const ti = (key: string, o: Record<string, unknown> = {}) => t(`support.records.import.${key}`, o);
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile<SupportImportView>('/api/support/imports', file, i18n.language),
    onSuccess: (v) => {
      setView(v);
      setSkipInvalid(false);
    },
  });
  const confirm = useMutation({
    mutationFn: () => confirmSupportImport(view!.id, skipInvalid),
    onSuccess: async (v) => {
      setView(v);
      await queryClient.invalidateQueries({ queryKey: supportKeys.all });
    },
  });
  const title = ti('title');
  const status = !view
    ? upload.isPending
      ? ti('uploading')
      : null
    : view.status === 'applied' && view.result
      ? ti('applied', view.result)
      : ti('summary', {
          rows: view.rowCount,
          ...view.plan,
          encoding: view.encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS',
        });
  const invalid = view?.plan.invalid ?? 0;
  const applicable = view ? view.plan.create + view.plan.update : 0;
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <PageHeading title={title}>{title}</PageHeading>
        <Link to="/console/support/persons" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('support.records.personsTitle')}
        </Link>
      </div>
      <p className="max-w-3xl text-std-16N-170">{ti('lead')}</p>
      <p className="text-dns-14N-130 text-solid-gray-700">
        {ti('columns')} <span lang="ja">{TEMPLATE_COLUMNS}</span>
      </p>
      <ImportFileForm
        id="support-import-file"
        label={ti('file')}
        submitLabel={ti('upload')}
        busy={upload.isPending}
        onUpload={(f) => upload.mutate(f)}
      />
      {upload.isError && (
        <Notice tone="error">
          <p>{problemMessage(upload.error)}</p>
        </Notice>
      )}
      <LiveStatus message={status} tone="info" />
      {view && (
        <ImportProblemsTable
          id="import-problems"
          heading={ti('problemsHeading', { count: view.problems.length, rows: invalid })}
          tableLabel={ti('problemsTable')}
          columns={{ row: ti('row'), column: ti('column'), reason: ti('reason') }}
          problems={view.problems}
        />
      )}
      {view && view.status === 'previewed' && view.preview.length > 0 && (
        <section aria-labelledby="import-preview-heading" className="flex flex-col gap-2">
          <h2 id="import-preview-heading" className="text-std-20B-150">
            {ti('previewHeading')}
          </h2>
          <DataTable label={ti('previewTable')}>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th scope="col" className={thClass}>
                    {ti('row')}
                  </th>
                  <th scope="col" className={thClass}>
                    {ti('externalId')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('support.consultation.nickname')}
                  </th>
                  <th scope="col" className={thClass}>
                    {ti('action')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.preview.map((p) => (
                  <tr key={p.row} data-testid="import-row">
                    <td className={tdClass}>{p.row}</td>
                    <td className={tdClass}>{p.externalId || '—'}</td>
                    <td className={tdClass} lang="ja">
                      {p.nickname || '—'}
                    </td>
                    <td className={tdClass}>{ti(`actions.${p.action}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </DataTable>
        </section>
      )}
      {view && view.status === 'previewed' && applicable > 0 && (
        <div className="flex flex-col gap-3 rounded-8 bg-white p-4">
          {invalid > 0 && (
            <Checkbox
              id="support-import-skip"
              label={ti('skipInvalid', { count: invalid })}
              checked={skipInvalid}
              onChange={(e) => setSkipInvalid(e.target.checked)}
            />
          )}
          {confirm.isError && (
            <Notice tone="error">
              <p>{problemMessage(confirm.error)}</p>
            </Notice>
          )}
          <button
            type="button"
            className={`${primaryButtonClass} self-start`}
            disabled={confirm.isPending || (invalid > 0 && !skipInvalid)}
            onClick={() => confirm.mutate()}
          >
            {ti('confirm', { count: applicable })}
          </button>
        </div>
      )}
    </>
  );
}
