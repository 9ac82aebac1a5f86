import type { FastifySchemaCompiler } from 'fastify';
import { type $ZodType, safeParse, util } from 'zod/v4/core';

/**
 * The request validator for every route's zod schema (instead of fastify-type-provider-zod's own):
 * the same parse, but each issue keeps the *type* of what was sent (never the value), so a wrong type
 * reads "文字列で入力してください（数値が送信されました）" rather than "undefined が入力されました".
 * The value itself is dropped here so it cannot reach a response or a log.
 */
export type ValidationItem = {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
};

export const validatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema }) =>
  (data) => {
    const result = safeParse(schema, data, { reportInput: true });
    if (!result.error) return { value: result.data };
    const items: ValidationItem[] = result.error.issues.map((issue) => {
      const { path, code, message, input, ...rest } = issue as typeof issue & { input?: unknown };
      const params: Record<string, unknown> = { ...rest };
      if (code === 'invalid_type') params.received = util.parsedType(input);
      if (code === 'invalid_union') params.errors = stripInputs(params.errors);
      return { keyword: code, instancePath: `/${path.map(String).join('/')}`, message, params };
    });
    // Fastify wraps an array of items into its validation error (error.validation).
    return { error: items as unknown as Error };
  };

/** Union branches' issues carry inputs too: keep their shape, never the values. */
function stripInputs(errors: unknown): unknown {
  if (!Array.isArray(errors)) return errors;
  return errors.map((branch) =>
    Array.isArray(branch)
      ? branch.map((i: Record<string, unknown>) => {
          const { input, ...rest } = i;
          return i.code === 'invalid_type' ? { ...rest, received: util.parsedType(input) } : rest;
        })
      : branch,
  );
}
