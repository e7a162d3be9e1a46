/**
 * Time schemes (physics.md section 4): the step each scheme takes for `time.dt: "auto"`, the RKL2
 * stage count, and `chooseScheme`, which picks a scheme and step for a requested speed in
 * simulated seconds per wall second.
 *
 * - euler: dt = safety * dtLimit (forward Euler; dtLimit from the stiffest transport eigenvalue).
 * - rkl2: dt = max(dtFE, min(tauSlow / 20, the step RKL2_AUTO_STAGES stages allow, the step the
 *   Soret drift allows: derived.ts soretDriftStep)), where
 *   dtFE = safety * dtLimit and tauSlow = L^2 / (pi^2 lambda_slow) is the slowest diffusive
 *   relaxation time of the domain (L the longer side, lambda_slow the smaller eigenvalue of the
 *   transport matrix A at the reference state; D when Le >> 1). tauSlow / 20 keeps the slow
 *   (solute) transient within ~0.1% (physics.md 4: "for transients keep dt <= tau/20"); the heat
 *   transient, ~Le times faster, is not resolved at that step but damped (RKL2 is stable and
 *   damps stiff modes by about 1/2 per super-step with s odd).
 * - implicit: dt = max(dtFE, tauSlow / 20) (backward Euler, unconditionally stable).
 */
import { rkl2MaxStep, rkl2Stages, RKL2_MAX_STAGES } from './rkl2';
import type { Scenario, SchemeName } from './scenario';

/** RKL2 stage cap for dt "auto" (a super-step must finish within a frame on the page's GPU). */
export const RKL2_AUTO_STAGES = 1001;
/** Fraction of the slow relaxation time a step may span with dt "auto" (rkl2, implicit). */
export const AUTO_STEP_FRACTION = 1 / 20;

/** What the schemes need to know about a scenario (a subset of `Derived`). */
export interface StepInputs {
  /** Forward-Euler stability limit [s]. */
  dtLimit: number;
  /** Fraction of dtLimit used by forward Euler and as RKL2's explicit base step. */
  safety: number;
  /** Slowest diffusive relaxation time of the domain [s]. */
  tauSlow: number;
  /** The largest RKL2 step the Soret drift allows [s] (derived.ts soretDriftStep; absent: no limit). */
  rkl2Drift?: number;
}

/** The step inputs of a validated scenario (for chooseScheme and defaultScheme). */
export function stepInputsOf(v: { scenario: Pick<Scenario, 'time'>; derived: { dtLimit: number; tauSlow: number; rkl2Drift?: number } }): StepInputs {
  return { dtLimit: v.derived.dtLimit, safety: v.scenario.time.safety, tauSlow: v.derived.tauSlow, rkl2Drift: v.derived.rkl2Drift };
}

export interface SchemeStep {
  /** The time step [s]. */
  dt: number;
  /** Stencil passes per step for the explicit schemes (1 for euler, s for rkl2, 1 for implicit). */
  stages: number;
}

/** The step a scheme takes: `dt` fixed (seconds) or "auto". */
export function schemeStep(scheme: SchemeName, dt: number | 'auto', x: StepInputs): SchemeStep {
  const dtFE = x.safety * x.dtLimit;
  switch (scheme) {
    case 'euler':
      return { dt: dt === 'auto' ? dtFE : dt, stages: 1 };
    case 'rkl2': {
      const step = dt === 'auto' ? Math.max(dtFE, Math.min(AUTO_STEP_FRACTION * x.tauSlow, rkl2MaxStep(RKL2_AUTO_STAGES, dtFE), x.rkl2Drift ?? Infinity)) : dt;
      return { dt: step, stages: rkl2Stages(step, dtFE) };
    }
    case 'implicit':
      return { dt: dt === 'auto' ? Math.max(dtFE, AUTO_STEP_FRACTION * x.tauSlow) : dt, stages: 1 };
  }
}

/**
 * A scenario is stiff when a step of tauSlow / 20 spans at least this many forward-Euler steps
 * (then RKL2 with ~sqrt(4 x ratio) stages outruns forward Euler by ~sqrt(ratio) / 2 or more).
 */
export const STIFF_RATIO = 100;

/** The scheme a page should start a scenario with: rkl2 when it is stiff, else euler. */
export function defaultScheme(x: StepInputs): SchemeName {
  return AUTO_STEP_FRACTION * x.tauSlow >= STIFF_RATIO * x.safety * x.dtLimit ? 'rkl2' : 'euler';
}

/** Slowest relaxation time L^2 / (pi^2 lambda_slow) [s] of a domain of longer side L [m]. */
export function slowRelaxationTime(L: number, lambdaSlow: number): number {
  return (L * L) / (Math.PI * Math.PI * lambdaSlow);
}

/** Fine-grid pass equivalents one implicit step costs, for planning (stepPasses: 58 at 256^2, 3 x 2 V-cycles). */
export const IMPLICIT_PASSES_PER_STEP = 60;

export interface SpeedRequest {
  /** Requested simulated seconds per wall second. */
  speed: number;
  /** Stencil passes the backend runs per wall second on this grid (measured by the page). */
  passRate: number;
  /** A scheme the user fixed; otherwise the cheapest accurate one is picked. */
  scheme?: SchemeName;
  /** Fine-grid pass equivalents one implicit step costs (default IMPLICIT_PASSES_PER_STEP). */
  implicitPasses?: number;
  /**
   * Largest rkl2 / implicit step the accuracy control allows [s] (adaptive.ts StepController, fed
   * by the page's error estimate); never below forward Euler's step. Default: no cap beyond tau/20.
   */
  dtCap?: number;
}

export interface SpeedPlan {
  scheme: SchemeName;
  /** Time step [s]. */
  dt: number;
  /** Stencil passes per step (RKL2 stages; 1 for euler; implicitPasses for implicit). */
  passesPerStep: number;
  /** Steps to run per wall second for the requested speed (fractional: accumulate). */
  stepsPerSecond: number;
  /** Simulated seconds per wall second this plan reaches (<= speed when limited). */
  speed: number;
  /**
   * Why the plan is slower than asked: 'stability' (euler fixed at its limit), 'accuracy' (the
   * step would exceed tauSlow / 20 or the accuracy control's `dtCap`, the transient would be
   * wrong), or null when it keeps up.
   */
  limitedBy: 'stability' | 'accuracy' | null;
}

/**
 * Picks the scheme and step for a requested speed (simulated s per wall s): forward Euler while it
 * keeps up at its stability limit, then RKL2 with the smallest super-step that keeps up (its
 * stages grow as sqrt(dt)), then backward Euler; never a step above tauSlow / 20 (beyond that a
 * transient is no longer followed: use jumpToSteadyState). Pure: the page supplies passRate.
 */
export function chooseScheme(x: StepInputs, req: SpeedRequest): SpeedPlan {
  const dtFE = x.safety * x.dtLimit;
  const dtMax = Math.max(dtFE, Math.min(AUTO_STEP_FRACTION * x.tauSlow, req.dtCap ?? Infinity));
  const implicitPasses = req.implicitPasses ?? IMPLICIT_PASSES_PER_STEP;
  const plan = (scheme: SchemeName, dt: number, passesPerStep: number): SpeedPlan => {
    const maxSpeed = (dt / passesPerStep) * req.passRate;
    const speed = Math.min(req.speed, maxSpeed);
    const limitedBy = req.speed <= maxSpeed * (1 + 1e-12) ? null : scheme === 'euler' ? 'stability' : 'accuracy';
    return { scheme, dt, passesPerStep, stepsPerSecond: speed / dt, speed, limitedBy };
  };
  const rkl2Plan = () => {
    const cap = Math.max(dtFE, Math.min(dtMax, rkl2MaxStep(RKL2_MAX_STAGES, dtFE), x.rkl2Drift ?? Infinity));
    // Smallest dt whose rate dt / s(dt) * passRate reaches the speed: bisection on the
    // monotone rate (s grows as sqrt(dt)).
    const rate = (dt: number) => (dt / rkl2Stages(dt, dtFE)) * req.passRate;
    let dt = cap;
    if (rate(cap) >= req.speed) {
      let lo = dtFE;
      let hi = cap;
      for (let i = 0; i < 60; i++) {
        const mid = Math.sqrt(lo * hi);
        if (rate(mid) >= req.speed) hi = mid;
        else lo = mid;
      }
      dt = hi;
    }
    return plan('rkl2', dt, rkl2Stages(dt, dtFE));
  };
  const implicitPlan = () => plan('implicit', Math.min(dtMax, Math.max(dtFE, (req.speed * implicitPasses) / req.passRate)), implicitPasses);

  if (req.scheme === 'euler') return plan('euler', dtFE, 1);
  if (req.scheme === 'rkl2') return rkl2Plan();
  if (req.scheme === 'implicit') return implicitPlan();
  const euler = plan('euler', dtFE, 1);
  if (euler.limitedBy === null) return euler;
  const rkl2 = rkl2Plan();
  if (rkl2.limitedBy === null) return rkl2;
  const implicit = implicitPlan();
  return implicit.speed > rkl2.speed ? implicit : rkl2;
}
