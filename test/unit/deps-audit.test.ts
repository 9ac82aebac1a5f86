import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type AdvisorySnapshot,
  findVulnerable,
  inRange,
  type NpmTree,
} from '../../scripts/deps-audit/check.ts';

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/deps-audit/${name}`, 'utf8'));

describe('offline dependency audit', () => {
  it('matches npm advisory ranges', () => {
    expect(inRange('5.2.0', '>=5.0.0 <5.3.2')).toBe(true);
    expect(inRange('5.3.2', '>=5.0.0 <5.3.2')).toBe(false);
    expect(inRange('1.0.0', '<0.5.0 || >=1.0.0 <1.0.1')).toBe(true);
    expect(inRange('1.0.0-beta.1', '<1.0.0')).toBe(true);
    expect(inRange('9.9.9', '*')).toBe(true);
    expect(() => inRange('1.0.0', '^1.0.0')).toThrow(/unsupported advisory range/);
  });

  it('names a vulnerable version in the tree and passes a fixed one', () => {
    const tree = fixture('tree.json') as NpmTree;
    const snapshot = fixture('advisories.json') as AdvisorySnapshot;
    expect(findVulnerable(tree, snapshot)).toEqual([
      expect.objectContaining({ name: 'fastify', version: '5.2.0', path: 'fastify' }),
    ]);
    const fixed = { dependencies: { fastify: { version: '5.3.2' } } };
    expect(findVulnerable(fixed, snapshot)).toEqual([]);
  });

  it('the CLI fails loudly (exit 1) on a vulnerable fixture tree', () => {
    const cli = (snapshot: string) =>
      spawnSync(
        process.execPath,
        ['scripts/deps-audit.ts', '--tree', 'test/fixtures/deps-audit/tree.json', '--snapshot', snapshot],
        { encoding: 'utf8' },
      );
    const failed = cli('test/fixtures/deps-audit/advisories.json');
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('VULNERABLE fastify@5.2.0 (fastify): high');
    expect(cli('security/advisories.json').status).toBe(0);
  });
});
