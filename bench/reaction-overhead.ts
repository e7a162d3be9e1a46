/**
 * `npx tsx bench/reaction-overhead.ts [variant.wgsl]`: what the reaction code costs a scenario
 * without a reaction. Forward-Euler steps of soret-cell at 256^2 through GpuSimulation with the
 * shaders of the merge base (BENCH_BASE_REV, default 84946fc: no reaction code) against the
 * current ones (and, given a file, the current ones with shaders/reaction.wgsl replaced by it),
 * rounds interleaved; prints the median time per step of each and the ratios to the base.
 * Absolute numbers depend on the adapter (SwiftShader is a CPU): compare the ratios.
 */
import { readFileSync } from 'node:fs';
import { nodeShaderSources, requestNodeGpu } from '../src/gpu/node';
import { GpuSimulation } from '../src/gpu/solver';
import { presetFile } from '../src/physics/presets';
import { parseScenario } from '../src/physics/validate';
import { shaderSourcesAt } from './kernels';
import { median } from './median';

const BASE = process.env.BENCH_BASE_REV ?? '84946fc';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const STEPS = Number(process.env.BENCH_STEPS ?? 200);

const gpu = await requestNodeGpu();
if ('error' in gpu) throw new Error(gpu.error);
const raw = presetFile('soret-cell') as { grid: { nx: number; ny: number } };
raw.grid.nx = 256;
raw.grid.ny = 256;
const v = parseScenario(raw);
const current = nodeShaderSources();
const variants: [string, Record<string, string>][] = [
  ['base', shaderSourcesAt(BASE)],
  ['current', current],
];
if (process.argv[2]) variants.push(['variant', { ...current, 'reaction.wgsl': readFileSync(process.argv[2], 'utf8') }]);
const sims = await Promise.all(variants.map(([, sources]) => GpuSimulation.create({ device: gpu.device, adapter: gpu.adapter, sources }, v)));
for (const s of sims) await s.step(20); // warm-up
const times: number[][] = variants.map(() => []);
for (let r = 0; r < ROUNDS; r++) {
  for (let k = 0; k < sims.length; k++) {
    const t0 = performance.now();
    await sims[k].step(STEPS);
    times[k].push((performance.now() - t0) / STEPS);
  }
}
variants.forEach(([name], k) => {
  const m = median(times[k]);
  console.log(`${name}: ${m.toFixed(3)} ms/step (x${(m / median(times[0])).toFixed(3)} of base); rounds ${times[k].map((t) => t.toFixed(2)).join(' ')}`);
});
for (const s of sims) s.destroy();
