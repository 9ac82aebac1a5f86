import './i18n.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { secondaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import {
  type Bank,
  type Branch,
  type DestinationHit,
  searchBanks,
  searchBranches,
  searchDestinations,
} from './api.ts';

/**
 * The search-as-you-type pickers of the application form: the destination (a published place or an
 * event of the town) and the bank and branch (全銀 codes), on one `Finder`. Split from ApplyPage.tsx.
 */

export function DestinationPicker({
  code,
  value,
  onChange,
  error,
}: {
  code: string;
  value: DestinationHit | null;
  onChange: (v: DestinationHit | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<DestinationHit[] | null>(null);
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      setHits(await searchDestinations(code, q));
    } catch {
      setHits([]);
    } finally {
      setBusy(false);
    }
  }
  return (
    <fieldset id="apply-destination-id" tabIndex={-1} className="flex min-w-0 flex-col gap-3">
      <legend className="text-std-17B-170 text-solid-gray-900">{t('subsidies.apply.destination')}</legend>
      {error && <p className="text-std-16B-170 text-error-2">{error}</p>}
      {value ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-std-16B-170" data-testid="destination-chosen">
            {t('subsidies.apply.chosen', { name: value.name })}
          </p>
          <button type="button" className={secondaryButtonClass} onClick={() => onChange(null)}>
            {t('subsidies.apply.change')}
          </button>
        </div>
      ) : (
        <>
          <div className="flex flex-wrap items-end gap-3">
            <div className="min-w-0 flex-1">
              <TextField
                id="apply-destination-q"
                label={t('subsidies.apply.destinationSearch')}
                hint={t('subsidies.apply.destinationSearchHint')}
                value={q}
                onChange={(e) => setQ(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void run();
                  }
                }}
              />
            </div>
            <button type="button" className={secondaryButtonClass} onClick={() => void run()} disabled={busy}>
              {t('subsidies.apply.search')}
            </button>
          </div>
          {hits && hits.length === 0 && <p role="status">{t('subsidies.apply.noPlaces')}</p>}
          {hits && hits.length > 0 && (
            <ul className="flex flex-col gap-2">
              {hits.map((h) => (
                <li
                  key={`${h.kind}:${h.id}`}
                  className="flex flex-wrap items-center justify-between gap-2 border-b border-solid-gray-420 pb-2"
                >
                  <span className="min-w-0 break-words text-std-16N-170">
                    {h.kind === 'event' && (
                      <span className="mr-2 text-std-16B-170">{t('subsidies.apply.eventLabel')}</span>
                    )}
                    {h.name}
                  </span>
                  <button
                    type="button"
                    className={secondaryButtonClass}
                    aria-label={`${t('subsidies.apply.choose')}: ${h.name}`}
                    onClick={() => onChange(h)}
                  >
                    {t('subsidies.apply.choose')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </fieldset>
  );
}

export function BankPicker({
  bank,
  branch,
  onBank,
  onBranch,
  error,
}: {
  bank: Bank | null;
  branch: Branch | null;
  onBank: (b: Bank | null) => void;
  onBranch: (b: Branch | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [banks, setBanks] = useState<Bank[] | null>(null);
  const [bq, setBq] = useState('');
  const [branches, setBranches] = useState<Branch[] | null>(null);
  const find = async () => setBanks((await searchBanks(q).catch(() => ({ items: [] }))).items);
  const findBranch = async () =>
    bank && setBranches((await searchBranches(bank.code, bq).catch(() => ({ items: [] }))).items);
  const enter = (run: () => void) => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      run();
    }
  };
  return (
    <fieldset id="apply-bank-branchCode" tabIndex={-1} className="flex min-w-0 flex-col gap-3">
      <legend className="text-std-17B-170 text-solid-gray-900">{t('subsidies.console.bank')}</legend>
      {error && <p className="text-std-16B-170 text-error-2">{error}</p>}
      {bank ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-std-16B-170">
            {t('subsidies.apply.bankChosen', { name: bank.name, code: bank.code })}
          </p>
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => {
              onBank(null);
              setBranches(null);
            }}
          >
            {t('subsidies.apply.change')}
          </button>
        </div>
      ) : (
        <Finder
          id="apply-bank-q"
          label={t('subsidies.apply.bankSearch')}
          hint={t('subsidies.apply.bankSearchHint')}
          value={q}
          onChange={setQ}
          onSearch={() => void find()}
          onKeyDown={enter(() => void find())}
          hits={
            banks?.map((b) => ({ key: b.code, label: `${b.name}（${b.code}）`, pick: () => onBank(b) })) ??
            null
          }
        />
      )}
      {bank &&
        (branch ? (
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-std-16B-170">
              {t('subsidies.apply.branchChosen', { name: branch.name, code: branch.code })}
            </p>
            <button type="button" className={secondaryButtonClass} onClick={() => onBranch(null)}>
              {t('subsidies.apply.change')}
            </button>
          </div>
        ) : (
          <Finder
            id="apply-branch-q"
            label={t('subsidies.apply.branchSearch')}
            value={bq}
            onChange={setBq}
            onSearch={() => void findBranch()}
            onKeyDown={enter(() => void findBranch())}
            hits={
              branches?.map((b) => ({
                key: b.code,
                label: `${b.name}（${b.code}）`,
                pick: () => onBranch(b),
              })) ?? null
            }
          />
        ))}
    </fieldset>
  );
}

export function Finder({
  id,
  label,
  hint,
  value,
  onChange,
  onSearch,
  onKeyDown,
  hits,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  onSearch: () => void;
  onKeyDown: (e: React.KeyboardEvent) => void;
  hits: { key: string; label: string; pick: () => void }[] | null;
}) {
  const { t } = useTranslation();
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
          {t('subsidies.apply.search')}
        </button>
      </div>
      {hits && hits.length === 0 && <p role="status">{t('subsidies.apply.noPlaces')}</p>}
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
                aria-label={`${t('subsidies.apply.choose')}: ${h.label}`}
                onClick={h.pick}
              >
                {t('subsidies.apply.choose')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
