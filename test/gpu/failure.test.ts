import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GpuError, withErrorScopes, watchUncapturedErrors } from '../../src/gpu/error-scope';
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
  // second-law bound since the T-step cap (implicit.ts jumpTStep). One that still does not on the
  // GPU (1:100 cells at 98 % of the bound: float32, 60 iterations, relative residual ~0.3; the
  // float64 reference converges in 20) must end as a failure, never as a result.
  it('a GPU jump that does not converge exits 3 with failure {step, time, message, cell}', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'onsager-fail-')), 'bound-1to100.json');
    writeFileSync(file, JSON.stringify(aspectCase(0.01, 'bound', 16, 0.98).scenario));
    // Its own process compiles the implicit kernels: about 35 s on 2 cores, minutes when loaded.
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', file, '--jump'], { encoding: 'utf8', timeout: 280_000 });
    expect(r.status).toBe(3);
    const s = JSON.parse(r.stdout);
    expect(s.backend).toBe('gpu');
    expect(s.solve.converged).toBe(false);
    expect(s.failure).toEqual({ step: 0, time: 0, message: expect.stringMatching(/did not converge|T fell to|non-finite/), cell: { i: expect.any(Number), j: expect.any(Number) } });
  }, 300_000);

  // The same case at 99 % of the bound goes non-finite on SwiftShader's float32. A jump runs no
  // step: its state is step 0's, and the failure names step 0 (it named step 1 before).
  it('a GPU jump that goes non-finite names the current step (0), not the next', async () => {
    const sim = await gpuSim(aspectCase(0.01, 'bound', 16, 0.99));
    try {
      const rep = await sim.jumpToSteadyState();
      const s = await sim.stats();
      expect(rep.converged && s.nonFinite === 0).toBe(false); // a failure either way on this adapter
      if (s.nonFinite > 0) expect(s.firstNonFiniteStep).toBe(0);
      expect(s.steps).toBe(0);
    } finally {
      sim.destroy();
    }
  }, 120_000);
});
