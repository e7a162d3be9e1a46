/**
 * `npm run bench:implicit-large [-- --n 2048]`: one implicit step on an n x n grid (the soret-cell
 * preset, square cells) on this machine's WebGPU adapter, with the device's own buffer limits:
 * the memory plan against them, allocation, one backward-Euler step, its residual and whether any
 * WebGPU error (validation, out of memory, internal) was raised. A benchmark, not a test: at
 * 4096^2 a step takes minutes on SwiftShader. Exits 3 when the step is not a result (an error,
 * a non-finite state, or a residual above the step tolerance).
 */
import { memoryPlan } from '../src/gpu/memory-plan';
import { nodeShaderSources, requestNodeGpu } from '../src/gpu/node';
import { GpuSimulation } from '../src/gpu/solver';
import { presetFile } from '../src/physics/presets';
import { parseScenario, withValue } from '../src/physics/validate';
import type { Scenario } from '../src/physics/scenario';

function sizeArg(argv: readonly string[]): number {
  const k = argv.indexOf('--n');
  const n = k >= 0 ? Number(argv[k + 1]) : 2048;
  if (!Number.isInteger(n) || n < 8 || n > 4096) throw new Error('--n must be an integer in 8..4096');
  return n;
}

async function main(): Promise<number> {
  const n = sizeArg(process.argv.slice(2));
  const gpu = await requestNodeGpu();
  if ('error' in gpu) throw new Error(gpu.error);
  const errors: string[] = [];
  gpu.device.addEventListener('uncapturederror', (e) => errors.push((e as GPUUncapturedErrorEvent).error.message));
  let s = parseScenario(presetFile('soret-cell')).scenario;
  for (const [path, value] of [['grid.nx', n], ['grid.ny', n], ['time.scheme', 'implicit']] as const) s = withValue(s, path, value).scenario as Scenario;
  const v = parseScenario(s);
  const g = v.scenario.grid;
  const plan = memoryPlan(n, n, 'implicit', { hx: g.width / g.nx, hy: g.height / g.ny });
  const { maxBufferSize, maxStorageBufferBindingSize } = gpu.device.limits;
  const MiB = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  console.log(`${gpu.adapter}; limits maxBufferSize ${maxBufferSize} B, maxStorageBufferBindingSize ${maxStorageBufferBindingSize} B`);
  console.log(`plan: implicit ${n} x ${n}: ${MiB(plan.totalBytes)} (${plan.bytesPerCell.toFixed(1)} B/cell), largest ${plan.largest.label} ${MiB(plan.largest.bytes)}`);
  const t0 = performance.now();
  const sim = await GpuSimulation.create({ device: gpu.device, adapter: gpu.adapter, sources: nodeShaderSources() }, v);
  const t1 = performance.now();
  await sim.step(1);
  const stats = await sim.stats();
  const t2 = performance.now();
  const solve = sim.lastSolve;
  console.log(`allocated ${MiB(sim.gpuBytes)} in ${((t1 - t0) / 1000).toFixed(1)} s (kernels compiled included); one implicit step (dt ${v.derived.dt.toPrecision(3)} s) in ${((t2 - t1) / 1000).toFixed(1)} s`);
  console.log(`solve: ${JSON.stringify(solve)}`);
  console.log(`T ${stats.T.min.toFixed(4)} .. ${stats.T.max.toFixed(4)} K, c ${stats.c.min.toFixed(6)} .. ${stats.c.max.toFixed(6)}; WebGPU errors: ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ''}`);
  sim.destroy();
  const ok = errors.length === 0 && solve !== null && solve.converged && Number.isFinite(stats.T.min) && Number.isFinite(stats.c.max);
  return ok ? 0 : 3;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(3);
  },
);
