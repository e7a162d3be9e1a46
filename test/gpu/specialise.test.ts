/**
 * The stencil kernels are specialised per scenario (gpu/specialise.ts: REACTION, HEAT_SOURCES,
 * SOLIDS override constants). A same-grid setScenario that adds a heat source keeps the state, is
 * `preparing` until the variant with the source lookup is compiled, and then steps equal to the
 * CPU reference (Euler and RKL2). Its own file: one fresh device, so no other test has compiled
 * that variant first.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { buildCellInputs } from '../../src/physics/grid';
import { cellKindsOf } from '../../src/gpu/params';
import { stencilFeaturesOf } from '../../src/gpu/specialise';
import type { SchemeName } from '../../src/physics/scenario';
import { closedBox } from '../helpers/cases';
import { gpuSim } from '../helpers/gpu';
import { blob, relativeDifference, strong } from '../helpers/wallcases';

const box = (scheme: SchemeName, q: number) =>
  closedBox({ nx: 16, ny: 12, width: 1, height: 0.75 }, strong, {
    initial: { T: 300, c: 0.5, regions: [blob] },
    sources: q ? [{ shape: 'circle', center: [0.3, 0.4], radius: 0.12, q }] : [],
    time: { scheme },
  });

describe('stencil kernels specialised per scenario', () => {
  it('a same-grid switch that adds a heat source keeps the state, prepares the variant, then equals the CPU reference', async () => {
    for (const scheme of ['euler', 'rkl2'] as const) {
      const sim = await gpuSim(box(scheme, 0));
      const cpu = new ReferenceSimulation(box(scheme, 0));
      await sim.step(3);
      await cpu.step(3);
      sim.setScenario(box(scheme, 50));
      cpu.setScenario(box(scheme, 50));
      if (scheme === 'euler') {
        // The first switch needs the variant with the source lookup (the rkl2 pass finds it compiled).
        expect(sim.preparing).toBe(true);
        expect(() => sim.enqueueSteps(1)).toThrow(/kernels of this scenario are still being prepared/);
      }
      await sim.step(4);
      await cpu.step(4);
      expect(sim.steps).toBe(7);
      const T = (await sim.readField('T')).data;
      const Tc = cpu.fieldNow('T');
      expect(relativeDifference(T, Tc, 300)).toBeLessThan(1e-5);
      expect(relativeDifference((await sim.readField('c')).data, cpu.fieldNow('c'), 0.5)).toBeLessThan(1e-5);
      // The source heated its cells (the source lookup is in the kernel that ran).
      const probe = 6 * 16 + 4; // cell (4, 6): inside the source circle
      const without = new ReferenceSimulation(box(scheme, 0));
      await without.step(7);
      expect(T[probe] - without.fieldNow('T')[probe]).toBeGreaterThan(0.5 * (Tc[probe] - without.fieldNow('T')[probe]));
      expect(Tc[probe] - without.fieldNow('T')[probe]).toBeGreaterThan(0);
      sim.destroy();
    }
  });

  it('an obstacle without heat sources (SOLIDS on, no cell-kind table lookup) and a box with neither: GPU = CPU', async () => {
    const obstacle = [{ shape: 'rect', x: [0.55, 0.75], y: [0.1, 0.45] }];
    for (const obstacles of [obstacle, []]) {
      for (const scheme of ['euler', 'rkl2'] as const) {
        const v = closedBox({ nx: 16, ny: 12, width: 1, height: 0.75 }, strong, { initial: { T: 300, c: 0.5, regions: [blob] }, obstacles, time: { scheme } });
        const cells = cellKindsOf(buildCellInputs(v.scenario));
        expect(stencilFeaturesOf(v.scenario, cells.table, cells.kinds)).toEqual({ reaction: false, heatSources: false, solids: obstacles.length > 0 });
        const sim = await gpuSim(v);
        const cpu = new ReferenceSimulation(v);
        await sim.step(6);
        await cpu.step(6);
        expect(relativeDifference((await sim.readField('T')).data, cpu.fieldNow('T'), 300)).toBeLessThan(1e-5);
        expect(relativeDifference((await sim.readField('c')).data, cpu.fieldNow('c'), 0.5)).toBeLessThan(1e-5);
        sim.destroy();
      }
    }
  });
});
