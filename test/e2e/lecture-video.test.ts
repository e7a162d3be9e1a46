/**
 * Lecture videos (the built page): from `npm run record`, the Soret cell's separation is seen
 * growing (colour ranges hold for the whole video); in the page that composes every recording, no
 * text of a composed frame is cut by the frame's edge or overlaps another at 720p, 1080p and square
 * sizes. (The warning for a video shorter than one second: record.test.ts, with the blown-up run.)
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrameRegions } from '../../src/record/compose';
import { openPage, startHarness } from './harness';
import { record as recordWith, rgbFrames, scratchDir, SMALL, SMALL_GRID } from './record-run';

const tmp = scratchDir('lecture-video');
const record = (args: string[]) => recordWith(args, 300_000);

/** Spread of colours in a region: the mean distance of its pixels from their mean colour. */
function contrast(img: Uint8Array, width: number, r: { x: number; y: number; w: number; h: number }): number {
  const mean = [0, 0, 0];
  let n = 0;
  for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) for (let c = 0; c < 3; c++) mean[c] += img[(y * width + x) * 3 + c];
  n = r.w * r.h;
  for (let c = 0; c < 3; c++) mean[c] /= n;
  let d = 0;
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let x = r.x; x < r.x + r.w; x++) {
      const i = (y * width + x) * 3;
      d += Math.hypot(img[i] - mean[0], img[i + 1] - mean[1], img[i + 2] - mean[2]);
    }
  }
  return d / n;
}

describe('lecture videos', () => {
  it("show the Soret cell's separation growing in the c pane (the colour range holds)", () => {
    const file = join(tmp, 'soret.mp4');
    // The recording, shorter: 9600 s at 1200 s per video second, c alone, 8 fps.
    const r = record(['soret-cell', '--duration', '9600', '--speed', '1200', '--fps', '8', '--view', 'c', '--size', '320x180', '--out', file, ...SMALL]);
    expect(r.code, r.stderr).toBe(0);
    const rec = JSON.parse(r.stdout).recording as { frames: number; regions: FrameRegions };
    const frames = rgbFrames(file, 320, 180);
    expect(frames).toHaveLength(rec.frames);
    // The pane inside the view (its middle 60 %, away from the title and the bar).
    const v = rec.regions.view;
    const pane = { x: v.x + Math.round(v.w * 0.2), y: v.y + Math.round(v.h * 0.3), w: Math.round(v.w * 0.6), h: Math.round(v.h * 0.3) };
    // 150 s of simulated time per frame: frame 16 is t = 40 min, the last one t = 2.7 h.
    const early = contrast(frames[16], 320, pane);
    const late = contrast(frames[frames.length - 1], 320, pane);
    console.log(`measured c-pane contrast (mean colour distance) at 40 min: ${early.toFixed(1)}, at 2.7 h: ${late.toFixed(1)}`);
    expect(late).toBeGreaterThan(1.5 * early);
    expect(late).toBeGreaterThan(10);
  });

  // Text layout of the composed frame at each size (src/record/compose.ts draws it in the page, for
  // `npm run record` and the page's own recordings alike): one page, three recordings without video.
  it('at 720p, 1080p and square no text is cut by the frame or overlaps another', async () => {
    const h = await startHarness(true);
    try {
      const { page, errors } = await openPage(h);
      for (const [size, width, height] of [
        ['720p', 1280, 720],
        ['1080p', 1920, 1080],
        ['square', 1080, 1080],
      ] as const) {
        // `npm run record soret-cell --duration 2400 --speed 1200 --size <size> --plot entropy
        // --snapshot` on the small grid: a time between round ones ("40 min 0 s"), the entropy plot,
        // every pane: the busiest frame.
        const texts = await page.evaluate(
          async (grid, width, height) => {
            const o = window.onsager!;
            o.pause();
            await o.load('soret-cell');
            await o.set('grid.nx', grid.nx);
            await o.set('grid.ny', grid.ny);
            o.settings({ view: 'all', playing: false });
            const r = await o.record({ duration: 2400, fps: 30, simPerFrame: 40, width, height, plot: 'entropy', restart: true }, { video: false, snapshot: true });
            return r.regions.texts;
          },
          SMALL_GRID,
          width,
          height,
        );
        expect(texts.length, size).toBeGreaterThan(15);
        // The sigma bar, like T and c, holds its range for the whole video and says so (issue 12).
        expect(texts.find((t) => t.text.startsWith('σ'))?.text, size).toMatch(/range held$/);
        expect(texts.filter((t) => t.text.endsWith('range held')), size).toHaveLength(3);
        for (const t of texts) {
          expect(t.x, `${size}: ${t.text}`).toBeGreaterThanOrEqual(0);
          expect(t.y, `${size}: ${t.text}`).toBeGreaterThanOrEqual(0);
          expect(t.x + t.w, `${size}: ${t.text}`).toBeLessThanOrEqual(width);
          expect(t.y + t.h, `${size}: ${t.text}`).toBeLessThanOrEqual(height);
        }
        for (let i = 0; i < texts.length; i++) {
          for (let j = i + 1; j < texts.length; j++) {
            const a = texts[i];
            const b = texts[j];
            const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
            const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
            expect(ox > 0.5 && oy > 0.5, `${size}: "${a.text}" overlaps "${b.text}"`).toBe(false);
          }
        }
      }
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await h.close();
    }
  }, 300_000);
});
