import type { CasesSearch } from './api.ts';

const text = (v: unknown, max = 100) =>
  typeof v === 'string' && v.length <= max ? v : typeof v === 'number' ? String(v) : undefined;

/** The search of `/cases` from the URL: unknown or malformed parameters are dropped, never sent. */
export function validateCasesSearch(search: Record<string, unknown>): CasesSearch {
  const out: CasesSearch = {};
  const q = text(search.q);
  if (q) out.q = q;
  const theme = text(search.theme, 40);
  if (theme && /^[a-z0-9_]+$/.test(theme)) out.theme = theme;
  const prefecture = text(search.prefecture, 2);
  if (prefecture && /^\d{2}$/.test(prefecture.padStart(2, '0'))) out.prefecture = prefecture.padStart(2, '0');
  const type = text(search.municipalityType, 20);
  if (type && /^[a-z_]+$/.test(type)) out.municipalityType = type;
  const band = text(search.populationBand, 20);
  if (band && /^[a-z0-9_]+$/.test(band)) out.populationBand = band;
  const lifeStage = text(search.lifeStage, 20);
  if (lifeStage && /^[a-z0-9_]+$/.test(lifeStage)) out.lifeStage = lifeStage;
  const areaClass = text(search.areaClass, 10);
  if (areaClass && /^[a-z]+$/.test(areaClass)) out.areaClass = areaClass;
  const similarTo = text(search.similarTo, 6);
  if (similarTo && /^\d{6}$/.test(similarTo.padStart(6, '0'))) out.similarTo = similarTo.padStart(6, '0');
  return out;
}
