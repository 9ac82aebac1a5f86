import { type KeyboardEvent, useState } from 'react';
import { type Bank, type Branch, searchBanks, searchBranches } from '../api/lookups.ts';
import { secondaryButtonClass } from './styles.ts';
import { TextField } from './TextField.tsx';

/**
 * A search box with its hits and a choose button per hit, and the bank-and-branch picker built from
 * two of them (a subsidy applicant's account, a peer supporter's account). The texts come from the
 * feature that shows them, in the reader's language.
 */
export type FinderTexts = { search: string; choose: string; none: string };

export function Finder({
  id,
  label,
  hint,
  value,
  onChange,
  onSearch,
  hits,
  texts,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  onSearch: () => void;
  hits: { key: string; label: string; pick: () => void }[] | null;
  texts: FinderTexts;
}) {
  // Enter searches instead of submitting the form the finder sits in.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onSearch();
    }
  };
  return (
    <>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <TextField
            id={id}
            label={label}
            hint={hint}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            onKeyDown={onKeyDown}
          />
        </div>
        <button type="button" className={secondaryButtonClass} onClick={onSearch}>
          {texts.search}
        </button>
      </div>
      {hits && hits.length === 0 && <p role="status">{texts.none}</p>}
      {hits && hits.length > 0 && (
        <ul className="flex flex-col gap-2">
          {hits.map((h) => (
            <li
              key={h.key}
              className="flex flex-wrap items-center justify-between gap-2 border-b border-solid-gray-420 pb-2"
            >
              <span className="min-w-0 break-words text-std-16N-170">{h.label}</span>
              <button
                type="button"
                className={secondaryButtonClass}
                aria-label={`${texts.choose}: ${h.label}`}
                onClick={h.pick}
              >
                {texts.choose}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export type BankPickerTexts = FinderTexts & {
  legend: string;
  bankSearch: string;
  bankSearchHint: string;
  bankChosen: (bank: Bank) => string;
  branchSearch: string;
  branchChosen: (branch: Branch) => string;
  change: string;
};

/** A chosen entry with a button to choose again. */
function Chosen({ text, change, onChange }: { text: string; change: string; onChange: () => void }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <p className="text-std-16B-170">{text}</p>
      <button type="button" className={secondaryButtonClass} onClick={onChange}>
        {change}
      </button>
    </div>
  );
}

export function BankPicker({
  bank,
  branch,
  onBank,
  onBranch,
  error,
  texts,
  idPrefix = 'apply',
}: {
  bank: Bank | null;
  branch: Branch | null;
  onBank: (b: Bank | null) => void;
  onBranch: (b: Branch | null) => void;
  error?: string | undefined;
  texts: BankPickerTexts;
  /** The fieldset is `<prefix>-bank-branchCode`, the field a form's error summary links to. */
  idPrefix?: string;
}) {
  const [q, setQ] = useState('');
  const [banks, setBanks] = useState<Bank[] | null>(null);
  const [bq, setBq] = useState('');
  const [branches, setBranches] = useState<Branch[] | null>(null);
  const find = async () => setBanks((await searchBanks(q).catch(() => ({ items: [] }))).items);
  const findBranch = async () =>
    bank && setBranches((await searchBranches(bank.code, bq).catch(() => ({ items: [] }))).items);
  const hitOf =
    <T extends { code: string; name: string }>(pick: (b: T) => void) =>
    (b: T) => ({
      key: b.code,
      label: `${b.name}（${b.code}）`,
      pick: () => pick(b),
    });
  return (
    <fieldset id={`${idPrefix}-bank-branchCode`} tabIndex={-1} className="flex min-w-0 flex-col gap-3">
      <legend className="text-std-17B-170 text-solid-gray-900">{texts.legend}</legend>
      {error && <p className="text-std-16B-170 text-error-2">{error}</p>}
      {bank ? (
        <Chosen
          text={texts.bankChosen(bank)}
          change={texts.change}
          onChange={() => {
            onBank(null);
            setBranches(null);
          }}
        />
      ) : (
        <Finder
          id={`${idPrefix}-bank-q`}
          label={texts.bankSearch}
          hint={texts.bankSearchHint}
          value={q}
          onChange={setQ}
          onSearch={() => void find()}
          hits={banks?.map(hitOf<Bank>(onBank)) ?? null}
          texts={texts}
        />
      )}
      {bank &&
        (branch ? (
          <Chosen text={texts.branchChosen(branch)} change={texts.change} onChange={() => onBranch(null)} />
        ) : (
          <Finder
            id={`${idPrefix}-branch-q`}
            label={texts.branchSearch}
            value={bq}
            onChange={setBq}
            onSearch={() => void findBranch()}
            hits={branches?.map(hitOf<Branch>(onBranch)) ?? null}
            texts={texts}
          />
        ))}
    </fieldset>
  );
}
