/**
 * The CSV import of a municipality's entries: the file read and every row checked (nothing written),
 * the preview kept, then on confirmation every valid row written in one transaction, matched on the
 * external id so a second import of the same file changes nothing. The columns are in
 * places.import-columns.ts.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { type Lang, notFound } from '../../platform/errors.ts';
import { localisedIssue } from '../../platform/http/problem.ts';
import { csvUnreadable, decodeCsv, parseCsvOrReject } from '../../platform/text/csv.ts';
import { suggestReading } from '../../platform/text/reading.ts';
import { addRevision, columnsOf, type PlaceRow } from './places.content.ts';
import { PLACES_FIELD, PLACES_IMPORT_FILE, placesError } from './places.errors.ts';
import { type Draft, IMPORT_COLUMNS } from './places.import-columns.ts';
import { mayConfirmImport } from './places.policy.ts';
import { PlaceContent } from './places.schema.ts';
import { type ImportRowError, placeImports, places } from './places.tables.ts';

/** At most this many data rows per file (10 MiB of CSV is far less in practice). */
const IMPORT_MAX_ROWS = 50_000;
/** Imports up to this size are applied within the request; larger ones in the background. */
export const IMPORT_INLINE_ROWS = 2_000;

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
  if (!header) throw csvUnreadable(PLACES_IMPORT_FILE.empty);
  if (data.length > IMPORT_MAX_ROWS) throw csvUnreadable(PLACES_IMPORT_FILE.tooManyRows(IMPORT_MAX_ROWS));
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
    throw csvUnreadable(PLACES_IMPORT_FILE.columns(missing, unknown));

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
        rowErrors.push({ row: rowNumber, column: required, message: PLACES_FIELD.required });
    }
    if (!draft.lifeStages) draft.lifeStages = ['working_age'];
    if (draft.location && (Number.isNaN(draft.location.lat) || Number.isNaN(draft.location.lng)))
      rowErrors.push({
        row: rowNumber,
        column: Number.isNaN(draft.location.lat) ? '緯度' : '経度',
        message: PLACES_FIELD.bothCoordinates,
      });
    if (draft.kind !== 'opportunity' && draft.opportunity) delete draft.opportunity;
    const externalId = draft.externalId?.trim();
    if (externalId) {
      const first = seen.get(externalId);
      if (first !== undefined)
        rowErrors.push({
          row: rowNumber,
          column: '外部ID',
          message: PLACES_FIELD.sameExternalIdAs(first),
        });
      else seen.set(externalId, rowNumber);
    }
    if (rowErrors.length === 0) {
      const parsed = PlaceContent.safeParse(draft);
      if (parsed.success) valid.push({ row: rowNumber, content: parsed.data });
      else
        for (const issue of parsed.error.issues)
          rowErrors.push({ row: rowNumber, column: columnFor(issue.path), message: localisedIssue(issue) });
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
  if (!row) throw notFound();
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
  const decision = mayConfirmImport({ status: row.status, errorCount: row.errors.length }, skipInvalid);
  if (!decision.allowed && decision.reason !== 'stale_version') throw placesError(409, decision.reason);
  await tx
    .update(placeImports)
    .set({ status: 'applying', appliedBy: actorId, updatedAt: now })
    .where(and(eq(placeImports.municipalityCode, tenant), eq(placeImports.id, id)));
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
      .where(and(eq(placeImports.municipalityCode, row.municipalityCode), eq(placeImports.id, row.id)));
    return result;
  } finally {
    progress.delete(row.id);
  }
}

export async function markImportFailed(tx: Tx, tenant: string, id: string, errorCode: string, now: Date) {
  await tx
    .update(placeImports)
    .set({ status: 'failed', errorCode, updatedAt: now })
    .where(and(eq(placeImports.municipalityCode, tenant), eq(placeImports.id, id)));
}

// ── writing the rows ────────────────────────────────────────────────────────────────────────────

async function placesByExternalId(tx: Tx, tenant: string, externalIds: string[]) {
  const map = new Map<string, PlaceRow>();
  for (let i = 0; i < externalIds.length; i += 1000) {
    const chunk = externalIds.slice(i, i + 1000);
    if (chunk.length === 0) continue;
    const found = await tx
      .select()
      .from(places)
      .where(and(eq(places.municipalityCode, tenant), inArray(places.externalId, chunk)));
    for (const row of found) map.set(row.externalId!, row);
  }
  return map;
}

/** Same content, ignoring key order. */
function sameContent(a: PlaceContent, b: PlaceContent): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, val]) => [k, canon(val)]),
          )
        : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/**
 * Writes one imported row: a new entry, or a changed one (matched on external_id), submitted for
 * review by the importer so that a second person publishes it; unchanged rows are left alone.
 */
async function upsertImported(
  tx: Tx,
  tenant: string,
  existing: PlaceRow | undefined,
  content: PlaceContent,
  actorId: string,
  now: Date,
): Promise<'created' | 'updated' | 'unchanged'> {
  if (existing && sameContent(existing.content, content)) return 'unchanged';
  const base = {
    ...columnsOf(content),
    publication: 'in_review' as const,
    updatedAt: now,
    updatedBy: actorId,
    submittedAt: now,
    submittedBy: actorId,
    reviewComment: null,
  };
  if (!existing) {
    const [row] = await tx
      .insert(places)
      .values({ municipalityCode: tenant, ...base, createdAt: now, createdBy: actorId })
      .returning();
    await addRevision(tx, row!, 'imported', actorId, now);
    return 'created';
  }
  const [row] = await tx
    .update(places)
    .set({ ...base, version: existing.version + 1 })
    .where(and(eq(places.municipalityCode, tenant), eq(places.id, existing.id)))
    .returning();
  await addRevision(tx, row!, 'imported', actorId, now);
  return 'updated';
}
