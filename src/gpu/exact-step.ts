/**
 * The GPU's last retake of an implicit time step that did not converge even as substeps, went
 * non-finite, or `rose`: the float64 exact-Newton step (physics/newton.ts; physics/reference.ts
 * exactStep, its exact substeps too) on the host from the step's start Y^n, read back from the GPU
 * and, where it converged, written back in its place; the CPU reference retakes the same step the
 * same way (reference.ts implicitStep), so GPU = CPU holds there too. Grids where the banded solve
 * fits (newtonFits) only; elsewhere the step stays a failure.
 */
import { cellGraphOf, newtonFits } from '../physics/newton';
import { ReferenceSimulation } from '../physics/reference';
import type { SolveReport } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import type { ImplicitGpu } from './implicit';

/**
 * The host's report (its float64 residual), or null where the grid is too large for the exact step
 * (newtonFits within `maxWork` flops per factorisation).
 * The step starts from the state on `current`, or with `fromStepStart` from the step's start Y^n
 * (restored first, with the status word of the step's start). The state is written back only where the step converged and `stillCurrent()`
 * holds after it.
 */
export async function exactStepOnHost(solver: ImplicitGpu, v: Validated, current: 0 | 1, stillCurrent: () => boolean = () => true, fromStepStart = false, maxWork?: number): Promise<SolveReport | null> {
  if (!newtonFits(cellGraphOf(v.scenario), maxWork)) return null;
  // A step that converged away from its start (`rose`) or went non-finite: back to Y^n (yPrev since
  // the step's begin) and the status word of the step's start.
  if (fromStepStart) solver.submitRestoreStep(current);
  const start = await solver.stateNow(current);
  const host = new ReferenceSimulation(v);
  try {
    host.putDeviationPairs(start);
    const rep = host.exactStep();
    // Not written where it failed, or where the state or scenario changed meanwhile (the page's user).
    if (!rep.converged || !stillCurrent()) return rep;
    solver.putStateOnly(current, host.deviationPairs());
    return rep;
  } finally {
    host.destroy();
  }
}
