/**
 * The GPU's retake of an implicit time step not solved cleanly at dt (newton.ts retakeExactlyAtDt), or
 * not solved even as the multigrid's substeps: the float64 exact-Newton step (physics/newton.ts;
 * physics/reference.ts exactStep: at dt, its exact substeps, or both, `part`) on the host from the step's start Y^n, read back from the GPU
 * and, where it converged, written back in its place; the CPU reference retakes the same step the
 * same way (reference.ts implicitStep), so GPU = CPU holds there too. Grids where the banded solve
 * fits (newtonFits) only; elsewhere the step stays a failure.
 */
import { cellGraphOf, newtonFits } from '../physics/newton';
import { ReferenceSimulation } from '../physics/reference';
import type { SolveReport } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import type { ImplicitGpu } from './implicit';
import { BDF2, type ExactPart } from '../physics/implicit';

/** Y^{n-1} (u, v per cell) of a BDF2 step from Y^n and its base Yb = (a1 Y^n - a2 Y^{n-1}) / a0, both as (u, v) pairs. */
export function previousOf(yn: Float64Array, yb: Float64Array): { u: Float64Array; v: Float64Array } {
  const [a0, a1, a2] = BDF2;
  const cells = yn.length / 2;
  const u = new Float64Array(cells);
  const w = new Float64Array(cells);
  for (let P = 0; P < cells; P++) {
    u[P] = (a1 * yn[2 * P] - a0 * yb[2 * P]) / a2;
    w[P] = (a1 * yn[2 * P + 1] - a0 * yb[2 * P + 1]) / a2;
  }
  return { u, v: w };
}

/**
 * The host's report (its float64 residual), or null where the grid is too large for the exact step
 * (newtonFits within `maxWork` flops per factorisation).
 * The step starts from the state on `current`, or with `fromStepStart` from the step's start Y^n
 * (restored first, with the status word of the step's start); with `bdf2` it is the BDF2 step the
 * GPU took (a step that converged but rose), its Y^{n-1} from Y^n and the GPU's Yb. The state is written back only where the step converged and `stillCurrent()`
 * holds after it.
 */
export async function exactStepOnHost(solver: ImplicitGpu, v: Validated, current: 0 | 1, stillCurrent: () => boolean = () => true, fromStepStart = false, maxWork?: number, bdf2 = false, part: ExactPart = 'both'): Promise<SolveReport | null> {
  if (!newtonFits(cellGraphOf(v.scenario), maxWork)) return null;
  // A step that converged away from its start (`rose`) or went non-finite: back to Y^n (yPrev since
  // the step's begin) and the status word of the step's start.
  if (fromStepStart) solver.submitRestoreStep(current);
  const start = await solver.stateNow(current);
  const previous = bdf2 ? previousOf(start, await solver.stepBaseNow()) : undefined;
  const host = new ReferenceSimulation(v);
  try {
    host.putDeviationPairs(start);
    const rep = host.exactStep(previous, part);
    // Not written where it failed, or where the state or scenario changed meanwhile (the page's user).
    if (!rep.converged || !stillCurrent()) return rep;
    solver.putStateOnly(current, host.deviationPairs());
    return rep;
  } finally {
    host.destroy();
  }
}
