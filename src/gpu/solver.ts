/**
 * The GPU solver: owns the field buffers (ping-ponged), the pipelines, the bind groups and the
 * readback rings for one grid, and steps the WGSL kernels. Steps are encoded many per submit, so
 * small grids are not bound by submit overhead; reads go through staging rings and never stall
 * stepping that is already queued.
 */
import { buildCellInputs, gridOf, type Grid } from '../physics/grid';
import { SIDES } from '../physics/scenario';
import {
  sameGrid,
  type FieldData,
  type FieldName,
  type FieldSimulation,
  type SimStats,
} from '../physics/simulation';
import type { Validated } from '../physics/validate';
import { cellKindsOf, paramsLayout, paramsValues, shaderPrelude, writeParams } from './params';
import { StagingRing } from './readback';
import { composeShader, type ShaderSources } from './shaders';

/** Dispatches encoded per submit (also the number of step-slot uniforms). */
export const STEPS_PER_SUBMIT = 256;
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

/** Pipelines and layouts, created once per device and shared by every grid. */
class SolverPipelines {
  readonly stepLayout: GPUBindGroupLayout;
  readonly slotLayout: GPUBindGroupLayout;
  readonly reduceLayout: GPUBindGroupLayout;
  readonly step: GPUComputePipeline;
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
  private reduceCount = 1;
  private inFlight = 0;

  private constructor(ctx: GpuContext, v: Validated) {
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

  /** GPU memory this solver holds, in bytes (fields, cell kinds, staging, reductions, uniforms). */
  get gpuBytes(): number {
    const n = this.cells * 4;
    return n * 6 + this.fieldRing.bytes + this.statsRing.bytes + this.reduceCount * REDUCE_QUANTITIES * 4 + 64 + 4 + paramsLayout.size + STEPS_PER_SUBMIT * SLOT_STRIDE;
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
  }

  private freeGrid(): void {
    if (!this.buffers) return;
    const b = this.buffers;
    for (const buf of [...b.u, ...b.v, b.sigma, b.cellKind, b.partials, b.totals, b.status]) buf.destroy();
    this.fieldRing.destroy();
  }

  /** Uploads parameters and cell kinds for the current scenario (fields untouched). */
  private upload(): void {
    const { scenario, derived } = this.validated;
    const inputs = buildCellInputs(scenario);
    const { kinds, table } = cellKindsOf(inputs);
    writeParams(new DataView(this.paramsData), paramsValues(scenario, derived, table));
    this.stepBaseWord[0] = this.steps;
    new DataView(this.paramsData).setUint32(paramsLayout.fields.stepBase.offset, this.steps, true);
    this.device.queue.writeBuffer(this.params, 0, this.paramsData);
    this.device.queue.writeBuffer(this.buffers.cellKind, 0, kinds);
  }

  reset(): void {
    const inputs = buildCellInputs(this.validated.scenario);
    this.simTime = 0;
    this.steps = 0;
    this.passes = 0;
    this.current = 0;
    this.upload();
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
    pass.setPipeline(this.pipes.step);
    for (let s = 0; s < n; s++) {
      pass.setBindGroup(0, this.stepGroups[this.current]);
      pass.setBindGroup(1, this.slotGroup, [s * SLOT_STRIDE]);
      pass.dispatchWorkgroups(this.launch[0], this.launch[1]);
      this.current = 1 - this.current;
    }
  }

  /**
   * Queues n steps without waiting for them (the page's frame loop). Each submit holds up to
   * STEPS_PER_SUBMIT steps.
   */
  enqueueSteps(n: number): void {
    const dt = this.validated.derived.dt;
    let left = n;
    while (left > 0) {
      const chunk = Math.min(left, STEPS_PER_SUBMIT);
      this.stepBaseWord[0] = this.steps;
      this.device.queue.writeBuffer(this.params, paramsLayout.fields.stepBase.offset, this.stepBaseWord);
      const encoder = this.device.createCommandEncoder({ label: 'steps' });
      const pass = encoder.beginComputePass({ label: 'steps' });
      this.encodeSteps(pass, chunk);
      pass.end();
      this.device.queue.submit([encoder.finish()]);
      this.steps += chunk;
      this.passes += chunk;
      this.simTime += chunk * dt;
      left -= chunk;
      this.inFlight++;
    }
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
  }

  private encodeEntropy(encoder: GPUCommandEncoder): void {
    const pass = encoder.beginComputePass({ label: 'entropy production' });
    pass.setPipeline(this.pipes.entropy);
    pass.setBindGroup(0, this.stepGroups[this.current]);
    pass.setBindGroup(1, this.slotGroup, [0]);
    pass.dispatchWorkgroups(this.launch[0], this.launch[1]);
    pass.end();
  }

  /** The current field buffer of T - T0, c - c0, or sigma (for views that bind them directly). */
  fieldBuffer(name: FieldName): GPUBuffer {
    if (name === 'sigma') return this.buffers.sigma;
    return (name === 'T' ? this.buffers.u : this.buffers.v)[this.current];
  }

  async readField(name: FieldName): Promise<FieldData> {
    const { nx, ny } = this.grid;
    const { T0, c0 } = this.validated.scenario.reference;
    const bytes = this.cells * 4;
    const raw = await this.fieldRing.read(
      (encoder, dst) => {
        if (name === 'sigma') this.encodeEntropy(encoder);
        encoder.copyBufferToBuffer(this.fieldBuffer(name), 0, dst, 0, bytes);
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
      (encoder, dst) => encoder.copyBufferToBuffer(this.fieldBuffer(name), 0, dst, 0, bytes),
      (mapped) => new Float32Array(mapped.slice(0, bytes)),
    );
  }

  async writeField(name: 'T' | 'c', data: ArrayLike<number>): Promise<void> {
    if (data.length !== this.cells) throw new Error(`writeField(${name}): expected ${this.cells} values (nx*ny), got ${data.length}`);
    const { T0, c0 } = this.validated.scenario.reference;
    const off = name === 'T' ? T0 : c0;
    const dev = new Float32Array(this.cells);
    for (let i = 0; i < this.cells; i++) dev[i] = data[i] - off;
    this.device.queue.writeBuffer(this.fieldBuffer(name), 0, dev);
  }

  /** Reductions of the state as of this call (counters included), read back asynchronously. */
  async stats(): Promise<SimStats> {
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
