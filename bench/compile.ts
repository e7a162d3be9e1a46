/**
 * Kernel compile times (`npm run bench:compile`): what a page waits for before its first frame on
 * a CPU adapter. Part 1: every kernel the default preset compiles at start (GpuSimulation.create),
 * one at a time, in ms. Part 2: the reduction kernels (totals.wgsl, implicit.wgsl; two passes each)
 * compiled with REDUCE_WG = 128 (the former size) and 32 (params.ts), interleaved, `--reps` times
 * (default 3), medians and their ratio in one run. Each compile gets a fresh module (a comment
 * differs), so no compile is served from a cache.
 */
import { parseArgs } from 'node:util';
import { generatedSources } from '../src/gpu/kernels';
import { nodeShaderSources, requestNodeGpu } from '../src/gpu/node';
import { cellKindsOf, shaderPrelude, WORKGROUP } from '../src/gpu/params';
import { composeShader } from '../src/gpu/shaders';
import { solverKernels } from '../src/gpu/solver-kernels';
import { stencilFeaturesOf } from '../src/gpu/specialise';
import { buildCellInputs } from '../src/physics/grid';
import { DEFAULT_PRESET, presetFile } from '../src/physics/presets';
import { parseScenario } from '../src/physics/validate';
import { median } from './median';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '3' } } });
const reps = Number(values.reps);
const gpu = await requestNodeGpu();
if ('error' in gpu) throw new Error(gpu.error);
const { device, adapter } = gpu;
const sources = { ...nodeShaderSources(), ...generatedSources() };
let fresh = 0;

/** Milliseconds to compile `entry` of `file` with override `constants`, from a module never compiled before. */
async function compileMs(file: string, entry: string, constants: Record<string, number> = {}): Promise<number> {
  const code = `${composeShader(file, sources, shaderPrelude())}\n// compile ${++fresh}\n`;
  const t = performance.now();
  const module = device.createShaderModule({ label: `${file} (bench ${fresh})`, code });
  await device.createComputePipelineAsync({ label: `${file} ${entry} (bench)`, layout: 'auto', compute: { module, entryPoint: entry, constants } });
  return performance.now() - t;
}

console.log(`GPU: ${adapter}\n`);
const v = parseScenario(presetFile(DEFAULT_PRESET));
const cells = cellKindsOf(buildCellInputs(v.scenario));
const kernels = solverKernels(stencilFeaturesOf(v.scenario, cells.table, cells.kinds));
console.log(`${DEFAULT_PRESET}: the kernels compiled before the first step, one at a time`);
let total = 0;
for (const k of kernels) {
  const ms = await compileMs(k.table.file, k.entry, k.constants ?? {});
  total += ms;
  console.log(`  ${k.table.file.padEnd(14)} ${k.entry.padEnd(16)} ${ms.toFixed(0).padStart(6)} ms`);
}
console.log(`  ${'all'.padEnd(31)} ${total.toFixed(0).padStart(6)} ms\n`);

console.log(`Reduction kernels at REDUCE_WG = 128 and ${WORKGROUP.REDUCE_WG} (median of ${reps}):`);
const sizes = [128, WORKGROUP.REDUCE_WG];
for (const [file, entry] of [
  ['totals.wgsl', 'reduceCells'],
  ['totals.wgsl', 'reduceGroups'],
  ['implicit.wgsl', 'reduceCells'],
  ['implicit.wgsl', 'reduceGroups'],
] as const) {
  const ms: number[][] = sizes.map(() => []);
  for (let r = 0; r < reps; r++) for (const [i, wg] of sizes.entries()) ms[i].push(await compileMs(file, entry, { REDUCE_WG: wg }));
  const [before, now] = ms.map(median);
  console.log(`  ${file.padEnd(14)} ${entry.padEnd(13)} ${before.toFixed(0).padStart(6)} ms -> ${now.toFixed(0).padStart(5)} ms  (${(before / now).toFixed(1)}x)`);
}
device.destroy();
process.exit(0);
