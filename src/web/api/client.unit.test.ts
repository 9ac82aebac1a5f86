import { describe, expect, it } from 'vitest';
import { formatWareki, isoDateInTokyo } from '../../shared/text/wareki.ts';
import { ApiError, buildUrl, fieldErrorsByName } from './client.ts';

describe('api client helpers', () => {
  it('builds query strings, leaving out empty values', () => {
    expect(
      buildUrl('/api/public/municipalities', { q: 'こうふ', limit: 20, cursor: null, prefecture: '' }),
    ).toBe('/api/public/municipalities?q=%E3%81%93%E3%81%86%E3%81%B5&limit=20');
    expect(buildUrl('/api/public/prefectures')).toBe('/api/public/prefectures');
  });

  it('maps problem+json field pointers to form fields (first message wins)', () => {
    const error = new ApiError(
      {
        type: 'about:blank',
        title: '入力内容に誤りがあります',
        status: 400,
        errors: [
          { pointer: '/body/email', message: 'メールアドレスの形式が正しくありません' },
          { pointer: '/body/email', message: 'second' },
          { pointer: '/body/roles/0/role', message: '役割が正しくありません' },
        ],
      },
      true,
    );
    expect(fieldErrorsByName(error)).toEqual({
      email: 'メールアドレスの形式が正しくありません',
      roles: '役割が正しくありません',
    });
  });
});

describe('dates', () => {
  it('gives the Tokyo calendar date for <time dateTime>, next to its 和暦 form', () => {
    const lateEvening = new Date('2026-11-26T15:30:00Z'); // 00:30 on the 27th in Tokyo
    expect(isoDateInTokyo(lateEvening)).toBe('2026-11-27');
    expect(formatWareki(lateEvening)).toBe('令和8年11月27日');
  });
});
