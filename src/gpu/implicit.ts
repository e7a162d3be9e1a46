/**
 * The implicit scheme on the GPU: backward Euler / BDF2 steps and the steady-state jump, solved by
 * geometric multigrid (shaders/implicit.wgsl, shaders/multigrid.wgsl). src/physics/implicit.ts
 * and src/physics/multigrid.ts are the float64 mirror: same levels, same kernels in the same
 * order, same pass counts. Owns the packed level buffers (allocated while the scheme is implicit
 * or after a jump, about 150 bytes per cell).
 */
import { wallConstantsOf } from '../physics/discretisation';
import { HEAT_WALL } from '../physics/faces';
import {
  BACKWARD_EULER,
  BDF2,
  convergedTo,
  jumpPasses,
  jumpTStep,
  NO_T_STEP_CAP,
  nullChannels,
  residualReport,
  stalled,
  stepPasses,
  type ResidualSums,
  type SolveReport,
} from '../physics/implicit';
import { levelDims, POST_SWEEPS, PRE_SWEEPS, totalCells, type LevelDims } from '../physics/multigrid';
import type { Grid } from '../physics/grid';
import type { Validated } from '../physics/validate';
import { bindGroup, bindLayout, SLOT_STRIDE, type SolverFields } from './bindings';
import { levelLayout, solveLayout } from './params';
import { StagingRing } from './readback';
import { composeShader, type ShaderSources } from './shaders';
import { writeStruct } from './layout';

const WORKGROUP = 256;
const REDUCE_WG = 128;
const MAX_REDUCE_GROUPS = 256;
/** Sums the residual reduction produces (shaders/implicit.wgsl `Q`). */
const Q = 12;
/** CellOp (shaders/mgcell.wgsl): 4 vec4, m, count, fx, fy, padded to 96 bytes. */
const CELL_OP_BYTES = 96;
/** Solve slots: backward Euler, BDF2, the jump. */
const SOLVE_BE = 0;
const SOLVE_BDF2 = 1;
const SOLVE_JUMP = 2;

function launch(count: number): [number, number] {
  const groups = Math.max(1, Math.ceil(count / WORKGROUP));
  return groups <= 65535 ? [groups, 1] : [65535, Math.ceil(groups / 65535)];
}

class ImplicitPipelines {
  readonly layouts: Record<'begin' | 'assemble' | 'reduceCells' | 'reduceGroups' | 'project' | 'update' | 'solve' | 'slot' | 'mg' | 'level', GPUBindGroupLayout>;
  readonly begin: GPUComputePipeline;
  readonly assemble: GPUComputePipeline;
  readonly reduceCells: GPUComputePipeline;
  readonly reduceGroups: GPUComputePipeline;
  readonly projectRhs: GPUComputePipeline;
  readonly projectCorrection: GPUComputePipeline;
  readonly update: GPUComputePipeline;
  readonly smooth: GPUComputePipeline;
  readonly restrict: GPUComputePipeline;
  readonly prolong: GPUComputePipeline;
  readonly coarsen: GPUComputePipeline;

  constructor(device: GPUDevice, sources: ShaderSources, prelude: string) {
    const fine = device.createShaderModule({ label: 'implicit.wgsl', code: composeShader('implicit.wgsl', sources, prelude) });
    const mg = device.createShaderModule({ label: 'multigrid.wgsl', code: composeShader('multigrid.wgsl', sources, prelude) });
    const L = (label: string, spec: Parameters<typeof bindLayout>[2]) => bindLayout(device, label, spec);
    this.layouts = {
      begin: L('implicit begin', [
        [0, 'uniform'],
        [1, 'storage'],
        [2, 'storage'],
        [9, 'storage'],
        [10, 'storage'],
      ]),
      assemble: L('implicit assemble', [
        [0, 'uniform'],
        [1, 'storage'],
        [2, 'storage'],
        [3, 'read-only-storage'],
        [5, 'storage'],
        [6, 'storage'],
        [7, 'storage'],
        [8, 'storage'],
        [9, 'storage'],
      ]),
      reduceCells: L('implicit reduce cells', [
        [0, 'uniform'],
        [1, 'storage'],
        [2, 'storage'],
        [5, 'storage'],
        [6, 'storage'],
        [7, 'storage'],
        [8, 'storage'],
        [11, 'storage'],
      ]),
      reduceGroups: L('implicit reduce groups', [
        [11, 'storage'],
        [12, 'storage'],
      ]),
      project: L('implicit project', [
        [0, 'uniform'],
        [5, 'storage'],
        [6, 'storage'],
        [7, 'storage'],
        [12, 'storage'],
      ]),
      update: L('implicit update', [
        [0, 'uniform'],
        [1, 'storage'],
        [2, 'storage'],
        [3, 'read-only-storage'],
        [4, 'storage'],
        [6, 'storage'],
      ]),
      solve: L('implicit solve slot', [[0, 'dynamic-uniform']]),
      slot: L('implicit step slot', [[0, 'dynamic-uniform']]),
      mg: L('multigrid levels', [
        [0, 'storage'],
        [1, 'storage'],
        [2, 'storage'],
      ]),
      level: L('multigrid level slot', [[0, 'dynamic-uniform']]),
    };
    const l = this.layouts;
    const make = (module: GPUShaderModule, entryPoint: string, groups: GPUBindGroupLayout[]) =>
      device.createComputePipeline({
        label: entryPoint,
        layout: device.createPipelineLayout({ label: entryPoint, bindGroupLayouts: groups }),
        compute: { module, entryPoint },
      });
    this.begin = make(fine, 'beginStep', [l.begin, l.solve]);
    this.assemble = make(fine, 'assemble', [l.assemble, l.solve]);
    this.reduceCells = make(fine, 'reduceCells', [l.reduceCells]);
    this.reduceGroups = make(fine, 'reduceGroups', [l.reduceGroups]);
    this.projectRhs = make(fine, 'projectRhs', [l.project, l.solve]);
    this.projectCorrection = make(fine, 'projectCorrection', [l.project, l.solve]);
    this.update = make(fine, 'update', [l.update, l.solve, l.slot]);
    const mgGroups = [l.mg, l.level];
    this.smooth = make(mg, 'smoothBlocks', mgGroups);
    this.restrict = make(mg, 'restrictResidual', mgGroups);
    this.prolong = make(mg, 'prolong', mgGroups);
    this.coarsen = make(mg, 'coarsen', mgGroups);
  }
}

const cache = new WeakMap<GPUDevice, ImplicitPipelines>();

/** The residual sums among the reduction's totals (see shaders/implicit.wgsl). */
const sumsOf = (t: ArrayLike<number>): ResidualSums => ({ r2: [t[0], t[1]], s2: [t[2], t[3]], fluid: t[8] });

export class ImplicitGpu {
  readonly levels: LevelDims[];
  private readonly pipes: ImplicitPipelines;
  private readonly buffers: GPUBuffer[] = [];
  private readonly solveSlots: GPUBuffer;
  private readonly levelSlots: GPUBuffer;
  private readonly totals: GPUBuffer;
  private readonly ring: StagingRing;
  private readonly groups: {
    begin: GPUBindGroup[];
    assemble: GPUBindGroup[];
    update: GPUBindGroup[];
    reduceCells: GPUBindGroup[];
    reduceGroups: GPUBindGroup;
    project: GPUBindGroup;
    solve: GPUBindGroup;
    slot: GPUBindGroup;
    mg: GPUBindGroup;
    level: GPUBindGroup;
  };
  private readonly fine: [number, number];
  private readonly reduceCount: number;
  private readonly cells: number;
  /** Channels the jump keeps the totals of (set by configure). */
  private nulls = { heat: false, mass: false };

  constructor(
    private readonly device: GPUDevice,
    sources: ShaderSources,
    prelude: string,
    grid: Grid,
    f: SolverFields,
  ) {
    let p = cache.get(device);
    if (!p) {
      p = new ImplicitPipelines(device, sources, prelude);
      cache.set(device, p);
    }
    this.pipes = p;
    this.levels = levelDims(grid.nx, grid.ny, grid.hx, grid.hy);
    this.cells = grid.nx * grid.ny;
    const all = totalCells(this.levels);
    const S = GPUBufferUsage.STORAGE;
    const buffer = (label: string, size: number, usage = S) => {
      const b = device.createBuffer({ label, size, usage });
      this.buffers.push(b);
      return b;
    };
    const ops = buffer('multigrid operators (all levels)', all * CELL_OP_BYTES);
    const xs = buffer('multigrid corrections (all levels)', all * 8);
    const bs = buffer('multigrid right-hand sides (all levels)', all * 8);
    const scale = buffer('implicit residual scale', this.cells * 8);
    const yb = buffer('implicit Yb', this.cells * 8);
    const yPrev = buffer('implicit Y^{n-1}', this.cells * 8);
    this.reduceCount = Math.min(MAX_REDUCE_GROUPS, Math.ceil(this.cells / REDUCE_WG));
    const partials = buffer('implicit reduction partials', this.reduceCount * Q * 4);
    this.totals = buffer('implicit reduction totals', Q * 4, S | GPUBufferUsage.COPY_SRC);
    this.solveSlots = buffer('implicit solve slots', 3 * SLOT_STRIDE, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.levelSlots = buffer('multigrid level slots', 2 * this.levels.length * SLOT_STRIDE, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.ring = new StagingRing(device, 'implicit residual', Q * 4, 2);
    this.fine = launch(this.cells);

    const l = p.layouts;
    const G = (label: string, layout: GPUBindGroupLayout, entries: Parameters<typeof bindGroup>[3]) => bindGroup(device, label, layout, entries);
    const pair = <T>(make: (k: 0 | 1) => T): T[] => [make(0), make(1)];
    this.groups = {
      begin: pair((k) =>
        G(`implicit begin ${k ? 'b' : 'a'}`, l.begin, [
          [0, f.params],
          [1, f.u[k]],
          [2, f.v[k]],
          [9, yb],
          [10, yPrev],
        ]),
      ),
      assemble: pair((k) =>
        G(`implicit assemble ${k ? 'b' : 'a'}`, l.assemble, [
          [0, f.params],
          [1, f.u[k]],
          [2, f.v[k]],
          [3, f.cellKind],
          [5, ops],
          [6, xs],
          [7, bs],
          [8, scale],
          [9, yb],
        ]),
      ),
      update: pair((k) =>
        G(`implicit update ${k ? 'b' : 'a'}`, l.update, [
          [0, f.params],
          [1, f.u[k]],
          [2, f.v[k]],
          [3, f.cellKind],
          [4, f.status],
          [6, xs],
        ]),
      ),
      reduceCells: pair((k) =>
        G(`implicit reduce cells ${k ? 'b' : 'a'}`, l.reduceCells, [
          [0, f.params],
          [1, f.u[k]],
          [2, f.v[k]],
          [5, ops],
          [6, xs],
          [7, bs],
          [8, scale],
          [11, partials],
        ]),
      ),
      reduceGroups: G('implicit reduce groups', l.reduceGroups, [
        [11, partials],
        [12, this.totals],
      ]),
      project: G('implicit project', l.project, [
        [0, f.params],
        [5, ops],
        [6, xs],
        [7, bs],
        [12, this.totals],
      ]),
      solve: G('implicit solve slot', l.solve, [[0, this.solveSlots, solveLayout.size]]),
      slot: G('implicit step slot', l.slot, [[0, f.slots, 4]]),
      mg: G('multigrid levels', l.mg, [
        [0, ops],
        [1, xs],
        [2, bs],
      ]),
      level: G('multigrid level slot', l.level, [[0, this.levelSlots, levelLayout.size]]),
    };
  }

  /** GPU memory held [bytes]. */
  get bytes(): number {
    return this.buffers.reduce((s, b) => s + b.size, 0) + this.ring.bytes;
  }

  /** Level and solve uniforms for the scenario (grid, walls, dt, material). */
  configure(v: Validated): void {
    const walls = wallConstantsOf(v.scenario);
    const periodicX = walls.left.heatType === HEAT_WALL.periodic ? 1 : 0;
    const periodicY = walls.bottom.heatType === HEAT_WALL.periodic ? 1 : 0;
    const data = new ArrayBuffer(this.levelSlots.size);
    this.levels.forEach((lv, k) => {
      const c = this.levels[k + 1] ?? lv;
      for (const colour of [0, 1]) {
        writeStruct(levelLayout, new DataView(data, (2 * k + colour) * SLOT_STRIDE), {
          nx: lv.nx,
          ny: lv.ny,
          offset: lv.offset,
          colour,
          cnx: c.nx,
          cny: c.ny,
          coffset: c.offset,
          crx: c.rx,
          cry: c.ry,
          periodicX,
          periodicY,
        });
      }
    });
    this.device.queue.writeBuffer(this.levelSlots, 0, data);

    const { dt, material } = v.derived;
    this.nulls = nullChannels(walls);
    const solve = new ArrayBuffer(this.solveSlots.size);
    const put = (slot: number, a: readonly [number, number, number], m: [number, number], bdf2: boolean, nulls: boolean) =>
      writeStruct(solveLayout, new DataView(solve, slot * SLOT_STRIDE), {
        mT: m[0],
        mC: m[1],
        a0: a[0],
        a1: a[1],
        a2: a[2],
        bdf2: bdf2 ? 1 : 0,
        nullHeat: nulls && this.nulls.heat ? 1 : 0,
        nullMass: nulls && this.nulls.mass ? 1 : 0,
        maxTStep: NO_T_STEP_CAP,
      });
    const m = (a0: number): [number, number] => [(a0 * material.rho * material.cp) / dt, (a0 * material.rho) / dt];
    put(SOLVE_BE, BACKWARD_EULER, m(BACKWARD_EULER[0]), false, false);
    put(SOLVE_BDF2, BDF2, m(BDF2[0]), true, false);
    put(SOLVE_JUMP, BACKWARD_EULER, [0, 0], false, true);
    this.device.queue.writeBuffer(this.solveSlots, 0, solve);
  }

  private fineKernel(pass: GPUComputePassEncoder, pipeline: GPUComputePipeline, group: GPUBindGroup, solve: number): void {
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.setBindGroup(1, this.groups.solve, [solve * SLOT_STRIDE]);
    pass.dispatchWorkgroups(...this.fine);
  }

  private encodeReduce(pass: GPUComputePassEncoder, current: 0 | 1): void {
    pass.setPipeline(this.pipes.reduceCells);
    pass.setBindGroup(0, this.groups.reduceCells[current]);
    pass.dispatchWorkgroups(this.reduceCount);
    pass.setPipeline(this.pipes.reduceGroups);
    pass.setBindGroup(0, this.groups.reduceGroups);
    pass.dispatchWorkgroups(1);
  }

  private levelKernel(pass: GPUComputePassEncoder, pipeline: GPUComputePipeline, k: number, colour: number, threads: number): void {
    pass.setPipeline(pipeline);
    pass.setBindGroup(1, this.groups.level, [(2 * k + colour) * SLOT_STRIDE]);
    pass.dispatchWorkgroups(...launch(threads));
  }

  private sweep(pass: GPUComputePassEncoder, k: number): void {
    const l = this.levels[k];
    const half = Math.ceil(l.nx / 2) * l.ny;
    this.levelKernel(pass, this.pipes.smooth, k, 0, half);
    this.levelKernel(pass, this.pipes.smooth, k, 1, half);
  }

  private vCycle(pass: GPUComputePassEncoder, k: number): void {
    const l = this.levels[k];
    if (k === this.levels.length - 1) {
      this.sweep(pass, k);
      return;
    }
    const c = this.levels[k + 1];
    for (let s = 0; s < PRE_SWEEPS; s++) this.sweep(pass, k);
    this.levelKernel(pass, this.pipes.restrict, k, 0, c.nx * c.ny);
    this.vCycle(pass, k + 1);
    this.levelKernel(pass, this.pipes.prolong, k, 0, l.nx * l.ny);
    for (let s = 0; s < POST_SWEEPS; s++) this.sweep(pass, k);
  }

  /** Coarse operators of every level, then `vCycles` V-cycles on the assembled system. */
  private encodeSolve(pass: GPUComputePassEncoder, vCycles: number): void {
    pass.setBindGroup(0, this.groups.mg);
    for (let k = 0; k + 1 < this.levels.length; k++) {
      const c = this.levels[k + 1];
      this.levelKernel(pass, this.pipes.coarsen, k, 0, c.nx * c.ny);
    }
    for (let c = 0; c < vCycles; c++) this.vCycle(pass, 0);
  }

  private encodeUpdate(pass: GPUComputePassEncoder, current: 0 | 1, solve: number, slot: number): void {
    pass.setPipeline(this.pipes.update);
    pass.setBindGroup(0, this.groups.update[current]);
    pass.setBindGroup(1, this.groups.solve, [solve * SLOT_STRIDE]);
    pass.setBindGroup(2, this.groups.slot, [slot * SLOT_STRIDE]);
    pass.dispatchWorkgroups(...this.fine);
  }

  /**
   * Encodes one implicit time step (backward Euler, or BDF2 when `bdf2`) on field buffers
   * `current`, in place: `iterations` outer iterations of `vCycles` V-cycles, then the residual
   * sums of the result (read by `readReport`). `slot`: the step's index within its submit.
   */
  encodeStep(pass: GPUComputePassEncoder, current: 0 | 1, bdf2: boolean, iterations: number, vCycles: number, slot: number): number {
    const solve = bdf2 ? SOLVE_BDF2 : SOLVE_BE;
    this.fineKernel(pass, this.pipes.begin, this.groups.begin[current], solve);
    this.fineKernel(pass, this.pipes.assemble, this.groups.assemble[current], solve);
    for (let it = 0; it < iterations; it++) {
      this.encodeSolve(pass, vCycles);
      this.encodeUpdate(pass, current, solve, slot);
      this.fineKernel(pass, this.pipes.assemble, this.groups.assemble[current], solve);
    }
    this.encodeReduce(pass, current);
    return stepPasses(this.levels, iterations, vCycles);
  }

  /** Reads the sums of the last reduction (queued after everything submitted). */
  private readTotals(): Promise<Float64Array> {
    return this.ring.read(
      (encoder, dst) => encoder.copyBufferToBuffer(this.totals, 0, dst, 0, Q * 4),
      (bytes) => Float64Array.from(new Float32Array(bytes, 0, Q)),
    );
  }

  /** Reads the residual of the last assembled state (queued after everything submitted). */
  async readReport(): Promise<Pick<SolveReport, 'residual' | 'relative'>> {
    return residualReport(sumsOf(await this.readTotals()));
  }

  /**
   * The steady-state jump on field buffers `current`, in place: backward Euler with dt = infinity,
   * outer iterations until the relative residual is below `tolerance` (one submit and one
   * readback each). `slot`: the step slot for non-finite reports.
   */
  async jump(current: 0 | 1, o: { tolerance: number; maxIterations: number; vCycles: number }, slot: number): Promise<SolveReport> {
    const encodeAndRead = async (body: (pass: GPUComputePassEncoder) => void) => {
      const encoder = this.device.createCommandEncoder({ label: 'steady-state jump' });
      const pass = encoder.beginComputePass({ label: 'steady-state jump' });
      body(pass);
      this.encodeReduce(pass, current);
      pass.end();
      this.device.queue.submit([encoder.finish()]);
      return this.readTotals();
    };
    const start = await encodeAndRead((pass) => {
      this.fineKernel(pass, this.pipes.begin, this.groups.begin[current], SOLVE_JUMP);
      this.fineKernel(pass, this.pipes.assemble, this.groups.assemble[current], SOLVE_JUMP);
    });
    // The totals to keep: the sums of the deviations at the start.
    const sums = new ArrayBuffer(8);
    new Float32Array(sums).set([start[10], start[11]]);
    this.device.queue.writeBuffer(this.solveSlots, SOLVE_JUMP * SLOT_STRIDE + solveLayout.fields.sumU0.offset, sums);
    let rep = residualReport(sumsOf(start), sumsOf(start));
    let iterations = 0;
    const history = [rep.relative];
    const writeTStep = (cap: number) =>
      this.device.queue.writeBuffer(this.solveSlots, SOLVE_JUMP * SLOT_STRIDE + solveLayout.fields.maxTStep.offset, new Float32Array([cap]));
    let maxTStep = NO_T_STEP_CAP;
    writeTStep(maxTStep);
    while (iterations < o.maxIterations && rep.relative > o.tolerance && !stalled(history) && Number.isFinite(rep.relative)) {
      const cap = jumpTStep(history, maxTStep);
      if (cap !== maxTStep) writeTStep((maxTStep = cap));
      rep = await encodeAndRead((pass) => {
        const anyNull = this.nulls.heat || this.nulls.mass;
        if (anyNull) this.fineKernel(pass, this.pipes.projectRhs, this.groups.project, SOLVE_JUMP);
        this.encodeSolve(pass, o.vCycles);
        if (anyNull) {
          this.encodeReduce(pass, current);
          this.fineKernel(pass, this.pipes.projectCorrection, this.groups.project, SOLVE_JUMP);
        }
        this.encodeUpdate(pass, current, SOLVE_JUMP, slot);
        this.fineKernel(pass, this.pipes.assemble, this.groups.assemble[current], SOLVE_JUMP);
      }).then((t) => residualReport(sumsOf(t), sumsOf(start)));
      history.push(rep.relative);
      iterations++;
    }
    return {
      ...rep,
      iterations,
      vCycles: iterations * o.vCycles,
      converged: convergedTo(rep.relative, o.tolerance, stalled(history)),
      stalled: rep.relative > o.tolerance && stalled(history),
      passes: jumpPasses(this.levels, iterations, o.vCycles, this.nulls.heat || this.nulls.mass),
    };
  }

  destroy(): void {
    for (const b of this.buffers) b.destroy();
    this.ring.destroy();
  }
}
