import { createHmac, hkdfSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { ConfigError, type DataKey } from '../config.ts';
import type { Database } from '../db/client.ts';
import { platformState } from '../state/state.tables.ts';

/**
 * A check value per DATA_KEY: HMAC of a fixed text under an HKDF subkey of the key. It proves that a
 * key is the same one without revealing it, so a wrong key is reported as a wrong key — at start-up
 * (values kept in `platform_state`) and at restore (values kept in the backup's manifest) — instead
 * of every encrypted read failing later as if the data had been tampered with (issue 19, ADR 0014).
 */
export function keyCheckValue(key: DataKey): string {
  const subkey = Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), 'tsunagari/key-check', 32));
  return createHmac('sha256', subkey).update('tsunagari-data-key-check-v1').digest('base64url');
}

export function keyCheckValues(keys: DataKey[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k.id, keyCheckValue(k)]));
}

/** Problems of `keys` against expected check values: a key id absent, or present with other bytes. */
export function wrongKeyMessage(expected: Record<string, string>, keys: DataKey[]): string | undefined {
  const given = new Map(keys.map((k) => [k.id, keyCheckValue(k)]));
  const wrong = Object.entries(expected).filter(([id, check]) => given.get(id) !== check);
  if (wrong.length === 0) return undefined;
  const ids = wrong.map(([id]) => id).join(', ');
  return (
    `このデータは鍵 ${ids} で暗号化されています。DATA_KEY に同じ鍵を設定してください` +
    `（${wrong.map(([id]) => (given.has(id) ? `${id}: 鍵の値が違います` : `${id}: 設定されていません`)).join('、')}）。\n` +
    `This data is encrypted with key ${ids}. Set DATA_KEY to the same key ` +
    `(${wrong.map(([id]) => (given.has(id) ? `${id}: a different key with the same id` : `${id}: not set`)).join(', ')}).`
  );
}

const stateKey = (id: string) => `data-key-check:${id}`;

/**
 * At start-up: a configured key whose id the database knows with another check value is refused
 * (ConfigError, a clear message); a new key id is recorded. Runs as the owner connection.
 */
export async function checkDataKeys(db: Database, keys: DataKey[]): Promise<void> {
  const stored = await db.orm
    .select({ key: platformState.key, value: platformState.value })
    .from(platformState)
    .where(sql`${platformState.key} like 'data-key-check:%'`);
  const known = Object.fromEntries(stored.map((r) => [r.key.slice('data-key-check:'.length), r.value]));
  const relevant = Object.fromEntries(Object.entries(known).filter(([id]) => keys.some((k) => k.id === id)));
  const message = wrongKeyMessage(relevant, keys);
  if (message) throw new ConfigError(`DATA_KEY が違います / Wrong DATA_KEY.\n${message}`);
  const fresh = keys.filter((k) => !(k.id in known));
  if (fresh.length > 0) {
    await db.orm
      .insert(platformState)
      .values(fresh.map((k) => ({ key: stateKey(k.id), value: keyCheckValue(k) })))
      .onConflictDoNothing();
  }
}
