/**
 * Every column that holds `encryptField` values is registered here, so that `keys:rotate` finds all
 * of them without knowing the modules: a module lists its columns next to its tables and names the
 * list in its manifest (`encryptedColumns`), which `installModules()` registers; the platform's own
 * tables (sessions' TOTP secrets, the outbox, idempotency) still register beside their table.
 * Names are SQL names (snake_case), as in the migrations.
 */
export type EncryptedColumn = {
  table: string;
  /** Primary key column (uuid, bigint or text). */
  idColumn: string;
  column: string;
  /**
   * The context the values were encrypted with: by convention `table.column`, or built per row from
   * another column (e.g. `totp_credentials.secret_encrypted:<account id>`), which also stops a value
   * copied to another row from decrypting.
   */
  context: string | RowContext;
  /** A blind index kept next to the column, recomputed whenever the value is re-encrypted. */
  blindIndex?: {
    column: string;
    context: string;
    /** The normalisation applied before `blindIndex` on write and lookup (e.g. trim + lower-case). */
    normalize?: (plain: string) => string;
  };
};

export type RowContext = {
  /** Column whose value (as text) builds the context; may be the id column. */
  column: string;
  build: (value: string) => string;
};

/** A column keyed by `id` whose values were encrypted with one fixed context (`table.column` by convention). */
export const encryptedById = (table: string, column: string, context: string): EncryptedColumn => ({
  table,
  idColumn: 'id',
  column,
  context,
});

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

const columns = new Map<string, EncryptedColumn>();

function same(a: EncryptedColumn, b: EncryptedColumn): boolean {
  return (
    a.idColumn === b.idColumn &&
    (typeof a.context === 'string' || typeof b.context === 'string'
      ? a.context === b.context
      : a.context.column === b.context.column) &&
    a.blindIndex?.column === b.blindIndex?.column &&
    a.blindIndex?.context === b.blindIndex?.context
  );
}

/**
 * Registers a column; returns what takes this registration back. Modules never do (their tables
 * live as long as the process); a test's own tables must, because its process goes on to run other
 * test files, whose `keys:rotate` would otherwise look for tables their database does not have.
 */
export function registerEncryptedColumn(spec: EncryptedColumn): () => void {
  const contextColumn = typeof spec.context === 'string' ? undefined : spec.context.column;
  for (const name of [spec.table, spec.idColumn, spec.column, spec.blindIndex?.column, contextColumn]) {
    if (name !== undefined && !IDENTIFIER.test(name))
      throw new Error(`Not a plain SQL identifier: "${name}".`);
  }
  if (!spec.context || (typeof spec.context !== 'string' && typeof spec.context.build !== 'function'))
    throw new Error(`Encrypted column ${spec.table}.${spec.column} needs a context.`);
  const key = `${spec.table}.${spec.column}`;
  const existing = columns.get(key);
  // The same registration twice (a module imported along two paths) is harmless; a different one is a bug.
  if (existing && !same(existing, spec))
    throw new Error(`Encrypted column ${key} registered twice, differently.`);
  if (existing) return () => {};
  const registered = { ...spec };
  columns.set(key, registered);
  return () => {
    if (columns.get(key) === registered) columns.delete(key);
  };
}

export function encryptedColumns(): EncryptedColumn[] {
  // Plain code-unit order, not localeCompare: the same order on every machine.
  return [...columns.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, spec]) => spec);
}
