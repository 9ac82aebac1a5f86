import { describe, expect, it } from 'vitest';
import { mentionsLeavingWork } from './job-leaver-words.ts';

describe('words that lead a job leaver to the navigator', () => {
  it.each([
    '離職',
    '仕事をやめた',
    '失業',
    'ハローワーク',
    'ﾊﾛｰﾜｰｸ',
    'はろーわーく',
    'サポステ',
    '生活困窮',
    '会社を辞めた',
    '雇用保険',
  ])('%s', (q) => expect(mentionsLeavingWork(q)).toBe(true));
  it.each(['居場所', 'いばしょ', '甲府', '', undefined])('not %s', (q) =>
    expect(mentionsLeavingWork(q)).toBe(false),
  );
});
