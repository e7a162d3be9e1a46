/**
 * The WebGPU backend of the page: the WGSL solver, its display textures (zero-copy), the field
 * snapshot reader and the brush kernel, all on one device. Each owned GPU object is destroyed here.
 */
import { PAGE_NEWTON_MAX_WORK } from '../physics/newton';
import { BrushKernel } from '../gpu/brush';
import { DisplayTextures } from '../gpu/display';
import type { ShaderSources } from '../gpu/shaders';
import { SnapshotReader, type FieldSnapshot } from '../gpu/snapshot';
import { pipelineCache } from '../gpu/pipelines';
import { GpuSimulation } from '../gpu/solver';
import { sameGrid, type FieldName, type SimStats, type SolveReport } from '../physics/simulation';
import type { SubstepTally } from '../physics/implicit';
import { solveFailure } from '../physics/run-checks';
import { statsFromFields } from '../physics/snapshot-stats';
import type { Validated } from '../physics/validate';
import { GpuFieldTextures } from '../view/field-textures';
import type { PageBackend, PaintDab } from './backend';
import type { Restorable, SavedState } from './failure';

/** Pause between two kernel compiles on the page [ms]: room for a frame or two. */
const COMPILE_PAUSE_MS = 50;

export class GpuBackend implements PageBackend, Restorable {
  readonly kind = 'webgpu' as const;
  readonly adapter: string;
  readonly textures: GpuFieldTextures;
  private readonly display: DisplayTextures;
  private reader: SnapshotReader;
  private readonly brush: BrushKernel;
  private jumping = false;
  /** The implicit pipelines compiling (started by the first frame that steps the scheme). */
  private compiling: Promise<void> | null = null;
  private prepareError: unknown = null;

  private constructor(
    private readonly device: GPUDevice,
    private readonly sim: GpuSimulation,
    sources: ShaderSources,
  ) {
    this.adapter = sim.adapter;
    const g = sim.validated.scenario.grid;
    this.display = new DisplayTextures(device, sources, g.nx, g.ny);
    this.textures = new GpuFieldTextures(this.display);
    this.reader = new SnapshotReader(device, g.nx, g.ny);
    this.brush = new BrushKernel(device, sources);
    // Kernels compiled from now on (the implicit scheme's) one at a time, a frame's time apart: the
    // page keeps drawing while a CPU adapter compiles (issue 8, symptom 10).
    // Both kernel variants: the ion variant's kernels (an ion preset) all at once held the GPU
    // process, and every frame, for 30 s on a loaded 2-core machine.
    for (const ions of [false, true]) pipelineCache(device, sources, ions).pace = () => new Promise((r) => setTimeout(r, COMPILE_PAUSE_MS));
    // The exact retake of a step runs on this thread: small grids only (physics/newton.ts).
    sim.exactHostWork = PAGE_NEWTON_MAX_WORK;
  }

  static async create(device: GPUDevice, adapter: string, sources: ShaderSources, v: Validated): Promise<GpuBackend> {
    const sim = await GpuSimulation.create({ device, adapter, sources }, v);
    return new GpuBackend(device, sim, sources);
  }

  get running(): Validated {
    return this.sim.validated;
  }
  get simTime(): number {
    return this.sim.simTime;
  }
  get steps(): number {
    return this.sim.steps;
  }
  get passes(): number {
    return this.sim.passes;
  }
  /** GPU memory held by the solver, display textures and snapshot ring [bytes]. */
  get gpuBytes(): number {
    return this.sim.gpuBytes + this.display.nx * this.display.ny * 12 + this.reader.bytes;
  }

  setScenario(v: Validated): void {
    const regrid = !sameGrid(this.sim.validated, v);
    this.sim.setScenario(v);
    if (regrid) {
      const g = v.scenario.grid;
      this.display.resize(g.nx, g.ny);
      this.display.forgetBuffers();
      this.reader.destroy();
      this.reader = new SnapshotReader(this.device, g.nx, g.ny);
    }
  }

  reset(): void {
    this.sim.reset();
  }

  /**
   * Queues n steps without waiting (ignored while busy(): a jump, or the implicit pipelines
   * compiling, which the first call for the implicit scheme starts; a compile failure is thrown by
   * the next call); the frame loop bounds the work in flight (src/ui/frame-cost.ts). Also ignored
   * while the residual check of the implicit steps queued last runs, and after a step that did not
   * converge until the next readback reports it (gpu/implicit-steps.ts).
   */
  advance(n: number): void {
    if (n <= 0 || this.busy() || this.sim.checking || this.sim.stepFailure) return;
    if (this.prepareError) {
      const e = this.prepareError;
      this.prepareError = null;
      throw e;
    }
    if (this.sim.preparing) {
      this.compiling = this.sim.ready().then(
        () => void (this.compiling = null),
        (e: unknown) => void ((this.prepareError = e), (this.compiling = null)),
      );
      return;
    }
    this.sim.enqueueSteps(n);
  }

  idle(): Promise<void> {
    return this.device.queue.onSubmittedWorkDone();
  }

  /** A jump is running, or the implicit scheme's pipelines are compiling. */
  busy(): boolean {
    return this.jumping || this.compiling !== null;
  }

  preparing(): string | null {
    return this.compiling ? "compiling the implicit scheme's GPU kernels" : null;
  }

  substepped(): SubstepTally | null {
    return this.sim.substepped;
  }

  async jumpToSteadyState(): Promise<SolveReport> {
    this.jumping = true;
    try {
      return await this.sim.jumpToSteadyState();
    } finally {
      this.jumping = false;
    }
  }

  /**
   * Advances n steps; rejects when the GPU reported a validation, out-of-memory or internal error
   * while they ran (e.g. buffers that could not be allocated): those steps did not run. The scopes
   * also catch errors of frames drawn meanwhile; any of them makes the result one we cannot stand behind.
   */
  async step(n: number): Promise<void> {
    const scopes = ['internal', 'out-of-memory', 'validation'] as const;
    for (const f of scopes) this.device.pushErrorScope(f);
    const run = this.sim.step(n).then(
      () => null,
      (e: unknown) => e,
    );
    const thrown = await run;
    const errors = await Promise.all(scopes.map(() => this.device.popErrorScope()));
    if (thrown) throw thrown;
    const err = errors.find((e) => e !== null);
    if (err) throw new Error(`the GPU refused the work (${err.message.split('\n')[0]})`);
    const unsolved = this.sim.stepFailure;
    if (unsolved) throw new Error(solveFailure(unsolved) ?? 'an implicit step did not converge');
  }

  /** Puts a saved state back: fields (as stored), simulated time and counters (src/ui/failure.ts). */
  restore(s: SavedState): void {
    const sim = this.sim;
    const { T0, c0 } = sim.validated.scenario.reference;
    sim.reset(); // clears the failure flag and the implicit history
    sim.simTime = s.simTime;
    sim.steps = s.steps;
    sim.passes = s.passes;
    sim.setScenario(sim.validated); // the same grid: re-uploads the parameters with the step counter
    void sim.writeField('T', Float64Array.from(s.T, (x) => x + T0));
    void sim.writeField('c', Float64Array.from(s.c, (x) => x + c0));
  }

  async readback(fields: boolean, exact: boolean): Promise<{ stats: SimStats; snapshot?: FieldSnapshot; solve?: SolveReport | null }> {
    // The solver's reductions and sigma need its kernels: a change of ion status compiles the
    // other kernel variant first (gpu/solver.ts ready()); a recording reads back right after it.
    await this.sim.ready();
    // Only checked states: the implicit steps queued last are iterated to convergence (or found not to) first.
    await this.sim.settled();
    const solve = this.sim.stepFailure;
    const at = { simTime: this.sim.simTime, steps: this.sim.steps };
    if (fields && !exact) {
      // The fields are copied anyway: reduce them on the CPU instead of running the GPU's
      // entropy and reduction passes (several steps' worth of work on a CPU WebGPU).
      const running = this.sim.validated;
      const counters = { ...at, passes: this.sim.passes };
      const snapshot = await this.reader.read((f) => this.sim.fieldBuffer(f), at);
      return { stats: statsFromFields(running, snapshot, counters), snapshot, solve };
    }
    // stats() recomputes sigma for the current state before its reductions; the snapshot's copy
    // is submitted right after, so it sees that fresh sigma.
    const [stats, snapshot] = await Promise.all([this.sim.stats(), fields ? this.reader.read((f) => this.sim.fieldBuffer(f), at) : undefined]);
    return { stats, snapshot, solve };
  }

  prepareDisplay(fields: readonly FieldName[]): void {
    const enc = this.device.createCommandEncoder({ label: 'display' });
    this.display.encode(enc, fields, (f) => this.sim.fieldBuffer(f));
    this.device.queue.submit([enc.finish()]);
  }

  paint(d: PaintDab): void {
    const g = this.sim.validated.scenario.grid;
    this.brush.apply(this.sim.fieldBuffer(d.field), g.nx, g.ny, d);
  }

  destroy(): void {
    this.textures.dispose();
    this.display.destroy();
    this.reader.destroy();
    this.brush.destroy();
    this.sim.destroy();
  }
}
