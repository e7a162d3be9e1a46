/**
 * The GPU solver: owns the field buffers (ping-ponged), the pipelines, the bind groups and the
 * readback rings for one grid, and steps the WGSL kernels. Steps are encoded many per submit, so
 * small grids are not bound by submit overhead; reads go through staging rings and never stall
 * stepping that is already queued.
 */
import { buildCellInputs, gridOf, type Grid } from '../physics/grid';
import { JUMP_MAX_ITERATIONS, JUMP_TOLERANCE, JUMP_VCYCLES, STEP_ITERATIONS, STEP_VCYCLES } from '../physics/implicit';
import { SIDES, type SchemeName } from '../physics/scenario';
import {
  sameGrid,
  type FieldData,
  type FieldName,
  type FieldSimulation,
  type JumpOptions,
  type SimStats,
  type SolveReport,
} from '../physics/simulation';
import { steadyStateProblems } from '../physics/steady';
import type { Validated } from '../physics/validate';
import type { SolverFields } from './bindings';
import { ImplicitGpu } from './implicit';
import { cellKindsOf, paramsLayout, paramsValues, shaderPrelude, COLUMN_ROWS, COLUMN_WG, EDGE_WG, writeParams } from './params';
import { StagingRing } from './readback';
import { Rkl2Stepper } from './rkl2';
import { composeShader, type ShaderSources } from './shaders';

/** Dispatches encoded per submit (also the number of step-slot uniforms). */
export const STEPS_PER_SUBMIT = 256;
/** At most about this many dispatches per submit for multi-stage steps (RKL2). */
const DISPATCHES_PER_SUBMIT = 1024;
const SLOT_STRIDE = 256;
const WORKGROUP = 256;
const REDUCE_WG = 128;
const REDUCE_QUANTITIES = 16;
const MAX_REDUCE_GROUPS = 256;
const NO_FAILURE = 0xffffffff;

export interface GpuContext {
  device: GPUDevice;
  /** The adapter's description, for summaries. */
  adapter: string;
  sources: ShaderSources;
}

/** 1-D launch of `count` invocations in `width`-wide workgroups, folded into 2-D past 65535. */
export function launchSize(count: number, width: number, maxDim = 65535): [number, number] {
  const groups = Math.max(1, Math.ceil(count / width));
  if (groups <= maxDim) return [groups, 1];
  return [maxDim, Math.ceil(groups / maxDim)];
}

/**
 * 2-D launch of the column-march kernels over an nx x ny grid: COLUMN_WG invocations wide, each
 * marching `width` columns (2 for the stepping kernels, 1 for the entropy pass) up a strip of
 * COLUMN_ROWS rows.
 */
export function tileLaunch(nx: number, ny: number, width: 1 | 2 = 2): [number, number] {
  return [Math.ceil(nx / (width * COLUMN_WG)), Math.ceil(ny / COLUMN_ROWS)];
}

/** Workgroups of the edge kernels: one invocation per slot of the 2 (nx + ny) edge cells. */
export function edgeLaunch(nx: number, ny: number): number {
  return Math.ceil((2 * (nx + ny)) / EDGE_WG);
}

/** Pipelines and layouts, created once per device and shared by every grid. */
class SolverPipelines {
  readonly stepLayout: GPUBindGroupLayout;
  readonly slotLayout: GPUBindGroupLayout;
  readonly reduceLayout: GPUBindGroupLayout;
  readonly step: GPUComputePipeline;
  readonly stepEdge: GPUComputePipeline;
  readonly entropy: GPUComputePipeline;
  readonly reduceCells: GPUComputePipeline;
  readonly reduceGroups: GPUComputePipeline;

  constructor(device: GPUDevice, sources: ShaderSources) {
    const prelude = shaderPrelude();
    const stepModule = device.createShaderModule({ label: 'step.wgsl', code: composeShader('step.wgsl', sources, prelude) });
    const reduceModule = device.createShaderModule({ label: 'reduce.wgsl', code: composeShader('reduce.wgsl', sources, prelude) });
    const C = GPUShaderStage.COMPUTE;
    const uniform: GPUBufferBindingLayout = { type: 'uniform' };
    const ro: GPUBufferBindingLayout = { type: 'read-only-storage' };
    const rw: GPUBufferBindingLayout = { type: 'storage' };
    const entries = (types: GPUBufferBindingLayout[]): GPUBindGroupLayoutEntry[] =>
      types.map((buffer, binding) => ({ binding, visibility: C, buffer }));
    this.stepLayout = device.createBindGroupLayout({ label: 'step fields', entries: entries([uniform, ro, ro, rw, rw, rw, ro, rw]) });
    this.slotLayout = device.createBindGroupLayout({
      label: 'step slot',
      entries: [{ binding: 0, visibility: C, buffer: { type: 'uniform', hasDynamicOffset: true } }],
    });
    this.reduceLayout = device.createBindGroupLayout({ label: 'reduce', entries: entries([uniform, ro, ro, ro, ro, rw, rw]) });
    const stepPipelineLayout = device.createPipelineLayout({ label: 'step', bindGroupLayouts: [this.stepLayout, this.slotLayout] });
    const reducePipelineLayout = device.createPipelineLayout({ label: 'reduce', bindGroupLayouts: [this.reduceLayout] });
    const make = (label: string, layout: GPUPipelineLayout, module: GPUShaderModule, entryPoint: string) =>
      device.createComputePipeline({ label, layout, compute: { module, entryPoint } });
    this.step = make('step', stepPipelineLayout, stepModule, 'step');
    this.stepEdge = make('stepEdge', stepPipelineLayout, stepModule, 'stepEdge');
    this.entropy = make('entropy', stepPipelineLayout, stepModule, 'entropy');
    this.reduceCells = make('reduceCells', reducePipelineLayout, reduceModule, 'reduceCells');
    this.reduceGroups = make('reduceGroups', reducePipelineLayout, reduceModule, 'reduceGroups');
  }
}

const pipelineCache = new WeakMap<GPUDevice, SolverPipelines>();

function pipelinesFor(ctx: GpuContext): SolverPipelines {
  let p = pipelineCache.get(ctx.device);
  if (!p) {
    p = new SolverPipelines(ctx.device, ctx.sources);
    pipelineCache.set(ctx.device, p);
  }
  return p;
}

/** Buffers of one grid. */
interface FieldBuffers {
  /** T - T0 [K], ping-pong pair. */
  u: [GPUBuffer, GPUBuffer];
  /** c - c0 [-], ping-pong pair. */
  v: [GPUBuffer, GPUBuffer];
  /** sigma [W K^-1 m^-3]. */
  sigma: GPUBuffer;
  cellKind: GPUBuffer;
  partials: GPUBuffer;
  totals: GPUBuffer;
  status: GPUBuffer;
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
  private readonly pipes: SolverPipelines;
  private readonly params: GPUBuffer;
  private readonly paramsData: ArrayBuffer;
  private readonly slots: GPUBuffer;
  private readonly slotGroup: GPUBindGroup;
  private readonly stepBaseWord = new Uint32Array(1);
  private readonly statsRing: StagingRing;
  private grid!: Grid;
  private cells = 0;
  private buffers!: FieldBuffers;
  private fieldRing!: StagingRing;
  /** stepGroups[k] reads buffers k and writes 1-k; reduceGroups[k] reads buffers k. */
  private stepGroups!: [GPUBindGroup, GPUBindGroup];
  private reduceGroups!: [GPUBindGroup, GPUBindGroup];
  private current = 0;
  private launch!: [number, number];
  private tiles!: [number, number];
  /** Bumped whenever T or c may change; sigma is current when sigmaVersion equals it. */
  private stateVersion = 0;
  private sigmaVersion = -1;
  private reduceCount = 1;
  private inFlight = 0;
  private readonly ctx: GpuContext;
  /** The RKL2 stepper (while the scheme is rkl2) and the implicit solver (implicit, or after a jump). */
  private rkl2: Rkl2Stepper | null = null;
  private implicit: ImplicitGpu | null = null;
  /** dt of the last implicit step when its Y^{n-1} is still valid for BDF2, else null. */
  private implicitHistory: number | null = null;
  /** A steady-state jump is in flight (stepping would interleave with its iterations). */
  private jumping = false;
  /** Implicit steps (and their passes) since lastSolve was last refreshed. */
  private implicitSince = { steps: 0, passes: 0 };

  private constructor(ctx: GpuContext, v: Validated) {
    this.ctx = ctx;
    this.device = ctx.device;
    this.adapter = ctx.adapter;
    this.validated = v;
    this.pipes = pipelinesFor(ctx);
    const d = this.device;
    this.paramsData = new ArrayBuffer(paramsLayout.size);
    this.params = d.createBuffer({ label: 'params', size: paramsLayout.size, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    const slotWords = new Uint32Array((STEPS_PER_SUBMIT * SLOT_STRIDE) / 4);
    for (let i = 0; i < STEPS_PER_SUBMIT; i++) slotWords[(i * SLOT_STRIDE) / 4] = i + 1;
    this.slots = d.createBuffer({ label: 'step slots', size: slotWords.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    d.queue.writeBuffer(this.slots, 0, slotWords);
    this.slotGroup = d.createBindGroup({
      label: 'step slot',
      layout: this.pipes.slotLayout,
      entries: [{ binding: 0, resource: { buffer: this.slots, size: 4 } }],
    });
    this.statsRing = new StagingRing(d, 'stats', 256, 3);
    this.allocate();
    this.reset();
  }

  static async create(ctx: GpuContext, v: Validated): Promise<GpuSimulation> {
    ctx.device.pushErrorScope('validation');
    const sim = new GpuSimulation(ctx, v);
    const err = await ctx.device.popErrorScope();
    if (err) {
      sim.destroy();
      throw new Error(`GPU solver setup failed: ${err.message}`);
    }
    return sim;
  }

  /**
   * GPU memory this solver holds, in bytes (fields, cell kinds, staging, reductions, uniforms,
   * and the scheme's own buffers: 24 B/cell for rkl2, the multigrid levels for implicit).
   */
  get gpuBytes(): number {
    const n = this.cells * 4;
    const base = n * 6 + this.fieldRing.bytes + this.statsRing.bytes + this.reduceCount * REDUCE_QUANTITIES * 4 + 64 + 4 + paramsLayout.size + STEPS_PER_SUBMIT * SLOT_STRIDE;
    return base + (this.rkl2?.bytes ?? 0) + (this.implicit?.bytes ?? 0);
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

  /** The scheme's buffers: allocates what the scheme needs, frees what it no longer does. */
  private prepareScheme(): void {
    const scheme = this.scheme;
    const prelude = shaderPrelude();
    if (scheme === 'rkl2') {
      this.rkl2 ??= new Rkl2Stepper(this.device, this.ctx.sources, prelude, this.cells, this.launch, this.tiles, edgeLaunch(this.grid.nx, this.grid.ny), this.schemeFields());
      this.rkl2.setStages(this.validated.derived.stages);
    } else {
      this.rkl2?.destroy();
      this.rkl2 = null;
    }
    if (scheme === 'implicit') this.implicitSolver().configure(this.validated);
    else this.freeImplicit();
  }

  private freeImplicit(): void {
    this.implicit?.destroy();
    this.implicit = null;
  }

  /** The buffers a time scheme steps (current grid). */
  private schemeFields(): SolverFields {
    const b = this.buffers;
    return { params: this.params, u: b.u, v: b.v, sigma: b.sigma, cellKind: b.cellKind, status: b.status, slots: this.slots };
  }

  private implicitSolver(): ImplicitGpu {
    if (!this.implicit) {
      this.implicit = new ImplicitGpu(this.device, this.ctx.sources, shaderPrelude(), this.grid.nx, this.grid.ny, this.schemeFields());
      this.implicit.configure(this.validated);
    }
    return this.implicit;
  }

  private allocate(): void {
    const d = this.device;
    this.grid = gridOf(this.validated.scenario);
    this.cells = this.grid.nx * this.grid.ny;
    const bytes = this.cells * 4;
    const S = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const field = (label: string) => d.createBuffer({ label, size: bytes, usage: S });
    this.reduceCount = Math.min(MAX_REDUCE_GROUPS, Math.ceil(this.cells / REDUCE_WG));
    this.buffers = {
      u: [field('T - T0 (a)'), field('T - T0 (b)')],
      v: [field('c - c0 (a)'), field('c - c0 (b)')],
      sigma: field('entropy production sigma'),
      cellKind: field('cell kind'),
      partials: d.createBuffer({ label: 'reduction partials', size: this.reduceCount * REDUCE_QUANTITIES * 4, usage: GPUBufferUsage.STORAGE }),
      totals: d.createBuffer({ label: 'reduction totals', size: REDUCE_QUANTITIES * 4, usage: S }),
      status: d.createBuffer({ label: 'solver status', size: 4, usage: S }),
    };
    this.fieldRing = new StagingRing(d, 'field', bytes, 3);
    const b = this.buffers;
    const stepGroup = (k: 0 | 1) =>
      d.createBindGroup({
        label: `step ${k ? 'b->a' : 'a->b'}`,
        layout: this.pipes.stepLayout,
        entries: [this.params, b.u[k], b.v[k], b.u[1 - k], b.v[1 - k], b.sigma, b.cellKind, b.status].map((buffer, binding) => ({
          binding,
          resource: { buffer },
        })),
      });
    const reduceGroup = (k: 0 | 1) =>
      d.createBindGroup({
        label: `reduce ${k ? 'b' : 'a'}`,
        layout: this.pipes.reduceLayout,
        entries: [this.params, b.u[k], b.v[k], b.sigma, b.cellKind, b.partials, b.totals].map((buffer, binding) => ({
          binding,
          resource: { buffer },
        })),
      });
    this.stepGroups = [stepGroup(0), stepGroup(1)];
    this.reduceGroups = [reduceGroup(0), reduceGroup(1)];
    this.launch = launchSize(this.cells, WORKGROUP);
    this.tiles = tileLaunch(this.grid.nx, this.grid.ny);
  }

  private freeGrid(): void {
    if (!this.buffers) return;
    const b = this.buffers;
    for (const buf of [...b.u, ...b.v, b.sigma, b.cellKind, b.partials, b.totals, b.status]) buf.destroy();
    this.fieldRing.destroy();
    this.rkl2?.destroy();
    this.rkl2 = null;
    this.freeImplicit();
  }

  /** Uploads parameters and cell kinds for the current scenario (fields untouched). */
  private upload(): void {
    this.stateVersion++;
    const { scenario, derived } = this.validated;
    const inputs = buildCellInputs(scenario);
    const { kinds, table } = cellKindsOf(inputs);
    writeParams(new DataView(this.paramsData), paramsValues(scenario, derived, table));
    this.stepBaseWord[0] = this.steps;
    new DataView(this.paramsData).setUint32(paramsLayout.fields.stepBase.offset, this.steps, true);
    this.device.queue.writeBuffer(this.params, 0, this.paramsData);
    this.device.queue.writeBuffer(this.buffers.cellKind, 0, kinds);
    this.implicitHistory = null;
    this.prepareScheme();
  }

  reset(): void {
    const inputs = buildCellInputs(this.validated.scenario);
    this.simTime = 0;
    this.steps = 0;
    this.passes = 0;
    this.current = 0;
    this.stateVersion++;
    this.upload();
    this.lastSolve = null;
    const q = this.device.queue;
    q.writeBuffer(this.buffers.u[0], 0, Float32Array.from(inputs.temperature));
    q.writeBuffer(this.buffers.v[0], 0, Float32Array.from(inputs.concentration));
    q.writeBuffer(this.buffers.status, 0, Uint32Array.of(NO_FAILURE));
  }

  setScenario(v: Validated): void {
    const keep = sameGrid(this.validated, v);
    this.validated = v;
    if (keep) {
      this.upload();
      return;
    }
    this.freeGrid();
    this.allocate();
    this.reset();
  }

  /** Encodes `n` steps into `pass` starting at the current buffer (n <= STEPS_PER_SUBMIT). */
  private encodeSteps(pass: GPUComputePassEncoder, n: number): void {
    const edges = edgeLaunch(this.grid.nx, this.grid.ny);
    for (let s = 0; s < n; s++) {
      pass.setBindGroup(0, this.stepGroups[this.current]);
      pass.setBindGroup(1, this.slotGroup, [s * SLOT_STRIDE]);
      pass.setPipeline(this.pipes.step);
      pass.dispatchWorkgroups(this.tiles[0], this.tiles[1]);
      pass.setPipeline(this.pipes.stepEdge);
      pass.dispatchWorkgroups(edges);
      this.current = 1 - this.current;
    }
  }

  /**
   * Queues n steps of the scheme without waiting for them (the page's frame loop). Each submit
   * holds up to STEPS_PER_SUBMIT steps (fewer for RKL2, whose steps are s + 2 dispatches, and one
   * per implicit step).
   */
  enqueueSteps(n: number): void {
    if (this.jumping) throw new Error('enqueueSteps: a steady-state jump is in progress; await jumpToSteadyState() first');
    const dt = this.validated.derived.dt;
    const scheme = this.scheme;
    const perSubmit =
      scheme === 'rkl2' ? Math.max(1, Math.min(STEPS_PER_SUBMIT, Math.floor(DISPATCHES_PER_SUBMIT / this.rkl2!.dispatchesPerStep))) : scheme === 'implicit' ? 1 : STEPS_PER_SUBMIT;
    let left = n;
    if (n > 0) this.stateVersion++;
    while (left > 0) {
      const chunk = Math.min(left, perSubmit);
      this.stepBaseWord[0] = this.steps;
      this.device.queue.writeBuffer(this.params, paramsLayout.fields.stepBase.offset, this.stepBaseWord);
      const encoder = this.device.createCommandEncoder({ label: 'steps' });
      const pass = encoder.beginComputePass({ label: `${scheme} steps` });
      if (scheme === 'euler') {
        this.encodeSteps(pass, chunk);
        this.passes += chunk;
      } else if (scheme === 'rkl2') {
        for (let k = 0; k < chunk; k++) {
          this.rkl2!.encodeStep(pass, this.current as 0 | 1, k);
          this.current = 1 - this.current;
        }
        this.passes += chunk * this.validated.derived.stages;
      } else {
        for (let k = 0; k < chunk; k++) {
          const bdf2 = this.implicitHistory === dt;
          const p = this.implicit!.encodeStep(pass, this.current as 0 | 1, bdf2, STEP_ITERATIONS, STEP_VCYCLES, k);
          this.implicitHistory = dt;
          this.passes += p;
          this.implicitSince.steps++;
          this.implicitSince.passes += p;
        }
      }
      pass.end();
      this.device.queue.submit([encoder.finish()]);
      this.steps += chunk;
      this.simTime += chunk * dt;
      left -= chunk;
      this.inFlight++;
    }
    if (scheme !== 'implicit') this.implicitHistory = null;
  }

  /**
   * Refreshes lastSolve from the residual of the last implicit step (its read is queued at the
   * call, after the steps). A read the scheme's teardown overtakes leaves lastSolve as it was.
   */
  private async refreshSolveReport(): Promise<void> {
    if (this.scheme !== 'implicit' || !this.implicit || this.implicitSince.steps === 0) return;
    const since = this.implicitSince;
    this.implicitSince = { steps: 0, passes: 0 };
    try {
      const rep = await this.implicit.readReport();
      this.lastSolve = { ...rep, iterations: STEP_ITERATIONS, vCycles: STEP_ITERATIONS * STEP_VCYCLES, converged: true, stalled: false, passes: since.passes / since.steps };
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
    const problems = steadyStateProblems(this.validated);
    if (problems.length) throw new Error(problems.join('; '));
    const solver = this.implicitSolver();
    this.stepBaseWord[0] = this.steps;
    this.device.queue.writeBuffer(this.params, paramsLayout.fields.stepBase.offset, this.stepBaseWord);
    this.jumping = true;
    this.stateVersion++;
    let rep: SolveReport;
    try {
      rep = await solver.jump(
        this.current as 0 | 1,
        { tolerance: o.tolerance ?? JUMP_TOLERANCE, maxIterations: o.maxIterations ?? JUMP_MAX_ITERATIONS, vCycles: o.vCycles ?? JUMP_VCYCLES },
        0,
      );
    } finally {
      this.jumping = false;
    }
    this.passes += rep.passes;
    this.implicitHistory = null;
    this.lastSolve = rep;
    // The jump has been read back, so the GPU is done with the multigrid: euler and rkl2 give it back.
    if (this.scheme !== 'implicit') this.freeImplicit();
    return rep;
  }

  /** Advances n steps and resolves when the GPU has done them (at most two submits queued ahead). */
  async step(n: number): Promise<void> {
    let left = n;
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
    this.stepBaseWord[0] = Math.max(this.steps, 1) - 1;
    this.device.queue.writeBuffer(this.params, paramsLayout.fields.stepBase.offset, this.stepBaseWord);
    const pass = encoder.beginComputePass({ label: 'entropy production' });
    pass.setPipeline(this.pipes.entropy);
    pass.setBindGroup(0, this.stepGroups[this.current]);
    pass.setBindGroup(1, this.slotGroup, [0]);
    const [x, y] = tileLaunch(this.grid.nx, this.grid.ny, 1);
    pass.dispatchWorkgroups(x, y);
    pass.end();
  }

  /**
   * The current field buffer of T - T0, c - c0, or sigma (for views that bind them directly).
   * Asking for sigma first submits the entropy pass when sigma is not current; asking for T or c
   * counts as a possible write (brushes paint in place), so the next sigma is recomputed.
   */
  fieldBuffer(name: FieldName): GPUBuffer {
    if (name === 'sigma') {
      if (this.sigmaVersion !== this.stateVersion) {
        const encoder = this.device.createCommandEncoder({ label: 'entropy production' });
        this.encodeEntropy(encoder);
        this.device.queue.submit([encoder.finish()]);
      }
      return this.buffers.sigma;
    }
    this.stateVersion++;
    return this.currentBuffer(name);
  }

  private currentBuffer(name: 'T' | 'c'): GPUBuffer {
    return (name === 'T' ? this.buffers.u : this.buffers.v)[this.current];
  }

  async readField(name: FieldName): Promise<FieldData> {
    const { nx, ny } = this.grid;
    const { T0, c0 } = this.validated.scenario.reference;
    const bytes = this.cells * 4;
    const raw = await this.fieldRing.read(
      (encoder, dst) => {
        if (name === 'sigma') this.encodeEntropy(encoder);
        encoder.copyBufferToBuffer(name === 'sigma' ? this.buffers.sigma : this.currentBuffer(name), 0, dst, 0, bytes);
      },
      (mapped) => new Float32Array(mapped.slice(0, bytes)),
    );
    if (name === 'sigma') return { nx, ny, data: raw };
    const off = name === 'T' ? T0 : c0;
    const data = new Float64Array(raw.length);
    for (let i = 0; i < raw.length; i++) data[i] = raw[i] + off;
    return { nx, ny, data };
  }

  /** The raw stored deviations (T - T0 or c - c0) as float32, for tests of the stored state. */
  async readDeviation(name: 'T' | 'c'): Promise<Float32Array> {
    const bytes = this.cells * 4;
    return this.fieldRing.read(
      (encoder, dst) => encoder.copyBufferToBuffer(this.currentBuffer(name), 0, dst, 0, bytes),
      (mapped) => new Float32Array(mapped.slice(0, bytes)),
    );
  }

  async writeField(name: 'T' | 'c', data: ArrayLike<number>): Promise<void> {
    if (data.length !== this.cells) throw new Error(`writeField(${name}): expected ${this.cells} values (nx*ny), got ${data.length}`);
    const { T0, c0 } = this.validated.scenario.reference;
    const off = name === 'T' ? T0 : c0;
    const dev = new Float32Array(this.cells);
    for (let i = 0; i < this.cells; i++) dev[i] = data[i] - off;
    this.device.queue.writeBuffer(this.currentBuffer(name), 0, dev);
    this.stateVersion++;
    this.implicitHistory = null;
  }

  /** Reductions of the state as of this call (counters included), read back asynchronously. */
  async stats(): Promise<SimStats> {
    const solve = this.refreshSolveReport();
    const at = { steps: this.steps, passes: this.passes, simTime: this.simTime };
    const totals = await this.statsRing.read(
      (encoder, dst) => {
        at.steps = this.steps;
        at.passes = this.passes;
        at.simTime = this.simTime;
        this.encodeEntropy(encoder);
        const pass = encoder.beginComputePass({ label: 'reductions' });
        pass.setBindGroup(0, this.reduceGroups[this.current]);
        pass.setPipeline(this.pipes.reduceCells);
        pass.dispatchWorkgroups(this.reduceCount);
        pass.setPipeline(this.pipes.reduceGroups);
        pass.dispatchWorkgroups(1);
        pass.end();
        encoder.copyBufferToBuffer(this.buffers.totals, 0, dst, 0, REDUCE_QUANTITIES * 4);
        encoder.copyBufferToBuffer(this.buffers.status, 0, dst, REDUCE_QUANTITIES * 4, 4);
      },
      (mapped) => ({
        q: Float64Array.from(new Float32Array(mapped, 0, REDUCE_QUANTITIES)),
        firstBad: new Uint32Array(mapped, REDUCE_QUANTITIES * 4, 1)[0],
      }),
    );
    await solve;
    return this.statsFromTotals(totals.q, totals.firstBad, at);
  }

  private statsFromTotals(q: Float64Array, firstBad: number, at: { steps: number; passes: number; simTime: number }): SimStats {
    const { scenario, derived } = this.validated;
    const { T0, c0 } = scenario.reference;
    const { rho, cp } = derived.material;
    const { hx, hy } = this.grid;
    const area = hx * hy;
    const inputs = this.fluidCounts();
    const n = Math.max(inputs.fluid, 1);
    const heat = Object.fromEntries(SIDES.map((s, i) => [s, q[12 + i]])) as SimStats['heatIn'];
    return {
      ...at,
      entropyProduction: q[2] * area,
      solute: rho * area * (c0 * inputs.fluid + q[1]),
      energy: rho * cp * area * q[0],
      separation: (inputs.right ? q[11] / inputs.right : 0) - (inputs.left ? q[10] / inputs.left : 0),
      heatIn: heat,
      T: { min: T0 + q[3], max: T0 + q[4], mean: T0 + q[0] / n },
      c: { min: c0 + q[5], max: c0 + q[6], mean: c0 + q[1] / n },
      sigma: { min: q[7], max: q[8], mean: q[2] / n },
      nonFinite: Math.round(q[9]),
      firstNonFiniteStep: firstBad === NO_FAILURE ? null : firstBad,
    };
  }

  private fluidCountCache?: { key: Validated; fluid: number; left: number; right: number };

  /** Fluid cells overall and in the leftmost / rightmost columns (fixed by the obstacles). */
  private fluidCounts(): { fluid: number; left: number; right: number } {
    if (this.fluidCountCache?.key === this.validated) return this.fluidCountCache;
    const { solid } = buildCellInputs(this.validated.scenario);
    const { nx, ny } = this.grid;
    let fluid = 0;
    let left = 0;
    let right = 0;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        if (solid[j * nx + i]) continue;
        fluid++;
        if (i === 0) left++;
        if (i === nx - 1) right++;
      }
    }
    this.fluidCountCache = { key: this.validated, fluid, left, right };
    return this.fluidCountCache;
  }

  destroy(): void {
    this.freeGrid();
    this.statsRing.destroy();
    this.params.destroy();
    this.slots.destroy();
  }
}
