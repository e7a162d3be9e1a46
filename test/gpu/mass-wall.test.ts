/**
 * The GPU's coarse mass walls (shaders/multigrid.wgsl massWallScale) follow the CPU's: the jump
 * that diverged (a cell at a reservoir's c next to cells far from it) converges on the GPU too and
 * lands on the reservoir's c (test/unit/mass-wall.test.ts for the CPU).
 */
import { describe, expect, it } from 'vitest';
import { gpuSim } from '../helpers/gpu';
import { RESERVOIR, reservoirRod } from '../helpers/reservoir';

describe('coarse mass walls on the GPU', () => {
  it('let the jump converge to the reservoir c where the first cell starts at it', async () => {
    const sim = await gpuSim(reservoirRod(true));
    try {
      const rep = await sim.jumpToSteadyState();
      expect(rep.converged).toBe(true);
      const c = (await sim.readField('c')).data;
      const c0 = sim.validated.scenario.reference.c0;
      // float32: within 1e-3 of the start's distance from the reservoir
      for (const x of c) expect(Math.abs(x - RESERVOIR)).toBeLessThan(1e-3 * (c0 - RESERVOIR));
    } finally {
      sim.destroy();
    }
  }, 120_000);
});
