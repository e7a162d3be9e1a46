/**
 * The page as the recorder sees it (src/record/recorder.ts `RecordHost`): the backend's stepping
 * and exact reductions, and the view rendered at the recording's size with colour ranges from each
 * frame's own reductions (so two recordings of the same run draw the same frames). While a
 * recording runs, the page's frame loop is stopped, edits are refused, the canvas shows the fields
 * being recorded (letterboxed), and afterwards the user's scenario (time step included), layout and loop come back.
 */
import type { FieldName, SimStats } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import { BAR_TEXT_CSS_PX, type RenderedView, type Viewport } from '../record/compose';
import type { RecordHost } from '../record/recorder';
import type { ColorBarState } from '../view/colorbar';
import type { FieldStyle, FieldView } from '../view/field-view';
import { fieldsOf, storedFieldsOf, type PaneField, type ViewMode } from '../view/layout';
import type { Stage } from '../view/stage';
import type { App } from './app';
import type { FrameLoop } from './loop';
import { expectedRanges, holdRanges, statsOfState } from './expected-range';
import { displayStyle } from './ranges';
import type { PageSettings, PlotAxis } from './settings';

/** Least time between readbacks shown in the page while recording [ms]. */
const PUBLISH_MS = 250;

const bar = (): ColorBarState => ({ colormap: 'coolwarm', lo: 0, hi: 1, label: '', unit: '', showNegative: false });

export class PageRecordHost implements RecordHost {
  private readonly style: FieldStyle = { colormap: 'coolwarm', lo: 0, hi: 1, markNegative: false };
  private readonly bars: Record<PaneField, ColorBarState> = { T: bar(), c: bar(), sigma: bar(), phi: bar() };
  private readonly rendered: RenderedView;
  private fields: readonly PaneField[] = [];
  private stored: readonly FieldName[] = [];
  private capturing = false;
  /** The page settings as the recording started: later changes wait until it ends. */
  private settings?: PageSettings;
  private publishedAt = -Infinity;
  private wasRunning = false;
  /** The view's least text size before a capture with a viewport (restored after it); -1: none. */
  private minFontPx = -1;

  constructor(
    private readonly app: App,
    private readonly loop: FrameLoop,
    private readonly stage: Stage,
    private readonly view: FieldView,
    /** Called after each recorded frame is drawn (the status line follows the recording). */
    private readonly afterFrame: () => void = () => undefined,
  ) {
    this.rendered = { canvas: stage.canvas, mode: 'all', panes: [], surfaceField: 'c', bars: this.bars };
  }

  /** The user's scenario with the scheme a replayable recording uses (App.schemeRule). */
  get validated(): Validated {
    return this.app.schemeRule?.(this.app.validated) ?? this.app.validated;
  }
  get simTime(): number {
    return this.app.backend.simTime;
  }
  get steps(): number {
    return this.app.backend.steps;
  }
  get mode(): ViewMode {
    return this.app.settings.view;
  }
  get surfaceField(): FieldName {
    return this.app.settings.surfaceField;
  }
  get plotAxis(): PlotAxis {
    return (this.settings ?? this.app.settings).entropyAxis;
  }
  /**
   * Whether each frame needs the fields (flux arrows; a part of sigma, computed from T and c), by
   * the settings the recording uses.
   */
  private get needsFields(): boolean {
    const s = this.settings ?? this.app.settings;
    const arrows = s.flux !== 'none' && s.view !== 'surface';
    const sigmaPart = s.sigmaView !== 'total' && fieldsOf(s.view, s.surfaceField).includes('sigma');
    return arrows || sigmaPart;
  }

  reset(): void {
    this.app.reset();
  }

  runScenario(v: Validated): void {
    this.app.backend.setScenario(v);
  }

  step(n: number): Promise<void> {
    return this.app.backend.step(n);
  }

  async readState(exact: boolean): Promise<SimStats> {
    const running = this.app.backend.running;
    // Not exact: reduced on the CPU from a copy of the fields (several steps' worth cheaper on a
    // CPU WebGPU than the solver's entropy and reduction passes).
    const r = await this.app.backend.readback(!exact || this.needsFields, exact);
    // The page's plots and probe follow a few times per second; the flux arrows every frame.
    const now = performance.now();
    if (this.needsFields || now - this.publishedAt > PUBLISH_MS) {
      this.publishedAt = now;
      this.app.publish(r, running);
    }
    return r.stats;
  }

  beginCapture(viewport: Viewport | undefined): void {
    if (this.capturing) throw new Error('a recording is already running');
    this.capturing = true;
    this.wasRunning = this.loop.running;
    this.loop.stop();
    this.app.lockedBy = 'A recording is running';
    this.settings = structuredClone(this.app.settings);
    this.holdRanges(this.settings);
    document.body.classList.add('recording');
    if (!viewport) return;
    const s = this.settings;
    const g = this.app.validated.scenario.grid;
    this.stage.fixSize(viewport.cssWidth, viewport.cssHeight, viewport.pixelRatio);
    this.view.setAspect(g.width / g.height);
    this.view.setMode(s.view, s.surfaceField);
    // Bands that hold the composed frame's titles and bars (compose.ts draws them larger than the page).
    this.minFontPx = this.view.minFontPx;
    this.view.minFontPx = Math.max(this.minFontPx, BAR_TEXT_CSS_PX);
    this.view.layout();
    this.fields = fieldsOf(s.view, s.surfaceField);
    this.stored = storedFieldsOf(s.view, s.surfaceField);
    this.rendered.mode = s.view;
    this.rendered.surfaceField = s.surfaceField;
    this.rendered.panes = this.view.panes;
  }

  /**
   * Colour ranges that hold for the whole video (T, c and sigma, or the part of sigma shown): they
   * start from the range the run is expected to need (now and at its steady state) and only widen
   * when a frame exceeds it; a range the user fixed stays fixed, a log sigma range stays log.
   */
  private holdRanges(s: PageSettings): void {
    holdRanges(s, expectedRanges(this.app.validated, statsOfState(this.app.latest, this.app.revision), s.sigmaView));
  }

  render(stats: SimStats): RenderedView {
    const s = this.settings ?? this.app.settings;
    for (const f of this.fields) {
      displayStyle(f, s, this.app.validated, stats, this.style, this.bars[f], 'record');
      this.view.setStyle(f, this.style);
    }
    this.view.setSurfaceHeight(s.surfaceHeight * 2);
    this.app.backend.prepareDisplay(this.stored);
    this.view.render();
    this.afterFrame();
    return this.rendered;
  }

  endCapture(): void {
    if (!this.capturing) return;
    this.capturing = false;
    // The page's own run back on the solver (the speed planner's step); same grid, fields kept.
    this.app.lockedBy = undefined;
    this.app.replanRun();
    this.settings = undefined;
    this.publishedAt = -Infinity;
    this.stage.release();
    if (this.minFontPx >= 0) this.view.minFontPx = this.minFontPx;
    this.minFontPx = -1;
    document.body.classList.remove('recording');
    this.loop.invalidateLayout();
    this.loop.syncLayout();
    if (this.wasRunning) this.loop.start();
    void this.app.refresh(this.app.settings.fieldReadback).catch(() => undefined);
  }
}
