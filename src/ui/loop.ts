/**
 * The frame loop: copy the visible fields into the display textures and draw (only when the picture
 * can differ: src/ui/redraw-gate.ts), read the reductions (and, if asked, the fields) back at the
 * chosen cadence, and queue this frame's steps (never waiting for them; on WebGPU in the task after
 * the frame, so the compositor shows the frame without waiting for them). While the backend is busy
 * (the GPU backend: the last frame's work still in flight, or a steady-state jump running), a frame
 * is skipped rather than queued, so the page stays responsive at any speed setting. Nothing is
 * allocated per frame.
 */
import type { FieldName } from '../physics/simulation';
import type { FieldView } from '../view/field-view';
import { fieldsOf, storedFieldsOf, type PaneField } from '../view/layout';
import type { PaneOverlays } from '../view/overlays';
import type { Stage } from '../view/stage';
import type { App } from './app';
import { displayStyle } from './ranges';
import type { ColormapName } from '../view/colormaps';
import type { SpeedController } from './speed';
import { drawingScale, FrameCost } from './frame-cost';
import { traceSince } from './frame-trace';
import { RedrawGate } from './redraw-gate';

/**
 * While playing, a readback (field copy, map, statistics, plots) comes at most once per this many
 * frames' measured GPU cost: on a slow adapter it reads less often instead of taking the frames'
 * time (issue 8, symptom 10); at the frame target (60 ms) this is the settings' 4 Hz.
 */
const READBACK_EVERY_FRAMES = 4;

export interface LoopRates {
  /** Displayed frames per second. */
  fps: number;
  stepsPerSecond: number;
  /** Simulated seconds per wall-clock second. */
  simPerWall: number;
}

export class FrameLoop {
  readonly rates: LoopRates = { fps: 0, stepsPerSecond: 0, simPerWall: 0 };
  /** Counters since the page opened (for the benchmark). */
  readonly counters = { frames: 0, skipped: 0, readbacks: 0, stepsQueued: 0, uiMs: 0 };
  onFrame?: () => void;
  /** Turns the requested speed into steps per frame (unless settings.stepsPerFrame fixes them). */
  speed?: SpeedController;

  private raf = 0;
  private lastTime = -1;
  private layoutKey = '';
  private readbackAt = 0;
  private readbackBusy = false;
  /** State last read back: nothing new to read while steps and revision are unchanged. */
  private readSteps = -1;
  private readRevision = -1;
  private sample = { time: 0, frames: 0, steps: 0, simTime: 0 };
  /** Fields on screen, recomputed with the layout (not per frame). */
  private fields: readonly PaneField[] = [];
  /** The stored fields among them (copied into the display textures). */
  private stored: readonly FieldName[] = [];
  private readonly style = { colormap: 'coolwarm' as ColormapName, lo: 0, hi: 1, markNegative: false };
  private readonly bar = { colormap: 'coolwarm' as ColormapName, lo: 0, hi: 1, label: '', unit: '', showNegative: false };

  constructor(
    private readonly app: App,
    private readonly stage: Stage,
    private readonly view: FieldView,
    private readonly overlays: PaneOverlays,
  ) {
    this.cost.onRescale = () => this.applyScale();
    const invalidate = () => this.gate.invalidate();
    for (const e of ['settings', 'readback', 'scenario', 'reset'] as const) app.events.on(e, invalidate);
    for (const e of ['pointerdown', 'pointermove', 'wheel'] as const) stage.canvas.addEventListener(e, invalidate, { passive: true });
  }

  /** Whether a frame must draw: a frame that would draw the same picture again skips it. */
  private readonly gate = new RedrawGate();

  start(): void {
    if (!this.raf) this.raf = requestAnimationFrame(this.tick);
  }

  stop(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    clearTimeout(this.stepTimer);
    this.stepTimer = 0;
    // The next frame after a restart must not count the pause as playing time.
    this.lastTime = -1;
  }

  get running(): boolean {
    return this.raf !== 0;
  }

  /** The resolution scale the stage draws at now (frame-cost.ts drawingScale). */
  private appliedScale = 1;

  /** Full resolution while paused, the adaptive scale while playing (a change relays the panes). */
  private applyScale(): void {
    const scale = drawingScale(this.app.settings.playing, this.cost.resolutionScale);
    if (scale === this.appliedScale) return;
    this.appliedScale = scale;
    this.stage.setResolutionScale(scale);
    this.layoutKey = '';
  }

  /** Brings the canvas size and the pane layout up to date now (before a capture). */
  syncLayout(): void {
    if (this.stage.resize()) this.layoutKey = '';
    this.relayout();
  }

  /** Forces the layout to be recomputed on the next frame. */
  invalidateLayout(): void {
    this.layoutKey = '';
  }

  private relayout(): void {
    const s = this.app.settings;
    const g = this.app.validated.scenario.grid;
    const key = `${this.stage.width}x${this.stage.height}|${s.view}|${s.surfaceField}|${g.width / g.height}`;
    if (key === this.layoutKey) return;
    this.layoutKey = key;
    this.gate.invalidate();
    this.fields = fieldsOf(s.view, s.surfaceField);
    this.stored = storedFieldsOf(s.view, s.surfaceField);
    this.view.setAspect(g.width / g.height);
    this.view.setMode(s.view, s.surfaceField);
    const panes = this.view.layout();
    this.overlays.place(panes, this.stage.height, s.view === 'surface' ? s.surfaceField : undefined, this.stage.width);
  }

  /** Pushes the colour ranges of the visible fields to the view and the colour bars. */
  private applyRanges(fields: readonly PaneField[]): void {
    for (const f of fields) {
      displayStyle(f, this.app.settings, this.app.validated, this.app.latest?.stats, this.style, this.bar);
      this.view.setStyle(f, this.style);
      this.overlays.update(f, this.bar);
    }
  }

  /** The measured cost of a frame on the GPU and the pass budget it allows (WebGPU only). */
  readonly cost = new FrameCost();

  private readonly tick = (now: number): void => {
    this.raf = requestAnimationFrame(this.tick);
    const t0 = performance.now();
    this.frame(now);
    this.counters.uiMs += performance.now() - t0;
    traceSince('frame', t0);
  };

  /**
   * Measures, with the loop's own calls and waiting for the GPU each time: the time of `n` steps,
   * of `n` frames of display copies and drawing, and of `n` readbacks as the loop does them
   * (field copy and reductions) [ms each]. For the frame-time benchmark; pause first.
   */
  async measure(n: number): Promise<{ stepMs: number; frameMs: number; readbackMs: number }> {
    const b = this.app.backend;
    const s = this.app.settings;
    const fields = fieldsOf(s.view, s.surfaceField);
    await b.idle();
    let t = performance.now();
    await b.step(n);
    await b.idle();
    const stepMs = (performance.now() - t) / n;
    t = performance.now();
    for (let i = 0; i < n; i++) {
      this.applyRanges(fields);
      b.prepareDisplay(storedFieldsOf(s.view, s.surfaceField));
      this.view.render();
      await b.idle();
    }
    const frameMs = (performance.now() - t) / n;
    t = performance.now();
    for (let i = 0; i < n; i++) await this.app.refresh(s.fieldReadback, false);
    const readbackMs = (performance.now() - t) / n;
    return { stepMs, frameMs, readbackMs };
  }

  private frame(now: number): void {
    const app = this.app;
    const backend = app.backend;
    // Wall time since the last frame that ran (skipped frames included).
    const dt = this.lastTime < 0 ? 0 : (now - this.lastTime) / 1000;
    this.applyScale();
    if (this.stage.resize()) this.layoutKey = '';
    // At most one frame of work on the GPU: while the last one runs, queue nothing (not even a draw).
    const measured = backend.kind === 'webgpu';
    if (backend.busy() || (measured && (this.cost.outstanding || this.stepTimer !== 0))) {
      this.counters.skipped++;
      if (backend.busy()) this.onFrame?.(); // the status line says what it waits for ("preparing")
      return;
    }
    this.lastTime = now;
    const s = app.settings;
    // Display probes measure playing frames (a paused one draws at full resolution, not learned from).
    const probe = measured && s.playing && this.cost.probeDisplay;
    let n = 0;
    if (s.playing) {
      n = probe ? 0 : s.stepsPerFrame > 0 ? s.stepsPerFrame : (this.speed?.stepsThisFrame(dt) ?? 0);
      this.counters.stepsQueued += n;
      app.wallSeconds += dt;
    }
    this.speed?.observe(now);
    let t = performance.now();
    this.relayout();
    // A frame that would draw the same picture again draws nothing (a display probe always draws).
    const draw = probe || this.gate.needed(now, backend.steps, app.revision);
    if (draw) {
      this.view.setSurfaceHeight(s.surfaceHeight * 2);
      this.applyRanges(this.fields);
      backend.prepareDisplay(this.stored);
      this.view.render();
      this.gate.drawn(now, backend.steps, app.revision);
      traceSince('draw', t);
    }
    this.counters.frames++; // a frame that ran (its picture redrawn or still current)
    const later = measured && n > 0;
    const passes0 = backend.passes;
    // Steps before the readback (on the CPU backend a readback makes it busy, and busy drops steps).
    if (!later) backend.advance(n);
    t = performance.now();
    this.maybeReadback(now);
    traceSince('readback-start', t);
    if (later) {
      // The steps go to the queue after this frame's canvas is presented (a task after the frame),
      // so the compositor shows it without waiting for them (issue 8, symptom 10).
      this.stepsLater = n;
      this.stepTimer = setTimeout(this.queueSteps, 0);
    } else if (measured && draw) this.cost.submitted(Math.max(0, backend.passes - passes0), backend.idle(), s.playing);
    this.updateRates(now);
    t = performance.now();
    this.onFrame?.();
    traceSince('status', t);
  }

  /** Steps a frame decided on, queued by `queueSteps` in the task after it; its timer (0: none). */
  private stepsLater = 0;
  private stepTimer: ReturnType<typeof setTimeout> | 0 = 0;

  private readonly queueSteps = (): void => {
    this.stepTimer = 0;
    const backend = this.app.backend;
    const t = performance.now();
    const passes0 = backend.passes;
    if (this.raf !== 0 && this.app.settings.playing) backend.advance(this.stepsLater);
    traceSince('steps', t);
    // The frame's draw (submitted just before) and its steps, measured as one frame.
    this.cost.submitted(Math.max(0, backend.passes - passes0), backend.idle());
  };

  private maybeReadback(now: number): void {
    const s = this.app.settings;
    const frameMs = s.playing && Number.isFinite(this.cost.frameMs) ? this.cost.frameMs : 0;
    if (this.readbackBusy || s.readbackHz <= 0 || now - this.readbackAt < Math.max(1000 / s.readbackHz, READBACK_EVERY_FRAMES * frameMs)) return;
    const steps = this.app.backend.steps;
    if (steps === this.readSteps && this.app.revision === this.readRevision) return;
    this.readSteps = steps;
    this.readRevision = this.app.revision;
    this.readbackAt = now;
    this.readbackBusy = true;
    this.counters.readbacks++;
    // While playing, reductions come from the field copy; paused, from the solver (fresh sigma).
    this.app
      .refresh(s.fieldReadback, !(s.playing && s.fieldReadback))
      .catch(() => undefined)
      .finally(() => {
        this.readbackBusy = false;
      });
  }

  private updateRates(now: number): void {
    const b = this.app.backend;
    const elapsed = (now - this.sample.time) / 1000;
    if (elapsed < 0.5) return;
    if (this.sample.time > 0) {
      this.rates.fps = (this.counters.frames - this.sample.frames) / elapsed;
      this.rates.stepsPerSecond = Math.max(0, (b.steps - this.sample.steps) / elapsed);
      this.rates.simPerWall = Math.max(0, (b.simTime - this.sample.simTime) / elapsed);
    }
    this.sample.time = now;
    this.sample.frames = this.counters.frames;
    this.sample.steps = b.steps;
    this.sample.simTime = b.simTime;
  }
}
