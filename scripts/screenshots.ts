/**
 * Screenshots of every preset at 1440x900, 1920x1080 and in lecture mode (h, 1920x1080), taken
 * from the BUILT page served under a sub-path (as deployed), with headless Chromium (SwiftShader
 * WebGPU without a GPU). Each preset is brought to its story first: its steady state where one
 * exists (the jump), else some seconds of running. Output: docs/screenshots/<preset>-<size>.png.
 *
 *   npm run screenshots [-- preset-id ...]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer';
import { PRESET_IDS } from '../src/physics/presets';
import { CHROMIUM, COMMON_FLAGS, SWIFTSHADER_FLAGS } from '../src/cli/recorder/browser';
import { ensureBuilt, ROOT, serveStatic } from '../src/cli/recorder/site';

const OUT = join(ROOT, 'docs/screenshots');
const SIZES = [
  { name: '1440x900', width: 1440, height: 900, lecture: false },
  { name: '1920x1080', width: 1920, height: 1080, lecture: false },
  { name: 'lecture', width: 1920, height: 1080, lecture: true },
];

async function main(): Promise<void> {
  const ids = process.argv.slice(2).length ? process.argv.slice(2) : [...PRESET_IDS];
  mkdirSync(OUT, { recursive: true });
  const server = await serveStatic(await ensureBuilt(console.log), '/courses/onsager-lab/');
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...COMMON_FLAGS, ...SWIFTSHADER_FLAGS, '--window-size=1920,1080', '--hide-scrollbars'],
    defaultViewport: { width: 1440, height: 900 },
    protocolTimeout: 900_000,
  });
  try {
    for (const id of ids) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1440, height: 900 });
      await page.goto(`${server.base}#preset=${id}`, { waitUntil: 'load' });
      await page.waitForFunction(() => window.onsagerReady !== undefined, { timeout: 120_000 });
      await page.evaluate(() => window.onsagerReady);
      const how = await page.evaluate(async (id) => {
        const o = window.onsager!;
        // The Soret cell's and the Dufour gas's stories are transients (the separation growing,
        // the mass part of sigma; the Dufour temperature bump), and so are the salt's (the salty
        // layer growing as sqrt(t)) and the coffee's (cooling from the walls and the surface):
        // their steady states are uniform. Reactive conduction runs its duration (5 s, several
        // relaxation times: its steady heat flux), as its jump on the GPU does not converge yet;
        // the NO2 box its 10 s (a closed, insulated box has no jump: its equilibrium at ~378 K).
        // The others' stories are their steady states.
        const story: Record<string, number> = { 'soret-cell': 3000, 'dufour-gas': 0.05, 'salt-dissolving': 600, 'coffee-cooling': 600, 'reactive-conduction': 5, 'no2-box': 10 };
        if (story[id] !== undefined) {
          o.pause();
          for (let t = (await o.stats()).simTime; t < story[id]; t = (await o.stats()).simTime) {
            // In about 40 chunks, so the time plots (S(t), the rate-affinity trajectory) get points along the way.
            const dt = o.running().dt;
            await o.step(Math.max(1, Math.min(2000, Math.ceil((story[id] - t) / dt), Math.ceil(story[id] / 40 / dt))));
          }
          return `t = ${(await o.stats()).simTime.toFixed(0)} s`;
        }
        try {
          await o.jump();
          o.pause();
          return 'steady state';
        } catch {
          await new Promise((r) => setTimeout(r, 8000));
          o.pause();
          return 'ran 8 s';
        }
      }, id);
      for (const size of SIZES) {
        await page.setViewport({ width: size.width, height: size.height });
        if (size.lecture) await page.keyboard.press('h');
        // Two readbacks and a few frames at the new size.
        await page.evaluate(() => window.onsager!.step(1));
        await new Promise((r) => setTimeout(r, 1500));
        const path = join(OUT, `${id}-${size.name}.png`);
        await page.screenshot({ path, type: 'png' });
        console.log(`${path} (${how})`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
