/**
 * The implicit scheme (physics.md 4): backward differentiation,
 *     M (a0 Y - a1 Y^n + a2 Y^{n-1}) / dt = tend(Y),
 * backward Euler (a = 1, 1, 0) for the first step and after any change of state, scenario or
 * dt, BDF2 (a = 3/2, 2, 1/2; second order and, like backward Euler, L-stable) for the steps that
 * follow. M = diag(rho cp, rho) and tend = (q - div Jq', -div J1) is the same flux-form operator
 * as the explicit schemes (walls, obstacles and sources included). The operator is nonlinear (the
 * coefficients depend on T and c), so each step iterates (defect correction)
 *     R(Y) = M (a0 Y - a1 Y^n + a2 Y^{n-1}) / dt - tend(Y),   J x = -R(Y),   T += x_T, c += g x_z
 * with the correction in T and z = logit c (g = c(1-c) = dc/dz at the current state; where |x_z|
 * exceeds MAX_LOGIT_STEP = 1 the cell's whole correction is scaled down to it, which keeps c inside
 * (0, 1) far from the solution) and J the
 * face fluxes written on differences of T and logit c (faces.ts faceMatrix) with coefficients
 * frozen at the current Y, walls by `wallJacobian`, time term diag(a0 rho cp, a0 rho g) / dt,
 * solved by multigrid V-cycles (multigrid.ts). In these variables the mass flux is
 * -rho D m_f d(logit c + S_T T) / d, so J is exact for it near the Soret equilibrium (strong
 * Soret separation converges as fast as weak). The fixed point is the exact nonlinear
 * backward-Euler state of the discrete scheme: J only sets how fast it is reached.
 *
 * dt = Infinity is the steady-state jump (backward Euler): M / dt = 0. Channels with no fixed
 * value at any wall (mass closed everywhere; heat insulated or fixed-flux everywhere) are then
 * singular: their totals are conserved and the steady state is the one with the starting totals.
 * The solver removes the fluid mean of the right-hand side in those channels, and shifts the
 * correction by a constant so that its change of the total (sum x_T; sum g x_z for mass) brings
 * the total back to the start's: the constant mode, which the coarsest level cannot fix, is never
 * excited, and the totals are restored at every iteration (exactly, once no correction is
 * clipped), in float32 as well.
 *
 * Time steps keep those totals too (`stepKeptChannels`): summed over fluid cells, the step's
 * equations read a0 (sum Y - sum Yb) M / dt = sum tend(Y), and where tend's sum is fixed (interior
 * faces cancel in pairs; closed mass walls pass nothing; heat: sources and flux walls,
 * `fixedHeatInflow`) that is a linear equation for the total alone. Each correction is shifted by
 * a constant so that the total after it is sum Yb + dt / (a0 rho cp) x the inflow (mass: sum Yb),
 * as the jump's is to its start's. Without it, a long dt leaves the time term (a0 rho cp / dt)
 * that pins the constant mode ~1e-15 of the transport terms; the float32 multigrid's rounding
 * then moved T uniformly by hundreds of kelvin per iteration, and that drift costs a residual of
 * only a0 rho cp / dt x the shift, far below the float32 round-off bound that the drifted
 * deviations themselves raise (sweep seed 2086 draw 56: 199 x 1 all periodic, dt = 5e7 s, T
 * 1244 K -> 2728 K accepted at a relative residual of 7.5e-3). Their right-hand side loses its mean
 * in those channels too, as the jump's does: the shift sets the correction's mean anyway, and
 * asking the multigrid for it asks the float32 V-cycles to resolve a mode pinned only by the time
 * term. A heated 221 x 1 channel (sweep 2238 #16, cells 1894:1, dt = 5e7 s, the time term 2e-12 of
 * the x faces') then left T 2000 K from uniform after every iteration of the GPU's step at dt, which
 * went to substeps where the CPU converged at dt in 6 iterations: c 3.2e-2 of its excursion apart.
 *
 * Residual measure: per channel, rms over fluid cells of R divided by the rms of the transport
 * terms every face carries (|k dT| for heat, |rho D dc| + |rho D_T c(1-c) dT| for mass, over h^2, plus |q|
 * and the time-derivative term, plus a float32 round-off floor (F32_EPSILON); for the jump, the
 * larger of that scale now and at its start);
 * `relative` is the larger of the two ratios: ~1 far from the solution, ~1e-7..1e-6 (float32) or
 * ~1e-15 (float64) at it, and 0 when nothing flows.
 */
import { AndersonMixer, andersonWeights, keepsBounds } from './anderson';
import { MASS_WALL, HEAT_WALL, faceGasFactor, faceMatrix, logitSlope, wallJacobian, wallState, type FaceConstants, type WallConstants } from './faces';
import type { Grid } from './grid';
import { coarsenPasses, MultigridLevels, vCyclePasses, type LevelDims } from './multigrid';
import { SIDES, type Side } from './scenario';
import { T_MIN } from './thermo';
import { driftPerVolt, type PotentialField } from './potential';
import { fixedHeatInflow, openNullChannels } from './open-walls';
import { ExactNewton, PseudoStep } from './newton';

/** Largest change of logit c one iteration makes in a cell (c + c(1-c) x stays in (0, 1) for |x| <= 1). */
export const MAX_LOGIT_STEP = 1;

/**
 * Largest change of T one jump iteration makes in a cell, as a fraction of T there, once the
 * jump's relative residual has risen from one iteration to the next (`jumpTStep`). 100:1 cells at
 * 97 % of the second-law bound (test/helpers/aspect.ts) otherwise overshoot T, oscillate and never
 * converge; measured on the CPU at 16 x 16: 2 % converges in 8 iterations, 5 % in 9 but costs the
 * 1:100 bound case 2 more, 10 % in 16, 15 % not at all.
 */
export const MAX_T_STEP = 0.02;
/** No cap on the T step (what `jumpTStep` gives before the residual rose; f32-representable). */
export const NO_T_STEP_CAP = 1e30;

/**
 * The cap on the T step (fraction of T) of a jump's next iteration, from its relative residuals so
 * far: none until one iteration raised the residual (the outer iteration is overshooting), then
 * MAX_T_STEP for the rest of the jump; once a rise comes near the solution (the residual at or
 * below RELAX_BELOW: a limit cycle, not the nonlinear phase) RELAXED_T_STEP, which also relaxes every
 * correction by JUMP_RELAX (cellStepScale). Monotone jumps (every linear case) keep full Newton steps.
 * One rule for the CPU reference and the GPU (src/gpu/implicit.ts writes it into the Solve slot).
 */
export function jumpTStep(history: readonly number[], previous: number): number {
  const n = history.length;
  if (!(n > 1 && history[n - 1] > history[n - 2])) return previous;
  return Math.min(previous, history[n - 1] <= RELAX_BELOW ? RELAXED_T_STEP : MAX_T_STEP);
}
/**
 * The T-step cap (a fraction of T) that marks a relaxed jump (jumpTStep; `S.maxTStep <=
 * RELAXED_T_STEP` in WGSL `update`): half MAX_T_STEP, which near the solution rarely binds.
 */
export const RELAXED_T_STEP = MAX_T_STEP / 2;
/**
 * A rise of the jump's relative residual at or below this is a limit cycle near the solution, and
 * the jump is relaxed from then on. Above it (the nonlinear phase) relaxing slowed a chaotic but
 * converging jump past its 60 iterations (sweep seed 2058 draw 30: 44 iterations unrelaxed).
 */
export const RELAX_BELOW = 1e-3;

/**
 * The factor a cell's correction (x_T, x_z) is scaled by: 1, or MAX_LOGIT_STEP / |x_z| where the
 * logit step is larger, or maxTStep T / |x_T| where the T step is larger than that fraction of T
 * [K] (NO_T_STEP_CAP: never; see jumpTStep); times `relax` (1, or the coupling ladder's relaxation of a
 * jump, coupling-continuation.ts RELAX_LADDER; the WGSL Solve slot's `relax`). Both channels scale together: the T correction was solved jointly with
 * the full x_z (through the Dufour and Soret couplings), and clipping x_z alone left T a
 * correction balanced against a c change that did not happen (near the second-law bound, T
 * overshot every wall temperature by 10 K and the iteration diverged). Mirror of WGSL `update`.
 */
export const cellStepScale = (xT: number, xz: number, T: number, maxTStep: number, relax = 1) =>
  Math.min(1, MAX_LOGIT_STEP / Math.abs(xz), (maxTStep * Math.abs(T)) / Math.abs(xT)) * (maxTStep <= RELAXED_T_STEP ? JUMP_RELAX : 1) * relax;

/**
 * The relaxation of every cell's correction once a jump's residual has risen near the solution
 * (its T step capped at RELAXED_T_STEP, jumpTStep; time steps never are). The outer iteration freezes the face mobilities (its
 * Jacobian misses their change with logit c), and where c differs several-fold across a face (a
 * strong Soret separation at c near 0 or 1) its full steps overshoot and cycle: sweep seed 2058
 * draw 50 (5 x 16 cells, S_T = -10 1/K, c ~ 1e-4 .. 1e-3) oscillated at a relative residual of 4e-5
 * for 60 iterations; relaxed by 0.7 it converges to 6e-11 in 30. Mirror of WGSL `update` (where the
 * float32 stall rule, `stalled` at ROUND_OFF_TOLERANCE = RELAX_BELOW, stops a jump at its first rise
 * below 1e-3 before the relaxation can act: seed 2058 draw 50 stops at 1.7e-4 on the GPU).
 */
export const JUMP_RELAX = 0.7;

/** Fixed schedule of an implicit time step (outer iterations x V-cycles each; no readback). */
export const STEP_ITERATIONS = 3;
export const STEP_VCYCLES = 2;
/**
 * Outer iterations of a backward-Euler step (the first step, and after any edit): it starts from
 * the state one step back with no history to extrapolate from, often beside a steep front, so it
 * gets twice the iterations (near the second-law bound 3 leave a relative residual of ~4e-2).
 */
export const FIRST_STEP_ITERATIONS = 6;
/** Outer iterations of an implicit step: BDF2 (`bdf2`) or the backward-Euler first step. */
export const stepIterations = (bdf2: boolean) => (bdf2 ? STEP_ITERATIONS : FIRST_STEP_ITERATIONS);
/**
 * Most outer iterations of an implicit time step. A step runs its fixed schedule
 * (`stepIterations`), then goes on, STEP_EXTRA_BATCH iterations at a time, only while its relative
 * residual is above STEP_TOLERANCE, up to this many in all; still above it then, it has not
 * converged (a failure). A first step from a discontinuous start moves logit c by more than
 * FIRST_STEP_ITERATIONS x MAX_LOGIT_STEP (the sweep measured 7 iterations sufficing in 3 of 4
 * such cases); 24 left 5.6e-2 only beside the second-law bound, where failing is right. A
 * backward-Euler step from a one-cell step in c beside a concentration wall at c0 = 0.999 (sweep
 * seed 2060 draw 9, 195 x 1) moves logit c by up to 8.4 in ~200 cells: the cap binds in 60 to 194
 * cells for 21 iterations, the relative residual rises from 0.14 to 0.99 while the capped cells
 * march, and the step converges at iteration 26 (6.8e-3), at any dt down to 1e-4 of the planned
 * one (the diffusion time of the 1 mm channel is ~1 s). Steps that converge stop at their fixed
 * schedule or at the first batch below STEP_TOLERANCE: only steps that would otherwise fail pay.
 */
export const STEP_MAX_ITERATIONS = 32;
/**
 * Whether a BDF2 step that ended with this report is retaken as a backward-Euler step from its
 * start Y^n (CPU reference and GPU alike): it did not converge within STEP_MAX_ITERATIONS. BDF2
 * is not positivity preserving: its target Yb = (4 Y^n - Y^{n-1}) / 3 extrapolates, and after a
 * step that moved c far towards 0 or 1 the BDF2 state can lie beyond them, where the iteration in
 * logit c has no fixed point (seed 2028's 435 x 3 channel: c 0.037 -> 0.001..0.006 in its first
 * step, then a relative residual of 0.78 after 16 BDF2 iterations). Backward Euler (an M-matrix
 * in the transport) keeps c inside (0, 1); it converged there in 10 iterations. The history
 * stays: the next step is BDF2 from Y^n and the retaken Y^{n+1}.
 */
export const retakeAsBackwardEuler = (bdf2Step: Pick<SolveReport, 'relative'>) => !(bdf2Step.relative <= STEP_TOLERANCE);
/** The least depth of `substepDepth` (dt / 1024). */
export const MIN_SUBSTEP_DEPTH = 10;
/** The greatest depth of `substepDepth` (dt / 2^20 ~ 1e-6 dt): a failing step costs one attempt per depth. */
export const MAX_SUBSTEP_DEPTH = 20;
/**
 * Substeps one step may try, converged or not (SubstepPlan), before it is a failure: the most the
 * fixed depth of 10 could take (2^10). A step heading beyond the second-law bound stiffens as it
 * goes, and its substeps shrink without end (a closed channel heated to 1e4 K,
 * test/unit/sweep-check.test.ts: 31 600 substeps down to dt / 2^20 in 30 s, still short of dt).
 */
export const MAX_SUBSTEP_ATTEMPTS = 1024;
/**
 * How deep an implicit step that does not converge at dt (after BDF2's backward-Euler retake) is
 * halved: the step is retaken from its start Y^n as two backward-Euler substeps of dt / 2, each
 * that does not converge again as two of half its length, down to dt / 2^depth; a substep that
 * does not converge there is a failure, as a step was before. First steps from discontinuous
 * starts on long 1-D channels (sweep seeds 2062 draws 41 and 93, 2063 #69, 2067 #38, 2075 #30 and
 * #56: relative residual 0.01 to 0.5 after STEP_MAX_ITERATIONS) converge only at about dt / 1000
 * while the front is steep, and at dt again once it has spread. The state at t + dt is then a
 * converged solution; the user's dt and the time grid are unchanged.
 *
 * The depth reaches the explicit stability limit dtLimit [s] (derived.ts), where the time term
 * M / dt outweighs the transport in the step's Jacobian and the outer iteration contracts from any
 * start: ceil(log2(dt / dtLimit)), at least MIN_SUBSTEP_DEPTH (the fixed depth before) and at most
 * MAX_SUBSTEP_DEPTH. A fixed 1/1024 stopped short: sweep 2285 #94 (65 x 3, S_T = 1.98 1/K at
 * T0 = 1763 K, molar masses 1e4 : 1, c 0.999 beside a wall at 0.899, dt = tau_slow / 20 = 6.1 s =
 * 41 800 dtLimit) converges its first substeps only at dt / 4096 (the frozen-mobility iteration
 * diverges above ~2 ms while the wall's front is one cell wide), and 2234 #90 (97 x 1, S_T = -9.8
 * 1/K, molar masses 1 : 1e4) likewise; both failed on both backends at dt / 1024.
 */
export const substepDepth = (dt: number, dtLimit: number): number =>
  Math.min(MAX_SUBSTEP_DEPTH, Math.max(MIN_SUBSTEP_DEPTH, Math.ceil(Math.log2(dt / dtLimit)) || MIN_SUBSTEP_DEPTH));

/**
 * The order of the substeps of a step retaken as substeps (`substepDepth`), decided only from
 * whether each substep converged, so that the CPU reference and the GPU take the same schedule.
 * The rest of the step is a stack of pieces, a piece of depth d lasting dt / 2^d, taken depth
 * first. A piece that does not converge is replaced by two of depth d + 1 (the caller restores its
 * start) and the least depth tried (`level`) becomes d + 1: a piece longer than that is split
 * without being tried. Every SUBSTEP_GROWTH converged substeps in a row allow one depth less
 * (twice as long) again, so once the front has spread the substeps grow back towards dt / 2.
 * (Without `level`, every longer piece was tried first and failed after STEP_MAX_ITERATIONS: the
 * stalling step of test/helpers took 1640 iterations for its 44 substeps.) Allocated once (a stack
 * of at most MAX_SUBSTEP_DEPTH + 1 depths: one pending piece per depth, two at the top).
 */
export class SubstepPlan {
  private readonly stack = new Int8Array(MAX_SUBSTEP_DEPTH + 2);
  private top = 0;
  /** The least depth a piece is tried at; pieces above it are split untried. */
  private level = 1;
  /** Converged substeps in a row at `level`. */
  private streak = 0;
  /** Substeps that converged since `start`. */
  converged = 0;
  /** The deepest depth of a substep that converged (its length dt / 2^deepest). */
  deepest = 0;
  /** The depth below which a substep that does not converge is a failure (`substepDepth`). */
  private depth = MIN_SUBSTEP_DEPTH;
  /** Substeps tried since `start`, converged or not (at most MAX_SUBSTEP_ATTEMPTS). */
  attempts = 0;
  /** The plan ended because MAX_SUBSTEP_ATTEMPTS ran out before its substeps covered dt. */
  exhausted = false;

  /** A step of dt did not converge: next, two substeps of dt / 2; at most `depth` halvings (`substepDepth`). */
  start(depth: number): void {
    if (!(depth >= 1 && depth <= MAX_SUBSTEP_DEPTH)) throw new RangeError(`SubstepPlan.start: depth ${depth} outside 1..${MAX_SUBSTEP_DEPTH}`);
    this.depth = depth;
    this.stack[0] = 1;
    this.stack[1] = 1;
    this.top = 2;
    this.level = 1;
    this.streak = 0;
    this.converged = 0;
    this.deepest = 0;
    this.attempts = 0;
    this.exhausted = false;
  }

  /** The depth of the next substep (its length dt / 2^depth), or null when the step is done. */
  next(): number | null {
    if (this.top === 0) return null;
    while (this.stack[this.top - 1] < this.level) {
      const d = this.stack[this.top - 1] + 1;
      this.stack[this.top - 1] = d;
      this.stack[this.top++] = d;
    }
    return this.stack[this.top - 1];
  }

  /**
   * The outcome of the substep `next()` named. Returns false when the step has failed (nothing
   * more to take): the substep did not converge at the plan's depth, or MAX_SUBSTEP_ATTEMPTS ran
   * out with part of dt left (`exhausted`, even after a converged one); the caller then restores
   * the step's start. After a non-converged substep that returns true the caller restores the
   * substep's start before the next.
   */
  done(converged: boolean): boolean {
    const d = this.stack[--this.top];
    this.attempts++;
    if (converged) {
      this.converged++;
      this.deepest = Math.max(this.deepest, d);
      if (++this.streak >= SUBSTEP_GROWTH && this.level > 1) {
        this.level--;
        this.streak = 0;
      }
      if (this.top > 0 && this.attempts >= MAX_SUBSTEP_ATTEMPTS) {
        this.top = 0;
        this.exhausted = true;
        return false;
      }
      return true;
    }
    if (this.attempts >= MAX_SUBSTEP_ATTEMPTS) this.exhausted = true;
    if (d >= this.depth || this.exhausted) {
      this.top = 0;
      return false;
    }
    this.stack[this.top++] = d + 1;
    this.stack[this.top++] = d + 1;
    this.level = d + 1;
    this.streak = 0;
    return true;
  }
}

/**
 * Whether a (sub)step that did not converge may be retaken as substeps: only while its residual is
 * finite. A non-finite value is final on the GPU (its update kernel names the step in the status
 * word the moment one appears), so the CPU reference does not retake one either: both fail alike.
 */
export const substepsMayRetake = (r: Pick<SolveReport, 'relative' | 'converged'>) => !r.converged && Number.isFinite(r.relative);

/** Converged substeps in a row after which SubstepPlan tries pieces twice as long again. */
export const SUBSTEP_GROWTH = 2;

/** Iterations between convergence checks past the fixed schedule (one GPU readback each). */
export const STEP_EXTRA_BATCH = 2;
/**
 * float32 machine epsilon (2^-23): the round-off floor of the residual's scale. A float32 state
 * Y carries a rounding of eps |Y| per value, so every term of R(Y) computed from it, the time term
 * M Y / dt and each face's coefficient times a state value, carries eps times its coefficient
 * times |Y| even where the differences (the transport scale) vanish: a state at rest after a jump
 * has a transport scale of ~0 and a residual of pure round-off, which read as "not converged".
 * The scale adds eps x (those coefficients x |T|, |c|): a converged-at-rest step is accepted,
 * and wherever anything flows (differences across a cell above ~1e-6 of T or c) it is negligible
 * against the transport terms. The CPU reference uses the same floor, so both judge alike. Time
 * steps only: the jump already measures against the larger of its scale now and at its start,
 * and a floor there would stop the float64 jump early (its 1e-5 tolerance is below the floor
 * where the steady state carries little transport).
 */
export const F32_EPSILON = 2 ** -23;
/**
 * The float64 jump's round-off floor (the coefficient of the same terms as F32_EPSILON's):
 * float64's epsilon (2^-52) over JUMP_TOLERANCE, so a residual no larger than float64's rounding
 * of its terms (eps x coefficients x |T|, |c|) reads as at most JUMP_TOLERANCE: converged as far as
 * float64 can tell. Without it a channel whose steady state carries no transport at all (c stays
 * uniform: seed 2064 draw 48, 252 x 1, mass closed, T uniform along the channel) measured its
 * round-off residual (3e-19 kg/(m^3 s)) against a scale of round-off too: relative 0.998 after 60
 * iterations, its state right to 9 digits. Where anything flows (differences across a cell above
 * ~1e-10 of T or c) it is negligible against the transport terms, so it stops no jump early.
 */
export const F64_JUMP_ROUND_OFF = 2 ** -52 / 1e-5;
/**
 * An implicit time step (fixed schedule) whose final relative residual exceeds this has not
 * converged (`converged: false`): a failure, never a result. A step that converges leaves
 * ~1e-4 or less; a diverging outer iteration leaves ~1 and more.
 */
export const STEP_TOLERANCE = 1e-2;
/**
 * A float32 time step (the GPU's) `rose` where its final relative residual exceeds its start's and
 * ROSE_FLOOR, and is not below its round-off bound: below either, float32 noise moves the residual
 * either way near rest. At the steady states of soret-cell, ness-rod and dufour-gas a GPU step's
 * start and end are both 1e-6 .. 1e-5; a heated 64 x 1 channel at dt = 5e7 s
 * (test/gpu/kept-totals.test.ts): 1.5e-5 -> 1.7e-4 at 0.017 of its round-off bound. 2117 #34's steps
 * of 1.77e8 s from its steady state: 2.3e-5 -> 1.4e-4 at 1.4 x its bound, moving c by 1.3e-3 ..
 * 1.9e-3 of its span. Sweep 2209 #24 (248 x 1, cells 1037:1, pure diffusion): a BDF2 step from 5.7e-3
 * to 7.6e-3 at 10 x its bound, c 1.2e-4 (1.2e-3 of its excursion) off the BDF2 step; the rise had to
 * be fourfold before (ROSE_FACTOR 4, a margin the floor and the bound already give).
 */
export const ROSE_FLOOR = 3e-5;
/**
 * Whether a time step that converged moved away from where it started. Such a step (a frozen
 * multigrid iteration drifting off a near-steady state under strong Soret coupling, sweep 2117 #34:
 * the CPU's steps ended at 5e-3 and moved c by 7 % of its span) is retaken exactly where that fits
 * (newton.ts retakeExactlyAtDt; CPU and GPU alike). In float64 (`aboveRoundOff` undefined: the CPU
 * reference) any rise: its noise is 1e-13, and the margins above would let a long run drift (2081
 * #50's long run ended 1.6e-3 of c's span off the jump with them); in float32 (`aboveRoundOff`:
 * roundOffRatio of the step's end) the margins above.
 */
export function stepRose(start: number, final: number, aboveRoundOff?: number): boolean {
  if (aboveRoundOff === undefined) return final > start;
  return final > Math.max(start, ROSE_FLOOR) && aboveRoundOff >= 1;
}
/** The steady-state jump: at most this many outer iterations, each with JUMP_VCYCLES V-cycles. */
export const JUMP_MAX_ITERATIONS = 60;
export const JUMP_VCYCLES = 4;
/** The jump stops when the relative residual is below this. */
export const JUMP_TOLERANCE = 1e-5;
/**
 * A solve that stalls (its residual no longer falls: the float32 round-off floor) below this
 * relative residual still counts as converged; above it, it has not converged, and its result is
 * a failure, never a result. Stretched cells raise the float32 floor: the faces across the short
 * side conduct (h_long / h_short)^2 times more than the others, and the round-off of their nearly
 * cancelling fluxes is measured against the weak direction's transport (measured: ~1e-5 at 1:100
 * with walls, 7e-4 on a periodic 32 x 32 grid at 1:100, where the GPU field still equals the
 * float64 one; test/gpu/multigrid-aspect.test.ts).
 */
export const ROUND_OFF_TOLERANCE = 1e-3;

/**
 * The float64 reference's round-off level of the relative residual (`stalled`'s floor in
 * ImplicitCpu): float32's ROUND_OFF_TOLERANCE scaled by the ratio of the two machine epsilons
 * (2^-52 / 2^-23 = 2^-29: 7e-4 -> 1.3e-12) with a margin of ~1000. Above it a float64 residual that
 * no longer falls is the outer iteration failing to contract, never round-off: with float32's
 * floor the CPU called a jump oscillating at 4e-5 "stalled, converged", its state 2.8e-3 of the
 * steady span from the long run's (sweep seed 2058 draw 50; seed 2059 draw 49: 2.3e-3).
 */
export const F64_ROUND_OFF_TOLERANCE = 1e-9;
/**
 * The float64 jump goes on past its tolerance (JUMP_TOLERANCE), while its residual still falls,
 * down to this (`SolveOptions.refine`; whether it converged is still judged against the
 * tolerance). The relative residual bounds the state's error only up to the operator's condition
 * (~(L / h)^2 / pi^2 along a long grid), and the jump's scale includes its start's: at 9.5e-6 the
 * state of seed 2059 draw 5's 46 x 5 jump was 1.0e-3 of the steady span from its fixed point.
 * Jumps that converge reach 1e-10 in a few iterations more (test/unit/multigrid-aspect.test.ts).
 */
export const F64_JUMP_REFINE = 1e-10;

/** Whether a solve driven to `tolerance` converged: reached it, or stalled at round-off (`stalled`). */
export function convergedTo(relative: number, tolerance: number, isStalled: boolean): boolean {
  return relative <= tolerance || isStalled;
}

/** The work a report records (iterations, V-cycles, passes). */
export type SolveWork = Pick<SolveReport, 'iterations' | 'vCycles' | 'passes'>;
/** `r` with the work of `before` (earlier attempts at the same step) added to its own. */
export const withWorkOf = (r: SolveReport, before: SolveWork): SolveReport => ({
  ...r,
  iterations: before.iterations + r.iterations,
  vCycles: before.vCycles + r.vCycles,
  passes: before.passes + r.passes,
});

/**
 * Which part of an exact step to take (reference.ts exactStep): the step at dt alone, its substeps
 * alone after the step at dt failed (`substepsAfter`: the report standing for that step, whose
 * work they add to), or both in turn.
 */
export type ExactPart = 'dt' | 'both' | { substepsAfter: SolveReport };

export interface SolveReport {
  /** Outer (defect-correction) iterations run. */
  iterations: number;
  /** V-cycles run. */
  vCycles: number;
  /** Rms residual of the final state over fluid cells: heat [W/m^3], mass [kg/(m^3 s)]. */
  residual: { heat: number; mass: number };
  /** The larger of the two residuals relative to their transport terms (see implicit.ts). */
  relative: number;
  /** Whether `relative` reached the tolerance. */
  converged: boolean;
  /** The jump stopped because the residual no longer fell (its round-off floor; see `stalled()`). */
  stalled: boolean;
  /** Fine-grid pass equivalents spent (docs/architecture.md). */
  passes: number;
  /**
   * Time steps only, present when a step did not converge at dt and was retaken as substeps
   * (`SubstepPlan`): the substeps it took (converged ones; with `converged: false`, those before
   * the one that failed). Over several steps (the GPU's report of the steps since the last read)
   * the sum over those steps.
   */
  substeps?: number;
  /** With `substeps`: the shortest substep that converged [s] (dt / 2^depth); with `converged: false`, the length of the one that failed. */
  smallestSubstep?: number;
  /**
   * With `substeps` and `converged: false`: the step failed because MAX_SUBSTEP_ATTEMPTS ran out
   * before its substeps covered dt (`substeps` converged, the shortest `smallestSubstep`), not at
   * the deepest level; `relative` is then the step's own at dt, as its state is its start again.
   */
  substepsExhausted?: boolean;
  /**
   * A time step (float64 reference) whose last relative residual is above its first: the outer
   * iteration moved away from where it started (it diverges slowly, e.g. a near-steady state under
   * strong Soret coupling), whatever the tolerance says.
   */
  rose?: boolean;
  /**
   * The exact-Newton jump (newton.ts PseudoStep): the c farthest outside [0, 1] beyond round-off
   * its pseudo-time path reached, where it did. A jump that did not converge after such a path is
   * refused for c outside [0, 1] (run-checks.ts solveFailure), not for want of convergence alone.
   */
  pathLeftBounds?: number;
  /**
   * Time steps only: the step was retaken from its start with exact Newton corrections (newton.ts;
   * the multigrid did not converge it, or it `rose`), as exact substeps where `substeps` is set.
   */
  exact?: boolean;
}

/** Implicit steps retaken as substeps since a reset (the page's status line): steps, their substeps, the shortest [s]. */
export interface SubstepTally {
  steps: number;
  substeps: number;
  smallest: number;
}

/** Backward Euler and BDF2 weights (a0, a1, a2) of Y^{n+1}, Y^n, Y^{n-1}. */
export const BACKWARD_EULER: readonly [number, number, number] = [1, 1, 0];
export const BDF2: readonly [number, number, number] = [1.5, 2, 0.5];

/**
 * Whether an iteration driven to a tolerance should stop for stagnation: the relative residual
 * is at the round-off level (below ROUND_OFF_TOLERANCE; in float32 about 1e-6 to 1e-5 of the
 * transport terms, less on coarse grids) and has not improved on the best of the STALL_WINDOW
 * iterations before. Above that level a residual that does not fall is the nonlinear phase of
 * the outer iteration (strong Soret separation moves logit c by several units, at most
 * MAX_LOGIT_STEP per iteration), not round-off: the iteration goes on.
 */
export const STALL_WINDOW = 3;
export function stalled(history: readonly number[], floor = ROUND_OFF_TOLERANCE, window = STALL_WINDOW): boolean {
  const n = history.length;
  return n > window && history[n - 1] <= floor && history[n - 1] >= Math.min(...history.slice(n - 1 - window, n - 1));
}

/**
 * The stall window of a jump whose corrections are relaxed by `relax` (coupling-continuation.ts
 * RELAX_LADDER): STALL_WINDOW / relax iterations. A relaxed iteration contracts ~relax times as
 * fast, so it needs as many more iterations to show progress before it counts as stalled.
 */
export const stallWindow = (relax = 1) => Math.ceil(STALL_WINDOW / relax);

/**
 * Whether a jump's relative residual still falls, for its refinement past the tolerance
 * (`SolveOptions.refine`, the GPU's `refine`): it set a new lowest value within the last `window`
 * iterations (stallWindow). Not "the last iteration lowered it": the coupled outer iteration need
 * not fall monotonically (a frozen-mobility correction overshoots, then recovers), and one rise
 * just below the tolerance ended the float64 refinement of sweep seed 2097 draw 1 (255 x 1, S_T =
 * -4.6 1/K, c 0.001 to 0.101) at 9.77e-6 (history ... 3.15e-5 3.91e-5 4.18e-5 1.58e-5 9.15e-6
 * 9.77e-6), its state 1.3e-2 of the steady span off the fixed point (the operator's condition,
 * ~(L / h)^2 / pi^2 along 255 cells, turns 1e-5 into ~1e-2); refined on, it fell to 1e-9 in 36
 * iterations more, 1e-5 of the span from the long run.
 */
export function stillFalling(history: readonly number[], window: number): boolean {
  const n = history.length;
  return n <= window || Math.min(...history.slice(n - window)) < Math.min(...history.slice(0, n - window));
}

/**
 * A jump refined past its tolerance (`SolveOptions.refine`) stands behind its state when the
 * residual went on down to REFINE_CONFIRM x the tolerance, or was still falling when the iteration
 * cap stopped it (stillFalling), or sits at its round-off floor (`atRoundOff`). An iteration that
 * dipped below the tolerance and then stopped falling above that is oscillating, not converging:
 * seed 2090 draw 2's own jump (222 x 1, S_T strong, c near 1) went 2.0e-4 9.9e-6 4.5e-5 ... 5.3e-5
 * 2.6e-5 9.6e-6, and two such "converged" states, taken on slightly different paths, were 8e-4
 * apart in c (a quarter of c's excursion). Not standing, it is retaken relaxed
 * (coupling-continuation.ts), which converges onto the fixed point.
 */
export const REFINE_CONFIRM = 1e-2;

/** Whether a refined jump's `history` (relative residuals, last = final) below `tolerance` stands (REFINE_CONFIRM). */
export function refinementStands(history: readonly number[], tolerance: number, window: number, atRoundOff: boolean): boolean {
  const last = history[history.length - 1];
  return !(last <= tolerance) || last <= tolerance * REFINE_CONFIRM || stillFalling(history, window) || atRoundOff;
}

export interface SolveOptions {
  dt: number;
  /** The state one step back (u, v); given: BDF2, else backward Euler. */
  previous?: { u: Float64Array; v: Float64Array };
  iterations: number;
  vCycles: number;
  /** Stop early once the relative residual is below this (checked before each correction). */
  tolerance?: number;
  /**
   * Once below `tolerance`, go on while the relative residual still falls, down to this
   * (F64_JUMP_REFINE); `converged` is judged against `tolerance` alone.
   */
  refine?: number;
  /**
   * A time step: after the `iterations`, go on in batches of STEP_EXTRA_BATCH while the relative
   * residual is above STEP_TOLERANCE, up to this many iterations in all (STEP_MAX_ITERATIONS).
   */
  maxIterations?: number;
  /**
   * The jump: transport scales (ResidualSums.s2) of an earlier start, measured against as well as
   * this solve's own start (the coupling ladder's rungs, coupling-continuation.ts, measure against
   * the scenario's own start like the plain jump).
   */
  scaleFrom?: ResidualSums;
  /** The jump: the factor every cell's correction is scaled by (cellStepScale; 1 when absent). */
  relax?: number;
  /** The jump: each iterate mixed with the last ANDERSON_DEPTH (anderson.ts). */
  anderson?: boolean;
  /**
   * Each correction the exact Newton one (newton.ts) instead of the multigrid's (grids where
   * `newtonFits`); the jump's then under pseudo-transient continuation (`PseudoStep`).
   */
  newton?: boolean;
  /**
   * The exact-Newton jump's first pseudo step in units of a cell's diffusion time (1 when absent;
   * PSEUDO_MAX: Newton's own step first, for a start already near the steady state).
   */
  pseudoFirst?: number;
}

/** The per-channel larger transport scale of two residual sums (the residual's of `a`). */
export function widerScale(a: ResidualSums, b: ResidualSums | undefined): ResidualSums {
  return b ? { ...a, s2: [Math.max(a.s2[0], b.s2[0]), Math.max(a.s2[1], b.s2[1])] } : a;
}

/**
 * The channels whose totals a time step's correction keeps (module header): the null channels
 * (`openNullChannels`) where nothing inside makes that quantity: no reaction (it makes heat and
 * moves mass between the species), and for heat no ions either (their Joule heating depends on
 * the state). There the total's equation is linear and fixed; elsewhere the iteration alone
 * decides it.
 */
export function stepKeptChannels(open: { heat: boolean; mass: boolean }, ions: boolean, reaction: boolean): { heat: boolean; mass: boolean } {
  return { heat: open.heat && !ions && !reaction, mass: open.mass && !reaction };
}

/** Which channels are singular at dt = infinity (no fixed value at any wall). */
export function nullChannels(walls: Record<Side, WallConstants>): { heat: boolean; mass: boolean } {
  return {
    heat: SIDES.every((s) => walls[s].heatType === HEAT_WALL.flux || walls[s].heatType === HEAT_WALL.periodic),
    mass: SIDES.every((s) => walls[s].massType !== MASS_WALL.concentration),
  };
}

/**
 * Fine-grid pass equivalents (docs/architecture.md): every kernel launch counts the cells it covers
 * over the finest level's. An implicit time step: the BDF weights (1), one assembly of the
 * residual and operator per outer iteration plus one for the result (1 each), per iteration the
 * coarse operators, the V-cycles and the update (1), and one residual reduction (1); where the step
 * keeps a total (`stepKeptChannels`), per iteration a reduction and the right-hand side's shift, a
 * reduction and the correction's shift, then a reduction and the updated state's shift (ImplicitCpu
 * keepStepTotals; 1 each).
 */
export function stepPasses(levels: readonly LevelDims[], iterations: number, vCycles: number, keepsTotals = false): number {
  const perIteration = coarsenPasses(levels) + vCycles * vCyclePasses(levels) + 1 + 1 + (keepsTotals ? 6 : 0);
  return 1 + 1 + iterations * perIteration + 1;
}

/**
 * The steady-state jump: as a step, with a residual reduction after every assembly (1 each) and,
 * where a channel's total is kept, the removal of the mean of the right-hand side and of the
 * correction (1 each, plus a reduction).
 */
export function jumpPasses(levels: readonly LevelDims[], iterations: number, vCycles: number, keepsTotals: boolean): number {
  const perIteration = coarsenPasses(levels) + vCycles * vCyclePasses(levels) + 1 + 1 + 1 + (keepsTotals ? 3 : 0);
  return 1 + 1 + 1 + iterations * perIteration;
}

/** Per-channel sums over fluid cells of R^2 and of the transport scale^2. */
export interface ResidualSums {
  r2: [number, number];
  s2: [number, number];
  fluid: number;
  /**
   * Sums of the squared float32 round-off bound of the residual per channel (the GPU's time steps;
   * shaders/implicit.wgsl assemble); absent or 0: none (the float64 reference, the jump).
   */
  b2?: [number, number];
  /** Time steps: the sum of the residual over fluid cells per channel (signed), R(Y) = M (Y - Yb) - tend(Y). */
  sum?: [number, number];
  /**
   * Time steps: the sum over fluid cells of the balance scale per channel, the transport scale's
   * terms that do not cancel in a sum over cells (the time term, the walls', the sources'; not the
   * interior faces') with their round-off floor (F32_EPSILON x their coefficients x |T|, |c|).
   */
  balance?: [number, number];
  /**
   * The float32 round-off bound of `sum` per channel (the GPU's time steps: eps x every cell's terms
   * and its non-cancelling coefficients x |Y - Y0|, plus the reduction's own rounding); absent or 0:
   * none (the float64 reference).
   */
  balanceBound?: [number, number];
}

/**
 * A float64 jump's refinement (F64_JUMP_REFINE) also goes on while its relative residual against
 * its own transport scale now, not the larger one at its start, is above this, as long as the
 * residual still falls. Measured against its start alone, a jump whose start carries far more
 * transport than its steady state stops early: sweep 2304 #8 (78 x 2, unphysical D_F = -D_T at
 * rho = 2e4 kg/m^3, a step in c at the wall: the start's Dufour flux ~1e12 times the end's) stopped
 * at 5.4e-11 of the start's scale, 0.22 of its own (45 W/m^3), 0.1 K from its uniform steady state.
 */
export const JUMP_OWN_REFINE = 1e-6;

/**
 * The residual report from residual sums: rms residuals and `relative`, the larger ratio of rms
 * residual to rms transport scale (0 where R = 0). The jump measures against the larger of the
 * scale now and at its start (`start`), so a channel that ends uniform (its scale vanishing with
 * its residual) still converges.
 *
 * A float32 time step measures against at least its round-off bound over STEP_TOLERANCE (`b2`): a
 * channel converges when its rms residual is within STEP_TOLERANCE of its transport terms OR within
 * the rms of eps x (its terms' magnitudes + its coefficients x |Y - Y0|) per cell, what
 * the float32 state nearest the solution leaves: its deviations are stored to eps |Y - Y0|, so a
 * residual a correction below half their spacing would remove cannot be removed (a step from rest
 * after a jump: c = 0.031 stored as c0 - 0.1, seed 2059 #96, relative 0.29 after 16 iterations,
 * unchanged by each, where the CPU converged to 7e-10). A residual above the bound still fails.
 * |Y| itself is not in it: every difference of R (faces, time term) is formed from the stored
 * deviations, and |Y| enters only through the coefficients, whose rounding the terms' magnitudes
 * cover; eps |T| x the Soret coefficient at T = 1914 K let a GPU step stop at 1e-2 where the CPU
 * went on to 3e-3, its c 3e-2 of the excursion off (sweep seed 2061 #16; test/gpu/gpu-cpu-implicit.test.ts).
 *
 * The GPU's jump measures against the same bound over its own `tolerance` (JUMP_TOLERANCE): it
 * converges within JUMP_TOLERANCE of its transport terms or within its round-off bound. A channel
 * whose steady state carries almost no transport (seed 2080 #75: a heat source of 2.6e-8 W/m^3, T
 * 3e-13 K above T0) or whose strong faces' fluxes nearly cancel (seed 2086 #95: 58:1 cells,
 * periodic across the short side, T 6 K from T0) otherwise stopped at the rounding of its stored
 * deviations, 1.2e-3 and 3.1e-3 of its scale, unchanged over 56 and 47 iterations (the float64
 * reference's jump has its own floor, F64_JUMP_ROUND_OFF).
 */
export function residualReport(x: ResidualSums, start?: ResidualSums, tolerance = STEP_TOLERANCE, marginScale = 1): Pick<SolveReport, 'residual' | 'relative'> {
  const n = Math.max(x.fluid, 1);
  const s2 = (c: 0 | 1) => Math.max(marginScale ** 2 * x.s2[c], start?.s2[c] ?? 0, (x.b2?.[c] ?? 0) / tolerance ** 2, 1e-300);
  const ratio = (c: 0 | 1) => (x.r2[c] === 0 ? 0 : Math.sqrt(x.r2[c] / s2(c)));
  const relative = Math.max(ratio(0), ratio(1));
  return { residual: { heat: Math.sqrt(x.r2[0] / n), mass: Math.sqrt(x.r2[1] / n) }, relative: start ? relative : Math.max(relative, balanceRatio(x, tolerance, marginScale)) };
}

/**
 * A time step's balance ratio: per channel, |sum of R| over the sum of the balance scale (at
 * `marginScale`, like the transport scale) or over the sum's round-off bound / `tolerance`, the
 * larger of the two channels (0 without the sums). `residualReport` takes the larger of it and the
 * rms ratio. The sum over cells is the residual of the fields' mean mode: the interior faces cancel
 * in it, so it is measured against what does not cancel (time term, walls, sources). Where cells are
 * strongly stretched that mode is the slow one, and the rms residual cannot see it: the strong faces'
 * float32 rounding (a spacing of c across a face of 4.9 um carries rho D / h^2 x 7e-9) is as large as
 * the physical terms, and the rms ratio read converged with the mean of c 1.6 % of its change off
 * (sweep 2219 #59, 256 x 1, cells 2154:1: GPU = CPU 1.3e-2 of c's excursion). The mean mode's error is
 * at most |sum R| / (N m) for the time term's m per cell, so within `tolerance` x the mean |change|
 * where the time term dominates the balance scale.
 */
export function balanceRatio(x: ResidualSums, tolerance: number, marginScale: number): number {
  if (!x.sum || !x.balance) return 0;
  const ratio = (c: 0 | 1) => {
    const r = Math.abs(x.sum![c]);
    return r === 0 ? 0 : r / Math.max(marginScale * x.balance![c], (x.balanceBound?.[c] ?? 0) / tolerance, 1e-300);
  };
  return Math.max(ratio(0), ratio(1));
}

/**
 * The factor a time step's transport scale is measured at (`residualReport`'s `marginScale`): the
 * scenario's lowest second-law margin k_eff / k over the states it reaches (derived.ts marginMin),
 * within [MARGIN_SCALE_MIN, 1]. Near the bound the coupled operator's slow mode has an eigenvalue of
 * about the margin times its diagonal, so a residual of STEP_TOLERANCE of the transport terms leaves
 * an error of up to STEP_TOLERANCE / margin of them there. Sweep 2145 #61 (margin 0.020): the CPU's
 * multigrid step at dt was accepted at 9.8e-3, 5.3e-2 off in c for a change of 9.8e-2, and the GPU
 * = CPU check failed at 0.74 of c's excursion. A float32 step still converges within its round-off
 * bound, which the factor does not touch.
 */
export function stepMarginScale(marginMin: number): number {
  return Math.min(1, Math.max(marginMin, MARGIN_SCALE_MIN));
}
/**
 * The smallest `stepMarginScale` (a tolerance of 1e-3): what the GPU's float32 multigrid reaches.
 * On 2145 #61 at 0.1 both backends take its steps as substeps and agree to 9e-4 (T) and 2e-4 (c)
 * of their excursions; at the margin itself (0.020) the GPU's substeps fail and its exact retake
 * at dt ends 3 % of T's excursion off the CPU's substeps.
 */
export const MARGIN_SCALE_MIN = 0.1;

/**
 * How far above its float32 round-off bound a residual is: the larger per-channel ratio of rms
 * residual to rms bound (`b2`; 0 where R = 0, Infinity where there is a residual and no bound).
 */
export function roundOffRatio(x: ResidualSums): number {
  const ratio = (c: 0 | 1) => (x.r2[c] === 0 ? 0 : Math.sqrt(x.r2[c] / (x.b2?.[c] ?? 0)));
  return Math.max(ratio(0), ratio(1));
}

/**
 * A float32 jump whose residual no longer falls (`stalled`) has stalled at round-off only while its
 * residual is within this factor of its round-off bound (`roundOffRatio`); above it, it is the outer
 * iteration not contracting. Without it, seed 2090 #2 (222 x 1, S_T = -10 1/K, molar masses
 * 1 : 10^4) called 6.4e-4 "stalled, converged" in the plain jump's nonlinear phase (its mass
 * residual 2e4 times its bound, doubling each iteration) with c 3.3e-3 off the float64 jump's, which
 * goes on along the coupling ladder. The margin covers the bound's rms-of-sums estimate; a residual
 * within the bound itself has converged (`residualReport`).
 */
export const JUMP_ROUND_OFF_MARGIN = 10;

export interface ImplicitProblem {
  grid: Grid;
  periodicX: boolean;
  periodicY: boolean;
  solid: Uint32Array;
  /** Volumetric heat source per cell [W/m^3]. */
  source: Float64Array;
  rho: number;
  rhoCp: number;
  fc: FaceConstants;
  walls: Record<Side, WallConstants>;
  /** The electric potential (potential.ts) when ions drift, for the linearisation; absent without ions. */
  potential?: PotentialField;
  /**
   * A local source inside tend (the reaction, reaction.ts) at a fluid cell's deviations (u, v) with
   * g = dc/d logit c: the Jacobian block of minus the source in (T, logit c), row-major, added to the
   * cell's diagonal block (multigrid `mr`), and the source's magnitudes (heat [W/m^3], mass
   * [kg/(m^3 s)]) for the residual's scale. It moves mass between the species, so the jump keeps no
   * solute total with it.
   */
  localSource?: (u: number, v: number, g: number) => { block: readonly number[]; heat: number; mass: number };
  /** tend(Y) into (tu, tv): q - div Jq' [W/m^3] and -div J1 [kg/(m^3 s)]; 0 in solid cells. */
  tendency(u: Float64Array, v: Float64Array, tu: Float64Array, tv: Float64Array): void;
  /** A time step's `stepMarginScale` (1 where absent); the jump measures at 1. */
  marginScale?: number;
}

const NO_KEPT_CHANNELS = { heat: false, mass: false } as const;

/** The float64 implicit solver (CPU reference of src/gpu/multigrid.ts). */
export class ImplicitCpu {
  readonly mg: MultigridLevels;
  private readonly tu: Float64Array;
  private readonly tv: Float64Array;
  /** Yb = (a1 Y^n - a2 Y^{n-1}) / a0: the time-derivative term is a0 M (Y - Yb) / dt. */
  private readonly ybu: Float64Array;
  private readonly ybv: Float64Array;
  /** g = c(1-c) of the state last assembled (dc / d logit c). */
  private readonly g: Float64Array;

  /** The heat the grid gains per unit time [W/m^3 x cells] (open-walls.ts fixedHeatInflow). */
  private readonly heatInflow: number;

  constructor(private readonly p: ImplicitProblem) {
    const { nx, ny } = p.grid;
    this.heatInflow = fixedHeatInflow(p.walls, p.solid, p.source, p.grid);
    this.mg = new MultigridLevels(nx, ny, p.periodicX, p.periodicY, p.grid.hx, p.grid.hy);
    const n = nx * ny;
    this.tu = new Float64Array(n);
    this.tv = new Float64Array(n);
    this.ybu = new Float64Array(n);
    this.ybv = new Float64Array(n);
    this.g = new Float64Array(n);
  }

  /**
   * Level 0's operator and right-hand side -R(Y) at the state (u, v); returns the rms residual
   * and the rms transport scale per channel.
   */
  assemble(u: Float64Array, v: Float64Array, dt: number, a0: number): ResidualSums {
    const { grid, solid, fc, walls, rho, rhoCp } = this.p;
    const { nx, ny, hx, hy } = grid;
    const mg = this.mg;
    const mT = Number.isFinite(dt) ? (a0 * rhoCp) / dt : 0;
    const mC = Number.isFinite(dt) ? (a0 * rho) / dt : 0;
    // The round-off floor: float32's (F32_EPSILON) in time steps; the float64 jump's (F64_JUMP_ROUND_OFF), which also measures against its start's scale.
    const eps = Number.isFinite(dt) ? F32_EPSILON : F64_JUMP_ROUND_OFF;
    this.p.tendency(u, v, this.tu, this.tv);
    let r2u = 0;
    let r2v = 0;
    let s2u = 0;
    let s2v = 0;
    let sumU = 0;
    let sumV = 0;
    let balanceU = 0;
    let balanceV = 0;
    let fluid = 0;
    const faceInto = (out: Float64Array, P: number, a: number, b: number, h: number) => {
      if (solid[a] || solid[b] || a === b) {
        out.fill(0, 4 * P, 4 * P + 4);
        return;
      }
      const phi = this.p.potential?.phi;
      const K = faceMatrix(fc, u[a], v[a], u[b], v[b], phi ? phi[b] - phi[a] : 0);
      for (let q = 0; q < 4; q++) out[4 * P + q] = K[q] / (h * h);
    };
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const P = j * nx + i;
        mg.x[2 * P] = 0;
        mg.x[2 * P + 1] = 0;
        // Faces on the left and below (periodic seams at i = 0, j = 0; 0 at walls).
        if (i > 0) faceInto(mg.gx, P, P - 1, P, hx);
        else if (this.p.periodicX) faceInto(mg.gx, P, j * nx + nx - 1, P, hx);
        else mg.gx.fill(0, 4 * P, 4 * P + 4);
        if (j > 0) faceInto(mg.gy, P, P - nx, P, hy);
        else if (this.p.periodicY) faceInto(mg.gy, P, (ny - 1) * nx + i, P, hy);
        else mg.gy.fill(0, 4 * P, 4 * P + 4);
        mg.wx.fill(0, 4 * P, 4 * P + 4);
        mg.wy.fill(0, 4 * P, 4 * P + 4);
        mg.fx[P] = 0;
        mg.fy[P] = 0;
        mg.mr.fill(0, 4 * P, 4 * P + 4);
        if (solid[P]) {
          mg.count[P] = 0;
          mg.m[2 * P] = 0;
          mg.m[2 * P + 1] = 0;
          mg.b[2 * P] = 0;
          mg.b[2 * P + 1] = 0;
          this.g[P] = 0;
          continue;
        }
        const g = logitSlope(fc.c0 + v[P]);
        this.g[P] = g;
        mg.count[P] = 1;
        mg.m[2 * P] = mT;
        mg.m[2 * P + 1] = mC * g;
        fluid++;
        const sides: [Side, boolean, number][] = [
          ['left', i === 0 && !this.p.periodicX, hx],
          ['right', i === nx - 1 && !this.p.periodicX, hx],
          ['bottom', j === 0 && !this.p.periodicY, hy],
          ['top', j === ny - 1 && !this.p.periodicY, hy],
        ];
        // Transport scale: |k dT| and |rho D dc| + |rho D_T c(1-c) dT| (the Soret part, whose
        // round-off sets the mass residual's floor where dc vanishes) of every face, per volume.
        // With ions the Joule heating is a source too: the whole tendency bounds it (0 without).
        let su = Math.abs(this.p.source[P]) + (this.p.potential ? Math.abs(this.tu[P]) : 0);
        let sv = 0;
        const local = this.p.localSource?.(u[P], v[P], g);
        if (local) {
          for (let q = 0; q < 4; q++) mg.mr[4 * P + q] = local.block[q];
          su += Math.abs(local.heat);
          sv += Math.abs(local.mass);
        }
        // The balance scale (ResidualSums.balance): the scale's terms that do not cancel in a sum
        // over cells (all but the interior faces'), and their round-off floor's coefficients.
        let bu = su;
        let bv = sv;
        const soret = fc.rhoDT * g;
        // The Dufour part of the heat flux per unit dc, |rho D_F Rg T^2| at the cell (heat's
        // counterpart of the Soret part: with T uniform and c not, it is all that moves heat, and a
        // jump from such a start measured its heat residual against a scale of 0: Infinity).
        const T2 = Math.max(fc.T0 + u[P], T_MIN) ** 2;
        const dufour = Math.abs(fc.rhoDF * faceGasFactor(fc, fc.c0 + v[P], fc.c0 + v[P])) * T2;
        // With ions, also the drift |rho D c(1-c) zF dphi / (M1 Rg T)| (driftScale; 0 without).
        const drift = fc.rhoD * g * driftPerVolt(fc, u[P], v[P]);
        const phi = this.p.potential?.phi;
        // The round-off floor's coefficients (F32_EPSILON): of T in the heat residual, of c and of T in the mass residual.
        let floorT = mT;
        let floorC = mC;
        let floorSoret = 0;
        let floorDufour = 0;
        let wallT = mT;
        let wallC = mC;
        let wallSoret = 0;
        let wallDufour = 0;
        const scaleFace = (a: number, b: number, h: number) => {
          if (solid[a] || solid[b] || a === b) return;
          floorT += fc.k / (h * h);
          floorC += fc.rhoD / (h * h);
          floorSoret += Math.abs(soret) / (h * h);
          floorDufour += dufour / (h * h);
          su += (Math.abs(fc.k * (u[b] - u[a])) + dufour * Math.abs(v[b] - v[a])) / (h * h);
          sv += (Math.abs(fc.rhoD * (v[b] - v[a])) + Math.abs(soret * (u[b] - u[a])) + (phi ? Math.abs(drift * (phi[b] - phi[a])) : 0)) / (h * h);
        };
        const left = i > 0 ? P - 1 : this.p.periodicX ? j * nx + nx - 1 : P;
        const right = i < nx - 1 ? P + 1 : this.p.periodicX ? j * nx : P;
        const down = j > 0 ? P - nx : this.p.periodicY ? (ny - 1) * nx + i : P;
        const up = j < ny - 1 ? P + nx : this.p.periodicY ? i : P;
        for (const nb of [left, right]) scaleFace(P, nb, hx);
        for (const nb of [down, up]) scaleFace(P, nb, hy);
        // Walls, and the external fraction f of their heat conductance (multigrid.ts),
        // weighted by that conductance where a cell has walls on both sides.
        let fxw = 0;
        let fyw = 0;
        for (const [side, isWall, h] of sides) {
          if (!isWall) continue;
          const d = h / 2;
          const V = this.p.potential?.wallPhi[side] ?? null;
          const W = wallJacobian(fc, walls[side], u[P], v[P], d, V === null ? 0 : V - this.p.potential!.phi[P]);
          const xSide = side === 'left' || side === 'right';
          const into = xSide ? mg.wx : mg.wy;
          for (let q = 0; q < 4; q++) into[4 * P + q] += W[q] / h;
          const ws = wallState(fc, walls[side], u[P], v[P], d);
          if (xSide) fxw += ((1 - ws.dUw) * W[0]) / h;
          else fyw += ((1 - ws.dUw) * W[0]) / h;
          const heat = (Math.abs(fc.k * (ws.uw - u[P])) + (ws.closed ? 0 : dufour * Math.abs(ws.vw - v[P]))) / (d * h);
          const mass = ws.closed ? 0 : (Math.abs(fc.rhoD * (ws.vw - v[P])) + Math.abs(soret * (ws.uw - u[P])) + Math.abs(drift * (V === null ? 0 : V - this.p.potential!.phi[P]))) / (d * h);
          su += heat;
          sv += mass;
          bu += heat;
          bv += mass;
          // The wall's floor coefficients count in the floor and in the balance scale's floor alike.
          const kT = fc.k / (d * h);
          floorT += kT;
          wallT += kT;
          if (!ws.closed) {
            const kC = fc.rhoD / (d * h);
            const kSoret = Math.abs(soret) / (d * h);
            const kDufour = dufour / (d * h);
            floorC += kC;
            floorSoret += kSoret;
            floorDufour += kDufour;
            wallC += kC;
            wallSoret += kSoret;
            wallDufour += kDufour;
          }
        }
        mg.fx[P] = mg.wx[4 * P] > 0 ? fxw / mg.wx[4 * P] : 0;
        mg.fy[P] = mg.wy[4 * P] > 0 ? fyw / mg.wy[4 * P] : 0;
        const mu = mT * (u[P] - this.ybu[P]);
        const mv = mC * (v[P] - this.ybv[P]);
        const ru = mu - this.tu[P];
        const rv = mv - this.tv[P];
        su += Math.abs(mu);
        sv += Math.abs(mv);
        bu += Math.abs(mu);
        bv += Math.abs(mv);
        const T = Math.abs(fc.T0 + u[P]);
        const c = Math.abs(fc.c0 + v[P]);
        su += eps * (floorT * T + floorDufour * c);
        sv += eps * (floorC * c + floorSoret * T);
        bu += eps * (wallT * T + wallDufour * c);
        bv += eps * (wallC * c + wallSoret * T);
        mg.b[2 * P] = -ru;
        mg.b[2 * P + 1] = -rv;
        r2u += ru * ru;
        r2v += rv * rv;
        s2u += su * su;
        s2v += sv * sv;
        sumU += ru;
        sumV += rv;
        balanceU += bu;
        balanceV += bv;
      }
    }
    return { r2: [r2u, r2v], s2: [s2u, s2v], fluid, sum: [sumU, sumV], balance: [balanceU, balanceV] };
  }

  /**
   * Shifts channel `ch` (0 heat, 1 mass) of `arr` (b or x of level 0) by a constant so that its
   * `w`-weighted sum over fluid cells becomes `target` (w = 1 when absent).
   */
  private shiftSum(arr: Float64Array, ch: number, target: number, w?: Float64Array): void {
    const { solid } = this.p;
    let sum = 0;
    let n = 0;
    for (let P = 0; P < solid.length; P++) {
      if (solid[P]) continue;
      sum += (w ? w[P] : 1) * arr[2 * P + ch];
      n += w ? w[P] : 1;
    }
    const shift = (sum - target) / Math.max(n, 1e-300);
    for (let P = 0; P < solid.length; P++) if (!solid[P]) arr[2 * P + ch] -= shift;
  }

  /**
   * Anderson mixing of the state (u, v) in place (anderson.ts): `before` an update keeps x, `after`
   * it replaces G(x) by the mixed iterate.
   */
  private andersonStep(u: Float64Array, v: Float64Array): { before(): void; after(): void } {
    const { solid, fc } = this.p;
    const n = u.length;
    const mixer = new AndersonMixer(2 * n);
    const x = new Float64Array(2 * n);
    const gx = new Float64Array(2 * n);
    const w = new Float64Array(2 * n);
    const pack = (into: Float64Array) => {
      for (let P = 0; P < n; P++) {
        into[2 * P] = u[P];
        into[2 * P + 1] = v[P];
      }
    };
    return {
      before: () => {
        pack(x);
        andersonWeights(x, fc.T0, fc.c0, solid, w);
      },
      after: () => {
        pack(gx);
        mixer.next(x, gx, w, (y) => keepsBounds(y, gx, fc.T0, fc.c0, solid), gx);
        for (let P = 0; P < n; P++) {
          if (solid[P]) continue;
          u[P] = gx[2 * P];
          v[P] = gx[2 * P + 1];
        }
      },
    };
  }

  /**
   * A time step's updated state shifted back onto the totals it keeps (`target`, sums of the
   * deviations over fluid cells): T by a constant, c along g = c(1-c) of the updated state (a
   * constant shift of logit c, to first order). The correction was shifted to them before the
   * update, but cellStepScale clips some cells' corrections (|x_z| > MAX_LOGIT_STEP) and not others,
   * and what the clip removed moved the total: sweep seed 2090 #91 (37 x 5, closed, c -> 1) lost
   * nothing in its jump but gained 1.7e-5 of its solute in 4 steps of its long run, whose steady
   * state then stood 6e-4 in c off the jump's. The jump needs no such shift: its next iteration's
   * correction is shifted to the total again, and it ends converged (no clip). WGSL: keepTotals.
   */
  private keepStepTotals(u: Float64Array, v: Float64Array, kept: { heat: boolean; mass: boolean }, target: { u: number; v: number }): void {
    if (!kept.heat && !kept.mass) return;
    const { solid, fc } = this.p;
    let su = 0;
    let sv = 0;
    let sg = 0;
    let n = 0;
    for (let P = 0; P < u.length; P++) {
      if (solid[P]) continue;
      su += u[P];
      sv += v[P];
      sg += logitSlope(fc.c0 + v[P]);
      n++;
    }
    const shiftT = kept.heat ? (target.u - su) / Math.max(n, 1) : 0;
    const shiftZ = kept.mass ? (target.v - sv) / Math.max(sg, 1e-30) : 0;
    for (let P = 0; P < u.length; P++) {
      if (solid[P]) continue;
      u[P] += shiftT;
      v[P] += logitSlope(fc.c0 + v[P]) * shiftZ;
    }
  }

  /** The exact Newton solver of this grid (newton.ts), made on first need. */
  private exact?: ExactNewton;
  private gKept?: Float64Array;

  /**
   * Into level 0's x the exact Newton correction at (u, v) of the step of `dt` with weight a0 from
   * the step's base Yb, or (`pseudo`) of a backward-Euler pseudo step of dt from (u, v) itself,
   * whose residual is the steady one; g is left as it was at (u, v). False where the Jacobian is
   * singular or not finite.
   */
  private newtonCorrection(u: Float64Array, v: Float64Array, dt: number, a0: number, pseudo: boolean, kept: { heat: boolean; mass: boolean }): boolean {
    const { grid, periodicX, periodicY, solid, fc } = this.p;
    this.exact ??= new ExactNewton({ grid: { nx: grid.nx, ny: grid.ny, periodicX, periodicY }, solid, T0: fc.T0, c0: fc.c0 });
    this.gKept ??= new Float64Array(this.g.length);
    this.gKept.set(this.g);
    const base = pseudo ? { u: this.ybu.slice(), v: this.ybv.slice() } : null;
    if (pseudo) {
      this.ybu.set(u);
      this.ybv.set(v);
    }
    const ok = this.exact.correction(
      u,
      v,
      (uu, vv, R) => {
        this.assemble(uu, vv, dt, a0);
        for (let k = 0; k < R.length; k++) R[k] = -this.mg.b[k];
      },
      this.mg.x,
      kept,
    );
    if (base) {
      this.ybu.set(base.u);
      this.ybv.set(base.v);
    }
    this.g.set(this.gKept);
    return ok;
  }

  /** The first pseudo step of an exact-Newton jump [s]: a cell's diffusion time, min(hx, hy)^2 / max(k / (rho cp), D). */
  private firstPseudoStep(): number {
    const { grid, fc, rho, rhoCp } = this.p;
    return Math.min(grid.hx, grid.hy) ** 2 / Math.max(fc.k / rhoCp, fc.rhoD / rho, 1e-300);
  }

  /** Sum over fluid cells of `a`. */
  private fluidSum(a: Float64Array): number {
    let s = 0;
    for (let P = 0; P < a.length; P++) if (!this.p.solid[P]) s += a[P];
    return s;
  }

  /**
   * Advances (u, v) in place by one backward-Euler step of dt (Infinity: to the steady state with
   * the conserved totals of the start). Runs `iterations` outer iterations of `vCycles` V-cycles,
   * stopping early once the relative residual is below `tolerance`.
   */
  solve(u: Float64Array, v: Float64Array, o: SolveOptions): SolveReport {
    const mg = this.mg;
    const jump = !Number.isFinite(o.dt);
    const walls = openNullChannels(this.p.walls, this.p.solid, this.p.grid.nx, this.p.grid.ny);
    const nulls = jump ? (this.p.localSource ? { heat: walls.heat, mass: false } : walls) : stepKeptChannels(walls, this.p.potential !== undefined, this.p.localSource !== undefined);
    // The time-derivative term is m (Y - Yb), Yb = (a1 Y^n - a2 Y^{n-1}) / a0.
    const [a0, a1, a2] = o.previous ? BDF2 : BACKWARD_EULER;
    for (let P = 0; P < u.length; P++) {
      this.ybu[P] = o.previous ? (a1 * u[P] - a2 * o.previous.u[P]) / a0 : u[P];
      this.ybv[P] = o.previous ? (a1 * v[P] - a2 * o.previous.v[P]) / a0 : v[P];
    }
    // The totals kept (sums of the deviations over fluid cells): the jump's start's; a step's
    // sum Yb plus its heat gain (module header).
    const target = { u: this.fluidSum(this.ybu) + (jump ? 0 : (o.dt * this.heatInflow) / (a0 * this.p.rhoCp)), v: this.fluidSum(this.ybv) };
    let vCycles = 0;
    let iterations = 0;
    const first = this.assemble(u, v, o.dt, a0);
    const scaleStart = jump ? widerScale(first, o.scaleFrom) : undefined;
    const marginScale = jump ? 1 : (this.p.marginScale ?? 1);
    // The jump's relative residual against its own scale now (JUMP_OWN_REFINE); Infinity unmeasured.
    let own = Infinity;
    const reportOf = (sums: ResidualSums) => {
      if (scaleStart) own = residualReport(sums, undefined, STEP_TOLERANCE, marginScale).relative;
      return residualReport(sums, scaleStart, STEP_TOLERANCE, marginScale);
    };
    const reportAt = (uu: Float64Array, vv: Float64Array) => reportOf(this.assemble(uu, vv, o.dt, a0));
    let rep = reportOf(first);
    const history = [rep.relative];
    // Refined: at the refinement target, or the residual no longer falls (stillFalling; still below the tolerance).
    const window = stallWindow(o.relax);
    const refined = () => o.refine === undefined || (rep.relative <= o.refine && (!scaleStart || own <= JUMP_OWN_REFINE)) || !stillFalling(history, window);
    const isStalled = () => stalled(history, F64_ROUND_OFF_TOLERANCE, window);
    const done = () => o.tolerance !== undefined && ((rep.relative <= o.tolerance && refined()) || isStalled() || !Number.isFinite(rep.relative));
    let maxTStep = NO_T_STEP_CAP;
    let unmoved = false;
    let planned = o.iterations;
    const mix = jump && o.anderson ? this.andersonStep(u, v) : null;
    const pseudo = jump && o.newton ? new PseudoStep(this.firstPseudoStep(), u.length, o.pseudoFirst) : null;
    // A time step takes at least one iteration, whatever its start's residual: the heat it gains
    // (flux walls, sources) is kept by keepStepTotals, below the residual's resolution at long dt
    // (an exact substep of a heated 64 x 1 channel read 9.8e-11 at its start and, stopping there,
    // kept none of its heat).
    while (iterations < planned && ((!jump && iterations === 0) || !done())) {
      if (jump && !pseudo) maxTStep = jumpTStep(history, maxTStep);
      if (o.newton) {
        pseudo?.keep(u, v, rep.relative);
        if (!this.newtonCorrection(u, v, pseudo ? pseudo.dt : o.dt, pseudo ? 1 : a0, pseudo !== null, jump ? NO_KEPT_CHANNELS : nulls)) {
          // A time step whose first correction fails has not moved: not converged, whatever its
          // start's residual reads (the heat it gains is not in it; see the loop's condition).
          if (!jump && iterations === 0) unmoved = true;
          if (!pseudo?.reject(u, v)) break;
          iterations++;
          rep = reportAt(u, v);
          continue;
        }
      } else {
        // The right-hand side loses its mean in the kept channels (module header): the jump's
        // operator is singular there, and a step's correction has its mean set from the total.
        if (nulls.heat) this.shiftSum(mg.b, 0, 0);
        if (nulls.mass) this.shiftSum(mg.b, 1, 0);
        for (let k = 0; k + 1 < mg.levels.length; k++) mg.coarsen(k);
        for (let c = 0; c < o.vCycles; c++) mg.vCycle(0);
      }
      if (nulls.heat) this.shiftSum(mg.x, 0, target.u - this.fluidSum(u));
      if (nulls.mass) this.shiftSum(mg.x, 1, target.v - this.fluidSum(v), this.g);
      mix?.before();
      for (let P = 0; P < u.length; P++) {
        if (this.p.solid[P]) continue;
        const s = cellStepScale(mg.x[2 * P], mg.x[2 * P + 1], this.p.fc.T0 + u[P], maxTStep, o.relax);
        u[P] += s * mg.x[2 * P];
        v[P] += this.g[P] * s * mg.x[2 * P + 1];
      }
      mix?.after();
      if (!jump) this.keepStepTotals(u, v, nulls, target);
      iterations++;
      vCycles += o.newton ? 0 : o.vCycles;
      rep = reportAt(u, v);
      if (pseudo && !pseudo.accept(u, v, rep.relative, this.p.fc.T0, this.p.fc.c0, this.p.solid)) {
        rep = reportAt(u, v);
        continue;
      }
      history.push(rep.relative);
      // Past the fixed schedule a time step goes on while it has not converged (checked per batch, as on the GPU).
      if (iterations === planned && o.maxIterations !== undefined && iterations < o.maxIterations && rep.relative > STEP_TOLERANCE && Number.isFinite(rep.relative)) {
        planned = Math.min(o.maxIterations, iterations + STEP_EXTRA_BATCH);
      }
    }
    return {
      ...rep,
      iterations,
      vCycles,
      converged:
        (o.tolerance !== undefined
          ? convergedTo(rep.relative, o.tolerance, isStalled()) && (o.refine === undefined || refinementStands(history, o.tolerance, window, isStalled()))
          : rep.relative <= STEP_TOLERANCE) && !unmoved,
      stalled: o.tolerance !== undefined && rep.relative > o.tolerance && isStalled(),
      ...(jump ? {} : { rose: stepRose(history[0], rep.relative) }),
      ...(pseudo?.leftBounds != null ? { pathLeftBounds: pseudo.leftBounds } : {}),
      passes: jump ? jumpPasses(mg.levels, iterations, o.vCycles, nulls.heat || nulls.mass) : stepPasses(mg.levels, iterations, o.vCycles, nulls.heat || nulls.mass),
    };
  }
}
