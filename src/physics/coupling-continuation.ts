/**
 * Continuation in the cross coupling, then relaxation, for the steady-state jump (reference.ts `jumpNow`, the GPU's
 * gpu/solver.ts `jumpToSteadyState`, alike). The jump's defect correction freezes the face
 * mobility (implicit.ts): under strong Soret / Dufour coupling (|S_T| ~ 0.3..10 1/K) the first
 * outer iterations from a start far from the steady state can run T far below 0 K (seed 2063 #5:
 * -2472 K; seed 2078 #76: -2583 K, non-finite in float32) although the steady state is near the
 * start. Where the plain jump does not converge, the jump is taken again from the same start along
 * COUPLING_LADDER: the steady state with S_T and an explicit D_F scaled by s (D_F = D_T follows
 * S_T under reciprocity), each rung starting from the one before; a rung that does not converge is
 * undone (its start kept). Then the scenario's own jump from the last rung that converged, with
 * every correction relaxed by the factors of RELAX_LADDER in turn (each from that same state)
 * while it does not converge: the frozen mobility misses the change of the Soret drift c(1-c) dT
 * with c, and where that part is strong the full correction overshoots and the iteration diverges
 * even from its fixed point (seed 2063 #5 from the exact steady state at S_T/4), while a relaxed one
 * converges (seed 2079 #42, 255 x 1, S_T = -10 1/K: 0.5; seed 2077 #52: 0.1). Relaxing changes
 * the path, not the fixed point. Only the scenario's own jump's report is ever accepted, against
 * the same residual scale (the scenario's start) and tolerance as the plain jump. Where the last
 * relaxation does not converge, the whole ladder once more from the start, every attempt mixing
 * each iterate with the last ones (Anderson acceleration, anderson.ts; `retakeAccelerated`):
 * relaxing alone cannot contract where the frozen mobility's error is oscillatory (eigenvalues of
 * A^-1 J far off the real axis); continuation and relaxation with mixing do (sweep seeds 2126 #66:
 * converged at relax 0.1 from the rung at S_T / 2; 2117 #34: at relax 0.5).
 */
import { ANDERSON_MAX_CELLS } from './anderson';
import { solveAccepted } from './run-checks';
import type { SolveReport } from './simulation';
import { validateScenario, type Validated } from './validate';

/**
 * The coupling fractions s of the ladder's rungs below the scenario's own coupling. s = 0 is the
 * uncoupled problem (heat and a diffusing solute), whose jump converges where the coupled one's
 * start is the trouble (seeds 2063 #5, 2078 #76: the steady state has uniform c, so the uncoupled
 * steady state is already the coupled one).
 */
export const COUPLING_LADDER: readonly number[] = [0, 0.25, 0.5];

/**
 * The relaxations of the scenario's own jump after the rungs: 1 (none), then smaller while the
 * jump does not converge. A relaxed iteration contracts more slowly (its rate ~1 - relax x the
 * eigenvalue of the frozen-to-true Jacobian ratio), so it gets relaxedIterations.
 */
export const RELAX_LADDER: readonly number[] = [1, 0.5, 0.25, 0.1];

/**
 * Whether an attempt of the scenario's own jump ends the relaxations: it converged (below its
 * tolerance, with a refinement that stands), or it is the last. A stall above the tolerance may be
 * an iteration that no longer contracts (the GPU's unrelaxed attempt of seed 2079 #42 "stalled" at
 * 9e-4 with c 3 % of its span off the float64 jump), and a refinement that does not stand one that
 * oscillates (implicit.ts refinementStands, seed 2090 #2): the next, more relaxed attempt is taken.
 */
export const relaxationsDone = (rep: Pick<SolveReport, 'converged'>, last: boolean) => last || rep.converged;

/**
 * Whether the ladder is climbed once more from the jump's start with every attempt (rung and
 * relaxation) mixing its iterates (anderson.ts), after its last attempt did not converge: on grids
 * up to ANDERSON_MAX_CELLS, also after an exact jump whose pseudo-time path left [0, 1] (newton.ts
 * PseudoStep.leftBounds): a path may overshoot where the steady state is inside (sweep seed 2090
 * #61, 4 x 64: the GPU's exact path reached c = -1.1e-4, the steady state is c = 0.001 uniform, and
 * the long run stays there). Only then: mixing from the start, alone or first, lost jumps the plain
 * ladder finds (sweep seeds 2090 #2 and 2129 #62 ended at 0.98 and 0.80 mixed; plain, 1e-10).
 */
export const retakeAccelerated = (last: Pick<SolveReport, 'converged'>, cells: number) => !last.converged && cells <= ANDERSON_MAX_CELLS;

/**
 * Whether the jump is taken once more from its start with exact Newton corrections under
 * pseudo-transient continuation (newton.ts), after the mixed ladder's last attempt did not converge:
 * on grids where the direct solve fits (`newtonFits`). The mixed ladder cannot contract where the
 * start is far from the steady state and c, T leave their bounds first (sweep seeds 2101 #90, 2114
 * #5, 2134 #71); the pseudo steps follow a transient into Newton's basin.
 */
export const retakeExact = (last: Pick<SolveReport, 'converged'>, fits: boolean) => !last.converged && fits;

/** The iterations (pseudo steps) of the exact-Newton jump at most. */
export const EXACT_JUMP_ITERATIONS = 200;

/** The outer iterations a jump relaxed by `relax` may take: `max` / relax. */
export const relaxedIterations = (max: number, relax: number) => Math.ceil(max / relax);

/** Whether the scenario has a cross coupling to scale (S_T or an explicit D_F non-zero). */
export function hasCoupling(v: Validated): boolean {
  const m = v.scenario.mixture;
  return m.soret !== 0 || (typeof m.dufour === 'number' && m.dufour !== 0);
}

/**
 * The scenario with its coupling scaled by s in [0, 1] (S_T and an explicit D_F times s; "reciprocal"
 * stays reciprocal), or null where the validator refuses it (a scaled coupling only lowers the
 * second-law coupling, so this is not expected).
 */
export function withCoupling(v: Validated, s: number): Validated | null {
  if (s === 1) return v;
  const m = v.scenario.mixture;
  const mixture = { ...m, soret: m.soret * s, ...(typeof m.dufour === 'number' ? { dufour: m.dufour * s } : {}) };
  const r = validateScenario({ ...v.scenario, mixture });
  return r.ok ? r.value : null;
}

/**
 * Whether a jump that ended with `rep` is retaken along the ladder: its result cannot stand (or went
 * non-finite), the scenario has a coupling to scale, and no reaction (a reaction's jump has its
 * own pseudo-time continuation, reaction.ts).
 */
export function retakeAlongCoupling(v: Validated, rep: SolveReport): boolean {
  return (!solveAccepted(rep) || !Number.isFinite(rep.relative)) && hasCoupling(v) && !v.scenario.reaction;
}

/** The report of the ladder: the last rung's residual and verdict, the work of every attempt (the plain jump's included). */
export function ladderReport(attempts: readonly SolveReport[]): SolveReport {
  const last = attempts[attempts.length - 1];
  const sum = (k: 'iterations' | 'vCycles' | 'passes') => attempts.reduce((s, r) => s + r[k], 0);
  // Not converged: where the exact jump's pseudo-time path left [0, 1], that is what is reported.
  const left = last.converged ? undefined : attempts.find((r) => r.pathLeftBounds !== undefined)?.pathLeftBounds;
  return { ...last, iterations: sum('iterations'), vCycles: sum('vCycles'), passes: sum('passes'), ...(left !== undefined ? { pathLeftBounds: left } : {}) };
}
