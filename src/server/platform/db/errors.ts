/**
 * The SQLSTATE of a database error, looked up through `cause` as the ORM wraps driver errors
 * (node-postgres and PGlite both carry `code`).
 */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A unique constraint refused the row (23505): a double submission, or a race another writer won. */
export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';
