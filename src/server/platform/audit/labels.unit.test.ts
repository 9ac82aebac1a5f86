import { describe, expect, it } from 'vitest';
import { auditActionLabel } from './labels.ts';

describe('audit actions in words (issue 22)', () => {
  it('names what was acted on and what was done, in Japanese and English', () => {
    expect(auditActionLabel('support.person.read')).toEqual({
      ja: '本人の記録：閲覧',
      en: 'Person record: viewed',
    });
    expect(auditActionLabel('support.person-list.export')).toEqual({
      ja: '担当ケースの一覧：出力',
      en: 'Case list: exported',
    });
    expect(auditActionLabel('payments.batch.csv').ja).toBe('支払バッチ：CSV 出力');
    expect(auditActionLabel('draft.restore').ja).toBe('下書き：下書きの復元');
    // Opening a print view (帳票) of a record is a read of it, named as such.
    expect(auditActionLabel('support.case-file-print.read').ja).toBe('記録の概要（帳票）：閲覧');
    expect(auditActionLabel('support.notes-print.read')).toEqual({
      ja: '経過記録（帳票）：閲覧',
      en: 'Progress notes (print view): viewed',
    });
  });

  it('shows an action it cannot put in words as its code, never hides it', () => {
    expect(auditActionLabel('something.unheard.of')).toEqual({
      ja: 'something.unheard.of',
      en: 'something.unheard.of',
    });
    expect(auditActionLabel('read')).toEqual({ ja: 'read', en: 'read' });
  });

  it('puts in words every action the server writes today', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts') && !name.includes('.test.')) files.push(path);
      }
    };
    walk('src/server');
    const actions = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/action: '([a-z0-9_.-]+\.[a-z0-9_.-]+)'/g)) actions.add(m[1]!);
    }
    expect(actions.size).toBeGreaterThan(50);
    const unlabelled = [...actions].filter((a) => auditActionLabel(a).ja === a);
    expect(unlabelled).toEqual([]);
  });
});
