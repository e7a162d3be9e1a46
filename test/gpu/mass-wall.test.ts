/**
 * The GPU's coarse mass walls (shaders/multigrid.wgsl massWallScale) follow the CPU's: the jump
 * that diverged (a cell at a reservoir's c next to cells far from it) converges on the GPU too and
 * lands on the reservoir's c (test/unit/mass-wall.test.ts for the CPU).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/physics/validate';
import { gpuSim } from '../helpers/gpu';
import { gpuCpu } from '../helpers/gpu-cpu';
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

/**
 * Sweep seed 2084 #35, made physical and 16 x 1: a closed bottom wall under a flux of -1.19 MW/m^2
 * with S_T = 10 1/K puts logit c_w about 100 beyond logit c, so exp overflowed float32 in
 * logitShiftDeltaC and inf / inf made sigma NaN in every cell at step 0 (the CPU's float64 was
 * fine up to 709). c_w - c is now 1 - c there, as on the CPU.
 */
const overflowWall = {
  version: 1,
  grid: { nx: 16, ny: 1, width: 1.92e-4, height: 6.67e-3 },
  mixture: { rho: 1, cp: 717, k: 398, D: 1.687e-6, soret: 10, molarMass: [0.001995, 1e4], dufour: 'reciprocal' },
  reference: { T0: 2000, c0: 0.0187 },
  boundaries: {
    left: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
    right: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
    bottom: { heat: { type: 'flux', value: -1.193e6 }, mass: { type: 'closed' } },
    top: { heat: { type: 'temperature', value: 2000 }, mass: { type: 'closed' } },
  },
  time: { scheme: 'euler' },
};

describe('a closed wall far beyond float32 exp range', () => {
  it('keeps every cell finite on the GPU and equals the CPU reference (sweep seed 2084 #35)', async () => {
    const run = await gpuCpu(parseScenario(overflowWall), { steps: 3 });
    try {
      const s = await run.gpu.stats();
      expect(s.nonFinite).toBe(0);
      expect(Number.isFinite(s.sigma.mean ?? NaN)).toBe(true);
      expect(run.T.relative).toBeLessThan(1e-3);
      expect(run.c.relative).toBeLessThan(1e-3);
    } finally {
      run.destroy();
    }
  }, 120_000);
});
