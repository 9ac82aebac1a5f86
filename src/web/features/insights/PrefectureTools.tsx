import './i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RETURN_ITEM_GROUPS, RETURN_ITEMS } from '../../../shared/contracts/insights.ts';
import { isApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { ImportFileForm, ImportProblemsTable } from '../../ui/ImportPreview.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import {
  cardClass,
  inputClass,
  linkClass,
  primaryButtonClass,
  selectClass,
  tableClass,
  tdClass,
  thClass,
} from '../../ui/styles.ts';
import { useUnsavedEdits } from '../../ui/useUnsavedEdits.ts';
import {
  type Centre,
  declareCentre,
  enterReturnFor,
  type ImportPreview,
  importReturns,
  returnQuery,
  returnsListQuery,
} from './api.ts';
import { label, parseInput, rawAnswers } from './ReturnsPages.tsx';

/**
 * The prefecture's own tools (issue 16 §1 and §5): the return of a municipality that does not use
 * Tsunagari entered on its behalf, a file of all its municipalities' returns (every bad row shown
 * with its row, column and reason before anything is written, then applied by the preview's
 * digest), and its ひきこもり地域支援センター, shown on every municipality's public page.
 */

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportReturnsSection({ fiscalYear }: { fiscalYear: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const problem = useProblemMessage();
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [status, setStatus] = useState('');
  const upload = useMutation({
    mutationFn: async (f: File) => {
      const content = await fileToBase64(f);
      setFile({ name: f.name, content });
      return importReturns({ fiscalYear, fileName: f.name, content });
    },
    onSuccess: (p) => {
      setPreview(p);
      setStatus(
        t('insights.prefecture.importSummary', {
          total: p.rows.filter((r) => r.municipalityCode !== null || r.row > 1).length,
          valid: p.validRows,
          errors: p.errorRows,
        }),
      );
    },
    onError: () => setPreview(null),
  });
  const apply = useMutation({
    mutationFn: () =>
      importReturns({ fiscalYear, fileName: file!.name, content: file!.content, apply: preview!.digest }),
    onSuccess: (p) => {
      setPreview(null);
      setStatus(t('insights.prefecture.imported', { count: p.validRows }));
      void queryClient.invalidateQueries({ queryKey: ['returns', 'list'] });
    },
  });
  const problems =
    preview?.rows.flatMap((r) =>
      r.errors.map((e) => ({ row: r.row, column: e.column, reason: e.message })),
    ) ?? [];
  const valid = preview?.rows.filter((r) => r.errors.length === 0 && r.municipalityCode) ?? [];
  return (
    <section aria-labelledby="returns-import-heading" className={cardClass}>
      <h2 id="returns-import-heading" className="text-std-20B-150">
        {t('insights.prefecture.importTitle')}
      </h2>
      <p className="max-w-3xl text-std-16N-170">{t('insights.prefecture.importLead')}</p>
      <ImportFileForm
        id="returns-import-file"
        label={t('insights.prefecture.importFile')}
        submitLabel={t('insights.prefecture.importPreview')}
        busy={upload.isPending}
        accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onUpload={(f) => {
          setStatus('');
          upload.mutate(f);
        }}
      />
      {upload.isError && <Notice tone="error">{problem(upload.error)}</Notice>}
      {apply.isError && <Notice tone="error">{problem(apply.error)}</Notice>}
      <LiveStatus message={status} />
      {preview && (
        <ImportProblemsTable
          id="returns-import-errors"
          heading={t('insights.prefecture.importErrors', { count: preview.errorRows })}
          tableLabel={t('insights.prefecture.importErrorsTable')}
          columns={{
            row: t('insights.prefecture.row'),
            column: t('insights.prefecture.column'),
            reason: t('insights.prefecture.reason'),
          }}
          problems={problems}
        />
      )}
      {preview && valid.length > 0 && (
        <section aria-labelledby="returns-import-rows-heading" className="flex flex-col gap-2">
          <h3 id="returns-import-rows-heading" className="text-std-17B-170">
            {t('insights.prefecture.importRows')}
          </h3>
          <DataTable label={t('insights.prefecture.importRowsTable')}>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th scope="col" className={thClass}>
                    {t('insights.prefecture.row')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('insights.prefecture.code')}
                  </th>
                  <th scope="col" className={thClass}>
                    {t('insights.returns.municipality')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {valid.map((r) => (
                  <tr key={r.row}>
                    <td className={tdClass}>{r.row}</td>
                    <td className={tdClass}>{r.municipalityCode}</td>
                    <td className={tdClass}>{r.municipalityName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </DataTable>
        </section>
      )}
      {preview && preview.errorRows > 0 && <p>{t('insights.prefecture.importFix')}</p>}
      {preview && preview.errorRows === 0 && preview.validRows > 0 && (
        <button
          type="button"
          className={`${primaryButtonClass} self-start`}
          disabled={apply.isPending}
          onClick={() => apply.mutate()}
        >
          {t('insights.prefecture.importApply')}
        </button>
      )}
    </section>
  );
}

export function CentreSection() {
  const { t } = useTranslation();
  const problem = useProblemMessage();
  const [centre, setCentre] = useState<Centre>({ name: '', phone: '', hours: '', url: '' });
  const [status, setStatus] = useState('');
  const save = useMutation({
    mutationFn: () => declareCentre(centre),
    onSuccess: () => setStatus(t('insights.prefecture.centreSaved')),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    save.mutate();
  };
  const field = (key: keyof Centre, type = 'text') => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`centre-${key}`} className="text-std-16B-170">
        {t(`insights.prefecture.centre${key[0]!.toUpperCase()}${key.slice(1)}`)}
      </label>
      <input
        id={`centre-${key}`}
        type={type}
        className={inputClass}
        value={centre[key]}
        required={key === 'name'}
        onChange={(e) => setCentre({ ...centre, [key]: e.target.value })}
      />
    </div>
  );
  return (
    <section aria-labelledby="centre-heading" className={cardClass}>
      <h2 id="centre-heading" className="text-std-20B-150">
        {t('insights.prefecture.centreTitle')}
      </h2>
      <p className="max-w-3xl text-std-16N-170">{t('insights.prefecture.centreLead')}</p>
      {save.isError && <Notice tone="error">{problem(save.error)}</Notice>}
      <LiveStatus message={status} />
      <form onSubmit={onSubmit} className="flex max-w-xl flex-col gap-3" noValidate>
        {field('name')}
        {field('phone', 'tel')}
        {field('hours')}
        {field('url', 'url')}
        <button type="submit" className={`${primaryButtonClass} self-start`} disabled={save.isPending}>
          {t('insights.prefecture.centreSave')}
        </button>
      </form>
    </section>
  );
}

/** `/console/returns/$code/$fiscalYear/enter`: the prefecture enters a return on a town's behalf. */
export function EnterForPage({ code, fiscalYear }: { code: string; fiscalYear: number }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const problem = useProblemMessage();
  // An earlier entry is shown to be corrected; a town that never reported answers 404: start empty.
  const existing = useQuery({ ...returnQuery(code, fiscalYear), retry: false });
  const [status, setStatus] = useState('');
  const data = existing.data;
  // The saved answers with unsaved typing laid over them (useUnsavedEdits says why).
  const { values: raw, edit, reset } = useUnsavedEdits(rawAnswers(data));
  const save = useMutation({
    mutationFn: () =>
      enterReturnFor(
        code,
        fiscalYear,
        Object.fromEntries(
          RETURN_ITEMS.map((d) => [d.id, parseInput(d, raw[d.id] ?? '')] as const).filter(
            ([, v]) => v !== null,
          ),
        ),
      ),
    onSuccess: (next) => {
      queryClient.setQueryData(returnQuery(code, fiscalYear).queryKey, next);
      reset();
      void queryClient.invalidateQueries({ queryKey: ['returns', 'list'] });
      setStatus(t('insights.prefecture.entered'));
    },
  });
  const list = useQuery(returnsListQuery(fiscalYear));
  const name =
    data?.municipalityName ?? list.data?.find((i) => i.municipalityCode === code)?.municipalityName ?? code;
  const title = `${t('insights.prefecture.enterTitle')}（${name}・${fiscalYear}）`;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    save.mutate();
  };
  const loading = existing.isPending;
  const failed = existing.isError && !isApiError(existing.error, 404);
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <Link to="/console/returns" className={`${linkClass} self-start`}>
        {t('insights.returns.back')}
      </Link>
      <p className="max-w-3xl text-std-16N-170">{t('insights.prefecture.enterLead')}</p>
      {loading && <p role="status">{t('common.loading')}</p>}
      {failed && <Notice tone="error">{problem(existing.error)}</Notice>}
      {save.isError && <Notice tone="error">{problem(save.error)}</Notice>}
      <LiveStatus message={status} />
      {!loading && !failed && (
        <form onSubmit={onSubmit} className="flex flex-col gap-6" noValidate>
          {RETURN_ITEM_GROUPS.map((group) => (
            <fieldset key={group} className={cardClass}>
              <legend className="px-1 text-std-20B-150">{t(`insights.groups.${group}`)}</legend>
              {RETURN_ITEMS.filter((d) => d.group === group).map((def) => {
                const id = `enter-${def.id.replace('.', '-')}`;
                return (
                  <div key={def.id} className="flex flex-col gap-2">
                    <label htmlFor={id} className="text-std-17B-170">
                      {label(def, i18n.language)}
                    </label>
                    {def.kind === 'boolean' ? (
                      <select
                        id={id}
                        className={selectClass}
                        value={raw[def.id] ?? ''}
                        onChange={(e) => edit(def.id, e.target.value)}
                      >
                        <option value="">{t('insights.returns.unknown')}</option>
                        <option value="true">{t('insights.returns.yes')}</option>
                        <option value="false">{t('insights.returns.no')}</option>
                      </select>
                    ) : (
                      <input
                        id={id}
                        className={inputClass}
                        value={raw[def.id] ?? ''}
                        inputMode={
                          ['count', 'persons', 'yen', 'year', 'hours'].includes(def.kind)
                            ? 'numeric'
                            : undefined
                        }
                        onChange={(e) => edit(def.id, e.target.value)}
                      />
                    )}
                  </div>
                );
              })}
            </fieldset>
          ))}
          <button type="submit" className={`${primaryButtonClass} self-start`} disabled={save.isPending}>
            {t('insights.prefecture.enterSave')}
          </button>
        </form>
      )}
    </>
  );
}
