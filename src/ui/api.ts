/**
 * The page automation API `window.onsager` (contract: scenario.md, "Page automation API"), for
 * tests, the recorder and lecturers' scripts. The v1 names keep their meaning; extensions are
 * marked. Every change goes through the same validation as files and links.
 */
import type { Scenario } from '../physics/scenario';
import type { FieldData } from '../physics/simulation';
import { PRESET_IDS } from '../physics/presets';
import { affinityField } from '../physics/reaction-field';
import { extraFieldsOf } from '../physics/simulation';
import type { App } from './app';
import { onsagerExperiment } from './onsager-experiment';
import { problemsOf } from './app';
import type { RecordController } from './record-controller';
import type { DebugApi, OnsagerApi } from '../record/page-api';

export type { OnsagerApi, PageRecordIo, PageRecordResult } from '../record/page-api';

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
  /** phi [V] of the running scenario (src/ui/potential.ts). */
  phi(): FieldData;
  ivSweep: OnsagerApi['ivSweep'];
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
      if (name === 'phi') return hooks.phi();
      const extra = extraFieldsOf(app.validated).filter((f) => f !== 'phi');
      if (name !== 'T' && name !== 'c' && name !== 'sigma' && !extra.includes(name)) {
        throw new Error(`field: "${String(name)}" must be one of ${['T', 'c', 'sigma', 'phi', ...extra].map((f) => `"${f}"`).join(', ')}`);
      }
      const rb = await app.refresh(true);
      const snap = rb.snapshot!;
      // The affinity from the same field copy, through the one function both backends' readField use.
      if (name === 'affinity') return { nx: snap.nx, ny: snap.ny, data: affinityField(rb.running, snap.T, snap.c) };
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
    measureOnsager: () => onsagerExperiment.run(app.validated),
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
    ivSweep: (request) => hooks.ivSweep(request),
  };
}

export { problemsOf };
