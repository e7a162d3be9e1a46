/**
 * RKL2 from a discontinuous start on the GPU: the same substeps as the CPU reference
 * (physics/rkl2.ts rkl2Substeps), so c stays in [0, 1] on both and GPU = CPU (sweep seeds 2075 #10
 * and 2079 #18, refused on both backends before).
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { withValue } from '../../src/physics/validate';
import { gpuSim } from '../helpers/gpu';
import { report } from '../helpers/report';
import { overshootAtOne, undershootAtZero } from '../helpers/rkl2-ramp-cases';
import { relativeDifference } from '../helpers/wallcases';

describe('RKL2 from a discontinuous start (GPU = CPU)', () => {
  it.each([
    ['seed 2075 #10 (c near 1)', overshootAtOne],
    ['seed 2079 #18 (c near 0)', undershootAtZero],
  ] as const)('%s: the same substeps, c in [0, 1], the same fields', async (name, v) => {
    const gpu = await gpuSim(v);
    const cpu = new ReferenceSimulation(v);
    try {
      await gpu.step(2);
      cpu.advance(2);
      // a change of dt alone keeps the state's age (no ramp); a written field restarts it
      const half = withValue(v.scenario, 'time.dt', v.derived.dt / 2);
      gpu.setScenario(half);
      cpu.setScenario(half);
      await gpu.step(1);
      cpu.advance(1);
      await gpu.writeField('c', (await gpu.readField('c')).data);
      await cpu.writeField('c', cpu.fieldNow('c'));
      await gpu.step(1);
      cpu.advance(1);
      const s = await gpu.stats();
      const { T0, c0 } = v.scenario.reference;
      // T stays uniform at T0 in both draws: its difference relative to T0 (one float32 rounding is 6e-8)
      const gT = (await gpu.readField('T')).data;
      const dT = cpu.fieldNow('T').reduce((m, x, i) => Math.max(m, Math.abs(gT[i] - x)), 0) / T0;
      const dc = relativeDifference((await gpu.readField('c')).data, cpu.fieldNow('c'), c0);
      report(`GPU vs CPU rkl2 ramp ${name} (T, c; passes)`, `${dT.toExponential(2)} ${dc.toExponential(2)}; ${gpu.passes}`);
      expect(gpu.passes).toBe(cpu.passes);
      expect(s.steps).toBe(4);
      expect(gpu.simTime).toBeCloseTo(cpu.simTime, 12);
      expect(s.c.min).toBeGreaterThanOrEqual(0);
      expect(s.c.max).toBeLessThanOrEqual(1);
      expect(dc).toBeLessThan(1e-4);
      expect(dT).toBeLessThan(1e-6);
    } finally {
      gpu.destroy();
      cpu.destroy();
    }
  });
});
