import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readFieldMessage } from '../../../shared/text/field-message.ts';
import { AppError, type Lang, type LocalisedFieldError, pickLang, toProblem } from '../errors.ts';

const zodLocales = { ja: z.locales.ja(), en: z.locales.en() };

type ZodIssueLike = { path?: PropertyKey[]; message: string; code?: string } & Record<string, unknown>;

/** JSON Pointer (RFC 6901) of a field, prefixed by where it came from (/body, /query, /params). */
function pointerOf(context: string, path: PropertyKey[] | undefined): string {
  const parts = (path ?? []).map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1'));
  const where = context === 'querystring' ? 'query' : context;
  return `/${[where, ...parts].join('/')}`;
}

const TYPE_NAMES: Record<string, { ja: string; en: string }> = {
  string: { ja: '文字列', en: 'text' },
  number: { ja: '数値', en: 'a number' },
  int: { ja: '整数', en: 'an integer' },
  bigint: { ja: '整数', en: 'an integer' },
  boolean: { ja: '真偽値（true / false）', en: 'true or false' },
  array: { ja: '配列', en: 'a list' },
  object: { ja: 'オブジェクト', en: 'an object' },
  null: { ja: 'null', en: 'null' },
  date: { ja: '日付', en: 'a date' },
  nan: { ja: '数値ではない値（NaN）', en: 'not a number (NaN)' },
};
const typeName = (t: unknown, lang: Lang) => {
  const key = String(t);
  return TYPE_NAMES[key]?.[lang] ?? key;
};

/**
 * A wrong type names what was expected and, when known, the type that was sent — never the value,
 * which may be personal data. A missing field reads as "required".
 */
function invalidTypeMessage(issue: ZodIssueLike, lang: Lang): string {
  const expected = typeName(issue.expected, lang);
  const received = issue.received as string | undefined;
  if (received === 'undefined') {
    return lang === 'ja' ? `入力してください（${expected}）` : `Required (${expected})`;
  }
  if (received) {
    const got = typeName(received, lang);
    return lang === 'ja'
      ? `${expected}で入力してください（${got}が送信されました）`
      : `Expected ${expected}, received ${got}`;
  }
  return lang === 'ja' ? `${expected}で入力してください` : `Expected ${expected}`;
}

/**
 * A union's own message ("無効な入力") hides the reason. When one branch is only the "empty is allowed"
 * alternative (z.literal('')), or any branch carries a message our schemas wrote, say that branch's.
 */
function unionMessage(issue: ZodIssueLike, lang: Lang): string | null {
  const branches = (issue.errors as ZodIssueLike[][] | undefined) ?? [];
  const informative = branches
    .map((branch) => branch[0])
    .filter((first): first is ZodIssueLike => !!first && first.code !== 'invalid_value');
  // A branch carrying a message our schemas wrote with `fieldMessage` (decision 0029).
  const own = informative.find((i) => readFieldMessage(i.message) !== null);
  const chosen = own ?? (informative.length === 1 ? informative[0] : undefined);
  return chosen ? issueMessage(chosen, lang) : null;
}

/** Our own schema messages come in both languages; zod's built-in ones come from its locales. */
function issueMessage(issue: ZodIssueLike, lang: Lang): string {
  // A message written by our schemas wins over zod's generic one, whatever the check.
  const own = readFieldMessage(issue.message);
  if (own) return own[lang];
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue.keys as string[] | undefined)?.join(', ') ?? '';
    return lang === 'ja' ? `受け付けていない項目があります: ${keys}` : `Unknown fields: ${keys}`;
  }
  if (issue.code === 'invalid_type') return invalidTypeMessage(issue, lang);
  if (issue.code === 'invalid_union') {
    const message = unionMessage(issue, lang);
    if (message) return message;
  }
  const localeError = zodLocales[lang].localeError as (
    i: unknown,
  ) => string | { message: string } | undefined;
  const { input: _input, ...withoutInput } = issue;
  const out = localeError?.(withoutInput);
  if (typeof out === 'string') return out;
  if (out && typeof out === 'object' && 'message' in out) return out.message;
  return issue.message;
}

/** One zod issue in both languages, for routes that validate a part of the request themselves (CSV rows, multipart JSON). */
export function localisedIssue(issue: z.core.$ZodIssue): { ja: string; en: string } {
  const asLike = issue as unknown as ZodIssueLike;
  return { ja: issueMessage(asLike, 'ja'), en: issueMessage(asLike, 'en') };
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

/*
 * Errors about the request as a whole still name where they are: the body ("/body"), a header, or the
 * request itself (""), so every 4xx a client gets can be shown next to what caused it.
 */
const BAD_URL_MESSAGE = { ja: 'URL を読み取れません', en: 'The URL could not be read' };
export const malformedJson = () =>
  new AppError(400, 'malformed_json', {
    errors: [
      {
        pointer: '/body',
        message: { ja: 'JSON の形式が正しくありません', en: 'The body is not valid JSON' },
      },
    ],
  });
export const bodyTooLarge = () =>
  new AppError(413, 'body_too_large', {
    errors: [{ pointer: '/body', message: { ja: '大きすぎます', en: 'Too large' } }],
  });
export const unsupportedMediaType = () =>
  new AppError(415, 'unsupported_media_type', {
    errors: [
      {
        pointer: '/headers/content-type',
        message: { ja: 'application/json で送信してください', en: 'Send application/json' },
      },
    ],
  });
export const uriTooLong = () =>
  new AppError(414, 'uri_too_long', {
    errors: [{ pointer: '', message: { ja: 'URL が長すぎます', en: 'The URL is too long' } }],
  });

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
      return bodyTooLarge();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedMediaType();
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return malformedJson();
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new AppError(403, 'csrf_invalid');
    case 'FST_ERR_NOT_FOUND':
    // A path the web files' route refuses (`..`, `//`): it names no built file, so it is answered
    // like any other missing one rather than as a malformed request.
    case 'FST_STATIC_FORBIDDEN_PATH':
      return new AppError(404, 'not_found');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return uriTooLong();
    case 'FST_ERR_BAD_URL':
      return new AppError(400, 'bad_url', { errors: [{ pointer: '', message: BAD_URL_MESSAGE }] });
  }
  if (e instanceof SyntaxError) return malformedJson();
  if (e.statusCode === 429) return new AppError(429, 'rate_limited');
  if (e.statusCode === 503) return new AppError(503, 'service_unavailable');
  if (e.statusCode === 413) return bodyTooLarge();
  if (e.statusCode === 415) return unsupportedMediaType();
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

/**
 * Errors of Node's HTTP parser, before Fastify has a request (headers over the 16 KiB limit, a broken
 * request line): answered as problem+json too, in Japanese (no request to read a language from).
 */
export function problemClientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, appError] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, new AppError(408, 'request_timeout')]
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            new AppError(431, 'headers_too_large', {
              errors: [{ pointer: '', message: { ja: 'ヘッダーが大きすぎます', en: 'Headers too large' } }],
            }),
          ]
        : error.code === 'HPE_URI_TOO_LONG'
          ? [414, uriTooLong()]
          : [
              400,
              new AppError(400, 'bad_request', { errors: [{ pointer: '', message: BAD_REQUEST_MESSAGE }] }),
            ];
  const body = JSON.stringify(toProblem(appError, 'ja'));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        'Content-Language: ja\r\nCache-Control: no-store\r\nConnection: close\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
const BAD_REQUEST_MESSAGE = { ja: 'リクエストを読み取れません', en: 'The request could not be read' };
