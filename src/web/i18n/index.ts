import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ja } from './ja.ts';
import { textLanguageOf } from './language.ts';

export const UI_LANGUAGES = ['ja', 'en', 'easy-ja'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/**
 * The choice is kept in a cookie (and can be given as `?lang=`), never in localStorage: public pages
 * are used on shared phones, and ARCHITECTURE keeps web storage free of anything a user did.
 */
const COOKIE = 'tsunagari_lang';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/** `<html lang>` and Accept-Language: easy Japanese is Japanese. */
export function htmlLangOf(language: string): 'ja' | 'en' {
  return textLanguageOf(language);
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** URL parameter first (a shared link says which language), then the cookie, then Japanese. */
export function detectLanguage(): UiLanguage {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isUiLanguage(fromUrl)) return fromUrl;
  const fromCookie = readCookie(COOKIE);
  return isUiLanguage(fromCookie) ? fromCookie : 'ja';
}

function persistLanguage(language: UiLanguage): void {
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from browsers still in use (Firefox).
  document.cookie = `${COOKIE}=${language}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure}`;
}

function applyToDocument(language: string): void {
  document.documentElement.lang = htmlLangOf(language);
}

export const i18n = i18next.createInstance();

/** Texts of one or more sections (top-level keys) in each language; やさしい日本語 may be partial. */
export type SectionTexts = { ja: object; en: object; 'easy-ja'?: object };

/**
 * The core catalogues (ja.ts, en.ts, easy-ja.ts) carry only what the public shell and home page
 * show. Every feature keeps its texts in its own `i18n.ts`, which registers them here when it is
 * imported: the texts travel in the feature's lazily loaded chunk and are in place before any of its
 * components render (ADR 0021). A unit test checks that each file using a section's keys imports it.
 */
const registered: SectionTexts[] = [];

export function registerTexts(texts: SectionTexts): void {
  if (registered.includes(texts)) return;
  registered.push(texts);
  if (i18n.isInitialized) addTexts(texts);
}

function addTexts(texts: SectionTexts): void {
  for (const language of UI_LANGUAGES) {
    const bundle = texts[language];
    // deep merge, overwrite: a section is registered whole, once.
    if (bundle) i18n.addResourceBundle(language, 'translation', bundle, true, true);
  }
}

/** Every text registered so far, with the core (for tests and the catalogue checks). */
export function registeredTexts(): readonly SectionTexts[] {
  return registered;
}

/**
 * Japanese is in the entry (it is the fallback of both others); the English and やさしい日本語 core
 * catalogues are fetched only when chosen, so a first visit in Japanese does not carry them (ADR 0021).
 */
const CORE_CATALOGUES: Record<Exclude<UiLanguage, 'ja'>, () => Promise<object>> = {
  en: () => import('./en.ts').then((m) => m.en),
  'easy-ja': () => import('./easy-ja.ts').then((m) => m.easyJa),
};
const coreLoaded = new Set<UiLanguage>(['ja']);

async function loadCore(language: UiLanguage): Promise<void> {
  if (coreLoaded.has(language) || language === 'ja') return;
  const catalogue = await CORE_CATALOGUES[language]();
  // Deep, without overwriting: features registered before this hold other sections only.
  i18n.addResourceBundle(language, 'translation', catalogue, true, false);
  coreLoaded.add(language);
}

export async function initI18n(language: UiLanguage = detectLanguage()): Promise<void> {
  i18n.on('languageChanged', applyToDocument);
  await i18n.use(initReactI18next).init({
    resources: { ja: { translation: ja } },
    lng: language,
    // Feature texts arrive with their code (registerTexts), after start-up.
    partialBundledLanguages: true,
    supportedLngs: [...UI_LANGUAGES],
    // Easy Japanese covers public pages; anything it lacks is shown in standard Japanese.
    fallbackLng: { 'easy-ja': ['ja'], default: ['ja'] },
    load: 'currentOnly',
    // React escapes output itself.
    interpolation: { escapeValue: false },
  });
  await loadCore(language);
  for (const texts of registered) addTexts(texts);
  applyToDocument(language);
  takeLanguageFromUrl(language);
}

/**
 * A `?lang=` link sets the cookie once and is then removed from the address, so that a later
 * switch is not undone by the stale parameter on reload. Runs before the router reads the URL.
 */
function takeLanguageFromUrl(language: UiLanguage): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('lang')) return;
  persistLanguage(language);
  url.searchParams.delete('lang');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

export async function changeLanguage(language: UiLanguage): Promise<void> {
  persistLanguage(language);
  await loadCore(language);
  await i18n.changeLanguage(language);
}

export function currentLanguage(): UiLanguage {
  return isUiLanguage(i18n.language) ? i18n.language : 'ja';
}
