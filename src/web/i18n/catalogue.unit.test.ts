import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { ja } from './ja.ts';

/**
 * Every literal key the web app passes to `t()` (or i18nKey / labelKey) must exist in the Japanese
 * catalogue, and so in English (the Catalogue type enforces that). A missing key would otherwise show
 * its own name on the page.
 */
const WEB = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

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

function usedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  const patterns = [
    /\bt\(\s*'([a-zA-Z0-9_.]+)'/g,
    /i18nKey="([a-zA-Z0-9_.]+)"/g,
    /labelKey: '([a-zA-Z0-9_.]+)'/g,
  ];
  for (const file of sources(WEB)) {
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
});
