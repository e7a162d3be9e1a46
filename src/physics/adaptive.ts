/**
 * Accuracy-controlled automatic steps for rkl2 and implicit (`time.dt: "auto"`; issue 8).
 *
 * Error estimate, per step: the step's result Y^{n+1} against the linear continuation of the step
 * before, Y_p = Y^n + (dt_n / dt_{n-1}) (Y^n - Y^{n-1}). Their difference is dt^2 Y'' (the local
 * error of a first-order step), measured as the largest over cells of |T^{n+1} - T_p| over the
 * temperature span of the state and |c^{n+1} - c_p| over its concentration span:
 *     err = max_cells max(|dT| / span T, |dc| / span c)      (spans floored at 1 mK and 1e-6).
 * The controller keeps err <= ACCURACY_TOLERANCE (1 % of the span per step). Both schemes are
 * second order, so their own local error (~dt^3 Y''') is smaller still: the estimate is
 * conservative. A step is never rejected (the state is not rewound); the next step shrinks by
 * sqrt(tolerance / err), at most 4x, or grows at most 2x.
 *
 * Steps are tau/20 (the cap `dt: "auto"` had before, or RKL2's 1001-stage step where smaller)
 * divided by a power of two, so that runs of equal steps keep BDF2's history; the first step is
 * the cap / 64 (no history to estimate from), never below forward Euler's step. The last step of
 * a run is shortened to land on the requested time.
 */
import { rkl2MaxStep } from './rkl2';
import type { SchemeName } from './scenario';
import { AUTO_STEP_FRACTION, RKL2_AUTO_STAGES, schemeStep, stepInputsOf } from './schemes';
import type { FieldSimulation } from './simulation';
import { withValue, type Validated } from './validate';

/** Largest relative deviation per step from the linear continuation of the step before (see above). */
export const ACCURACY_TOLERANCE = 1e-2;
/** The first accuracy-controlled step is the cap divided by 2^FIRST_STEP_HALVINGS. */
export const FIRST_STEP_HALVINGS = 6;

/**
 * Which limit set the time step: 'stability' (forward Euler's limit, or RKL2's stage cap),
 * 'accuracy' (the per-step error estimate), 'tau/20' (the slow relaxation time's cap), 'soret
 * drift' (RKL2's cap under the Soret drift, derived.ts soretDriftStep), 'user' (a fixed time.dt).
 */
export type DtLimit = 'stability' | 'accuracy' | 'tau/20' | 'soret drift' | 'user';

/** Whether a scenario's steps are accuracy-controlled (rkl2 or implicit with dt "auto"). */
export function isAccuracyControlled(v: Validated): boolean {
  return v.scenario.time.dt === 'auto' && v.scenario.time.scheme !== 'euler';
}

/** The cap of an accuracy-controlled step and the limit that sets it (for `scheme`, default the scenario's). */
export function autoStepCap(v: Validated, scheme: SchemeName = v.scenario.time.scheme): { dt: number; limitedBy: DtLimit } {
  const x = stepInputsOf(v);
  const dtFE = x.safety * x.dtLimit;
  const dt = schemeStep(scheme, 'auto', x).dt;
  const tau = AUTO_STEP_FRACTION * x.tauSlow;
  if (dt <= dtFE * (1 + 1e-12) && tau < dtFE) return { dt, limitedBy: 'stability' };
  if (scheme === 'rkl2' && rkl2MaxStep(RKL2_AUTO_STAGES, dtFE) < tau && rkl2MaxStep(RKL2_AUTO_STAGES, dtFE) <= (x.rkl2Drift ?? Infinity)) return { dt, limitedBy: 'stability' };
  // RKL2's strip of stability under the Soret drift (derived.ts soretDriftStep).
  if (scheme === 'rkl2' && (x.rkl2Drift ?? Infinity) < tau) return { dt, limitedBy: 'soret drift' };
  return { dt, limitedBy: 'tau/20' };
}

/** Which limit sets a scenario's fixed-schedule step (no controller: euler, or a fixed time.dt). */
export function fixedStepLimit(v: Validated): DtLimit {
  if (v.scenario.time.dt !== 'auto') return 'user';
  if (v.scenario.time.scheme === 'euler') return 'stability';
  return autoStepCap(v).limitedBy;
}

/** The relative deviation of `next` from the continuation `now + r (now - prev)` (see above). */
export function stepError(
  prev: { T: ArrayLike<number>; c: ArrayLike<number> },
  now: { T: ArrayLike<number>; c: ArrayLike<number> },
  next: { T: ArrayLike<number>; c: ArrayLike<number> },
  r: number,
): number {
  const span = (a: ArrayLike<number>, floor: number) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < a.length; i++) {
      lo = Math.min(lo, a[i]);
      hi = Math.max(hi, a[i]);
    }
    return Math.max(hi - lo, floor);
  };
  const sT = span(next.T, 1e-3);
  const sc = span(next.c, 1e-6);
  let err = 0;
  for (let i = 0; i < next.T.length; i++) {
    const pT = now.T[i] + r * (now.T[i] - prev.T[i]);
    const pc = now.c[i] + r * (now.c[i] - prev.c[i]);
    err = Math.max(err, Math.abs(next.T[i] - pT) / sT, Math.abs(next.c[i] - pc) / sc);
  }
  return err;
}

/**
 * The per-step error estimate of `stepError` from three states that are not consecutive steps:
 * states at times t0, t0 + h1, t0 + h1 + h2 (e.g. the page's field readbacks, many steps apart)
 * reached with steps of `dt` [s]. The deviation from the linear continuation is
 * Y'' h2 (h1 + h2) / 2; a step of dt after a step of dt deviates by Y'' dt^2, so the estimate is
 * scaled by dt^2 / (h2 (h1 + h2) / 2). With h1 = h2 = dt it is `stepError` itself.
 */
export function sampledStepError(
  prev: { T: ArrayLike<number>; c: ArrayLike<number> },
  now: { T: ArrayLike<number>; c: ArrayLike<number> },
  next: { T: ArrayLike<number>; c: ArrayLike<number> },
  h1: number,
  h2: number,
  dt: number,
): number {
  if (!(h1 > 0 && h2 > 0 && dt > 0)) return NaN;
  return (stepError(prev, now, next, h2 / h1) * dt * dt) / ((h2 * (h1 + h2)) / 2);
}

/** The step size controller: steps cap / 2^k, k >= 0, from the error of the step before. */
export class StepController {
  readonly cap: number;
  readonly capLimit: DtLimit;
  private readonly dtMin: number;
  private k = FIRST_STEP_HALVINGS;
  /** The limit that set the step last proposed. */
  limitedBy: DtLimit;

  /** `scheme`: the scheme whose cap applies (default the scenario's; the page plans its own). */
  constructor(v: Validated, scheme: SchemeName = v.scenario.time.scheme) {
    const c = autoStepCap(v, scheme);
    this.cap = c.dt;
    this.capLimit = c.limitedBy;
    const x = stepInputsOf(v);
    this.dtMin = x.safety * x.dtLimit;
    while (this.k > 0 && this.cap / 2 ** this.k < this.dtMin) this.k--;
    this.limitedBy = this.k === 0 ? this.capLimit : 'accuracy';
  }

  /** The step to take next [s]. */
  get dt(): number {
    return this.cap / 2 ** this.k;
  }

  /** Takes the error estimate of the step just taken (NaN: no estimate yet) and sets the next. */
  update(err: number): void {
    if (!Number.isFinite(err)) return;
    const factor = Math.min(2, Math.max(0.25, 0.9 * Math.sqrt(ACCURACY_TOLERANCE / Math.max(err, 1e-300))));
    // The largest cap / 2^k at most dt * factor, not below forward Euler's step.
    const wanted = Math.max(0, Math.ceil(Math.log2(this.cap / (this.dt * factor)) - 1e-9));
    let k = wanted;
    while (k > 0 && this.cap / 2 ** k < this.dtMin) k--;
    this.k = k;
    this.limitedBy = k < wanted ? 'stability' : k === 0 ? this.capLimit : 'accuracy';
  }
}

export interface AdaptiveResult {
  /** The scenario with the last step's time.dt (what a summary reports). */
  validated: Validated;
  /** The last full step [s] (the run's very last may be shorter, to land on `until`) and what set it. */
  dt: number;
  dtLimitedBy: DtLimit;
  /** Accepted steps and the largest error estimate seen. */
  steps: number;
  maxError: number;
}

/**
 * Advances `sim` (scenario `v`, rkl2 or implicit with dt "auto") to simulated time `until` with
 * accuracy-controlled steps, reading T and c back after every step. `onStep` sees the sim after
 * each; returning false stops the run (a failure was seen).
 */
export async function advanceAdaptive(
  sim: FieldSimulation,
  v: Validated,
  until: number,
  onStep?: () => Promise<boolean> | boolean,
): Promise<AdaptiveResult> {
  const ctl = new StepController(v);
  const read = async () => ({ T: (await sim.readField('T')).data, c: (await sim.readField('c')).data });
  let current = v;
  let prev: Awaited<ReturnType<typeof read>> | null = null;
  let now = await read();
  let dtPrev = 0;
  let last = { dt: ctl.dt, limitedBy: ctl.limitedBy };
  let steps = 0;
  let maxError = 0;
  while (sim.simTime < until * (1 - 1e-12)) {
    const left = until - sim.simTime;
    const dt = Math.min(ctl.dt, left);
    last = { dt: ctl.dt, limitedBy: ctl.limitedBy };
    if (current.derived.dt !== dt) {
      current = withValue(current.scenario, 'time.dt', dt);
      sim.setScenario(current);
    }
    await sim.step(1);
    steps++;
    const next = await read();
    const err = prev ? stepError(prev, now, next, dt / dtPrev) : NaN;
    if (Number.isFinite(err)) maxError = Math.max(maxError, err);
    ctl.update(err);
    prev = now;
    now = next;
    dtPrev = dt;
    if (onStep && !(await onStep())) break;
  }
  return { validated: withValue(current.scenario, 'time.dt', last.dt), dt: last.dt, dtLimitedBy: last.limitedBy, steps, maxError };
}
