/**
 * The steady-state jump's iterations on the GPU for one field set: with a reaction, the pseudo-time
 * steps of reaction-jump.ts first (stalled there at the float32 round-off floor, the jump adds
 * nothing and counts as converged), then backward Euler with dt = infinity iterated to the
 * tolerance (implicit.ts). Options left out take the physics/implicit.ts defaults.
 */
import { JUMP_MAX_ITERATIONS, JUMP_TOLERANCE, JUMP_VCYCLES } from '../physics/implicit';
import type { JumpOptions, SolveReport } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import type { ImplicitGpu } from './implicit';
import { relaxReaction } from './reaction-jump';

/** Runs the jump of `v` in place on field buffers `current`; the report counts the passes of both parts. */
export async function jumpOnGpu(device: GPUDevice, solver: ImplicitGpu, v: Validated, current: 0 | 1, o: JumpOptions): Promise<SolveReport> {
  const tolerance = o.tolerance ?? JUMP_TOLERANCE;
  const relaxed = await relaxReaction(device, solver, v, current, tolerance);
  const maxIterations = relaxed.stalled ? 0 : (o.maxIterations ?? JUMP_MAX_ITERATIONS);
  // As the float64 reference: past the default tolerance while the residual still falls.
  const refine = o.tolerance === undefined;
  const rep = await solver.jump(current, { tolerance, maxIterations, vCycles: o.vCycles ?? JUMP_VCYCLES, refine }, 0);
  return { ...rep, passes: rep.passes + relaxed.passes, ...(relaxed.stalled ? { converged: true, stalled: true } : {}) };
}
