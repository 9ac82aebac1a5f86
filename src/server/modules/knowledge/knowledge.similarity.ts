import {
  type AreaClass,
  isAboutGap,
  type MunicipalityType,
  type PopulationBand,
} from '../../../shared/contracts/cases.ts';
import { bandDistance, typeDistance } from './knowledge.municipality-types.ts';

/**
 * "Towns like mine" (issue 17 §3): for a chosen municipality, its own cases first, then cases from
 * towns of the same type and population band, then neighbouring types and bands, the same urban/rural
 * class and the same prefecture breaking ties. Pure, so the ordering is unit-tested.
 */
export type Town = {
  code: string;
  prefectureCode: string;
  municipalityType: MunicipalityType;
  populationBand: PopulationBand | null;
  areaClass: AreaClass | null;
};

export type Similarity = { score: number; sameTown: boolean; sameType: boolean; sameBand: boolean };

export function similarity(target: Town, other: Town): Similarity {
  const sameTown = target.code === other.code;
  const types = typeDistance(target.municipalityType, other.municipalityType);
  const bands =
    target.populationBand && other.populationBand
      ? bandDistance(target.populationBand, other.populationBand)
      : null;
  let score = 0;
  if (sameTown) score += 100;
  score += types === 0 ? 8 : types <= 1 ? 4 : types <= 2 ? 1 : 0;
  if (bands !== null) score += bands === 0 ? 6 : bands === 1 ? 3 : bands === 2 ? 1 : 0;
  if (target.areaClass && target.areaClass === other.areaClass) score += 2;
  if (target.prefectureCode === other.prefectureCode) score += 1;
  return { score, sameTown, sameType: types === 0, sameBand: bands === 0 };
}

/**
 * The order of "towns like mine": the town's own cases first; then cases of towns that, in the
 * national layer's accepted returns, lacked what this town lacks and built it since (`built`, from
 * the insights module; each case says what in `builtWhatYouLack`) — among them first the cases about
 * what was built (a 居場所 case of a town that started a 居場所), then the more built the earlier; then
 * by similarity; the incoming order (newest first) breaks ties. Pure, so the order is unit-tested.
 */
export function rankSimilar<T extends Town & { themes: readonly string[] }>(
  target: Town,
  rows: readonly T[],
  built: ReadonlyMap<string, readonly string[]>,
): { row: T; similarity: Similarity; builtWhatYouLack: string[] }[] {
  return rows
    .map((row, index) => {
      const s = similarity(target, row);
      const builtWhatYouLack = s.sameTown ? [] : [...(built.get(row.code) ?? [])];
      return { row, index, similarity: s, builtWhatYouLack, about: isAboutGap(row.themes, builtWhatYouLack) };
    })
    .sort(
      (a, b) =>
        Number(b.similarity.sameTown) - Number(a.similarity.sameTown) ||
        Number(b.builtWhatYouLack.length > 0) - Number(a.builtWhatYouLack.length > 0) ||
        Number(b.about) - Number(a.about) ||
        b.builtWhatYouLack.length - a.builtWhatYouLack.length ||
        b.similarity.score - a.similarity.score ||
        a.index - b.index,
    )
    .map(({ row, similarity, builtWhatYouLack }) => ({ row, similarity, builtWhatYouLack }));
}
