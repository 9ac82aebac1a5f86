/**
 * npm run deps:audit [-- --tree <npm ls json>] [--snapshot <file>] [--refresh]
 *
 * Fails (exit 1) when an installed production dependency is in a vulnerable range of the committed
 * advisory snapshot `security/advisories.json`, or when the snapshot cannot be read. Works offline.
 * `--refresh` (where the network allows) asks the registry's bulk advisory endpoint — the one
 * `npm audit` uses — about every production package version and rewrites the snapshot with its date.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type AdvisorySnapshot, findVulnerable, flatten, type NpmTree } from './deps-audit/check.ts';

const { values } = parseArgs({
  options: { tree: { type: 'string' }, snapshot: { type: 'string' }, refresh: { type: 'boolean' } },
});
const SNAPSHOT = path.resolve(values.snapshot ?? 'security/advisories.json');
const BULK = 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk';

function productionTree(): NpmTree {
  if (values.tree) return JSON.parse(readFileSync(values.tree, 'utf8')) as NpmTree;
  const ls = spawnSync('npm', ['ls', '--omit=dev', '--all', '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (!ls.stdout) throw new Error(`npm ls failed: ${ls.stderr}`);
  return JSON.parse(ls.stdout) as NpmTree;
}

const tree = productionTree();
const snapshot = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as AdvisorySnapshot;

if (values.refresh) {
  const versions: Record<string, string[]> = {};
  for (const p of flatten(tree)) versions[p.name] = [...new Set([...(versions[p.name] ?? []), p.version])];
  const response = await fetch(BULK, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(versions),
  });
  if (!response.ok) throw new Error(`${BULK} answered ${response.status}`);
  snapshot.advisories = (await response.json()) as AdvisorySnapshot['advisories'];
  snapshot.generatedAt = new Date().toISOString();
  writeFileSync(SNAPSHOT, `${JSON.stringify(snapshot, null, 2)}\n`);
  console.info(
    `[deps:audit] snapshot refreshed: ${Object.keys(snapshot.advisories).length} packages with advisories`,
  );
}

const packages = flatten(tree);
const findings = findVulnerable(tree, snapshot);
console.info(
  `[deps:audit] ${packages.length} production package versions checked against the advisory snapshot of ${snapshot.generatedAt ?? 'NEVER (see security/advisories.json)'}`,
);
if (findings.length > 0) {
  for (const f of findings) {
    console.error(
      `  VULNERABLE ${f.name}@${f.version} (${f.path}): ${f.advisory.severity} — ${f.advisory.title} ${f.advisory.url} (vulnerable ${f.advisory.vulnerable_versions})`,
    );
  }
  console.error(
    `[deps:audit] ${findings.length} known-vulnerable production dependencies / 既知の脆弱性があります`,
  );
  process.exit(1);
}
console.info('[deps:audit] no known-vulnerable production dependency in the snapshot');
