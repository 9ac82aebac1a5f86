/**
 * Offline dependency audit (issue 19, "What to build" 8). `npm audit` cannot reach its endpoint here,
 * so the production tree (`npm ls --omit=dev --all --json`) is checked against a committed snapshot
 * of npm's advisories (`security/advisories.json`, the response of the registry's bulk advisory
 * endpoint for our production package names). Pure functions; the CLI is `scripts/deps-audit.ts`.
 */
export type Advisory = {
  id: number | string;
  title: string;
  severity: string;
  url: string;
  /** npm advisory range, e.g. `>=5.0.0 <5.3.2` or `<1.2.3 || >=2.0.0 <2.1.0`. */
  vulnerable_versions: string;
};
export type AdvisorySnapshot = {
  generatedAt: string | null;
  source: string;
  refresh: string;
  advisories: Record<string, Advisory[]>;
};
export type NpmTree = { name?: string; version?: string; dependencies?: Record<string, NpmTree> };
export type Finding = { name: string; version: string; path: string; advisory: Advisory };

type Version = [number, number, number, string];

function parseVersion(text: string): Version {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!m) throw new Error(`not a semver version: "${text}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? ''];
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  if (a[3] === b[3]) return 0;
  if (a[3] === '') return 1; // a release is above its prereleases
  if (b[3] === '') return -1;
  return a[3] < b[3] ? -1 : 1;
}

/**
 * Whether `version` lies in an advisory range. Advisory ranges use comparators joined by spaces
 * (and) and `||` (or); `*` means every version. Anything else (^, ~, x-ranges) is refused loudly
 * rather than guessed.
 */
export function inRange(version: string, range: string): boolean {
  const v = parseVersion(version);
  return range.split('||').some((alternative) => {
    const comparators = alternative.trim().split(/\s+/).filter(Boolean);
    if (comparators.length === 0 || (comparators.length === 1 && comparators[0] === '*')) return true;
    return comparators.every((c) => {
      const m = /^(>=|<=|>|<|=)?(.+)$/.exec(c);
      if (!m || /[\^~xX*]/.test(m[2]!)) throw new Error(`unsupported advisory range "${range}"`);
      const d = compare(v, parseVersion(m[2]!));
      switch (m[1] ?? '=') {
        case '>=':
          return d >= 0;
        case '<=':
          return d <= 0;
        case '>':
          return d > 0;
        case '<':
          return d < 0;
        default:
          return d === 0;
      }
    });
  });
}

/** Every installed package version of the tree, with the path that brings it in. */
export function flatten(tree: NpmTree): { name: string; version: string; path: string }[] {
  const out: { name: string; version: string; path: string }[] = [];
  const walk = (deps: Record<string, NpmTree> | undefined, trail: string) => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      const here = trail ? `${trail} > ${name}` : name;
      if (node.version) out.push({ name, version: node.version, path: here });
      walk(node.dependencies, here);
    }
  };
  walk(tree.dependencies, '');
  return out;
}

export function findVulnerable(tree: NpmTree, snapshot: AdvisorySnapshot): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const pkg of flatten(tree)) {
    for (const advisory of snapshot.advisories[pkg.name] ?? []) {
      const key = `${pkg.name}@${pkg.version}#${advisory.id}`;
      if (seen.has(key) || !inRange(pkg.version, advisory.vulnerable_versions)) continue;
      seen.add(key);
      findings.push({ ...pkg, advisory });
    }
  }
  return findings;
}
