import type { Tx } from '../../platform/db/client.ts';
import { searchPublic } from '../places/index.ts';
import { MATCH_REASONS } from './support.errors.ts';

/**
 * Matching participation opportunities and 居場所 for a person (issue 6, part 4). The directory is
 * the places module's: we read it only through its exported search (`searchPublic`, published
 * entries), behind this narrow interface, so that a change there touches one adapter here.
 */
export type DirectoryPlace = {
  id: string;
  kind: string;
  name: string;
  municipalityName: string;
  address: string;
  delivery: 'in_person' | 'online' | 'both';
  lifeStages: string[];
  audience: 'person' | 'family' | 'both';
  firstVisit: string[];
  peerStaff: boolean;
  status: 'active' | 'paused';
  opportunity: { remoteOk: boolean; supportStaff: boolean; hoursPerWeekMax: number | null } | null;
};

export type DirectoryQuery = {
  municipalityCode: string;
  kinds: string[];
  lifeStages: string[];
  q?: string;
};

export type PlaceDirectory = { search(tx: Tx, query: DirectoryQuery): Promise<DirectoryPlace[]> };

/** The adapter over the places module's public search. */
export const placeDirectory: PlaceDirectory = {
  async search(tx, query) {
    const found = await searchPublic(tx, {
      municipality: query.municipalityCode,
      kind: query.kinds as never,
      lifeStage: query.lifeStages.length ? (query.lifeStages as never) : undefined,
      q: query.q,
      limit: 100,
    } as Parameters<typeof searchPublic>[1]);
    return found.items as DirectoryPlace[];
  },
};

const LIFE_STAGE_OF_AGE: Record<string, string[]> = {
  under_15: ['school_age', 'after_school'],
  '15_19': ['school_age', 'after_school', 'working_age'],
  '20s': ['working_age'],
  '30s': ['working_age'],
  '40s': ['working_age', 'age_40_64'],
  '50s': ['working_age', 'age_40_64'],
  '60_64': ['age_40_64'],
  '65_plus': [],
  unknown: [],
};
const LIFE_STAGE_JA: Record<string, string> = {
  school_age: '学齢期',
  after_school: '学校卒業後',
  working_age: '就労年齢',
  age_40_64: '40〜64歳',
};
/** What matching needs to know about a person. */
export type MatchPerson = {
  ageGroup: string;
  familyOnly: boolean;
  contactPreferences: { channels: readonly string[] };
};

export type Match = {
  placeId: string;
  name: string;
  kind: string;
  municipalityName: string;
  address: string;
  delivery: string;
  score: number;
  reasons: { ja: string; en: string }[];
};

/**
 * Ranks places for a person by what fits them, and says why (pure: unit-testable). Nothing here
 * weighs employment: a paid opportunity and a place to simply be are ranked by the same reasons.
 */
export function rankPlaces(
  person: MatchPerson,
  places: readonly DirectoryPlace[],
  options: { preferOnline?: boolean; q?: string } = {},
): Match[] {
  const prefs = person.contactPreferences;
  const prefersOnline =
    options.preferOnline ?? prefs.channels.some((c) => c === 'online_chat' || c === 'video' || c === 'email');
  const stages = LIFE_STAGE_OF_AGE[person.ageGroup] ?? [];
  const out: Match[] = [];
  for (const p of places) {
    if (p.status !== 'active') continue;
    const reasons: { ja: string; en: string }[] = [MATCH_REASONS.inMunicipality(p.municipalityName)];
    let score = 1;
    const stage = p.lifeStages.find((s) => stages.includes(s));
    if (stage) {
      reasons.push(MATCH_REASONS.lifeStage(LIFE_STAGE_JA[stage] ?? stage, stage));
      score += 2;
    }
    if (person.familyOnly && p.audience !== 'person') {
      reasons.push(MATCH_REASONS.familyWelcome);
      score += 3;
    } else if (person.familyOnly) {
      continue;
    } else if (p.audience === 'family') {
      continue;
    }
    const online = p.delivery !== 'in_person' || p.opportunity?.remoteOk === true;
    if (online && prefersOnline) {
      reasons.push(MATCH_REASONS.onlineAsPreferred);
      score += 3;
    } else if (online) {
      reasons.push(MATCH_REASONS.online);
      score += 1;
    }
    for (const option of p.firstVisit) {
      const r = MATCH_REASONS.firstVisit[option];
      if (r) {
        reasons.push(r);
        score += 1;
      }
    }
    if (p.peerStaff) {
      reasons.push(MATCH_REASONS.peerStaff);
      score += 1;
    }
    if (p.opportunity?.supportStaff) {
      reasons.push(MATCH_REASONS.supportStaff);
      score += 1;
    }
    if (options.q) reasons.push(MATCH_REASONS.matchesQuery(options.q));
    out.push({
      placeId: p.id,
      name: p.name,
      kind: p.kind,
      municipalityName: p.municipalityName,
      address: p.address,
      delivery: p.delivery,
      score,
      reasons,
    });
  }
  return out.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'ja'));
}

export async function matchPlaces(
  tx: Tx,
  directory: PlaceDirectory,
  tenant: string,
  person: MatchPerson,
  query: { kind: string; online?: 'true' | 'false'; q?: string; limit: number },
): Promise<Match[]> {
  const kinds =
    query.kind === 'all' ? ['ibasho', 'opportunity', 'family_association', 'peer_space'] : [query.kind];
  const places = await directory.search(tx, { municipalityCode: tenant, kinds, lifeStages: [], q: query.q });
  return rankPlaces(person, places, {
    ...(query.online ? { preferOnline: query.online === 'true' } : {}),
    ...(query.q ? { q: query.q } : {}),
  }).slice(0, query.limit);
}
