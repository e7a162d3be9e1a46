/**
 * `npm run bench:implicit-large [-- --n 2048]`: implicit steps on an n x n grid (the soret-cell
 * preset's 10 mm x 5 mm box, so cells 2:1, which semi-coarsen first) on this machine's WebGPU
 * adapter, with the device's own buffer limits: the memory plan against them, allocation,
 * `--steps K` implicit steps (default 1: backward Euler, then BDF2; 0: allocate and compute the
 * totals only), the last one's residual and whether any WebGPU error (validation, out of memory,
 * internal) was raised. A benchmark, not a test: a step at 2048^2
 * takes minutes on SwiftShader. Exits 3 when the run is not a result (a WebGPU error, a
 * non-finite state, or a residual above the step tolerance).
 */
import { memoryPlan } from '../src/gpu/memory-plan';
import { nodeShaderSources, requestNodeGpu } from '../src/gpu/node';
import { GpuSimulation } from '../src/gpu/solver';
import { presetFile } from '../src/physics/presets';
import { parseScenario, withValue } from '../src/physics/validate';
import type { Scenario } from '../src/physics/scenario';

interface Options {
  n: number;
  /** Implicit steps to run after allocating (0: allocate, compute the totals, free). */
  steps: number;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { n: 2048, steps: 1 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--n') o.n = Number(argv[++i]);
    else if (argv[i] === '--steps') o.steps = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]} (use --n N, --steps K)`);
  }
  if (!Number.isInteger(o.n) || o.n < 8 || o.n > 4096) throw new Error('--n must be an integer in 8..4096');
  if (!Number.isInteger(o.steps) || o.steps < 0) throw new Error('--steps must be an integer >= 0');
  return o;
}

async function main(): Promise<number> {
  const { n, steps } = parseArgs(process.argv.slice(2));
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
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`${gpu.adapter}; limits maxBufferSize ${maxBufferSize} B, maxStorageBufferBindingSize ${maxStorageBufferBindingSize} B`);
  console.log(`plan: implicit ${n} x ${n} (cells ${(g.width / g.nx / (g.height / g.ny)).toFixed(2)}:1): ${MiB(plan.totalBytes)} (${plan.bytesPerCell.toFixed(1)} B/cell), largest ${plan.largest.label} ${MiB(plan.largest.bytes)}`);
  let t = performance.now();
  const sim = await GpuSimulation.create({ device: gpu.device, adapter: gpu.adapter, sources: nodeShaderSources() }, v);
  console.log(`allocated ${MiB(sim.gpuBytes)} in ${secs(performance.now() - t)} (kernels compiled included)`);
  for (let k = 0; k < steps; k++) {
    t = performance.now();
    await sim.step(1);
    console.log(`implicit step ${k + 1} (${k ? 'BDF2' : 'backward Euler'}, dt ${v.derived.dt.toPrecision(3)} s) in ${secs(performance.now() - t)}`);
  }
  t = performance.now();
  const stats = await sim.stats();
  const solve = sim.lastSolve;
  console.log(`stats in ${secs(performance.now() - t)}; solve: ${JSON.stringify(solve)}`);
  console.log(`T ${stats.T.min.toFixed(4)} .. ${stats.T.max.toFixed(4)} K, c ${stats.c.min.toFixed(6)} .. ${stats.c.max.toFixed(6)}; WebGPU errors: ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ''}`);
  sim.destroy();
  const ok = errors.length === 0 && (steps === 0 || (solve !== null && solve.converged)) && Number.isFinite(stats.T.min) && Number.isFinite(stats.c.max);
  return ok ? 0 : 3;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(3);
  },
);
