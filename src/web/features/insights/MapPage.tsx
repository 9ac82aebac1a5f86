import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection } from 'geojson';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fiscalYearOf } from '../../../shared/text/wareki.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { inLanguage } from '../../i18n/language.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { useMunicipalityShapes } from '../../ui/maps/municipality-shapes-file.ts';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import {
  inputClass,
  linkClass,
  secondaryButtonClass,
  selectClass,
  tableClass,
  tdClass,
  thClass,
} from '../../ui/styles.ts';
import { catalogQuery, exportUrl, type IndicatorFigure, indicatorQuery } from './api.ts';

/**
 * A choropleth of one indicator per municipality, with no network beyond this server: the boundary file
 * (MLIT 国土数値情報, processed; credit shown below the map) ships with the app and is fetched only by
 * this page's lazy chunk, drawn with d3-geo. Colour-blind-safe sequential classes (viridis); hatching
 * for not reported and suppressed; outline only for not expected. Drill down by prefecture (select or
 * click), find a town with the search box, and read the same data as a table.
 */
const CLASSES = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'];
const ZERO = '#f2f2f2';
type Props = { scope?: 'public' | 'console' };
function classBreaks(values: number[]): number[] {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [];
  const breaks = [1, 2, 3, 4].map(
    (i) => positive[Math.floor((positive.length * i) / 5)] ?? positive[positive.length - 1]!,
  );
  return [...new Set(breaks)];
}

export function MapPage({ scope = 'console' }: Props) {
  const { t, i18n } = useTranslation();
  const problem = useProblemMessage();
  const ids = useId();
  const [indicator, setIndicator] = useState('places_40_64');
  const [fiscalYear, setFiscalYear] = useState(fiscalYearOf(new Date()));
  const [prefecture, setPrefecture] = useState('');
  const [view, setView] = useState<'map' | 'table'>('map');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const catalog = useQuery(catalogQuery());
  const data = useQuery(indicatorQuery(indicator, fiscalYear, 'municipality'));
  const prefectures = useQuery(indicatorQuery(indicator, fiscalYear, 'prefecture'));
  const { shapes, failed } = useMunicipalityShapes();
  const title = scope === 'public' ? t('insights.national.title') : t('insights.map.title');
  const stateText = (f: IndicatorFigure) =>
    f.state === 'value' ? `${f.value}` : t(`insights.published.${f.state}`);

  const byCode = useMemo(() => new Map((data.data?.items ?? []).map((f) => [f.code, f])), [data.data]);
  const breaks = useMemo(
    () => classBreaks((data.data?.items ?? []).filter((f) => f.state === 'value').map((f) => f.value!)),
    [data.data],
  );
  const fill = (f: IndicatorFigure | undefined) => {
    if (!f || f.state === 'not_expected') return '#ffffff';
    if (f.state === 'not_reported' || f.state === 'suppressed') return `url(#${ids}-hatch)`;
    if (f.state === 'zero') return ZERO;
    const i = breaks.findIndex((b) => f.value! <= b);
    return CLASSES[i < 0 ? Math.min(breaks.length, CLASSES.length - 1) : i]!;
  };
  const visible = useMemo(
    () => (shapes ?? []).filter((s) => !prefecture || s.prefectureCode === prefecture),
    [shapes, prefecture],
  );
  const width = 800;
  const height = 800;
  const path = useMemo(() => {
    if (visible.length === 0) return null;
    const projection = geoMercator().fitSize([width, height], {
      type: 'FeatureCollection',
      features: visible.map((s) => s.feature),
    } as FeatureCollection);
    return geoPath(projection);
  }, [visible]);
  const rows = (data.data?.items ?? []).filter((f) => !prefecture || f.prefectureCode === prefecture);

  // A search sent before the figures arrive (a slow line, a busy server) waits for them: answering
  // 「見つかりません」 then would tell a keyboard or screen-reader user something untrue.
  const [waitingQuery, setWaitingQuery] = useState<string | null>(null);
  const answerSearch = (q: string, items: readonly IndicatorFigure[]) => {
    const hit = items.find((f) => q && f.name.includes(q));
    if (!hit) {
      setAnnounce(t('insights.map.notFound'));
      return;
    }
    setPrefecture(hit.prefectureCode);
    setSelected(hit.code);
    setAnnounce(t('insights.map.found', { name: hit.name, state: stateText(hit) }));
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    const q = search.normalize('NFKC').trim();
    if (!data.data) {
      setWaitingQuery(q);
      setAnnounce(t('insights.map.searchWaiting'));
      return;
    }
    answerSearch(q, data.data.items);
  };
  useEffect(() => {
    if (waitingQuery === null || !data.data) return;
    setWaitingQuery(null);
    answerSearch(waitingQuery, data.data.items);
  });
  const indicatorLabel = (id: string) => {
    const item = catalog.data?.items.find((i) => i.id === id);
    return item ? inLanguage(item, i18n.language) : id;
  };

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('insights.map.lead')}</p>
      {data.data?.demo && <Notice tone="warning">{t('insights.map.demo')}</Notice>}
      <div className="flex flex-wrap items-end gap-4">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-indicator`} className="text-std-16B-170">
            {t('insights.map.indicator')}
          </label>
          <select
            id={`${ids}-indicator`}
            className={selectClass}
            value={indicator}
            onChange={(e) => setIndicator(e.target.value)}
          >
            {(
              catalog.data?.items ?? [
                { id: 'places_40_64', ja: '40〜64歳の居場所の数', en: 'Places for 40–64' },
              ]
            ).map((i) => (
              <option key={i.id} value={i.id}>
                {inLanguage(i, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-year`} className="text-std-16B-170">
            {t('insights.map.fiscalYear')}
          </label>
          <select
            id={`${ids}-year`}
            className={selectClass}
            value={fiscalYear}
            onChange={(e) => setFiscalYear(Number(e.target.value))}
          >
            {[0, 1, 2, 3, 4].map((d) => {
              const y = fiscalYearOf(new Date()) - d;
              return (
                <option key={y} value={y}>
                  {y}
                </option>
              );
            })}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-pref`} className="text-std-16B-170">
            {t('insights.map.prefecture')}
          </label>
          <select
            id={`${ids}-pref`}
            className={selectClass}
            value={prefecture}
            onChange={(e) => setPrefecture(e.target.value)}
          >
            <option value="">{t('insights.map.allJapan')}</option>
            {(prefectures.data?.items ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <search>
        <form onSubmit={onSearch} className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${ids}-search`} className="text-std-16B-170">
              {t('insights.map.search')}
            </label>
            <input
              id={`${ids}-search`}
              className={inputClass}
              value={search}
              placeholder={t('insights.map.searchHint')}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <button type="submit" className={secondaryButtonClass}>
            {t('insights.map.search')}
          </button>
        </form>
      </search>
      <LiveStatus message={announce} />
      <fieldset className="flex flex-wrap gap-4">
        <legend className="text-std-16B-170">{t('insights.map.view')}</legend>
        {(['map', 'table'] as const).map((v) => (
          <label key={v} className="flex min-h-11 items-center gap-2">
            <input
              type="radio"
              name={`${ids}-view`}
              value={v}
              checked={view === v}
              onChange={() => setView(v)}
              className="size-6"
            />
            {v === 'map' ? t('insights.map.mapView') : t('insights.map.tableView')}
          </label>
        ))}
      </fieldset>
      {data.isError && <Notice tone="error">{problem(data.error)}</Notice>}
      {view === 'map' ? (
        <figure className="flex flex-col gap-2">
          {failed && <Notice tone="error">{t('insights.map.notFound')}</Notice>}
          {!shapes || !path ? (
            <p role="status">{t('insights.map.loading')}</p>
          ) : (
            <svg
              viewBox={`0 0 ${width} ${height}`}
              className="h-auto w-full max-w-3xl border border-solid-gray-420 bg-blue-50"
              role="img"
              aria-label={`${indicatorLabel(indicator)}（${fiscalYear}）${prefecture ? ` ${prefectures.data?.items.find((p) => p.code === prefecture)?.name ?? ''}` : ''}`}
              data-testid="insights-map"
            >
              <defs>
                <pattern
                  id={`${ids}-hatch`}
                  width="6"
                  height="6"
                  patternUnits="userSpaceOnUse"
                  patternTransform="rotate(45)"
                >
                  <rect width="6" height="6" fill="#ffffff" />
                  <line x1="0" y1="0" x2="0" y2="6" stroke="#626264" strokeWidth="2" />
                </pattern>
              </defs>
              {visible.map((s) => {
                const f = byCode.get(s.code);
                return (
                  // biome-ignore lint/a11y/noStaticElementInteractions: the map is a picture; the search box, the prefecture select and the table give the same by keyboard
                  <path
                    key={s.key}
                    d={path(s.feature) ?? ''}
                    fill={fill(f)}
                    stroke={selected === s.code ? '#d10000' : '#767676'}
                    strokeWidth={selected === s.code ? 3 : 0.3}
                    data-code={s.code}
                    data-state={f?.state ?? 'none'}
                    onClick={() => {
                      if (!prefecture) setPrefecture(s.prefectureCode);
                      else if (f) {
                        setSelected(s.code);
                        setAnnounce(t('insights.map.selectOnMap', { name: f.name, state: stateText(f) }));
                      }
                    }}
                  >
                    <title>{f ? `${f.name}: ${stateText(f)}` : s.code}</title>
                  </path>
                );
              })}
            </svg>
          )}
          <figcaption className="flex flex-col gap-2 text-std-16N-170">
            <span className="text-std-16B-170">{t('insights.map.legend')}</span>
            <ul className="flex flex-wrap gap-4">
              <li className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block size-5 border border-solid-gray-536"
                  style={{ background: ZERO }}
                />
                0
              </li>
              {breaks.map((b, i) => (
                <li key={b} className="flex items-center gap-2">
                  <span
                    aria-hidden="true"
                    className="inline-block size-5 border border-solid-gray-536"
                    style={{ background: CLASSES[i] }}
                  />
                  {i === 0 ? `≤ ${b}` : `${breaks[i - 1]! + 0} – ${b}`}
                </li>
              ))}
              <li className="flex items-center gap-2">
                <svg aria-hidden="true" width="20" height="20">
                  <rect width="20" height="20" fill={`url(#${ids}-hatch)`} stroke="#767676" />
                </svg>
                {t('insights.map.hatched')}
              </li>
            </ul>
            <span>{t('insights.map.credit')}</span>
          </figcaption>
        </figure>
      ) : (
        <DataTable label={t('insights.map.tableView')}>
          <table className={tableClass}>
            <caption className="text-left text-std-16B-170">
              {indicatorLabel(indicator)}（{fiscalYear}）
            </caption>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {t('insights.map.code')}
                </th>
                <th scope="col" className={thClass}>
                  {t('insights.map.name')}
                </th>
                <th scope="col" className={thClass}>
                  {t('insights.map.value')}
                </th>
                <th scope="col" className={thClass}>
                  {t('insights.map.per100k')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((f) => (
                <tr
                  key={f.code}
                  data-code={f.code}
                  className={selected === f.code ? 'bg-yellow-100' : undefined}
                >
                  <td className={tdClass}>{f.code}</td>
                  <th scope="row" className={`${tdClass} font-normal`}>
                    {f.name}
                  </th>
                  <td className={tdClass} data-state={f.state}>
                    {stateText(f)}
                  </td>
                  <td className={tdClass}>{f.per100k ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
      {data.data?.median !== null && data.data?.median !== undefined && (
        <p className="text-std-16N-170">{t('insights.map.median', { value: data.data.median })}</p>
      )}
      <p className="flex flex-wrap gap-4">
        <span className="text-std-16B-170">{t('insights.map.download')}:</span>
        <a className={linkClass} href={exportUrl('csv', indicator, fiscalYear, prefecture || undefined)}>
          {t('insights.map.csv')}
        </a>
        <a className={linkClass} href={exportUrl('xlsx', indicator, fiscalYear, prefecture || undefined)}>
          {t('insights.map.xlsx')}
        </a>
      </p>
    </>
  );
}

export const PublicMapPage = () => <MapPage scope="public" />;
export const ConsoleMapPage = () => <MapPage scope="console" />;
