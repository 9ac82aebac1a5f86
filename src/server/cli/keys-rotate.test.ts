import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliDatabase, createCliDatabase, runCli } from './cli-harness.ts';

const OLD = `k1:${Buffer.alloc(32, 1).toString('base64')}`;
const NEW = `k2:${Buffer.alloc(32, 2).toString('base64')}`;
let target: CliDatabase;

beforeAll(async () => {
  target = await createCliDatabase(OLD);
});

afterAll(async () => {
  await target?.cleanup();
});

describe('npm run keys:rotate', () => {
  it('loads the modules, names the keys (never their material) and exits 0 when nothing is left to rotate', async () => {
    const result = await runCli('keys-rotate', [], { ...target.env, DATA_KEY: `${NEW},${OLD}` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Active key: k2; older keys accepted for reading: k1');
    expect(result.stdout).not.toContain(Buffer.alloc(32, 2).toString('base64'));
  });

  it('refuses a bad batch size', async () => {
    const result = await runCli('keys-rotate', ['--batch-size', '0'], target.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--batch-size');
  });
});
