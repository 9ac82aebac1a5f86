/**
 * The synthetic public directory shared by the benchmarks (`bench:places`, `bench:national`): places
 * spread over given municipalities and stored as the server stores them (listing, public rendering,
 * narrow search row), the keyword + area searches made on it, and those searches sent straight
 * through `pg` as the server sends them.
 */
import type pg from 'pg';
import { indexOf } from '../src/server/modules/places/places.content.ts';
import { publicJsonOf } from '../src/server/modules/places/places.listing.ts';
import type { PlaceContent } from '../src/server/modules/places/places.schema.ts';
import { beginMessage } from '../src/server/platform/db/tenant.ts';
import { PUBLIC_PLACES_PAGE } from '../src/shared/limits.ts';

export type Measure = {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx?: number;
  errors?: number;
};

// ── synthetic directory ─────────────────────────────────────────────────────────────────────────

const NICKS: Array<[string, string]> = [
  ['ひだまり', 'ひだまり'],
  ['こもれび', 'こもれび'],
  ['あおぞら', 'あおぞら'],
  ['そよかぜ', 'そよかぜ'],
  ['ひまわり', 'ひまわり'],
  ['さくら', 'さくら'],
  ['つばさ', 'つばさ'],
  ['みどり', 'みどり'],
  ['ほたる', 'ほたる'],
  ['かえで', 'かえで'],
  ['虹', 'にじ'],
  ['灯', 'あかり'],
  ['結', 'ゆい'],
  ['和', 'なごみ'],
  ['縁側', 'えんがわ'],
  ['止まり木', 'とまりぎ'],
];
const KINDS = ['ibasho', 'consultation_window', 'family_association', 'peer_space', 'opportunity'] as const;

export type Municipality = {
  code: string;
  name: string;
  name_kana: string;
  prefecture_code: string;
  prefecture_name: string;
};

export function syntheticPlace(
  i: number,
  m: Municipality,
): { content: PlaceContent; listing: Record<string, unknown> } {
  const kind = KINDS[i % KINDS.length]!;
  const [nick, nickKana] = NICKS[(i * 7) % NICKS.length]!;
  const area = m.name.replace(/[市区町村]$/, '');
  const areaKana = m.name_kana.replace(/(し|く|ちょう|まち|そん|むら)$/, '');
  const names: Record<(typeof KINDS)[number], [string, string]> = {
    ibasho: [`${area}の居場所 ${nick}`, `${areaKana}のいばしょ ${nickKana}`],
    consultation_window: [`${m.name} ひきこもり相談窓口`, `${m.name_kana} ひきこもりそうだんまどぐち`],
    family_association: [`${area}家族会 ${nick}の会`, `${areaKana}かぞくかい ${nickKana}のかい`],
    peer_space: [`ピアの集い ${nick}`, `ぴあのつどい ${nickKana}`],
    opportunity: [`${nick}農園のしごと体験`, `${nickKana}のうえんのしごとたいけん`],
  };
  const [name, nameKana] = names[kind];
  const lat = 31 + (((i * 9301 + 49297) % 233280) / 233280) * 12;
  const lng = 130 + (((i * 4096 + 150889) % 714025) / 714025) * 12;
  const content: PlaceContent = {
    kind,
    name: `${name} ${i}`,
    nameKana: `${nameKana} ${i}`,
    aliasName: '',
    description: '誰でも立ち寄れる場所です。話さなくても、静かに過ごすだけでもかまいません。',
    operator: {
      type: kind === 'opportunity' ? 'business' : 'npo',
      name: `NPO法人 ${nick}ネット`,
      corporateNumber: null,
    },
    postalCode: null,
    address: `${m.prefecture_name}${m.name}`,
    addressDetail: '',
    location: { lat, lng },
    delivery: i % 7 === 0 ? 'both' : 'in_person',
    lifeStages: i % 3 === 0 ? ['school_age'] : ['working_age', 'age_40_64'],
    audience: kind === 'family_association' ? 'family' : i % 2 === 0 ? 'person' : 'both',
    openingHours: [{ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH,SA', start: '13:00', end: '17:00' }],
    openingNote: '',
    cost: '無料',
    firstVisit: i % 2 === 0 ? ['anonymous_ok', 'no_need_to_talk'] : ['accompanied_first_visit'],
    peerStaff: i % 4 === 0,
    languages: ['ja'],
    accessibility: '',
    access: '',
    contact: {
      phone: `000-0000-${String(i % 10_000).padStart(4, '0')}`,
      email: null,
      url: null,
      hours: '',
      note: '',
    },
    status: 'active',
    verifiedOn: '2026-10-01',
    externalId: `BENCH-${i}`,
    opportunity:
      kind === 'opportunity'
        ? {
            hoursPerWeekMin: 2,
            hoursPerWeekMax: 6,
            remoteOk: false,
            supportStaff: true,
            pay: 'allowance',
            payNote: '',
            businessName: `${nick}農園`,
            businessCorporateNumber: null,
          }
        : null,
  };
  const index = indexOf(content);
  const publishedAt = new Date();
  const id = `be0c0000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  // As writeListing stores it: the public rendering is made when the listing is written.
  const rendered = publicJsonOf({
    id,
    municipalityCode: m.code,
    municipalityName: m.name,
    prefectureCode: m.prefecture_code,
    prefectureName: m.prefecture_name,
    district: null,
    status: 'active',
    verifiedOn: content.verifiedOn,
    publishedAt,
    content,
  });
  return {
    content,
    listing: {
      public_json: rendered.publicJson,
      public_json_version: rendered.publicJsonVersion,
      published_at: publishedAt,
      id,
      municipality_code: m.code,
      prefecture_code: m.prefecture_code,
      municipality_name: m.name,
      prefecture_name: m.prefecture_name,
      kind,
      name: content.name,
      name_kana: content.nameKana,
      status: 'active',
      lat,
      lng,
      delivery: content.delivery,
      audience: content.audience,
      life_stages: `{${content.lifeStages.join(',')}}`,
      first_visit: `{${content.firstVisit.join(',')}}`,
      weekday_mask: 0b0101010,
      search_text: index.searchText,
      search_reading: index.searchReading,
      content: JSON.stringify(content),
      verified_on: content.verifiedOn,
    },
  };
}

export async function seedPlaces(pool: pg.Pool, from: number, to: number, municipalities: Municipality[]) {
  const columns = [
    'id',
    'municipality_code',
    'prefecture_code',
    'municipality_name',
    'prefecture_name',
    'kind',
    'name',
    'name_kana',
    'status',
    'lat',
    'lng',
    'delivery',
    'audience',
    'life_stages',
    'first_visit',
    'weekday_mask',
    'search_text',
    'search_reading',
    'content',
    'verified_on',
    'published_at',
    'public_json',
    'public_json_version',
  ];
  for (let start = from; start < to; start += 1000) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let i = start; i < Math.min(to, start + 1000); i++) {
      const { listing } = syntheticPlace(i, municipalities[i % municipalities.length]!);
      const base = values.length;
      tuples.push(`(${columns.map((_, k) => `$${base + k + 1}`).join(',')})`);
      values.push(...columns.map((c) => listing[c]));
    }
    await pool.query(`insert into place_listings (${columns.join(',')}) values ${tuples.join(',')}`, values);
  }
  // Each listing's narrow search row, as writeListing writes it with the listing.
  const searchColumns =
    'id, municipality_code, prefecture_code, kind, name_kana, district, lat, lng, delivery, audience, life_stages, first_visit, weekday_mask, search_text, search_reading';
  await pool.query(
    `insert into place_search (${searchColumns}) select ${searchColumns} from place_listings on conflict (id) do nothing`,
  );
  // Vacuum as well as analyze: otherwise autovacuum (insert threshold) and the GIN pending-list flush
  // run during the first measurement after seeding; a directory in service is in this steady state.
  await pool.query('vacuum (analyze) place_listings');
  await pool.query('vacuum (analyze) place_search');
}

// ── the queries: keyword + area ─────────────────────────────────────────────────────────────────

export function searchPaths(municipalities: Municipality[]): string[] {
  const words = [
    'いばしょ',
    '家族会',
    'ひだまり',
    'ひきこもり',
    'ピア',
    '居場所 こもれび',
    'かぞくかい',
    '農園',
  ];
  const paths: string[] = [];
  for (let i = 0; i < 64; i++) {
    const m = municipalities[(i * 271) % municipalities.length]!;
    const q = encodeURIComponent(words[i % words.length]!);
    paths.push(
      // One page as the public search page asks for it.
      i % 4 === 3
        ? `/api/public/places?q=${q}&municipality=${m.code}&limit=${PUBLIC_PLACES_PAGE}`
        : `/api/public/places?q=${q}&prefecture=${m.prefecture_code}&limit=${PUBLIC_PLACES_PAGE}`,
    );
  }
  return paths;
}

export async function directoryOverPg(
  pool: pg.Pool,
  connections: number,
  statements: Array<{ sql: string; params: unknown[] }>,
  seconds: number,
): Promise<Measure> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const statement = statements[next++ % statements.length]!;
        const started = performance.now();
        // Exactly what the server sends for one search: its transaction with the app role, no tenant.
        const client = await pool.connect();
        try {
          // `begin`, the role and the tenant in one message: the server's own (`beginMessage`).
          await client.query(beginMessage({ tenant: null }));
          await client.query(statement.sql, statement.params);
          await client.query('commit');
        } finally {
          client.release();
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.floor(q * latencies.length)] ?? 0) * 10) / 10;
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  };
}
