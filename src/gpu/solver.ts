/**
 * The GPU solver: owns the field buffers of one grid (grid-fields.ts, ping-ponged), the uniforms
 * (step-uniforms.ts), the scheme steppers and the statistics readback, and steps the WGSL kernels.
 * Steps are encoded many per submit, so small grids are not bound by submit overhead; reads go
 * through staging rings and never stall stepping that is already queued.
 */
import { buildCellInputs, gridOf, type Grid } from '../physics/grid';
import type { SchemeName } from '../physics/scenario';
import { sameExceptTime, sameGrid, type FieldData, type FieldName, type ReadableField, type FieldSimulation, type JumpOptions, type SimStats, type SolveReport } from '../physics/simulation';
import { affinityField } from '../physics/reaction-field';
import { steadyStateProblems } from '../physics/steady';
import type { SubstepTally } from '../physics/implicit';
import type { Validated } from '../physics/validate';
import { rkl2Stages, rkl2Substeps } from '../physics/rkl2';
import { absoluteFrom, deviationsFrom } from './deviations';
import { withErrorScopes } from './error-scope';
import { IMPLICIT_KERNELS } from './implicit';
import { ImplicitSteps } from './implicit-steps';
import { replayStepOnHost } from './exact-step';
import { polishJumpOnHost, readJumpStart } from './jump-polish';
import { cellGraphOf, NEWTON_MAX_WORK, newtonFits } from '../physics/newton';
import { assertFits } from './memory-plan';
import { RESIDUAL_LOG_STEPS } from './implicit-plan';
import { EULER, GridFields } from './grid-fields';
import { stencilFeaturesOf } from './specialise';
import { solverKernels } from './solver-kernels';
import { cellKindsOf } from './params';
import { pipelineCache, type Kernel, type PipelineCache } from './pipelines';
import { SchemeSteppers } from './scheme-steppers';
import { jumpOnGpu } from './steady-jump';
import { jumpAlongCouplingOnGpu } from './coupling-jump';
import { retakeAlongCoupling } from '../physics/coupling-continuation';
import type { ShaderSources } from './shaders';
import { NO_FAILURE, StatsReader } from './stats-read';
import { StepUniforms, STEPS_PER_SUBMIT } from './step-uniforms';
import { ionsActive, potentialFieldData } from '../physics/potential';
import { kindsWithPotential } from './ions';

export interface GpuContext {
  device: GPUDevice;
  /** The adapter's description, for summaries. */
  adapter: string;
  sources: ShaderSources;
}

export class GpuSimulation implements FieldSimulation {
  readonly backend = 'gpu' as const;
  readonly adapter: string;
  validated: Validated;
  simTime = 0;
  steps = 0;
  passes = 0;
  /** What the last implicit step (as of the last `step` or `stats`) or jump reached. */
  lastSolve: SolveReport | null = null;

  private readonly device: GPUDevice;
  private readonly sources: GpuContext['sources'];
  /** The pipeline cache of the current grid's variant: the ion kernels where its buffers hold phi. */
  private cache: PipelineCache;
  /** Params and the step slots. */
  private readonly uniforms: StepUniforms;
  private readonly statsReader: StatsReader;
  private grid!: Grid;
  /** The buffers of the current grid. */
  private fields!: GridFields;
  /** Bumped whenever T or c may change; sigma is current when sigmaVersion equals it. */
  private stateVersion = 0;
  private sigmaVersion = -1;
  private inFlight = 0;
  /** The RKL2 stepper (while the scheme is rkl2) and the implicit solver (implicit, or during a jump). */
  private schemes: SchemeSteppers;
  /** solverKernels of the current scenario (set by upload). */
  private kernels: Kernel[] = [];
  /** BDF2 history and the implicit steps since lastSolve was last refreshed. */
  private readonly implicitSteps = new ImplicitSteps();
  /** A steady-state jump is in flight (stepping would interleave with its iterations). */
  private jumping = false;
  /**
   * Simulated time since the state's last discontinuity [s] (reset, writeField, an edit beyond
   * time.*; Infinity after a jump): RKL2 splits a step longer than this (physics/rkl2.ts
   * rkl2Substeps), as the CPU reference does.
   */
  private age = 0;

  private constructor(ctx: GpuContext, v: Validated) {
    this.device = ctx.device;
    this.adapter = ctx.adapter;
    this.validated = v;
    this.sources = ctx.sources;
    this.cache = pipelineCache(ctx.device, ctx.sources, ionsActive(v.scenario));
    this.uniforms = new StepUniforms(this.device, this.cache.layout(EULER, 1));
    this.statsReader = new StatsReader(this.device);
    this.schemes = new SchemeSteppers(this.device, this.cache, this.uniforms.slots);
    this.allocate();
    this.reset();
    this.implicitSteps.hostReplay = (current, stillCurrent, bdf2) => replayStepOnHost(this.schemes.implicit!, this.validated, current, stillCurrent, this.exactHostWork, bdf2);
  }

  /**
   * Flops of one factorisation an implicit step's or the jump's exact retake on the host may take
   * (physics/newton.ts newtonFits): NEWTON_MAX_WORK on the command line; the page sets
   * PAGE_NEWTON_MAX_WORK, since the host's solve holds its main thread (beyond it, the multigrid's
   * substeps and the jump's mixed ladder).
   */
  exactHostWork = NEWTON_MAX_WORK;

  /**
   * A solver for `v`: checks the memory plan against the device's limits (a ScenarioError naming
   * grid.nx / grid.ny when it does not fit), compiles every pipeline it may use (the implicit
   * scheme's only when `v` is implicit), then allocates inside error scopes (a GpuError with a
   * plain message).
   */
  static async create(ctx: GpuContext, v: Validated): Promise<GpuSimulation> {
    assertFits(ctx.device.limits, v);
    const implicit = v.scenario.time.scheme === 'implicit';
    const cells = cellKindsOf(buildCellInputs(v.scenario));
    const kernels = solverKernels(stencilFeaturesOf(v.scenario, cells.table, cells.kinds));
    await pipelineCache(ctx.device, ctx.sources, ionsActive(v.scenario)).prepare(implicit ? [...kernels, ...IMPLICIT_KERNELS] : kernels);
    return withErrorScopes(ctx.device, 'GPU solver setup', () => new GpuSimulation(ctx, v), (sim) => sim.destroy());
  }

  /**
   * GPU memory this solver holds, in bytes (fields, cell kinds, staging, reductions, uniforms,
   * and the scheme's own buffers: 24 B/cell for rkl2, the multigrid levels for implicit).
   */
  get gpuBytes(): number {
    return this.fields.bytes + this.statsReader.bytes + this.uniforms.bytes + this.schemes.bytes;
  }

  /** The time scheme in use (the scenario's time.scheme). */
  get scheme(): SchemeName {
    return this.validated.scenario.time.scheme;
  }

  /** Passes per step: 1 (euler), the RKL2 stage count, the implicit steps' average so far. */
  get passesPerStep(): number {
    if (this.scheme !== 'implicit') return this.validated.derived.stages;
    return this.steps > 0 ? this.passes / this.steps : 0;
  }

  /**
   * Whether the scheme's pipelines are not compiled yet (the implicit scheme after a switch to it):
   * `enqueueSteps` refuses until `ready()` (which compiles them) resolves; `step` and the jump
   * wait for it.
   */
  get preparing(): boolean {
    return this.schemes.preparing(this.scheme) || !this.cache.isReady(this.kernels);
  }

  /** Resolves when the scheme's pipelines are compiled; rejects with the compiler's file:line messages. */
  async ready(): Promise<void> {
    if (!this.cache.isReady(this.kernels)) await this.cache.prepare(this.kernels); // the ion variant after a setScenario that changed it
    if (this.scheme === 'implicit') await this.schemes.prepareImplicit();
  }

  private allocate(): void {
    this.grid = gridOf(this.validated.scenario);
    const ions = ionsActive(this.validated.scenario);
    if (ions !== this.cache.ions) {
      // The other kernel variant (pipelines.ts): its kernels compile on the next ready() / step.
      this.schemes.destroy();
      this.cache = pipelineCache(this.device, this.sources, ions);
      this.schemes = new SchemeSteppers(this.device, this.cache, this.uniforms.slots); // upload() starts its compile
    }
    this.fields = new GridFields(this.device, this.cache, this.uniforms.params, this.grid, ions);
  }

  private freeGrid(): void {
    if (!this.fields) return;
    this.fields.destroy();
    this.schemes.destroy();
  }

  /** Uploads parameters and cell kinds for the current scenario (fields untouched). */
  private upload(): void {
    this.stateVersion++;
    const { scenario } = this.validated;
    const { kinds, table } = cellKindsOf(buildCellInputs(scenario));
    this.uniforms.write(this.validated, table, this.steps);
    this.fields.features = stencilFeaturesOf(scenario, table, kinds);
    this.kernels = solverKernels(this.fields.features);
    // A new kernel variant (ions, reaction or heat sources changed): its compile starts now; ready() reports a failure.
    if (!this.cache.isReady(this.kernels)) this.cache.prepare(this.kernels).catch(() => undefined);
    this.device.queue.writeBuffer(this.fields.cellKind, 0, kindsWithPotential(scenario, kinds));
    this.implicitSteps.forget();
    this.schemes.configure(this.validated, this.grid, this.fields);
  }

  reset(): void {
    const inputs = buildCellInputs(this.validated.scenario);
    this.simTime = 0;
    this.steps = 0;
    this.passes = 0;
    this.age = 0;
    this.fields.current = 0;
    this.stateVersion++;
    this.upload();
    this.lastSolve = null;
    this.implicitSteps.clearFailure();
    const q = this.device.queue;
    q.writeBuffer(this.fields.u[0], 0, Float32Array.from(inputs.temperature));
    q.writeBuffer(this.fields.v[0], 0, Float32Array.from(inputs.concentration));
    q.writeBuffer(this.fields.status, 0, Uint32Array.of(NO_FAILURE));
  }

  setScenario(v: Validated): void {
    assertFits(this.device.limits, v); // throws before anything changes
    // A scenario that gains a potential needs the larger cell kind buffer (gpu/ions.ts).
    // Gaining or losing a potential changes the cell kind buffer and the kernel variant (restart).
    const keep = sameGrid(this.validated, v) && this.fields.withPotential === ionsActive(v.scenario);
    if (!sameExceptTime(this.validated, v)) this.age = 0;
    this.validated = v;
    if (keep) {
      this.upload();
      return;
    }
    this.freeGrid();
    this.allocate();
    this.reset();
  }

  /**
   * Queues n steps of the scheme without waiting for them (the page's frame loop). Each submit
   * holds up to STEPS_PER_SUBMIT steps (fewer for RKL2, whose steps are s + 2 dispatches, and one
   * per implicit step). Implicit steps: at most `implicitSteps.batchLimit` of them (one after an
   * edit or a hard step, else RESIDUAL_LOG_STEPS), then their residuals are checked in the
   * background (implicit-steps.ts `startCheck`: the last step iterated to convergence, a step
   * that does not converge recorded in `stepFailure`); until that check is done (`checking`,
   * `settled()`) this refuses.
   */
  enqueueSteps(n: number): void {
    if (this.jumping) throw new Error('enqueueSteps: a steady-state jump is in progress; await jumpToSteadyState() first');
    if (n > 0 && this.implicitSteps.checking) throw new Error('enqueueSteps: the residual check of the implicit steps queued last is still running; await settled() first');
    if (this.scheme === 'implicit') n = Math.min(n, this.implicitSteps.batchLimit(RESIDUAL_LOG_STEPS));
    if (n > 0 && this.preparing) {
      const what = this.cache.isReady(this.kernels) ? 'the implicit scheme is still being prepared' : 'the kernels of this scenario are still being prepared (after a change of charge, voltages, reaction or heat sources)';
      throw new Error(`enqueueSteps: ${what} (its pipelines compile); await ready() first`);
    }
    const dt = this.validated.derived.dt;
    const scheme = this.scheme;
    const perSubmit = this.schemes.stepsPerSubmit(scheme);
    let left = n;
    if (n > 0) this.stateVersion++;
    if (scheme === 'rkl2' && n > 0) {
      const dtFE = this.validated.scenario.time.safety * this.validated.derived.dtLimit;
      const substeps = rkl2Substeps(dt, this.age, dtFE);
      if (substeps.length > 1) {
        this.encodeRkl2Substeps(substeps, dtFE);
        this.steps++;
        this.simTime += dt;
        left--;
      }
    }
    this.age += n * dt;
    while (left > 0) {
      const chunk = Math.min(left, perSubmit);
      this.uniforms.setStepBase(this.steps);
      const encoder = this.device.createCommandEncoder({ label: 'steps' });
      if (scheme === 'implicit') this.schemes.implicit!.keepStepStatus(encoder);
      const pass = encoder.beginComputePass({ label: `${scheme} steps` });
      this.passes += this.schemes.encodeSteps(pass, this.validated, this.fields, chunk, this.uniforms.slotGroup, this.implicitSteps);
      pass.end();
      if (scheme === 'implicit') this.schemes.implicit!.logResidual(encoder, this.implicitSteps.queuedSinceCheck - 1);
      this.device.queue.submit([encoder.finish()]);
      this.steps += chunk;
      this.simTime += chunk * dt;
      left -= chunk;
      this.inFlight++;
    }
    if (scheme !== 'implicit') this.implicitSteps.forget();
    else if (n > 0) this.implicitSteps.startCheck(this.schemes.implicit!, this.fields.current, (p) => (this.passes += p));
  }

  /**
   * One RKL2 step of the scenario's dt taken as `substeps` [s] (physics/rkl2.ts rkl2Substeps; the
   * same substeps and stage counts, rkl2Stages of forward Euler's step `dtFE`, as the CPU
   * reference), one submit each. Per substep only what depends on its length is written (aT, aC
   * and the stage coefficients), the scenario's own after: nothing is validated or uploaded again.
   */
  private encodeRkl2Substeps(substeps: readonly number[], dtFE: number): void {
    const { derived } = this.validated;
    for (const h of substeps) {
      this.uniforms.setStepLength(derived.material, h);
      this.uniforms.setStepBase(this.steps);
      const encoder = this.device.createCommandEncoder({ label: 'rkl2 substep' });
      const pass = encoder.beginComputePass({ label: 'rkl2 substep' });
      this.passes += this.schemes.encodeRkl2Step(pass, this.fields, rkl2Stages(h, dtFE));
      pass.end();
      this.device.queue.submit([encoder.finish()]);
      this.inFlight++;
    }
    this.uniforms.setStepLength(derived.material, derived.dt);
    this.schemes.rkl2!.setStages(derived.stages);
  }

  /** Whether the residual check of the implicit steps queued last is running (`enqueueSteps` refuses meanwhile). */
  get checking(): boolean {
    return this.implicitSteps.checking;
  }

  /** Resolves when the residual check of the implicit steps queued last is done (never rejects). */
  settled(): Promise<void> {
    return this.implicitSteps.settled();
  }

  /**
   * The first implicit step since the last reset that did not converge within STEP_MAX_ITERATIONS
   * (its report), else null: a result the page cannot stand behind (it restores, which resets).
   */
  get stepFailure(): SolveReport | null {
    return this.implicitSteps.failure;
  }

  /** The implicit steps since the last reset that were retaken as substeps (physics/implicit.ts SubstepPlan), else null. */
  get substepped(): SubstepTally | null {
    return this.implicitSteps.substepped;
  }

  /**
   * Refreshes lastSolve from the residual of the last implicit step (its read is queued at the
   * call, after the steps). A read the scheme's teardown overtakes leaves lastSolve as it was.
   */
  private async refreshSolveReport(): Promise<void> {
    if (this.scheme !== 'implicit' || !this.schemes.implicit) return;
    try {
      this.lastSolve = (await this.implicitSteps.report(this.schemes.implicit)) ?? this.lastSolve;
    } catch {
      // the multigrid was freed (scheme or grid changed) before the read came back
    }
  }

  /**
   * Jumps to the steady state with the same conserved totals (backward Euler with dt = infinity,
   * iterated to the tolerance; implicit.ts) and returns the residual reached. simTime and steps do
   * not change. Rejects, changing nothing, when no steady state exists (steady.ts).
   */
  async jumpToSteadyState(o: JumpOptions = {}): Promise<SolveReport> {
    if (this.jumping) throw new Error('jumpToSteadyState: a jump is already in progress');
    if (this.checking) await this.settled();
    const problems = steadyStateProblems(this.validated);
    if (problems.length) throw new Error(problems.join('; '));
    assertFits(this.device.limits, this.validated, { jump: true });
    await this.cache.prepare(this.kernels);
    await this.schemes.prepareImplicit();
    if (this.jumping) throw new Error('jumpToSteadyState: a jump is already in progress');
    const solver = this.schemes.implicitSolver(this.validated, this.grid, this.fields);
    // The jump's state is the current step's (no step runs): slot index 1 + (steps - 1), u32 wrap.
    this.uniforms.setStepBase(this.steps - 1);
    this.jumping = true;
    this.stateVersion++;
    let rep: SolveReport;
    try {
      // The default jump on a grid the host's exact step fits is polished in float64 there (jump-polish.ts): its start first.
      const start = o.tolerance === undefined && newtonFits(cellGraphOf(this.validated.scenario), this.exactHostWork) ? await readJumpStart(solver, this.fields.current) : null;
      rep = await jumpOnGpu(this.device, solver, this.validated, this.fields.current, o); // with a reaction, pseudo-time steps first
      // not converged under a cross coupling: retaken along the coupling ladder (physics/coupling-continuation.ts)
      if (retakeAlongCoupling(this.validated, rep)) rep = await jumpAlongCouplingOnGpu(solver, this.uniforms, this.validated, this.fields.current, this.steps - 1, o, rep, this.exactHostWork);
      if (start) rep = await polishJumpOnHost(solver, this.validated, this.fields.current, start, rep);
    } finally {
      this.jumping = false;
    }
    this.passes += rep.passes;
    this.implicitSteps.forget();
    this.age = Infinity; // a steady state: nothing left for RKL2 to leave undamped
    this.lastSolve = rep;
    // The jump has been read back, so the GPU is done with the multigrid: euler and rkl2 give it back.
    if (this.scheme !== 'implicit') this.schemes.freeImplicit();
    return rep;
  }

  /** Advances n steps and resolves when the GPU has done them (at most two submits queued ahead). */
  async step(n: number): Promise<void> {
    if (n > 0) await this.ready();
    if (this.checking) await this.settled();
    let left = n;
    if (this.scheme === 'implicit') {
      // One step at a time, each iterated until it converges: the page's check (implicit-steps.ts), awaited.
      for (; left > 0; left--) {
        this.enqueueSteps(1);
        await this.settled();
        this.inFlight = 0;
      }
    }
    while (left > 0) {
      const chunk = Math.min(left, STEPS_PER_SUBMIT);
      this.enqueueSteps(chunk);
      left -= chunk;
      if (this.inFlight >= 2) {
        await this.device.queue.onSubmittedWorkDone();
        this.inFlight = 0;
      }
    }
    await this.device.queue.onSubmittedWorkDone();
    this.inFlight = 0;
    await this.refreshSolveReport();
  }

  /**
   * Encodes the entropy pass (sigma of the current state) unless sigma is already current. Sigma
   * is computed only when it is read: readback, stats, display, snapshots. A non-finite sigma
   * names the step of the current state.
   */
  private encodeEntropy(encoder: GPUCommandEncoder): void {
    if (this.sigmaVersion === this.stateVersion) return;
    this.sigmaVersion = this.stateVersion;
    this.uniforms.setStepBase(this.steps - 1); // slot index 1 names the current step (u32 wrap at 0)
    this.fields.encodeEntropy(encoder, this.uniforms.slotGroup);
  }

  /**
   * The current field buffer of T - T0, c - c0, or sigma (for views that bind them directly).
   * Asking for sigma first submits the entropy pass when sigma is not current; asking for T or c
   * counts as a possible write (brushes paint in place), so the next sigma is recomputed.
   */
  fieldBuffer(name: FieldName): GPUBuffer {
    if (name === 'sigma') {
      if (this.sigmaVersion !== this.stateVersion) {
        // The other kernel variant still compiling (a change of ion status, started by allocate):
        // sigma stays as it was until it is ready (a display buffer, never a reported result).
        if (!this.cache.isReady(this.kernels)) return this.fields.sigma;
        const encoder = this.device.createCommandEncoder({ label: 'entropy production' });
        this.encodeEntropy(encoder);
        this.device.queue.submit([encoder.finish()]);
      }
      return this.fields.sigma;
    }
    this.stateVersion++;
    return this.fields.buffer(name);
  }

  async readField(name: ReadableField): Promise<FieldData> {
    if (name === 'phi') return potentialFieldData(this.validated.scenario);
    if (!this.cache.isReady(this.kernels)) await this.cache.prepare(this.kernels);
    const { nx, ny } = this.grid;
    if (name === 'affinity') {
      // Float64 on the host from the stored float32 state (physics/reaction-field.ts): both fields
      // copied into one staging buffer at this call and mapped once (grid-fields.ts readState).
      const { u, v } = await this.fields.readState();
      return { nx, ny, data: affinityField(this.validated, u, v) };
    }
    const { T0, c0 } = this.validated.scenario.reference;
    const raw = await this.fields.read(name, (encoder) => {
      if (name === 'sigma') this.encodeEntropy(encoder);
    });
    return { nx, ny, data: name === 'sigma' ? raw : absoluteFrom(raw, name === 'T' ? T0 : c0) };
  }

  /** The raw stored deviations (T - T0 or c - c0) as float32, for tests of the stored state. */
  readDeviation(name: 'T' | 'c'): Promise<Float32Array> {
    return this.fields.read(name);
  }

  async writeField(name: 'T' | 'c', data: ArrayLike<number>): Promise<void> {
    const { T0, c0 } = this.validated.scenario.reference;
    const dev = deviationsFrom(`writeField(${name})`, data, this.fields.cells, name === 'T' ? T0 : c0);
    this.device.queue.writeBuffer(this.fields.buffer(name), 0, dev);
    this.stateVersion++;
    this.age = 0;
    this.implicitSteps.forget();
  }

  /**
   * Reductions of the state as of this call (counters included), read back asynchronously; while
   * the check of the implicit steps queued last runs, of the state it leaves.
   */
  async stats(): Promise<SimStats> {
    if (!this.cache.isReady(this.kernels)) await this.cache.prepare(this.kernels);
    if (this.checking) await this.settled(); // the state the check of the last implicit steps leaves (without one, the read is queued at this call)
    const solve = this.refreshSolveReport();
    const stats = await this.statsReader.read(
      this.validated,
      this.grid,
      (encoder) => {
        this.encodeEntropy(encoder);
        this.fields.totals.encode(encoder, this.fields.current);
        return { totals: this.fields.totals.totals, status: this.fields.status };
      },
      () => ({ steps: this.steps, passes: this.passes, simTime: this.simTime }),
    );
    await solve;
    return stats;
  }

  destroy(): void {
    this.freeGrid();
    this.statsReader.destroy();
    this.uniforms.destroy();
  }
}
