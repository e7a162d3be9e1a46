/**
 * The page for the command line: the built site (site.ts) from a static server on a free localhost
 * port (the page must come from http://localhost to get navigator.gpu), and headless Chromium driven by puppeteer. The
 * WebGPU flags follow the same choice of Vulkan driver as the Node solver (src/gpu/node.ts): a real
 * GPU where there is one, SwiftShader (a CPU) otherwise, or when the GPU gives no WebGPU adapter.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { chooseVulkanDriver, SWIFTSHADER_ICD } from '../../gpu/node';
import { ensureBuilt, serveStatic } from './site';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags every headless Chromium here gets (platform.md: no sandbox as root, quiet network). */
export const COMMON_FLAGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
/** SwiftShader's WebGPU (platform.md): a CPU, slow, everywhere. */
export const SWIFTSHADER_FLAGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
/** The machine's GPU through Vulkan, nothing forced. */
export const GPU_FLAGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--ignore-gpu-blocklist'];

export type Adapter = 'gpu' | 'swiftshader';

/** Which WebGPU adapter to ask Chromium for: the GPU when the Vulkan driver chosen is a real one. */
export function chooseAdapter(): { adapter: Adapter; why: string } {
  const icd = chooseVulkanDriver();
  if (icd === SWIFTSHADER_ICD) return { adapter: 'swiftshader', why: 'no GPU found: SwiftShader (CPU) WebGPU' };
  if (icd) return { adapter: 'gpu', why: `GPU through ${icd}` };
  if (existsSync('/dev/dri')) return { adapter: 'gpu', why: 'GPU through the system Vulkan drivers' };
  return { adapter: 'swiftshader', why: 'no GPU found: SwiftShader (CPU) WebGPU' };
}

export interface PageServer {
  base: string;
  close(): Promise<void>;
}

/** The built page (dist/, built when missing or stale) from a static server on a free localhost port. */
export async function startServer(log?: (line: string) => void): Promise<PageServer> {
  return serveStatic(await ensureBuilt(log), '/');
}

export interface PageBrowser {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Headless Chromium with the page open and running (`onsagerReady` resolved). */
export async function openBrowser(base: string, adapter: Adapter): Promise<PageBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium was not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'onsager-chromium-record-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...COMMON_FLAGS, ...(adapter === 'gpu' ? GPU_FLAGS : SWIFTSHADER_FLAGS), `--user-data-dir=${profile}`, '--window-size=1400,900'],
    defaultViewport: { width: 1400, height: 900 },
    // Recordings report back through exposed functions, never one long protocol call.
    protocolTimeout: 600_000,
    // The command line handles signals itself (it deletes the partial file first).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let closing: Promise<void> | undefined;
  // Idempotent (a signal handler and the run may both close); the profile goes once Chromium has.
  const close = () =>
    (closing ??= (async () => {
      await browser.close().catch(() => undefined);
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      } catch {
        // Chromium still writing: a temporary directory left behind is harmless.
      }
    })());
  try {
    const page = await browser.newPage();
    await page.goto(base, { waitUntil: 'load' });
    await page.waitForFunction(() => window.onsagerReady !== undefined, { timeout: 120_000 });
    await page.evaluate(() => window.onsagerReady);
    return { browser, page, close };
  } catch (e) {
    await close();
    throw e;
  }
}
