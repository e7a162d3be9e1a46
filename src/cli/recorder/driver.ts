/**
 * Drives a recording in the page from Node: loads the scenario through `window.onsager`, starts
 * `onsager.record` with a sink whose writes come back through `page.exposeFunction` as
 * {position, base64 bytes} and land in a partial file at those positions (so a long video never
 * sits whole in the browser's memory), relays progress, and waits for the page to report the end
 * (one exposed callback, not one long protocol call).
 */
import type { Page } from 'puppeteer';
import type { RunSummary } from '../../physics/summary';
import type { Scenario } from '../../physics/scenario';
import type { ViewMode } from '../../view/layout';
import type { RecordRequest } from '../../record/options';
import type { RecordProgress, RecordResult } from '../../record/recorder';
import type { FrameRegions } from '../../record/compose';
import type {} from '../../record/page-api'; // window.onsager in the page scripts
import { chooseAdapter, openBrowser, startServer, type Adapter, type PageBrowser, type PageServer } from './browser';
import type { PartialFile } from './files';

/** What the page reports at the end of a successful recording (RecordResult without its blobs). */
export type RecordFacts = Omit<RecordResult, 'data' | 'snapshot' | 'stats'> & { note: string; regions: FrameRegions };

export type DriveOutcome =
  | { ok: true; facts: RecordFacts; png?: Buffer; summary: RunSummary; backend: 'webgpu' | 'cpu' }
  | { ok: false; name: string; message: string; summary?: RunSummary; problems?: { option: string; message: string }[] };

export interface DriveOptions {
  scenario: Scenario;
  view: ViewMode;
  request: RecordRequest;
  /** Where the video goes; undefined: no video (snapshot only). */
  video?: PartialFile;
  snapshot: boolean;
  onProgress(p: RecordProgress): void;
  /** Lines for stderr. */
  log(line: string): void;
}

/**
 * Runs in the page (a string, so that no compiler helper sneaks into it): starts the recording
 * and reports through the exposed functions.
 */
const PAGE_SCRIPT = `(args) => {
  const o = window.onsager;
  const b64 = (u8) => {
    if (typeof u8.toBase64 === 'function') return u8.toBase64();
    let s = '';
    for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000));
    return btoa(s);
  };
  const sink = { write: (p, d) => window.__onsagerRecordWrite(p, b64(d)), close: () => undefined, abort: () => undefined };
  o.record(args.request, { sink, video: args.video, snapshot: args.snapshot, onProgress: (p) => { void window.__onsagerRecordProgress(p); } }).then(
    async (r) => {
      const { data, snapshot, stats, ...facts } = r;
      const png = snapshot ? b64(new Uint8Array(await snapshot.arrayBuffer())) : undefined;
      const summary = await o.stats();
      await window.__onsagerRecordDone({ ok: true, facts, png, summary, backend: o.backend });
    },
    async (e) => {
      let summary;
      if (e && e.name === 'RecordingFailed') summary = await o.stats().catch(() => undefined);
      await window.__onsagerRecordDone({ ok: false, name: String((e && e.name) || 'Error'), message: String((e && e.message) || e), summary, problems: e && e.problems });
    },
  );
  return true;
}`;

type Wire = { ok: true; facts: RecordFacts; png?: string; summary: RunSummary; backend: 'webgpu' | 'cpu' } | Extract<DriveOutcome, { ok: false }>;

/** The page server and browser of a run, for closing from a signal handler. */
export interface Session {
  /** The page (for benchmarks that call `window.onsager` themselves). */
  readonly page: Page;
  readonly backend: 'webgpu' | 'cpu';
  close(): Promise<void>;
}

async function openWithWebGpu(base: string, log: (l: string) => void): Promise<{ pb: PageBrowser; backend: 'webgpu' | 'cpu' }> {
  const choice = chooseAdapter();
  let adapter: Adapter = choice.adapter;
  let pb = await openBrowser(base, adapter);
  let backend = await pb.page.evaluate(() => window.onsager!.backend);
  if (backend === 'cpu' && adapter === 'gpu') {
    log('the GPU gave Chromium no WebGPU adapter: using SwiftShader (CPU) instead');
    await pb.close();
    adapter = 'swiftshader';
    pb = await openBrowser(base, adapter);
    backend = await pb.page.evaluate(() => window.onsager!.backend);
  }
  log(
    backend === 'webgpu'
      ? `WebGPU: ${adapter === 'gpu' ? choice.why : 'SwiftShader (CPU: slow, but frame-exact)'}`
      : 'no WebGPU in Chromium: recording from the CPU reference at a reduced grid (at most 64 x 32 cells)',
  );
  return { pb, backend };
}

async function loadScenario(page: Page, scenario: Scenario, view: ViewMode): Promise<void> {
  await page.evaluate(
    async (s, v) => {
      const o = window.onsager!;
      o.pause();
      // Loading applies the preset's own views (sigma part, plots); the view asked for wins.
      await o.load(s);
      o.settings({ view: v, playing: false });
    },
    scenario as unknown as Record<string, unknown>,
    view,
  );
}

/**
 * Starts a session (page server, browser, page); `run` records in it, once or several times in
 * turn. `session.close()` may be called at any time.
 */
export async function startSession(log: (l: string) => void): Promise<{ session: Session; run: (o: DriveOptions) => Promise<DriveOutcome> }> {
  let server: PageServer | undefined;
  let pb: PageBrowser | undefined;
  let backend: 'webgpu' | 'cpu' = 'cpu';
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await pb?.close();
      await server?.close().catch(() => undefined);
    })());
  try {
    server = await startServer(log);
    const opened = await openWithWebGpu(server.base, log);
    pb = opened.pb;
    backend = opened.backend;
  } catch (e) {
    await close();
    throw e;
  }
  const page = pb.page;
  const session: Session = { page, backend, close };
  // One set of exposed functions per page, serving the recording in progress.
  let current: { o: DriveOptions; finish: (w: Wire) => void; writeError?: Error } | undefined;
  await page.exposeFunction('__onsagerRecordWrite', (position: number, b64: string) => {
    if (!current) return;
    try {
      current.o.video?.write(position, Buffer.from(b64, 'base64'));
    } catch (e) {
      current.writeError ??= e as Error;
      throw e;
    }
  });
  await page.exposeFunction('__onsagerRecordProgress', (p: RecordProgress) => current?.o.onProgress(p));
  await page.exposeFunction('__onsagerRecordDone', (w: Wire) => current?.finish(w));
  page.on('pageerror', (e) => log(`page error: ${String(e)}`));
  // A reload or a crash ends the recording in progress (it would never report back).
  // (Not framenavigated: the page keeps the scenario in the URL's hash, a same-document navigation.)
  page.on('domcontentloaded', () => current?.finish({ ok: false, name: 'Error', message: 'the page reloaded during the recording' }));
  page.on('error', (e) => current?.finish({ ok: false, name: 'Error', message: `the page crashed during the recording: ${e.message}` }));
  const crashed = new Promise<Wire>((resolve) => page.once('close', () => resolve({ ok: false, name: 'Error', message: 'the browser page closed during the recording' })));
  const run = async (o: DriveOptions): Promise<DriveOutcome> => {
    if (current) throw new Error('one recording at a time');
    await loadScenario(page, o.scenario, o.view);
    const state: { o: DriveOptions; finish: (w: Wire) => void; writeError?: Error } = { o, finish: () => undefined };
    const done = new Promise<Wire>((resolve) => (state.finish = resolve));
    current = state;
    try {
      await page.evaluate(`(${PAGE_SCRIPT})(${JSON.stringify({ request: o.request, video: o.video !== undefined, snapshot: o.snapshot })})`);
      const w = await Promise.race([done, crashed]);
      const writeError = state.writeError;
      if (writeError && w.ok) return { ok: false, name: 'Error', message: `writing the video failed: ${writeError.message}` };
      if (!w.ok) return w;
      return { ok: true, facts: w.facts, summary: w.summary, backend: w.backend, ...(w.png ? { png: Buffer.from(w.png, 'base64') } : {}) };
    } finally {
      current = undefined;
    }
  };
  return { session, run };
}
