/**
 * The page stays responsive on a slow adapter (issue 8, symptom 10): at 1920x1080 on SwiftShader,
 * every preset plays and no wait for an animation frame reaches 1 s. Before, a frame waited over
 * 20 s and the frame rate fell to 0.07 fps (the rod); after the first fixes the maxima were still
 * 0.85-3.4 s (heat-sink-fin the worst).
 *
 * The play window per preset is ONSAGER_RESPONSIVE_SECONDS (default 4, after a 2 s warm-up in which
 * the preset's kernels compile, its first steps run and the page learns its frame cost): 163 s for
 * the 11 presets at load 18 on 2 cores, less alone. `npm run bench:responsive` plays each for 60 s
 * and prints p95 and max (README).
 */
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { formatFigures, openFullHd, playAndMeasure, RESPONSIVE_PRESETS } from './responsive-run';

const SECONDS = Number(process.env.ONSAGER_RESPONSIVE_SECONDS ?? 4);
/** The target of issue 8: the longest wait for an animation frame [ms]. */
const LONGEST_WAIT_MS = 1000;

describe('responsiveness at 1920x1080 on SwiftShader', () => {
  let h: Harness;
  let page: Page;
  beforeAll(async () => {
    h = await startHarness(true);
    page = await openFullHd(h);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  for (const preset of RESPONSIVE_PRESETS) {
    it(`plays ${preset}: it steps, and no frame waits ${LONGEST_WAIT_MS} ms (${SECONDS} s window)`, { timeout: (SECONDS + 60) * 1000 }, async () => {
      const f = await playAndMeasure(page, preset, SECONDS);
      console.log(formatFigures(f));
      // It runs, not only draws; or it says it is preparing a scheme it switched to (the fin's
      // automatic plan moves to the implicit scheme, whose kernels compile one at a time meanwhile).
      expect(f.steps > 0 || f.preparing).toBe(true);
      expect(f.frames).toBeGreaterThan(2);
      expect(f.maxMs).toBeLessThan(LONGEST_WAIT_MS);
    });
  }
});
