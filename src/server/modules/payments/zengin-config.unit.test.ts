import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.ts';

/** The paying account of transfer files comes from ZENGIN_* settings; demo defaults only outside production. */
const base = {
  DATA_KEY: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  DATA_DIR: '/nonexistent-zengin-test',
};
const production = {
  ...base,
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://tsunagari.example.jp',
  AUDIT_SIGNING_KEY: Buffer.alloc(32, 2).toString('base64'),
  AUDIT_HEAD_DIR: '/nonexistent-zengin-test-heads',
};
const account = {
  ZENGIN_CONSIGNOR_CODE: '1234567890',
  ZENGIN_CONSIGNOR_NAME: 'ｺｳﾌｼ',
  ZENGIN_BANK_CODE: '0001',
  ZENGIN_BRANCH_CODE: '001',
  ZENGIN_ACCOUNT_TYPE: '1',
  ZENGIN_ACCOUNT_NUMBER: '7654321',
};

describe('ZENGIN_* configuration', () => {
  it('uses a fictional demo account outside production and none in production', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).zengin?.consignorCode).toBe('0000000001');
    expect(loadConfig(production).zengin).toBeUndefined();
  });

  it('takes the configured account and separator', () => {
    const config = loadConfig({ ...production, ...account, ZENGIN_RECORD_SEPARATOR: 'none' });
    expect(config.zengin).toMatchObject({
      consignorCode: '1234567890',
      accountNumber: '7654321',
      recordSeparator: 'none',
    });
  });

  it('refuses a partial or malformed account', () => {
    expect(() => loadConfig({ ...production, ZENGIN_CONSIGNOR_CODE: '1234567890' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, ...account, ZENGIN_ACCOUNT_NUMBER: '12' })).toThrow(
      /ZENGIN_ACCOUNT_NUMBER/u,
    );
    expect(() => loadConfig({ ...production, ...account, ZENGIN_RECORD_SEPARATOR: 'lf' })).toThrow(
      ConfigError,
    );
  });
});
