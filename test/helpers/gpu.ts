/**
 * One Dawn device per test file (SwiftShader without a GPU). GPU tests fail, never skip, when no
 * adapter exists: the README's test command installs what they need.
 */
import { GpuSimulation, type GpuContext } from '../../src/gpu/solver';
import { nodeShaderSources, requestNodeGpu } from '../../src/gpu/node';
import type { Validated } from '../../src/physics/validate';

let ctx: Promise<GpuContext> | undefined;

export function gpuContext(): Promise<GpuContext> {
  ctx ??= (async () => {
    const r = await requestNodeGpu();
    if ('error' in r) throw new Error(`GPU tests need a WebGPU adapter: ${r.error}`);
    r.device.addEventListener('uncapturederror', (e) => {
      throw new Error(`uncaptured WebGPU error: ${(e as GPUUncapturedErrorEvent).error.message}`);
    });
    return { device: r.device, adapter: r.adapter, sources: nodeShaderSources() };
  })();
  return ctx;
}

export async function gpuSim(v: Validated): Promise<GpuSimulation> {
  return GpuSimulation.create(await gpuContext(), v);
}

/**
 * Sums of the stored float32 deviations in float64 on the host: energy as sum(T - T0) [K cells],
 * solute as sum(c) [cells] (c0 = `c0`). Independent of the GPU's own reductions.
 */
export async function hostTotals(gpu: GpuSimulation, c0 = 0.5): Promise<{ energy: number; solute: number }> {
  const u = await gpu.readDeviation('T');
  const c = await gpu.readDeviation('c');
  let energy = 0;
  let solute = 0;
  for (let i = 0; i < u.length; i++) {
    energy += u[i];
    solute += c[i] + c0;
  }
  return { energy, solute };
}
