import { describe, expect, it } from 'vitest';
import { GpuError, withErrorScopes, watchUncapturedErrors } from '../../src/gpu/error-scope';
import { GPU_CPU } from '../../scripts/sweep/check';
import { ReferenceSimulation } from '../../src/physics/reference';
import { assessRun } from '../../src/physics/run-checks';
import { aspectCase } from '../helpers/aspect';
import { gpuContext, gpuSim } from '../helpers/gpu';

describe('GPU errors become messages; failures exit 3 on the GPU too', () => {
  it('withErrorScopes turns a validation error into a GpuError with a plain message, and cleans up', async () => {
    const { device } = await gpuContext();
    let cleaned = false;
    const p = withErrorScopes(
      device,
      'allocating a test buffer',
      () => device.createBuffer({ label: 'bad usage', size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.STORAGE }),
      (b) => {
        cleaned = true;
        b.destroy();
      },
    );
    await expect(p).rejects.toBeInstanceOf(GpuError);
    await expect(p).rejects.toThrow(/^allocating a test buffer: the GPU refused a command \(a validation error\): /);
    expect(cleaned).toBe(true);
    const ok = await withErrorScopes(device, 'a good buffer', () => device.createBuffer({ label: 'good', size: 16, usage: GPUBufferUsage.STORAGE }));
    expect(ok.size).toBe(16);
    ok.destroy();
  });

  it('an allocation beyond maxBufferSize is refused as a message, not an uncaptured error', async () => {
    const { device } = await gpuContext();
    const watch = watchUncapturedErrors(device);
    const big = device.limits.maxBufferSize + 4;
    await expect(withErrorScopes(device, 'allocating the fields', () => device.createBuffer({ label: 'too big', size: big, usage: GPUBufferUsage.STORAGE }))).rejects.toThrow(
      /^allocating the fields: the GPU (ran out of memory|refused a command \(a validation error\)): /,
    );
    expect(watch.count()).toBe(0);
    watch.stop();
  });

  // The jump of symptom 1 converges since semi-coarsening, and 100:1 cells at 97 % of the
  // second-law bound since the T-step cap (implicit.ts jumpTStep). 1:100 cells at 98 % of the bound
  // did not on the GPU (float32, 60 iterations, relative residual ~0.3; the float64 reference
  // converges in 20) and ended as a failure; along the coupling ladder (coupling-continuation.ts,
  // issue 8) they converge and equal the float64 jump (changed deliberately). A GPU jump that stops
  // short of its tolerance (here: 1 iteration per attempt; with 2 the Anderson-mixed ladder,
  // physics/anderson.ts, converges) must still end as a failure, never a
  // result: assessRun (the command line's judge: exit 3) gives {step, time, message}.
  it('a GPU jump that does not converge is a failure {step, time, message}; at 98 % of the bound on 1:100 cells it converges = CPU', async () => {
    const v = aspectCase(0.01, 'bound', 16, 0.98);
    const sim = await gpuSim(v);
    try {
      const short = await sim.jumpToSteadyState({ maxIterations: 1 });
      expect(short.converged).toBe(false);
      const failure = assessRun(v, await sim.stats(), short).failure;
      expect(failure).toMatchObject({ step: 0, time: 0, message: expect.stringMatching(/did not converge/) });
      sim.reset();
      const rep = await sim.jumpToSteadyState();
      expect(rep.converged).toBe(true);
      const cpu = new ReferenceSimulation(v);
      expect(cpu.jumpNow().converged).toBe(true);
      const a = (await sim.readField('T')).data;
      const b = cpu.fieldNow('T');
      const span = cpu.statsNow().T.max - cpu.statsNow().T.min;
      let d = 0;
      for (let i = 0; i < b.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
      expect(d / span).toBeLessThanOrEqual(GPU_CPU);
    } finally {
      sim.destroy();
    }
  }, 300_000);

  // The same case at 99 % of the bound went non-finite on SwiftShader's float32 (its failure named
  // step 0: a jump runs no step). Along the coupling ladder it converges; the plain attempt's
  // non-finite values are undone with its state (the status word too), and no step was counted.
  it('a GPU jump at 99 % of the bound converges along the ladder, leaving no non-finite record; steps stay 0', async () => {
    const sim = await gpuSim(aspectCase(0.01, 'bound', 16, 0.99));
    try {
      const rep = await sim.jumpToSteadyState();
      const s = await sim.stats();
      expect(rep.converged).toBe(true);
      expect(s.nonFinite).toBe(0);
      expect(s.firstNonFiniteStep).toBeNull();
      expect(s.steps).toBe(0);
    } finally {
      sim.destroy();
    }
  }, 120_000);
});
