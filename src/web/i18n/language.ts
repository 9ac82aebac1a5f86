/**
 * The one place that turns a UI language into the language of a text: easy Japanese (`easy-ja`) is
 * Japanese wherever a page has no easy-Japanese text of its own — a `{ ja, en }` pair from the server,
 * a date format, the Accept-Language asked of the server. Pages and shared pieces call these instead
 * of testing `language === 'en'` themselves (issue 20 item 7). Imports nothing, so `ui/` and `api/`
 * may use it without pulling in the feature catalogues `i18n/index.ts` assembles.
 */
export type TextLanguage = 'ja' | 'en';

export function textLanguageOf(language: string): TextLanguage {
  return language === 'en' ? 'en' : 'ja';
}

/** The member of a `{ ja, en }` pair (a server's label, a romaji name beside a kanji one) to show. */
export function inLanguage<T>(pair: { readonly ja: T; readonly en: T }, language: string): T {
  return pair[textLanguageOf(language)];
}

/** What the JSON client asks the server for: an English reader still takes Japanese over nothing. */
export function acceptLanguageOf(language: string): string {
  return inLanguage({ ja: 'ja', en: 'en, ja;q=0.5' }, language);
}
