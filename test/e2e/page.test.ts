/**
 * The simulator page in headless Chromium (SwiftShader WebGPU; Debian's /usr/bin/chromium), driven
 * through `window.onsager` and the controls. Small grids keep the file well under three minutes on
 * two cores.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeNpyFloat32 } from '../../src/io/npy';
import type { Page } from 'puppeteer';
import { presetFile } from '../../src/physics/presets';
import { parseScenario } from '../../src/physics/validate';
import { colormapLut, LUT_SIZE } from '../../src/view/colormaps';
import { downloadsOf, openPage, startHarness, type Harness } from './harness';

/** The Soret-cell preset on a small grid (fast on SwiftShader), as a raw scenario. */
function smallSoretCell(nx = 32, ny = 4): Record<string, unknown> {
  const s = presetFile('soret-cell') as Record<string, unknown>;
  s.grid = { ...(s.grid as object), nx, ny };
  return s;
}

const stepsOf = (page: Page) => page.evaluate(async () => (await window.onsager!.stats()).steps);
const scenarioOf = (page: Page) => page.evaluate(() => window.onsager!.scenario());
const messagesOf = (page: Page) => page.evaluate(() => window.onsager!.messages());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the page on WebGPU (SwiftShader)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(true);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens on the Soret cell, running, with no console errors', async () => {
    const { page, errors } = await openPage(h);
    expect(await page.evaluate(() => window.onsager!.backend)).toBe('webgpu');
    const s = await scenarioOf(page);
    expect(s.name).toBe('Soret cell');
    expect(await page.$eval('#scenario-title', (e) => e.textContent)).toBe('Soret cell');
    expect(await page.$eval('#caption', (e) => e.textContent)).toContain('Soret steady state');
    // Colour bars carry units; the play button is labelled for screen readers.
    // A narrow range reads as an offset from T0 (issue 12: "T − 300 K [mK]"), a wide one plainly.
    expect(await page.$eval('.colorbar[data-field="T"] .colorbar-title', (e) => e.textContent)).toMatch(/^T( − 300 K)? \[m?K\]$/);
    expect(await page.$eval('#btn-play', (e) => e.getAttribute('aria-label'))).toMatch(/Pause/);
    const a = await stepsOf(page);
    await sleep(1500);
    const b = await stepsOf(page);
    expect(b).toBeGreaterThan(a);
    const st = await page.evaluate(() => window.onsager!.stats());
    for (const key of ['scenario', 'backend', 'adapter', 'simTime', 'steps', 'passes', 'wallSeconds', 'entropyProduction', 'solute', 'energy', 'separation', 'heatIn', 'T', 'c', 'sigma', 'nonFinite', 'dimensionless', 'unphysical']) {
      expect(st).toHaveProperty(key);
    }
    expect(st.backend).toBe('gpu');
    expect(st.nonFinite).toBe(0);
    expect(st.entropyProduction).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('doubling S_T roughly doubles the separation reached in the same simulated time', async () => {
    const { page, errors } = await openPage(h);
    // One fixed dt for both runs (dt "auto" follows the stability limit, which S_T moves a little).
    const limit = (soret: number) => {
      const raw = smallSoretCell();
      (raw.mixture as Record<string, unknown>).soret = soret;
      return parseScenario(raw).derived.dtLimit;
    };
    const scenario = smallSoretCell();
    scenario.time = { scheme: 'euler', dt: 0.8 * Math.min(limit(0.005), limit(0.01)) };
    const run = (soret: number) =>
      page.evaluate(
        async (scenario, soret) => {
          const o = window.onsager!;
          o.pause();
          await o.load(scenario);
          await o.set('mixture.soret', soret);
          await o.step(1500);
          const s = await o.stats();
          return { separation: s.separation, simTime: s.simTime };
        },
        scenario,
        soret,
      );
    const one = await run(0.005);
    const two = await run(0.01);
    expect(two.simTime).toBe(one.simTime);
    // Solute gathers at the cold (right) wall for S_T > 0: positive separation.
    expect(one.separation).toBeGreaterThan(1e-5);
    expect(two.separation / one.separation).toBeGreaterThan(1.9);
    expect(two.separation / one.separation).toBeLessThan(2.1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches presets through the menu and the API, and refuses a bad value in the page', async () => {
    const { page, errors } = await openPage(h);
    await page.evaluate(() => window.onsager!.load('ness-rod'));
    expect((await scenarioOf(page)).name).toBe('Rod between fire and ice');
    expect(await page.$eval('#scenario-title', (e) => e.textContent)).toBe('Rod between fire and ice');
    await page.select('[data-testid="preset"] select', 'Dufour effect in a gas');
    await page.waitForFunction(() => window.onsager!.scenario().name === 'Dufour effect in a gas');
    // A refused edit names the field and the allowed range, and loses nothing.
    const before = await scenarioOf(page);
    const refused = await page.evaluate(() => window.onsager!.set('mixture.D', -1).then(() => 'applied', (e: Error) => e.message));
    expect(refused).toContain('mixture.D: -1 must be a finite number > 0');
    expect(await messagesOf(page)).toContain('mixture.D: -1 must be a finite number > 0');
    expect(await scenarioOf(page)).toEqual(before);
    // Typing into a control applies on Enter, with the schema's validation.
    const input = '[data-testid="mixture.soret"] input';
    await page.click(input, { clickCount: 3 });
    await page.type(input, '0.0011');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.onsager!.scenario().mixture.soret === 0.0011);
    // A coefficient change keeps the fields and the clock; a new grid restarts from t = 0.
    const kept = await page.evaluate(async (s) => {
      const o = window.onsager!;
      o.pause();
      await o.load(s);
      await o.step(30);
      const before = Array.from((await o.field('T')).data);
      await o.set('mixture.k', 0.2);
      const after = Array.from((await o.field('T')).data);
      return { steps: (await o.stats()).steps, same: before.every((x, i) => x === after[i]), warmed: before.some((x) => x > 300.001) };
    }, smallSoretCell(32, 4));
    expect(kept).toEqual({ steps: 30, same: true, warmed: true });
    const restarted = await page.evaluate(async () => {
      await window.onsager!.set('grid.nx', 40);
      const s = await window.onsager!.stats();
      return { steps: s.steps, simTime: s.simTime };
    });
    expect(restarted).toEqual({ steps: 0, simTime: 0 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the scenario in the URL: state in, reload, same scenario out', async () => {
    const { page, errors } = await openPage(h);
    await page.evaluate(async (s) => {
      const o = window.onsager!;
      await o.load(s);
      await o.set('mixture.soret', 0.0073);
      await o.set('boundaries.left.heat.value', 311.5);
    }, smallSoretCell(40, 8));
    const wanted = await scenarioOf(page);
    const link = await page.evaluate(() => window.onsager!.link());
    expect(link).toMatch(/#s=z\./);
    expect(page.url()).toBe(link);
    const { page: again, errors: errors2 } = await openPage(h, link.slice(h.base.length));
    expect(await scenarioOf(again)).toEqual(wanted);
    // The hash is kept current as the user changes things (debounced; the frame after an edit
    // also takes the RKL2 ramp's extra passes, so on a loaded machine the write can take seconds).
    const before = again.url();
    await again.evaluate(() => window.onsager!.set('mixture.k', 0.2));
    await again.waitForFunction((b: string) => location.href !== b && location.hash.length > 10, { timeout: 20_000 }, before);
    const { page: third } = await openPage(h, again.url().slice(h.base.length));
    expect((await scenarioOf(third)).mixture.k).toBe(0.2);
    expect(errors).toEqual([]);
    expect(errors2).toEqual([]);
    await Promise.all([page.close(), again.close(), third.close()]);
  });

  it('shows an error for a malformed link and keeps running', async () => {
    // Opening a damaged link: the message, the default scenario, and the page runs.
    const { page } = await openPage(h, '#s=z.thisIsNotDeflate');
    expect(await messagesOf(page)).toMatch(/link could not be opened/);
    expect((await scenarioOf(page)).name).toBe('Soret cell');
    const a = await stepsOf(page);
    await sleep(800);
    expect(await stepsOf(page)).toBeGreaterThan(a);
    // A link whose scenario is invalid names the field; the running state is kept.
    await page.evaluate((s) => window.onsager!.load(s), smallSoretCell(24, 6));
    const before = await scenarioOf(page);
    const bad = await page.evaluate(async () => {
      const raw = { ...window.onsager!.scenario(), mixture: { ...window.onsager!.scenario().mixture, D: -5e-9 } };
      const bytes = new TextEncoder().encode(JSON.stringify(raw));
      const b64 = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      return `#s=j.${b64}`;
    });
    await page.evaluate((hash) => {
      location.hash = hash;
    }, bad);
    await page.waitForFunction(() => window.onsager!.messages().includes('mixture.D'), { timeout: 5000 });
    expect(await messagesOf(page)).toContain('mixture.D: -5e-9 must be a finite number > 0');
    expect(await scenarioOf(page)).toEqual(before);
    const c = await stepsOf(page);
    await sleep(800);
    expect(await stepsOf(page)).toBeGreaterThan(c);
    await page.close();
  });

  it('draws non-blank fields in LUT colours, and the colour bar is the LUT', async () => {
    const { page, errors } = await openPage(h);
    await page.evaluate(async (s) => {
      const o = window.onsager!;
      o.pause();
      await o.load(s);
      await o.step(400);
    }, smallSoretCell(64, 16));
    // The colour bar canvas holds exactly the LUT, entry by entry.
    for (const [field, map] of [
      ['T', 'coolwarm'],
      ['sigma', 'inferno'],
    ] as const) {
      const bar = await page.$eval(`.colorbar[data-field="${field}"] canvas`, (c) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 256, 1).data));
      expect(bar.length).toBe(LUT_SIZE * 4);
      expect(bar).toEqual(Array.from(colormapLut(map)));
    }
    // A PNG snapshot of the view: the T pane's pixels are LUT colours, and not all one colour.
    const lut = Array.from(colormapLut('coolwarm'));
    await sleep(500); // let the plots and captions settle after the readback that step() made
    const result = await page.evaluate(async (lut: number[]) => {
      const rects = () => {
        const view = document.getElementById('view')!.getBoundingClientRect();
        const title = document.querySelector('.pane-title[data-field="T"]')!.getBoundingClientRect();
        const bar = document.querySelector('.colorbar[data-field="T"]')!.getBoundingClientRect();
        return { view, title, bar, key: JSON.stringify([view, title, bar]) };
      };
      let before = rects();
      let blob = await window.onsager!.snapshot();
      for (let tries = 0; tries < 3 && rects().key !== before.key; tries++) {
        before = rects();
        blob = await window.onsager!.snapshot();
      }
      const { view, title, bar } = before;
      const bmp = await createImageBitmap(blob);
      const c = document.createElement('canvas');
      c.width = bmp.width;
      c.height = bmp.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const scale = bmp.width / view.width;
      const header = bmp.height - Math.round(view.height * scale);
      const x0 = (title.left - view.left + 4) * scale;
      const x1 = (title.right - view.left - 4) * scale;
      const y0 = header + (title.bottom - view.top + 4) * scale;
      const y1 = header + (bar.top - view.top - 8) * scale;
      const colours = new Set<string>();
      let worst = 0;
      let bad = '';
      for (let k = 0; k < 400; k++) {
        const x = Math.floor(x0 + ((k % 20) + 0.5) * ((x1 - x0) / 20));
        const y = Math.floor(y0 + (Math.floor(k / 20) + 0.5) * ((y1 - y0) / 20));
        const p = ctx.getImageData(x, y, 1, 1).data;
        colours.add(`${p[0]},${p[1]},${p[2]}`);
        let best = Infinity;
        for (let i = 0; i < lut.length; i += 4) best = Math.min(best, Math.abs(p[0] - lut[i]) + Math.abs(p[1] - lut[i + 1]) + Math.abs(p[2] - lut[i + 2]));
        if (best > worst) bad = `${x},${y}: ${p[0]},${p[1]},${p[2]} (region ${Math.round(x0)}..${Math.round(x1)} x ${Math.round(y0)}..${Math.round(y1)})`;
        worst = Math.max(worst, best);
      }
      return { colours: colours.size, worst, w: bmp.width, h: bmp.height, bad };
    }, lut);
    expect(result.colours).toBeGreaterThan(8);
    expect(result.worst, `worst pixel ${result.bad}`).toBeLessThanOrEqual(9);
    // The page screenshot is not blank either.
    const shot = (await page.screenshot({ encoding: 'base64' })) as string;
    const distinct = await page.evaluate(async (b64: string) => {
      // Decoded here: the page's Content-Security-Policy (connect-src 'self') forbids fetching data: URLs.
      const bmp = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return seen.size;
    }, shot);
    expect(distinct).toBeGreaterThan(50);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('probes the cell under the cursor and paints heat with the brush', async () => {
    const { page, errors } = await openPage(h);
    await page.evaluate(async (s) => {
      const o = window.onsager!;
      o.pause();
      await o.load(s);
      await o.step(20);
    }, smallSoretCell(32, 16));
    const at = await page.$eval('.pane-title[data-field="T"]', (e) => {
      const r = e.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.bottom + 40 };
    });
    await page.mouse.move(at.x, at.y);
    await page.waitForFunction(() => !document.getElementById('probe')!.hidden, { timeout: 5000 });
    const text = await page.$eval('#probe', (e) => e.textContent ?? '');
    expect(text).toMatch(/T = 3\d\d\.\d+ K/);
    expect(text).toMatch(/σ = .* W\/\(K m³\)/);
    expect(text).toMatch(/Fick .* Soret/);
    expect(text).toMatch(/Fourier .* Dufour/);
    const hottest = () => page.evaluate(async () => Math.max(...(await window.onsager!.field('T')).data));
    expect(await hottest()).toBeLessThan(305.01);
    await page.evaluate(() => window.onsager!.settings({ brush: 'heat', brushKelvin: 20, brushRadius: 3 }));
    await page.mouse.down();
    await page.mouse.move(at.x + 15, at.y, { steps: 3 });
    await page.mouse.up();
    // The heat brush raises painted cells to T0 + 20 K = 320 K, in place on the GPU.
    expect(await hottest()).toBeCloseTo(320, 3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a coupling past the second law unless the unphysical switch is on, and flags it', async () => {
    const { page, errors } = await openPage(h);
    const raw = presetFile('dufour-gas') as Record<string, unknown>;
    raw.grid = { nx: 32, ny: 16, width: 0.02, height: 0.01 };
    const tooStrong = 1.5 * parseScenario(raw).derived.secondLaw.maxSoret;
    await page.evaluate((s) => window.onsager!.load(s), raw);
    const refused = await page.evaluate((v) => window.onsager!.set('mixture.soret', v).then(() => 'applied', (e: Error) => e.message), tooStrong);
    expect(refused).toMatch(/second law is broken/);
    expect(await page.$eval('.colorbar[data-field="sigma"] .colorbar-negative', (e) => (e as HTMLElement).hidden)).toBe(true);
    await page.click('[data-testid="allowUnphysical"] input');
    await page.waitForFunction(() => window.onsager!.scenario().allowUnphysical === true);
    await page.evaluate((v) => window.onsager!.set('mixture.soret', v), tooStrong);
    const st = await page.evaluate(() => window.onsager!.stats());
    expect(st.unphysical).toBe(true);
    expect(st.dimensionless.margin).toBeLessThan(0);
    expect(await page.$eval('#backend-badge', (e) => e.textContent)).toMatch(/UNPHYSICAL/);
    expect(await page.$eval('[data-testid="onsager-matrix"]', (e) => e.classList.contains('broken'))).toBe(true);
    await page.waitForFunction(() => !(document.querySelector('.colorbar[data-field="sigma"] .colorbar-negative') as HTMLElement).hidden, { timeout: 5000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports fields (.npy, CSV) and scenario JSON, and imports a file only when it is valid', async () => {
    const { page, errors } = await openPage(h);
    await page.evaluate(async (s) => {
      const o = window.onsager!;
      o.pause();
      await o.load(s);
      await o.step(40);
    }, smallSoretCell(32, 8));
    const downloads = await downloadsOf(page);
    const fetchFile = downloads.fetch;
    const dir = mkdtempSync(join(tmpdir(), 'onsager-uploads-'));
    try {
      const npy = decodeNpyFloat32(new Uint8Array(await fetchFile('npyT', 'soret-cell-T.npy')));
      const T = await page.evaluate(async () => Array.from((await window.onsager!.field('T')).data));
      expect(npy.shape).toEqual([8, 32]);
      for (let i = 0; i < T.length; i++) expect(npy.data[i]).toBeCloseTo(T[i], 3);
      const csv = (await fetchFile('csv', 'soret-cell-fields.csv')).toString().trim().split('\n');
      expect(csv[0]).toBe('x_m,y_m,T_K,c,sigma_W_per_K_m3');
      expect(csv.length).toBe(1 + 32 * 8);
      expect(Number(csv[1].split(',')[2])).toBeCloseTo(T[0], 3);
      const json = JSON.parse((await fetchFile('exportJson', 'soret-cell.json')).toString());
      expect(json).toEqual(await scenarioOf(page));
      // Import: a bad file is refused with the field's message; a good one loads.
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ ...json, grid: { ...json.grid, nx: 0 } }));
      const input = (await page.$('input[data-testid="import-file"]'))!;
      await input.uploadFile(bad);
      await page.waitForFunction(() => window.onsager!.messages().includes('grid.nx'), { timeout: 5000 });
      expect(await messagesOf(page)).toContain('The file bad.json was not loaded');
      expect((await scenarioOf(page)).grid.nx).toBe(32);
      const good = join(dir, 'good.json');
      writeFileSync(good, JSON.stringify({ ...json, name: 'Imported cell', grid: { ...json.grid, nx: 24 } }));
      await input.uploadFile(good);
      await page.waitForFunction(() => window.onsager!.scenario().name === 'Imported cell', { timeout: 5000 });
      expect((await scenarioOf(page)).grid.nx).toBe(24);
    } finally {
      downloads.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has keyboard shortcuts, field export, the 3D view and an embed mode', async () => {
    const { page, errors } = await openPage(h);
    await page.evaluate((s) => window.onsager!.load(s), smallSoretCell(32, 8));
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => window.onsager!.settings().playing)).toBe(false);
    const before = await stepsOf(page);
    await page.keyboard.press('s');
    await page.waitForFunction((n) => window.onsager!.perf().steps > n, {}, before);
    await page.keyboard.press('h');
    expect(await page.evaluate(() => document.body.classList.contains('panels-hidden'))).toBe(true);
    await page.keyboard.press('h');
    const field = await page.evaluate(async () => {
      const f = await window.onsager!.field('T');
      return { nx: f.nx, ny: f.ny, n: f.data.length, left: f.data[0], right: f.data[f.nx - 1] };
    });
    expect(field).toMatchObject({ nx: 32, ny: 8, n: 256 });
    // Hot wall on the left: after some steps the left column is warmer than the right.
    expect(field.left).toBeGreaterThan(field.right);
    await page.evaluate(() => window.onsager!.settings({ view: 'surface', playing: true }));
    await sleep(500);
    await page.evaluate(() => window.onsager!.settings({ view: 'all', flux: 'J1' }));
    await sleep(500);
    expect(errors).toEqual([]);
    await page.close();

    const { page: embed, errors: embedErrors } = await openPage(h, '?embed=1&slider=mixture.soret');
    expect(await embed.evaluate(() => document.body.classList.contains('embed'))).toBe(true);
    expect(await embed.$('#embed-slider input')).not.toBeNull();
    expect(await embed.$eval('#gui-host', (e) => getComputedStyle(e).display)).toBe('none');
    expect(await embed.$eval('#btn-play', (e) => getComputedStyle(e).display)).not.toBe('none');
    expect(embedErrors).toEqual([]);
    await embed.close();
  });
});

describe('the page without WebGPU', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(false);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('says so in plain words and runs the CPU reference in a worker', async () => {
    const { page, errors } = await openPage(h);
    expect(await page.evaluate(() => window.onsager!.backend)).toBe('cpu');
    const note = await page.$eval('#fallback-note', (e) => ({ hidden: (e as HTMLElement).hidden, text: e.textContent ?? '' }));
    expect(note.hidden).toBe(false);
    expect(note.text).toMatch(/No WebGPU here/);
    expect(note.text).toMatch(/CPU reference solver/);
    const a = await page.evaluate(async () => (await window.onsager!.stats()).steps);
    // the first rkl2 step from the start is a ramp of substeps (physics/rkl2.ts rkl2Substeps,
    // ~2.4x a step's passes): on a loaded machine it may take longer than a second in float64
    let st = await page.evaluate(() => window.onsager!.stats());
    for (let k = 0; k < 10 && st.steps <= a; k++) {
      await sleep(1000);
      st = await page.evaluate(() => window.onsager!.stats());
    }
    expect(st.steps).toBeGreaterThan(a);
    expect(st.backend).toBe('cpu');
    expect(st.nonFinite).toBe(0);
    const f = await page.evaluate(async () => {
      const x = await window.onsager!.field('c');
      return { nx: x.nx, ny: x.ny, n: x.data.length };
    });
    expect(f.nx * f.ny).toBeLessThanOrEqual(64 * 32);
    expect(f.n).toBe(f.nx * f.ny);
    expect(errors).toEqual([]);
    await page.close();
  });
});
