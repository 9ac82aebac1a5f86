/**
 * The import template's columns: each header (Japanese, as staff keep their lists; the English code
 * also works), the content field it fills and how a cell's text becomes a value, with the word lists
 * a cell may use. Only 外部ID, 種別 and 名称 are required in every row.
 */
import type { Bilingual } from '../../../shared/text/field-message.ts';
import { PLACES_FIELD } from './places.errors.ts';
import { parseOpeningText } from './places.hours.ts';
import type { PlaceContentInput } from './places.schema.ts';

type Msg = Bilingual;
type Setter = (value: string, draft: Draft) => Msg | null;
export type Draft = PlaceContentInput & { opportunity?: Record<string, unknown> | null };

/** NFKC, and every wave dash and tilde as 〜 (Windows writes ～, Macs 〜; NFKC makes ～ a ~). */
const fold = (value: string) => value.normalize('NFKC').replace(/[~～]/g, '〜').trim();

const split = (value: string) =>
  fold(value)
    .split(/[;；、,|]/)
    .map((v) => v.trim())
    .filter(Boolean);

const enumOf =
  <T extends string>(table: Record<string, T>, apply: (v: T, d: Draft) => void, what: Msg): Setter =>
  (value, draft) => {
    const key = fold(value);
    const found = table[key] ?? table[key.toLowerCase()];
    if (!found)
      return PLACES_FIELD.unknownValue(
        what,
        key,
        Object.keys(table)
          .filter((k) => [...k].some((ch) => ch.charCodeAt(0) > 0x7f))
          .join('、'),
      );
    apply(found, draft);
    return null;
  };

const listOf =
  <T extends string>(table: Record<string, T>, apply: (v: T[], d: Draft) => void, what: Msg): Setter =>
  (value, draft) => {
    const out: T[] = [];
    for (const item of split(value)) {
      const found = table[item] ?? table[item.toLowerCase()];
      if (!found) return PLACES_FIELD.unknownValue(what, item);
      if (!out.includes(found)) out.push(found);
    }
    apply(out, draft);
    return null;
  };

const codes = <T extends string>(pairs: Array<[T, ...string[]]>): Record<string, T> => {
  const table: Record<string, T> = {};
  for (const [code, ...labels] of pairs) {
    table[code] = code;
    for (const label of labels) table[label] = code;
  }
  return table;
};

const KINDS = codes([
  ['ibasho', '居場所'],
  ['consultation_window', '相談窓口'],
  ['family_association', '家族会'],
  ['peer_space', 'ピアの場', 'ピアスペース'],
  ['opportunity', '社会参加の選択肢', '社会参加', '就労体験'],
]);
const OPERATORS = codes([
  ['municipality', '自治体', '市町村'],
  ['centre', 'センター', '支援センター'],
  ['npo', 'NPO', 'NPO法人', '特定非営利活動法人'],
  ['family_association', '家族会'],
  ['peer_run', 'ピア', '当事者団体', 'ピア運営'],
  ['business', '企業', '事業所'],
]);
const DELIVERY = codes([
  ['in_person', '来所', '対面'],
  ['online', 'オンライン'],
  ['both', '両方', '来所・オンライン', '来所とオンライン'],
]);
const STAGES = codes([
  // 放課後 (and after_school) in older files: a time of day for school children, so 学齢期.
  ['school_age', '学齢期', '放課後', 'after_school'],
  ['working_age', '就労年齢', '青年期'],
  ['age_40_64', '40〜64歳', '40-64歳', '中高年'],
  ['age_65_plus', '65歳以上', '65歳〜', '高齢期'],
]);
const AUDIENCE = codes([
  ['person', '本人'],
  ['family', '家族'],
  ['both', '本人・家族', '本人と家族', '両方'],
]);
const FIRST_VISIT = codes([
  ['anonymous_ok', '匿名可', '匿名OK'],
  ['no_need_to_talk', '話さなくてよい', '話さなくてもよい'],
  ['accompanied_first_visit', '初回同行', '同行'],
  ['quiet_room', '静かな部屋'],
  ['women_only_times', '女性専用時間', '女性のみの時間'],
]);
const STATUS = codes([
  ['active', '開所中', '運営中', '活動中'],
  ['paused', '休止中', '休止'],
  ['closed', '閉所', '終了'],
]);
const PAY = codes([
  ['none', 'なし', '無償'],
  ['allowance', '謝礼', '謝金'],
  ['wage', '賃金', '給与'],
]);
const YES_NO = codes([
  ['true', 'あり', 'はい', '可', '○', 'yes'],
  ['false', 'なし', 'いいえ', '不可', '×', 'no'],
]);

const opportunity = (d: Draft): Record<string, unknown> => {
  d.opportunity ??= {};
  return d.opportunity;
};
const operator = (d: Draft) => {
  d.operator ??= { type: 'npo' };
  return d.operator as Record<string, unknown>;
};
const contact = (d: Draft) => {
  d.contact ??= {};
  return d.contact as Record<string, unknown>;
};
const number =
  (apply: (n: number, d: Draft) => void, what: Msg): Setter =>
  (value, draft) => {
    const n = Number(value.normalize('NFKC').trim());
    if (!Number.isFinite(n)) return PLACES_FIELD.notANumber(what);
    apply(n, draft);
    return null;
  };
const plain =
  (apply: (v: string, d: Draft) => void): Setter =>
  (value, draft) => {
    apply(value.trim(), draft);
    return null;
  };

/**
 * The import template: a header per column (Japanese, as staff keep their lists; the English code
 * also works). Only 外部ID, 種別 and 名称 are required in every row.
 */
export const IMPORT_COLUMNS: Array<{ header: string; aliases: string[]; path: string; set: Setter }> = [
  {
    header: '外部ID',
    aliases: ['external_id'],
    path: 'externalId',
    set: plain((v, d) => (d.externalId = v)),
  },
  {
    header: '種別',
    aliases: ['kind'],
    path: 'kind',
    set: enumOf(KINDS, (v, d) => (d.kind = v), { ja: '種別', en: 'kind' }),
  },
  { header: '名称', aliases: ['name'], path: 'name', set: plain((v, d) => (d.name = v)) },
  {
    header: '名称_カナ',
    aliases: ['name_kana', 'よみ'],
    path: 'nameKana',
    set: plain((v, d) => (d.nameKana = v)),
  },
  {
    header: '名称_通称',
    aliases: ['alias_name'],
    path: 'aliasName',
    set: plain((v, d) => (d.aliasName = v)),
  },
  {
    header: '運営主体種別',
    aliases: ['operator_type'],
    path: 'operator.type',
    set: enumOf(OPERATORS, (v, d) => (operator(d).type = v), { ja: '運営主体種別', en: 'operator type' }),
  },
  {
    header: '団体名',
    aliases: ['operator_name', '運営主体名'],
    path: 'operator.name',
    set: plain((v, d) => (operator(d).name = v)),
  },
  {
    header: '法人番号',
    aliases: ['corporate_number'],
    path: 'operator.corporateNumber',
    set: plain((v, d) => (operator(d).corporateNumber = v || null)),
  },
  {
    header: '郵便番号',
    aliases: ['postal_code'],
    path: 'postalCode',
    set: plain((v, d) => (d.postalCode = v || null)),
  },
  { header: '住所', aliases: ['address'], path: 'address', set: plain((v, d) => (d.address = v)) },
  {
    header: '方書',
    aliases: ['address_detail'],
    path: 'addressDetail',
    set: plain((v, d) => (d.addressDetail = v)),
  },
  {
    header: '緯度',
    aliases: ['lat', 'latitude'],
    path: 'location.lat',
    set: number((n, d) => (d.location = { lat: n, lng: d.location?.lng ?? Number.NaN }), {
      ja: '緯度',
      en: 'latitude',
    }),
  },
  {
    header: '経度',
    aliases: ['lng', 'longitude'],
    path: 'location.lng',
    set: number((n, d) => (d.location = { lat: d.location?.lat ?? Number.NaN, lng: n }), {
      ja: '経度',
      en: 'longitude',
    }),
  },
  {
    header: '参加方法',
    aliases: ['delivery'],
    path: 'delivery',
    set: enumOf(DELIVERY, (v, d) => (d.delivery = v), { ja: '参加方法', en: 'delivery' }),
  },
  {
    header: 'ライフステージ',
    aliases: ['life_stages'],
    path: 'lifeStages',
    set: listOf(STAGES, (v, d) => (d.lifeStages = v), { ja: 'ライフステージ', en: 'life stage' }),
  },
  {
    header: '対象',
    aliases: ['audience'],
    path: 'audience',
    set: enumOf(AUDIENCE, (v, d) => (d.audience = v), { ja: '対象', en: 'audience' }),
  },
  {
    header: '開所日時',
    aliases: ['opening_hours'],
    path: 'openingHours',
    set: (value, draft) => {
      const parsed = parseOpeningText(value);
      if ('error' in parsed) return parsed.error;
      draft.openingHours = parsed.ok;
      return null;
    },
  },
  {
    header: '利用可能日時特記事項',
    aliases: ['opening_note'],
    path: 'openingNote',
    set: plain((v, d) => (d.openingNote = v)),
  },
  { header: '費用', aliases: ['cost'], path: 'cost', set: plain((v, d) => (d.cost = v)) },
  {
    header: '初回の配慮',
    aliases: ['first_visit'],
    path: 'firstVisit',
    set: listOf(FIRST_VISIT, (v, d) => (d.firstVisit = v), { ja: '初回の配慮', en: 'first-visit option' }),
  },
  {
    header: 'ピアスタッフ',
    aliases: ['peer_staff'],
    path: 'peerStaff',
    set: enumOf(YES_NO, (v, d) => (d.peerStaff = v === 'true'), { ja: 'ピアスタッフ', en: 'peer staff' }),
  },
  {
    header: '言語',
    aliases: ['languages'],
    path: 'languages',
    set: (v, d) => {
      d.languages = split(v).map((x) => x.toLowerCase());
      return null;
    },
  },
  {
    header: 'バリアフリー情報',
    aliases: ['accessibility'],
    path: 'accessibility',
    set: plain((v, d) => (d.accessibility = v)),
  },
  {
    header: '行き方',
    aliases: ['access', 'アクセス'],
    path: 'access',
    set: plain((v, d) => (d.access = v)),
  },
  {
    header: '電話番号',
    aliases: ['phone'],
    path: 'contact.phone',
    set: plain((v, d) => (contact(d).phone = v || null)),
  },
  {
    header: 'メールアドレス',
    aliases: ['email'],
    path: 'contact.email',
    set: plain((v, d) => (contact(d).email = v || null)),
  },
  {
    header: 'URL',
    aliases: ['url'],
    path: 'contact.url',
    set: plain((v, d) => (contact(d).url = v || null)),
  },
  {
    header: '連絡先の受付時間',
    aliases: ['contact_hours'],
    path: 'contact.hours',
    set: plain((v, d) => (contact(d).hours = v)),
  },
  {
    header: '状態',
    aliases: ['status'],
    path: 'status',
    set: enumOf(STATUS, (v, d) => (d.status = v), { ja: '状態', en: 'status' }),
  },
  {
    header: '最終確認日',
    aliases: ['verified_on'],
    path: 'verifiedOn',
    set: plain(
      (v, d) =>
        (d.verifiedOn = v
          ? v
              .normalize('NFKC')
              .replaceAll('/', '-')
              .replace(/-(\d)(?=-|$)/g, '-0$1')
          : null),
    ),
  },
  {
    header: '説明',
    aliases: ['description'],
    path: 'description',
    set: plain((v, d) => (d.description = v)),
  },
  {
    header: '週あたり時間',
    aliases: ['hours_per_week'],
    path: 'opportunity.hoursPerWeekMin',
    set: (value, draft) => {
      const m = /^(\d+(?:\.\d+)?)\s*(?:[-~〜～]\s*(\d+(?:\.\d+)?))?$/.exec(value.normalize('NFKC').trim());
      if (!m) return PLACES_FIELD.hoursPerWeek;
      opportunity(draft).hoursPerWeekMin = Number(m[1]);
      opportunity(draft).hoursPerWeekMax = Number(m[2] ?? m[1]);
      return null;
    },
  },
  {
    header: '在宅可',
    aliases: ['remote_ok'],
    path: 'opportunity.remoteOk',
    set: enumOf(YES_NO, (v, d) => (opportunity(d).remoteOk = v === 'true'), {
      ja: '在宅可',
      en: 'remote OK',
    }),
  },
  {
    header: '支援員',
    aliases: ['support_staff'],
    path: 'opportunity.supportStaff',
    set: enumOf(YES_NO, (v, d) => (opportunity(d).supportStaff = v === 'true'), {
      ja: '支援員',
      en: 'support staff',
    }),
  },
  {
    header: '謝礼・賃金',
    aliases: ['pay'],
    path: 'opportunity.pay',
    set: enumOf(PAY, (v, d) => (opportunity(d).pay = v), { ja: '謝礼・賃金', en: 'pay' }),
  },
  {
    header: '謝礼・賃金の説明',
    aliases: ['pay_note'],
    path: 'opportunity.payNote',
    set: plain((v, d) => (opportunity(d).payNote = v)),
  },
  {
    header: '協力事業所',
    aliases: ['business_name'],
    path: 'opportunity.businessName',
    set: plain((v, d) => (opportunity(d).businessName = v)),
  },
  {
    header: '協力事業所の法人番号',
    aliases: ['business_corporate_number'],
    path: 'opportunity.businessCorporateNumber',
    set: plain((v, d) => (opportunity(d).businessCorporateNumber = v || null)),
  },
];
