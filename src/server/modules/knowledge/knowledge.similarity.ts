import type { AreaClass, MunicipalityType, PopulationBand } from '../../../shared/contracts/cases.ts';
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
 * The place to join the national layer (issue 16, module `insights`): the codes of municipalities
 * that, in the returns, lacked what `municipalityCode` lacks today (a 居場所, a platform, a family
 * study group …) and built it later. Cases from those towns should then rank first among "towns like
 * mine". The national returns are being built in parallel and this module may not read their tables,
 * so it returns nothing yet: no ordering is invented here. Replace the body with a call to the
 * `insights` module's exported read function once it exists.
 */
export async function lackedThenBuilt(_municipalityCode: string): Promise<readonly string[]> {
  return [];
}
