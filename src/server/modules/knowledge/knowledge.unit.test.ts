import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORE_CITY_COUNT, DESIGNATED_CITY_COUNT, municipalityType } from './knowledge.municipality-types.ts';
import { authorize, type PolicyActor, type PolicyCase } from './knowledge.policy.ts';
import { checkText } from './knowledge.privacy.ts';
import { rankSimilar, similarity, type Town } from './knowledge.similarity.ts';

describe('personal-data check on submit', () => {
  it('fires on a phone number, however it is written', () => {
    for (const text of [
      '連絡は 090-1234-5678 まで',
      '電話０５５－２２２－３３３３',
      '本人の携帯（08012345678）',
    ]) {
      expect(checkText('/x', text).map((w) => w.kind)).toContain('phone');
    }
  });
  it('fires on a full name (surname + given name) and on a kanji name with さん', () => {
    expect(checkText('/x', '山田太郎が参加した').map((w) => w.kind)).toContain('full_name');
    expect(checkText('/x', '佐藤 花子（仮名ではない）').map((w) => w.kind)).toContain('full_name');
    expect(checkText('/x', '支援員は、望月さんと一緒に家を訪ねた').map((w) => w.kind)).toContain('full_name');
    expect(checkText('/x', 'ケンタさんが来た').map((w) => w.kind)).toContain('full_name');
  });
  it('fires on street addresses and e-mail addresses', () => {
    expect(checkText('/x', '甲斐市篠原1234-5 に住む方').map((w) => w.kind)).toContain('address');
    expect(checkText('/x', '中央1丁目2番3号').map((w) => w.kind)).toContain('address');
    expect(checkText('/x', 'a.person@example.jp').map((w) => w.kind)).toContain('email');
  });
  it('stays quiet on what a model case says (places, roles, amounts, dates)', () => {
    const calm = [
      '駅から歩ける夕方の居場所を週2回ひらきました。職員さんとピアサポーターが常駐しています。',
      '予算は 1,200,000 円（国庫補助）。2025年10月から実施。皆さんの声を聞きました。',
      '山田地区の公民館で、家族会の世話人 4名が運営しています。',
      '相談件数は 150 件、うち 12 人が講座につながった。',
    ];
    for (const text of calm) expect(checkText('/x', text)).toEqual([]);
  });
  it('never throws and names only the field it was given (any text)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const found = checkText('/content/summary', text);
        expect(found.every((w) => w.pointer === '/content/summary')).toBe(true);
      }),
    );
  });
});

describe('municipality type from code and name', () => {
  it('knows the 20 designated and 62 core cities of the committed list', () => {
    expect(DESIGNATED_CITY_COUNT).toBe(20);
    expect(CORE_CITY_COUNT).toBe(62);
  });
  it('derives each type', () => {
    expect(municipalityType('192015', '甲府市')).toBe('core_city');
    expect(municipalityType('192104', '甲斐市')).toBe('city');
    expect(municipalityType('011002', '札幌市')).toBe('designated_city');
    expect(municipalityType('131016', '千代田区')).toBe('special_ward');
    expect(municipalityType('194000', '富士川町')).toBe('town');
    expect(municipalityType('435139', '五木村')).toBe('village');
    // Same name, other prefecture: 府中市 (東京都) is an ordinary city.
    expect(municipalityType('132063', '府中市')).toBe('city');
  });
});

describe('towns like mine', () => {
  const kai: Town = {
    code: '192104',
    prefectureCode: '19',
    municipalityType: 'city',
    populationBand: '30k_100k',
    areaClass: 'mixed',
  };
  const town = (over: Partial<Town>): Town => ({ ...kai, code: '999999', prefectureCode: '01', ...over });
  it('puts the town itself first, then same type and size, then neighbours, then the rest', () => {
    const ordered = [
      town({ municipalityType: 'designated_city', populationBand: 'over_1m', areaClass: 'urban' }),
      town({ municipalityType: 'village', populationBand: 'under_10k', areaClass: 'rural' }),
      town({ municipalityType: 'city', populationBand: '30k_100k' }),
      { ...kai },
      town({ municipalityType: 'core_city', populationBand: '100k_300k' }),
    ]
      .map((t) => ({ t, s: similarity(kai, t).score }))
      .sort((a, b) => b.s - a.s)
      .map(({ t }) => `${t.code}:${t.municipalityType}`);
    expect(ordered).toEqual([
      '192104:city',
      '999999:city',
      '999999:core_city',
      '999999:village',
      '999999:designated_city',
    ]);
  });

  it('puts cases of towns that built what this town lacks right after its own, saying what they built', () => {
    const about = (t: Town, themes: string[]) => ({ ...t, themes });
    const likeKai = about(town({ code: '100001', prefectureCode: '19' }), ['ibasho']);
    const farButBuilt = about(
      town({ code: '200002', municipalityType: 'village', populationBand: 'under_10k' }),
      ['ibasho'],
    );
    const alsoFar = about(
      town({ code: '300003', municipalityType: 'village', populationBand: 'under_10k' }),
      [],
    );
    // Built two things, but this case is about neither: after the case about a built 居場所.
    const builtTwo = about(
      town({ code: '400004', municipalityType: 'designated_city', populationBand: 'over_1m' }),
      ['relearning'],
    );
    const ranked = rankSimilar(
      kai,
      [likeKai, farButBuilt, alsoFar, builtTwo, about({ ...kai }, [])],
      new Map([
        ['200002', ['居場所']],
        ['400004', ['居場所', '家族学習会']],
        // The town itself is never "a town that built it", even if the map says so.
        ['192104', ['居場所']],
      ]),
    );
    expect(ranked.map((r) => [r.row.code, r.builtWhatYouLack])).toEqual([
      ['192104', []],
      ['200002', ['居場所']],
      ['400004', ['居場所', '家族学習会']],
      ['100001', []],
      ['300003', []],
    ]);
  });

  it('keeps the similarity order when the national layer knows of no such town', () => {
    const rows = [
      town({ code: '500005', municipalityType: 'village' }),
      town({ code: '600006' }),
      { ...kai },
    ].map((t) => ({ ...t, themes: ['ibasho'] }));
    expect(rankSimilar(kai, rows, new Map()).map((r) => r.row.code)).toEqual(['192104', '600006', '500005']);
  });
});

describe('case policy', () => {
  const kaiAdmin: PolicyActor = { accountId: 'a', roles: ['municipal_admin'], tenant: '192104' };
  const kofuAdmin: PolicyActor = { accountId: 'b', roles: ['municipal_admin'], tenant: '192015' };
  const pref: PolicyActor = { accountId: 'p', roles: ['prefecture'], tenant: '190004' };
  const nation: PolicyActor = { accountId: 'n', roles: ['national'], tenant: null };
  const record = (state: PolicyCase['state']): PolicyCase => ({
    authorCode: '192104',
    reviewerCode: '190004',
    state,
    updatedBy: 'a',
  });
  it('hides drafts and returned cases from other towns, the prefecture (drafts) and national (until accepted)', () => {
    expect(authorize(kofuAdmin, 'read', record('draft'))).toEqual({ allowed: false, reason: 'not_found' });
    expect(authorize(kofuAdmin, 'read', record('returned'))).toEqual({ allowed: false, reason: 'not_found' });
    expect(authorize(pref, 'read', record('draft'))).toEqual({ allowed: false, reason: 'not_found' });
    expect(authorize(nation, 'read', record('submitted'))).toEqual({ allowed: false, reason: 'not_found' });
    expect(authorize(kofuAdmin, 'read', record('published'))).toEqual({ allowed: true });
  });
  it('follows the workflow: author edits draft/returned, prefecture reviews submitted, national publishes accepted', () => {
    expect(authorize(kaiAdmin, 'submit', record('returned')).allowed).toBe(true);
    expect(authorize(kaiAdmin, 'edit', record('submitted'))).toEqual({ allowed: false, reason: 'state' });
    expect(authorize(pref, 'review', record('submitted')).allowed).toBe(true);
    expect(authorize(pref, 'review', { ...record('submitted'), updatedBy: 'p' })).toEqual({
      allowed: false,
      reason: 'four_eyes',
    });
    expect(authorize(nation, 'publish', record('accepted')).allowed).toBe(true);
    expect(authorize(nation, 'publish', record('submitted')).allowed).toBe(false);
    expect(authorize(kofuAdmin, 'ask', record('published')).allowed).toBe(true);
    expect(authorize(kofuAdmin, 'answer', record('published'))).toEqual({
      allowed: false,
      reason: 'permission',
    });
    expect(authorize(kaiAdmin, 'answer', record('published')).allowed).toBe(true);
  });
});
