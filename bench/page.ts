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

/** Restarts the scenario, so every measurement covers the same simulated states. */
async function restart(page: Page, scenario: unknown): Promise<void> {
  await page.evaluate(async (s) => {
    window.onsager!.pause();
    await window.onsager!.load(s);
  }, scenario);
}

/** Steps per second of the running page with the given settings, over `seconds`. */
async function loopRate(page: Page, settings: Record<string, unknown>, seconds: number, scenario: unknown): Promise<{ stepsPerSecond: number; fps: number; readbacks: number }> {
  await restart(page, scenario);
  await page.evaluate((s) => window.onsager!.settings({ ...s, playing: true }), settings);
  await new Promise((r) => setTimeout(r, 2000));
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
  // Forward Euler, fixed steps per frame: the frame's parts are measured per stencil pass (the
  // page would otherwise pick RKL2 for this stiff cell, each step then being many passes).
  const base = { stepsPerFrame: STEPS_PER_FRAME, schemeMode: 'euler' as const, view: 'all' as const, flux: 'none' as const };
  const on = { ...base, readbackHz: 4, fieldReadback: true };
  const off = { ...base, readbackHz: 0, fieldReadback: false };
  // 1. The parts of a frame, each awaited on the GPU (no overlap, no compositor pacing): the cost
  //    of one step, of one frame's display copies + drawing, and of one readback as the loop does it.
  await loopRate(page, on, 3, scenario); // warm-up: shader compilation and first-use costs
  await restart(page, scenario);
  await page.evaluate((s) => window.onsager!.settings({ ...s, playing: false }), on);
  const parts = await page.evaluate((n: number) => window.onsager!.measure(n), Math.max(5, Math.round(2e6 / (SIZE * SIZE)) * 5));
  // 2. The frame loop running freely (one window each way): its JS time per frame, and rates.
  const free = await loopRate(page, on, SECONDS, scenario);
  const uiPerFrame = await page.evaluate(() => window.onsager!.perf().uiMs);
  const freeOff = await loopRate(page, off, SECONDS, scenario);
  const perf = await page.evaluate(() => window.onsager!.perf());
  const uiMs = perf.frames > 0 ? uiPerFrame / perf.frames : 0;

  // Frame time at this speed setting: steps + display/draw + UI JS + readbacks (at most 4 Hz, at
  // most one per frame). Readbacks are charged in full though in the loop they overlap queued work.
  const solverMs = STEPS_PER_FRAME * parts.stepMs;
  const base0 = solverMs + parts.frameMs + uiMs;
  const perFrame = Math.min(1, (4 * base0) / 1000);
  const frameMs = base0 + perFrame * parts.readbackMs;
  const outsideShare = (frameMs - solverMs) / frameMs;
  const readbackCost = (perFrame * parts.readbackMs) / frameMs;
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  console.log(`grid ${SIZE}x${SIZE}, ${STEPS_PER_FRAME} steps per frame, readback 4 Hz, view T | c | sigma, SwiftShader WebGPU`);
  console.log(`one step ${parts.stepMs.toFixed(1)} ms; one frame's display copies + drawing ${parts.frameMs.toFixed(1)} ms; UI JS ${uiMs.toFixed(1)} ms per frame; one readback (sigma map + fields + reductions) ${parts.readbackMs.toFixed(1)} ms`);
  console.log(`frame time ${frameMs.toFixed(0)} ms = solver ${solverMs.toFixed(0)} + display/draw ${parts.frameMs.toFixed(0)} + UI ${uiMs.toFixed(1)} + readback ${(perFrame * parts.readbackMs).toFixed(0)}`);
  console.log(`outside-solver share of frame time (render + readback + UI): ${pct(outsideShare)} (target <= 20 %)`);
  console.log(`steps-per-second cost of the sigma readback (on vs off):      ${pct(readbackCost)} (target <= 10 %)`);
  console.log(`free-running loop (compositor pacing and 2-core contention included, noisy): ${free.stepsPerSecond.toFixed(2)} steps/s with readback, ${freeOff.stepsPerSecond.toFixed(2)} without; solver alone ${(1000 / parts.stepMs).toFixed(2)} steps/s`);
  console.log(JSON.stringify({ size: SIZE, stepsPerFrame: STEPS_PER_FRAME, stepMs: parts.stepMs, drawMs: parts.frameMs, readbackMs: parts.readbackMs, uiMs, frameMs, outsideShare, readbackCost, free, freeOff }));
  if (errors.length) console.log('page errors:', errors);
} finally {
  await h.close();
}
