import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldMessage, readFieldMessage } from './field-message.ts';

describe('fieldMessage', () => {
  it('carries a Japanese and English pair through a zod issue', () => {
    const schema = z
      .string()
      .regex(/^\d{7}$/, { message: fieldMessage({ ja: '7 桁の数字', en: '7 digits' }) });
    const result = schema.safeParse('abc');
    expect(result.success).toBe(false);
    expect(readFieldMessage(result.error?.issues[0]?.message ?? '')).toEqual({
      ja: '7 桁の数字',
      en: '7 digits',
    });
  });

  it('keeps " / " and quotes inside either language intact', () => {
    const pair = { ja: '「緯度,経度」 / で', en: 'say "lat,lng" / here' };
    expect(readFieldMessage(fieldMessage(pair))).toEqual(pair);
  });

  it('reads any other message as not ours', () => {
    expect(readFieldMessage('Invalid input')).toBeNull();
    expect(readFieldMessage('日本語 / English')).toBeNull();
    expect(readFieldMessage('\u2063i18n:not json')).toBeNull();
    expect(readFieldMessage('\u2063i18n:[1,2]')).toBeNull();
  });
});
