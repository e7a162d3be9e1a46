/**
 * The recording loop, shared by the page's Record panel and `npm run record` (which drives the
 * same page). Per frame: step a whole number of solver steps (awaited), read the exact reductions
 * (awaited: they set the colour ranges, feed the plot and catch non-finite values), then, in one
 * task with no await in between, render the fields, compose the frame and hand it to the encoder,
 * which captures it at once. Frame k shows simulated time t0 + k * simPerFrame and is stamped
 * k / fps in the file.
 *
 * The page is reached through `RecordHost` (implemented in src/ui), so this module knows nothing
 * of the DOM layout, lil-gui or the frame loop.
 */
import type { SimStats } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import type { FieldName } from '../physics/simulation';
import type { ViewMode } from '../view/layout';
import { frameCaption, perFrameText, timeDecimals } from './caption';
import { FrameComposer, type FrameRegions, type RenderedView, type Viewport } from './compose';
import type { VideoDestination, VideoWriter } from './encoder';
import { checkRecordRequest, FORMAT_CODEC, type RecordRequest, type VideoFormat } from './options';
import { frameTime, planRecording, recordingScenario, type RecordingPlan } from './plan';
import { TimeSeriesPlot, type PlotAxis } from './plot';
import { SteadyDetector } from './steady';

/** What the recorder needs from the page. */
export interface RecordHost {
  /** The user's scenario (captions, and the base of the recording's time step). */
  readonly validated: Validated;
  /** Simulated time [s] and steps of the current state. */
  readonly simTime: number;
  readonly steps: number;
  /** The view mode and 3D field the recording will show (the page's current ones). */
  readonly mode: ViewMode;
  readonly surfaceField: FieldName;
  /** The y axis of the S(t) plot (the page's settings.entropyAxis); the page's default when absent. */
  readonly plotAxis?: PlotAxis;
  /** Back to the scenario's initial state at t = 0. */
  reset(): void;
  /** Runs `v` on the solver (same grid: fields kept); the user's scenario is not changed. */
  runScenario(v: Validated): void;
  /** Advances n steps; resolves when they are done. */
  step(n: number): Promise<void>;
  /**
   * Reductions of the current state: `exact`, the solver's own (sigma recomputed for this state);
   * else possibly summed from a copy of the fields, sigma being the one the last step wrote (the
   * state one step earlier), as the view shows it. Both are the same for the same run.
   */
  readState(exact: boolean): Promise<SimStats>;
  /**
   * Stops the page's own frame loop (and refuses edits); with a viewport, renders at its size from
   * now on. Synchronous.
   */
  beginCapture(viewport: Viewport | undefined): void;
  /** Renders the fields with colour ranges from `stats`, synchronously. */
  render(stats: SimStats): RenderedView;
  /** The user's scenario on the solver, the user's layout, and the page's frame loop, back. */
  endCapture(): void;
}

export interface RecordProgress {
  /** Frames done. */
  frame: number;
  /** Frames planned (the cap when recording until steady). */
  frames: number;
  untilSteady: boolean;
  /** Simulated time of the last frame [s]. */
  simTime: number;
  /** Wall time so far and estimated to go [s]. */
  wallSeconds: number;
  etaSeconds: number;
  /** Bytes of the file so far. */
  bytes: number;
}

export interface RecordIo {
  /** Where the video goes; omit for a snapshot-only run (no video). */
  destination?: VideoDestination;
  /** Also compose a PNG at the end: at t0 + frames * simPerFrame (the duration), or the steady frame. */
  snapshot?: boolean;
  onProgress?: (p: RecordProgress) => void;
  /** Called with the plan just before the first frame. */
  onPlan?: (plan: RecordingPlan) => void;
  /** Polled once per frame; true stops the recording (RecordingCancelled). */
  cancelled?: () => boolean;
}

export interface RecordResult {
  format: VideoFormat;
  /** e.g. avc1.640028, vp09.00.31.08 (empty for a snapshot-only run). */
  codec: string;
  mimeType: string;
  width: number;
  height: number;
  fps: number;
  frames: number;
  /** Video length [s] = frames / fps. */
  videoSeconds: number;
  t0: number;
  simPerFrame: number;
  stepsPerFrame: number;
  /** Time step while recording [s]. */
  dt: number;
  /** Simulated time shown by each frame [s]. */
  frameTimes: number[];
  /** Solver steps at each frame (a check that frames are whole numbers of steps apart). */
  frameSteps: number[];
  /** Recording until steady: whether it got there (else it stopped at the cap), and when. */
  steady?: { reached: boolean; time: number };
  bytes: number;
  wallSeconds: number;
  /** Where the wall time went [s]: stepping, reading reductions, render + compose, encoder (waits included). */
  timings: { step: number; read: number; draw: number; encode: number };
  regions: FrameRegions;
  /** Reductions of the last state recorded. */
  stats: SimStats;
  /** The video, when it was held in memory. */
  data?: ArrayBuffer;
  /** The PNG of the composed end frame, when asked. */
  snapshot?: Blob;
  /** Simulated time of the snapshot [s]. */
  snapshotTime?: number;
}

export class RecordingCancelled extends Error {
  constructor() {
    super('the recording was cancelled; no file was kept');
    this.name = 'RecordingCancelled';
  }
}

/** The run produced non-finite values: nothing is kept. */
export class RecordingFailed extends Error {
  constructor(
    message: string,
    readonly stats: SimStats,
  ) {
    super(message);
    this.name = 'RecordingFailed';
  }
}

function composerFor(host: RecordHost, v: Validated, req: RecordRequest, plan: RecordingPlan, decimals = timeDecimals(plan.simPerFrame)): { composer: FrameComposer; plot?: TimeSeriesPlot } {
  const plot = req.plot && req.plot !== 'none' ? new TimeSeriesPlot(req.plot, undefined, host.plotAxis) : undefined;
  const composer = new FrameComposer(req.width, req.height, {
    caption: frameCaption(v),
    mode: host.mode,
    perFrame: perFrameText(plan.simPerFrame, plan.fps),
    decimals,
    plot,
  });
  return { composer, plot };
}

function failureText(stats: SimStats, t: number): string {
  const at = stats.firstNonFiniteStep ?? stats.steps;
  return `the run produced non-finite values (first at step ${at}, by t = ${t.toPrecision(6)} s): the time step is too large or the scenario diverges; no video was kept`;
}

/** A float64 list that doubles when full (no allocation on most frames, no bound on the length). */
class GrowingArray {
  private data: Float64Array;
  private n = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(16, capacity));
  }
  push(x: number): void {
    if (this.n === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.n++] = x;
  }
  toArray(): number[] {
    return Array.from(this.data.subarray(0, this.n));
  }
}

const finite = (s: SimStats) => s.nonFinite === 0 && s.firstNonFiniteStep === null;

/**
 * Records a video (and/or a PNG of the end frame). The user's scenario and layout are restored
 * afterwards, whatever happens; the fields continue from the last recorded state.
 */
export async function record(host: RecordHost, request: RecordRequest, io: RecordIo = {}): Promise<RecordResult> {
  const req = checkRecordRequest(request);
  const start = performance.now();
  const user = host.validated;
  const plan = planRecording(user, req);
  const { composer, plot } = composerFor(host, user, req, plan);
  const steady = plan.frames === undefined ? new SteadyDetector(plan.fps) : undefined;
  const frameTimes = new GrowingArray(Math.min(plan.maxFrames, 1 << 16));
  const frameSteps = new GrowingArray(Math.min(plan.maxFrames, 1 << 16));
  let writer: VideoWriter | undefined;
  let frames = 0;
  let lastProgress = -Infinity;
  let steadyAt: number | undefined;
  const timings = { step: 0, read: 0, draw: 0, encode: 0 };
  // Synchronous up to the first await: the page's loop cannot step in between.
  if (req.restart) host.reset();
  host.beginCapture(composer.viewport);
  try {
    host.runScenario(recordingScenario(user, plan));
    // The state the first frame shows (after any step the page had queued), with sigma computed
    // for it; later frames read the cheaper way (see RecordHost.readState).
    let stats = await host.readState(true);
    const t0 = stats.simTime;
    plot?.setAxis(t0, plan.frames === undefined ? undefined : frameTime(t0, plan, plan.frames - 1));
    composer.setTimeExtent(frameTime(t0, plan, plan.maxFrames));
    io.onPlan?.(plan);
    if (io.destination) {
      // The encoder (mediabunny) loads on first use: the page starts without it.
      const { VideoWriter } = await import('./encoder');
      writer = await VideoWriter.open(composer.canvas, { format: req.format, width: req.width, height: req.height, fps: plan.fps, maxFrames: plan.maxFrames }, io.destination);
    }
    for (let k = 0; k < plan.maxFrames; k++) {
      if (k > 0) {
        let c = performance.now();
        await host.step(plan.stepsPerFrame);
        timings.step += performance.now() - c;
        c = performance.now();
        stats = await host.readState(false);
        timings.read += performance.now() - c;
      }
      const t = frameTime(t0, plan, k);
      if (!finite(stats)) throw new RecordingFailed(failureText(stats, t), stats);
      plot?.push(t, stats);
      let pending: Promise<void> | undefined;
      const c = performance.now();
      if (writer) {
        // One task: render, compose, capture (a WebGPU canvas is readable only now).
        composer.draw(host.render(stats), t);
        pending = writer.add(k);
      }
      const c2 = performance.now();
      timings.draw += c2 - c;
      frameTimes.push(t);
      frameSteps.push(host.steps);
      frames = k + 1;
      if (pending) await pending;
      const now = performance.now();
      timings.encode += now - c2;
      if (io.onProgress && (now - lastProgress > 200 || frames === plan.maxFrames)) {
        lastProgress = now;
        const wall = (now - start) / 1000;
        io.onProgress({
          frame: frames,
          frames: plan.maxFrames,
          untilSteady: plan.frames === undefined,
          simTime: t,
          wallSeconds: wall,
          etaSeconds: (wall / frames) * (plan.maxFrames - frames),
          bytes: writer?.bytes ?? 0,
        });
      }
      if (io.cancelled?.()) throw new RecordingCancelled();
      if (steady?.update(k, stats)) {
        steadyAt = t;
        break;
      }
    }
    let snapshot: Blob | undefined;
    let snapshotTime: number | undefined;
    if (io.snapshot) {
      snapshotTime = frameTime(t0, plan, frames - 1);
      if (steadyAt === undefined) {
        await host.step(plan.stepsPerFrame);
        stats = await host.readState(true);
        snapshotTime = frameTime(t0, plan, frames);
        if (!finite(stats)) throw new RecordingFailed(failureText(stats, snapshotTime), stats);
        plot?.push(snapshotTime, stats);
      }
      composer.draw(host.render(stats), snapshotTime);
      snapshot = await composer.png();
    }
    const c = performance.now();
    const data = writer ? await writer.finish() : undefined;
    timings.encode += performance.now() - c;
    return {
      format: req.format,
      codec: writer?.codecString ?? '',
      mimeType: FORMAT_CODEC[req.format].mime,
      width: req.width,
      height: req.height,
      fps: plan.fps,
      frames: writer ? frames : 0,
      videoSeconds: writer ? frames / plan.fps : 0,
      t0,
      simPerFrame: plan.simPerFrame,
      stepsPerFrame: plan.stepsPerFrame,
      dt: plan.dt,
      frameTimes: frameTimes.toArray(),
      frameSteps: frameSteps.toArray(),
      ...(plan.frames === undefined ? { steady: { reached: steadyAt !== undefined, time: steadyAt ?? frameTime(t0, plan, frames - 1) } } : {}),
      bytes: writer?.bytes ?? 0,
      wallSeconds: (performance.now() - start) / 1000,
      timings: { step: timings.step / 1000, read: timings.read / 1000, draw: timings.draw / 1000, encode: timings.encode / 1000 },
      regions: composer.regions,
      stats,
      ...(data ? { data } : {}),
      ...(snapshot ? { snapshot, snapshotTime } : {}),
    };
  } catch (e) {
    await writer?.cancel().catch(() => undefined);
    throw e;
  } finally {
    host.endCapture();
  }
}

/**
 * The same stepping as `record` (same time step, same steps per frame, each frame awaited) without
 * reading, drawing or encoding: the baseline of the recording benchmark. Returns wall seconds.
 */
export async function simulateOnly(host: RecordHost, request: RecordRequest): Promise<number> {
  const req = checkRecordRequest(request);
  const user = host.validated;
  const plan = planRecording(user, req);
  if (req.restart) host.reset();
  host.beginCapture(undefined);
  try {
    host.runScenario(recordingScenario(user, plan));
    await host.readState(false);
    const start = performance.now();
    for (let k = 1; k < plan.maxFrames; k++) await host.step(plan.stepsPerFrame);
    await host.readState(false);
    return (performance.now() - start) / 1000;
  } finally {
    host.endCapture();
  }
}

/** A PNG of the composed frame of the current state (no stepping), at the request's size. */
export async function snapshotFrame(host: RecordHost, request: RecordRequest): Promise<{ png: Blob; regions: FrameRegions; simTime: number }> {
  const req = checkRecordRequest(request);
  const plan = planRecording(host.validated, req);
  // Any moment, not a frame boundary: the time to the step.
  const { composer, plot } = composerFor(host, host.validated, req, plan, timeDecimals(host.validated.derived.dt));
  host.beginCapture(composer.viewport);
  try {
    const stats = await host.readState(true);
    plot?.setAxis(stats.simTime, undefined);
    composer.setTimeExtent(stats.simTime);
    plot?.push(stats.simTime, stats);
    composer.draw(host.render(stats), stats.simTime);
    return { png: await composer.png(), regions: composer.regions, simTime: stats.simTime };
  } finally {
    host.endCapture();
  }
}
