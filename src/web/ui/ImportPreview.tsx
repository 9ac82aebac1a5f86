import { type FormEvent, type ReactNode, useState } from 'react';
import { DataTable } from './DataTable.tsx';
import { primaryButtonClass, tableClass, tdClass, thClass } from './styles.ts';

/**
 * Shared pieces of every CSV import page (places, support records…): the file form, and the table of
 * every row's problems shown before anything is written. Each page keeps its own preview columns and
 * confirm step; the labels come from the page's catalogue.
 */
export function ImportFileForm({
  id,
  label,
  submitLabel,
  busy,
  onUpload,
  children,
  accept = '.csv,text/csv',
}: {
  id: string;
  label: string;
  submitLabel: string;
  busy: boolean;
  onUpload: (file: File) => void;
  children?: ReactNode;
  /** The file types the picker offers (CSV by default). */
  accept?: string;
}) {
  const [file, setFile] = useState<File | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (file) onUpload(file);
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 rounded-8 bg-white p-4">
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor={id} className="text-dns-16B-130">
          {label}
        </label>
        <input
          id={id}
          type="file"
          accept={accept}
          className="min-h-11 max-w-full text-dns-16N-130"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      {children}
      <button type="submit" className={primaryButtonClass} disabled={!file || busy}>
        {submitLabel}
      </button>
    </form>
  );
}

export type ImportProblem = { row: number; column: string; reason: string };

export function ImportProblemsTable({
  id,
  heading,
  tableLabel,
  columns,
  problems,
}: {
  id: string;
  heading: string;
  tableLabel: string;
  columns: { row: string; column: string; reason: string };
  problems: readonly ImportProblem[];
}) {
  if (problems.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-2" data-testid={id}>
      <h2 id={`${id}-heading`} className="text-std-20B-150 text-error-2">
        {heading}
      </h2>
      <DataTable label={tableLabel}>
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={thClass}>
                {columns.row}
              </th>
              <th scope="col" className={thClass}>
                {columns.column}
              </th>
              <th scope="col" className={thClass}>
                {columns.reason}
              </th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p) => (
              <tr key={`${p.row}:${p.column}:${p.reason}`}>
                <td className={tdClass}>{p.row}</td>
                <td className={tdClass} lang="ja">
                  {p.column}
                </td>
                <td className={tdClass}>{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </DataTable>
    </section>
  );
}
