/**
 * The page's robustness (issue 8): a strict Content-Security-Policy with no request leaving the
 * page's origin. One browser, one page for the whole file (SwiftShader is slow).
 */
import type { HTTPRequest, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, startHarness, type Harness } from './harness';

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
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
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
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
