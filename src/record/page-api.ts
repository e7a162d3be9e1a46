/**
 * The page automation API `window.onsager` (contract: scenario.md, "Page automation API") as a
 * type, in the one module both sides import: the page implements it (src/ui/api.ts) and the
 * recorder's command line drives it through puppeteer (src/cli/recorder/driver.ts). Types only.
 */
import type { Scenario, SchemeName } from '../physics/scenario';
import type { IvCurve, IvSweepRequest } from '../physics/iv-sweep';
import type { FieldData, FieldName, ReadableField, SolveReport } from '../physics/simulation';
import type { RunSummary } from '../physics/summary';
import type { OnsagerMeasurement } from '../physics/measure-onsager';
import type { SigmaPart } from '../physics/sigma-part-fields';
import type { ColormapName } from '../view/colormaps';
import type { FluxOverlay } from '../view/flux-arrows';
import type { PaneField, ViewMode } from '../view/layout';
import type { ByteSink } from './encoder';
import type { PlotChoice, VideoFormat } from './options';
import type { PlotAxis } from './plot';
import type { RecordProgress, RecordResult } from './recorder';

export type BrushKind = 'none' | 'heat' | 'cold' | 'solute' | 'solvent' | 'wall';

/**
 * How a colour range is chosen: 'auto' each readback (diverging maps centred on the reference,
 * sigma from 0 to its max), 'minmax' each readback from the field's min to its max, 'expand' the
 * automatic range but never shrinking (until a reset or load), 'log' log10 of the value over the
 * 3 decades below the max (sigma), 'fixed' min..max as set (e.g. to the range a run will reach).
 */
export type { PlotAxis };

export type RangeMode = 'auto' | 'minmax' | 'expand' | 'log' | 'fixed';

export interface RangeSetting {
  mode: RangeMode;
  /** Fixed range in absolute units (K, -, W/(K m^3)). */
  min: number;
  max: number;
  /**
   * 'expand': start from min..max (the range expected, e.g. for a recording) instead of the first
   * frame. 'log' (sigma): hold the range for the run, its top only rising, from log10(max) (or the
   * first frame's max when max <= 0); a recording's sigma range.
   */
  from?: boolean;
}

/** Which part of the entropy production the sigma pane shows (physics/entropy-parts.ts). */
/** The sigma pane shows sigma or one of its parts (chemical: R r ln(rf/rb), where the scenario has a reaction). */
export type SigmaView = 'total' | SigmaPart;
export type { SigmaPart };
/** The plots under the fields. */
export type PlotId = 'entropy' | 'separation' | 'totals' | 'profile';

export interface PageSettings {
  playing: boolean;
  /** Requested simulated seconds per wall-clock second (0: the scenario's default). */
  speed: number;
  /**
   * 'auto': the scheme and step follow the speed (src/ui/speed.ts); else that scheme, its step
   * following the speed. A scenario whose time.dt is a number runs as written either way.
   */
  schemeMode: 'auto' | SchemeName;
  /** Time steps queued per displayed frame; 0: as many as the speed asks (benchmarks fix it). */
  stepsPerFrame: number;
  /** Reductions and field snapshots per second (0: only on demand). */
  readbackHz: number;
  /** Also copy the three fields (sigma map, probe, profile, arrows) at each readback. */
  fieldReadback: boolean;
  view: ViewMode;
  surfaceField: FieldName;
  /** Height of the 3D surface relative to the domain's shorter side. */
  surfaceHeight: number;
  /** Per pane field (phi: the electric potential, ions). */
  colormap: Record<PaneField, ColormapName>;
  range: Record<PaneField, RangeSetting>;
  flux: FluxOverlay;
  /**
   * Contour lines over the panes (src/ui/contours.ts): equipotentials of phi, isotherms of T,
   * lines of c or sigma; drawn over that field's pane, else over the first pane. 'none': off.
   */
  contours: 'none' | PaneField;
  /** About how many contour levels (nice values, evenly spaced over the field's range). */
  contourLevels: number;
  brush: BrushKind;
  /** Brush radius in cells. */
  brushRadius: number;
  /** Temperature raise/drop of the heat/cold brushes [K]. */
  brushKelvin: number;
  /** Mass fraction the solute brush raises cells to (solvent: lowers to 1 - this) [-]. */
  brushFraction: number;
  /** Profile line: along x at row fraction, or along y at column fraction. */
  profileAxis: 'x' | 'y';
  profileAt: number;
  profileField: FieldName;
  /** The part of sigma the sigma pane (and its 3D surface) shows. */
  sigmaView: SigmaView;
  /** Plots shown, in order. */
  plots: PlotId[];
  /** The y axis of the S(t) plot. */
  entropyAxis: PlotAxis;
}

/** GPU objects alive on the page's devices (src/ui/gpu-objects.ts). */
export interface GpuObjectCounts {
  /** Buffers created and not yet destroyed. */
  buffers: number;
  /** Textures created and not yet destroyed. */
  textures: number;
  /** Bytes of those buffers. */
  bufferBytes: number;
}

/** `onsager.debug`: counters for tests and benchmarks (src/ui/robustness.ts). */
export interface DebugApi {
  /** GPU buffers and textures alive now. */
  gpuObjects(): GpuObjectCounts;
  /** Failures restored so far, and the last one's message. */
  failures(): { count: number; last: string };
  /** Device losses recovered from so far. */
  recoveries(): number;
  /** The measured frame cost (src/ui/frame-cost.ts) [ms] and the pass budget it allows. */
  frameCost(): { displayMs: number; perPassMs: number; frameMs: number; passBudget: number; measured: number; resolutionScale: number; stepPassCap: number };
  /**
   * The accuracy control of rkl2 / implicit steps (src/ui/step-accuracy.ts): the largest step it
   * allows [s] (Infinity when inactive), the limit that sets it, error estimates taken and the
   * largest (relative, per step), and what set the running step (the status line's words).
   */
  stepAccuracy(): { active: boolean; dtCap: number; limitedBy: string; estimates: number; maxError: number; setBy: string };
  /**
   * The contour lines (src/ui/potential.ts): how many times the equipotentials of phi were
   * computed since the page opened (once per phi, not per readback), and the segments drawn now.
   */
  contours(): { phiComputations: number; segments: number };
}

/** A request as the page takes it: every field optional (defaults below), format may be 'auto'. */
export interface PageRecordRequest {
  /** Simulated seconds, or 'steady'. Default: the scenario's time.duration, else 10 s. */
  duration?: number | 'steady';
  /** Default 30. */
  fps?: number;
  /** Simulated seconds per frame. Default: the duration in a 10-second video. */
  simPerFrame?: number;
  /** Default 1920 x 1080. */
  width?: number;
  height?: number;
  /** Default 'auto': MP4 (H.264) where the browser can encode it, else WebM (VP9). */
  format?: VideoFormat | 'auto';
  plot?: PlotChoice;
  restart?: boolean;
  maxDuration?: number;
}

/** What `onsager.record` returns: the recording's facts, and how the format was chosen. */
export interface PageRecordResult extends RecordResult {
  /** e.g. "MP4 (H.264): plays everywhere". */
  note: string;
}

export interface PageRecordIo {
  /** Where the bytes go (written at positions as the recording runs); default: memory (`data`). */
  sink?: ByteSink;
  /** false: encode no video (only the snapshot, the plot and the run). Default true. */
  video?: boolean;
  /** Also return a PNG of the composed end frame (at t0 + duration). */
  snapshot?: boolean;
  onProgress?: (p: RecordProgress) => void;
}

export interface OnsagerApi {
  /** Loads a scenario object, scenario JSON text or a preset id, and restarts. Rejects with the validation message. */
  load(scenarioOrPresetId: unknown): Promise<Scenario>;
  /** The resolved scenario (defaults filled in). */
  scenario(): Scenario;
  /** Sets one field by dotted path, e.g. set('mixture.soret', 0.01); fields are kept unless the grid changes. */
  set(path: string, value: unknown): Promise<Scenario>;
  play(): void;
  pause(): void;
  /** Advances n time steps and resolves when they are done (and read back). */
  step(n: number): Promise<void>;
  /** The command-line summary keys of the current state. */
  stats(): Promise<RunSummary>;
  /**
   * A field as absolute values (T [K], c [-], sigma [W K^-1 m^-3], phi [V]: the electric potential,
   * zeros without ions; 'affinity' A [J/mol] where the
   * scenario has a reaction), row 0 at the bottom.
   */
  field(name: ReadableField): Promise<FieldData>;
  readonly backend: 'webgpu' | 'cpu';
  // Extensions beyond v1:
  /** Built-in preset ids. */
  readonly presets: readonly string[];
  /** Page settings (view, speed, readback...); with a patch, changes them first. */
  settings(patch?: Partial<PageSettings>): PageSettings;
  /** The current share link (the scenario in the hash). */
  link(): Promise<string>;
  /** A PNG of the view with captions and colour bars. */
  snapshot(): Promise<Blob>;
  /** Text of the message area (validation errors shown in the page). */
  messages(): string;
  /** Frame-loop counters and rates (for the benchmark). */
  perf(): { frames: number; skipped: number; readbacks: number; stepsQueued: number; uiMs: number; fps: number; stepsPerSecond: number; simPerWall: number; steps: number; simTime: number };
  /**
   * Runs the two experiments of physics.md 10 on the current mixture (measure-onsager.ts) and shows
   * the result in the Onsager panel: measured L1q, Lq1, L11, Lqq, their ratio, the formulas' values.
   */
  measureOnsager(): OnsagerMeasurement;
  /** Awaited costs of n steps, n frames (display + draw) and n readbacks [ms each] (benchmark). */
  measure(n: number): Promise<{ stepMs: number; frameMs: number; readbackMs: number }>;
  /**
   * Jumps to the steady state (implicit multigrid, infinite step) and resolves with the residual
   * report; rejects with the reason, changing nothing, where no steady state exists.
   */
  jump(): Promise<SolveReport>;
  /** The scheme, step and stages per step the page runs now (the speed planner's choice). */
  running(): { scheme: string; dt: number; stages: number; speed: number; limitedBy: string | null };
  /**
   * Records a video of the current scenario from its current state (docs/record.md): frame k shows
   * t0 + k * simPerFrame. Rejects with the option named for a bad request.
   */
  record(request?: PageRecordRequest, io?: PageRecordIo): Promise<PageRecordResult>;
  /** Stops a running recording at the end of its frame; its promise rejects, nothing is kept. */
  cancelRecording(): void;
  /** A PNG of the composed video frame of the current state (title, time, parameters, bars). */
  recordSnapshot(request?: PageRecordRequest): Promise<Blob>;
  /** The recording's stepping alone, without drawing or encoding [wall s] (for the benchmark). */
  recordBaseline(request?: PageRecordRequest): Promise<number>;
  /**
   * The current-voltage sweep of the ions box (extension, issue 10): for each applied voltage
   * phi_from - phi_to, jumps to the steady state and reads the electrode's current; resolves with
   * the points, the GHK values, the reversal voltage and the fitted GHK scale, and plots them. The
   * user's scenario, fields and play state are restored afterwards. Rejects naming the reason
   * where the scenario has no two electrodes with reservoirs, or a jump fails.
   */
  ivSweep(request?: IvSweepRequest): Promise<IvCurve>;
  /** Counters for tests and benchmarks: GPU objects alive, failures restored, device losses recovered. */
  readonly debug: DebugApi;
}

declare global {
  interface Window {
    onsager?: OnsagerApi;
    /** Resolves when the page is running (tests wait on it); rejects if the page could not start. */
    onsagerReady?: Promise<void>;
  }
}
