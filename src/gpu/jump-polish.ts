/**
 * The host's float64 polish of a steady-state jump the GPU converged, on grids where the exact
 * step fits (physics/newton.ts newtonFits within the caller's host work): the CPU reference's own
 * jump iteration (physics/reference.ts polishJump) from the GPU's steady state, measured against
 * the scale of the jump's start, written back where it converged and the GPU's own float32
 * residual accepts it (else the GPU's state stays).
 *
 * Why: the float32 jump stops at its round-off floor, and a slow mode pinned only weakly (a weak
 * convective wall along a long side, cells stretched across it) stays off by that floor times the
 * pin's weakness. Sweep 2368 #86 (249 x 1, cells 200:1, h = 4.3 W/(m^2 K) along the long side,
 * the float32 jump at 1.6e-7) ended with T 1.7e-5 K off the float64 steady state: four float32
 * roundings of T, 4.2e-3 of the check's excursion floor; its implicit steps after it kept most
 * of that. The float64 reference's state is the one the GPU then shows, as the exact retakes of
 * time steps are (gpu/exact-step.ts).
 */
import { JUMP_TOLERANCE, JUMP_VCYCLES, type ResidualSums } from '../physics/implicit';
import { ReferenceSimulation } from '../physics/reference';
import { solveAccepted } from '../physics/run-checks';
import type { SolveReport } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import type { ImplicitGpu } from './implicit';

/** The jump's start, read before the jump where a polish may follow (newtonFits within the host's work). */
export interface JumpStart {
  /** The start as (u, v) pairs per cell. */
  state: Float64Array;
  /** The GPU's residual sums at the start (the jump's scale, for judging the polished state). */
  scaleFrom: ResidualSums;
}

/** Reads the jump's start on `current` (before the jump). */
export async function readJumpStart(solver: ImplicitGpu, current: 0 | 1): Promise<JumpStart> {
  const state = await solver.stateNow(current);
  return { state, scaleFrom: await solver.jumpStartSums(current) };
}

/**
 * Polishes the GPU's converged jump (`rep`) on `current` from `start`; returns the report of the
 * state the GPU keeps (the polished one judged by the GPU's residual, with the host's iterations
 * and passes added; else `rep`).
 */
export async function polishJumpOnHost(solver: ImplicitGpu, v: Validated, current: 0 | 1, start: JumpStart, rep: SolveReport): Promise<SolveReport> {
  if (!solveAccepted(rep)) return rep;
  const own = await solver.stateNow(current);
  const host = new ReferenceSimulation(v);
  let polished: SolveReport;
  try {
    host.putDeviationPairs(own);
    polished = host.polishJump(start.state);
    if (!polished.converged) return rep;
    solver.putStateOnly(current, host.deviationPairs());
  } finally {
    host.destroy();
  }
  const judged = await solver.jump(current, { tolerance: JUMP_TOLERANCE, maxIterations: 0, vCycles: JUMP_VCYCLES, scaleFrom: start.scaleFrom }, 0);
  if (!judged.converged) {
    solver.putStateOnly(current, own);
    return rep;
  }
  return { ...rep, residual: judged.residual, relative: judged.relative, iterations: rep.iterations + polished.iterations, passes: rep.passes + polished.passes + judged.passes };
}
