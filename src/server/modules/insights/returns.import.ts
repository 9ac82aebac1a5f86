import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import {
  RETURN_ITEMS,
  type ReturnItemDefinition,
  type ReturnValue,
} from '../../../shared/contracts/insights.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCsv, parseCsv } from '../../platform/text/csv.ts';
import { loadExcel } from '../../platform/text/spreadsheet.ts';
import { covers } from './insights.policy.ts';
import { statusReturns } from './insights.tables.ts';
import { enterReturnFor, type LayerActor, municipalityEntry } from './returns.service.ts';

/**
 * A prefecture's file of returns for its municipalities (CSV in UTF-8 or Shift_JIS, or .xlsx): one row
 * per municipality, a `市区町村コード` column and one column per item (its id or its Japanese label).
 * As the places import does, the first call only previews: every row with every error, nothing
 * written. The second call names the preview's digest; it writes all rows in one transaction, and
 * only when no row has an error (a changed file has another digest and is previewed again).
 */
type RowError = { column: string; message: string };
export type ImportRow = {
  row: number;
  municipalityCode: string | null;
  municipalityName: string | null;
  errors: RowError[];
};

const CODE_HEADERS = new Set(['市区町村コード', '団体コード', 'municipality_code', 'code']);
const TRUE_WORDS = new Set(['1', 'true', 'はい', 'あり', '有', '○', 'yes']);
const FALSE_WORDS = new Set(['0', 'false', 'いいえ', 'なし', '無', '×', 'no']);

function columnItem(header: string): ReturnItemDefinition | undefined {
  const h = header.normalize('NFKC').trim();
  return RETURN_ITEMS.find((i) => i.id === h || i.ja.normalize('NFKC') === h);
}

/** One cell as the item's value; undefined when it does not fit. Empty cells are null (not given). */
export function parseCell(def: ReturnItemDefinition, raw: string): ReturnValue | undefined {
  const text = raw.normalize('NFKC').trim();
  if (text === '') return null;
  switch (def.kind) {
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE_WORDS.has(lower)) return true;
      if (FALSE_WORDS.has(lower)) return false;
      return undefined;
    }
    case 'count':
    case 'persons':
    case 'yen':
    case 'year': {
      const n = Number(text.replaceAll(',', ''));
      return Number.isInteger(n) && n >= 0 ? n : undefined;
    }
    case 'hours': {
      const n = Number(text.replaceAll(',', ''));
      return Number.isFinite(n) && n >= 0 ? n : undefined;
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text)
        ? text
        : /^\d{4}\/\d{1,2}\/\d{1,2}$/.test(text)
          ? text
              .split('/')
              .map((p, i) => (i === 0 ? p : p.padStart(2, '0')))
              .join('-')
          : undefined;
    case 'text':
      return text.length <= 500 ? text : undefined;
    case 'members':
      return text
        .split(/[|｜・、,]/)
        .map((s) => s.trim())
        .filter(Boolean);
  }
}

async function readTable(fileName: string, bytes: Buffer): Promise<string[][]> {
  if (/\.xlsx$/i.test(fileName)) {
    const workbook = new (await loadExcel()).Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new AppError(400, 'validation_failed', {
        errors: [
          {
            pointer: '/content',
            message: { ja: 'Excel ファイルを読めません', en: 'The Excel file cannot be read' },
          },
        ],
      });
    }
    const sheet = workbook.worksheets[0];
    const out: string[][] = [];
    sheet?.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text ?? '');
      out.push(cells);
    });
    return out;
  }
  const parsed = parseCsv(decodeCsv(bytes).text);
  if (parsed.error)
    throw new AppError(400, 'validation_failed', {
      errors: [
        {
          pointer: '/content',
          message: {
            ja: `${parsed.error.line} 行目の引用符が閉じていません`,
            en: `Unclosed quote on line ${parsed.error.line}`,
          },
        },
      ],
    });
  return parsed.rows;
}

export async function importReturns(
  tx: Tx,
  actor: LayerActor,
  input: { fiscalYear: number; fileName: string; content: string; apply?: string | undefined },
  now: Date,
) {
  if (actor.scope !== 'prefecture' || !actor.tenant) throw new AppError(403, 'forbidden');
  const bytes = Buffer.from(input.content, 'base64');
  const digest = createHash('sha256').update(`${input.fiscalYear}\n`).update(bytes).digest('hex');
  const table = (await readTable(input.fileName, bytes)).filter((r) => r.some((c) => c.trim() !== ''));
  const [header = [], ...body] = table;
  const codeColumn = header.findIndex((h) => CODE_HEADERS.has(h.normalize('NFKC').trim()));
  const columns = header.map((h) => columnItem(h));
  const rows: ImportRow[] = [];
  const headerErrors: RowError[] = [];
  if (codeColumn < 0)
    headerErrors.push({ column: '市区町村コード', message: '市区町村コードの列がありません' });
  header.forEach((h, i) => {
    if (i !== codeColumn && !columns[i] && h.trim() !== '' && h.trim() !== '市区町村名')
      headerErrors.push({ column: h, message: '未知の列です' });
  });
  if (headerErrors.length)
    rows.push({ row: 1, municipalityCode: null, municipalityName: null, errors: headerErrors });

  const parsed: { code: string; items: Record<string, ReturnValue> }[] = [];
  const seen = new Set<string>();
  const codes = body.map((r) => (codeColumn >= 0 ? (r[codeColumn] ?? '').normalize('NFKC').trim() : ''));
  const kept = new Set(
    codes.length
      ? (
          await tx
            .select({ code: statusReturns.municipalityCode })
            .from(statusReturns)
            .where(
              and(
                eq(statusReturns.enteredBy, 'municipality'),
                inArray(
                  statusReturns.municipalityCode,
                  codes.filter((c) => /^\d{6}$/.test(c)),
                ),
              ),
            )
        ).map((r) => r.code)
      : [],
  );
  body.forEach((cells, index) => {
    const errors: RowError[] = [];
    const code = codes[index]!;
    const entry = municipalityEntry(code);
    if (!entry) errors.push({ column: '市区町村コード', message: '市区町村コードが正しくありません' });
    else if (!covers(actor, code))
      errors.push({ column: '市区町村コード', message: '管内の市区町村ではありません' });
    else if (kept.has(code))
      errors.push({ column: '市区町村コード', message: 'この市区町村はつながりで自ら報告しています' });
    if (entry && seen.has(code))
      errors.push({ column: '市区町村コード', message: '同じ市区町村が2行あります' });
    seen.add(code);
    const items: Record<string, ReturnValue> = {};
    columns.forEach((def, i) => {
      if (!def || i === codeColumn) return;
      const value = parseCell(def, cells[i] ?? '');
      if (value === undefined)
        errors.push({ column: header[i]!, message: `「${cells[i]}」は${def.ja}の値として読めません` });
      else if (value !== null) items[def.id] = value;
    });
    rows.push({
      row: index + 2,
      municipalityCode: code || null,
      municipalityName: entry?.name ?? null,
      errors,
    });
    if (errors.length === 0) parsed.push({ code, items });
  });
  const errorRows = rows.filter((r) => r.errors.length > 0).length;
  const result = { digest, rows, validRows: parsed.length, errorRows, applied: false };
  if (!input.apply) return result;
  if (input.apply !== digest) throw new AppError(409, 'import_not_found');
  if (errorRows > 0) throw new AppError(400, 'import_has_errors');
  for (const row of parsed)
    await enterReturnFor(tx, actor, row.code, input.fiscalYear, row.items, now, 'import');
  return { ...result, applied: true };
}
