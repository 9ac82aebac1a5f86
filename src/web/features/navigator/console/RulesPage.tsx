import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NavigatorRule } from '../../../../shared/contracts/navigator.ts';
import { CardSection } from '../../../ui/CardSection.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { formatStaffDay } from '../../../ui/datetime.ts';
import { ListFilterBar, matchesAllWords } from '../../../ui/ListFilterBar.tsx';
import { MutationForm, useMutationForm } from '../../../ui/MutationForm.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { compactButtonClass, inputClass, tableClass, tdClass, thClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import { publishRuleSet, ruleSetQuery, ruleSetsQuery } from '../api.ts';

/**
 * `/console/navigator/rules` (national staff): the versions of the national rule set, the rules of
 * one version with their periods, sources and checked-on dates, and a new version (a change is never
 * an edit: it is a new version with the date from which it is in force).
 */
export function RulesPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const sets = useQuery(ruleSetsQuery());
  const current = sets.data?.items.find((s) => s.state === 'in_force');
  const [shown, setShown] = useState<number | null>(null);
  const version = shown ?? current?.version ?? null;
  const detail = useQuery({ ...ruleSetQuery(version ?? 0), enabled: version !== null });
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [note, setNote] = useState('');
  const [json, setJson] = useState('');
  // Client-side: a version's rules come whole with it (tens of rules).
  const [ruleQ, setRuleQ] = useState('');
  const [ruleSort, setRuleSort] = useState<'set' | 'title' | 'checked'>('set');
  const collator = new Intl.Collator('ja');
  const rules = (detail.data?.rules ?? [])
    .filter((r) => matchesAllWords(ruleQ, [r.title, r.source.title]))
    .sort((a, b) =>
      ruleSort === 'title'
        ? collator.compare(a.title, b.title)
        : ruleSort === 'checked'
          ? a.checkedOn.localeCompare(b.checkedOn) || collator.compare(a.title, b.title)
          : 0,
    );
  const title = t('navigator.console.rulesTitle');

  const form = useMutationForm({
    validate: (): Record<string, string> => {
      try {
        JSON.parse(json || 'null');
        return {};
      } catch {
        return { rules: t('navigator.console.jsonInvalid') };
      }
    },
    mutationFn: () => publishRuleSet({ effectiveFrom, note, rules: JSON.parse(json) as NavigatorRule[] }),
    successMessage: (data) => t('navigator.console.published', { version: data.version }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['navigator'] }),
  });

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={title}>{title}</PageHeading>
      <p className="text-std-16N-170">{t('navigator.console.rulesLead')}</p>
      <DataTable label={t('navigator.console.version')}>
        <table className={tableClass}>
          <thead>
            <tr>
              <th className={thClass}>{t('navigator.console.version')}</th>
              <th className={thClass}>{t('navigator.console.effectiveFrom')}</th>
              <th className={thClass}>{t('navigator.console.state')}</th>
              <th className={thClass}>{t('navigator.console.ruleCount')}</th>
              <th className={thClass}>{t('navigator.console.note')}</th>
            </tr>
          </thead>
          <tbody>
            {(sets.data?.items ?? []).map((s) => (
              <tr key={s.version}>
                <td className={tdClass}>
                  <button type="button" className={compactButtonClass} onClick={() => setShown(s.version)}>
                    {t('navigator.console.open', { version: s.version })}
                  </button>
                </td>
                <td className={tdClass}>{s.effectiveFrom}</td>
                <td className={tdClass}>{t(`navigator.console.states.${s.state}`)}</td>
                <td className={tdClass}>{s.ruleCount}</td>
                <td className={tdClass}>{s.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </DataTable>
      {detail.data && (
        <CardSection
          headingId="nav-rules-detail"
          heading={`${t('navigator.console.rules')} — ${t('navigator.console.version')} ${detail.data.version}`}
        >
          <ListFilterBar
            id="nav-rules"
            label={t('navigator.console.rulesFilter')}
            text={{
              label: t('navigator.console.rulesFilterText'),
              value: ruleQ,
              onApply: setRuleQ,
              applyLabel: t('navigator.console.filterApply'),
            }}
            sort={{
              label: t('navigator.console.rulesSort'),
              value: ruleSort,
              onChange: setRuleSort,
              options: (['set', 'title', 'checked'] as const).map((value) => ({
                value,
                label: t(`navigator.console.rulesSorts.${value}`),
              })),
            }}
          />
          {rules.length === 0 && <p>{t('navigator.console.noneMatch')}</p>}
          <DataTable label={t('navigator.console.rules')}>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>{t('navigator.console.name')}</th>
                  <th className={thClass}>{t('navigator.console.period')}</th>
                  <th className={thClass}>{t('navigator.console.source')}</th>
                  <th className={thClass}>{t('navigator.console.checkedOn')}</th>
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => (
                  <tr key={r.id}>
                    <td className={tdClass}>{r.title}</td>
                    <td className={tdClass}>
                      {r.effectiveFrom} – {r.effectiveTo ?? ''}
                    </td>
                    <td className={tdClass}>
                      {r.source.title}
                      <br />
                      <span className="break-all">{r.source.url}</span>
                    </td>
                    <td className={tdClass}>{formatStaffDay(r.checkedOn, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </DataTable>
          <button
            type="button"
            className={`${compactButtonClass} self-start`}
            onClick={() => setJson(JSON.stringify(detail.data.rules, null, 2))}
          >
            {t('navigator.console.newVersion')}
          </button>
        </CardSection>
      )}
      <CardSection headingId="nav-rules-new" heading={t('navigator.console.newVersion')}>
        <MutationForm form={form} idPrefix="nav-rules" submitLabel={t('navigator.console.publish')}>
          <TextField
            id="nav-rules-effectiveFrom"
            type="date"
            label={t('navigator.console.effectiveFrom')}
            required
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.target.value)}
          />
          <TextField
            id="nav-rules-note"
            label={t('navigator.console.note')}
            required
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="flex flex-col gap-2">
            <label htmlFor="nav-rules-rules" className="text-std-17B-170">
              {t('navigator.console.rulesJson')}
            </label>
            <p id="nav-rules-rules-hint" className="text-std-16N-170 text-solid-gray-700">
              {t('navigator.console.rulesJsonHint')}
            </p>
            <textarea
              id="nav-rules-rules"
              aria-describedby="nav-rules-rules-hint"
              className={`${inputClass} min-h-64 font-mono`}
              value={json}
              onChange={(e) => setJson(e.target.value)}
            />
          </div>
        </MutationForm>
      </CardSection>
    </div>
  );
}
