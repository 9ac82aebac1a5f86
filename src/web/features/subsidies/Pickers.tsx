import './i18n.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BankPickerTexts } from '../../ui/BankPicker.tsx';
import { secondaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import { type DestinationHit, searchDestinations } from './api.ts';

/**
 * The pickers of the application form: the destination (a published place or an event of the town),
 * and the texts of the bank and branch picker (全銀 codes), which is the shared one in src/web/ui.
 * Split from ApplyPage.tsx.
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

/** The texts of the shared bank-and-branch picker (src/web/ui/BankPicker.tsx) in the subsidies section. */
export function useBankPickerTexts(): BankPickerTexts {
  const { t } = useTranslation();
  return {
    legend: t('subsidies.console.bank'),
    search: t('subsidies.apply.search'),
    choose: t('subsidies.apply.choose'),
    none: t('subsidies.apply.noPlaces'),
    bankSearch: t('subsidies.apply.bankSearch'),
    bankSearchHint: t('subsidies.apply.bankSearchHint'),
    bankChosen: (b) => t('subsidies.apply.bankChosen', { name: b.name, code: b.code }),
    branchSearch: t('subsidies.apply.branchSearch'),
    branchChosen: (b) => t('subsidies.apply.branchChosen', { name: b.name, code: b.code }),
    change: t('subsidies.apply.change'),
  };
}
