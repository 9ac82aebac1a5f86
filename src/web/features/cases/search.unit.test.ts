import { describe, expect, it } from 'vitest';
import { validateCasesSearch } from './search.ts';

describe('the /cases search from the URL', () => {
  it('keeps every filter of the page, life stage and urban/rural included', () => {
    expect(
      validateCasesSearch({
        q: 'いばしょ',
        theme: 'ibasho',
        prefecture: '19',
        municipalityType: 'town',
        populationBand: 'under_10k',
        lifeStage: 'age_40_64',
        areaClass: 'rural',
        similarTo: '192104',
      }),
    ).toEqual({
      q: 'いばしょ',
      theme: 'ibasho',
      prefecture: '19',
      municipalityType: 'town',
      populationBand: 'under_10k',
      lifeStage: 'age_40_64',
      areaClass: 'rural',
      similarTo: '192104',
    });
  });

  it('drops malformed values instead of sending them', () => {
    expect(
      validateCasesSearch({ lifeStage: 'AGE 40', areaClass: 'rural1', theme: '<b>', similarTo: '19210x' }),
    ).toEqual({});
  });
});
