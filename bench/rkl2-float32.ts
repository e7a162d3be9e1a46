/**
 * `npx tsx bench/rkl2-float32.ts`: how the float32 error of one RKL2 super-step grows with its
 * stage count s (issue 8; scripts/sweep/check.ts rkl2Float32Passes). One small smooth case (a
 * closed, insulated 32 x 16 box, Du Sr = 0.5, a few low modes in T and c written as float32-exact
 * deviations on both backends), for s = 11, 31, 101, 301, 1001 (dt = the step s stages allow):
 * GPU (Dawn; SwiftShader here) against the float64 CPU reference after one and after three
 * super-steps, as the sweep measures it (max difference over the field's excursion from its
 * reference value), divided by EPS32 = 2^-24 and per super-step. Both start as one smooth state
 * (the state's age set past dt: one super-step of s stages, not the ramp of a discontinuous start,
 * physics/rkl2.ts rkl2Substeps).
 */
import { nodeShaderSources, requestNodeGpu } from '../src/gpu/node';
import { GpuSimulation } from '../src/gpu/solver';
import { ReferenceSimulation } from '../src/physics/reference';
import { rkl2MaxStep } from '../src/physics/rkl2';
import { closedBox, soretForDuSr, unitMixture } from '../test/helpers/cases';
import { scenario, type Json } from '../test/helpers/scenarios';
import type { Validated } from '../src/physics/validate';

const EPS32 = 2 ** -24;
const r = await requestNodeGpu();
if ('error' in r) throw new Error(r.error);
const ctx = { device: r.device, adapter: r.adapter, sources: nodeShaderSources() };
const box = closedBox({ nx: 32, ny: 16, width: 1, height: 0.5 }, unitMixture(0.05, soretForDuSr(0.5, 0.05, 300, 0.5)));
const { nx, ny, width, height } = box.scenario.grid;
const dev = (f: (x: number, y: number) => number) =>
  Float64Array.from({ length: nx * ny }, (_, k) => Math.fround(f(((k % nx) + 0.5) * (width / nx), (Math.floor(k / nx) + 0.5) * (height / ny))));
const dT = dev((x, y) => 5 * Math.cos((Math.PI * x) / width) * Math.cos((Math.PI * y) / height) + 3 * Math.cos((2 * Math.PI * x) / width));
const dc = dev((x, y) => 0.05 * Math.cos((Math.PI * x) / width) + 0.02 * Math.cos((2 * Math.PI * y) / height));
/** Sets a backend's private state age (bench only): the written state is smooth, not a fresh discontinuity. */
const smooth = (sim: object) => ((sim as { age: number }).age = Infinity);

function relDiff(a: ArrayLike<number>, b: ArrayLike<number>, offset: number): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i] - offset));
  }
  return d / s;
}

const dtFE = box.scenario.time.safety * box.derived.dtLimit;
console.log('s  steps  T/eps/step  c/eps/step  (T, c relative)');
for (const s of [11, 31, 101, 301, 1001]) {
  const v: Validated = scenario({ ...(box.scenario as unknown as Json), time: { scheme: 'rkl2', dt: rkl2MaxStep(s, dtFE) * (1 - 1e-9), safety: box.scenario.time.safety } });
  if (v.derived.stages !== s) throw new Error(`expected ${s} stages, got ${v.derived.stages}`);
  const gpu = await GpuSimulation.create(ctx, v);
  const cpu = new ReferenceSimulation(v);
  for (const sim of [gpu, cpu]) {
    await sim.writeField('T', Array.from(dT, (x) => x + 300));
    await sim.writeField('c', Array.from(dc, (x) => x + 0.5));
    smooth(sim);
  }
  for (let k = 1; k <= 3; k++) {
    await gpu.step(1);
    cpu.advance(1);
    if (k === 2) continue;
    const eT = relDiff((await gpu.readField('T')).data, cpu.fieldNow('T'), 300);
    const ec = relDiff((await gpu.readField('c')).data, cpu.fieldNow('c'), 0.5);
    console.log(`${s} ${k} ${(eT / EPS32 / k).toFixed(2)} ${(ec / EPS32 / k).toFixed(2)} (${eT.toExponential(2)}, ${ec.toExponential(2)})`);
  }
  if (gpu.passes !== cpu.passes || gpu.passes !== 3 * s) throw new Error(`passes ${gpu.passes} / ${cpu.passes}, expected ${3 * s}`);
  gpu.destroy();
  cpu.destroy();
}
process.exit(0);
