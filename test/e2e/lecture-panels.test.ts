/**
 * Issue 11 on the page (CPU reference in a worker, which carries the reaction source): screenshots
 * of the rate-affinity plot and the Curie panel, asserted by their pixels and series, and the
 * measure-Onsager experiment (button and `onsager.measureOnsager()`), reciprocal and broken.
 * Screenshots are written to $LECTURE_SHOTS when set (for a person to look at).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_AFFINITY_COLORS } from '../../src/ui/rate-affinity-plot';
import { boxScenario } from '../helpers/reaction';
import { openPage, startHarness, type Harness } from './harness';

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

/** Pixels of a PNG within `tol` (sum of |dRGB|) of each colour, decoded in the page. */
async function countColours(page: Page, png: Uint8Array, colours: Record<string, number[]>, tol: number, skip = { x: 0, y: 0 }): Promise<Record<string, number>> {
  const b64 = Buffer.from(png).toString('base64');
  return page.evaluate(
    async (b64: string, colours: Record<string, number[]>, tol: number, skip: { x: number; y: number }) => {
      // Decoded here: the page's Content-Security-Policy (connect-src 'self') forbids fetching data: URLs.
      const bmp = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
      const out: Record<string, number> = {};
      for (const k of Object.keys(colours)) out[k] = 0;
      for (let i = 0; i < d.length; i += 4) {
        const px = (i / 4) % bmp.width;
        const py = Math.floor(i / 4 / bmp.width);
        if (px < skip.x && py < skip.y) continue; // the legend's corner
        for (const [k, [r, g, b]] of Object.entries(colours)) if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) <= tol) out[k]++;
      }
      return out;
    },
    b64,
    colours,
    tol,
    skip,
  );
}

/** A screenshot of an element (a DOM panel), and its colour counts. */
async function colourCounts(page: Page, selector: string, colours: Record<string, number[]>, tol = 40): Promise<{ counts: Record<string, number>; png: Uint8Array }> {
  const el = await page.$(selector);
  if (!el) throw new Error(`no ${selector}`);
  const png = (await el.screenshot({ encoding: 'binary' })) as Uint8Array;
  return { counts: await countColours(page, png, colours, tol), png };
}

/** What a canvas holds, as PNG (the plot as drawn, whatever scrolls around it), and its colour counts. */
async function canvasCounts(page: Page, selector: string, colours: Record<string, number[]>, tol = 40, skip = { x: 0, y: 0 }): Promise<{ counts: Record<string, number>; png: Uint8Array }> {
  const url = await page.$eval(selector, (c) => (c as HTMLCanvasElement).toDataURL('image/png'));
  const png = new Uint8Array(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
  return { counts: await countColours(page, png, colours, tol, skip), png };
}

function save(name: string, png: Uint8Array): void {
  const dir = process.env.LECTURE_SHOTS;
  if (dir) writeFileSync(join(dir, name), png);
}

describe('issue 11 on the page (CPU reference)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(false);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('rate-affinity plot: every cell a dot, the sinh and linear laws, the trajectory from only reactants', async () => {
    const { page, errors } = await openPage(h);
    // 2 NO2 <-> N2O4 between walls at 290 K and 330 K, starting from nearly only NO2: the columns'
    // temperatures differ, so the cells spread in A/RT.
    const s = boxScenario({
      grid: { nx: 16, ny: 4 },
      initial: { T: 310, c: 0.98 },
      boundaries: { left: { heat: { type: 'temperature', value: 290 } }, right: { heat: { type: 'temperature', value: 330 } } },
    });
    await page.evaluate(async (s) => {
      const o = window.onsager!;
      o.pause();
      await o.load(s);
      for (let k = 0; k < 6; k++) await o.step(40);
    }, s);
    await page.waitForFunction(() => (document.querySelector('#plot-rate-affinity') as HTMLElement | null)?.style.display === '', { timeout: 20_000 });
    const caption = await page.$eval('[data-testid="rate-affinity-caption"]', (e) => e.textContent ?? '');
    expect(caption).toMatch(/within 1 % only for \|A\/RT\| < 0\.49/);
    const { counts, png } = await canvasCounts(page, '#plot-rate-affinity canvas', {
      exact: hex(RATE_AFFINITY_COLORS.exact),
      linear: hex(RATE_AFFINITY_COLORS.linear),
      dots: hex(RATE_AFFINITY_COLORS.dots),
      trail: hex(RATE_AFFINITY_COLORS.trail),
    }, 40, { x: 180, y: 64 }); // the legend's corner left out
    save('rate-affinity.png', png);
    console.log(`rate-affinity plot pixels: ${JSON.stringify(counts)}`);
    expect(counts.exact).toBeGreaterThan(150); // the sinh curve across the plot
    expect(counts.linear).toBeGreaterThan(80); // the dashed linear law
    expect(counts.dots).toBeGreaterThan(40); // the cells (4x4 px dots, overlapping where cells agree)
    expect(counts.trail).toBeGreaterThan(30); // the mean's trajectory over 6 readbacks and its head
    // The sigma pane's chemical part: its colour bar says so and its range is that part's (R r ln(rf/rb) > 0 here).
    await page.evaluate(async () => {
      window.onsager!.settings({ sigmaView: 'chemical', view: 'all' });
      await window.onsager!.step(10);
    });
    await page.waitForFunction(() => /chemical/.test(document.querySelector('.colorbar[data-field="sigma"] .colorbar-title')?.textContent ?? ''), { timeout: 20_000 });
    // No reaction: the plot goes away.
    await page.evaluate(async () => window.onsager!.load('soret-cell'));
    expect(await page.$eval('#plot-rate-affinity', (e) => (e as HTMLElement).style.display)).toBe('none');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("Curie panel: the zero blocks marked, the reaction's column live; measure-Onsager shows ratio 1, then 2 when broken", async () => {
    const { page, errors } = await openPage(h);
    await page.evaluate(async (s) => {
      const o = window.onsager!;
      o.pause();
      await o.load(s);
    }, boxScenario({ mixture: { soret: 1e-3 } }));
    const cells = await page.$$eval('[data-testid="curie-matrix"] td', (tds) => tds.map((td) => ({ cls: td.className, text: td.textContent })));
    expect(cells).toHaveLength(9);
    expect(cells.filter((c) => c.cls === 'curie-zero').map((c) => c.text)).toEqual(['0', '0', '0', '0']);
    expect(cells.filter((c) => c.cls === 'curie-coef')).toHaveLength(5);
    expect(await page.$eval('[data-testid="curie-panel"]', (e) => e.textContent)).toMatch(/scalar.*vectors.*isotropic/);
    await page.$eval('[data-testid="curie-panel"]', (e) => e.scrollIntoView());
    const { counts, png } = await colourCounts(page, '[data-testid="curie-panel"]', { zero: [0x3a, 0x2a, 0x2a], coef: [0x24, 0x3a, 0x2a] }, 6);
    save('curie-panel.png', png);
    console.log(`Curie panel pixels: ${JSON.stringify(counts)}`);
    expect(counts.zero).toBeGreaterThan(200); // four shaded zero cells
    expect(counts.coef).toBeGreaterThan(200); // five coefficient cells

    // The experiment, from the button.
    await page.$eval('[data-testid="measure-onsager"] button', (b) => (b as HTMLButtonElement).click());
    const ratio = await page.$eval('[data-testid="measured-ratio"]', (e) => Number(e.textContent));
    expect(Math.abs(ratio - 1)).toBeLessThan(1e-4);
    // ...and from the API, in unphysical mode with D_F = 2 D_T.
    const r = await page.evaluate(async () => {
      const o = window.onsager!;
      await o.set('allowUnphysical', true);
      await o.set('mixture.dufour', 2 * 1e-3 * 1e-5);
      return o.measureOnsager();
    });
    expect(Math.abs((r.ratio as number) - 2)).toBeLessThan(0.02);
    expect(await page.$eval('[data-testid="measured-ratio"]', (e) => Number(e.textContent))).toBeCloseTo(2, 4);
    expect(await page.$eval('[data-testid="onsager-measured"]', (e) => e.parentElement!.textContent)).toMatch(/reciprocity broken/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
