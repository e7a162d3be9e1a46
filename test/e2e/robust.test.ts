/**
 * The page's robustness (issue 8): a strict Content-Security-Policy with no request leaving the
 * page's origin; failures (a blown-up state, a GPU error) restore the last good state and make
 * step(n) reject; a device destroyed from outside the page is replaced and the run continues; a
 * corpus of malformed links, files and calls is refused without losing anything. One browser, one
 * page for the whole file (SwiftShader is slow).
 */
import type { HTTPRequest, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetFile } from '../../src/physics/presets';
import { parseScenario, withValue } from '../../src/physics/validate';
import { CORPUS, PROTOTYPE_KEY_JSON, type MalformedCase } from './corpus/malformed';
import { collectErrors, startHarness, type Harness } from './harness';
import { countPromises } from './promises';

/** Whether `f` throws (a refusal); undoes any prototype pollution it caused. */
function refuses(f: () => unknown): boolean {
  try {
    f();
    return false;
  } catch {
    return true;
  } finally {
    delete (Object.prototype as Record<string, unknown>).polluted;
  }
}
/**
 * Whether validation refuses prototype keys yet, in dotted paths and in scenario JSON (issue 8,
 * Build 6, another branch): until then the corpus's prototype-key cases are left out.
 */
const prototypeKeysRefused =
  refuses(() => withValue(parseScenario(presetFile('soret-cell')).scenario, '__proto__.polluted', 1)) && refuses(() => parseScenario(JSON.parse(PROTOTYPE_KEY_JSON)));

/** The soret cell on a small grid with forward Euler at `dt` [s] (fixed). */
function eulerCell(dt: number): Record<string, unknown> {
  const s = structuredClone(presetFile('soret-cell')) as Record<string, unknown>;
  s.grid = { ...(s.grid as object), nx: 32, ny: 4 };
  s.time = { scheme: 'euler', dt };
  return s;
}

type PageWindow = Window & { cspViolations: string[]; devices: GPUDevice[] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the page keeps running and loses nothing', () => {
  let h: Harness;
  let page: Page;
  let errors: string[];
  /** Requests the page made outside its own origin (data: and blob: URLs are the page's own). */
  const foreign: string[] = [];
  beforeAll(async () => {
    h = await startHarness(true);
    page = await h.browser.newPage();
    errors = collectErrors(page);
    const origin = new URL(h.base).origin;
    await page.setRequestInterception(true);
    page.on('request', (r: HTTPRequest) => {
      const url = r.url();
      const own = url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin;
      if (!own) {
        foreign.push(url);
        void r.abort();
      } else void r.continue();
    });
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as PageWindow;
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
      // Keeps every device the page gets, so the test can break it from outside the page's code.
      const devices: GPUDevice[] = ((window as unknown as PageWindow).devices = []);
      const requestDevice = GPUAdapter.prototype.requestDevice;
      GPUAdapter.prototype.requestDevice = async function (this: GPUAdapter, d?: GPUDeviceDescriptor) {
        const device = await requestDevice.call(this, d);
        devices.push(device);
        return device;
      };
    });
    await page.goto(h.base, { waitUntil: 'load' });
    await page.waitForFunction(() => window.onsagerReady !== undefined, { timeout: 60_000 });
    await page.evaluate(() => window.onsagerReady);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('runs under its Content-Security-Policy: no foreign request, no violation (play, preset switch, record panel)', async () => {
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (e) => e.getAttribute('content') ?? '');
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).not.toMatch(/https?:|unsafe-eval/);
    await page.evaluate(() => window.onsager!.play());
    await sleep(1000);
    await page.evaluate(() => window.onsager!.load('dufour-gas'));
    await sleep(1000);
    // Open every closed lil-gui folder (the record panel among them) and take a snapshot.
    await page.evaluate(() => {
      for (const t of document.querySelectorAll<HTMLElement>('.lil-gui.closed > .lil-title')) t.click();
    });
    await page.evaluate(async () => void (await window.onsager!.snapshot()));
    await sleep(500);
    const steps = await page.evaluate(async () => (await window.onsager!.stats()).steps);
    expect(steps).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as PageWindow).cspViolations)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a blown-up state or a GPU error is a failure: step(n) rejects, the last good state comes back, the page says so', async () => {
    const dtLimit = parseScenario(eulerCell(1)).derived.dtLimit;
    const r = await page.evaluate(
      async (good, bad, goodDt) => {
        const o = window.onsager!;
        o.pause();
        await o.load(good);
        await o.step(10);
        const kept = await o.field('T');
        const steps = (await o.stats()).steps;
        // Four times the explicit limit: forward Euler blows up (the scenario only warns).
        await o.set('time.dt', bad);
        const blowUp = await o.step(400).then(
          () => 'resolved',
          (e: Error) => e.message,
        );
        const afterBlowUp = await o.stats();
        const restored = await o.field('T');
        const message = o.messages();
        // A GPU error while stepping: the next submit comes with an invalid buffer request.
        await o.set('time.dt', goodDt);
        const dev = (window as unknown as PageWindow).devices.at(-1)!;
        const submit = dev.queue.submit.bind(dev.queue);
        dev.queue.submit = (cbs: Iterable<GPUCommandBuffer>) => {
          dev.queue.submit = submit;
          dev.createBuffer({ label: 'test: invalid on purpose', size: 4, usage: 0 });
          return submit(cbs);
        };
        const gpuError = await o.step(3).then(
          () => 'resolved',
          (e: Error) => e.message,
        );
        const afterGpuError = await o.stats();
        return { steps, kept: Array.from(kept.data), blowUp, afterBlowUp, restored: Array.from(restored.data), message, gpuError, afterGpuError, failures: o.debug.failures() };
      },
      eulerCell(0.8 * dtLimit) as never,
      4 * dtLimit,
      0.8 * dtLimit,
    );
    expect(r.steps).toBe(10);
    expect(r.blowUp).toMatch(/step\(400\): .*(non-finite|temperature|concentration).*last good state was restored/);
    expect(r.afterBlowUp.steps).toBe(10);
    expect(r.afterBlowUp.nonFinite).toBe(0);
    expect(r.restored).toEqual(r.kept);
    expect(r.message).toMatch(/cannot stand behind.*last good state \(t = .*step 10\)/s);
    expect(r.gpuError).toMatch(/step\(3\): .*GPU/);
    expect(r.afterGpuError.steps).toBe(10);
    expect(r.failures.count).toBe(2);
  });

  it('leaves no promise waiting per frame or per switch (issue 8, Build 9: the soak heap stays flat)', async () => {
    // Every measured frame waits for the GPU racing the device's loss; a race against the pending
    // loss promise left one pending promise per frame. Warm up, then count across measured frames and switches.
    const cdp = await page.createCDPSession();
    const measured = () => page.evaluate(() => window.onsager!.debug.frameCost().measured);
    await page.evaluate(async () => {
      const o = window.onsager!;
      await o.load('soret-cell');
      o.play();
    });
    await sleep(1000);
    const before = await countPromises(cdp);
    const m0 = await measured();
    for (const preset of ['dufour-gas', 'soret-cell']) {
      await page.evaluate(async (p: string) => {
        const o = window.onsager!;
        await o.load(p);
        o.play();
      }, preset);
      const m = await measured();
      await page.waitForFunction((m: number) => window.onsager!.debug.frameCost().measured >= m + 6, { timeout: 30_000 }, m);
    }
    const frames = (await measured()) - m0;
    const after = await countPromises(cdp);
    await page.evaluate(() => window.onsager!.pause());
    await cdp.detach();
    expect(frames).toBeGreaterThanOrEqual(12);
    // Bounded: a few in flight at any moment, not one per frame.
    expect(after.pending - before.pending).toBeLessThanOrEqual(4);
    expect(errors).toEqual([]);
  });

  it('recovers from a device destroyed from outside the page: calls keep answering, the run continues from the last readback', async () => {
    const r = await page.evaluate(async () => {
      const o = window.onsager!;
      const w = window as unknown as PageWindow;
      o.pause();
      await o.load('soret-cell');
      await o.step(5);
      const kept = await o.field('c'); // a readback of the fields: the state to continue from
      const before = await o.stats();
      o.play();
      await new Promise((r) => requestAnimationFrame(r)); // one frame queues steps
      w.devices.at(-1)!.destroy();
      o.pause();
      // Every call keeps answering while the page replaces the device:
      const [stats, field, scenario] = await Promise.all([o.stats(), o.field('c'), Promise.resolve(o.scenario())]);
      const message = o.messages();
      await o.step(2);
      const stepped = await o.stats();
      o.play();
      await new Promise((r) => setTimeout(r, 2000));
      const later = await o.stats();
      o.pause();
      // The page's own changes (a preset, a grid) are no loss: nothing more is recovered.
      await o.load('dufour-gas');
      await o.set('grid.nx', 48);
      const own = await o.stats();
      return { before, kept: Array.from(kept.data), stats, field: Array.from(field.data), scenario: scenario.name, message, stepped, later, own, recoveries: o.debug.recoveries(), devices: w.devices.length };
    });
    expect(r.recoveries).toBe(1);
    expect(r.devices).toBe(2);
    expect(r.stats.steps).toBe(r.before.steps);
    expect(r.stats.simTime).toBe(r.before.simTime);
    expect(r.field).toEqual(r.kept);
    expect(r.scenario).toBe('Soret cell');
    expect(r.message).toMatch(/device was lost.*new one.*continues/is);
    expect(r.stepped.steps).toBe(r.before.steps + 2);
    expect(r.later.simTime).toBeGreaterThan(r.stepped.simTime);
    expect(r.own.backend).toBe('gpu');
    expect(r.own.steps).toBeGreaterThanOrEqual(0);
  });

  it(`refuses a corpus of ${CORPUS.length} malformed links, files and calls, keeps running and loses nothing`, async () => {
    const cases = CORPUS.filter((c) => prototypeKeysRefused || !c.prototypeKey);
    if (!prototypeKeysRefused) console.warn(`corpus: ${CORPUS.length - cases.length} prototype-key cases left out until validation refuses prototype keys (issue 8, Build 6)`);
    expect(cases.length).toBeGreaterThanOrEqual(50);
    await page.evaluate(async () => {
      await window.onsager!.load('soret-cell');
      window.onsager!.play();
    });
    const r = await page.evaluate(async (cases: MalformedCase[]) => {
      const o = window.onsager!;
      const host = document.getElementById('messages')!;
      const input = document.querySelector<HTMLInputElement>('[data-testid="import-file"]')!;
      const scenario = JSON.stringify(o.scenario());
      const start = await o.stats();
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const shown = async () => {
        for (let i = 0; i < 200 && !host.textContent; i++) await sleep(20);
        return host.textContent ?? '';
      };
      const special = (c: MalformedCase & { kind: 'api' }): unknown => {
        switch (c.special) {
          case 'NaN':
            return NaN;
          case 'Infinity':
            return Infinity;
          case '-Infinity':
            return -Infinity;
          case 'undefined':
            return undefined;
          case 'function':
            return () => 1;
          case 'deep': {
            let d: Record<string, unknown> = {};
            for (let i = 0; i < 5000; i++) d = { a: d };
            return d;
          }
          case 'cyclic': {
            const x: Record<string, unknown> = { name: 'loop' };
            x.self = x;
            return x;
          }
          default:
            return c.value;
        }
      };
      const failed: string[] = [];
      for (const c of cases) {
        host.replaceChildren();
        const before = JSON.stringify(o.scenario());
        let rejected = true;
        if (c.kind === 'link') {
          location.hash = c.hash;
        } else if (c.kind === 'file') {
          const dt = new DataTransfer();
          dt.items.add(new File([c.text], `${c.name}.json`, { type: 'application/json' }));
          input.files = dt.files;
          input.dispatchEvent(new Event('change'));
        } else {
          const value = special(c);
          rejected = await (c.call === 'set' ? o.set(c.path!, value) : o.load(value)).then(
            () => false,
            () => true,
          );
        }
        const text = await shown();
        if (c.kind === 'link') history.replaceState(history.state, '', location.pathname + location.search);
        const same = JSON.stringify(o.scenario()) === before;
        const polluted = ({} as Record<string, unknown>).polluted !== undefined || ({} as Record<string, unknown>).x !== undefined;
        if (!rejected || !text || !same || polluted) failed.push(`${c.kind} "${c.name}": rejected ${rejected}, message "${text.slice(0, 80)}", scenario kept ${same}, prototype polluted ${polluted}`);
      }
      await sleep(1000);
      const end = await o.stats();
      return { failed, start, end, kept: JSON.stringify(o.scenario()) === scenario };
    }, cases);
    expect(r.failed).toEqual([]);
    expect(r.kept).toBe(true);
    expect(r.end.simTime).toBeGreaterThan(r.start.simTime); // still running
    expect(r.end.nonFinite).toBe(0);
  });
});
