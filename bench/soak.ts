/**
 * Soak benchmark (issue 8, Build 9): the page plays for --minutes M (default 30) in headless
 * Chromium (SwiftShader WebGPU), switching preset, time scheme and grid every --interval S seconds
 * (default 20) through a fixed cycle of CYCLE configurations. After each interval it collects
 * garbage and prints the JS heap in use (CDP Runtime.getHeapUsage) and the GPU buffers and textures
 * alive (`onsager.debug.gpuObjects()`, counted in the backend). Flat means: every configuration,
 * each time it comes round again after the first (warm-up) cycle, holds the same GPU buffers and
 * textures, and the JS heap after garbage collection, compared configuration by configuration with
 * the same configuration in the second cycle (the first is warm-up: pipelines compiled, caches and
 * V8's optimised code filled), grew by a median of at most HEAP_TOLERANCE with no single sample
 * over SAMPLE_TOLERANCE (one sample can catch the browser's bounded timeline buffers or a late
 * optimisation). Needs more than two cycles (12 configurations x --interval s each).
 *
 *   npm run bench:soak [-- --minutes 30 --interval 20]
 */
import { startHarness, openPage } from '../test/e2e/harness';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const MINUTES = arg('minutes', 30);
const INTERVAL_S = arg('interval', 20);
/** Median relative heap growth allowed, same configuration in a later cycle against the second cycle. */
const HEAP_TOLERANCE = 0.05;
/** Relative heap growth allowed for any single sample against the same configuration in the second cycle. */
const SAMPLE_TOLERANCE = 0.15;

interface Config {
  preset: string;
  schemeMode: 'auto' | 'euler' | 'rkl2' | 'implicit';
  grid?: [number, number];
}
/** Every preset of the menu once (ions and reactions included), each scheme and several grids. */
const CYCLE: Config[] = [
  { preset: 'coffee-cooling', schemeMode: 'auto' },
  { preset: 'ness-rod', schemeMode: 'implicit' },
  { preset: 'heat-sink-fin', schemeMode: 'auto' },
  { preset: 'salt-dissolving', schemeMode: 'rkl2', grid: [48, 96] },
  { preset: 'ion-channel', schemeMode: 'auto', grid: [64, 32] },
  { preset: 'nernst-cell', schemeMode: 'implicit' },
  { preset: 'hot-spot', schemeMode: 'rkl2', grid: [96, 48] },
  { preset: 'soret-cell', schemeMode: 'auto' },
  { preset: 'dufour-gas', schemeMode: 'euler', grid: [64, 32] },
  { preset: 'reactive-conduction', schemeMode: 'implicit' },
  { preset: 'no2-box', schemeMode: 'rkl2', grid: [16, 16] },
  { preset: 'soret-cell', schemeMode: 'implicit', grid: [48, 24] },
];

interface Sample {
  i: number;
  minutes: number;
  config: string;
  heapMB: number;
  buffers: number;
  textures: number;
  bufferMB: number;
  steps: number;
}

const h = await startHarness(true);
try {
  const { page, errors } = await openPage(h);
  const cdp = await page.createCDPSession();
  const t0 = performance.now();
  const samples: Sample[] = [];
  const intervals = Math.max(1, Math.floor((MINUTES * 60) / INTERVAL_S));
  console.log(`Soak: ${MINUTES} min, a switch every ${INTERVAL_S} s through ${CYCLE.length} configurations (${intervals} intervals)`);
  console.log('  #   min  configuration                         heap MB  buffers  textures  buffer MB    steps');
  for (let i = 0; i < intervals; i++) {
    const c = CYCLE[i % CYCLE.length];
    await page.evaluate(async (c: Config) => {
      const o = window.onsager!;
      o.pause();
      await o.load(c.preset);
      o.settings({ schemeMode: c.schemeMode });
      if (c.grid) {
        await o.set('grid.nx', c.grid[0]);
        await o.set('grid.ny', c.grid[1]);
      }
      o.play();
    }, c);
    await new Promise((r) => setTimeout(r, INTERVAL_S * 1000));
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const s = await page.evaluate(async () => ({ gpu: window.onsager!.debug.gpuObjects(), steps: (await window.onsager!.stats()).steps }));
    const sample: Sample = {
      i,
      minutes: (performance.now() - t0) / 60000,
      config: `${c.preset} ${c.schemeMode}${c.grid ? ` ${c.grid[0]}x${c.grid[1]}` : ''}`,
      heapMB: heap.usedSize / 2 ** 20,
      buffers: s.gpu.buffers,
      textures: s.gpu.textures,
      bufferMB: s.gpu.bufferBytes / 2 ** 20,
      steps: s.steps,
    };
    samples.push(sample);
    console.log(
      `${String(i).padStart(3)} ${sample.minutes.toFixed(1).padStart(5)}  ${sample.config.padEnd(36)} ${sample.heapMB.toFixed(1).padStart(8)} ${String(sample.buffers).padStart(8)} ${String(sample.textures).padStart(9)} ${sample.bufferMB.toFixed(2).padStart(10)} ${String(sample.steps).padStart(8)}`,
    );
  }
  // Flatness: each configuration in cycle k >= 2 against the same configuration in cycle 1 (the second).
  const L = CYCLE.length;
  let gpuDrift = 0;
  const growth: number[] = [];
  for (const s of samples) {
    if (s.i < 2 * L) continue;
    const ref = samples[L + (s.i % L)];
    gpuDrift = Math.max(gpuDrift, Math.abs(s.buffers - ref.buffers), Math.abs(s.textures - ref.textures));
    growth.push(s.heapMB / ref.heapMB - 1);
  }
  const compared = growth.length;
  const sorted = [...growth].sort((a, b) => a - b);
  const median = compared ? (sorted[(compared - 1) >> 1] + sorted[compared >> 1]) / 2 : 0;
  const heapDrift = compared ? sorted[compared - 1] : 0;
  if (compared === 0) {
    console.log(`Too short to compare cycles (needs more than ${2 * L} intervals); first vs last after the warm-up cycle:`);
    const a = samples[Math.min(L, samples.length - 1)];
    const b = samples[samples.length - 1];
    console.log(`  heap ${a.heapMB.toFixed(1)} -> ${b.heapMB.toFixed(1)} MB, buffers ${a.buffers} -> ${b.buffers}, textures ${a.textures} -> ${b.textures}`);
  } else {
    const flat = gpuDrift === 0 && median <= HEAP_TOLERANCE && heapDrift <= SAMPLE_TOLERANCE;
    console.log(
      `${compared} intervals compared with the same configuration in the second cycle: GPU objects differ by at most ${gpuDrift}; ` +
        `heap growth median ${(median * 100).toFixed(1)} % (tolerance ${HEAP_TOLERANCE * 100} %), largest ${(heapDrift * 100).toFixed(1)} % ` +
        `(tolerance ${SAMPLE_TOLERANCE * 100} %): ${flat ? 'FLAT' : 'NOT FLAT'}`,
    );
    for (let c = 1; c * L < samples.length; c++) {
      const cyc = samples.slice(c * L, (c + 1) * L);
      const mean = cyc.reduce((a, s) => a + s.heapMB, 0) / cyc.length;
      const ref = cyc.reduce((a, s) => a + samples[L + (s.i % L)].heapMB, 0) / cyc.length;
      console.log(`  cycle ${c + 1}: mean heap ${mean.toFixed(2)} MB over ${cyc.length} configurations (the same ones in cycle 2: ${ref.toFixed(2)} MB)`);
    }
  }
  const mid = samples[Math.floor(samples.length / 2)];
  const first = samples[0];
  const last = samples[samples.length - 1];
  console.log(
    `heap after GC: start ${first.heapMB.toFixed(1)} MB (${first.minutes.toFixed(1)} min), middle ${mid.heapMB.toFixed(1)} MB (${mid.minutes.toFixed(1)} min), ` +
      `end ${last.heapMB.toFixed(1)} MB (${last.minutes.toFixed(1)} min)`,
  );
  for (let k = 0; k < L; k++) {
    const same = samples.filter((s) => s.i % L === k);
    const b = [...new Set(same.map((s) => s.buffers))].join('/');
    const t = [...new Set(same.map((s) => s.textures))].join('/');
    console.log(`  ${same[0]?.config.padEnd(36) ?? ''} buffers ${b}, textures ${t} over ${same.length} visits`);
  }
  if (errors.length) console.log(`console errors: ${errors.slice(0, 5).join(' | ')}`);
} finally {
  await h.close();
}
