/**
 * The accuracy rule of `dt: "auto"` (adaptive.ts: StepController, ACCURACY_TOLERANCE per step) fed
 * by state samples taken many steps apart rather than after every step: the page reads its fields
 * back a few times per second, not per step. Each new sample after the third gives one error
 * estimate (`sampledStepError`: the deviation from the linear continuation of the two samples
 * before, scaled to one step of the running dt), which updates the controller; its `dt` is the
 * largest rkl2 / implicit step allowed. The samples are copied into three preallocated buffers
 * (no allocation per sample once the grid is known).
 */
import { sampledStepError, StepController, type DtLimit } from './adaptive';
import type { SchemeName } from './scenario';
import type { Validated } from './validate';

interface Sample {
  simTime: number;
  steps: number;
  T: Float32Array;
  c: Float32Array;
}

export class SampledStepControl {
  readonly controller: StepController;
  /** Three sample buffers, oldest first; `filled` of them hold samples of one run. */
  private samples: Sample[] = [];
  private filled = 0;
  /** The largest error estimate seen (relative, per step), and how many were taken. */
  maxError = 0;
  estimates = 0;

  /** `scheme`: whose cap applies (the page plans rkl2 or implicit: the implicit cap, tau/20, bounds both). */
  constructor(v: Validated, scheme: SchemeName = 'implicit') {
    this.controller = new StepController(v, scheme);
  }

  /** The largest step allowed now [s]. */
  get dt(): number {
    return this.controller.dt;
  }

  get limitedBy(): DtLimit {
    return this.controller.limitedBy;
  }

  /** Forgets the samples (the state jumped: a reset, a steady-state jump, a restore). */
  forget(): void {
    this.filled = 0;
  }

  /**
   * Takes a sample of the state (T and c as stored: offsets do not matter) at `simTime` after
   * `steps` steps, the last of which were of `dt` [s]. A sample with no new step is ignored.
   * Returns true when the allowed step changed.
   */
  sample(simTime: number, steps: number, T: ArrayLike<number>, c: ArrayLike<number>, dt: number): boolean {
    const n = T.length;
    if (this.samples.length !== 3 || this.samples[0].T.length !== n) {
      this.samples = [0, 1, 2].map(() => ({ simTime: 0, steps: 0, T: new Float32Array(n), c: new Float32Array(n) }));
      this.filled = 0;
    }
    const last = this.filled > 0 ? this.samples[this.filled - 1] : undefined;
    if (last && (steps <= last.steps || simTime <= last.simTime)) {
      if (steps < last.steps) this.filled = 0; // an older state: start over
      else return false;
    }
    if (this.filled === 3) {
      this.samples.push(this.samples.shift()!);
      this.filled = 2;
    }
    const s = this.samples[this.filled++];
    s.simTime = simTime;
    s.steps = steps;
    s.T.set(T);
    s.c.set(c);
    if (this.filled < 3) return false;
    const [a, b, x] = this.samples;
    const err = sampledStepError(a, b, x, b.simTime - a.simTime, x.simTime - b.simTime, dt);
    if (!Number.isFinite(err)) return false;
    this.maxError = Math.max(this.maxError, err);
    this.estimates++;
    const before = this.controller.dt;
    this.controller.update(err);
    return this.controller.dt !== before;
  }
}
