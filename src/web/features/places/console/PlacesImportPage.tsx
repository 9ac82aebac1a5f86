import '../i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { ImportFileForm, ImportProblemsTable } from '../../../ui/ImportPreview.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { linkClass, primaryButtonClass, tableClass, tdClass, thClass } from '../../../ui/styles.ts';
import { confirmImport, type ImportView, importQuery, uploadImport } from '../api.ts';

const TEMPLATE_COLUMNS =
  '外部ID, 種別, 名称, 名称_カナ, 名称_通称, 運営主体種別, 団体名, 法人番号, 郵便番号, 住所, 方書, 緯度, 経度, 参加方法, ライフステージ, 対象, 開所日時, 利用可能日時特記事項, 費用, 初回の配慮, ピアスタッフ, 言語, バリアフリー情報, 電話番号, メールアドレス, URL, 連絡先の受付時間, 状態, 最終確認日, 説明, 週あたり時間, 在宅可, 支援員, 謝礼・賃金, 謝礼・賃金の説明, 協力事業所, 協力事業所の法人番号';

/** `/console/places/import`: upload → every row checked (nothing written) → confirm → progress. */
export function PlacesImportPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const problemMessage = useProblemMessage();
  const [importId, setImportId] = useState<string | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);

  const upload = useMutation({
    mutationFn: (f: File) => uploadImport(f, i18n.language),
    onSuccess: (view) => {
      queryClient.setQueryData(importQuery(view.id).queryKey, view);
      setImportId(view.id);
      setSkipInvalid(false);
    },
  });
  const current = useQuery({
    ...importQuery(importId ?? ''),
    enabled: importId !== null,
    // Large files are applied in the background: poll until done.
    refetchInterval: (q) => (q.state.data?.status === 'applying' ? 1000 : false),
  });
  const confirm = useMutation({
    mutationFn: () => confirmImport(importId!, skipInvalid),
    onSuccess: async (view) => {
      queryClient.setQueryData(importQuery(view.id).queryKey, view);
      await queryClient.invalidateQueries({ queryKey: ['places', 'staff'] });
    },
  });
  const view: ImportView | undefined = current.data;

  const statusMessage = !view
    ? upload.isPending
      ? t('places.import.uploading')
      : null
    : view.status === 'applying'
      ? t('places.import.applying', { processed: view.processed, total: view.validRows })
      : view.status === 'applied' && view.result
        ? t('places.import.applied', view.result)
        : view.status === 'failed'
          ? t('places.import.failed')
          : t('places.import.summary', {
              total: view.totalRows,
              valid: view.validRows,
              encoding: view.encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS',
            });

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <PageHeading title={t('places.import.title')}>{t('places.import.title')}</PageHeading>
        <Link to="/console/places" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('places.console.listTitle')}
        </Link>
      </div>
      <p className="text-std-16N-170">{t('places.import.lead')}</p>
      <p className="text-dns-14N-130 text-solid-gray-700">
        {t('places.import.columns')} <span lang="ja">{TEMPLATE_COLUMNS}</span>
      </p>
      <ImportFileForm
        id="places-import-file"
        label={t('places.import.file')}
        submitLabel={t('places.import.upload')}
        busy={upload.isPending}
        onUpload={(f) => upload.mutate(f)}
      />
      {upload.isError && (
        <Notice tone="error">
          <p>{problemMessage(upload.error)}</p>
        </Notice>
      )}
      <LiveStatus message={statusMessage} tone={view?.status === 'failed' ? 'error' : 'info'} />
      {view && (
        <ImportProblemsTable
          id="import-errors"
          heading={t('places.import.errorsHeading', { count: view.errors.length })}
          tableLabel={t('places.import.errorsTable')}
          columns={{
            row: t('places.import.row'),
            column: t('places.import.column'),
            reason: t('places.import.reason'),
          }}
          problems={view.errors.map((e) => ({ row: e.row, column: e.column, reason: e.message }))}
        />
      )}
      {view && view.status === 'previewed' && view.preview.length > 0 && (
        <section aria-labelledby="import-preview-heading" className="flex flex-col gap-2">
          <h2 id="import-preview-heading" className="text-std-20B-150">
            {t('places.import.previewHeading')}
          </h2>
          <DataTable label={t('places.import.previewTable')}>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th scope="col" className={thClass}>
                    {t('places.import.row')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('places.edit.externalId')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('places.console.name')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('places.console.kind')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('places.console.status')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.preview.map((p) => (
                  <tr key={p.row}>
                    <td className={tdClass}>{p.row}</td>
                    <td className={tdClass}>{p.externalId}</td>
                    <td className={tdClass} lang="ja">
                      {p.name}
                    </td>
                    <td className={tdClass}>{t(`places.kind.${p.kind}`)}</td>
                    <td className={tdClass}>{t(`places.import.action.${p.action}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </DataTable>
        </section>
      )}
      {view && view.status === 'previewed' && view.validRows > 0 && (
        <div className="flex flex-col gap-3 rounded-8 bg-white p-4">
          {view.errors.length > 0 && (
            <Checkbox
              id="places-import-skip"
              label={t('places.import.skipInvalid')}
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
            disabled={confirm.isPending || (view.errors.length > 0 && !skipInvalid)}
            onClick={() => confirm.mutate()}
          >
            {t('places.import.confirm')}
          </button>
        </div>
      )}
    </>
  );
}
