/**
 * The real cost of a frame on the GPU (issue 8, symptom 10): each frame's work (steps, display
 * copies, three's draw, readback copies) is followed by `queue.onSubmittedWorkDone()`, and the
 * wall time from the end of the frame's submits to that promise is its cost. From it: the display's
 * own cost (frames without steps) and the cost per stencil pass, hence how many passes the next
 * frame may queue so that the whole frame stays near FRAME_TARGET_MS. While a frame's work is
 * outstanding the loop queues nothing more (at most one frame of work in flight), so the page
 * answers within about one frame's cost on any adapter, however slow.
 */
import { traceSince } from './frame-trace';

/** Wall time a frame's GPU work aims at (display included) [ms]. */
export const FRAME_TARGET_MS = 60;
/** Where the display alone exceeds the target, steps still get this share of its cost. */
const MIN_STEP_SHARE = 0.25;
/** Weight of the newest sample in the running averages. */
const EMA_WEIGHT = 0.3;
/** Every this many measured frames, one frame queues no steps: it measures the display alone. */
const DISPLAY_PROBE_EVERY = 60;
/** The pass budget grows at most by this factor per measured frame. */
const MAX_GROWTH = 2;
/** Drawing may take this share of the frame target before the resolution goes down [-]. */
const DISPLAY_SHARE = 0.5;
/** Lowest resolution scale (drawing-buffer pixels per device pixel, per axis). */
export const MIN_RESOLUTION_SCALE = 0.25;
/** The resolution changes at most this often [ms] (each change reallocates the canvas). */
const RESCALE_INTERVAL_MS = 1000;

/**
 * The resolution scale to draw at: the adaptive one while playing (it only exists to keep playing
 * frames cheap), full resolution while paused (nothing changes, a paused page draws at most every
 * REDRAW_AT_LEAST_MS: arrows, contours and text-like detail are crisp on a projector and in
 * screenshots).
 */
export function drawingScale(playing: boolean, adaptive: number): number {
  return playing ? adaptive : 1;
}

const ema = (old: number, x: number): number => (Number.isFinite(old) ? old + EMA_WEIGHT * (x - old) : x);

export class FrameCost {
  /** A frame's work is on the GPU and not done yet: queue nothing. */
  outstanding = false;
  /** GPU time of a frame without steps (display, draw, readback copies) [ms]; NaN until measured. */
  displayMs = NaN;
  /** GPU time per stencil pass [ms]; NaN until measured. */
  perPassMs = NaN;
  /** Average GPU time of a whole frame [ms]. */
  frameMs = NaN;
  /** Stencil passes the next frame may queue; NaN until a frame with steps was measured. */
  passBudget = NaN;
  /** Frames measured so far. */
  measured = 0;
  /**
   * Resolution scale for drawing (per axis, <= 1): lowered while the display alone exceeds
   * DISPLAY_SHARE of the frame target, raised again when it is well below. `onRescale` applies it.
   */
  resolutionScale = 1;
  onRescale?: (scale: number) => void;
  private rescaledAt = -Infinity;
  private t0 = 0;
  private passes = 0;
  /** Whether the outstanding frame's cost is learned from (not a paused frame at full resolution). */
  private learning = true;
  private readonly onDone = (): void => this.done();

  /** Whether the next frame should queue no steps, to measure the display's own cost. */
  get probeDisplay(): boolean {
    return this.measured > 0 && (!Number.isFinite(this.displayMs) || this.measured % DISPLAY_PROBE_EVERY === 0);
  }

  /**
   * The frame's work is submitted (`passes` of them steps); `done` resolves when the GPU finished
   * it. `learn`: false for a frame not drawn at the adaptive scale (paused: full resolution), whose
   * cost is waited for but says nothing about playing frames.
   */
  submitted(passes: number, done: Promise<void>, learn = true): void {
    this.outstanding = true;
    this.t0 = performance.now();
    this.passes = passes;
    this.learning = learn;
    done.then(this.onDone, this.onDone);
  }

  private done(): void {
    this.outstanding = false;
    traceSince(this.passes > 0 ? 'gpu-frame' : 'gpu-display', this.t0);
    if (this.learning) this.learn(performance.now() - this.t0, this.passes);
  }

  /** Updates the estimates from one frame that took `ms` with `passes` stencil passes. */
  learn(ms: number, passes: number): void {
    this.measured++;
    this.frameMs = ema(this.frameMs, ms);
    if (passes === 0) {
      this.displayMs = ema(this.displayMs, ms);
      this.rescale();
    } else {
      const display = Number.isFinite(this.displayMs) ? this.displayMs : 0;
      this.perPassMs = ema(this.perPassMs, Math.max(ms - display, 0.1 * ms) / passes);
    }
    if (!Number.isFinite(this.perPassMs)) return;
    const display = Number.isFinite(this.displayMs) ? this.displayMs : 0;
    const forSteps = Math.max(FRAME_TARGET_MS - display, MIN_STEP_SHARE * display);
    const fit = Math.max(1, Math.floor(forSteps / this.perPassMs));
    const before = Number.isFinite(this.passBudget) ? this.passBudget : passes;
    this.passBudget = Math.min(fit, Math.max(1, Math.ceil(before * MAX_GROWTH)));
  }

  /** Scales the drawing resolution so that the display costs about DISPLAY_SHARE of the target. */
  private rescale(): void {
    const now = performance.now();
    if (now - this.rescaledAt < RESCALE_INTERVAL_MS) return;
    const aim = DISPLAY_SHARE * FRAME_TARGET_MS;
    // Drawing cost goes with the pixel count, the square of the scale.
    let next = this.resolutionScale;
    if (this.displayMs > aim) next = Math.max(MIN_RESOLUTION_SCALE, this.resolutionScale * Math.sqrt(aim / this.displayMs));
    else if (this.displayMs < 0.4 * aim && this.resolutionScale < 1) next = Math.min(1, this.resolutionScale * 1.25);
    if (Math.abs(next / this.resolutionScale - 1) < 0.05) return;
    this.resolutionScale = next;
    this.rescaledAt = now;
    this.displayMs = NaN; // a new regime: measure the display again
    this.onRescale?.(next);
  }

  /** Stencil passes per wall second this adapter sustains with the display running [1/s]; NaN until measured. */
  get passRate(): number {
    if (!Number.isFinite(this.perPassMs) || !Number.isFinite(this.passBudget)) return NaN;
    const display = Number.isFinite(this.displayMs) ? this.displayMs : 0;
    return this.passBudget / ((display + this.passBudget * this.perPassMs) / 1000);
  }
}
