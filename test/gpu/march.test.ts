/**
 * The stepping kernels march up MARCH_COLUMNS adjacent columns per invocation (shaders/columns.wgsl
 * `March`), wrapping past the grid's last column. On grids whose width is not a multiple of it,
 * periodic seams and walls, the Euler step and the RKL2 stages equal the CPU reference.
 */
import { describe, expect, it } from 'vitest';
import { MARCH_COLUMNS } from '../../src/gpu/params';
import { ReferenceSimulation } from '../../src/physics/reference';
import { gpuSim } from '../helpers/gpu';
import { blob, caseScenario, relativeDifference } from '../helpers/wallcases';

const periodic = { heat: { type: 'periodic' }, mass: { type: 'periodic' } };
const hot = { heat: { type: 'temperature', value: 310 }, mass: { type: 'closed' } };

describe('the column march over grids of any width', () => {
  it('periodic x seam and x walls on 13, 6 and 3 columns: GPU = CPU for Euler and RKL2', async () => {
    expect(13 % MARCH_COLUMNS).not.toBe(0);
    for (const [nx, left] of [[13, periodic], [6, hot], [3, periodic]] as const) {
      for (const scheme of ['euler', 'rkl2'] as const) {
        const v = caseScenario({
          grid: { nx, ny: 5, width: 1, height: 0.75 },
          initial: { T: 300, c: 0.5, regions: [blob] },
          boundaries: { left, right: left === periodic ? periodic : { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } }, bottom: hot, top: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } } },
          time: { scheme },
        });
        const sim = await gpuSim(v);
        const cpu = new ReferenceSimulation(v);
        await sim.step(5);
        await cpu.step(5);
        const T = (await sim.readField('T')).data;
        expect(relativeDifference(T, cpu.fieldNow('T'), 300), `${nx} ${scheme} T`).toBeLessThan(1e-5);
        expect(relativeDifference((await sim.readField('c')).data, cpu.fieldNow('c'), 0.5), `${nx} ${scheme} c`).toBeLessThan(1e-5);
        sim.destroy();
      }
    }
  });
});
