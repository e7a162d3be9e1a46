/**
 * The GPU's replay of an implicit time step its float32 multigrid did not solve cleanly at dt
 * (physics/newton.ts stepClean): the CPU reference's whole step (physics/reference.ts replayStep:
 * its float64 multigrid at dt, then the exact step, substeps or both, in the order the reference
 * takes them) on the host from the step's start Y^n, read back from the GPU and, where it
 * converged, written back in its place; the CPU reference takes the same step the same way, so
 * GPU = CPU holds there too, whichever side of a threshold either multigrid stopped. Grids where
 * the banded solve fits (newtonFits) only; elsewhere the GPU retakes the step itself.
 */
import { cellGraphOf, newtonFits } from '../physics/newton';
import { ReferenceSimulation } from '../physics/reference';
import type { SolveReport } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import type { ImplicitGpu } from './implicit';
import { BDF2 } from '../physics/implicit';

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
 * The host's report, or null where the grid is too large for the exact step (newtonFits within
 * `maxWork` flops per factorisation). The state on `current` goes back to the step's start Y^n
 * first (yPrev since the step's begin, with the status word of the step's start: a non-finite
 * value the step made is undone); with `bdf2` the step is BDF2, its Y^{n-1} from Y^n and the GPU's
 * Yb (read before any backward-Euler retake rewrites it). The state is written back only where the
 * step converged and `stillCurrent()` holds after it.
 */
export async function replayStepOnHost(solver: ImplicitGpu, v: Validated, current: 0 | 1, stillCurrent: () => boolean = () => true, maxWork?: number, bdf2 = false): Promise<SolveReport | null> {
  if (!newtonFits(cellGraphOf(v.scenario), maxWork)) return null;
  solver.submitRestoreStep(current);
  const start = await solver.stateNow(current);
  const previous = bdf2 ? previousOf(start, await solver.stepBaseNow()) : undefined;
  const host = new ReferenceSimulation(v);
  try {
    host.putDeviationPairs(start);
    const rep = host.replayStep(previous);
    // Not written where it failed, or where the state or scenario changed meanwhile (the page's user).
    if (!rep.converged || !stillCurrent()) return rep;
    solver.putStateOnly(current, host.deviationPairs());
    return rep;
  } finally {
    host.destroy();
  }
}
