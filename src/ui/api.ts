/**
 * The page automation API `window.onsager` (contract: scenario.md, "Page automation API"), for
 * tests, the recorder and lecturers' scripts. The v1 names keep their meaning; extensions are
 * marked. Every change goes through the same validation as files and links.
 */
import type { Scenario } from '../physics/scenario';
import type { FieldData, FieldName, SolveReport } from '../physics/simulation';
import type { RunSummary } from '../physics/summary';
import { PRESET_IDS } from '../physics/presets';
import type { App } from './app';
import { problemsOf } from './app';
import type { PageSettings } from './settings';
import type { ByteSink } from '../record/encoder';
import type { RecordProgress, RecordResult } from '../record/recorder';
import type { PageRecordRequest, RecordController } from './record-controller';
import type { DebugApi } from './robustness';

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
  /** A field as absolute values (T [K], c [-], sigma [W K^-1 m^-3]), row 0 at the bottom. */
  field(name: FieldName): Promise<FieldData>;
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
  /** Counters for tests and benchmarks: GPU objects alive, failures restored, device losses recovered. */
  readonly debug: DebugApi;
}

export interface ApiHooks {
  link(): Promise<string>;
  snapshot(): Promise<Blob>;
  messages(): string;
  perf(): ReturnType<OnsagerApi['perf']>;
  measure(n: number): ReturnType<OnsagerApi['measure']>;
  showError(title: string, e: unknown): void;
  /** The speed planner's current limit, if any. */
  limitedBy(): string | null;
  recorder: RecordController;
  debug: DebugApi;
}

export function createApi(app: App, hooks: ApiHooks): OnsagerApi {
  const guard = <T>(title: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      hooks.showError(title, e);
      throw e;
    }
  };
  return {
    async load(input) {
      return guard('Scenario was not loaded; the current one keeps running', () => app.load(input)).scenario;
    },
    scenario: () => structuredClone(app.validated.scenario),
    async set(path, value) {
      return guard(`Not applied: ${path}`, () => app.set(path, value)).scenario;
    },
    play: () => app.play(),
    pause: () => app.pause(),
    step: (n) => app.step(n),
    stats: () => app.summary(),
    async field(name) {
      if (name !== 'T' && name !== 'c' && name !== 'sigma') throw new Error(`field: "${String(name)}" must be one of "T", "c", "sigma"`);
      const rb = await app.refresh(true);
      const snap = rb.snapshot!;
      const src = snap[name];
      const { T0, c0 } = rb.running.scenario.reference;
      const off = name === 'T' ? T0 : name === 'c' ? c0 : 0;
      const data = new Float64Array(src.length);
      for (let i = 0; i < src.length; i++) data[i] = src[i] + off;
      return { nx: snap.nx, ny: snap.ny, data };
    },
    get backend() {
      return app.backend.kind;
    },
    presets: PRESET_IDS,
    settings(patch) {
      if (patch) app.updateSettings(patch);
      return structuredClone(app.settings);
    },
    link: () => hooks.link(),
    snapshot: () => hooks.snapshot(),
    messages: () => hooks.messages(),
    perf: () => hooks.perf(),
    measure: (n) => hooks.measure(n),
    jump: () => app.jump(),
    running() {
      const r = app.backend.running;
      return { scheme: r.scenario.time.scheme, dt: r.derived.dt, stages: r.derived.stages, speed: app.settings.speed, limitedBy: hooks.limitedBy() };
    },
    async record(request = {}, io = {}) {
      const { request: req, note } = await hooks.recorder.resolve(request);
      const dest = io.video === false ? undefined : io.sink ? { kind: 'sink' as const, sink: io.sink } : { kind: 'memory' as const };
      const r = await hooks.recorder.record(req, dest, note, { snapshot: io.snapshot ?? false, ...(io.onProgress ? { onProgress: io.onProgress } : {}) });
      return { ...r, note };
    },
    cancelRecording: () => hooks.recorder.cancel(),
    async recordSnapshot(request = {}) {
      return hooks.recorder.snapshot((await hooks.recorder.resolve(request)).request);
    },
    async recordBaseline(request = {}) {
      return hooks.recorder.simulateOnly((await hooks.recorder.resolve(request)).request);
    },
    debug: hooks.debug,
  };
}

export { problemsOf };
