import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that spend most of their time waiting on other processes (app processes starting, a queue's
 * sweep) rather than computing. Run first within their project, their wait overlaps other files' work
 * instead of being the tier's last minute: on a fresh clone Vitest has no earlier timings and runs the
 * largest files first, so scale-out.test.ts ran last and waited 38 s with the machine idle (ci27).
 */
const WAITING_FILES = ['test/api/scale-out.test.ts'];

const waits = (spec: TestSpecification) => WAITING_FILES.some((file) => spec.moduleId.endsWith(file));

export default class WaitingFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const position = new Map(sorted.map((spec, i) => [spec, i]));
    // Stable within each project; projects keep the order Vitest gave them.
    return [...sorted].sort((a, b) =>
      a.project.name === b.project.name && waits(a) !== waits(b)
        ? Number(waits(b)) - Number(waits(a))
        : position.get(a)! - position.get(b)!,
    );
  }
}
