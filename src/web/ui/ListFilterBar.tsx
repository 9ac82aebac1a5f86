import { type ReactNode, useEffect, useState } from 'react';
import { SelectField } from './SelectField.tsx';
import { compactButtonClass } from './styles.ts';
import { TextField } from './TextField.tsx';

export type ListSortOption<S extends string> = { value: S; label: string };

type ListFilterBarProps<S extends string> = {
  /** Prefix of the controls' ids: `${id}-q`, `${id}-sort`. */
  id: string;
  /** Name of the search landmark (e.g. 記録の絞り込み). */
  label: string;
  /** The text filter; left out on lists with no name to filter by. */
  text?: {
    label: string;
    hint?: string;
    /** The filter in force (what the list shows); the field starts from it. */
    value: string;
    /** Applies the typed text: on the button or Enter, never on every key (a server list would refetch). */
    onApply: (q: string) => void;
    applyLabel: string;
  };
  sort?: {
    label: string;
    value: S;
    options: readonly ListSortOption<S>[];
    onChange: (sort: S) => void;
  };
  /** Further filters of the list (scope, status…), laid out with the others. */
  children?: ReactNode;
};

/**
 * The filter and sort bar of a console list: a text filter applied on submit, a sort select applied
 * at once, and any further controls of the list. One component for every list, so that the lists read,
 * wrap at 360 px and answer the keyboard alike. Whether the filtering happens on the server or in the
 * browser is the list's concern (each says which).
 */
export function ListFilterBar<S extends string>({ id, label, text, sort, children }: ListFilterBarProps<S>) {
  const [typed, setTyped] = useState(text?.value ?? '');
  const applied = text?.value ?? '';
  // A filter set from elsewhere (the URL, a reset) shows in the field.
  useEffect(() => setTyped(applied), [applied]);
  return (
    <search aria-label={label}>
      <form
        className="flex flex-wrap items-end gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          text?.onApply(typed.trim());
        }}
      >
        {text && (
          <div className="flex max-w-full flex-wrap items-end gap-2">
            <div className="w-64 max-w-full">
              <TextField
                id={`${id}-q`}
                type="search"
                label={text.label}
                {...(text.hint ? { hint: text.hint } : {})}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
              />
            </div>
            <button type="submit" className={compactButtonClass}>
              {text.applyLabel}
            </button>
          </div>
        )}
        {sort && (
          <div className="w-64 max-w-full">
            <SelectField
              id={`${id}-sort`}
              compact
              label={sort.label}
              value={sort.value}
              onChange={(e) => sort.onChange(e.target.value as S)}
              options={sort.options}
            />
          </div>
        )}
        {children}
      </form>
    </search>
  );
}

/** Whether every word of `q` is found in one of `names` (client-side filters of small, whole lists). */
export function matchesAllWords(q: string, names: readonly (string | null | undefined)[]): boolean {
  const words = fold(q).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = names.filter(Boolean).map((n) => fold(n!));
  return words.every((w) => haystack.some((h) => h.includes(w)));
}

/** Full-width and half-width forms alike, katakana as hiragana, case ignored. */
function fold(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/**
 * A further filter of a list (status, kind…) laid out as the bar's own controls are; with `allLabel`,
 * a first choice that filters nothing. Put it inside `ListFilterBar`.
 */
export function ListFilterSelect<V extends string>({
  id,
  label,
  value,
  onChange,
  options,
  allLabel,
}: {
  id: string;
  label: string;
  value: V | '';
  onChange: (value: V | '') => void;
  options: readonly { value: V; label: string }[];
  allLabel?: string;
}) {
  return (
    <div className="w-64 max-w-full">
      <SelectField
        id={id}
        compact
        label={label}
        value={value}
        onChange={(e) => onChange(e.target.value as V | '')}
        options={allLabel === undefined ? options : [{ value: '', label: allLabel }, ...options]}
      />
    </div>
  );
}
