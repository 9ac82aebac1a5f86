import { defineConfig } from 'vitest/config';
import WaitingFilesFirst from './test/helpers/sequencer.ts';

/**
 * Three tiers (ARCHITECTURE "Tests"): unit (pure functions), api (the real app on a real database,
 * PGlite or PostgreSQL by TEST_DATABASE), browser (Chromium through user journeys, axe on each page).
 */
export default defineConfig({
  test: {
    sequence: { sequencer: WaitingFilesFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.unit.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
          // A cap, not a measure: scaling a phone photo takes 2.7 s on a quiet 2-core machine, and
          // vitest's default 5 s cap failed one unit test on a loaded CI machine (stop 29).
          testTimeout: 30_000,
          // As in the other tiers (decision 0030): 43 s → 16 s, and shuffled orders pass too.
          isolate: false,
        },
      },
      {
        test: {
          name: 'api',
          include: ['src/**/*.test.ts', 'test/api/**/*.test.ts'],
          exclude: ['src/**/*.unit.test.ts', 'node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['test/helpers/api-global-setup.ts'],
          pool: 'forks',
          maxWorkers: 2,
          // Each worker runs its files one after another in one process (decision 0030): a new process
          // per file loaded the whole server again (~2.6 s of CPU a file). Files share no data — each
          // has its own database — and what a file registers for itself it takes back.
          isolate: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // A cap, not a measure: a whole journey (ten pages, password hashing, uploads) took over
          // 120 s while the PostgreSQL API tier shared the same two cores; no test asserts a time.
          testTimeout: 300_000,
          hookTimeout: 180_000,
          globalSetup: ['test/e2e/global-setup.ts'],
          // A journey waits for what a server round trip shows (a password change hashes twice, a
          // page builds its bundle on first load); on two shared cores that can take more than
          // vitest's default of 1 s. A wait, not a measure: no test asserts a time (benchmarks do).
          expect: { poll: { timeout: 10_000 } },
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
          // One process for all files, as in the API tier (decision 0030).
          isolate: false,
        },
      },
    ],
  },
});
