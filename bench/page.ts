/**
 * Frame-time benchmark of the page in headless Chromium (SwiftShader WebGPU): at 512^2, how much
 * of the frame loop's time goes outside the solver (display copies, drawing, readback, UI), and
 * what the readback of sigma and the reductions costs in steps per second. Everything is measured
 * in one run and printed as ratios (SwiftShader is a CPU: absolute figures mean little).
 *
 *   npm run bench:page [-- --size 512 --seconds 12 --steps-per-frame 20]
 *
 * Targets: outside-solver share <= 20 %, readback cost <= 10 %.
 */
import type { Page } from 'puppeteer';
import { presetFile } from '../src/physics/presets';
import { openPage, startHarness } from '../test/e2e/harness';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const SIZE = arg('size', 512);
const SECONDS = arg('seconds', 12);
const STEPS_PER_FRAME = arg('steps-per-frame', 20);

/** Steps per second of the solver alone: the difference of two awaited runs (fixed costs cancel). */
async function solverRate(page: Page, n: number): Promise<number> {
  return page.evaluate(async (n: number) => {
    // (No named inner functions here: tsx would wrap them in a helper the page does not have.)
    const o = window.onsager!;
    o.pause();
    await o.step(4);
    let t0 = performance.now();
    await o.step(n);
    const short = performance.now() - t0;
    t0 = performance.now();
    await o.step(2 * n);
    const long = performance.now() - t0;
    return (n / (long - short)) * 1000;
  }, n);
}

/** Steps per second of the running page with the given settings, over `seconds`. */
async function loopRate(page: Page, settings: Record<string, unknown>, seconds: number): Promise<{ stepsPerSecond: number; fps: number; readbacks: number }> {
  await page.evaluate((s) => window.onsager!.settings({ ...s, playing: true }), settings);
  await new Promise((r) => setTimeout(r, 2500));
  const a = await page.evaluate(() => ({ ...window.onsager!.perf(), now: performance.now() }));
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const b = await page.evaluate(() => ({ ...window.onsager!.perf(), now: performance.now() }));
  await page.evaluate(() => window.onsager!.pause());
  const dt = (b.now - a.now) / 1000;
  return { stepsPerSecond: (b.steps - a.steps) / dt, fps: (b.frames - a.frames) / dt, readbacks: (b.readbacks - a.readbacks) / dt };
}

const h = await startHarness(true);
try {
  const { page, errors } = await openPage(h);
  const scenario = presetFile('soret-cell') as Record<string, unknown>;
  scenario.grid = { nx: SIZE, ny: SIZE, width: 0.01, height: 0.01 };
  await page.evaluate(async (s) => {
    window.onsager!.pause();
    await window.onsager!.load(s);
  }, scenario);
  const backend = await page.evaluate(() => window.onsager!.backend);
  if (backend !== 'webgpu') throw new Error(`the page runs on ${backend}, not WebGPU: check Chromium's flags`);
  const base = { stepsPerFrame: STEPS_PER_FRAME, view: 'all', flux: 'none' };
  const solver = await solverRate(page, Math.max(8, Math.round(2e6 / (SIZE * SIZE)) * 8));
  const withReadback = await loopRate(page, { ...base, readbackHz: 4, fieldReadback: true }, SECONDS);
  const statsOnly = await loopRate(page, { ...base, readbackHz: 4, fieldReadback: false }, SECONDS);
  const noReadback = await loopRate(page, { ...base, readbackHz: 0, fieldReadback: false }, SECONDS);
  const solverAgain = await solverRate(page, Math.max(8, Math.round(2e6 / (SIZE * SIZE)) * 8));
  const solverMean = (solver + solverAgain) / 2;

  const outsideShare = 1 - withReadback.stepsPerSecond / solverMean;
  const readbackCost = 1 - withReadback.stepsPerSecond / noReadback.stepsPerSecond;
  const fieldCost = 1 - withReadback.stepsPerSecond / statsOnly.stepsPerSecond;
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  console.log(`grid ${SIZE}x${SIZE}, ${STEPS_PER_FRAME} steps per frame, readback 4 Hz, view T | c | sigma, SwiftShader WebGPU`);
  console.log(`solver alone:                 ${solver.toFixed(2)} then ${solverAgain.toFixed(2)} steps/s`);
  console.log(`page, readback on (default):  ${withReadback.stepsPerSecond.toFixed(2)} steps/s, ${withReadback.fps.toFixed(2)} frames/s, ${withReadback.readbacks.toFixed(2)} readbacks/s`);
  console.log(`page, reductions only:        ${statsOnly.stepsPerSecond.toFixed(2)} steps/s`);
  console.log(`page, readback off:           ${noReadback.stepsPerSecond.toFixed(2)} steps/s, ${noReadback.fps.toFixed(2)} frames/s`);
  console.log(`outside-solver share of frame time (render + readback + UI) = 1 - page/solver: ${pct(outsideShare)} (target <= 20 %)`);
  console.log(`readback cost in steps/s (sigma map, fields and reductions on vs off):       ${pct(readbackCost)} (target <= 10 %)`);
  console.log(`  of which the field/sigma-map copy (vs reductions only):                    ${pct(fieldCost)}`);
  console.log(JSON.stringify({ size: SIZE, stepsPerFrame: STEPS_PER_FRAME, solver: solverMean, withReadback, statsOnly, noReadback, outsideShare, readbackCost, fieldCost }));
  if (errors.length) console.log('page errors:', errors);
} finally {
  await h.close();
}
