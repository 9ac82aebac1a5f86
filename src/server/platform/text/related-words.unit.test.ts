import { describe, expect, it } from 'vitest';
import { RELATED_WORD_GROUPS, relatedTerms } from './related-words.ts';
import { foldForSearch } from './search.ts';

describe('related words of the support domain', () => {
  it('expands a word of the table to its group, the word itself first', () => {
    expect(relatedTerms(foldForSearch('農業'))).toEqual([
      '農業',
      '農園',
      '畑',
      '農作業',
      '農家',
      '野菜づくり',
    ]);
    expect(relatedTerms(foldForSearch('フリースペース'))[0]).toBe('ふりーすぺーす');
    expect(relatedTerms(foldForSearch('フリースペース'))).toContain('居場所');
    expect(relatedTerms(foldForSearch('話を聞いて'))).toContain('相談');
    expect(relatedTerms(foldForSearch('家族の会'))).toEqual(['家族の会', '家族会']);
  });

  it('leaves other tokens alone, including ones that only contain a word of the table', () => {
    expect(relatedTerms('こもれび')).toEqual(['こもれび']);
    expect(relatedTerms(foldForSearch('農業体験'))).toEqual(['農業体験']);
  });

  it('is symmetric: every word of a group finds every other', () => {
    for (const group of RELATED_WORD_GROUPS) {
      const folded = group.map(foldForSearch);
      for (const word of folded) expect(new Set(relatedTerms(word))).toEqual(new Set(folded));
    }
  });

  it('has a few dozen entries, no word in two groups, none a spelling variant the index already folds', () => {
    const words = RELATED_WORD_GROUPS.flat().map(foldForSearch);
    expect(words.length).toBeGreaterThanOrEqual(24);
    expect(new Set(words).size).toBe(words.length);
    for (const group of RELATED_WORD_GROUPS) expect(group.length).toBeGreaterThanOrEqual(2);
  });
});

describe('request phrases', () => {
  it.each([
    '話を聞いてほしい',
    '誰かに話を聞いてほしい',
    'はなしをきいてほしい',
    '話を聞いて欲しい',
    'だれかと話したい',
    '相談したい',
    '悩みを聞いてほしい',
  ])('%s stands for 相談 and its related words', (phrase) => {
    const terms = relatedTerms(foldForSearch(phrase));
    expect(terms[0]).toBe(foldForSearch(phrase));
    expect(terms).toContain('相談');
    expect(terms).toContain('悩み');
  });

  it('a longer text that only contains a phrase is not a request (the token must be the phrase)', () => {
    expect(relatedTerms(foldForSearch('話を聞いてほしい会の記録'))).toEqual([
      foldForSearch('話を聞いてほしい会の記録'),
    ]);
  });
});
