/**
 * The sweep's invariants for one scenario file (sweep/arbitrary.ts draws them). Each check is
 * recorded by name with its measured figure, so a run reports how many of each were checked.
 *
 * Every run is right or refused: each backend's run is judged by assessRun, as the command line
 * and the page judge it. A run the product accepts must pass every invariant below; a run it
 * refuses passes only where the refusal is justified by the input ("refusal justified": a float64
 * fine reference reaches a state of the same kind by the same time, refusal.ts). After a failure
 * or a refusal the backend's later invariants are skipped (counted as such), so one failure is
 * counted once.
 *
 * Tolerances (stated once, used by the checks below):
 * - closed channels: the total solute (mass closed at every wall) and energy (heat insulated or
 *   periodic everywhere, no sources) change by at most CONSERVE_CPU (float64 reference) or
 *   CONSERVE_GPU (float32 deviations, summed in float32 by the GPU's reduction; more where a run's
 *   stencil passes can accumulate more float32 round-off: float32Tolerance) of their scale with
 *   euler and rkl2, CONSERVE_SOLVE with implicit steps or a jump, the two added for a jump followed
 *   by euler or rkl2 on the GPU (gpuConserveTolerance);
 * - GPU = CPU reference: the largest field difference within GPU_CPU of the field's excursion from
 *   its reference value (the same measure as test/gpu/solver.test.ts; explicit runs: at least
 *   float32Tolerance; rkl2 runs, with or without a jump: at least rkl2Float32Passes' bound, capped
 *   at RKL2_FLOAT32_CAP); a
 *   difference within one float32 rounding of the field's absolute value always passes
 *   (absoluteFloor); in c, the bound adds the c difference that T's accepted difference drives by
 *   Soret (soretResponse, cAgrees);
 * - schemes at a matched time (t = 20 forward-Euler steps at its automatic step): from the state
 *   a fine reference (forward Euler at a tenth of its step) reaches at t, euler (20 steps), rkl2
 *   (4 super-steps of t/4) and implicit (20 steps of t/20, BDF2) each end within SCHEMES_AGREE of
 *   the change over [t, 2t] from the fine reference at 2t. Why from t, not from 0: the draws start
 *   from discontinuous regions, whose grid-scale modes decay within a few dt_FE. RKL2 is not
 *   L-stable: its stability polynomial a_s + b_s T_s(w0 + w1 z) reaches 1 at every extremum of T_s
 *   across the stiff range, so a super-step leaves some of those modes undamped where the exact
 *   solution has none. From the start, at t/4 (5 stages), that error was 11-12 % of the change over
 *   t (seed 2026: 33x1, 8x16), 5.7 % at t/8, 1e-5..9e-4 at t/20; a property of the scheme, not a
 *   defect to fit a tolerance to. After the transient the same 4 super-steps are within 5.6e-5 and
 *   3.0e-3 of the change on those two;
 * - the jump equals the long-run state: implicit steps ramped from tau_slow / 65536, doubling, to
 *   2 tau_slow, then 30 of 2 tau_slow (60 relaxation times), then doubling from 4 tau_slow to
 *   65536 tau_slow (refusal.ts LONG_RUN_LAST: tau_slow is the reference state's; seed 2075 #30
 *   relaxed ~100x slower at the states reached), each judged as the command line
 *   judges it, from the same start, within JUMP_LONG_RUN of the steady fields' span (or of the
 *   start's distance from them, where that is larger; in T, an agreement within JUMP_T_FLOOR T0
 *   passes, in c, within JUMP_C_FLOOR). Skipped where the reference's jump reached a state it
 *   refuses (that refusal is judged instead).
 *
 * An implicit step that does not converge passes "implicit steps converge, or head beyond the
 * second-law bound" only where the states reached have no well-posed physics: k_eff < 0
 * (beyondSecondLaw), or, in an unphysical run (explicit D_F), an eigenvalue of the transport
 * matrix <= 0 (beyondParabolic). Not a tolerance: a sign.
 */
import { GpuSimulation, type GpuContext } from '../../src/gpu/solver';
import { nullChannels } from '../../src/physics/implicit';
import { wallConstantsOf } from '../../src/physics/discretisation';
import { ReferenceSimulation } from '../../src/physics/reference';
import { assessRun, C_ROUNDOFF, solveAccepted, solveFailure } from '../../src/physics/run-checks';
import { secondLawOver } from '../../src/physics/derived';
import { SIDES } from '../../src/physics/scenario';
import type { FieldSimulation, SimStats, SolveReport } from '../../src/physics/simulation';
import { steadyStateProblems } from '../../src/physics/steady';
import { eigen2, transportMatrix } from '../../src/physics/thermo';
import { validateScenario, type Validated } from '../../src/physics/validate';
import type { Json } from './arbitrary';
import { jumpRefusalJustified, longRunSchedule, refusalKind, stepsRefusalJustified, unconvergedStepJustified, type Justification } from './refusal';

export const CONSERVE_CPU = 1e-9;
export const CONSERVE_GPU = 2e-5;
/**
 * Implicit steps and the jump conserve up to their solve's residual (a fixed schedule of
 * defect-correction iterations per step; the jump to JUMP_TOLERANCE = 1e-5), on either backend.
 */
export const CONSERVE_SOLVE = 1e-5;

/**
 * How far a closed total may change over a GPU run [-]: the solve's share (CONSERVE_SOLVE, with a
 * jump or implicit steps) plus forward Euler's or RKL2's float32 share over the passes of their
 * steps (float32Tolerance of CONSERVE_GPU); a jump followed by explicit steps has both. `jumped`:
 * a jump was taken (one refused for want of a steady state changes nothing: sweep seed 2112 #38,
 * 8 x 13 periodic with sources of net -1e-251 W/m, whose rkl2 run changed its solute by 1.03e-5
 * and was held to the solve's 1e-5 although no jump was taken).
 */
export function gpuConserveTolerance(scheme: string, jump: boolean, explicitPasses: number): number {
  const solve = jump || scheme === 'implicit' ? CONSERVE_SOLVE : 0;
  return solve + (scheme === 'implicit' ? 0 : float32Tolerance(CONSERVE_GPU, explicitPasses));
}
export const GPU_CPU = 1e-3;
/** float32's unit round-off (2^-24). */
export const EPS32 = 2 ** -24;
/**
 * The float32 round-off an explicit GPU run of `passes` stencil passes (one per Euler step, s per
 * RKL2 step) may accumulate, for the closed-channel and GPU = CPU checks. Every pass rounds each
 * cell's stored deviation to float32, and that rounding is neither conservative nor the float64
 * reference's: in the worst case one rounding (EPS32 of the state) per pass adds up linearly. The
 * concentration's mobility c(1-c) is computed from a rounded c, relatively off by
 * EPS32 / min(c, 1 - c), which divides the c bound by the state's smallest margin `cMargin` from
 * 0 or 1 (1 for T and the totals). CONSERVE_GPU and GPU_CPU stay the floor. Seed 2026, rkl2 at
 * 1001 stages x 2 steps: a closed total drifted 2.7e-5 (bound 1.2e-4; above CONSERVE_GPU), and
 * at c up to 0.999 the GPU's c was 1.9e-3 of its excursion off the reference (bound 0.12).
 */
export function float32Tolerance(floor: number, passes: number, cMargin = 1): number {
  return Math.max(floor, Math.min(FLOAT32_CAP, (EPS32 * passes) / Math.max(cMargin, EPS32)));
}
/**
 * The float32 error of RKL2 super-steps in passes of float32Tolerance: `steps` steps of s stages
 * count s (s + 1) each. A super-step evaluates a_s + b_s P_s(1 + w1 z) (physics/rkl2.ts) through its
 * stage recursion; in float32 its argument (and the stage coefficients) carry a relative rounding
 * of ~2^-23, a shift of ~2 x 2^-23 in 1 + w1 z at the stiff end, where the Legendre polynomial's
 * slope is P_s'(1) = s (s + 1) / 2 (b_s ~ 1/2): the float32 polynomial differs from the float64 one
 * by up to s (s + 1) EPS32 there, and the modes there are those RKL2 leaves undamped (the schemes'
 * check below), a part of the field's excursion. Measured against the float64 reference (sweep
 * seed 2050): 226 x 1, s = 1001, 2 steps: T 1.64e-3 of the excursion; at dt/4 (s = 501, 8 steps)
 * 6.6e-4, at dt/16 1.2e-4; 215 x 1, c: 2.46e-3 at s = 1001, 6.2e-5 at dt/4. The bound here
 * (EPS32 x 2 x 1001 x 1002 = 0.12, capped at FLOAT32_CAP) holds them with margin; at s <= 100 it
 * stays below GPU_CPU. Loose at s ~ 1000 (a tenth): #41 and #80 also pass by absoluteFloor alone;
 * seed 2056 #25 (211 x 1, T 1.32e-3), #72 (54 x 1, T 1.02e-3), 2055 #83 (3 x 7, c 1.20e-3) and 2058
 * #50 (5 x 16, c 2.24e-3, after a float64 jump that oscillated) need it.
 *
 * Measured growth with s (bench/rkl2-float32.ts: one smooth 32 x 16 closed box, Du Sr = 0.5, one
 * super-step of s stages from the same float32-exact state, GPU (SwiftShader) against the float64
 * reference, difference over the excursion / EPS32): s = 11, 31, 101, 301, 1001: T 3.4, 24, 32, 48,
 * 324; c 1.3, 13, 48, 402, 984 (after 3 super-steps, per step: T 1.3, 13, 26, 26, 452; c 0.55, 1.2,
 * 15, 221, 766). Growth ~s in T and ~s^1.5 in c (exponent 1.0 and 1.5 over s = 11..1001), not
 * s^2: at s = 1001 the error is 3e-4..1e-3 of s (s + 1) EPS32. The form s (s + 1) stays the bound
 * (it is the argued worst case: every rounding at the stiff end at the polynomial's full slope), but
 * at s ~ 1000 it says nothing (the 0.1 cap), so the stage-recursion term is capped at
 * RKL2_FLOAT32_CAP instead (see there).
 */
export function rkl2Float32Passes(steps: number, stages: number): number {
  return steps * stages * (stages + 1);
}
/**
 * The most the RKL2 stage-recursion term (rkl2Float32Passes) allows, in place of FLOAT32_CAP: the
 * largest difference measured at s = 1001 (2.46e-3 of the excursion: seed 2050, 215 x 1, c, two
 * super-steps from a discontinuous start, before the ramp of physics/rkl2.ts rkl2Substeps), grown
 * as s^1.5 (the measured growth above) to the largest stage count a scenario may ask for (2001:
 * x 2.83): 7.0e-3, rounded up to 0.01. After the ramp (the first step's substeps have fewer
 * stages, and no undamped jump to round) the draws that needed the 0.1 cap measure: seed 2050 #41
 * T 1.7e-6 (was 1.64e-3), #80 c 1.65e-4 (was 2.46e-3), 2056 #25 T 7.73e-4 (was 1.32e-3), #72 T
 * 5.63e-4 (was 1.02e-3), 2055 #83 c 4.94e-4 (was 1.20e-3), 2058 #50 c 9.34e-4 (was 2.24e-3); seed
 * 2075's 16 draws at s = 1001 (7 after a jump) at most c 5.0e-4, T 2.4e-5: all within GPU_CPU.
 * Seed 2097 #1 (255 x 1, a jump, then 2 x 1001 stages: T 1.45e-2) was no recursion error: the two
 * backends' jumps were already 1.2e-2 of the span apart (the float64 refinement stopped at a rise of
 * its residual, physics/implicit.ts stillFalling); with both on the fixed point, T 7.0e-5, c 9.8e-5.
 */
export const RKL2_FLOAT32_CAP = 0.01;
/**
 * The excursion floor of the GPU = CPU check that lets a difference of EPS32 |Y| pass (Y: the
 * field's largest absolute value, T or c): the GPU stores deviations from T0 and c0, but evaluates
 * every coefficient (mobility c (1 - c), gas factor, T^2 of the Dufour term) and its solves'
 * round-off bound (physics/implicit.ts residualReport) from T0 + u and c0 + v rounded to float32,
 * so it cannot place a field closer than one rounding of its absolute value. Seed 2051 #29 (243 x 1,
 * implicit, c0 = 0.644, Soret moving c by 4.6e-8 in all): c 1.09e-9 off the reference, 1/35 of
 * EPS32 |c|, read as 1.09e-3 against the former fixed floor of 1e-6 (allowing 1e-9).
 */
export const absoluteFloor = (largest: number) => (EPS32 * Math.abs(largest)) / GPU_CPU;
/**
 * The c difference that T's difference dT(x) = T_gpu - T_cpu (one the T check accepted) drives
 * through the Soret flux, in absolute c: |S_T| max c (1 - c) (max(dT, 0) - min(dT, 0)), the range
 * of dT and 0 (at most 2 max |dT|; the former bound was 2 |S_T| max c (1 - c) max |dT|).
 *
 * Derivation. c obeys c_t = div(D grad c + D S_T m grad T), m = c (1 - c). Subtract the CPU's
 * equation from the GPU's: the c difference w obeys, to first order in (w, dT),
 *   w_t = div(D grad w + D S_T m grad dT) + div(D S_T (1 - 2c) w grad T).
 * Take m uniform (frozen at its largest value M) and leave out the last term (the mobility's
 * change with w: second order where the Soret drift S_T grad T is weak, as where c's own
 * excursion is tiny, the only place this bound is needed). Then z = w + S_T M dT obeys
 *   z_t = div(D grad z) + S_T M dT_t,
 * with the walls' conditions of w (closed: D grad z . n = 0, the Soret flux included; held c:
 * w = 0, so z = S_T M dT there). Both runs start from the same state (w = dT = 0, z = 0).
 * - dT arising at once and held after (dT_t = 0 from then on; the steady state after a jump is
 *   the limit): the maximum principle keeps z within the range of its values at the start (0,
 *   then S_T M dT as dT arises with w unchanged) and at the walls (S_T M dT), so w = z - S_T M dT
 *   lies within [lo - S_T M dT(x), hi - S_T M dT(x)], [lo, hi] the range of S_T M dT and 0:
 *   |w| <= |S_T| M (max(dT, 0) - min(dT, 0)). Steady and closed it is exact, whatever m(x):
 *   then logit c + S_T T is uniform (no flux; physics/faces.ts closedWallDeltaC), so
 *   logit c_gpu - logit c_cpu = K - S_T dT(x) with K a weighted mean of S_T dT (the solute is
 *   the same), and |w(x)| <= m(x) |S_T| (max dT - min dT): equality where dT is +a in one cell
 *   and -a in all N - 1 others (w = 2 |S_T| m a (1 - 1/N) there); the factor 2 is derived, and
 *   reached only where dT changes sign.
 * - dT growing from 0 in a fixed shape (dT = theta(t) dT*(x), theta rising from 0 to 1, as
 *   round-off accumulates): the source S_T M theta_t dT* and the start z = 0 lie in the range of
 *   S_T M dT* and 0, so does z, and the same bound holds.
 * - A dT that rose and fell back, or moved about, within the run is not bounded by its final
 *   value: z collects |S_T| M times the sum over steps of max |dT^(n+1) - dT^n|. The check sees
 *   only the end, so it bounds the first two cases, and a T difference that wandered is held to
 *   the T check alone.
 * Discretely: a backward-Euler step's matrix I - dt L is an M-matrix, a forward-Euler step within
 * its stability limit has weights >= 0, and the steady state (the jump) solves L z = 0: each keeps
 * the maximum principle, so the bound holds on the grid; BDF2 and RKL2 steps are not monotone,
 * and there it is the bound of the problem they approximate. All to first order in dT: where
 * |S_T| (max dT - min dT) is not small, c (1 - c) changes along the shift of logit c.
 *
 * Tight (test/unit/sweep-check.test.ts): a closed 32 x 1 row at c = 0.5, T held (k tiny), dT
 * = +a in one cell: w rises to 0.969 of the bound (1 - 1/32; of the former bound: 0.48), and +a
 * in one cell, -a in the 31 others: 0.969 of it as well. Where Soret moves c by far less than
 * this (c's excursion tiny), T's accepted float32 difference sets c's: seed 2068 #9 (243 x 1
 * periodic, a source heating T from 138 K to 1500 K, S_T = -10, c0 = 0.001, c's excursion
 * 3.5e-9): the GPU's T 1.4e-3 K off the float64 reference's (1.6e-6 of its excursion, accepted;
 * one-signed), its c 1.92e-7 off (0.19 of the floor 1e-6), within this bound's 1.43e-5 (the
 * former: 2.86e-5).
 *
 * `c`: the CPU's c per cell; `Tgpu`, `Tcpu`: the two T fields.
 */
export function soretResponse(soret: number, c: ArrayLike<number>, Tgpu: ArrayLike<number>, Tcpu: ArrayLike<number>): number {
  let mobility = 0;
  let above = 0;
  let below = 0;
  for (let i = 0; i < c.length; i++) {
    mobility = Math.max(mobility, c[i] * (1 - c[i]));
    above = Math.max(above, Tgpu[i] - Tcpu[i]);
    below = Math.min(below, Tgpu[i] - Tcpu[i]);
  }
  return Math.abs(soret) * mobility * (above - below);
}
/**
 * Whether c's GPU = CPU difference `diff` (absolute) is within its two sources' bounds added:
 * c's own (`tolerance` of its scale, the excursion or its floor: scaledDiff) and the share T's
 * accepted difference drives through the Soret flux (`soret`, soretResponse). The c difference
 * obeys a linear equation to first order, forced by both, so their bounds add; either alone was
 * the former rule. Sweep 2271 #42 (2 x 27, a flux wall heating T from 556 K to 3451 K, S_T = 6.3
 * 1/K, c's excursion 0.42): T 3.8e-4 K off (one float32 rounding of |T|, accepted), c 6.4e-4
 * off, above both 4.2e-4 (1e-3 of c's excursion) and 5.1e-4 (by Soret), within their sum.
 */
export function cAgrees(diff: number, scale: number, tolerance: number, soret: number): boolean {
  return diff <= tolerance * scale + soret;
}

/**
 * The most float32Tolerance allows: a tenth of the quantity, where the bound above (c at 0 or 1,
 * thousands of passes) would say nothing. A GPU field a tenth off its reference is never accepted.
 */
export const FLOAT32_CAP = 0.1;
export const SCHEMES_AGREE = 0.05;
export const JUMP_LONG_RUN = 1e-3;
/** Steps of the schema's largest dt at most after the long run's tail, while it still settles (checkScenario). */
export const LONG_RUN_SETTLE = 200;
/**
 * Absolute agreement of the jump = long-run comparison in T that passes whatever the scale, per K
 * of T0 [-] (1 ppm): where nothing drives T (its steady span and the start's distance from it
 * vanish) the two states differ only by their solves' residuals. 30 implicit steps that each stop
 * at their tolerance left T 5.4e-6 K off at T0 = 50 K (seed 2026's shrunk case; the jump 2.5e-8 K);
 * against the former scale floor of 1e-9 T0 that read as "100 % off".
 */
export const JUMP_T_FLOOR = 1e-6;
/**
 * The same absolute agreement in c (mass fraction, 1 ppb): where nothing drives c (its steady span
 * and the start's distance from it vanish) the jump and the long run differ only by their solves'
 * residuals, which the long run's steps leave at their tolerance. Seed 2064 #48 (252 x 1, mass
 * closed, T uniform along the channel, c = c0 = 0.4685 the exact steady state): the jump lands on
 * c0 exactly, the long run 1.7e-12 off, which against the former scale floor of 1e-9 read as
 * 1.7e-3 of the scale, "off".
 */
export const JUMP_C_FLOOR = 1e-9;

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ScenarioOutcome {
  refused: boolean;
  checks: CheckResult[];
  /**
   * Invariants not checked because an earlier check of the same backend made its fields
   * meaningless (a jump that did not converge, a run the product refused): one failure is counted
   * once, and what follows it is counted as skipped, not as checked.
   */
  skipped: string[];
}

export interface CheckOptions {
  /** A device for the GPU = CPU checks (omitted: CPU only). */
  gpu?: GpuContext;
  /** Euler steps per run (rkl2 and implicit take a tenth, at least 2). */
  steps?: number;
  /** Jump to the steady state before stepping (both backends). */
  jump?: boolean;
  /**
   * The backend checked against the CPU reference in place of the GPU (label "gpu"); tests pass a
   * deliberately wrong one to show the checks can fail. Default: GpuSimulation on `gpu`.
   */
  backend?: (v: Validated) => Promise<FieldSimulation>;
}

const STEPS = { euler: 20, rkl2: 2, implicit: 3 } as const;

/** The largest |a - b| and the largest |b - offset| (b's excursion from offset; offset 0: b's largest |value|). */
export function fieldsDiff(a: ArrayLike<number>, b: ArrayLike<number>, offset: number): { diff: number; scale: number } {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i] - offset));
  }
  return { diff, scale };
}

/**
 * The largest |a - b| (`diff`), its scale (the larger of b's excursion from `offset` and `floor`) and
 * their ratio (`relative`).
 */
function scaledDiff(a: ArrayLike<number>, b: ArrayLike<number>, offset: number, floor: number): { diff: number; scale: number; relative: number } {
  const d = fieldsDiff(a, b, offset);
  const scale = Math.max(d.scale, floor);
  return { diff: d.diff, scale, relative: d.diff / scale };
}

function spanOf(a: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    lo = Math.min(lo, a[i]);
    hi = Math.max(hi, a[i]);
  }
  return hi - lo;
}

/** Which totals the walls and sources keep. */
export function closedChannels(v: Validated): { mass: boolean; heat: boolean } {
  const s = v.scenario;
  const mass = SIDES.every((side) => s.boundaries[side].mass.type !== 'concentration');
  const heat =
    !(s.sources ?? []).length &&
    SIDES.every((side) => {
      const h = s.boundaries[side].heat;
      return h.type === 'periodic' || (h.type === 'flux' && h.value === 0);
    });
  return { mass, heat };
}

function withTime(v: Validated, scheme: string, dt: number | 'auto'): Validated | null {
  const r = validateScenario({ ...v.scenario, time: { ...v.scenario.time, scheme, dt } });
  return r.ok ? r.value : null;
}

async function statesOf(sim: FieldSimulation): Promise<{ T: ArrayLike<number>; c: ArrayLike<number> }> {
  return { T: (await sim.readField('T')).data, c: (await sim.readField('c')).data };
}

/** Checks one scenario file; never throws (a throw inside a run is recorded as a failed check). */
export async function checkScenario(raw: Json, o: CheckOptions = {}): Promise<ScenarioOutcome> {
  const checks: CheckResult[] = [];
  const record = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const r = validateScenario(raw);
  if (!r.ok) {
    const bad = r.problems.filter((p) => !p.path || !p.message.includes(p.path));
    record('a refusal names a field', r.problems.length > 0 && bad.length === 0, bad.length ? `unnamed: ${bad.map((p) => p.message).join('; ')}` : r.problems[0].message);
    return { refused: true, checks, skipped: [] };
  }
  const v = r.value;
  const { T0, c0 } = v.scenario.reference;
  const scheme = v.scenario.time.scheme;
  const steps = scheme === 'euler' ? (o.steps ?? STEPS.euler) : Math.max(2, Math.round((o.steps ?? STEPS.euler) / 10));
  const jumpable = steadyStateProblems(v).length === 0;
  const jump = o.jump === true;
  const closed = closedChannels(v);
  // a refused jump (no steady state) leaves the fields alone: only a jump taken is a solve
  const jumped = jump && jumpable;
  const solved = jumped || scheme === 'implicit';

  const skipped = new Set<string>();
  /** The CPU reference's jump converged to a state it refuses (assessRun). */
  let referenceJumpRefused = false;
  /** What `label`'s fields would have been checked for; skipped after a failure that voids them. */
  const skip = (label: string, extra: string[] = []) => {
    for (const name of [
      ...extra,
      `${label}: finite`,
      `${label}: T > 0`,
      `${label}: c in [0, 1]`,
      ...(v.derived.unphysical ? [] : [`${label}: sigma >= 0 (physical)`]),
      ...(closed.mass ? [`${label}: closed mass conserved`] : []),
      ...(closed.heat ? [`${label}: closed energy conserved`] : []),
    ])
      skipped.add(name);
    if (o.gpu || o.backend) skipped.add('gpu = cpu reference');
  };
  // A refusal's justification depends on the scenario, the phase and the kind, not the backend.
  const verdicts = new Map<string, Justification>();
  /** The product refused a run (assessRun): is the refusal justified by the input? */
  const judgeRefusal = async (label: string, phase: 'jump' | 'steps', message: string, from: { T: ArrayLike<number>; c: ArrayLike<number> } | null, duration: number) => {
    const kind = refusalKind(message);
    const key = `${phase}: ${kind}`;
    let j = verdicts.get(key);
    if (!j) {
      j = phase === 'jump' ? jumpRefusalJustified(v, kind) : await stepsRefusalJustified(v, kind, from ?? initialFields(), duration);
      verdicts.set(key, j);
    }
    record(`${label}: refusal justified`, j.justified, `${phase === 'jump' ? 'after the jump: ' : ''}${message}; ${j.detail}`);
  };
  /** The scenario's initial fields (the start of a run without a jump). */
  const initialFields = () => {
    const s0 = new ReferenceSimulation(v);
    const f = { T: s0.fieldNow('T'), c: s0.fieldNow('c') };
    s0.destroy();
    return f;
  };

  /**
   * One backend's run, judged as the command line judges it (assessRun). null: the run ended in a
   * failure or a refusal (recorded), and its fields are not checked further.
   */
  const run = async (sim: FieldSimulation, label: string): Promise<{ start: SimStats; steps: SimStats; end: SimStats; solve: SolveReport | null } | null> => {
    try {
      const start = await sim.stats();
      // where the steps start: after the jump, if any
      let stepsFrom = start;
      let solve: SolveReport | null = null;
      let from: { T: ArrayLike<number>; c: ArrayLike<number> } | null = null;
      if (jump) {
        if (!jumpable) {
          let msg = '';
          await sim.jumpToSteadyState().then(
            () => (msg = 'accepted'),
            (e: Error) => (msg = e.message),
          );
          record(`${label}: a refused jump names a field`, /^(boundaries|obstacles|grid\.nx|grid\.ny)[.:]/.test(msg), msg);
        } else {
          solve = await sim.jumpToSteadyState();
          const converged = solveAccepted(solve);
          // A jump whose exact pseudo-time path left [0, 1] is refused for that (run-checks.ts
          // solveFailure), a refusal the long run must back like any other; else it must converge.
          const leftBounds = !converged && solve.pathLeftBounds !== undefined;
          if (!leftBounds) record(`${label}: the jump converges`, converged, `relative residual ${solve.relative.toExponential(2)}${solve.stalled ? ' (stalled)' : ''}`);
          if (!converged) {
            if (leftBounds) await judgeRefusal(label, 'jump', solveFailure(solve)!, null, 0);
            skip(label, scheme === 'implicit' ? [`${label}: implicit steps converge, or head outside the model`] : []);
            return null;
          }
          const refused = assessRun(v, await sim.stats(), solve).failure;
          if (refused) {
            if (label === 'cpu') referenceJumpRefused = true;
            await judgeRefusal(label, 'jump', refused.message, null, 0);
            skip(label, scheme === 'implicit' ? [`${label}: implicit steps converge, or head outside the model`] : []);
            return null;
          }
          from = await statesOf(sim);
          stepsFrom = await sim.stats();
        }
      }
      // implicit steps one at a time, each solve judged as the command line judges it
      let unsolved: string | null = null;
      let worst = 0;
      if (scheme === 'implicit') {
        for (let k = 0; k < steps; k++) {
          await sim.step(1);
          await sim.stats(); // refreshes the GPU's lastSolve
          unsolved ??= sim.lastSolve ? solveFailure(sim.lastSolve) : null;
          worst = Math.max(worst, sim.lastSolve?.relative ?? 0);
        }
      } else await sim.step(steps);
      const end = await sim.stats();
      if (scheme === 'implicit' && !unsolved) record(`${label}: implicit steps converge, or head outside the model`, true, `${steps} steps, largest relative residual ${worst.toExponential(2)}`);
      if (unsolved) {
        // A step that did not converge is a failure (exit 3 on the command line), never a result.
        // It is the right answer only where the states it heads for have no well-posed physics:
        // beyond the second-law bound (k_eff < 0: anti-diffusion), e.g. sources heating a closed
        // domain from 149 K to 5300 K in one step of tau/20 (seed 2026, 214x1).
        // Or where the fine reference from the failed step's start (the state it left) leaves them within
        // the step: T <= 0, c outside [0, 1] or the second law (refusal.ts unconvergedStepJustified).
        let ill = beyondSecondLaw(end);
        let why = '';
        if (ill === null) {
          const key = 'implicit step: outside the model'; // not judgeRefusal's `${phase}: ${kind}` keys
          let j = verdicts.get(key);
          if (!j) {
            j = await unconvergedStepJustified(v, await statesOf(sim), v.derived.dt);
            verdicts.set(key, j);
          }
          if (j.justified) ill = j.detail;
          else why = `; ${j.detail}`;
        }
        record(`${label}: implicit steps converge, or head outside the model`, ill !== null, ill ?? `${unsolved}${why}`);
        skip(label);
        return null;
      }
      // The product's verdict on the states reached (T <= 0, c outside [0, 1], non-finite, second law)
      const refused = assessRun(v, end, sim.lastSolve).failure;
      if (refused) {
        await judgeRefusal(label, 'steps', refused.message, from, end.simTime - start.simTime);
        skip(label);
        return null;
      }
      return { start, steps: stepsFrom, end, solve };
    } catch (e) {
      record(`${label}: runs without throwing`, false, (e as Error).message);
      skip(label);
      return null;
    }
  };

  /** Why the states reached are beyond the second-law bound validation checked (null: they are not). */
  const beyondSecondLaw = (s: SimStats): string | null => {
    if (s.nonFinite > 0) return null;
    const T: [number, number] = [Math.min(s.T.min, v.derived.checkedT.lo), Math.max(s.T.max, v.derived.checkedT.hi)];
    const cs = [s.c.min, s.c.max, 0.5].filter((x) => x > 0 && x < 1);
    if (v.derived.unphysical) return beyondParabolic(T, cs);
    const law = secondLawOver(v.derived.material, T, cs);
    return law.ok ? null : `T reached [${s.T.min.toPrecision(4)}, ${s.T.max.toPrecision(4)}] K: at ${law.worstT.toPrecision(4)} K k_eff = ${law.worstKeff.toPrecision(3)} W/(m K) < 0`;
  };

  /**
   * An unphysical run (explicit D_F: the transport matrix A is not symmetric, and its symmetric
   * part, which the second-law check reads, says nothing about well-posedness) is ill-posed where
   * an eigenvalue of A has a real part <= 0 (backward diffusion of that mode: not parabolic), at
   * the same states beyondSecondLaw samples. Sweep seed 2060 draw 66 (250 x 1, D_F = -3e-5, a
   * heat-flux wall heating from 299 K): the slow eigenvalue at c = 0.5 crosses 0 between 310 and 341 K; the
   * step that fails heads there (its last good state: 341 K, -1.7e-5 m^2/s at c = 0.5).
   */
  const beyondParabolic = (T: readonly number[], cs: readonly number[]): string | null => {
    for (const t of T) {
      for (const c of cs) {
        const e = eigen2(transportMatrix(v.derived.material, t, c));
        if (e.minus <= 0) return `T reached [${T[0].toPrecision(4)}, ${T[1].toPrecision(4)}] K: at ${t.toPrecision(4)} K, c = ${c.toPrecision(3)} the transport matrix has an eigenvalue ${e.minus.toPrecision(3)} m^2/s <= 0 (not parabolic)`;
      }
    }
    return null;
  };

  const stand = (label: string, s: SimStats, gpu: boolean) => {
    record(`${label}: finite`, s.nonFinite === 0 && s.firstNonFiniteStep === null, `${s.nonFinite} non-finite cells`);
    if (s.nonFinite > 0) return;
    record(`${label}: T > 0`, s.T.min > 0, `T min ${s.T.min}`);
    record(`${label}: c in [0, 1]`, s.c.min >= -C_ROUNDOFF && s.c.max <= 1 + C_ROUNDOFF, `c in [${s.c.min}, ${s.c.max}]`);
    if (!v.derived.unphysical) {
      const tol = (gpu ? 1e-6 : 1e-12) * Math.max(Math.abs(s.sigma.max), 1e-300);
      record(`${label}: sigma >= 0 (physical)`, s.sigma.min >= -tol, `sigma min ${s.sigma.min}, max ${s.sigma.max}`);
    }
  };

  const conserve = (label: string, a: SimStats, b: SimStats, tol: number) => {
    const rho = v.scenario.mixture.rho;
    const area = v.scenario.grid.width * v.scenario.grid.height;
    if (closed.mass) {
      const scale = Math.max(Math.abs(a.solute), rho * area * 1e-6);
      const rel = Math.abs(b.solute - a.solute) / scale;
      record(`${label}: closed mass conserved`, rel <= tol, `relative change ${rel.toExponential(2)} (tolerance ${tol})`);
    }
    if (closed.heat) {
      const excursion = Math.max(Math.abs(a.T.max - T0), Math.abs(a.T.min - T0), 1e-3 * T0);
      const scale = rho * v.scenario.mixture.cp * area * excursion;
      const rel = Math.abs(b.energy - a.energy) / scale;
      record(`${label}: closed energy conserved`, rel <= tol, `relative change ${rel.toExponential(2)} (tolerance ${tol})`);
    }
  };

  // CPU reference (float64)
  const cpu = new ReferenceSimulation(v);
  const c = await run(cpu, 'cpu');
  if (c) {
    stand('cpu', c.end, false);
    if (c.end.nonFinite === 0) conserve('cpu', c.start, c.end, solved ? CONSERVE_SOLVE : CONSERVE_CPU);
  }

  // GPU = CPU reference; a GPU run the product accepts is checked whatever the CPU's verdict
  const second = o.backend ?? (o.gpu ? (w: Validated) => GpuSimulation.create(o.gpu as GpuContext, w) : null);
  if (second) {
    let gpu: FieldSimulation | null = null;
    try {
      gpu = await second(v);
      const g = await run(gpu, 'gpu');
      if (g) {
        stand('gpu', g.end, true);
        // the CPU run failed or was refused (recorded): the GPU's run is checked on its own
        const closedTolerance = gpuConserveTolerance(scheme, jumped, g.end.passes - g.steps.passes);
        if (g.end.nonFinite === 0 && !c) conserve('gpu', g.start, g.end, closedTolerance);
        if (g.end.nonFinite === 0 && c) {
          const passes = g.end.passes - g.start.passes;
          conserve('gpu', g.start, g.end, closedTolerance);
          const a = await statesOf(gpu);
          const b = await statesOf(cpu);
          const dT = scaledDiff(a.T, b.T, T0, Math.max(1e-6 * T0, absoluteFloor(c.end.T.max))).relative;
          const cDiff = scaledDiff(a.c, b.c, c0, Math.max(1e-6, absoluteFloor(c.end.c.max)));
          const dc = cDiff.relative;
          const margin = Math.min(c.start.c.min, 1 - c.start.c.max, c.end.c.min, 1 - c.end.c.max);
          // rkl2 (after a jump too): its stage recursion's float32 bound (rkl2Float32Passes), capped at RKL2_FLOAT32_CAP
          const explicit = scheme === 'implicit' ? 0 : g.end.passes - g.steps.passes;
          const recursion = scheme === 'rkl2' ? rkl2Float32Passes(steps, v.derived.stages) : 0;
          const tolOf = (cMargin?: number) => Math.max(float32Tolerance(GPU_CPU, explicit, cMargin), Math.min(RKL2_FLOAT32_CAP, float32Tolerance(GPU_CPU, recursion, cMargin)));
          const tolT = tolOf();
          const tolC = tolOf(margin);
          // c's share of T's own accepted difference through the Soret flux (soretResponse)
          const dcSoret = soretResponse(v.scenario.mixture.soret, b.c, a.T, b.T);
          const cOk = cAgrees(cDiff.diff, cDiff.scale, tolC, dcSoret);
          record('gpu = cpu reference', dT <= tolT && cOk, `T ${dT.toExponential(2)}, c ${dc.toExponential(2)} (tolerance ${tolT.toPrecision(2)}, ${tolC.toPrecision(2)}; c ${cDiff.diff.toExponential(2)} absolute, within ${(tolC * cDiff.scale).toExponential(2)} own + ${dcSoret.toExponential(2)} by Soret from T's)`);
        }
      }
    } catch (e) {
      record('gpu: runs without throwing', false, (e as Error).message);
    } finally {
      gpu?.destroy();
    }
  }
  cpu.destroy();

  // Schemes agree at a matched time (physical scenarios, CPU reference)
  if (!v.derived.unphysical) await schemesAgree(v, record);
  // The jump equals the long-run state, where the reference's jump reached a state it stands
  // behind: a state it refuses (beyond the second-law bound, T <= 0, ...) is judged by "refusal
  // justified", and comparing it with a long run in the same regime compares two states the model
  // does not define (sweep 2264 #8: both beyond the second-law bound, k_eff < 0, 75 x the span apart).
  if (jumped && !referenceJumpRefused) await jumpIsLongRun(v, record);
  else if (jumped) skipped.add('the jump = the long-run state');
  const checked = new Set(checks.map((k) => k.name));
  return { refused: false, checks, skipped: [...skipped].filter((name) => !checked.has(name)) };
}

async function schemesAgree(v: Validated, record: (n: string, ok: boolean, d: string) => void): Promise<void> {
  const euler = withTime(v, 'euler', 'auto');
  if (!euler) return;
  const t = 20 * euler.derived.dt;
  // the reference: forward Euler at a tenth of its step, 200 steps over [0, t] (the start's
  // transient: a discontinuous start's grid-scale modes decay in a few dt_FE), 200 over [t, 2t]
  const fineV = withTime(v, 'euler', t / 200);
  if (!fineV) return;
  const fine = new ReferenceSimulation(fineV);
  fine.advance(200);
  const start = { T: fine.fieldNow('T'), c: fine.fieldNow('c') };
  fine.advance(200);
  const ref = { T: fine.fieldNow('T'), c: fine.fieldNow('c') };
  fine.destroy();
  if (![...start.T, ...start.c, ...ref.T, ...ref.c].every(Number.isFinite)) return;
  const changeT = fieldsDiff(ref.T, start.T, 0).diff;
  const changeC = fieldsDiff(ref.c, start.c, 0).diff;
  for (const [scheme, n] of [['euler', 20], ['rkl2', 4], ['implicit', 20]] as const) {
    const w = scheme === 'euler' ? euler : withTime(v, scheme, t / n);
    if (!w) continue; // e.g. rkl2 with complex eigenvalues: refused, checked elsewhere
    const sim = new ReferenceSimulation(w);
    await sim.writeField('T', start.T);
    await sim.writeField('c', start.c);
    sim.advance(n);
    const dT = fieldsDiff(sim.fieldNow('T'), ref.T, 0).diff / Math.max(changeT, 1e-9 * w.scenario.reference.T0);
    const dc = fieldsDiff(sim.fieldNow('c'), ref.c, 0).diff / Math.max(changeC, 1e-9);
    sim.destroy();
    record(`${scheme} at a matched time = the fine reference`, dT <= SCHEMES_AGREE && dc <= SCHEMES_AGREE, `T ${dT.toExponential(2)}, c ${dc.toExponential(2)} of the change over [t, 2t] (tolerance ${SCHEMES_AGREE})`);
  }
}

async function jumpIsLongRun(v: Validated, record: (n: string, ok: boolean, d: string) => void): Promise<void> {
  const jumped = new ReferenceSimulation(v);
  const start = { T: jumped.fieldNow('T'), c: jumped.fieldNow('c') };
  const rep = jumped.jumpNow();
  if (!solveAccepted(rep)) {
    jumped.destroy();
    return; // recorded as "the jump converges"
  }
  // The long run ramps its step from tau_slow / 65536, doubling, up to 2 tau_slow, then takes 30
  // steps of 2 tau_slow, then doubles again up to 65536 tau_slow (longRunSchedule); every step is
  // judged as the command line judges it. A first step of
  // 2 tau_slow from a start far from the steady state may have to move logit c further than its
  // iterations reach (seed 2040's 3 x 79 box, S_T = 10 1/K: 0.91 after 16 iterations, 60 % of
  // the closed solute lost, "c 1.00 off"); the ramp follows the transient instead.
  const schedule = longRunSchedule(v);
  if (!schedule.length) {
    jumped.destroy();
    return;
  }
  const run = new ReferenceSimulation(schedule[0]);
  let unsolved: string | null = null;
  /** One step of the long run; false (and `unsolved` set) where it did not converge. */
  const stepSolved = () => {
    run.advance(1);
    unsolved = run.lastSolve ? solveFailure(run.lastSolve) : null;
    return unsolved === null;
  };
  for (const [k, w] of schedule.entries()) {
    if (k > 0) run.setScenario(w);
    // The first step that did not converge decides the check; the steps after it (from the same
    // state, each twice as long, each retaken as substeps down towards dtLimit) would only add work.
    if (!stepSolved()) break;
  }
  // scale: the steady fields' span, or how far the start was from them, whichever is larger
  // a difference within JUMP_T_FLOOR T0 passes: the scale is at least JUMP_T_FLOOR T0 / JUMP_LONG_RUN
  const scaleTOf = (T: ArrayLike<number>) => Math.max(spanOf(T), fieldsDiff(start.T, T, 0).diff, (JUMP_T_FLOOR / JUMP_LONG_RUN) * v.scenario.reference.T0);
  const scaleCOf = (c: ArrayLike<number>) => Math.max(spanOf(c), fieldsDiff(start.c, c, 0).diff, JUMP_C_FLOOR / JUMP_LONG_RUN);
  // The tail's doubling stops at the schema's largest dt (1e9 s). Where the state relaxes more
  // slowly than that (sweep 2269 #99: tau_slow = 1.4e7 s, the solute e-folding in ~20 tau_slow
  // through its one open wall; after the last step of 8.9e8 s the long run was still 3.9e-3 of the
  // scale from the jump, moving towards it by a factor ~4 per step), steps of that dt go on until
  // the distance left, extrapolated from the last two changes (backward Euler contracts the slow
  // mode by a fixed ratio per step of a fixed dt), is below a tenth of the tolerance.
  let before = { T: run.fieldNow('T'), c: run.fieldNow('c') };
  let lastChange = Infinity;
  for (let k = 0; k < LONG_RUN_SETTLE && !unsolved; k++) {
    if (!stepSolved()) break;
    const now = { T: run.fieldNow('T'), c: run.fieldNow('c') };
    const change = Math.max(fieldsDiff(before.T, now.T, 0).diff / scaleTOf(now.T), fieldsDiff(before.c, now.c, 0).diff / scaleCOf(now.c));
    const ratio = change / lastChange;
    if (change === 0 || (k > 0 && ratio < 1 && (change * ratio) / (1 - ratio) <= JUMP_LONG_RUN / 10)) break;
    before = now;
    lastChange = change;
  }
  if (unsolved) {
    jumped.destroy();
    record('the jump = the long-run state', false, `the long run's implicit steps did not converge: ${unsolved}`);
    return;
  }
  const T = run.fieldNow('T');
  const c = run.fieldNow('c');
  const scaleT = scaleTOf(T);
  const scaleC = scaleCOf(c);
  const dT = fieldsDiff(jumped.fieldNow('T'), T, 0).diff / scaleT;
  const dc = fieldsDiff(jumped.fieldNow('c'), c, 0).diff / scaleC;
  jumped.destroy();
  run.destroy();
  record('the jump = the long-run state', dT <= JUMP_LONG_RUN && dc <= JUMP_LONG_RUN, `T ${dT.toExponential(2)}, c ${dc.toExponential(2)} of the larger of the steady span and the start's distance from it (tolerance ${JUMP_LONG_RUN})`);
}
