import { describe, expect, it } from 'vitest';
import { memoryPlan } from '../../src/gpu/memory-plan';
import { ScenarioError, withValue } from '../../src/physics/validate';
import { GpuSimulation } from '../../src/gpu/solver';
import { requestNodeGpu } from '../../src/gpu/node';
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
    // Every accepted grid fits 1 GiB buffers (this machine's adapter): the refusal is shown on a
    // device with WebGPU's default limits (128 MiB storage bindings), where 4096^2 implicit does not fit.
    const small = await requestNodeGpu({ defaultLimits: true });
    if ('error' in small) return expect.fail(small.error);
    const ctx = { ...(await gpuContext()), device: small.device };
    const limit = Math.min(ctx.device.limits.maxBufferSize, ctx.device.limits.maxStorageBufferBindingSize);
    const side = 4096;
    const big = memoryPlan(side, side, 'implicit', { hx: 0.01 / side, hy: 0.005 / side });
    if (big.largest.bytes <= limit) return expect.fail(`device allows ${limit} B buffers: the 4096^2 implicit scheme fits here`);
    const v = scenario({ grid: { nx: 16, ny: 8, width: 0.01, height: 0.005 }, time: { scheme: 'implicit' } });
    const sim = await GpuSimulation.create(ctx, v);
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
    expect(msg).toContain(`grid.nx, grid.ny: ${side} x ${side} cells with time.scheme "implicit" need a ${big.largest.label} buffer of ${big.largest.bytes} bytes`);
    expect(msg).toMatch(new RegExp(`device's max\\w+ of ${limit} bytes`));
    expect(sim.validated.scenario.grid.nx).toBe(16);
    await sim.step(2);
    expect(sim.steps).toBe(3);
    await expect(GpuSimulation.create(ctx, edited)).rejects.toThrow(/grid\.nx, grid\.ny/);
    sim.destroy();
    small.device.destroy();
  });
});
