import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Advisory,
  type AdvisorySnapshot,
  findVulnerable,
  inRange,
  type NpmTree,
} from '../../scripts/deps-audit/check.ts';

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/deps-audit/${name}`, 'utf8'));
const committed = JSON.parse(readFileSync('security/advisories.json', 'utf8')) as AdvisorySnapshot;
const entries = Object.entries(committed.advisories).flatMap(([name, list]) =>
  list.map((advisory) => ({ name, advisory: advisory as Advisory & Record<string, unknown> })),
);

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['scripts/deps-audit.ts', ...args], { encoding: 'utf8' });

/**
 * A version inside an advisory range, found from the range itself: each bound it names, and 0.0.0
 * for an open lower end (`<5.7.2`). None found means the range is empty or unreadable.
 */
function versionInside(range: string): string | undefined {
  const bounds = [...range.matchAll(/(?:>=|<=|=)(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/g)].map((m) => m[1]!);
  return [...bounds, '0.0.0'].find((v) => inRange(v, range));
}

const dir = mkdtempSync(path.join(tmpdir(), 'deps-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    const failed = cli([
      '--tree',
      'test/fixtures/deps-audit/tree.json',
      '--snapshot',
      'test/fixtures/deps-audit/advisories.json',
    ]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('VULNERABLE fastify@5.2.0 (fastify): high');
  });
});

describe('the committed advisory snapshot (security/advisories.json)', () => {
  it('is dated and holds advisories for production packages', () => {
    expect(committed.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(Object.keys(committed.advisories).length).toBeGreaterThanOrEqual(20);
    expect(entries.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(committed.advisories)).toEqual(
      expect.arrayContaining(['fastify', '@fastify/multipart', '@fastify/static', 'drizzle-orm', 'pg']),
    );
  });

  it('every advisory has an id, a title, a url, a known severity, its source and a readable range', () => {
    const ids = new Set<string>();
    for (const { name, advisory } of entries) {
      const where = `${name} ${String(advisory.id)}`;
      expect(String(advisory.id), where).toMatch(/^(GHSA(-[23456789cfghjmpqrvwx]{4}){3}|CVE-\d{4}-\d{4,})$/);
      expect(ids.has(`${name}#${advisory.id}`), `${where} listed twice`).toBe(false);
      ids.add(`${name}#${advisory.id}`);
      expect(advisory.title.length, where).toBeGreaterThan(10);
      expect(advisory.url, where).toMatch(
        /^https:\/\/(github\.com\/advisories\/GHSA-|www\.cve\.org\/CVERecord\?id=CVE-)/,
      );
      expect(advisory.url, where).toContain(String(advisory.id));
      expect(['low', 'moderate', 'high', 'critical'], where).toContain(advisory.severity);
      expect(String(advisory.source).length, where).toBeGreaterThan(10);
      expect(String(advisory.published_range).length, where).toBeGreaterThan(0);
      // A range the checker cannot read would throw only when that package is installed; read
      // every one now, and make sure each names a real, non-empty set of versions (never `*`).
      expect(() => inRange('0.0.0', advisory.vulnerable_versions), where).not.toThrow();
      expect(advisory.vulnerable_versions.trim(), where).not.toBe('*');
      expect(versionInside(advisory.vulnerable_versions), where).toBeDefined();
    }
  });

  it('a tree holding a version inside each advisory range is named in full and fails the CLI', () => {
    const dependencies: Record<string, NpmTree> = {};
    entries.forEach(({ name, advisory }, i) => {
      dependencies[`holder-${i}`] = {
        version: '1.0.0',
        dependencies: { [name]: { version: versionInside(advisory.vulnerable_versions)! } },
      };
    });
    const tree: NpmTree = { name: 'vulnerable-fixture', dependencies };
    const found = new Set(findVulnerable(tree, committed).map((f) => `${f.name}#${f.advisory.id}`));
    for (const { name, advisory } of entries) expect(found).toContain(`${name}#${advisory.id}`);

    const treeFile = path.join(dir, 'vulnerable-tree.json');
    writeFileSync(treeFile, JSON.stringify(tree));
    const failed = cli(['--tree', treeFile, '--snapshot', 'security/advisories.json']);
    expect(failed.status).toBe(1);
    // e.g. fastify 5.2.0 lies in GHSA-mg2h-6x62-wpwc (>=5.0.0 <5.3.2 || =4.9.0)
    expect(failed.stderr).toMatch(
      /VULNERABLE fastify@[\d.]+ \(holder-\d+ > fastify\): high .*GHSA-mg2h-6x62-wpwc/,
    );
    expect(failed.stderr).toContain('既知の脆弱性があります');
  });

  it('passes the production tree installed here (npm ls), so npm test can rely on it', () => {
    const passed = cli(['--snapshot', 'security/advisories.json']);
    expect(passed.stderr).not.toContain('VULNERABLE');
    expect(passed.status).toBe(0);
    expect(passed.stdout).toContain('no known-vulnerable production dependency');
  }, 60_000);
});
