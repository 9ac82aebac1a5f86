import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Module boundaries (issue 20 item 2), checked from the source text alone.
 *
 * TypeScript 7 ships as a native compiler without the JavaScript parser API, so imports are found by
 * a careful regular expression over statements that begin a line (biome formats every static import
 * and re-export that way) plus `import('…')` anywhere outside comment lines. Only relative
 * specifiers are followed: packages and `node:` built-ins cannot cross a module boundary.
 *
 * Pure functions over a map of repository-relative paths to source text, so the unit test can run
 * them on the real tree and on a small fixture alike.
 */

export type ViolationKind =
  /** a) a server module reaching into another module's files instead of its `index.ts` */
  | 'module-internal'
  /** b) `src/server/platform` importing anything under `src/server/modules` */
  | 'platform-to-module'
  /** c) a web feature importing another feature's files (or web files that are not shared) */
  | 'feature-cross'
  /** `src/web/ui` or `src/web/api` importing a feature: what every feature shares depends on none */
  | 'shared-web-to-feature'
  /** top-level layering: server and web meet only in `src/shared`, which imports neither */
  | 'layer';

export interface ImportViolation {
  kind: ViolationKind;
  from: string;
  to: string;
}

/** d) one strongly connected group of server modules: each reaches every other through imports. */
export interface ModuleCycle {
  kind: 'module-cycle';
  /** module names, sorted */
  modules: string[];
  /** one concrete loop through the group, for the reader: `accounts -> training -> accounts` */
  example: string;
}

export interface BoundaryReport {
  violations: ImportViolation[];
  cycles: ModuleCycle[];
}

export type Sources = ReadonlyMap<string, string>;

/** Folders of `src/web` every feature may use: the design system, the API client, the catalogues. */
const SHARED_WEB_FOLDERS = ['ui', 'api', 'i18n'] as const;

const STATIC_FROM =
  /^[ \t]*(?:import[ \t]+(?:type[ \t]+)?[\w*{$][^'";]*?|export[ \t]+(?:type[ \t]+)?[*{][^'";]*?)\bfrom[ \t]*['"]([^'"\n]+)['"]/gm;
const SIDE_EFFECT = /^[ \t]*import[ \t]*['"]([^'"\n]+)['"]/gm;
const DYNAMIC = /\bimport[ \t]*\([ \t]*['"]([^'"\n]+)['"][ \t]*\)/g;
/** Lines that are comments as biome formats them: `//`, `/*`, and the ` * ` of a block comment. */
const COMMENT_LINE = /^[ \t]*(?:\/\/|\/\*|\*).*$/gm;

/** Every module specifier a source file names, in order of appearance (duplicates kept). */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(COMMENT_LINE, '');
  const found: Array<[number, string]> = [];
  for (const pattern of [STATIC_FROM, SIDE_EFFECT, DYNAMIC]) {
    for (const match of code.matchAll(pattern)) found.push([match.index, match[1]!]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, specifier]) => specifier);
}

/**
 * The repository path a relative specifier points at: the exact file when it is in `sources`, else
 * the first of `.ts`, `.tsx`, `/index.ts`, `/index.tsx` that is; otherwise the normalised path as
 * written (a JSON or CSS file still has a place to be judged by). Packages give `undefined`.
 */
export function resolveImport(from: string, specifier: string, sources: Sources): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [
    target,
    `${target}.ts`,
    `${target}.tsx`,
    `${target}/index.ts`,
    `${target}/index.tsx`,
  ]) {
    if (sources.has(candidate)) return candidate;
  }
  return target;
}

type Place =
  | { area: 'module'; name: string }
  | { area: 'modules-registry' }
  | { area: 'platform' }
  | { area: 'server' }
  | { area: 'feature'; name: string }
  | { area: 'web-shared' }
  | { area: 'web' }
  | { area: 'shared' }
  | { area: 'elsewhere' };

/** Which part of the architecture a repository path belongs to. */
function placeOf(file: string): Place {
  const parts = file.split('/');
  if (parts[0] !== 'src') return { area: 'elsewhere' };
  if (parts[1] === 'shared') return { area: 'shared' };
  if (parts[1] === 'server') {
    if (parts[2] === 'modules') {
      return parts.length > 4 ? { area: 'module', name: parts[3]! } : { area: 'modules-registry' };
    }
    return parts[2] === 'platform' ? { area: 'platform' } : { area: 'server' };
  }
  if (parts[1] === 'web') {
    if (parts[2] === 'features' && parts.length > 4) return { area: 'feature', name: parts[3]! };
    if ((SHARED_WEB_FOLDERS as readonly string[]).includes(parts[2]!)) return { area: 'web-shared' };
    return { area: 'web' };
  }
  return { area: 'elsewhere' };
}

const isServer = (p: Place) =>
  p.area === 'module' || p.area === 'modules-registry' || p.area === 'platform' || p.area === 'server';
const isWeb = (p: Place) => p.area === 'feature' || p.area === 'web-shared' || p.area === 'web';

/** The rule one import breaks, if any. */
function judge(from: string, to: string): ViolationKind | undefined {
  const a = placeOf(from);
  const b = placeOf(to);
  if (
    (isWeb(a) && isServer(b)) ||
    (isServer(a) && isWeb(b)) ||
    (a.area === 'shared' && (isServer(b) || isWeb(b)))
  ) {
    return 'layer';
  }
  if (a.area === 'platform' && (b.area === 'module' || b.area === 'modules-registry'))
    return 'platform-to-module';
  if (a.area === 'module') {
    // The registry lists every module, so a module importing it depends on all of them.
    if (b.area === 'modules-registry') return 'module-internal';
    if (b.area === 'module' && b.name !== a.name && to !== `src/server/modules/${b.name}/index.ts`) {
      return 'module-internal';
    }
  }
  // i18n/ is left out: it assembles the features' catalogue sections until each feature owns its
  // catalogue (issue 20 item 7).
  if (a.area === 'web-shared' && b.area === 'feature' && !from.startsWith('src/web/i18n/')) {
    return 'shared-web-to-feature';
  }
  if (a.area === 'feature') {
    // A feature's texts (`<feature>/i18n.ts`, which registers its catalogue section when imported) are
    // what it offers others, as a server module's index.ts is: a page showing another feature's words
    // loads them from there (decision 0021), never by reaching into its pages.
    if (b.area === 'feature' && b.name !== a.name && to !== `src/web/features/${b.name}/i18n.ts`)
      return 'feature-cross';
    // routes/, router.tsx, main.tsx compose the features; a feature importing them turns that around.
    if (b.area === 'web') return 'feature-cross';
  }
  return undefined;
}

/** Test files are checked by their own tiers, not part of the runtime graph the boundaries protect. */
const isTestFile = (file: string) => /\.test\.tsx?$/.test(file);

/** Every boundary broken in `sources`, sorted, one entry per (from, to) pair. */
export function checkBoundaries(sources: Sources): BoundaryReport {
  const violations = new Map<string, ImportViolation>();
  const moduleEdges = new Map<string, Set<string>>();
  for (const [from, source] of sources) {
    if (isTestFile(from)) continue;
    const origin = placeOf(from);
    for (const specifier of importSpecifiers(source)) {
      const to = resolveImport(from, specifier, sources);
      if (to === undefined) continue;
      const kind = judge(from, to);
      if (kind) violations.set(`${from}\0${to}`, { kind, from, to });
      const target = placeOf(to);
      if (origin.area === 'module' && target.area === 'module' && target.name !== origin.name) {
        const edges = moduleEdges.get(origin.name) ?? new Set<string>();
        moduleEdges.set(origin.name, edges.add(target.name));
      }
    }
  }
  const sorted = [...violations.values()].sort(
    (x, y) => x.kind.localeCompare(y.kind) || x.from.localeCompare(y.from) || x.to.localeCompare(y.to),
  );
  return { violations: sorted, cycles: moduleCycles(moduleEdges) };
}

/** Strongly connected groups of two or more modules (Tarjan), each with one loop spelled out. */
export function moduleCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): ModuleCycle[] {
  const nodes = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((s) => [...s])])].sort();
  const next = (n: string) => [...(edges.get(n) ?? [])].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (n: string) => {
    index.set(n, index.size);
    low.set(n, index.get(n)!);
    stack.push(n);
    onStack.add(n);
    for (const m of next(n)) {
      if (!index.has(m)) {
        visit(m);
        low.set(n, Math.min(low.get(n)!, low.get(m)!));
      } else if (onStack.has(m)) {
        low.set(n, Math.min(low.get(n)!, index.get(m)!));
      }
    }
    if (low.get(n) === index.get(n)) {
      const group: string[] = [];
      let m: string;
      do {
        m = stack.pop()!;
        onStack.delete(m);
        group.push(m);
      } while (m !== n);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return groups
    .map((modules) => ({ kind: 'module-cycle' as const, modules, example: loopThrough(modules, next) }))
    .sort((x, y) => x.modules.join().localeCompare(y.modules.join()));
}

/** The shortest loop from the group's first module back to itself, staying inside the group. */
function loopThrough(group: string[], next: (n: string) => string[]): string {
  const start = group[0]!;
  const inGroup = new Set(group);
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    for (const m of next(n)) {
      if (!inGroup.has(m)) continue;
      if (m === start) {
        const back = [n];
        for (let k = n; k !== start; back.push(k)) k = cameFrom.get(k)!;
        return [...back.reverse(), start].join(' -> ');
      }
      if (!cameFrom.has(m)) {
        cameFrom.set(m, n);
        queue.push(m);
      }
    }
  }
  return group.join(' <-> ');
}

/** The TypeScript sources under `src/server`, `src/web` and `src/shared`, keyed by repository path. */
export function readSources(root: string): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        sources.set(rel, readFileSync(path.join(root, rel), 'utf8'));
      }
    }
  };
  for (const top of ['src/server', 'src/web', 'src/shared']) walk(top);
  return sources;
}
