/**
 * The GPU's open-wall Dufour term (shaders/fluxes.wgsl wallState) uses the gas factor at the
 * half-face's mean c, as the CPU's (test/unit/wall-dufour.test.ts, sweep seed 2051 draw 78: the
 * GPU jump also ended at relative residual 1.99 with c 1.0358): the jump lands on the reservoir c.
 */
import { describe, expect, it } from 'vitest';
import { gpuSim } from '../helpers/gpu';
import { DUFOUR_RESERVOIR_C, dufourReservoirRow } from '../helpers/dufour-reservoir';

describe('an insulated wall open to a reservoir, with Dufour, on the GPU', () => {
  it('the jump converges to the reservoir c', async () => {
    const sim = await gpuSim(dufourReservoirRow(24));
    try {
      const rep = await sim.jumpToSteadyState();
      expect(rep.converged).toBe(true);
      // float32: within 1e-3 of the start's distance from the reservoir
      for (const c of (await sim.readField('c')).data) expect(Math.abs(c - DUFOUR_RESERVOIR_C)).toBeLessThan(1e-3 * (0.999 - DUFOUR_RESERVOIR_C));
    } finally {
      sim.destroy();
    }
  }, 120_000);
});
