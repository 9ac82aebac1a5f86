import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.ts';

describe('normalizeText 異体字 folding', () => {
  it.each([
    ['檮原町', '梼原町'],
    ['須惠町', '須恵町'],
    ['髙橋', '高橋'],
    ['ＡＢＣ　居場所', 'abc 居場所'],
  ])('%s → %s', (input, folded) => {
    expect(normalizeText(input)).toBe(folded);
    expect(normalizeText(folded)).toBe(folded);
  });
});
