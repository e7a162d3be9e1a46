/**
 * Continuation in the cross coupling for the steady-state jump (reference.ts `jumpNow`, the GPU's
 * gpu/solver.ts `jumpToSteadyState`, alike). The jump's defect correction freezes the face
 * mobility (implicit.ts): under strong Soret / Dufour coupling (|S_T| ~ 0.3..10 1/K) the first
 * outer iterations from a start far from the steady state can run T far below 0 K (seed 2063 #5:
 * -2472 K; seed 2078 #76: -2583 K, non-finite in float32) although the steady state is near the
 * start. Where the plain jump does not converge, the jump is taken again from the same start along
 * COUPLING_LADDER: the steady state with S_T and an explicit D_F scaled by s (D_F = D_T follows
 * S_T under reciprocity), each rung starting from the one before; a rung that does not converge is
 * undone (its start kept). The last rung is the scenario itself, so only its own jump's report is
 * ever accepted: the ladder changes the start of that jump, never the tolerance it is judged by.
 */
import { solveAccepted } from './run-checks';
import type { SolveReport } from './simulation';
import { validateScenario, type Validated } from './validate';

/**
 * The coupling fractions s of the ladder (the last, 1, is the scenario itself). s = 0 is the
 * uncoupled problem (heat and a diffusing solute), whose jump converges where the coupled one's
 * start is the trouble (seeds 2063 #5, 2078 #76: the steady state has uniform c, so the uncoupled
 * steady state is already the coupled one).
 */
export const COUPLING_LADDER: readonly number[] = [0, 0.25, 0.5, 1];

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
  return { ...last, iterations: sum('iterations'), vCycles: sum('vCycles'), passes: sum('passes') };
}
