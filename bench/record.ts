/**
 * Recording benchmark: what composing and encoding add to a run. In one page (headless Chromium,
 * SwiftShader WebGPU without a GPU), the same scenario and the same stepping (same dt, same steps
 * per frame, each frame awaited) run without recording, then recorded (exact reductions per
 * frame, render, compose, H.264 encode, bytes streamed to a file in Node, as `npm run record`
 * does), then without recording again. Prints recording wall time / simulation-only wall time.
 *
 *   npm run bench:record [-- --frames 60 --size 1920x1080 --grid 128x64 --steps-per-frame N]
 *
 * By default each frame is the page's default for the Soret cell: its 600 s in a 10-second video,
 * 2 simulated seconds per frame (119 steps at 128 x 64).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presetFile } from '../src/physics/presets';
import { parseScenario } from '../src/physics/validate';
import { startSession } from '../src/cli/recorder/driver';
import { PartialFile } from '../src/cli/recorder/files';
import { parseSize, type RecordRequest } from '../src/record/options';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const FRAMES = Number(arg('frames', '60'));
const SIZE = parseSize(arg('size', '1920x1080'))!;
const [NX, NY] = arg('grid', '128x64').split('x').map(Number);
const FPS = 30;

const raw = presetFile('soret-cell') as Record<string, unknown>;
raw.grid = { ...(raw.grid as object), nx: NX, ny: NY };
const validated = parseScenario(raw);
const scenario = validated.scenario;
const dt = validated.derived.dt;
const given = process.argv.includes('--steps-per-frame');
const simPerFrame = given ? Number(arg('steps-per-frame', '1')) * dt : (scenario.time.duration ?? 10) / (10 * FPS);
const STEPS_PER_FRAME = Math.ceil(simPerFrame / dt - 1e-9);
const request: RecordRequest = {
  duration: FRAMES * simPerFrame,
  fps: FPS,
  simPerFrame,
  width: SIZE.width,
  height: SIZE.height,
  format: 'mp4',
  plot: 'entropy',
};

const dir = mkdtempSync(join(tmpdir(), 'onsager-bench-record-'));
const log = (l: string) => process.stderr.write(l + '\n');
const { session, run } = await startSession(log);
try {
  const page = session.page;
  const baseline = () =>
    page.evaluate(
      async (s, r) => {
        const o = window.onsager!;
        o.pause();
        await o.load(s);
        return o.recordBaseline(r);
      },
      scenario as unknown as Record<string, unknown>,
      request as unknown as Record<string, unknown>,
    );
  const recordOnce = async (r: RecordRequest) => {
    const video = new PartialFile(join(dir, 'bench.mp4'));
    const out = await run({ scenario, view: 'all', request: r, video, snapshot: false, onProgress: () => undefined, log });
    video.discard();
    if (!out.ok) throw new Error(out.message);
    return out.facts;
  };
  // Warm-up: shader compilation, the encoder's first configuration, page caches.
  await recordOnce({ ...request, duration: 5 * (request.simPerFrame ?? 1) });
  await baseline();
  const simA = await baseline();
  const rec = await recordOnce(request);
  const simB = await baseline();
  const sim = (simA + simB) / 2;
  const ratio = rec.wallSeconds / sim;
  console.log(
    `soret-cell ${NX}x${NY} cells, ${FRAMES} frames of ${STEPS_PER_FRAME} steps, ${SIZE.width}x${SIZE.height} ${rec.codec} at ${FPS} fps, ` +
      `T | c | sigma + S(t) plot, ${session.backend === 'webgpu' ? 'WebGPU' : 'CPU'} in headless Chromium`,
  );
  console.log(`simulation only: ${simA.toFixed(2)} s and ${simB.toFixed(2)} s (before and after); recording: ${rec.wallSeconds.toFixed(2)} s, ${(rec.bytes / 1024).toFixed(0)} KB`);
  console.log(`per frame: simulation ${((1000 * sim) / FRAMES).toFixed(1)} ms, recording ${((1000 * rec.wallSeconds) / FRAMES).toFixed(1)} ms (+${((1000 * (rec.wallSeconds - sim)) / FRAMES).toFixed(1)} ms to read, draw, compose, encode, write)`);
  const t = rec.timings;
  const ms = (x: number) => `${((1000 * x) / FRAMES).toFixed(1)}`;
  console.log(`recording per frame [ms]: stepping ${ms(t.step)}, exact reductions ${ms(t.read)}, render + compose ${ms(t.draw)}, encoder and file ${ms(t.encode)}`);
  console.log(`recording wall time / simulation-only wall time: ${ratio.toFixed(2)}`);
  console.log(JSON.stringify({ frames: FRAMES, size: SIZE, grid: [NX, NY], stepsPerFrame: STEPS_PER_FRAME, simSeconds: [simA, simB], recordSeconds: rec.wallSeconds, timings: rec.timings, bytes: rec.bytes, ratio }));
} finally {
  await session.close();
  rmSync(dir, { recursive: true, force: true });
}
