import '../i18n.ts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AREA_CLASSES,
  BUDGET_SOURCES,
  CASE_LIFE_STAGES,
  type CaseContentView,
  PARTNER_KINDS,
  POPULATION_BANDS,
  type StaffCase,
} from '../../../../shared/contracts/cases.ts';
import { eventsSearchQuery } from '../../../api/events.ts';
import { htmlLangOf } from '../../../i18n/index.ts';
import { FormProblem, fieldErrorsByPath, fieldId } from '../../../ui/FormProblem.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { cardClass, checkboxClass, inputClass, primaryButtonClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import { indicatorCatalogQuery, themesQuery, townPlacesQuery } from '../api.ts';

export type CaseFormValue = {
  themes: string[];
  lifeStages: string[];
  populationBand: string | null;
  areaClass: string | null;
  authorName: string;
  /** National-layer indicators whose figures for the town the case shows; none unless ticked. */
  linkedIndicators: string[];
  municipalityCode?: string;
  content: CaseContentView;
};

const EMPTY: CaseContentView = {
  title: '',
  titleKana: '',
  summary: '',
  trigger: '',
  firstSteps: '',
  whatWasDone: '',
  partners: [],
  staffing: '',
  budget: { amountYen: null, source: 'none', note: '' },
  outcomes: '',
  wentWell: '',
  difficulties: '',
  periodFrom: null,
  periodTo: null,
  contactWindow: '',
  linkedPlaceIds: [],
  linkedEventIds: [],
};

export function initialValue(c: StaffCase | null): CaseFormValue {
  return c
    ? {
        themes: c.themes,
        lifeStages: c.lifeStages,
        populationBand: c.populationBand,
        areaClass: c.areaClass,
        authorName: c.authorName,
        linkedIndicators: c.linkedIndicators,
        content: c.content,
      }
    : {
        themes: [],
        lifeStages: [],
        populationBand: null,
        areaClass: null,
        authorName: '',
        linkedIndicators: [],
        content: EMPTY,
      };
}

const ID = 'case';
/** The server refuses more (knowledge.schema.ts MAX_LINKED_INDICATORS). */
const MAX_LINKED = 6;
const TEXT_AREAS = [
  'summary',
  'trigger',
  'firstSteps',
  'whatWasDone',
  'staffing',
  'outcomes',
  'wentWell',
  'difficulties',
] as const;

/** The author's form: every field of a case (issue 17 §1), with the server's errors beside their fields. */
export function CaseForm({
  value: initial,
  town,
  askMunicipality,
  error,
  focusKey,
  pending,
  onSave,
}: {
  value: CaseFormValue;
  /** The municipality the case is about: its published places and events may be linked. */
  town: string | null;
  askMunicipality: boolean;
  error: unknown;
  focusKey: number;
  pending: boolean;
  onSave(value: CaseFormValue): void;
}) {
  const { t } = useTranslation();
  const themes = useQuery(themesQuery());
  const [v, setV] = useState<CaseFormValue>(initial);
  const errors = fieldErrorsByPath(error);
  const setContent = <K extends keyof CaseContentView>(key: K, value: CaseContentView[K]) =>
    setV((s) => ({ ...s, content: { ...s.content, [key]: value } }));
  const toggle = (key: 'themes' | 'lifeStages' | 'linkedIndicators', code: string) =>
    setV((s) => ({
      ...s,
      [key]: s[key].includes(code) ? s[key].filter((c) => c !== code) : [...s[key], code],
    }));
  const partners = [...v.content.partners, { kind: 'other' as const, name: '' }].slice(0, 10);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ ...v, content: { ...v.content, partners: v.content.partners.filter((p) => p.name.trim()) } });
  };
  const area = (key: (typeof TEXT_AREAS)[number]) => {
    const id = fieldId(ID, `content/${key}`);
    return (
      <div key={key} className="flex flex-col gap-2">
        <label htmlFor={id} className="text-std-17B-170">
          {t(`cases.edit.${key}`)}
          {key === 'summary' && (
            <span className="ml-2 text-dns-16N-130 text-error-2">{t('common.required')}</span>
          )}
        </label>
        {errors[`content/${key}`] && (
          <p className="text-dns-16B-130 text-error-2">{errors[`content/${key}`]}</p>
        )}
        <textarea
          id={id}
          rows={key === 'summary' ? 3 : 5}
          required={key === 'summary'}
          aria-invalid={errors[`content/${key}`] ? true : undefined}
          value={v.content[key]}
          onChange={(e) => setContent(key, e.target.value)}
          className={inputClass}
        />
      </div>
    );
  };
  return (
    <form onSubmit={submit} noValidate className={cardClass} aria-labelledby="page-heading">
      <FormProblem error={error} idPrefix={ID} focusKey={focusKey} />
      <p className="text-std-16N-170">{t('cases.edit.privacy')}</p>
      <TextField
        id={fieldId(ID, 'content/title')}
        label={t('cases.edit.title')}
        required
        value={v.content.title}
        error={errors['content/title']}
        onChange={(e) => setContent('title', e.target.value)}
      />
      <TextField
        id={fieldId(ID, 'content/titleKana')}
        label={t('cases.edit.titleKana')}
        hint={t('cases.edit.titleKanaHint')}
        value={v.content.titleKana}
        onChange={(e) => setContent('titleKana', e.target.value)}
      />
      {askMunicipality && (
        <TextField
          id={fieldId(ID, 'municipalityCode')}
          label={t('cases.edit.municipalityCode')}
          inputMode="numeric"
          value={v.municipalityCode ?? ''}
          error={errors.municipalityCode}
          onChange={(e) => setV((s) => ({ ...s, municipalityCode: e.target.value }))}
        />
      )}
      <TextField
        id={fieldId(ID, 'authorName')}
        label={t('cases.edit.authorName')}
        value={v.authorName}
        onChange={(e) => setV((s) => ({ ...s, authorName: e.target.value }))}
      />
      <fieldset className="flex flex-col gap-2" id={fieldId(ID, 'themes')}>
        <legend className="text-std-17B-170">{t('cases.edit.themes')}</legend>
        {errors.themes && <p className="text-dns-16B-130 text-error-2">{errors.themes}</p>}
        <div className="grid gap-2 md:grid-cols-2">
          {(themes.data?.items ?? []).map((th) => (
            <label key={th.code} className="flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                className={checkboxClass}
                checked={v.themes.includes(th.code)}
                onChange={() => toggle('themes', th.code)}
              />
              {t(`cases.theme.${th.code}`, { defaultValue: th.label.ja })}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-std-17B-170">{t('cases.edit.lifeStages')}</legend>
        <div className="grid gap-2 md:grid-cols-2">
          {CASE_LIFE_STAGES.map((s) => (
            <label key={s} className="flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                className={checkboxClass}
                checked={v.lifeStages.includes(s)}
                onChange={() => toggle('lifeStages', s)}
              />
              {t(`cases.lifeStage.${s}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField
          id={fieldId(ID, 'populationBand')}
          label={t('cases.edit.populationBand')}
          value={v.populationBand ?? ''}
          onChange={(e) => setV((s) => ({ ...s, populationBand: e.target.value || null }))}
          options={[
            { value: '', label: t('cases.edit.notSet') },
            ...POPULATION_BANDS.map((b) => ({ value: b, label: t(`cases.populationBand.${b}`) })),
          ]}
        />
        <SelectField
          id={fieldId(ID, 'areaClass')}
          label={t('cases.edit.areaClass')}
          value={v.areaClass ?? ''}
          onChange={(e) => setV((s) => ({ ...s, areaClass: e.target.value || null }))}
          options={[
            { value: '', label: t('cases.edit.notSet') },
            ...AREA_CLASSES.map((a) => ({ value: a, label: t(`cases.areaClass.${a}`) })),
          ]}
        />
      </div>
      {TEXT_AREAS.slice(0, 4).map(area)}
      <fieldset className="flex flex-col gap-3">
        <legend className="text-std-17B-170">{t('cases.detail.partners')}</legend>
        {partners.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in an editable list
          <div key={i} className="grid gap-2 md:grid-cols-2">
            <TextField
              id={fieldId(ID, `content/partners/${i}/name`)}
              label={`${t('cases.edit.partnerName')} ${i + 1}`}
              value={p.name}
              error={errors[`content/partners/${i}/name`]}
              onChange={(e) => {
                const next = [...partners];
                next[i] = { ...p, name: e.target.value };
                setContent(
                  'partners',
                  next.filter((x, j) => x.name || j < partners.length - 1),
                );
              }}
            />
            <SelectField
              id={fieldId(ID, `content/partners/${i}/kind`)}
              label={`${t('cases.edit.partnerKind')} ${i + 1}`}
              value={p.kind}
              onChange={(e) => {
                const next = [...partners];
                next[i] = { ...p, kind: e.target.value as (typeof PARTNER_KINDS)[number] };
                setContent(
                  'partners',
                  next.filter((x) => x.name),
                );
              }}
              options={PARTNER_KINDS.map((k) => ({ value: k, label: t(`cases.partnerKind.${k}`) }))}
            />
          </div>
        ))}
      </fieldset>
      {area('staffing')}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          id={fieldId(ID, 'content/budget/amountYen')}
          label={t('cases.edit.budgetAmount')}
          inputMode="numeric"
          value={v.content.budget.amountYen ?? ''}
          onChange={(e) => {
            const n = e.target.value.normalize('NFKC').replace(/[,\s]/g, '');
            setContent('budget', {
              ...v.content.budget,
              amountYen: n === '' || Number.isNaN(Number(n)) ? null : Number(n),
            });
          }}
        />
        <SelectField
          id={fieldId(ID, 'content/budget/source')}
          label={t('cases.edit.budgetSource')}
          value={v.content.budget.source}
          onChange={(e) =>
            setContent('budget', {
              ...v.content.budget,
              source: e.target.value as (typeof BUDGET_SOURCES)[number],
            })
          }
          options={BUDGET_SOURCES.map((b) => ({ value: b, label: t(`cases.budgetSource.${b}`) }))}
        />
      </div>
      <TextField
        id={fieldId(ID, 'content/budget/note')}
        label={t('cases.edit.budgetNote')}
        value={v.content.budget.note}
        onChange={(e) => setContent('budget', { ...v.content.budget, note: e.target.value })}
      />
      {area('outcomes')}
      <LinkedIndicators
        chosen={v.linkedIndicators}
        error={errors.linkedIndicators}
        onToggle={(id) => toggle('linkedIndicators', id)}
      />
      {TEXT_AREAS.slice(6).map(area)}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          id={fieldId(ID, 'content/periodFrom')}
          type="date"
          label={t('cases.edit.periodFrom')}
          value={v.content.periodFrom ?? ''}
          error={errors['content/periodFrom']}
          onChange={(e) => setContent('periodFrom', e.target.value || null)}
        />
        <TextField
          id={fieldId(ID, 'content/periodTo')}
          type="date"
          label={t('cases.edit.periodTo')}
          value={v.content.periodTo ?? ''}
          onChange={(e) => setContent('periodTo', e.target.value || null)}
        />
      </div>
      <TextField
        id={fieldId(ID, 'content/contactWindow')}
        label={t('cases.edit.contactWindow')}
        value={v.content.contactWindow}
        onChange={(e) => setContent('contactWindow', e.target.value)}
      />
      {town && (
        <TownLinks
          town={town}
          placeIds={v.content.linkedPlaceIds}
          eventIds={v.content.linkedEventIds}
          onChange={(key, ids) => setContent(key, ids)}
        />
      )}
      <button type="submit" disabled={pending} className={`${primaryButtonClass} self-start`}>
        {t('cases.edit.save')}
      </button>
    </form>
  );
}

/**
 * "Where the municipality allows": the author ticks which of the national layer's indicators the case
 * shows for the town (nothing by default). The published page shows them as the public indicators do,
 * small counts suppressed, so ticking one never reveals more than the national pages.
 */
function LinkedIndicators({
  chosen,
  error,
  onToggle,
}: {
  chosen: string[];
  error: string | undefined;
  onToggle(id: string): void;
}) {
  const { t, i18n } = useTranslation();
  const catalog = useQuery(indicatorCatalogQuery());
  const hintId = fieldId(ID, 'linkedIndicators-hint');
  return (
    <fieldset
      className="flex flex-col gap-2"
      id={fieldId(ID, 'linkedIndicators')}
      aria-describedby={hintId}
      aria-invalid={error ? true : undefined}
    >
      <legend className="text-std-17B-170">{t('cases.edit.linkedIndicators')}</legend>
      <p id={hintId} className="text-dns-16N-130 text-solid-gray-700">
        {t('cases.edit.linkedIndicatorsHint', { max: MAX_LINKED })}
      </p>
      {error && <p className="text-dns-16B-130 text-error-2">{error}</p>}
      <div className="grid gap-2 md:grid-cols-2">
        {(catalog.data?.items ?? []).map((item) => (
          <label key={item.id} className="flex min-h-11 items-center gap-2">
            <input
              type="checkbox"
              className={checkboxClass}
              checked={chosen.includes(item.id)}
              disabled={!chosen.includes(item.id) && chosen.length >= MAX_LINKED}
              onChange={() => onToggle(item.id)}
            />
            {item[htmlLangOf(i18n.language)]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Checkboxes of the town's published places and events that came from the case. */
function TownLinks({
  town,
  placeIds,
  eventIds,
  onChange,
}: {
  town: string;
  placeIds: string[];
  eventIds: string[];
  onChange(key: 'linkedPlaceIds' | 'linkedEventIds', ids: string[]): void;
}) {
  const { t } = useTranslation();
  const places = useQuery(townPlacesQuery(town));
  const events = useInfiniteQuery(eventsSearchQuery({ municipality: town }));
  const toggle = (key: 'linkedPlaceIds' | 'linkedEventIds', list: string[], id: string) =>
    onChange(key, list.includes(id) ? list.filter((x) => x !== id) : [...list, id].slice(0, 20));
  const eventItems = events.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-std-17B-170">{t('cases.detail.links')}</legend>
      {(places.data?.items ?? []).map((p) => (
        <label key={p.id} className="flex min-h-11 items-center gap-2">
          <input
            type="checkbox"
            className={checkboxClass}
            checked={placeIds.includes(p.id)}
            onChange={() => toggle('linkedPlaceIds', placeIds, p.id)}
          />
          {p.name}
        </label>
      ))}
      {eventItems.map((e) => (
        <label key={e.id} className="flex min-h-11 items-center gap-2">
          <input
            type="checkbox"
            className={checkboxClass}
            checked={eventIds.includes(e.id)}
            onChange={() => toggle('linkedEventIds', eventIds, e.id)}
          />
          {e.title}
        </label>
      ))}
    </fieldset>
  );
}
