import { describe, expect, it } from 'vitest';
import { easyJa } from './easy-ja.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';

/**
 * Issue 21 item 10: English texts use ASCII punctuation (no full-width colon), and what the public
 * reads says things in plain words — no format names such as HSDS, .ics or iCalendar (the staff
 * console, under `console`, may name formats for the people who handle them).
 */
function strings(node: unknown, path: string[] = []): { key: string; text: string }[] {
  if (typeof node === 'string') return [{ key: path.join('.'), text: node }];
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

const isConsole = (key: string) => key.split('.').includes('console') || key.startsWith('admin.');

describe('plain words on public pages', () => {
  it('English texts have no full-width colon', () => {
    expect(strings(en).filter((s) => s.text.includes('：'))).toEqual([]);
  });

  it('public texts in every catalogue name no file format (HSDS, .ics, iCalendar)', () => {
    const jargon = /HSDS|\.ics\b|iCalendar/;
    const found = [ja, en, easyJa]
      .flatMap((catalogue) => strings(catalogue))
      .filter((s) => !isConsole(s.key) && jargon.test(s.text));
    expect(found).toEqual([]);
  });
});
