/**
 * Recording, end to end: `npm run record` as a user runs it (a child process driving the page in
 * headless Chromium with SwiftShader), its files checked with ffprobe/ffmpeg, and recording from
 * the page through `window.onsager`. Small grids and frames keep the file near two minutes on two
 * cores.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetFile } from '../../src/physics/presets';
import type { FrameRegions } from '../../src/record/compose';
import { colormapLut, LUT_SIZE } from '../../src/view/colormaps';
import { merge, type Json } from '../helpers/scenarios';
import { openPage, startHarness, type Harness } from './harness';
import { record, rgbFrames, scratchDir, SMALL } from './record-run';

const root = join(import.meta.dirname, '../..');
const tmp = scratchDir('record');
/** Background of the composed frame (#15171c). */
const BG = [21, 23, 28];

interface Probe {
  codec_name: string;
  width: number;
  height: number;
  nb_read_frames: string;
}

function ffprobe(file: string): { stream: Probe; duration: number } {
  const r = spawnSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,nb_read_frames', '-show_entries', 'format=duration', '-of', 'json', file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const j = JSON.parse(r.stdout) as { streams: Probe[]; format: { duration: string } };
  return { stream: j.streams[0], duration: Number(j.format.duration) };
}

/** ffmpeg's full decode: what it prints on stderr (nothing when the file is clean). */
function decodeErrors(file: string): string {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
  return `${r.stderr}${r.status === 0 ? '' : `exit ${r.status}`}`;
}

type Region = { x: number; y: number; w: number; h: number };

function pixels(img: Uint8Array, width: number, r: Region, f: (rgb: [number, number, number]) => void): void {
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let x = r.x; x < r.x + r.w; x++) {
      const i = (y * width + x) * 3;
      f([img[i], img[i + 1], img[i + 2]]);
    }
  }
}

/** Share of a region's pixels that are bright text (luma > 150). */
function brightShare(img: Uint8Array, width: number, r: Region): number {
  let n = 0;
  let total = 0;
  pixels(img, width, r, ([R, G, B]) => {
    total++;
    if (0.299 * R + 0.587 * G + 0.114 * B > 150) n++;
  });
  return n / total;
}

/** Share of a region's pixels that are strongly coloured (not the grey background or text). */
function colouredShare(img: Uint8Array, width: number, r: Region): number {
  let n = 0;
  let total = 0;
  pixels(img, width, r, ([R, G, B]) => {
    total++;
    if (Math.max(R, G, B) - Math.min(R, G, B) > 60) n++;
  });
  return n / total;
}

function meanAbsDiff(a: Uint8Array, b: Uint8Array, width: number, r: Region): number {
  let s = 0;
  let n = 0;
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let x = r.x; x < r.x + r.w; x++) {
      for (let c = 0; c < 3; c++) {
        const i = (y * width + x) * 3 + c;
        s += Math.abs(a[i] - b[i]);
        n++;
      }
    }
  }
  return s / n;
}

/** Files left in a directory, partial ones included (they start with a dot). */
const leftIn = (dir: string) => readdirSync(dir);

interface RecordingJson {
  frames: number;
  fps: number;
  width: number;
  height: number;
  codec: string;
  videoSeconds: number;
  frameTimes: number[];
  frameSteps: number[];
  simPerFrame: number;
  stepsPerFrame: number;
  regions: FrameRegions;
  snapshotTime?: number;
  note: string;
}

describe('npm run record', () => {
  const dir = join(tmp, 'cli');
  mkdirSync(dir);
  const args = (out: string) => ['soret-cell', '--duration', '2', '--fps', '30', '--size', '320x180', '--out', out, ...SMALL];
  let first: { summary: { recording: RecordingJson; simTime: number; entropyProduction: number; steps: number }; file: string };

  it('records 2 s at 30 fps: exactly 60 frames of the requested size and codec, a clean decode, frames that change, captions and colour bars drawn', () => {
    const file = join(dir, 'soret.mp4');
    const png = join(dir, 'soret.png');
    const r = record([...args(file), '--snapshot', png]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/recording 60 frames, 2 s of video at 30 fps; 0\.03333 s simulated per frame = 1 step/);
    expect(r.stderr).toMatch(/WebGPU: SwiftShader/);
    const summary = JSON.parse(r.stdout);
    first = { summary, file };
    const rec: RecordingJson = summary.recording;
    // The file: 60 frames, 320x180, H.264, 2.000 s, decodes without a single complaint.
    const probe = ffprobe(file);
    expect(probe.stream).toMatchObject({ codec_name: 'h264', width: 320, height: 180, nb_read_frames: '60' });
    expect(probe.duration).toBeCloseTo(2, 6);
    expect(decodeErrors(file)).toBe('');
    expect(rec.codec).toMatch(/^avc1\./);
    // Frame k shows t = k / 30 s, a whole number of steps apart.
    expect(rec.frames).toBe(60);
    expect(rec.frameTimes).toHaveLength(60);
    rec.frameTimes.forEach((t, k) => expect(t).toBeCloseTo(k / 30, 12));
    const gaps = new Set(rec.frameSteps.slice(1).map((s, k) => s - rec.frameSteps[k]));
    expect([...gaps]).toEqual([rec.stepsPerFrame]);
    // The run's own clock agrees (snapshot at t = duration, one frame's steps after the last frame).
    expect(summary.simTime).toBeCloseTo(2, 9);
    expect(rec.snapshotTime).toBeCloseTo(2, 12);

    const frames = rgbFrames(file, 320, 180);
    expect(frames).toHaveLength(60);
    const [f0, f59] = [frames[0], frames[59]];
    const { title, view, bars } = rec.regions;
    // First and last frames differ where the fields are, and in the time caption.
    expect(meanAbsDiff(f0, f59, 320, view)).toBeGreaterThan(1);
    expect(meanAbsDiff(f0, f59, 320, title)).toBeGreaterThan(0.5);
    // Caption (title and time) and every colour bar are drawn: bright text, coloured gradients.
    for (const img of [f0, f59]) {
      expect(brightShare(img, 320, title)).toBeGreaterThan(0.03);
      for (const f of ['T', 'c', 'sigma'] as const) {
        expect(bars[f], f).toBeDefined();
        expect(colouredShare(img, 320, bars[f]!), f).toBeGreaterThan(0.1);
        expect(brightShare(img, 320, bars[f]!), f).toBeGreaterThan(0.02);
      }
    }
    // A blank region would fail these: the background itself is neither bright nor coloured.
    const blank = new Uint8Array(320 * 180 * 3).map((_, i) => BG[i % 3]);
    expect(brightShare(blank, 320, title)).toBe(0);
    expect(colouredShare(blank, 320, bars.T!)).toBe(0);

    // The PNG snapshot: the same composer, lossless, so its T bar holds the very LUT colours.
    const img = rgbFrames(png, 320, 180)[0];
    expect(img.length).toBe(320 * 180 * 3);
    const lut = colormapLut('coolwarm');
    const bar = bars.T!;
    let best = Infinity;
    for (let y = bar.y; y < bar.y + bar.h; y++) {
      let worst = 0;
      for (let x = bar.x + 1; x < bar.x + bar.w - 1; x++) {
        const i = (y * 320 + x) * 3;
        const e = Math.floor(((x - bar.x + 0.5) / bar.w) * LUT_SIZE);
        let near = Infinity;
        for (let k = Math.max(0, e - 2); k <= Math.min(LUT_SIZE - 1, e + 2); k++) {
          near = Math.min(near, Math.abs(img[i] - lut[4 * k]) + Math.abs(img[i + 1] - lut[4 * k + 1]) + Math.abs(img[i + 2] - lut[4 * k + 2]));
        }
        worst = Math.max(worst, near);
      }
      best = Math.min(best, worst);
    }
    expect(best, 'some row of the T bar is the coolwarm LUT, pixel for pixel').toBeLessThanOrEqual(3);
    expect(leftIn(dir).sort()).toEqual(['soret.mp4', 'soret.png']);
  });

  it('gives the same frame count and simulated times when the same recording is made twice', () => {
    const file = join(dir, 'again.mp4');
    const r = record(args(file));
    expect(r.code, r.stderr).toBe(0);
    const again = JSON.parse(r.stdout);
    const a: RecordingJson = first.summary.recording;
    const b: RecordingJson = again.recording;
    expect(b.frames).toBe(a.frames);
    expect(b.frameTimes).toEqual(a.frameTimes);
    expect(b.frameSteps).toEqual(a.frameSteps);
    expect(ffprobe(file).stream.nb_read_frames).toBe(ffprobe(first.file).stream.nb_read_frames);
    // The same states: the physics after the last frame is identical too.
    expect(again.steps).toBe(first.summary.steps - a.stepsPerFrame);
    expect(rgbFrames(file, 320, 180)).toHaveLength(60);
  });

  it('writes WebM (VP9) for .webm, at any frame rate and odd sizes, with a plot under the fields', () => {
    const file = join(dir, 'rod.webm');
    const r = record(['ness-rod', '--duration', '1', '--fps', '24', '--size', '321x181', '--speed', '2', '--plot', 'entropy', '--view', 'T', '--out', file, '--set', 'grid.nx=40', '--set', 'grid.ny=4']);
    expect(r.code, r.stderr).toBe(0);
    const rec: RecordingJson = JSON.parse(r.stdout).recording;
    expect(ffprobe(file).stream).toMatchObject({ codec_name: 'vp9', width: 321, height: 181, nb_read_frames: '12' });
    expect(decodeErrors(file)).toBe('');
    expect(rec.codec).toMatch(/^vp09\./);
    expect(rec.frameTimes[11]).toBeCloseTo(11 * (2 / 24), 12);
    expect(rec.regions.plot).toBeDefined();
    const last = rgbFrames(file, 321, 181)[11];
    // The plot's curve (orange) is drawn in its box.
    let orange = 0;
    pixels(last, 321, rec.regions.plot!, ([R, G, B]) => {
      if (R > 180 && G > 110 && G < 210 && B < 120) orange++;
    });
    expect(orange).toBeGreaterThan(5);
  });

  it('records until steady: it stops when nothing visible changes any more, and says so', () => {
    const file = join(dir, 'steady.webm');
    const r = record(['ness-rod', '--duration', 'steady', '--sim-per-frame', '150', '--fps', '24', '--size', '160x90', '--out', file, '--set', 'grid.nx=24', '--set', 'grid.ny=2']);
    expect(r.code, r.stderr).toBe(0);
    const rec: RecordingJson & { steady: { reached: boolean; time: number } } = JSON.parse(r.stdout).recording;
    expect(rec.steady.reached).toBe(true);
    expect(r.stderr).toMatch(/steady at t = /);
    // Stopped on a check (one per video second), long before the cap (10 minutes of video).
    expect(rec.frames % 24).toBe(1);
    expect(rec.frames).toBeLessThan(24 * 60);
    expect(rec.steady.time).toBe(rec.frameTimes.at(-1));
    expect(ffprobe(file).stream.nb_read_frames).toBe(String(rec.frames));
  });

  const bad: [string, string[], RegExp][] = [
    ['fps 0', ['--fps', '0'], /--fps: 0 is not a frame rate: use 24, 30, 60/],
    ['size 10x10', ['--size', '10x10'], /--size: 10x10 is out of range: width must be 64\.\.3840 and height 64\.\.2160/],
    ['an odd size for H.264', ['--size', '321x180'], /--size: 321x180: H\.264 \(MP4\) needs an even width and height.*use 322x180, or write WebM/],
    ['a size that is not WxH', ['--size', 'big'], /--size: "big" must look like WIDTHxHEIGHT/],
    ['duration 0', ['--duration', '0'], /--duration: 0 must be a number of simulated seconds > 0, or "steady"/],
    ['a negative speed', ['--speed', '-2'], /--speed: -2 must be a number of simulated seconds per video second > 0/],
    ['an unwritable place', ['--out', '/proc/onsager.mp4'], /--out: \/proc\/onsager\.mp4: cannot write in \/proc/],
    ['a missing directory', ['--out', '/nonexistent-dir/x/onsager.mp4'], /--out: .*the directory \/nonexistent-dir\/x does not exist/],
    ['an unknown extension', ['--out', 'video.avi'], /--out: "video\.avi" must end in \.mp4 \(H\.264\) or \.webm \(VP9\)/],
    ['a bad scenario edit', ['--set', 'mixture.D=-1'], /mixture\.D: -1 must be/],
  ];

  it.each(bad)('refuses %s before starting a browser: exit 2, the option named, no file', (_, extra, message) => {
    const d = mkdtempSync(join(tmp, 'bad-'));
    const r = record(['soret-cell', '--duration', '1', '--size', '320x180', '--out', join(d, 'v.mp4'), ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/WebGPU|recording\.\.\./);
    expect(r.stdout).toBe('');
    expect(leftIn(d)).toEqual([]);
  });

  it('refuses an unknown preset, naming the presets', () => {
    const r = record(['soret-cel', '--out', join(tmp, 'x.mp4')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"soret-cel" is neither a scenario file nor a preset; presets are coffee-cooling, ness-rod, heat-sink-fin, salt-dissolving, .*soret-cell/);
    expect(existsSync(join(tmp, 'x.mp4'))).toBe(false);
  });

  it('stops a run that blows up with exit 3, says where, and keeps no file (warning first that the video would be short)', () => {
    const d = mkdtempSync(join(tmp, 'nan-'));
    const file = join(d, 'unstable.json');
    writeFileSync(file, JSON.stringify(merge(presetFile('soret-cell') as Json, { grid: { nx: 32, ny: 16 }, time: { dt: 1.5 } })));
    // 25 frames at 30 fps: 0.83 s of video.
    const r = record([file, '--duration', '1500', '--sim-per-frame', '60', '--size', '160x90', '--out', join(d, 'v.mp4')]);
    expect(r.stderr).toMatch(/warning: the video will last only 0\.8333 s .*--duration is SIMULATED seconds/);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/non-finite values \(first at step \d+/);
    expect(JSON.parse(r.stdout).nonFinite).toBeGreaterThan(0);
    expect(leftIn(d)).toEqual(['unstable.json']);
  });

  it('leaves no partial file when interrupted', async () => {
    const d = mkdtempSync(join(tmp, 'int-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/record.ts', 'soret-cell', '--duration', '600', '--size', '320x180', '--out', join(d, 'long.mp4'), ...SMALL], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupt once frames are being written (the partial file exists and grows).
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && !/frame \d+\//.test(stderr)) await new Promise((r) => setTimeout(r, 200));
    expect(stderr).toMatch(/frame \d+\//);
    expect(leftIn(d).some((f) => f.endsWith('.partial'))).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted \(SIGINT\): no file kept/);
    expect(leftIn(d)).toEqual([]);
  });
});

describe('recording from the page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(true);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('records through window.onsager, says the format it chose, and gives the page back as it was', async () => {
    const { page, errors } = await openPage(h);
    // The Record panel says what it will write (once the encoder has loaded and asked the browser)
    // and what the settings add up to.
    await page.waitForFunction(() => (document.querySelector('[data-testid="record-format"]')?.textContent ?? '') !== '', { timeout: 30_000 });
    expect(await page.$eval('[data-testid="record-format"]', (e) => e.textContent)).toMatch(/Format: MP4 \(H\.264\)/);
    expect(await page.$eval('[data-testid="record-plan"]', (e) => e.textContent)).toMatch(/300 frames, 10 s of video at 30 fps; 2 s simulated per frame/);
    const out = await page.evaluate(async () => {
      const o = window.onsager!;
      o.pause();
      await o.set('grid.nx', 48);
      await o.set('grid.ny', 24);
      await o.step(10);
      const canvas = document.getElementById('view') as HTMLCanvasElement;
      // CSS size: the backing store follows the page's measured draw cost (src/ui/frame-cost.ts).
      const before = { scenario: o.scenario(), size: [canvas.clientWidth, canvas.clientHeight], steps: (await o.stats()).steps };
      const progress: number[] = [];
      const r = await o.record({ duration: 1, fps: 30, simPerFrame: 0.5, width: 256, height: 144, plot: 'separation' }, { onProgress: (p) => progress.push(p.frame) });
      const bytes = new Uint8Array(r.data!);
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const after = { scenario: o.scenario(), size: [canvas.clientWidth, canvas.clientHeight], steps: (await o.stats()).steps };
      // Still usable: it steps and plays.
      await o.step(3);
      o.play();
      const f0 = o.perf().frames;
      await new Promise((res) => setTimeout(res, 600));
      o.pause();
      return {
        note: r.note,
        frames: r.frames,
        frameTimes: r.frameTimes,
        stepsPerFrame: r.stepsPerFrame,
        t0: r.t0,
        before,
        after,
        stepped: (await o.stats()).steps - after.steps,
        drew: o.perf().frames - f0,
        recordingClass: document.body.classList.contains('recording'),
        progress,
        video: btoa(bin),
      };
    });
    expect(out.note).toMatch(/MP4 \(H\.264\)/);
    expect(out.frames).toBe(2);
    expect(out.t0).toBeCloseTo(out.frameTimes[0], 12);
    expect(out.frameTimes[1] - out.frameTimes[0]).toBeCloseTo(0.5, 12);
    expect(out.progress.at(-1)).toBe(2);
    // The user's scenario (time step "auto" included) and the canvas size come back; the fields
    // continue from the last frame recorded.
    expect(out.after.scenario).toEqual(out.before.scenario);
    expect(out.after.scenario.time.dt).toBe('auto');
    expect(out.after.size).toEqual(out.before.size);
    expect(out.after.steps).toBe(out.before.steps + out.stepsPerFrame);
    expect(out.stepped).toBeGreaterThanOrEqual(3);
    expect(out.drew).toBeGreaterThan(0);
    expect(out.recordingClass).toBe(false);
    const file = join(tmp, 'page.mp4');
    writeFileSync(file, Buffer.from(out.video, 'base64'));
    expect(ffprobe(file).stream).toMatchObject({ codec_name: 'h264', width: 256, height: 144, nb_read_frames: '2' });
    expect(decodeErrors(file)).toBe('');
    // A PNG of the composed frame, at the size asked.
    const png = await page.evaluate(async () => {
      const blob = await window.onsager!.recordSnapshot({ width: 640, height: 360 });
      const bmp = await createImageBitmap(blob);
      return { type: blob.type, w: bmp.width, h: bmp.height };
    });
    expect(png).toEqual({ type: 'image/png', w: 640, h: 360 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('cancels: edits are refused while it runs, nothing is kept, and the page works afterwards', async () => {
    const { page, errors } = await openPage(h);
    const out = await page.evaluate(async () => {
      const o = window.onsager!;
      o.pause();
      await o.set('grid.nx', 48);
      await o.set('grid.ny', 24);
      const before = o.scenario();
      let frames = 0;
      const running = o.record({ duration: 600, fps: 30, simPerFrame: 1, width: 256, height: 144 }, { onProgress: (p) => (frames = p.frame) });
      const outcome = running.then(
        () => 'finished',
        (e: Error) => `${e.name}: ${e.message}`,
      );
      while (frames < 3) await new Promise((res) => setTimeout(res, 50));
      const refused = await o.set('mixture.soret', 0.002).then(
        () => 'applied',
        (e: Error) => e.message,
      );
      const during = document.body.classList.contains('recording');
      const box = document.getElementById('record-progress')!;
      const shown = { hidden: box.hidden, text: box.textContent ?? '' };
      o.cancelRecording();
      const result = await outcome;
      const steps = (await o.stats()).steps;
      await o.step(4);
      return { refused, during, shown, hiddenAfter: box.hidden, result, before, after: o.scenario(), stepped: (await o.stats()).steps - steps, recordingClass: document.body.classList.contains('recording') };
    });
    expect(out.during).toBe(true);
    // The progress box: frames, simulated time, size in memory, ETA, and Cancel.
    expect(out.shown.hidden).toBe(false);
    expect(out.shown.text).toMatch(/● Recording.*frame \d+ \/ 600 · t = [\d.]+ s · \d+ KB in memory · ETA .*Cancel/);
    expect(out.hiddenAfter).toBe(true);
    expect(out.refused).toMatch(/A recording is running: wait until it ends, or cancel it/);
    expect(out.result).toMatch(/RecordingCancelled: the recording was cancelled; no file was kept/);
    expect(out.after).toEqual(out.before);
    expect(out.stepped).toBe(4);
    expect(out.recordingClass).toBe(false);
    expect(await page.evaluate(() => window.onsager!.messages())).toMatch(/A recording is running/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

