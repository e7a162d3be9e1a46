/**
 * The pseudo-time steps a steady-state jump with a reaction takes first on the GPU (the mirror of
 * physics/reference.ts `continuation`; physics/reaction.ts continuationSteps): backward-Euler steps
 * of 1/kr, 10/kr, ... below tauSlow / 2, then steps of continuationStep (tauSlow / 2, then
 * tauSlow) until the steady residual is below the tolerance (at most CONTINUATION_MAX_STEPS). The solver's uniforms are configured for
 * each dt and restored for the scenario's own dt at the end.
 */
import { FIRST_STEP_ITERATIONS, stalled, STEP_VCYCLES } from '../physics/implicit';
import { CONTINUATION_MAX_STEPS, continuationStep, continuationSteps, reactionConstantsOf } from '../physics/reaction';
import type { Validated } from '../physics/validate';
import type { ImplicitGpu } from './implicit';

/**
 * Runs the continuation on field buffers `current` in place: the fine-grid passes spent and whether
 * the steady residual stalled at its float32 round-off floor (implicit.ts `stalled`; with a stiff
 * reaction about eps x Da: ~3e-4 at Da = 1e4, measured), which counts as converged.
 */
export async function relaxReaction(device: GPUDevice, solver: ImplicitGpu, v: Validated, current: 0 | 1, tolerance: number): Promise<{ passes: number; stalled: boolean }> {
  const k = reactionConstantsOf(v.scenario);
  if (!k) return { passes: 0, stalled: false };
  const tauSlow = v.derived.tauSlow;
  let passes = 0;
  const history: number[] = [];
  const run = (dt: number, iterations: number) => {
    solver.configure({ ...v, derived: { ...v.derived, dt } });
    const encoder = device.createCommandEncoder({ label: 'reaction continuation' });
    const pass = encoder.beginComputePass({ label: 'reaction continuation' });
    const p = solver.encodeStep(pass, current, false, iterations, STEP_VCYCLES, 0);
    pass.end();
    device.queue.submit([encoder.finish()]);
    return p;
  };
  try {
    for (const dt of continuationSteps(k, v.scenario.reference.c0, tauSlow)) passes += run(dt, FIRST_STEP_ITERATIONS);
    for (let n = 0; n < CONTINUATION_MAX_STEPS; n++) {
      run(Infinity, 0); // assembles the steady residual of the current state
      history.push((await solver.readReport()).relative);
      if (history[n] <= tolerance || stalled(history)) break;
      passes += run(continuationStep(tauSlow, n), FIRST_STEP_ITERATIONS);
    }
  } finally {
    solver.configure(v);
  }
  return { passes, stalled: history[history.length - 1] > tolerance && stalled(history) };
}
