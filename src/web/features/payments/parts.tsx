import { isApiError } from '../../api/client.ts';
import './i18n.ts';
import type { UseQueryResult } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { reiwaFiscalYearLabel } from '../../../shared/fiscal-year.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { ListFilterBar } from '../../ui/ListFilterBar.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { compactInputClass, primaryButtonClass } from '../../ui/styles.ts';
import { yen } from './api.ts';

/** Pieces the payments and peer pages share: table cells, dense forms, list states, claim amounts. */
export const th = 'border-b border-solid-gray-420 px-2 py-2 text-dns-16B-130';
export const td = 'border-b border-solid-gray-200 px-2 py-2 align-top';
export const labelClass = 'flex flex-col gap-1 text-dns-16B-130';

export function ErrorNotice({ error }: { error: unknown }) {
  const problemMessage = useProblemMessage();
  return (
    <Notice tone="error">
      <p>{problemMessage(error)}</p>
    </Notice>
  );
}

/** A form's last row: what went wrong with the last try, then the button that submits. */
export function SubmitRow({
  mutation,
  label,
}: {
  mutation: { isError: boolean; error: unknown; isPending: boolean };
  label: string;
}) {
  return (
    <>
      {mutation.isError && <ErrorNotice error={mutation.error} />}
      <div>
        <button type="submit" className={primaryButtonClass} disabled={mutation.isPending}>
          {label}
        </button>
      </div>
    </>
  );
}

/** A labelled input of a dense console form (the label wraps it, so a tap on the words focuses it). */
export function CompactInput({
  id,
  label,
  className = compactInputClass,
  ...input
}: { id: string; label: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <label htmlFor={id} className={labelClass}>
      {label}
      <input id={id} className={className} {...input} />
    </label>
  );
}

/** A dense form whose one job is a mutation: submitting runs it, its error and button end the form. */
export function CompactMutationForm({
  mutation,
  submitLabel,
  children,
}: {
  mutation: { mutate: () => void; isError: boolean; error: unknown; isPending: boolean };
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate();
      }}
    >
      {children}
      <SubmitRow mutation={mutation} label={submitLabel} />
    </form>
  );
}

/** A list query's states: its error, loading, a sentence when the list is empty, else the list. */
export function ItemsQuery<T>({
  query,
  none,
  children,
}: {
  query: UseQueryResult<{ items: T[] }>;
  none: string;
  children: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isError) return <ErrorNotice error={query.error} />;
  if (query.isPending) return <p>{t('common.loading')}</p>;
  if (query.data.items.length === 0) return <p>{none}</p>;
  return children(query.data.items);
}

/** The programme an activity or a claim is for; the first is taken until the person chooses. */
export function ProgrammeSelect({
  id,
  programmes,
  chosenId,
  onChoose,
}: {
  id: string;
  programmes: readonly { id: string; name: string }[];
  chosenId: string;
  onChoose: (programmeId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      compact
      label={t('payments.peersMe.programme')}
      options={programmes.map((p) => ({ value: p.id, label: p.name }))}
      value={chosenId || programmes[0]?.id}
      onChange={(e) => onChoose(e.target.value)}
    />
  );
}

/** Both claim tables show a claim's amounts in the same three columns. */
export function ClaimAmountHeadings() {
  const { t } = useTranslation();
  return (
    <>
      <th className={`${th} text-right`}>{t('payments.peersMe.gross')}</th>
      <th className={`${th} text-right`}>{t('payments.peersMe.withholding')}</th>
      <th className={`${th} text-right`}>{t('payments.peersMe.net')}</th>
    </>
  );
}

export function ClaimAmountCells({ claim }: { claim: { gross: number; withholding: number; net: number } }) {
  const { i18n } = useTranslation();
  return (
    <>
      <td className={`${td} text-right`}>{yen(claim.gross, i18n.language)}</td>
      <td className={`${td} text-right`}>{yen(claim.withholding, i18n.language)}</td>
      <td className={`${td} text-right`}>{yen(claim.net, i18n.language)}</td>
    </>
  );
}

/** 令和8年度 / FY2026: the form is the catalogue's (payments.fiscalYear). */
export const fiscalYearLabel = (t: TFunction, fiscalYear: number) =>
  t('payments.fiscalYear', { year: fiscalYear, reiwa: reiwaFiscalYearLabel(fiscalYear) });

/** A mutation's error: the API's problem in the reader's language, or the form's own refusal. */
export function Problem({ error }: { error: unknown }) {
  const message = useProblemMessage();
  if (!error) return null;
  return (
    <Notice tone="error">
      <p>{isApiError(error) ? message(error) : error instanceof Error ? error.message : message(error)}</p>
    </Notice>
  );
}

type FilterSection = 'payable' | 'batches' | 'ledger' | 'claims' | 'registry';

/**
 * A list's filter bar whose texts are its section's keys (`filterLabel`, `filterText`, `filterApply`,
 * `sort`, `sorts.*`): every list of the feature filters its rows on screen, all in one request.
 * `text` is left out where the list has no name to filter by.
 */
export function SectionFilterBar<S extends string>({
  section,
  text,
  sort,
  sorts,
  onSort,
  children,
}: {
  section: FilterSection;
  text?: { value: string; onApply: (q: string) => void };
  sort: S;
  sorts: readonly S[];
  onSort: (sort: S) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const key = (k: string) => t(`payments.${section}.${k}`);
  return (
    <ListFilterBar
      id={section}
      label={key('filterLabel')}
      {...(text && {
        text: {
          label: key('filterText'),
          value: text.value,
          onApply: text.onApply,
          applyLabel: key('filterApply'),
        },
      })}
      sort={{
        label: key('sort'),
        value: sort,
        onChange: onSort,
        options: sorts.map((value) => ({ value, label: key(`sorts.${value}`) })),
      }}
    >
      {children}
    </ListFilterBar>
  );
}
