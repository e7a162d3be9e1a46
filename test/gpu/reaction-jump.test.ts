import { describe, expect, it } from 'vitest';
import { presetFile } from '../../src/physics/presets';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { gpuSim } from '../helpers/gpu';
import { report } from '../helpers/report';
import { merge, type Json } from '../helpers/scenarios';
import { relativeDifference } from '../helpers/wallcases';

describe('reactive-conduction: the steady-state jump on the GPU', () => {
  it('converges at 128 x 2 and equals the CPU jump within 1e-3 of the spans (float32; the sweep GPU = CPU tolerance)', { timeout: 300_000 }, async () => {
    const v = parseScenario(merge(presetFile('reactive-conduction') as Json, { grid: { nx: 128, ny: 2 }, time: { scheme: 'implicit', dt: 'auto' } }));
    const gpu = await gpuSim(v);
    const cpu = new ReferenceSimulation(v);
    const g = await gpu.jumpToSteadyState();
    const c = cpu.jumpNow();
    expect(c.converged).toBe(true);
    expect(g.converged).toBe(true);
    expect(g.relative).toBeLessThan(1e-3);
    const dT = relativeDifference((await gpu.readField('T')).data, cpu.fieldNow('T'), 325);
    const dc = relativeDifference((await gpu.readField('c')).data, cpu.fieldNow('c'), 0.5);
    report('reactive-conduction 128x2 jump GPU vs CPU (T, c); GPU relative residual, stalled; passes GPU, CPU', `${dT.toExponential(2)} ${dc.toExponential(2)}; ${g.relative.toExponential(2)} ${g.stalled}; ${g.passes.toFixed(0)} ${cpu.passes.toFixed(0)}`);
    expect(dT).toBeLessThan(1e-3);
    expect(dc).toBeLessThan(1e-3);
    gpu.destroy();
  });
});
