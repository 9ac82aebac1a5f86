import { describe, expect, it } from 'vitest';
import { withHonorific } from './honorific.ts';

describe('addressing a person by the name they gave (issue 22)', () => {
  it('adds さん to a bare name', () => {
    expect(withHonorific('そら')).toBe('そらさん');
    expect(withHonorific('山田 太郎')).toBe('山田 太郎さん');
  });
  it('never doubles an honorific already given', () => {
    for (const name of ['そらさん', 'はるさん', '山田様', 'かいくん', 'みーちゃん', 'ソラサン'])
      expect(withHonorific(name)).toBe(name);
  });
  it('looks past a note in brackets at the end', () => {
    expect(withHonorific('はるさん（デモ）')).toBe('はるさん（デモ）');
    expect(withHonorific('そら（仮）')).toBe('そらさん（仮）');
    expect(withHonorific('山田さんの息子さん（デモ・家族のみ）')).toBe(
      '山田さんの息子さん（デモ・家族のみ）',
    );
  });
  it('keeps an empty name empty', () => {
    expect(withHonorific('  ')).toBe('');
  });
});

describe('addressedName', () => {
  it('adds さん in Japanese only', async () => {
    const { addressedName } = await import('./honorific.ts');
    expect(addressedName('そら', 'ja')).toBe('そらさん');
    expect(addressedName('そら', 'en')).toBe('そら');
  });
});
