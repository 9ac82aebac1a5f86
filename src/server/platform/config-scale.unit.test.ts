import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const base = {
  NODE_ENV: 'test',
  DATA_DIR: '/nonexistent-tsunagari-test',
  DATA_KEY: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
};

describe('WORKERS and READ_DATABASE_URL (issue 23)', () => {
  it('defaults to one process and no replica', () => {
    const config = loadConfig(base);
    expect(config.workers).toBe(1);
    expect(config.readDatabaseUrl).toBeUndefined();
    expect(config.readReplicaMaxLagSeconds).toBe(5);
  });

  it('takes several processes and a replica on PostgreSQL', () => {
    const config = loadConfig({
      ...base,
      DATABASE_URL: 'postgres://a@db/x',
      WORKERS: '4',
      READ_DATABASE_URL: 'postgres://a@replica/x',
      READ_REPLICA_MAX_LAG_SECONDS: '2',
    });
    expect(config).toMatchObject({
      workers: 4,
      readDatabaseUrl: 'postgres://a@replica/x',
      readReplicaMaxLagSeconds: 2,
    });
  });

  it('refuses WORKERS > 1 on PGlite, saying why in Japanese and English', () => {
    const attempt = () => loadConfig({ ...base, WORKERS: '2' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PostgreSQL \(DATABASE_URL\)/);
    expect(attempt).toThrow(/PGlite）は 1 つのプロセスの中でしか動きません/);
  });

  it('refuses a replica without a primary, and nonsense values', () => {
    expect(() => loadConfig({ ...base, READ_DATABASE_URL: 'postgres://a@replica/x' })).toThrow(
      /needs DATABASE_URL/,
    );
    expect(() => loadConfig({ ...base, DATABASE_URL: 'postgres://a@db/x', WORKERS: '0' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ ...base, DATABASE_URL: 'postgres://a@db/x', WORKERS: 'many' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ ...base, READ_DATABASE_URL: 'mysql://x' })).toThrow(
      /READ_DATABASE_URL must start/,
    );
  });
});
