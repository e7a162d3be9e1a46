/**
 * The GPU relaxes an oscillating jump as the CPU does (WGSL `update`: JUMP_RELAX once the T step is
 * capped; src/physics/implicit.ts): sweep seed 2058 draw 50 (5 x 16 cells of 116:1, S_T = -10 1/K,
 * c ~ 1e-4 .. 1e-3) lands on the float64 steady state (test/unit/jump-float64.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { gpuSim } from '../helpers/gpu';
import { soretFlat } from '../helpers/sweep-jumps';
import { report } from '../helpers/report';

describe('the jump relaxed once its residual rose, on the GPU', () => {
  it('GPU = CPU on seed 2058 draw 50', async () => {
    const cpu = new ReferenceSimulation(soretFlat());
    cpu.jumpNow();
    const c64 = cpu.fieldNow('c');
    const span = Math.max(...c64) - Math.min(...c64);
    const sim = await gpuSim(soretFlat());
    try {
      const rep = await sim.jumpToSteadyState();
      const c = (await sim.readField('c')).data;
      const d = Math.max(...Array.from(c, (x, i) => Math.abs(x - c64[i]))) / span;
      report('GPU jump, 5 x 16 at 116:1, S_T = -10: iterations, relative residual, c off the CPU (of the span)', `${rep.iterations} ${rep.relative.toExponential(2)} ${d.toExponential(2)}`);
      expect(rep.converged).toBe(true);
      expect(d).toBeLessThan(1e-3);
    } finally {
      sim.destroy();
    }
  }, 120_000);
});
