import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';

/** The demo tenants of the Contract: 甲府市 and 甲斐市 (山梨県). */
export const DEMO_TENANTS = { kofu: '192015', kai: '192104' } as const;
export const DEMO_PASSWORD = 'tsunagari-demo';

export type DemoSeedContext = { db: Database; config: Config; clock: Clock };

export type DemoSeed = {
  /** Unique, e.g. `places`; also the order key within the same `after` level. */
  name: string;
  /** Seeds this one relies on (e.g. places before events). */
  after?: string[];
  /**
   * Must be idempotent: running it twice changes nothing (use fixed ids and upserts).
   * Content is fictional and marked デモ; phone numbers use the 000 range.
   */
  run(ctx: DemoSeedContext): Promise<void>;
};

const seeds = new Map<string, DemoSeed>();

export function registerDemoSeed(seed: DemoSeed): void {
  if (seeds.has(seed.name)) throw new Error(`Demo seed "${seed.name}" registered twice.`);
  seeds.set(seed.name, seed);
}

/** Seeds in dependency order (a seed runs after everything it names in `after`). */
export function orderedSeeds(): DemoSeed[] {
  const done = new Set<string>();
  const out: DemoSeed[] = [];
  const visit = (seed: DemoSeed, path: string[]) => {
    if (done.has(seed.name)) return;
    if (path.includes(seed.name))
      throw new Error(`Demo seeds form a cycle: ${[...path, seed.name].join(' → ')}`);
    for (const dep of seed.after ?? []) {
      const dependency = seeds.get(dep);
      if (!dependency) throw new Error(`Demo seed "${seed.name}" needs unknown seed "${dep}".`);
      visit(dependency, [...path, seed.name]);
    }
    done.add(seed.name);
    out.push(seed);
  };
  for (const seed of [...seeds.values()].sort((a, b) => a.name.localeCompare(b.name))) visit(seed, []);
  return out;
}

export async function runDemoSeeds(ctx: DemoSeedContext): Promise<string[]> {
  const ran: string[] = [];
  for (const seed of orderedSeeds()) {
    await seed.run(ctx);
    ran.push(seed.name);
  }
  return ran;
}
