import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type Lang, type LocalisedFieldError, pickLang, toProblem } from '../errors.ts';

const zodLocales = { ja: z.locales.ja(), en: z.locales.en() };

type ZodIssueLike = { path?: PropertyKey[]; message: string; code?: string } & Record<string, unknown>;

/** JSON Pointer (RFC 6901) of a field, prefixed by where it came from (/body, /query, /params). */
function pointerOf(context: string, path: PropertyKey[] | undefined): string {
  const parts = (path ?? []).map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1'));
  const where = context === 'querystring' ? 'query' : context;
  return `/${[where, ...parts].join('/')}`;
}

/** Our own schema messages are written "日本語 / English"; zod's built-in ones come from its locales. */
function issueMessage(issue: ZodIssueLike, lang: Lang): string {
  // A message written by our schemas ("日本語 / English") wins over zod's generic one, whatever the check.
  if (issue.message.includes(' / ')) {
    const [ja, en] = issue.message.split(' / ', 2) as [string, string];
    return lang === 'ja' ? ja : en;
  }
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue.keys as string[] | undefined)?.join(', ') ?? '';
    return lang === 'ja' ? `受け付けていない項目があります: ${keys}` : `Unknown fields: ${keys}`;
  }
  const localeError = zodLocales[lang].localeError as (
    i: unknown,
  ) => string | { message: string } | undefined;
  const out = localeError?.({ ...issue, input: issue.input });
  if (typeof out === 'string') return out;
  if (out && typeof out === 'object' && 'message' in out) return out.message;
  return issue.message;
}

/** fastify-type-provider-zod turns each zod issue into {keyword: code, instancePath, message, params: rest}. */
type ValidationItem = {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
};

export function validationFieldErrors(error: FastifyError, lang: Lang): LocalisedFieldError[] {
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  const where = context === 'querystring' ? 'query' : context;
  const items = (error.validation ?? []) as unknown as ValidationItem[];
  return items.map((v) => {
    const issue = { ...(v.params ?? {}), code: v.keyword, message: v.message ?? '' } as ZodIssueLike;
    const path = v.instancePath && v.instancePath !== '/' ? v.instancePath : '';
    return { pointer: `/${where}${path}`, message: issueMessage(issue, lang) };
  });
}

/** Maps any thrown error to an AppError; anything unknown becomes a 500 with no detail for the client. */
export function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError & { statusCode?: number };
  const lang = pickLang(request.headers['accept-language']);
  if (hasZodFastifySchemaValidationErrors(e) || e.validation) {
    return new AppError(400, 'validation_failed', { errors: validationFieldErrors(e, lang) });
  }
  if (error instanceof z.ZodError) {
    return new AppError(400, 'validation_failed', {
      errors: error.issues.map((i) => ({
        pointer: pointerOf('body', i.path),
        message: issueMessage(i as ZodIssueLike, lang),
      })),
    });
  }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return new AppError(413, 'body_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported_media_type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(400, 'malformed_json');
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new AppError(403, 'csrf_invalid');
    case 'FST_ERR_NOT_FOUND':
      return new AppError(404, 'not_found');
  }
  if (e instanceof SyntaxError) return new AppError(400, 'malformed_json');
  if (e.statusCode === 429) return new AppError(429, 'rate_limited');
  if (e.statusCode === 503) return new AppError(503, 'service_unavailable');
  if (e.statusCode === 413) return new AppError(413, 'body_too_large');
  if (e.statusCode === 415) return new AppError(415, 'unsupported_media_type');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError(e.statusCode, e.statusCode === 404 ? 'not_found' : 'validation_failed');
  }
  return new AppError(500, 'internal', { cause: error });
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  const lang = pickLang(request.headers['accept-language']);
  const problem = toProblem(error, lang, request.id);
  return reply
    .code(error.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', lang)
    .header('cache-control', 'no-store')
    .send(JSON.stringify(problem));
}
