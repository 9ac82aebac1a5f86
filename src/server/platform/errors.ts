/**
 * One error type for the whole server, rendered as RFC 9457 problem+json in the caller's language.
 * Messages live in one catalogue so that every code has Japanese and English text.
 */
export type Lang = 'ja' | 'en';

/** A problem code's title and optional detail, in both languages. */
export type Message = { title: { ja: string; en: string }; detail?: { ja: string; en: string } };

export const ERROR_CATALOGUE = {
  validation_failed: {
    title: { ja: '入力内容に誤りがあります', en: 'The request has invalid fields' },
    detail: { ja: '各項目のメッセージを確認してください。', en: 'See the message for each field.' },
  },
  malformed_json: {
    title: { ja: '送信されたデータを読み取れません', en: 'The request body could not be read' },
    detail: { ja: 'JSON の形式が正しくありません。', en: 'The body is not valid JSON.' },
  },
  body_too_large: {
    title: { ja: '送信されたデータが大きすぎます', en: 'The request body is too large' },
    detail: {
      ja: '1 MiB 以下にしてください（ファイルは 10 MiB まで）。',
      en: 'The limit is 1 MiB (10 MiB for files).',
    },
  },
  unsupported_media_type: {
    title: { ja: 'この形式のデータは受け付けていません', en: 'Unsupported media type' },
    detail: { ja: 'Content-Type を確認してください。', en: 'Check the Content-Type header.' },
  },
  uri_too_long: {
    title: { ja: 'URL が長すぎます', en: 'The URL is too long' },
    detail: {
      ja: '検索語などを短くしてください。',
      en: 'Shorten the search words or other parts of the URL.',
    },
  },
  headers_too_large: {
    title: { ja: '送信されたヘッダーが大きすぎます', en: 'The request headers are too large' },
    detail: {
      ja: 'URL や Cookie を短くしてから、もう一度お試しください。',
      en: 'Shorten the URL or clear cookies and try again.',
    },
  },
  bad_request: {
    title: { ja: 'リクエストを読み取れません', en: 'The request could not be read' },
  },
  request_timeout: {
    title: { ja: '時間内に送信が終わりませんでした', en: 'The request took too long to arrive' },
  },
  bad_url: {
    title: { ja: 'URL が正しくありません', en: 'Malformed URL' },
  },
  invalid_encoding: {
    title: { ja: '文字コードが正しくありません', en: 'Invalid character encoding' },
    detail: { ja: 'UTF-8 で送信してください。', en: 'Send the text as UTF-8.' },
  },
  not_found: {
    title: { ja: '見つかりません', en: 'Not found' },
    detail: {
      ja: 'お探しのページまたはデータは見つかりませんでした。',
      en: 'The page or record was not found.',
    },
  },
  method_not_allowed: {
    title: { ja: 'この操作はできません', en: 'Method not allowed' },
  },
  unauthenticated: {
    title: { ja: 'ログインが必要です', en: 'Login required' },
    detail: { ja: 'もう一度ログインしてください。', en: 'Please log in again.' },
  },
  forbidden: {
    title: { ja: 'この操作を行う権限がありません', en: 'You do not have permission for this action' },
  },
  csrf_invalid: {
    title: { ja: '画面の有効期限が切れました', en: 'The form has expired' },
    detail: {
      ja: 'ページを再読み込みしてから、もう一度お試しください。',
      en: 'Reload the page and try again.',
    },
  },
  rate_limited: {
    title: { ja: '短時間に多くの操作がありました', en: 'Too many requests' },
    detail: { ja: 'しばらく待ってから、もう一度お試しください。', en: 'Please wait a moment and try again.' },
  },
  conflict: {
    title: { ja: '他の操作と重なりました', en: 'Conflict with another change' },
    detail: {
      ja: '最新の内容を確認してから、もう一度保存してください。',
      en: 'Review the latest version and save again.',
    },
  },
  idempotency_mismatch: {
    title: {
      ja: '同じ受付キーで異なる内容が送信されました',
      en: 'Idempotency key reused with a different body',
    },
  },
  service_unavailable: {
    title: { ja: 'ただいま混み合っています', en: 'Service temporarily unavailable' },
    detail: { ja: 'しばらく待ってから、もう一度お試しください。', en: 'Please try again shortly.' },
  },
  internal: {
    title: { ja: 'システムで問題が発生しました', en: 'Something went wrong on our side' },
    detail: {
      ja: '入力内容は保存されていません。時間をおいて、もう一度お試しください。',
      en: 'Nothing was saved. Please try again later.',
    },
  },
  invalid_municipality_code: {
    title: { ja: '市区町村コードが正しくありません', en: 'Invalid municipality code' },
    detail: {
      ja: '6 桁の全国地方公共団体コード（検査数字を含む）を指定してください。',
      en: 'Give the 6-digit local government code including its check digit.',
    },
  },
} satisfies Record<string, Message>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE | (string & {});

export type FieldError = { pointer: string; message: string };

/** Per-field messages may be given in both languages; the presenter picks one. */
export type LocalisedFieldError = { pointer: string; message: string | { ja: string; en: string } };

export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  readonly code: ErrorCode;
  readonly errors: LocalisedFieldError[];
  readonly detailOverride: { ja: string; en: string } | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: ErrorCode,
    options: {
      errors?: LocalisedFieldError[];
      detail?: { ja: string; en: string };
      extra?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(String(code), { cause: options.cause });
    this.status = status;
    this.code = code;
    this.errors = options.errors ?? [];
    this.detailOverride = options.detail;
    this.extra = options.extra;
  }
}

export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
export const unauthenticated = () => new AppError(401, 'unauthenticated');
export const conflict = (extra?: Record<string, unknown>, detail?: { ja: string; en: string }) =>
  new AppError(409, 'conflict', { extra, detail });
export const fieldError = (pointer: string, ja: string, en: string, code: ErrorCode = 'validation_failed') =>
  new AppError(400, code, { errors: [{ pointer, message: { ja, en } }] });

/**
 * Codes beyond the catalogue above, so every code still has both languages: a module names its
 * `<m>.errors.ts` table in its manifest (`errorMessages`) and `installModules()` adds it here.
 */
const moduleCatalogue = new Map<string, Message>();
export function registerErrorMessages(messages: Readonly<Record<string, Message>>): void {
  for (const [code, message] of Object.entries(messages)) moduleCatalogue.set(code, message);
}

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors: FieldError[];
  requestId?: string;
  [key: string]: unknown;
};

export function toProblem(error: AppError, lang: Lang, requestId?: string): Problem {
  const entry: Message | undefined =
    (ERROR_CATALOGUE as Record<string, Message>)[error.code] ?? moduleCatalogue.get(error.code);
  const title = entry?.title[lang] ?? (lang === 'ja' ? 'エラーが発生しました' : 'An error occurred');
  const detail = error.detailOverride?.[lang] ?? entry?.detail?.[lang];
  return {
    type: `https://tsunagari.example/problems/${error.code}`,
    title,
    status: error.status,
    ...(detail ? { detail } : {}),
    code: String(error.code),
    errors: error.errors.map((e) => ({
      pointer: e.pointer,
      message: typeof e.message === 'string' ? e.message : e.message[lang],
    })),
    ...(requestId ? { requestId } : {}),
    ...(error.extra ?? {}),
  };
}

/** `Accept-Language` → ja | en; Japanese unless English is preferred over it. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'ja';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('ja')) return 'ja';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ja';
}
