import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AREA_CLASSES,
  CASE_LIFE_STAGES,
  isAboutGap,
  MUNICIPALITY_TYPES,
  POPULATION_BANDS,
} from '../../../shared/contracts/cases.ts';
import { fiscalYearLabel } from '../../../shared/contracts/fiscal-label.ts';
import { SERVICE_GAPS } from '../../../shared/contracts/insights.ts';
import { prefecturesQuery } from '../../api/municipalities.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { cardClass, linkClass, primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import { type CasesSearch, publicCasesQuery, themesQuery } from './api.ts';
import { ThemeList } from './CaseParts.tsx';

/** A service the API names in Japanese (`builtWhatYouLack`), in the page's language. */
function gapLabels(labels: readonly string[], t: TFunction): string {
  const textOf = t('cases.format.textOf') as 'ja' | 'en' | 'easy';
  const pick = (ja: string) => SERVICE_GAPS.find((g) => g.ja === ja)?.[textOf] ?? ja;
  return labels.map(pick).join(t('cases.format.listSeparator'));
}

/**
 * `/cases`: the national library of model cases (issue 17). Keyword (matched on readings as in the
 * directory), theme, life stage, prefecture, type, size and urban/rural; `similarTo` puts "towns like
 * mine" first, and says on a case when its town built what the chosen town lacks (from the national
 * layer's accepted returns). Open data links at the foot. Works without signing in.
 */
export function CasesSearchPage({ search }: { search: CasesSearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problemMessage = useProblemMessage();
  const [form, setForm] = useState<CasesSearch>(search);
  const themes = useQuery(themesQuery());
  const prefectures = useQuery(prefecturesQuery());
  const results = useQuery(publicCasesQuery(search));
  const set = (key: keyof CasesSearch) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void navigate({ to: '/cases', search: { ...form } as never });
  };
  const any = { value: '', label: t('cases.search.any') };
  const town = results.data?.town;

  return (
    <>
      <PageHeading title={t('cases.search.title')}>{t('cases.search.title')}</PageHeading>
      <p className="text-std-16N-170">{t('cases.search.lead')}</p>
      <search aria-label={t('cases.search.title')}>
        <form onSubmit={submit} className={cardClass}>
          <TextField
            id="cases-q"
            label={t('cases.search.keyword')}
            hint={t('cases.search.keywordHint')}
            value={form.q ?? ''}
            onChange={set('q')}
          />
          <div className="grid gap-4 md:grid-cols-2">
            <SelectField
              id="cases-theme"
              label={t('cases.search.theme')}
              value={form.theme ?? ''}
              onChange={set('theme')}
              options={[
                any,
                ...(themes.data?.items ?? []).map((th) => ({
                  value: th.code,
                  label: t(`cases.theme.${th.code}`, { defaultValue: th.label.ja }),
                })),
              ]}
            />
            <SelectField
              id="cases-prefecture"
              label={t('cases.search.prefecture')}
              value={form.prefecture ?? ''}
              onChange={set('prefecture')}
              options={[
                any,
                ...(prefectures.data?.items ?? []).map((p) => ({ value: p.code, label: p.name })),
              ]}
            />
            <SelectField
              id="cases-type"
              label={t('cases.search.municipalityType')}
              value={form.municipalityType ?? ''}
              onChange={set('municipalityType')}
              options={[
                any,
                ...MUNICIPALITY_TYPES.map((v) => ({ value: v, label: t(`cases.municipalityType.${v}`) })),
              ]}
            />
            <SelectField
              id="cases-band"
              label={t('cases.search.populationBand')}
              value={form.populationBand ?? ''}
              onChange={set('populationBand')}
              options={[
                any,
                ...POPULATION_BANDS.map((v) => ({ value: v, label: t(`cases.populationBand.${v}`) })),
              ]}
            />
            <SelectField
              id="cases-life-stage"
              label={t('cases.search.lifeStage')}
              value={form.lifeStage ?? ''}
              onChange={set('lifeStage')}
              options={[
                any,
                ...CASE_LIFE_STAGES.map((v) => ({ value: v, label: t(`cases.lifeStage.${v}`) })),
              ]}
            />
            <SelectField
              id="cases-area"
              label={t('cases.search.areaClass')}
              value={form.areaClass ?? ''}
              onChange={set('areaClass')}
              options={[any, ...AREA_CLASSES.map((v) => ({ value: v, label: t(`cases.areaClass.${v}`) }))]}
            />
          </div>
          <button type="submit" className={`${primaryButtonClass} self-start`}>
            {t('cases.search.submit')}
          </button>
        </form>
      </search>

      {town && (
        <section aria-labelledby="similar-heading" className="flex flex-col gap-2">
          <h2 id="similar-heading" className="text-std-24B-150">
            {t('cases.search.similarHeading', { name: town.name })}
          </h2>
          <p className="text-std-16N-170">
            {t('cases.search.similarLead', {
              name: town.name,
              type: t(`cases.municipalityType.${town.municipalityType}`),
            })}
          </p>
          {town.lacks.length > 0 && town.lacksFiscalYear !== null && (
            <p className="text-std-16N-170">
              {t('cases.search.townLacks', {
                name: town.name,
                year: t('cases.format.fiscalYear', {
                  year: town.lacksFiscalYear,
                  wareki: fiscalYearLabel(town.lacksFiscalYear),
                }),
                what: gapLabels(town.lacks, t),
              })}
            </p>
          )}
          <Link
            to="/cases"
            search={{ ...search, similarTo: undefined } as never}
            className={`${linkClass} self-start`}
          >
            {t('cases.search.similarClear')}
          </Link>
        </section>
      )}

      <section aria-labelledby="cases-results-heading" className="flex flex-col gap-4">
        <h2 id="cases-results-heading" className="sr-only">
          {t('cases.search.results')}
        </h2>
        <p role="status" className="text-std-16B-170">
          {results.isPending
            ? t('cases.detail.loading')
            : results.data
              ? t('cases.search.count', { count: results.data.total })
              : ''}
        </p>
        {results.isError && <Notice tone="error">{problemMessage(results.error)}</Notice>}
        {results.data?.total === 0 && <p>{t('cases.search.none')}</p>}
        <ul className="flex flex-col gap-4">
          {results.data?.items.map((c) => (
            <li key={c.id} className={cardClass}>
              <h3 className="text-std-20B-150">
                <Link to="/cases/$id" params={{ id: c.id }} className={linkClass}>
                  <span lang="ja">{c.title}</span>
                </Link>
              </h3>
              <p className="text-dns-16N-130 text-solid-gray-700">
                <span lang="ja">
                  {c.prefectureName} {c.municipalityName}
                </span>
                {'・'}
                {t(`cases.municipalityType.${c.municipalityType}`)}
                {c.populationBand ? `・${t(`cases.populationBand.${c.populationBand}`)}` : ''}
              </p>
              {c.similarity?.sameTown && (
                <p className="text-dns-16B-130 text-green-900">{t('cases.search.sameTown')}</p>
              )}
              {c.builtWhatYouLack && c.builtWhatYouLack.length > 0 && (
                <p className="text-dns-16B-130 text-green-900">
                  {t(
                    isAboutGap(c.themes, c.builtWhatYouLack)
                      ? 'cases.search.builtWhatYouLack'
                      : 'cases.search.builtWhatYouLackTown',
                    { what: gapLabels(c.builtWhatYouLack, t) },
                  )}
                </p>
              )}
              <ThemeList themes={c.themes} />
              <p lang="ja" className="text-std-16N-170">
                {c.summary}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="cases-open-data" className="flex flex-col gap-2">
        <h2 id="cases-open-data" className="text-std-20B-150">
          {t('cases.search.openData')}
        </h2>
        <div className="flex flex-wrap gap-4">
          <a href="/api/public/cases/open-data.json" className={secondaryButtonClass}>
            {t('cases.search.openDataJson')}
          </a>
          <a href="/api/public/cases/open-data.csv" className={secondaryButtonClass}>
            {t('cases.search.openDataCsv')}
          </a>
        </div>
      </section>
    </>
  );
}
