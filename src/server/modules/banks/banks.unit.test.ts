import { describe, expect, it } from 'vitest';
import { findBank, findBranch, foldBankText, searchBanks, searchBranches } from './banks.service.ts';

describe('bank reference (zengin-code)', () => {
  it('folds kana, small kana and long marks to one form', () => {
    expect(foldBankText('ミツビシユ－エフジエイ')).toBe(foldBankText('みつびしゆーえふじえい'));
    expect(foldBankText('ﾄｳｷｮｳ')).toBe(foldBankText('とうきよう'));
  });

  it('finds a bank by kanji, hiragana, half-width katakana or code', () => {
    expect(searchBanks('みずほ').items[0]?.code).toBe('0001');
    expect(searchBanks('ﾐｽﾞﾎ').items[0]?.code).toBe('0001');
    expect(searchBanks('0005').items[0]?.name).toBe('三菱ＵＦＪ');
    expect(searchBanks('山梨中央').items.map((b) => b.code)).toContain('0142');
    expect(searchBanks('ゆうちょ').items.map((b) => b.code)).toContain('9900');
  });

  it('finds a branch by name or reading, and both codes by findBranch', () => {
    const found = searchBranches('0001', 'とうきょう')!;
    expect(found.items.map((b) => b.code)).toContain('001');
    expect(searchBranches('9999', '')).toBeNull();
    expect(findBranch('0001', '001')).toMatchObject({ bankName: 'みずほ', name: '東京営業部' });
    expect(findBranch('0001', '999')).toBeNull();
    expect(findBank('0142')?.name).toBe('山梨中央');
  });
});
