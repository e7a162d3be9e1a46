import { describe, expect, it } from 'vitest';
import { memoryPlan } from '../../src/gpu/memory-plan';
import { ScenarioError, withValue } from '../../src/physics/validate';
import { gpuContext, gpuSim } from '../helpers/gpu';
import { scenario } from '../helpers/scenarios';

describe('GPU memory plan and error scopes', () => {
  it('the plan is what the solver holds, per scheme (the implicit sizes come from implicit-plan.ts)', async () => {
    for (const scheme of ['euler', 'rkl2', 'implicit'] as const) {
      const v = scenario({ grid: { nx: 24, ny: 10, width: 0.01, height: 0.005 }, time: { scheme } });
      const sim = await gpuSim(v);
      const plan = memoryPlan(24, 10, scheme);
      // rkl2's stage uniforms (256 B per stage) are not per cell and not in the plan
      const extra = scheme === 'rkl2' ? v.derived.stages * 256 : 0;
      expect(sim.gpuBytes - extra, scheme).toBeGreaterThanOrEqual(plan.totalBytes - 4096);
      expect(sim.gpuBytes - extra, scheme).toBeLessThanOrEqual(plan.totalBytes + 4096);
      sim.destroy();
    }
  });

  it('refuses a grid whose implicit buffers exceed the device limit before allocating, keeping the running state', async () => {
    const ctx = await gpuContext();
    const limit = Math.min(ctx.device.limits.maxBufferSize, ctx.device.limits.maxStorageBufferBindingSize);
    // a grid whose multigrid operators (96 B x 4/3 per cell) exceed the limit while its fields fit
    const side = Math.min(4096, Math.ceil(Math.sqrt(limit / 96)));
    const big = memoryPlan(side, side, 'implicit');
    if (big.largest.bytes <= limit) return expect.fail(`device allows ${limit} B buffers: the 4096^2 implicit scheme fits here`);
    const v = scenario({ grid: { nx: 16, ny: 8, width: 0.01, height: 0.005 }, time: { scheme: 'implicit' } });
    const sim = await gpuSim(v);
    await sim.step(1);
    const edited = withValue(withValue(v.scenario, 'grid.nx', side).scenario, 'grid.ny', side);
    let err: unknown;
    try {
      sim.setScenario(edited);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    const msg = (err as ScenarioError).message;
    expect(msg).toMatch(/grid\.nx, grid\.ny: \d+ x \d+ cells with time\.scheme "implicit" need a multigrid operators \(all levels\) buffer of \d+ bytes/);
    expect(msg).toMatch(/device's max\w+ of \d+ bytes/);
    expect(sim.validated.scenario.grid.nx).toBe(16);
    await sim.step(2);
    expect(sim.steps).toBe(3);
    await expect(gpuSim(edited)).rejects.toThrow(/grid\.nx, grid\.ny/);
    sim.destroy();
  });
});
