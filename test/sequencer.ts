/**
 * The order test files start in (vitest.config.ts `sequence.sequencer`), so that two workers end
 * together: the GPU files that share one device per worker first (kept together: a worker keeps its
 * device only while the next file waiting also shares it), then the isolated files; within each,
 * the longest first. Lengths: SECONDS below (a fresh-clone CI run, 2 cores), else this machine's
 * last run (vitest's cache), else the file's size. A stale figure only costs balance, never a test.
 */
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Summed test times per file [s] of the CI run of 2 December (files over 5 s). */
const SECONDS: Record<string, number> = {
  'test/e2e/record.test.ts': 195,
  'test/e2e/page.test.ts': 160,
  'test/gpu/stiff.test.ts': 131,
  'test/gpu/physics.test.ts': 103,
  'test/e2e/lecture-video.test.ts': 60,
  'test/e2e/ions.test.ts': 93,
  'test/e2e/responsive.test.ts': 81,
  'test/e2e/cli.test.ts': 55,
  'test/e2e/ion-record.test.ts': 54,
  'test/gpu/failure.test.ts': 51,
  'test/gpu/reaction.test.ts': 45,
  'test/gpu/sweep.test.ts': 39,
  'test/gpu/solver.test.ts': 39,
  'test/gpu/ions.test.ts': 32,
  'test/unit/stiff.test.ts': 31,
  'test/gpu/multigrid-aspect.test.ts': 31,
  'test/e2e/robust.test.ts': 30,
  'test/gpu/reaction-jump.test.ts': 27,
  'test/e2e/site.test.ts': 25,
  'test/gpu/prepare.test.ts': 23,
  'test/gpu/memory.test.ts': 22,
  'test/gpu/implicit-steps.test.ts': 20,
  'test/e2e/no2-video.test.ts': 19,
  'test/e2e/speed.test.ts': 17,
  'test/gpu/covered-walls.test.ts': 17,
  'test/unit/cli.test.ts': 16,
  'test/e2e/lecture-panels.test.ts': 16,
  'test/e2e/preparing.test.ts': 15,
  'test/gpu/layout.test.ts': 15,
  'test/unit/rate-affinity.test.ts': 15,
  'test/e2e/reaction-controls.test.ts': 13,
  'test/unit/reference.test.ts': 12,
  'test/unit/run-checks.test.ts': 11,
  'test/gpu/mass-wall.test.ts': 10,
  'test/gpu/entropy-parts.test.ts': 10,
  'test/gpu/specialise.test.ts': 8,
  'test/unit/set-path.test.ts': 7,
};

export class LongestFirst extends BaseSequencer {
  /** Estimated length of a file's tests [s]. */
  private seconds(spec: TestSpecification): number {
    const root = this.ctx.config.root;
    const file = relative(root, spec.moduleId).split('\\').join('/');
    const known = SECONDS[file];
    if (known !== undefined) return known;
    const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${file}`);
    if (cached) return cached.duration / 1000;
    // Unknown and never run here: about a second per 10 kB of test source (a guess).
    return (statSync(spec.moduleId, { throwIfNoEntry: false })?.size ?? 0) / 1e4;
  }

  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const shared = (s: TestSpecification) => (s.project.config.isolate ? 1 : 0);
    const est = new Map(files.map((s) => [s, this.seconds(s)]));
    return [...files].sort((a, b) => shared(a) - shared(b) || est.get(b)! - est.get(a)!);
  }
}
