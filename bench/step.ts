/**
 * `npm run bench`: cell updates per second of one forward-Euler step (fluxes + update; sigma is
 * computed on demand) at 256^2, 512^2 and 1024^2, against a plain copy kernel moving the same
 * bytes in the same run (the ratio says how close the step is to the memory-bandwidth floor), GPU
 * bytes per cell, and the dispatch-bound small-grid rate. In the same run, the Euler step and the
 * RKL2 stage kernels of the previous code (shaders at git revision BENCH_OLD_REV, default 84a97b5,
 * before the column-march stencil) against the current ones through one harness (bench/kernels.ts):
 * old, new and new / old; the new kernels compiled as the solver compiles them for the scenario
 * (src/gpu/specialise.ts: without reaction and heat-source code where it has none). Prints the
 * figures; writes bench/results.json.
 * Absolute numbers depend on the adapter (SwiftShader is a CPU): compare the ratios.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeShaderSources, requestNodeGpu } from '../src/gpu/node';
import { GpuSimulation, type GpuContext } from '../src/gpu/solver';
import { edgeLaunch, launchSize, tileLaunch } from '../src/gpu/pipelines';
import { composeShader } from '../src/gpu/shaders';
import { loadScenarioArg } from '../src/cli/load';
import { kernelRun, shaderSourcesAt } from './kernels';
import { buildCellInputs } from '../src/physics/grid';
import { cellKindsOf } from '../src/gpu/params';
import { EULER } from '../src/gpu/grid-fields';
import { specialised, stencilFeaturesOf, type StencilFeatures } from '../src/gpu/specialise';

/** Bytes the copy reference moves per cell: three 4-byte arrays read, three written. */
const STEP_BYTES_PER_CELL = 24;
/**
 * Bytes a kernel moves per cell update (neighbours' reads hit the cache), old (BENCH_OLD_REV) and
 * new. Euler step: old reads u, v, cell kind and writes u, v, sigma; new reads u, v and writes u,
 * v (sigma only when read). RKL2 stage: reads u, v, dY_{j-1}, dY_{j-2}, e0 (vec2 each), writes dY_j.
 * The new kernels read the cell kind only where the scenario has obstacles or heat sources
 * (gpu/specialise.ts: SOLIDS, HEAT_SOURCES).
 */
function bytesPerCell(kernel: 'euler step' | 'rkl2 stage', f: StencilFeatures): { old: number; new: number } {
  const kind = f.solids || f.heatSources ? 4 : 0;
  return kernel === 'euler step' ? { old: 24, new: 16 + kind } : { old: 44, new: 40 + kind };
}
const OLD_REV = process.env.BENCH_OLD_REV ?? '84a97b5';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const MIN_SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);

async function timeRepeated(run: (n: number) => Promise<void>, first: number): Promise<{ n: number; seconds: number }> {
  await run(Math.max(1, Math.floor(first / 4))); // warm-up: pipelines, caches
  let n = first;
  for (;;) {
    const t0 = performance.now();
    await run(n);
    const seconds = (performance.now() - t0) / 1000;
    if (seconds >= MIN_SECONDS || n >= 1 << 22) return { n, seconds };
    n = Math.ceil((n * MIN_SECONDS * 1.2) / Math.max(seconds, 1e-3));
  }
}

/** A copy kernel over `cells` cells, 6 arrays of 4 bytes, dispatched like the step. */
function makeCopy(ctx: GpuContext, cells: number) {
  const d = ctx.device;
  const module = d.createShaderModule({ label: 'copy.wgsl', code: composeShader('copy.wgsl', ctx.sources) });
  const pipeline = d.createComputePipeline({ label: 'copy', layout: 'auto', compute: { module, entryPoint: 'copy' } });
  const params = d.createBuffer({ label: 'copy params', size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  d.queue.writeBuffer(params, 0, Uint32Array.of(cells, 0, 0, 0));
  const arrays = Array.from({ length: 6 }, (_, i) =>
    d.createBuffer({ label: `copy array ${i}`, size: cells * 4, usage: GPUBufferUsage.STORAGE }),
  );
  const group = d.createBindGroup({
    label: 'copy',
    layout: pipeline.getBindGroupLayout(0),
    entries: [params, ...arrays].map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const [gx, gy] = launchSize(cells, 256);
  return {
    async run(n: number) {
      let left = n;
      while (left > 0) {
        const chunk = Math.min(left, 256);
        const enc = d.createCommandEncoder({ label: 'copy' });
        const pass = enc.beginComputePass({ label: 'copy' });
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, group);
        for (let i = 0; i < chunk; i++) pass.dispatchWorkgroups(gx, gy);
        pass.end();
        d.queue.submit([enc.finish()]);
        left -= chunk;
      }
      await d.queue.onSubmittedWorkDone();
    },
    destroy() {
      for (const b of [params, ...arrays]) b.destroy();
    },
  };
}

async function main() {
  const gpu = await requestNodeGpu();
  if ('error' in gpu) throw new Error(gpu.error);
  const ctx: GpuContext = { device: gpu.device, adapter: gpu.adapter, sources: nodeShaderSources() };
  console.log(`adapter: ${gpu.adapter}`);
  const sizes = (process.env.BENCH_SIZES ?? '256,512,1024').split(',').map(Number);
  const oldSources = shaderSourcesAt(OLD_REV);
  const rows = [];
  const versus = [];
  let stepBytes = 0;
  for (const n of sizes) {
    const v = loadScenarioArg('soret-cell', [
      ['grid.nx', String(n)],
      ['grid.ny', String(n)],
      ['grid.height', '0.01'],
    ]);
    const sim = await GpuSimulation.create(ctx, v);
    const cells = n * n;
    const step = await timeRepeated((k) => sim.step(k), 4);
    const flat: [number, number] = launchSize(cells, 256);
    const tiles = tileLaunch(n, n);
    const edges = edgeLaunch(n, n);
    const cellKinds = cellKindsOf(buildCellInputs(v.scenario));
    const features = stencilFeaturesOf(v.scenario, cellKinds.table, cellKinds.kinds);
    stepBytes = bytesPerCell('euler step', features).new;
    for (const [kernel, file, entry, omit] of [
      ['euler step', 'step.wgsl', 'step', []],
      ['rkl2 stage', 'rkl2.wgsl', 'rkl2Stage', ['uOut', 'vOut', 'status', 'slot']],
    ] as const) {
      // Paired and interleaved: old and new run back to back ROUNDS times (the machine's load
      // drifts within a run); the ratio is the median of the rounds' ratios, the rates the best.
      const oldRun = kernelRun(ctx.device, oldSources, file, [[entry, flat]], v, omit);
      // The new column march as the solver compiles it for this scenario (gpu/specialise.ts).
      const constants = specialised(EULER, features).constants;
      const bytes = bytesPerCell(kernel, features);
      const newRun = kernelRun(ctx.device, ctx.sources, file, [[entry, tiles], [`${entry}Edge`, edges]], v, omit, constants);
      const calibrated = await timeRepeated((m) => oldRun.run(m), 2);
      const m = Math.max(1, Math.round((calibrated.n * 0.4) / Math.max(calibrated.seconds, 1e-3)));
      const timed = async (k: typeof oldRun) => {
        const t0 = performance.now();
        await k.run(m);
        return (performance.now() - t0) / 1000;
      };
      const ratios: number[] = [];
      let oldBest = Infinity;
      let newBest = Infinity;
      for (let round = 0; round < ROUNDS; round++) {
        const to = await timed(oldRun);
        const tn = await timed(newRun);
        ratios.push(to / tn);
        oldBest = Math.min(oldBest, to);
        newBest = Math.min(newBest, tn);
      }
      oldRun.destroy();
      newRun.destroy();
      ratios.sort((x, y) => x - y);
      const median = ratios[Math.floor(ratios.length / 2)];
      const oldRate = (m * cells) / oldBest;
      const newRate = (m * cells) / newBest;
      const r = { grid: `${n}x${n}`, kernel, oldCellUpdatesPerSecond: oldRate, newCellUpdatesPerSecond: newRate, ratio: median, ratioRange: [ratios[0], ratios[ratios.length - 1]], oldBytesPerCell: bytes.old, newBytesPerCell: bytes.new };
      versus.push(r);
      console.log(
        `${r.grid} ${kernel}: old (${OLD_REV}) ${(oldRate / 1e6).toFixed(2)} M, new ${(newRate / 1e6).toFixed(2)} M cell-updates/s, new / old = ${r.ratio.toFixed(2)} (median of ${ROUNDS} paired rounds, range ${r.ratioRange.map((x) => x.toFixed(2)).join('-')}); ` +
          `bytes moved per cell update ${bytes.old} -> ${bytes.new}`,
      );
    }
    const copy = makeCopy(ctx, cells);
    const cp = await timeRepeated((k) => copy.run(k), 8);
    const stepRate = (step.n * cells) / step.seconds;
    const copyRate = (cp.n * cells) / cp.seconds;
    const row = {
      grid: `${n}x${n}`,
      stepCellUpdatesPerSecond: stepRate,
      copyCellsPerSecond: copyRate,
      copyGigabytesPerSecond: (copyRate * STEP_BYTES_PER_CELL) / 1e9,
      stepOverCopy: stepRate / copyRate,
      gpuBytesPerCell: sim.gpuBytes / cells,
    };
    rows.push(row);
    console.log(
      `${row.grid}: step ${(stepRate / 1e6).toFixed(2)} M cell-updates/s, copy of the same bytes ${(copyRate / 1e6).toFixed(2)} M cells/s ` +
        `(${row.copyGigabytesPerSecond.toFixed(2)} GB/s), step / copy = ${row.stepOverCopy.toFixed(3)}, GPU memory ${row.gpuBytesPerCell.toFixed(1)} B/cell (target <= 48)`,
    );
    copy.destroy();
    sim.destroy();
  }
  // Small grids are bound by dispatch overhead: steps per second of a 64x2 grid.
  const tiny = await GpuSimulation.create(ctx, loadScenarioArg('soret-cell', [['grid.nx', '64'], ['grid.ny', '2']]));
  const t = await timeRepeated((k) => tiny.step(k), 2000);
  const tinyRate = t.n / t.seconds;
  tiny.destroy();
  console.log(`64x2: ${Math.round(tinyRate)} steps/s, so 1e5 steps take ${(1e5 / tinyRate).toFixed(1)} s`);
  const results = { adapter: gpu.adapter, date: new Date().toISOString(), stepBytesPerCell: stepBytes, oldRevision: OLD_REV, versus, sizes: rows, smallGrid: { grid: '64x2', stepsPerSecond: tinyRate, secondsFor1e5Steps: 1e5 / tinyRate } };
  const file = join(import.meta.dirname, 'results.json');
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`wrote ${file}`);
}

await main();
process.exit(0);
