import { AppError, type LocalisedFieldError } from '../errors.ts';

/**
 * Text no field may hold, decided once at the request boundary for the body, the query and the path
 * parameters of every route (app.ts runs this before validation):
 *
 * - NUL (U+0000): PostgreSQL refuses it in text, so it would fail deep inside a transaction as a 500.
 * - A lone UTF-16 surrogate (JSON "\ud800" without its pair): not a character at all; field encryption
 *   (which encodes UTF-8) throws on it, and other fields would store text no one can display.
 * - Nesting deeper than MAX_DEPTH: no form of ours nests that deep, and walking it costs the server.
 *
 * Object keys are checked as well as values: a key is text the client chose.
 */
export const MAX_DEPTH = 32;

export type HostileReason = 'nul' | 'surrogate' | 'depth';
export type HostileFinding = { path: string[]; reason: HostileReason };

function textProblem(s: string): HostileReason | null {
  if (s.includes('\u0000')) return 'nul';
  if (!s.isWellFormed()) return 'surrogate';
  return null;
}

/** The first hostile text in `value` (depth first, iterative so deep input cannot overflow the stack). */
export function findHostileText(value: unknown, maxDepth = MAX_DEPTH): HostileFinding | null {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const reason = textProblem(current);
      if (reason) return { path, reason };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= maxDepth) return { path, reason: 'depth' };
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i -= 1)
        stack.push({ value: current[i], path: [...path, String(i)] });
      continue;
    }
    const keys = Object.keys(current);
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const key = keys[i]!;
      const reason = textProblem(key);
      // A bad key cannot be named safely in a pointer: point at the object that holds it.
      if (reason) return { path, reason };
      stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return null;
}

const MESSAGES: Record<HostileReason, { ja: string; en: string }> = {
  nul: {
    ja: '使えない制御文字（NUL）が含まれています',
    en: 'Contains a character that cannot be used (NUL)',
  },
  surrogate: {
    ja: '文字として読めないデータ（対になっていないサロゲート）が含まれています',
    en: 'Contains data that is not text (an unpaired UTF-16 surrogate)',
  },
  depth: {
    ja: `入れ子が深すぎます（${MAX_DEPTH} 段まで）`,
    en: `Nested too deeply (at most ${MAX_DEPTH} levels)`,
  },
};

/** JSON Pointer (RFC 6901) of `path` under `base` (e.g. "/body"). */
export function pointerUnder(base: string, path: readonly string[]): string {
  return [base, ...path.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1'))].join('/');
}

export function hostileTextError(base: string, finding: HostileFinding): AppError {
  const error: LocalisedFieldError = {
    pointer: pointerUnder(base, finding.path),
    message: MESSAGES[finding.reason],
  };
  return new AppError(400, 'validation_failed', { errors: [error] });
}

/**
 * Throws a 400 naming the field when `value` holds hostile text. For input a route reads itself
 * (a JSON field inside multipart); the body, query and params of every route are checked in app.ts.
 */
export function assertCleanText(value: unknown, base: string): void {
  const finding = findHostileText(value);
  if (finding) throw hostileTextError(base, finding);
}
