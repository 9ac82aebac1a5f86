import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, type Lang, registerErrorMessages } from '../../platform/errors.ts';
import { csvUnreadable, decodeCsv, parseCsvOrReject } from '../../platform/text/csv.ts';
import { suggestReading } from '../../platform/text/reading.ts';
import { parseOpeningText } from './places.hours.ts';
import { PlaceContent, type PlaceContentInput } from './places.schema.ts';
import { placesByExternalId, sameContent, upsertImported } from './places.service.ts';
import { type ImportRowError, placeImports } from './places.tables.ts';

registerErrorMessages({
  places_import_has_errors: {
    title: { ja: '誤りのある行があります', en: 'Some rows have errors' },
    detail: {
      ja: '誤りを直して読み込み直すか、誤りのある行を除いて取り込むことを選んでください。',
      en: 'Fix the rows and upload again, or choose to import without the rows that have errors.',
    },
  },
  places_import_state: {
    title: { ja: 'この取り込みはすでに処理されています', en: 'This import has already been processed' },
  },
});

/** At most this many data rows per file (10 MiB of CSV is far less in practice). */
export const IMPORT_MAX_ROWS = 50_000;
/** Imports up to this size are applied within the request; larger ones in the background. */
export const IMPORT_INLINE_ROWS = 2_000;

type Msg = { ja: string; en: string };
type Setter = (value: string, draft: Draft) => Msg | null;
type Draft = PlaceContentInput & { opportunity?: Record<string, unknown> | null };

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
      return {
        ja: `${what.ja}「${key}」は使えません（${Object.keys(table)
          .filter((k) => [...k].some((ch) => ch.charCodeAt(0) > 0x7f))
          .join('、')}）`,
        en: `unknown ${what.en} "${key}"`,
      };
    apply(found, draft);
    return null;
  };

const listOf =
  <T extends string>(table: Record<string, T>, apply: (v: T[], d: Draft) => void, what: Msg): Setter =>
  (value, draft) => {
    const out: T[] = [];
    for (const item of split(value)) {
      const found = table[item] ?? table[item.toLowerCase()];
      if (!found) return { ja: `${what.ja}「${item}」は使えません`, en: `unknown ${what.en} "${item}"` };
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
    if (!Number.isFinite(n))
      return { ja: `${what.ja}は数値で入力してください`, en: `${what.en} must be a number` };
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
      if (!m) return { ja: '週あたり時間は「4」や「4-10」の形で入力してください', en: 'use "4" or "4-10"' };
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

const zodLocales = { ja: z.locales.ja(), en: z.locales.en() };

function zodMessage(issue: z.core.$ZodIssue): Msg {
  if (issue.code === 'custom' && issue.message.includes(' / ')) {
    const [ja, en] = issue.message.split(' / ', 2) as [string, string];
    return { ja, en };
  }
  const render = (lang: Lang) => {
    const out = (zodLocales[lang].localeError as (i: unknown) => string | { message: string } | undefined)(
      issue,
    );
    return typeof out === 'string' ? out : (out?.message ?? issue.message);
  };
  return { ja: render('ja'), en: render('en') };
}

export type ParsedImport = {
  encoding: 'utf-8' | 'shift_jis';
  totalRows: number;
  errors: ImportRowError[];
  rows: Array<{ row: number; content: PlaceContent }>;
};

/** Reads the whole file and checks every row; writes nothing. Row numbers are the spreadsheet's (header = 1). */
export function parseImportFile(bytes: Uint8Array): ParsedImport {
  const { text, encoding } = decodeCsv(bytes);
  const { rows: table } = parseCsvOrReject(text);
  const [header, ...data] = table;
  if (!header) throw csvUnreadable({ ja: 'ファイルが空です。', en: 'The file is empty.' });
  if (data.length > IMPORT_MAX_ROWS)
    throw csvUnreadable({
      ja: `1 回に取り込めるのは ${IMPORT_MAX_ROWS.toLocaleString('ja-JP')} 行までです。`,
      en: `At most ${IMPORT_MAX_ROWS} rows per file.`,
    });
  const columnIndex = new Map<(typeof IMPORT_COLUMNS)[number], number>();
  const unknown: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.normalize('NFKC').trim();
    const column = IMPORT_COLUMNS.find(
      (c) => c.header.normalize('NFKC') === name || c.aliases.includes(name.toLowerCase()),
    );
    if (column) columnIndex.set(column, index);
    else if (name) unknown.push(raw.trim());
  });
  const missing = ['外部ID', '種別', '名称'].filter(
    (h) => ![...columnIndex.keys()].some((c) => c.header === h),
  );
  if (missing.length > 0 || unknown.length > 0)
    throw csvUnreadable({
      ja: [
        missing.length ? `必須の列がありません: ${missing.join('、')}。` : '',
        unknown.length ? `知らない列があります: ${unknown.join('、')}。` : '',
      ].join(''),
      en: [
        missing.length ? `Missing required columns: ${missing.join(', ')}. ` : '',
        unknown.length ? `Unknown columns: ${unknown.join(', ')}.` : '',
      ].join(''),
    });

  const byPath = new Map(IMPORT_COLUMNS.map((c) => [c.path, c.header]));
  const columnFor = (path: PropertyKey[]): string => {
    for (let n = path.length; n > 0; n--) {
      const header = byPath.get(path.slice(0, n).map(String).join('.'));
      if (header) return header;
    }
    const first = String(path[0] ?? '');
    if (first === 'opportunity') return '週あたり時間';
    if (first === 'location') return '緯度';
    return byPath.get(first) ?? first;
  };

  const errors: ImportRowError[] = [];
  const valid: ParsedImport['rows'] = [];
  const seen = new Map<string, number>();
  data.forEach((cells, i) => {
    const rowNumber = i + 2;
    const draft = { operator: { type: 'npo' }, delivery: 'in_person', audience: 'both' } as unknown as Draft;
    const rowErrors: ImportRowError[] = [];
    for (const [column, index] of columnIndex) {
      const value = (cells[index] ?? '').trim();
      if (value === '') continue;
      const problem = column.set(value, draft);
      if (problem) rowErrors.push({ row: rowNumber, column: column.header, message: problem });
    }
    for (const required of ['外部ID', '種別', '名称']) {
      const column = IMPORT_COLUMNS.find((c) => c.header === required)!;
      if (!(cells[columnIndex.get(column)!] ?? '').trim())
        rowErrors.push({ row: rowNumber, column: required, message: { ja: '必須です', en: 'required' } });
    }
    if (!draft.lifeStages) draft.lifeStages = ['working_age'];
    if (draft.location && (Number.isNaN(draft.location.lat) || Number.isNaN(draft.location.lng)))
      rowErrors.push({
        row: rowNumber,
        column: Number.isNaN(draft.location.lat) ? '緯度' : '経度',
        message: { ja: '緯度と経度は両方入力してください', en: 'give both latitude and longitude' },
      });
    if (draft.kind !== 'opportunity' && draft.opportunity) delete draft.opportunity;
    const externalId = draft.externalId?.trim();
    if (externalId) {
      const first = seen.get(externalId);
      if (first !== undefined)
        rowErrors.push({
          row: rowNumber,
          column: '外部ID',
          message: { ja: `${first} 行目と同じ外部IDです`, en: `same external ID as row ${first}` },
        });
      else seen.set(externalId, rowNumber);
    }
    if (rowErrors.length === 0) {
      const parsed = PlaceContent.safeParse(draft);
      if (parsed.success) valid.push({ row: rowNumber, content: parsed.data });
      else
        for (const issue of parsed.error.issues)
          rowErrors.push({ row: rowNumber, column: columnFor(issue.path), message: zodMessage(issue) });
    }
    errors.push(...rowErrors);
  });
  return { encoding, totalRows: data.length, errors, rows: valid };
}

export type ImportRow = typeof placeImports.$inferSelect;

export async function createImport(tx: Tx, tenant: string, actorId: string, parsed: ParsedImport, now: Date) {
  const [row] = await tx
    .insert(placeImports)
    .values({
      municipalityCode: tenant,
      status: 'previewed',
      encoding: parsed.encoding,
      totalRows: parsed.totalRows,
      validRows: parsed.rows.length,
      errors: parsed.errors,
      rows: parsed.rows,
      createdAt: now,
      createdBy: actorId,
      updatedAt: now,
    })
    .returning();
  return row!;
}

export async function getImport(tx: Tx, tenant: string, id: string): Promise<ImportRow> {
  const [row] = await tx
    .select()
    .from(placeImports)
    .where(and(eq(placeImports.municipalityCode, tenant), eq(placeImports.id, id)));
  if (!row) throw new AppError(404, 'not_found');
  return row;
}

/** In-process progress of imports being applied (the row shows it once the transaction commits). */
const progress = new Map<string, number>();

export async function presentImport(tx: Tx, row: ImportRow, lang: Lang) {
  const actions = new Map<number, 'create' | 'update' | 'unchanged'>();
  const shown = row.rows.slice(0, 100);
  if (row.status === 'previewed' && shown.length > 0) {
    const existing = await placesByExternalId(
      tx,
      row.municipalityCode,
      shown.map((r) => r.content.externalId!).filter(Boolean),
    );
    for (const r of shown) {
      const found = existing.get(r.content.externalId!);
      actions.set(r.row, !found ? 'create' : sameContent(found.content, r.content) ? 'unchanged' : 'update');
    }
  }
  return {
    id: row.id,
    status: row.status,
    encoding: row.encoding,
    totalRows: row.totalRows,
    validRows: row.validRows,
    errors: row.errors.map((e) => ({ row: e.row, column: e.column, message: e.message[lang] })),
    preview: shown.map((r) => ({
      row: r.row,
      externalId: r.content.externalId,
      name: r.content.name,
      kind: r.content.kind,
      action: actions.get(r.row) ?? ('update' as const),
    })),
    processed: row.status === 'applying' ? (progress.get(row.id) ?? row.processed) : row.processed,
    result: row.result,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Claims the import for applying (previewed → applying); a second confirmation is refused. */
export async function claimImport(
  tx: Tx,
  tenant: string,
  id: string,
  skipInvalid: boolean,
  actorId: string,
  now: Date,
) {
  const row = await getImport(tx, tenant, id);
  if (row.status !== 'previewed') throw new AppError(409, 'places_import_state');
  if (row.errors.length > 0 && !skipInvalid) throw new AppError(409, 'places_import_has_errors');
  await tx
    .update(placeImports)
    .set({ status: 'applying', appliedBy: actorId, updatedAt: now })
    .where(eq(placeImports.id, id));
  return row;
}

/**
 * Writes every valid row in one transaction (all or nothing), matching existing entries on
 * external_id so a second import of the same file changes nothing. Empty readings are filled first.
 */
export async function applyImport(tx: Tx, row: ImportRow, actorId: string, now: Date) {
  const result = { created: 0, updated: 0, unchanged: 0 };
  progress.set(row.id, 0);
  try {
    const existing = await placesByExternalId(
      tx,
      row.municipalityCode,
      row.rows.map((r) => r.content.externalId!),
    );
    let done = 0;
    for (const item of row.rows) {
      const content = item.content.nameKana
        ? item.content
        : { ...item.content, nameKana: await suggestReading(item.content.name) };
      result[
        await upsertImported(
          tx,
          row.municipalityCode,
          existing.get(content.externalId!),
          content,
          actorId,
          now,
        )
      ]++;
      done++;
      if (done % 100 === 0) progress.set(row.id, done);
    }
    await tx
      .update(placeImports)
      .set({ status: 'applied', processed: done, result, rows: sql`'[]'::jsonb`, updatedAt: now })
      .where(eq(placeImports.id, row.id));
    return result;
  } finally {
    progress.delete(row.id);
  }
}

export async function markImportFailed(tx: Tx, id: string, errorCode: string, now: Date) {
  await tx
    .update(placeImports)
    .set({ status: 'failed', errorCode, updatedAt: now })
    .where(eq(placeImports.id, id));
}
