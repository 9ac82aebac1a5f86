import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../shared/permissions.ts';
import { easyJa } from './easy-ja.ts';
import { en as enCore } from './en.ts';
import { registeredTexts } from './index.ts';
import { ja as jaCore } from './ja.ts';
import { SECTION_MODULES } from './sections.ts';

/**
 * Every literal key the web app passes to `t()` (or i18nKey / labelKey) must exist in the Japanese
 * catalogue, and so in English (the Catalogue type enforces that). A missing key would otherwise show
 * its own name on the page.
 */
const WEB = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

type Tree = { [key: string]: string | Tree };

function merge(target: Tree, source: object): Tree {
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === 'string') target[key] = value;
    else target[key] = merge(typeof target[key] === 'object' ? (target[key] as Tree) : {}, value);
  }
  return target;
}

/** Core catalogues plus every feature's registered texts: what the app has once all is loaded. */
let ja: Tree;
let en: Tree;
let easy: Tree;
/** The lazily loaded sections' keys (dot paths), Japanese. */
let sectionKeys: string[];

function keyPaths(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  return Object.entries(node as object).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

beforeAll(async () => {
  for (const module of new Set(Object.values(SECTION_MODULES))) await import(path.join(WEB, module));
  ja = merge({}, jaCore);
  en = merge({}, enCore);
  easy = merge({}, easyJa);
  sectionKeys = [];
  for (const texts of registeredTexts()) {
    merge(ja, texts.ja);
    merge(en, texts.en);
    if (texts['easy-ja']) merge(easy, texts['easy-ja']);
    sectionKeys.push(...keyPaths(texts.ja));
  }
});

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [full] : [];
  });
}

function lookup(catalogue: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
}

/**
 * Staff-only screens: やさしい日本語 covers the public pages (ARCHITECTURE "Web"). The prefecture's
 * tools (returns import, entering for a town, its centre) are parts of the returns console.
 */
const STAFF_FILES =
  /(^|\/)console\/|^features\/(admin|security|console|payments|training|agencies)\/|^features\/auth\/VerifyPage|^features\/insights\/(ReturnsPages|NationalPage|PrefectureTools)/;

function usedKeys(filter: (file: string) => boolean = () => true): Map<string, string> {
  const keys = new Map<string, string>();
  const patterns = [
    /\bt\(\s*'([a-zA-Z0-9_.]+)'/g,
    /i18nKey="([a-zA-Z0-9_.]+)"/g,
    /labelKey: '([a-zA-Z0-9_.]+)'/g,
  ];
  for (const file of sources(WEB)) {
    if (!filter(path.relative(WEB, file))) continue;
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) keys.set(match[1]!, path.relative(WEB, file));
    }
  }
  return keys;
}

describe('i18n catalogues', () => {
  it('have every key the web app uses, as a string, in Japanese and English', () => {
    const missing: string[] = [];
    for (const [key, file] of usedKeys()) {
      for (const [name, catalogue] of [
        ['ja', ja],
        ['en', en],
      ] as const) {
        const value = lookup(catalogue, key) ?? lookup(catalogue, `${key}_other`);
        if (typeof value !== 'string') missing.push(`${name}: ${key} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('register every section named in sections.ts, and nothing outside it', () => {
    const sections = new Set(sectionKeys.map((key) => key.split('.')[0]!));
    expect([...sections].sort()).toEqual(Object.keys(SECTION_MODULES).sort());
    // The core keeps only what the shell and the home page show, so the first load stays small.
    for (const key of keyPaths(jaCore)) expect(sectionKeys, key).not.toContain(key);
  });

  it('a file that names a key of a lazily loaded section imports the module that registers it', () => {
    // A literal counts when it is a key, a key's prefix ending in '.', or a key with a plural suffix;
    // permission names ('places.import') look alike and are not texts.
    const isSectionKey = (literal: string) =>
      sectionKeys.some(
        (key) =>
          key === literal ||
          key.startsWith(`${literal}.`) ||
          key.startsWith(`${literal}_`) ||
          (literal.endsWith('.') && key.startsWith(literal)),
      );
    const pattern = new RegExp(`['"\`]((?:${Object.keys(SECTION_MODULES).join('|')})\\.[a-zA-Z0-9_.]*)`, 'g');
    const missing: string[] = [];
    for (const file of sources(WEB)) {
      // Text modules hold texts, not look-ups (a kind name such as 'payments.batches-waiting' is data).
      if (file.endsWith(`${path.sep}i18n.ts`)) continue;
      const text = readFileSync(file, 'utf8');
      const needed = new Set<string>();
      for (const match of text.matchAll(pattern)) {
        const literal = match[1]!;
        if (literal in PERMISSIONS || !isSectionKey(literal)) continue;
        const owner = SECTION_MODULES[literal.split('.')[0]!]!;
        if (path.join(WEB, owner) !== file) needed.add(owner);
      }
      for (const owner of needed) {
        let relative = path.relative(path.dirname(file), path.join(WEB, owner));
        if (!relative.startsWith('.')) relative = `./${relative}`;
        if (!text.includes(`'${relative}'`)) missing.push(`${path.relative(WEB, file)} needs ${relative}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('have やさしい日本語 (and English) for every text a public page shows', () => {
    const publicKeys = usedKeys(
      (file) => !STAFF_FILES.test(file) && !file.startsWith('i18n/') && !file.endsWith('/i18n.ts'),
    );
    expect(publicKeys.size).toBeGreaterThan(300);
    const missing: string[] = [];
    for (const [key, file] of publicKeys) {
      if (typeof (lookup(ja, key) ?? lookup(ja, `${key}_other`)) !== 'string') continue; // first test
      for (const [name, catalogue] of [
        ['easy-ja', easy],
        ['en', en],
      ] as const) {
        if (typeof (lookup(catalogue, key) ?? lookup(catalogue, `${key}_other`)) !== 'string')
          missing.push(`${name}: ${key} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
