/**
 * Responsiveness of the page on a slow adapter (issue 8, symptom 10): with the page at 1920x1080
 * on SwiftShader, each preset plays for a window while the page itself records the wall time
 * between animation frames. Shared by the browser test (a short window) and
 * `npm run bench:responsive` (60 s per preset).
 */
import type { Page } from 'puppeteer';
import { PRESET_IDS } from '../../src/physics/presets';
import { openPage, type Harness } from './harness';

export interface ResponsiveFigures {
  preset: string;
  frames: number;
  /** 95th percentile and maximum of the wall time between animation frames [ms]. */
  p95Ms: number;
  maxMs: number;
  /** Simulated time and steps advanced over the window. */
  simSeconds: number;
  steps: number;
  /** Whether the page said it was preparing (compiling a scheme's kernels, steps waiting) at the end. */
  preparing: boolean;
  /** The scheme and stages per step at the end, and the frame cost the page measured. */
  scheme: string;
  stages: number;
  /** As the page reports them; a figure not yet measured (NaN there) arrives as null. */
  frameCost: { displayMs: number | null; perPassMs: number | null; frameMs: number | null; passBudget: number; resolutionScale: number | null };
  /**
   * With `trace`: the longest waits, each with the page's traced pieces (src/ui/frame-trace.ts)
   * and long tasks that overlap it ("piece duration@offset from the wait's start", ms).
   */
  longest?: { waitMs: number; pieces: string[] }[];
}

/**
 * Seconds the page plays once after opening, before any measurement: its shader pipelines compile
 * on first use (seconds each on SwiftShader) and it learns the frame cost at this size.
 */
export const PAGE_WARM_UP_SECONDS = 6;

/** The page at 1920x1080 (CSS pixels, device pixel ratio 1), warmed up. */
export async function openFullHd(h: Harness): Promise<Page> {
  const { page } = await openPage(h);
  await page.setViewport({ width: 1920, height: 1080, deviceScaleFactor: 1 });
  // Run by tsx (the benchmark), esbuild wraps named inner functions in a `__name` helper that the
  // page lacks; an identity stands in for it (vitest does not wrap).
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(() => window.onsager!.play());
  await new Promise((r) => setTimeout(r, PAGE_WARM_UP_SECONDS * 1000));
  return page;
}

/**
 * Seconds of playing before the window opens: shader pipelines compile on first use and the page
 * learns the frame cost (one-time costs, not the sustained freezing of symptom 10).
 */
export const WARM_UP_SECONDS = 2;

/** Plays `preset` for WARM_UP_SECONDS, then `seconds` more, and returns the waits between frames over the latter. */
export async function playAndMeasure(page: Page, preset: string, seconds: number, trace = false): Promise<ResponsiveFigures> {
  // Two calls, each within the harness's protocol timeout.
  await page.evaluate(
    async (preset, warmUp) => {
      const o = window.onsager!;
      o.pause();
      await o.load(preset);
      o.play();
      // One-time costs first: the preset's kernels compile (a kernel variant not used before) and
      // its first steps run; then the page learns its frame cost.
      // (perf().steps counts over the page's life: wait for it to move past this preset's start.)
      const t0 = performance.now();
      const steps0 = o.perf().steps;
      while (o.perf().steps <= steps0 && performance.now() - t0 < 90_000) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, warmUp * 1000));
    },
    preset,
    WARM_UP_SECONDS,
  );
  return page.evaluate(
    async (preset, seconds, trace) => {
      const o = window.onsager!;
      // Counters only (no readback of its own, which would add GPU work to the window).
      const start = o.perf();
      const gaps: number[] = [];
      const ends: number[] = [];
      const entries: { name: string; start: number; ms: number }[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) entries.push({ name: e.name === 'self' ? 'longtask' : e.name.replace('onsager:', ''), start: e.startTime, ms: e.duration });
      });
      if (trace) {
        globalThis.__onsagerTrace = true;
        observer.observe({ entryTypes: ['measure', 'longtask'] });
      }
      await new Promise<void>((done) => {
        let last = performance.now();
        const end = last + seconds * 1000;
        const tick = (now: number) => {
          gaps.push(now - last);
          ends.push(now);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
      });
      o.pause();
      globalThis.__onsagerTrace = false;
      observer.disconnect();
      performance.clearMeasures();
      const stop = o.perf();
      const sorted = [...gaps].sort((a, b) => a - b);
      const r = o.running();
      const longest = trace
        ? gaps
            .map((g, i) => ({ g, i }))
            .sort((a, b) => b.g - a.g)
            .slice(0, 5)
            .map(({ g, i }) => {
              const from = ends[i] - g;
              const pieces = entries
                .filter((e) => e.start < ends[i] && e.start + e.ms > from && e.ms >= 20)
                .map((e) => `${e.name} ${e.ms.toFixed(0)}@${(e.start - from).toFixed(0)}`);
              return { waitMs: g, pieces };
            })
        : undefined;
      return {
        preset,
        frames: gaps.length,
        p95Ms: sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))],
        maxMs: sorted[sorted.length - 1],
        simSeconds: stop.simTime - start.simTime,
        steps: stop.steps - start.steps,
        preparing: document.querySelector('#status')?.textContent?.startsWith('Preparing') ?? false,
        scheme: r.scheme,
        stages: r.stages,
        frameCost: o.debug.frameCost(),
        longest,
      };
    },
    preset,
    seconds,
    trace,
  );
}

export const RESPONSIVE_PRESETS: readonly string[] = PRESET_IDS;

/** A figure the page may not have measured yet (NaN in the page arrives as null through JSON). */
function measured(x: number | null, show: (x: number) => string): string {
  return x !== null && Number.isFinite(x) ? show(x) : 'n/a';
}

export function formatFigures(f: ResponsiveFigures): string {
  const c = f.frameCost;
  return (
    `${f.preset.padEnd(14)} frames ${String(f.frames).padStart(5)}  p95 ${f.p95Ms.toFixed(0).padStart(5)} ms  max ${f.maxMs.toFixed(0).padStart(5)} ms  ` +
    `steps ${String(f.steps).padStart(6)}  sim ${f.simSeconds.toPrecision(3).padStart(8)} s  ${f.scheme} (${f.stages} passes/step)  ` +
    `display ${measured(c.displayMs, (x) => x.toFixed(0))} ms at ${measured(c.resolutionScale, (x) => x.toFixed(2))} resolution, ` +
    `${measured(c.perPassMs, (x) => x.toPrecision(2))} ms/pass, budget ${c.passBudget} passes` +
    (f.longest ?? []).map((l) => `\n    wait ${l.waitMs.toFixed(0)} ms: ${l.pieces.join(', ')}`).join('')
  );
}
