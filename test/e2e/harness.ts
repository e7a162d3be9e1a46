/**
 * Browser-test harness: the built page (dist/, built when missing or older than its sources, one
 * builder at a time: src/cli/recorder/site.ts) from a static server on a free localhost port,
 * started by the test itself, and Debian's Chromium (never a downloaded browser) driven by
 * puppeteer-core's API. The built page is what users and the recorder load; it opens in a fraction
 * of the dev server's time (one bundle instead of every module transformed and fetched per page).
 * With `webgpu` the SwiftShader WebGPU flags of platform.md are passed; without, WebGPU is switched
 * off so the page's CPU fallback runs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ConsoleMessage, type Page } from 'puppeteer';
import { CHROMIUM, COMMON_FLAGS, SWIFTSHADER_FLAGS } from '../../src/cli/recorder/browser';
import { ensureBuilt, serveStatic, type StaticServer } from '../../src/cli/recorder/site';

export { CHROMIUM };

/** The tests always use SwiftShader's WebGPU (the same flags the recorder uses without a GPU). */
export const WEBGPU_FLAGS = [...COMMON_FLAGS, ...SWIFTSHADER_FLAGS];
export const NO_WEBGPU_FLAGS = [...COMMON_FLAGS, '--disable-features=WebGPU', '--disable-webgpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export interface Harness {
  server: StaticServer;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(webgpu: boolean): Promise<Harness> {
  const server = await serveStatic(await ensureBuilt(), '/');
  const base = server.base;
  const profile = mkdtempSync(join(tmpdir(), 'onsager-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...(webgpu ? WEBGPU_FLAGS : NO_WEBGPU_FLAGS), `--user-data-dir=${profile}`, '--window-size=1400,900'],
    defaultViewport: { width: 1400, height: 900 },
    protocolTimeout: 180_000,
  });
  return {
    server,
    base,
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Console errors and page errors seen by a page (benign GPU-process noise filtered). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Opens the page (optionally with a query and hash) and waits until it runs. */
export async function openPage(h: Harness, suffix = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await h.browser.newPage();
  const errors = collectErrors(page);
  await page.goto(h.base + suffix, { waitUntil: 'load' });
  await page.waitForFunction(() => window.onsagerReady !== undefined, { timeout: 60_000 });
  await page.evaluate(() => window.onsagerReady);
  return { page, errors };
}

/**
 * Lets `page` download into a fresh folder: `fetch(testid, name)` clicks that control's button and
 * returns the file once written; `close()` removes the folder.
 */
export async function downloadsOf(page: Page): Promise<{ fetch(testid: string, name: string): Promise<Buffer>; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'onsager-downloads-'));
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  return {
    async fetch(testid, name) {
      await page.click(`[data-testid="${testid}"] button`);
      const path = join(dir, name);
      for (let i = 0; i < 100 && !existsSync(path); i++) await sleep(100);
      await sleep(200);
      return readFileSync(path);
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
