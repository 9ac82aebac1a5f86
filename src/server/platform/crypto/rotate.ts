import { setTimeout as sleep } from 'node:timers/promises';
import { type SQL, sql } from 'drizzle-orm';
import type { DataKey } from '../config.ts';
import { type Database, rows } from '../db/client.ts';
import { asSystem } from '../db/tenant.ts';
import { blindIndex, decryptField, encryptField } from './fields.ts';
import { type EncryptedColumn, encryptedColumns } from './registry.ts';

export type RotationProgress = {
  table: string;
  column: string;
  pass: number;
  reencrypted: number;
  failed: number;
};

export type ColumnRotation = {
  table: string;
  column: string;
  /** Values (and blind indexes) rewritten under the active key. */
  reencrypted: number;
  /** Values that could not be decrypted (unknown key, tampered): left untouched. */
  failed: number;
  /** Ids of failed rows (at most 100): ids only, never values. */
  failedIds: string[];
  /** Values still not under the active key when the run ended (failed ones included). */
  remaining: number;
  /** Set when the column could not be processed at all (e.g. its table does not exist). */
  error?: string;
};

export type RotationSummary = { activeKeyId: string; columns: ColumnRotation[]; ok: boolean };

export type RotationOptions = {
  /** Rows per transaction (default 200): short transactions, so the app keeps running. */
  batchSize?: number;
  onProgress?: (progress: RotationProgress) => void;
  /**
   * Rows locked by the app are skipped (`skip locked`) rather than waited for; further passes pick
   * them up. Default 5 passes, 1 s apart.
   */
  maxPasses?: number;
  retryDelayMs?: number;
  /** Defaults to every registered column. */
  columns?: EncryptedColumn[];
};

const MAX_FAILED_IDS = 100;

/**
 * Re-encrypts every registered column value that is not under the active key (keys[0]), and
 * recomputes blind indexes that are missing or under an old key. Each batch is its own short
 * transaction that locks only its rows; the app keeps reading meanwhile because decryptField accepts
 * every configured key. Idempotent: a second run finds nothing to do.
 *
 * Runs as the connecting (owner) user: it must reach every tenant's rows, which RLS would hide from
 * the app role. Start it only after every app process has the new key first in DATA_KEY, or they keep
 * writing values under the old one.
 */
export async function rotateKeys(
  db: Database,
  keys: readonly DataKey[],
  options: RotationOptions = {},
): Promise<RotationSummary> {
  const active = keys[0];
  if (!active) throw new Error('No data key is configured (DATA_KEY).');
  const results: ColumnRotation[] = [];
  for (const spec of options.columns ?? encryptedColumns()) {
    try {
      results.push(await rotateColumn(db, keys, spec, options));
    } catch (error) {
      // Errors of our own statements name tables, columns and ids, never values.
      results.push({
        table: spec.table,
        column: spec.column,
        reencrypted: 0,
        failed: 0,
        failedIds: [],
        remaining: -1,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return {
    activeKeyId: active.id,
    columns: results,
    ok: results.every((r) => !r.error && r.failed === 0 && r.remaining === 0),
  };
}

async function rotateColumn(
  db: Database,
  keys: readonly DataKey[],
  spec: EncryptedColumn,
  options: RotationOptions,
): Promise<ColumnRotation> {
  const active = keys[0]!;
  const batchSize = Math.max(1, options.batchSize ?? 200);
  const maxPasses = Math.max(1, options.maxPasses ?? 5);
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const table = sql.identifier(spec.table);
  const id = sql.identifier(spec.idColumn);
  const column = sql.identifier(spec.column);
  const bi = spec.blindIndex ? sql.identifier(spec.blindIndex.column) : undefined;
  const configured = spec.context;
  const contextOf =
    typeof configured === 'string'
      ? () => configured
      : (value: string | null) => configured.build(value ?? '');
  const contextColumn =
    typeof configured === 'string' ? sql`null::text` : sql`${sql.identifier(configured.column)}::text`;
  const valuePrefix = `v1.${active.id}.`;
  const indexPrefix = `${active.id}.`;
  // starts_with, not LIKE: key ids may contain `_`, a LIKE wildcard.
  const stale: SQL = bi
    ? sql`(${column} is not null and (not starts_with(${column}, ${valuePrefix}) or ${bi} is null or not starts_with(${bi}, ${indexPrefix})))`
    : sql`(${column} is not null and not starts_with(${column}, ${valuePrefix}))`;

  const result: ColumnRotation = {
    table: spec.table,
    column: spec.column,
    reencrypted: 0,
    failed: 0,
    failedIds: [],
    remaining: 0,
  };
  const failed = new Set<string>();

  for (let pass = 1; pass <= maxPasses; pass++) {
    let after: string | undefined;
    for (;;) {
      const batch = await asSystem(db, async (tx) => {
        // The text alias must not be called like the id column: ORDER BY would sort by the alias
        // (as text: 1, 10, 2 …) while the keyset compares in the column's type, skipping rows.
        const found = await rows<{
          row_id: string;
          value: string;
          bi: string | null;
          context_value: string | null;
        }>(
          tx,
          sql`select ${id}::text as row_id, ${column} as value, ${bi ?? sql`null::text`} as bi,
                ${contextColumn} as context_value
              from ${table}
              where ${stale} ${after === undefined ? sql`` : sql`and ${table}.${id} > ${after}`}
              order by ${table}.${id}
              limit ${batchSize}
              for update skip locked`,
        );
        for (const { row_id: rowId, context_value: contextValue, ...row } of found) {
          if (failed.has(rowId)) continue;
          const rowContext = contextOf(contextValue);
          let plain: string;
          try {
            plain = decryptField(row.value, keys, rowContext);
          } catch {
            failed.add(rowId);
            if (result.failedIds.length < MAX_FAILED_IDS) result.failedIds.push(rowId);
            continue;
          }
          const value = row.value.startsWith(valuePrefix) ? row.value : encryptField(plain, keys, rowContext);
          if (bi && spec.blindIndex) {
            const normalized = spec.blindIndex.normalize ? spec.blindIndex.normalize(plain) : plain;
            const index = blindIndex(normalized, active, spec.blindIndex.context);
            await tx.execute(
              sql`update ${table} set ${column} = ${value}, ${bi} = ${index} where ${id} = ${rowId}`,
            );
          } else {
            await tx.execute(sql`update ${table} set ${column} = ${value} where ${id} = ${rowId}`);
          }
          result.reencrypted++;
        }
        return { size: found.length, lastId: found.at(-1)?.row_id };
      });
      result.failed = failed.size;
      options.onProgress?.({
        table: spec.table,
        column: spec.column,
        pass,
        reencrypted: result.reencrypted,
        failed: result.failed,
      });
      if (batch.size < batchSize || batch.lastId === undefined) break;
      after = batch.lastId;
    }
    const [left] = await rows<{ n: string | number }>(
      db.orm,
      sql`select count(*)::text as n from ${table} where ${stale}`,
    );
    result.remaining = Number(left?.n ?? 0);
    // Only rows skipped because the app held their lock are worth another pass.
    if (result.remaining <= failed.size) break;
    if (pass < maxPasses) await sleep(retryDelayMs);
  }
  return result;
}
