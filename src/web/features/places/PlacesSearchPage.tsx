import './i18n.ts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { JobLeaverHint } from '../../ui/JobLeaverHint.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { inputClass, linkClass, primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';
import {
  FIRST_VISIT,
  type FirstVisit,
  LIFE_STAGES,
  PLACE_KINDS,
  type PlaceSearch,
  type PlaceSearchResult,
  type PublicPlace,
  searchParams,
  WEEKDAYS,
} from './api.ts';
import { describeHours } from './format.ts';
import { NoPlacesFound } from './NoPlacesFound.tsx';
import { PlaceMap } from './PlaceMap.tsx';
import { toUrlSearch } from './search.ts';

/** Anything that narrows the directory; with none, the page shows only the form. */
const hasCriteria = (s: PlaceSearch, near: string | null) =>
  Boolean(
    s.q ||
      s.postalCode ||
      s.municipality ||
      s.kind ||
      s.lifeStage ||
      s.audience ||
      s.online ||
      s.weekday ||
      s.firstVisit?.length ||
      near,
  );

/**
 * `/places`: the public directory, phone first. The conditions live in the URL (a link can be
 * shared, Back works); the browser's location never does (it stays in this page's memory only).
 */
export function PlacesSearchPage({ search, view }: { search: PlaceSearch; view: 'list' | 'map' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problemMessage = useProblemMessage();
  const [form, setForm] = useState<PlaceSearch>(search);
  const [near, setNear] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'denied'>('idle');
  const searchKey = JSON.stringify(search);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the URL when it changes.
  useEffect(() => setForm(search), [searchKey]);

  const nearParam = near ? `${near.lat.toFixed(3)},${near.lng.toFixed(3)}` : null;
  const effective: PlaceSearch = { ...search, ...(nearParam ? { near: nearParam } : {}) };
  const enabled = hasCriteria(search, nearParam);
  const results = useInfiniteQuery({
    queryKey: ['places', 'search', effective],
    queryFn: ({ signal, pageParam }) =>
      api<PlaceSearchResult>('/api/public/places', { query: searchParams(effective, pageParam), signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    staleTime: 60_000,
  });
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  const first = results.data?.pages[0];
  const area = first?.area;
  const areaName = area
    ? `${area.municipalityName}${area.district}`
    : search.municipality && items[0]?.municipalityCode === search.municipality
      ? items[0].municipalityName
      : null;

  /** The form's conditions into the URL (a search), also when 近い順 is chosen before searching. */
  const applyForm = () => {
    const next: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(form)) {
      if (key === 'near') continue;
      if (Array.isArray(value) ? value.length > 0 : value !== undefined && value !== '' && value !== false)
        next[key] = typeof value === 'string' ? value.trim() : value;
    }
    void navigate({
      to: '/places',
      search: toUrlSearch({ ...(next as PlaceSearch), ...(view === 'map' ? { view } : {}) }) as never,
    });
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    applyForm();
  };

  const locate = () => {
    if (!('geolocation' in navigator)) return setLocating('denied');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        // Conditions chosen but not yet searched count too (issue 21 item 10): "近い順" searches with them.
        applyForm();
        setNear({ lat: position.coords.latitude, lng: position.coords.longitude });
        setLocating('idle');
      },
      () => setLocating('denied'),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    );
  };

  const set = <K extends keyof PlaceSearch>(key: K, value: PlaceSearch[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const toggleFirstVisit = (option: FirstVisit, on: boolean) =>
    set(
      'firstVisit',
      on ? [...(form.firstVisit ?? []), option] : (form.firstVisit ?? []).filter((o) => o !== option),
    );
  const anyOption = { value: '', label: t('places.search.any') };

  return (
    <>
      <div className="flex flex-col gap-3">
        <PageHeading title={t('places.search.title')}>{t('places.search.title')}</PageHeading>
        <p className="text-std-16N-170">{t('places.search.lead')}</p>
      </div>
      <JobLeaverHint text={search.q} municipalityCode={search.municipality} />

      <search aria-label={t('places.search.landmark')}>
        <form
          onSubmit={onSubmit}
          className="flex flex-col gap-5 rounded-8 border border-solid-gray-420 bg-white p-4 md:p-6"
        >
          <div className="flex flex-col gap-2">
            <label htmlFor="places-q" className="text-std-17B-170">
              {t('places.search.keyword')}
            </label>
            <p id="places-q-hint" className="text-std-16N-170 text-solid-gray-700">
              {t('places.search.keywordHint')}
            </p>
            <input
              id="places-q"
              type="search"
              className={inputClass}
              aria-describedby="places-q-hint"
              maxLength={100}
              value={form.q ?? ''}
              onChange={(e) => set('q', e.target.value)}
            />
          </div>
          <div className="grid gap-5 sm:grid-cols-2">
            <div className="flex flex-col gap-2">
              <label htmlFor="places-postal" className="text-std-17B-170">
                {t('places.search.postalCode')}
              </label>
              <p id="places-postal-hint" className="text-std-16N-170 text-solid-gray-700">
                {t('places.search.postalCodeHint')}
              </p>
              <input
                id="places-postal"
                type="text"
                inputMode="numeric"
                autoComplete="postal-code"
                className={inputClass}
                aria-describedby="places-postal-hint"
                maxLength={10}
                value={form.postalCode ?? ''}
                onChange={(e) => set('postalCode', e.target.value)}
              />
            </div>
            <SelectField
              id="places-kind"
              label={t('places.search.kind')}
              value={form.kind ?? ''}
              onChange={(e) => set('kind', (e.target.value || undefined) as PlaceSearch['kind'])}
              options={[anyOption, ...PLACE_KINDS.map((k) => ({ value: k, label: t(`places.kind.${k}`) }))]}
            />
          </div>
          <details
            className="flex flex-col gap-4"
            open={Boolean(
              search.lifeStage ||
                search.audience ||
                search.weekday ||
                search.online ||
                search.firstVisit?.length,
            )}
          >
            <summary className="min-h-11 cursor-pointer py-2 text-std-17B-170 text-blue-1000 underline underline-offset-[3px]">
              {t('places.search.more')}
            </summary>
            <div className="mt-3 grid gap-5 sm:grid-cols-3">
              <SelectField
                id="places-stage"
                label={t('places.search.lifeStage')}
                value={form.lifeStage ?? ''}
                onChange={(e) => set('lifeStage', (e.target.value || undefined) as PlaceSearch['lifeStage'])}
                options={[
                  anyOption,
                  ...LIFE_STAGES.map((s) => ({ value: s, label: t(`places.lifeStage.${s}`) })),
                ]}
              />
              <SelectField
                id="places-audience"
                label={t('places.search.audience')}
                value={form.audience ?? ''}
                onChange={(e) => set('audience', (e.target.value || undefined) as PlaceSearch['audience'])}
                options={[
                  anyOption,
                  { value: 'person', label: t('places.audienceFilter.person') },
                  { value: 'family', label: t('places.audienceFilter.family') },
                ]}
              />
              <SelectField
                id="places-weekday"
                label={t('places.search.weekday')}
                value={form.weekday ?? ''}
                onChange={(e) => set('weekday', (e.target.value || undefined) as PlaceSearch['weekday'])}
                options={[
                  anyOption,
                  ...WEEKDAYS.map((d) => ({ value: d, label: t(`places.weekdayLong.${d}`) })),
                ]}
              />
            </div>
            <div className="mt-3">
              <Checkbox
                id="places-online"
                label={t('places.search.online')}
                checked={form.online ?? false}
                onChange={(e) => set('online', e.target.checked || undefined)}
              />
            </div>
            <fieldset className="mt-3 flex flex-col gap-1">
              <legend className="text-std-17B-170">{t('places.search.firstVisitLegend')}</legend>
              {FIRST_VISIT.map((option) => (
                <Checkbox
                  key={option}
                  id={`places-fv-${option}`}
                  label={t(`places.firstVisit.${option}`)}
                  checked={form.firstVisit?.includes(option) ?? false}
                  onChange={(e) => toggleFirstVisit(option, e.target.checked)}
                />
              ))}
            </fieldset>
          </details>
          <div className="flex flex-wrap gap-3">
            <button type="submit" className={primaryButtonClass}>
              {t('places.search.submit')}
            </button>
            {near ? (
              <button type="button" className={secondaryButtonClass} onClick={() => setNear(null)}>
                {t('places.search.locationOff')}
              </button>
            ) : (
              <button
                type="button"
                className={secondaryButtonClass}
                onClick={locate}
                disabled={locating === 'busy'}
              >
                {locating === 'busy' ? t('places.search.locating') : t('places.search.useLocation')}
              </button>
            )}
          </div>
        </form>
      </search>
      {locating === 'denied' && <Notice tone="warning">{t('places.search.locationDenied')}</Notice>}

      <section aria-labelledby="places-results-heading" className="flex flex-col gap-4">
        <h2 id="places-results-heading" className="sr-only">
          {t('places.search.resultsLabel')}
        </h2>
        <div role="status" aria-live="polite" className="text-std-16N-170">
          {!enabled
            ? ''
            : results.isPending
              ? t('places.search.searching')
              : first
                ? [
                    areaName
                      ? t(first.totalCapped ? 'places.search.countAreaMore' : 'places.search.countArea', {
                          count: first.total,
                          area: areaName,
                        })
                      : t(first.totalCapped ? 'places.search.countMore' : 'places.search.count', {
                          count: first.total,
                        }),
                    near ? t('places.search.locationOn') : '',
                  ]
                    .filter(Boolean)
                    .join(' ')
                : ''}
        </div>
        {results.isError && (
          <Notice tone="error">
            <p>{problemMessage(results.error)}</p>
          </Notice>
        )}
        {enabled && first && first.total === 0 && (
          <>
            <p className="text-std-16N-170">{t('places.search.none')}</p>
            <NoPlacesFound q={search.q} municipality={search.municipality ?? area?.municipalityCode} />
          </>
        )}
        {items.length > 0 && (
          <>
            <fieldset className="flex flex-wrap items-center gap-2">
              <legend className="sr-only">{t('places.search.viewLabel')}</legend>
              {(['list', 'map'] as const).map((v) => (
                <Link
                  key={v}
                  to="/places"
                  search={toUrlSearch({ ...search, ...(v === 'map' ? { view: 'map' } : {}) }) as never}
                  aria-current={view === v ? 'true' : undefined}
                  className={`${view === v ? primaryButtonClass : secondaryButtonClass}`}
                >
                  {v === 'list' ? t('places.search.listView') : t('places.search.mapView')}
                </Link>
              ))}
            </fieldset>
            {view === 'map' ? (
              <PlaceMap places={items} you={near} />
            ) : (
              <ul className="flex flex-col gap-3">
                {items.map((place) => (
                  <PlaceCard key={place.id} place={place} />
                ))}
              </ul>
            )}
            {results.hasNextPage && (
              <button
                type="button"
                className={`${secondaryButtonClass} self-start`}
                onClick={() => void results.fetchNextPage()}
                disabled={results.isFetchingNextPage}
              >
                {t('places.search.more_results')}
              </button>
            )}
          </>
        )}
      </section>
      {search.municipality && (
        <section aria-labelledby="places-open-data" className="flex flex-col gap-1 text-std-16N-170">
          <h2 id="places-open-data" className="text-std-17B-170">
            {t('places.search.openData')}
          </h2>
          <ul className="flex flex-wrap gap-x-6">
            <li>
              <a
                className={`${linkClass} inline-flex min-h-11 items-center`}
                href={`/api/public/open-data/${search.municipality}_public_facility.csv`}
              >
                {t('places.search.openDataCsv')}
              </a>
            </li>
            <li>
              <a
                className={`${linkClass} inline-flex min-h-11 items-center`}
                href={`/api/public/open-data/hsds/${search.municipality}`}
              >
                {t('places.search.openDataHsds')}
              </a>
            </li>
          </ul>
        </section>
      )}
    </>
  );
}

function PlaceCard({ place }: { place: PublicPlace }) {
  const { t } = useTranslation();
  return (
    <li className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2 text-dns-14N-130">
        <span className="rounded-4 bg-blue-100 px-2 py-1 text-blue-1200">
          {t(`places.kind.${place.kind}`)}
        </span>
        {place.status === 'paused' && (
          <span className="rounded-4 bg-solid-gray-100 px-2 py-1 text-solid-gray-800">
            {t('places.detail.paused')}
          </span>
        )}
        {place.delivery !== 'in_person' && (
          <span className="rounded-4 bg-green-50 px-2 py-1 text-green-1100">
            {t(`places.delivery.${place.delivery}`)}
          </span>
        )}
      </div>
      <h3 className="text-std-20B-150">
        <Link
          to="/places/$id"
          params={{ id: place.id }}
          className={`${linkClass} inline-flex min-h-11 items-center`}
          lang="ja"
        >
          {place.name}
        </Link>
      </h3>
      <p lang="ja" className="text-dns-16N-130 text-solid-gray-700">
        {[place.municipalityName, place.district].filter(Boolean).join(' ')}
        {typeof place.distanceKm === 'number' &&
          ` ・ ${t('places.detail.distance', { km: place.distanceKm })}`}
      </p>
      {place.openingHours.length > 0 && (
        <p className="text-dns-16N-130">{place.openingHours.map((h) => describeHours(t, h)).join(' ／ ')}</p>
      )}
      {place.firstVisit.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label={t('places.detail.firstVisit')}>
          {place.firstVisit.map((f) => (
            <li key={f} className="rounded-4 border border-solid-gray-420 px-2 py-1 text-dns-14N-130">
              {t(`places.firstVisit.${f}`)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
