/**
 * The implicit scheme on the GPU: backward Euler / BDF2 steps and the steady-state jump, solved by
 * geometric multigrid (shaders/implicit.wgsl; the level kernels shaders/multigrid.wgsl through
 * mgcoarse.wgsl and mgfine.wgsl). src/physics/implicit.ts and src/physics/multigrid.ts are the
 * float64 mirror: same levels, same kernels in the same order, same pass counts. Owns the level
 * buffers (allocated while the scheme is implicit or after a jump, about 85 bytes per cell with
 * square cells): x and b of every level, the operators of each coarse level in a buffer of its
 * own; the finest level's operator is recomputed from the state by its kernels (mgfine.wgsl),
 * never stored (it was the largest buffer: 96 B per cell).
 */
import { AndersonMixer, andersonWeights, keepsBounds } from '../physics/anderson';
import { wallConstantsOf } from '../physics/discretisation';
import { HEAT_WALL } from '../physics/faces';
import { reactionConstantsOf } from '../physics/reaction';
import { buildCellInputs, gridOf } from '../physics/grid';
import { fixedHeatInflow, openNullChannels } from '../physics/open-walls';
import { ionsActive } from '../physics/potential';
import {
  BACKWARD_EULER,
  BDF2,
  jumpPasses,
  JUMP_ROUND_OFF_MARGIN,
  jumpTStep,
  NO_T_STEP_CAP,
  refinementStands,
  residualReport,
  STEP_TOLERANCE,
  stepMarginScale,
  roundOffRatio,
  stalled,
  stallWindow,
  stepKeptChannels,
  stillFalling,
  stepPasses,
  widerScale,
  type ResidualSums,
  type SolveReport,
} from '../physics/implicit';
import { levelDims, POST_SWEEPS, PRE_SWEEPS, totalCells, type LevelDims } from '../physics/multigrid';
import type { Grid } from '../physics/grid';
import type { Validated } from '../physics/validate';
import type { SolverFields } from './grid-fields';
import { implicitSlots, implicitTable, mgFineTable, multigridTable } from './kernels';
import { operatorBuffers, RESIDUAL_LOG_STEPS } from './implicit-plan';
import { writeStruct } from './layout';
import { FLAT_WG, levelLayout, reduceGroupCount, solveLayout } from './params';
import { dispatch, kernel, launchSize, type BoundGroup, type Kernel, type PipelineCache } from './pipelines';
import { StagingRing } from './readback';
import { namedBindGroup, SLOT_STRIDE, type BoundBuffer } from './schema';
import { ASSEMBLE, BEGIN, BEGIN_SUBSTEP, COARSE, FINE, KEEP_STEP_START, KEEP_TOTALS, LEVEL_KERNELS, PROJECT_CORRECTION, PROJECT_RHS, REDUCE_CELLS, REDUCE_GROUPS, RESTORE, RESTORE_SUBSTEP, SOLVE_BDF2, SOLVE_BE, SOLVE_JUMP, SOLVE_SLOTS, SOLVE_SUBSTEP, SUMS_BYTES, sumsOf, UPDATE } from './implicit-kernels';
import type { FineLevelName, FineName, LevelKernel, LevelName } from './implicit-kernels';

export { IMPLICIT_KERNELS } from './implicit-kernels';

/** What the finest level's kernels read their operator from: the field buffers and the solve slot. */
interface FineState {
  current: 0 | 1;
  solve: number;
}

/**
 * A time step's residual, with the relative residual of its start (`start`) and how far above its
 * float32 round-off bound it is (`aboveRoundOff`, physics/implicit.ts roundOffRatio): stepRose's inputs.
 */
export type StepResidual = Pick<SolveReport, 'residual' | 'relative'> & { start: number; aboveRoundOff: number };

/** A StepResidual from the step's sums followed by its start's (2 x implicitSlots.count values). */
function stepResidualOf(sums: Float32Array, marginScale: number): StepResidual {
  const Q = implicitSlots.count;
  const end = sumsOf(sums.subarray(0, Q));
  const report = (x: ResidualSums) => residualReport(x, undefined, STEP_TOLERANCE, marginScale);
  return { ...report(end), start: report(sumsOf(sums.subarray(Q, 2 * Q))).relative, aboveRoundOff: roundOffRatio(end) };
}

export class ImplicitGpu {
  readonly levels: LevelDims[];
  private readonly buffers: GPUBuffer[] = [];
  private readonly solveSlots: GPUBuffer;
  private readonly levelSlots: GPUBuffer;
  private readonly totals: GPUBuffer;
  /** The residual sums of the last time step's start (KEEP_STEP_START), beside `totals` in every read of a step's residual. */
  private readonly stepStart: GPUBuffer;
  private readonly ring: StagingRing;
  /** Each queued step's residual sums and its start's (copied from `totals`, `stepStart` after it), read in one mapped read. */
  private readonly log: GPUBuffer;
  private readonly logRing: StagingRing;
  private readonly groups: {
    begin: GPUBindGroup[];
    assemble: GPUBindGroup[];
    update: GPUBindGroup[];
    reduceCells: GPUBindGroup[];
    reduceGroups: GPUBindGroup;
    keepStepStart: GPUBindGroup;
    project: GPUBindGroup;
    keepTotals: GPUBindGroup[];
    solve: GPUBindGroup;
    slot: GPUBindGroup;
    /** mg[k - 1]: level k's (k >= 1; the finest level's kernels bind `fine`). */
    mg: GPUBindGroup[];
    level: GPUBindGroup;
    fine: GPUBindGroup[];
    fineSolve: GPUBindGroup;
    fineLevel: GPUBindGroup;
  };
  private readonly fine: [number, number];
  private readonly reduceCount: number;
  private readonly cells: number;
  /** The solver's failure status word (the fields'), and its copy at the last jump's start (restoreJumpStart). */
  private readonly status: GPUBuffer;
  private readonly statusAtStart: GPUBuffer;
  /** The status word at the last time step's start (keepStepStatus; submitRestoreStep puts it back). */
  private readonly statusAtStep: GPUBuffer;
  private readonly statusAtLadder: GPUBuffer;
  /** Channels the jump keeps the totals of, and those a time step keeps (set by configure). */
  private nulls = { heat: false, mass: false };
  private stepNulls = { heat: false, mass: false };
  /** The heat the grid gains per unit time [W/m^3 x cells] (physics/open-walls.ts fixedHeatInflow; set by configure). */
  private heatInflow = 0;
  /** A time step's residual scale factor (physics/implicit.ts stepMarginScale; set by configure). */
  private marginScale = 1;
  /** rho cp [J/(m^3 K)] and rho [kg/m^3] (set by configure), for a substep's time-term weights. */
  private heatCapacity = 0;
  private density = 0;
  /** The state's field buffers (the jump's Anderson mixing reads and writes them). */
  private readonly state: Pick<SolverFields, 'u' | 'v'>;
  /** T0, c0 and the solid mask (set by configure), for the mixing's weights and bounds. */
  private reference = { T0: 0, c0: 0 };
  private solid: ArrayLike<number> = [];
  /**
   * The readback of (u, v) or Yb to the host (`hostRing`: made by the first accelerated jump, grids
   * up to ANDERSON_MAX_CELLS, or the first exact retake of a time step).
   */
  private stateRing: StagingRing | null = null;
  /** Yb, the time step's base ((a1 Y^n - a2 Y^{n-1}) / a0 per cell, (u, v) pairs), for `stepBaseNow`. */
  private readonly stepBase: GPUBuffer;
  /** The substep solve slot's contents, rewritten per substep (allocated once). */
  private readonly substepSlot = new ArrayBuffer(solveLayout.size);

  /**
   * Allocates the levels' buffers and builds the bind groups (layouts from `cache`, which needs
   * no compiled pipeline); the kernels (IMPLICIT_KERNELS) must be prepared before encoding.
   */
  constructor(
    private readonly device: GPUDevice,
    private readonly cache: PipelineCache,
    grid: Grid,
    f: SolverFields,
  ) {
    this.levels = levelDims(grid.nx, grid.ny, grid.hx, grid.hy);
    this.cells = grid.nx * grid.ny;
    this.state = { u: f.u, v: f.v };
    const all = totalCells(this.levels);
    const S = GPUBufferUsage.STORAGE;
    const buffer = (label: string, size: number, usage = S) => {
      const b = device.createBuffer({ label, size, usage });
      this.buffers.push(b);
      return b;
    };
    // ops[k]: level k's operators (k >= 1), then the placeholder bound below the coarsest level.
    const ops = operatorBuffers(this.levels).map((b) => buffer(b.label, b.bytes));
    const opsOf = (k: number) => ops[Math.min(k, ops.length) - 1];
    const xs = buffer('multigrid corrections (all levels)', all * 8);
    const bs = buffer('multigrid right-hand sides (all levels)', all * 8);
    const scale = buffer('implicit residual scale', this.cells * 32);
    const yb = buffer('implicit Yb', this.cells * 8, S | GPUBufferUsage.COPY_SRC);
    this.stepBase = yb;
    const yPrev = buffer('implicit Y^{n-1}', this.cells * 8);
    this.reduceCount = reduceGroupCount(this.cells);
    const partials = buffer('implicit reduction partials', this.reduceCount * SUMS_BYTES);
    this.totals = buffer('implicit reduction totals', SUMS_BYTES, S | GPUBufferUsage.COPY_SRC);
    this.stepStart = buffer('implicit step start residual sums', SUMS_BYTES, S | GPUBufferUsage.COPY_SRC);
    this.solveSlots = buffer('implicit solve slots', SOLVE_SLOTS * SLOT_STRIDE, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.status = f.status;
    this.statusAtStart = buffer('jump: status word at its start', 4, GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    this.statusAtStep = buffer('implicit step: status word at its start', 4, GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    this.statusAtLadder = buffer('jump: status word at the accelerated ladder\'s start', 4, GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    this.levelSlots = buffer('multigrid level slots', 2 * this.levels.length * SLOT_STRIDE, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.ring = new StagingRing(device, 'implicit residual', 2 * SUMS_BYTES, 2);
    this.log = buffer('implicit residual log', RESIDUAL_LOG_STEPS * 2 * SUMS_BYTES, GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    this.logRing = new StagingRing(device, 'implicit residual log', RESIDUAL_LOG_STEPS * 2 * SUMS_BYTES, 1);
    this.fine = launchSize(this.cells, FLAT_WG);

    const G = (label: string, k: Kernel<FineName>, index: number, r: Partial<Record<FineName, BoundBuffer>>) => namedBindGroup(device, label, implicitTable, cache.layout(k, index), r);
    const M = (label: string, index: number, r: Partial<Record<LevelName, BoundBuffer>>) => namedBindGroup(device, label, multigridTable, cache.layout(COARSE.smoothBlocks, index), r);
    const F = (label: string, index: number, r: Partial<Record<FineLevelName, BoundBuffer>>) => namedBindGroup(device, label, mgFineTable, cache.layout(FINE.smoothBlocks, index), r);
    const pair = <T>(make: (k: 0 | 1) => T): T[] => [make(0), make(1)];
    const ab = (k: 0 | 1) => (k ? 'b' : 'a');
    const state = (k: 0 | 1) => ({ P: f.params, uIn: f.u[k], vIn: f.v[k] });
    this.groups = {
      begin: pair((k) => G(`implicit begin ${ab(k)}`, BEGIN, 0, { ...state(k), yb, yPrev })),
      assemble: pair((k) => G(`implicit assemble ${ab(k)}`, ASSEMBLE, 0, { ...state(k), cellKind: f.cellKind, xs, bs, scale, yb })),
      update: pair((k) => G(`implicit update ${ab(k)}`, UPDATE, 0, { ...state(k), cellKind: f.cellKind, status: f.status, xs })),
      reduceCells: pair((k) => G(`implicit reduce cells ${ab(k)}`, REDUCE_CELLS, 0, { ...state(k), cellKind: f.cellKind, xs, bs, scale, yb, partials })),
      reduceGroups: G('implicit reduce groups', REDUCE_GROUPS, 0, { partials, totals: this.totals }),
      keepStepStart: G('implicit keep step start', KEEP_STEP_START, 0, { totals: this.totals, stepStart: this.stepStart }),
      project: G('implicit project', PROJECT_RHS, 0, { P: f.params, cellKind: f.cellKind, xs, bs, totals: this.totals }),
      keepTotals: pair((k) => G(`implicit keep totals ${ab(k)}`, KEEP_TOTALS, 0, { ...state(k), cellKind: f.cellKind, totals: this.totals })),
      solve: G('implicit solve slot', BEGIN, 1, { S: { buffer: this.solveSlots, size: solveLayout.size } }),
      slot: G('implicit step slot', UPDATE, 2, { slot: { buffer: f.slots, size: 4 } }),
      mg: this.levels.slice(1).map((_, i) => M(`multigrid level ${i + 1}`, 0, { ops: opsOf(i + 1), cops: opsOf(i + 2), xs, bs })),
      level: M('multigrid level slot', 1, { L: { buffer: this.levelSlots, size: levelLayout.size } }),
      fine: pair((k) => F(`multigrid finest level ${ab(k)}`, 0, { ...state(k), cellKind: f.cellKind, cops: opsOf(1), xs, bs })),
      fineSolve: F('multigrid finest level solve slot', 1, { S: { buffer: this.solveSlots, size: solveLayout.size } }),
      fineLevel: F('multigrid finest level slot', 2, { L: { buffer: this.levelSlots, size: levelLayout.size } }),
    };
  }

  /** GPU memory held [bytes]. */
  get bytes(): number {
    return this.buffers.reduce((s, b) => s + b.size, 0) + this.ring.bytes + this.logRing.bytes + (this.stateRing?.bytes ?? 0);
  }

  /** Level and solve uniforms for the scenario (grid, walls, dt, material). */
  configure(v: Validated): void {
    const walls = wallConstantsOf(v.scenario);
    const periodicX = walls.left.heatType === HEAT_WALL.periodic ? 1 : 0;
    const periodicY = walls.bottom.heatType === HEAT_WALL.periodic ? 1 : 0;
    const rx = reactionConstantsOf(v.scenario);
    const reactionLevel = { rxDH: rx?.dH ?? 0, rxNuM1: rx ? rx.nu1 * rx.M1 : 0 };
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
          ...reactionLevel,
        });
      }
    });
    this.device.queue.writeBuffer(this.levelSlots, 0, data);

    const { dt, material } = v.derived;
    // A reaction moves mass between the species: the jump keeps no solute total with it (physics/implicit.ts).
    // Walls covered by obstacles fix nothing (physics/open-walls.ts), as on the CPU.
    const cells = buildCellInputs(v.scenario);
    const open = openNullChannels(walls, cells.solid, v.scenario.grid.nx, v.scenario.grid.ny);
    this.nulls = v.scenario.reaction ? { heat: open.heat, mass: false } : open;
    this.stepNulls = stepKeptChannels(open, ionsActive(v.scenario), v.scenario.reaction !== undefined);
    this.heatInflow = fixedHeatInflow(walls, cells.solid, cells.source, gridOf(v.scenario));
    this.marginScale = stepMarginScale(v.derived.dimensionless.marginMin);
    this.heatCapacity = material.rho * material.cp;
    this.density = material.rho;
    this.reference = { T0: v.scenario.reference.T0, c0: v.scenario.reference.c0 };
    this.solid = cells.solid;
    const solve = new ArrayBuffer(this.solveSlots.size);
    const put = (slot: number, a: readonly [number, number, number], stepDt: number) => this.writeSolveSlot(new DataView(solve, slot * SLOT_STRIDE), a, stepDt);
    put(SOLVE_BE, BACKWARD_EULER, dt);
    put(SOLVE_BDF2, BDF2, dt);
    put(SOLVE_JUMP, BACKWARD_EULER, Infinity);
    this.device.queue.writeBuffer(this.solveSlots, 0, solve);
  }

  /**
   * A solve slot (params.ts solveLayout) of a step of `dt` [s] with BDF weights `a` (dt = Infinity:
   * the jump; its T-step cap and relaxation are rewritten per jump): time-term weights, the totals
   * it keeps and the heat gain of the kept T total (physics/implicit.ts).
   */
  private writeSolveSlot(at: DataView, a: readonly [number, number, number], dt: number): void {
    const jump = !Number.isFinite(dt);
    const nulls = jump ? this.nulls : this.stepNulls;
    writeStruct(solveLayout, at, {
      mT: jump ? 0 : (a[0] * this.heatCapacity) / dt,
      mC: jump ? 0 : (a[0] * this.density) / dt,
      a0: a[0],
      a1: a[1],
      a2: a[2],
      bdf2: a === BDF2 ? 1 : 0,
      nullHeat: nulls.heat ? 1 : 0,
      nullMass: nulls.mass ? 1 : 0,
      heatGain: jump ? 0 : (dt * this.heatInflow) / (a[0] * this.heatCapacity),
      maxTStep: NO_T_STEP_CAP,
      // Every correction whole (a fresh slot reads 0 here, which would freeze the iterate).
      relax: 1,
    });
  }

  /**
   * Submits one backward-Euler substep of `dt` [s] on field buffers `current` (a step that did not
   * converge retaken as substeps, physics/implicit.ts SubstepPlan): the state first goes back to
   * the start of what did not converge, `restore`: 'step' (the step at dt: Y^n, in yPrev since its
   * begin) or 'substep' (a substep: its start, in yb), then `iterations` outer iterations from there
   * (Y^n stays in yPrev), then the residual sums (read by `readReport`; more iterations with
   * `submitMoreIterations(..., true)`). Returns its passes.
   */
  submitSubstep(current: 0 | 1, dt: number, restore: 'step' | 'substep' | null, iterations: number, vCycles: number, slot: number): number {
    this.writeSolveSlot(new DataView(this.substepSlot), BACKWARD_EULER, dt);
    this.device.queue.writeBuffer(this.solveSlots, SOLVE_SUBSTEP * SLOT_STRIDE, this.substepSlot);
    const encoder = this.device.createCommandEncoder({ label: 'implicit substep' });
    const pass = encoder.beginComputePass({ label: 'implicit substep' });
    if (restore) this.fineKernel(pass, restore === 'step' ? RESTORE : RESTORE_SUBSTEP, this.groups.begin[current], SOLVE_SUBSTEP);
    this.fineKernel(pass, BEGIN_SUBSTEP, this.groups.begin[current], SOLVE_SUBSTEP);
    this.fineKernel(pass, ASSEMBLE, this.groups.assemble[current], SOLVE_SUBSTEP);
    this.encodeIterations(pass, current, SOLVE_SUBSTEP, iterations, vCycles, slot);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    return this.stepPasses(iterations, vCycles) + (restore ? 1 : 0);
  }

  private solveGroup(solve: number): BoundGroup {
    return [this.groups.solve, [solve * SLOT_STRIDE]];
  }

  private fineKernel(pass: GPUComputePassEncoder, k: Kernel<FineName>, group: GPUBindGroup, solve: number): void {
    dispatch(pass, this.cache.get(k), [group, this.solveGroup(solve)], this.fine);
  }

  private encodeReduce(pass: GPUComputePassEncoder, current: 0 | 1): void {
    dispatch(pass, this.cache.get(REDUCE_CELLS), [this.groups.reduceCells[current]], [this.reduceCount]);
    dispatch(pass, this.cache.get(REDUCE_GROUPS), [this.groups.reduceGroups], [1]);
  }

  /** A level kernel on `level`: level 0's reads its operator from the state `at`, the others' from `ops`. */
  private levelKernel(pass: GPUComputePassEncoder, name: LevelKernel, level: number, colour: number, threads: number, at: FineState): void {
    const slot: BoundGroup = [level === 0 ? this.groups.fineLevel : this.groups.level, [(2 * level + colour) * SLOT_STRIDE]];
    const size = launchSize(threads, FLAT_WG);
    if (level === 0) dispatch(pass, this.cache.get(FINE[name]), [this.groups.fine[at.current], [this.groups.fineSolve, [at.solve * SLOT_STRIDE]], slot], size);
    else dispatch(pass, this.cache.get(COARSE[name]), [this.groups.mg[level - 1], slot], size);
  }

  private sweep(pass: GPUComputePassEncoder, k: number, at: FineState): void {
    const l = this.levels[k];
    const half = Math.ceil(l.nx / 2) * l.ny;
    this.levelKernel(pass, 'smoothBlocks', k, 0, half, at);
    this.levelKernel(pass, 'smoothBlocks', k, 1, half, at);
  }

  private vCycle(pass: GPUComputePassEncoder, k: number, at: FineState): void {
    const l = this.levels[k];
    if (k === this.levels.length - 1) {
      this.sweep(pass, k, at);
      return;
    }
    const c = this.levels[k + 1];
    for (let s = 0; s < PRE_SWEEPS; s++) this.sweep(pass, k, at);
    this.levelKernel(pass, 'restrictResidual', k, 0, c.nx * c.ny, at);
    this.vCycle(pass, k + 1, at);
    this.levelKernel(pass, 'prolong', k, 0, l.nx * l.ny, at);
    for (let s = 0; s < POST_SWEEPS; s++) this.sweep(pass, k, at);
  }

  /**
   * Coarse operators of every level, then `vCycles` V-cycles on the assembled system; level 0's
   * operator is that of field buffers `at.current` with solve slot `at.solve`.
   */
  private encodeSolve(pass: GPUComputePassEncoder, vCycles: number, at: FineState): void {
    for (let k = 0; k + 1 < this.levels.length; k++) {
      const c = this.levels[k + 1];
      this.levelKernel(pass, 'coarsen', k, 0, c.nx * c.ny, at);
    }
    for (let c = 0; c < vCycles; c++) this.vCycle(pass, 0, at);
  }

  private encodeUpdate(pass: GPUComputePassEncoder, current: 0 | 1, solve: number, slot: number): void {
    dispatch(pass, this.cache.get(UPDATE), [this.groups.update[current], this.solveGroup(solve), [this.groups.slot, [slot * SLOT_STRIDE]]], this.fine);
  }

  /**
   * Encodes one implicit time step (backward Euler, or BDF2 when `bdf2`) on field buffers
   * `current`, in place: `iterations` outer iterations of `vCycles` V-cycles, then the residual
   * sums of the result (read by `readReport`). `slot`: the step's index within its submit.
   */
  encodeStep(pass: GPUComputePassEncoder, current: 0 | 1, bdf2: boolean, iterations: number, vCycles: number, slot: number): number {
    const solve = bdf2 ? SOLVE_BDF2 : SOLVE_BE;
    this.fineKernel(pass, BEGIN, this.groups.begin[current], solve);
    this.fineKernel(pass, ASSEMBLE, this.groups.assemble[current], solve);
    // The start's residual sums, kept for `rose` (a reduction: no fine-grid pass counted).
    this.encodeReduce(pass, current);
    dispatch(pass, this.cache.get(KEEP_STEP_START), [this.groups.keepStepStart], [1]);
    this.encodeIterations(pass, current, solve, iterations, vCycles, slot);
    return this.stepPasses(iterations, vCycles);
  }

  /** physics/implicit.ts stepPasses of this grid's time steps. */
  private stepPasses(iterations: number, vCycles: number): number {
    return stepPasses(this.levels, iterations, vCycles, this.stepNulls.heat || this.stepNulls.mass);
  }

  /** `iterations` outer iterations on the assembled step, then the residual sums of the result. */
  private encodeIterations(pass: GPUComputePassEncoder, current: 0 | 1, solve: number, iterations: number, vCycles: number, slot: number): void {
    const keeps = this.stepNulls.heat || this.stepNulls.mass;
    for (let it = 0; it < iterations; it++) {
      // The right-hand side loses its mean in the kept channels (physics/implicit.ts, module header).
      if (keeps) {
        this.encodeReduce(pass, current);
        this.fineKernel(pass, PROJECT_RHS, this.groups.project, solve);
      }
      this.encodeSolve(pass, vCycles, { current, solve });
      // The kept totals (physics/implicit.ts stepKeptChannels): the correction's constant shifted to
      // them, and the updated state shifted back onto them (keepStepTotals).
      if (keeps) {
        this.encodeReduce(pass, current);
        this.fineKernel(pass, PROJECT_CORRECTION, this.groups.project, solve);
      }
      this.encodeUpdate(pass, current, solve, slot);
      if (keeps) {
        this.encodeReduce(pass, current);
        this.fineKernel(pass, KEEP_TOTALS, this.groups.keepTotals[current], solve);
      }
      this.fineKernel(pass, ASSEMBLE, this.groups.assemble[current], solve);
    }
    this.encodeReduce(pass, current);
  }

  /**
   * Submits `iterations` more outer iterations of the step last encoded on field buffers `current`
   * (its Yb and assembled residual are still in place; `substep`: the substep last submitted), then
   * the residual sums of the result (read by `readReport`); returns their passes (stepPasses less
   * the step's start).
   */
  submitMoreIterations(current: 0 | 1, bdf2: boolean, iterations: number, vCycles: number, slot: number, substep = false): number {
    const encoder = this.device.createCommandEncoder({ label: 'implicit step, more iterations' });
    const pass = encoder.beginComputePass({ label: 'implicit step, more iterations' });
    this.encodeIterations(pass, current, substep ? SOLVE_SUBSTEP : bdf2 ? SOLVE_BDF2 : SOLVE_BE, iterations, vCycles, slot);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    return this.stepPasses(iterations, vCycles) - 2;
  }

  /**
   * Submits the step last encoded on field buffers `current` again as backward Euler from its start
   * Y^n (physics/implicit.ts retakeAsBackwardEuler; Y^n is in yPrev since its begin):
   * `iterations` outer iterations, then the residual sums (read by `readReport`). Returns its
   * passes (a step's, plus the restore).
   */
  submitBackwardEulerRetake(current: 0 | 1, iterations: number, vCycles: number, slot: number): number {
    const encoder = this.device.createCommandEncoder({ label: 'implicit step, backward-Euler retake' });
    const pass = encoder.beginComputePass({ label: 'implicit step, backward-Euler retake' });
    this.fineKernel(pass, RESTORE, this.groups.begin[current], SOLVE_BE);
    const passes = this.encodeStep(pass, current, false, iterations, vCycles, slot);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    return passes + 1;
  }

  /**
   * Submits the state of field buffers `current` back to the step's start Y^n (in yPrev): a step that
   * did not converge even as substeps leaves the state it started from, the last good one
   * (physics/reference.ts retakeAsSubsteps). Returns its passes.
   */
  submitRestore(current: 0 | 1): number {
    const encoder = this.device.createCommandEncoder({ label: 'implicit substep, restore' });
    const pass = encoder.beginComputePass({ label: 'implicit substep, restore' });
    this.fineKernel(pass, RESTORE, this.groups.begin[current], SOLVE_BE);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    return 1;
  }

  /** Encodes a copy of the status word before a time step's pass (`submitRestoreStep` puts it back). */
  keepStepStatus(encoder: GPUCommandEncoder): void {
    encoder.copyBufferToBuffer(this.status, 0, this.statusAtStep, 0, 4);
  }

  /**
   * Submits the state of field buffers `current` back to the last time step's start Y^n (in yPrev)
   * with the status word as it was then (`keepStepStatus`: a non-finite value the step made is
   * undone), for a retake of the whole step. Returns its passes.
   */
  submitRestoreStep(current: 0 | 1): number {
    this.restoreWithStatus(current, SOLVE_BE, this.statusAtStep, 'implicit step, restore its start');
    return 1;
  }

  /** Submits `current` back to Y^n in yPrev (RESTORE in solve slot `solve`) and the status word back to `kept`'s copy. */
  private restoreWithStatus(current: 0 | 1, solve: number, kept: GPUBuffer, label: string): void {
    const encoder = this.device.createCommandEncoder({ label });
    const pass = encoder.beginComputePass({ label });
    this.fineKernel(pass, RESTORE, this.groups.begin[current], solve);
    pass.end();
    encoder.copyBufferToBuffer(kept, 0, this.status, 0, 4);
    this.device.queue.submit([encoder.finish()]);
  }

  /** Reads the sums of the last reduction (queued after everything submitted). */
  private readTotals(): Promise<Float64Array> {
    return this.ring.read(
      (encoder, dst) => encoder.copyBufferToBuffer(this.totals, 0, dst, 0, SUMS_BYTES),
      (bytes) => Float64Array.from(new Float32Array(bytes, 0, implicitSlots.count)),
    );
  }

  /**
   * Reads the residual of the last assembled state, and the relative residual of the last time
   * step's start (`start`: of its first assembly; queued after everything submitted).
   */
  readReport(): Promise<StepResidual> {
    return this.ring.read(
      (encoder, dst) => {
        encoder.copyBufferToBuffer(this.totals, 0, dst, 0, SUMS_BYTES);
        encoder.copyBufferToBuffer(this.stepStart, 0, dst, SUMS_BYTES, SUMS_BYTES);
      },
      (bytes) => stepResidualOf(new Float32Array(bytes, 0, 2 * implicitSlots.count), this.marginScale),
    );
  }

  /**
   * Copies the residual sums of the step just encoded (its pass ended) into entry `k` of the log
   * (k < RESIDUAL_LOG_STEPS), for `readResidualLog`.
   */
  logResidual(encoder: GPUCommandEncoder, k: number): void {
    if (k < 0 || k >= RESIDUAL_LOG_STEPS) throw new Error(`implicit residual log: entry ${k} outside 0..${RESIDUAL_LOG_STEPS - 1}`);
    encoder.copyBufferToBuffer(this.totals, 0, this.log, 2 * k * SUMS_BYTES, SUMS_BYTES);
    encoder.copyBufferToBuffer(this.stepStart, 0, this.log, (2 * k + 1) * SUMS_BYTES, SUMS_BYTES);
  }

  /** The residuals (and their steps' starts') of log entries 0..n-1 (one mapped read, queued after everything submitted). */
  readResidualLog(n: number): Promise<StepResidual[]> {
    const bytes = n * 2 * SUMS_BYTES;
    const Q = implicitSlots.count;
    return this.logRing.read(
      (encoder, dst) => encoder.copyBufferToBuffer(this.log, 0, dst, 0, bytes),
      (raw) => {
        const all = new Float32Array(raw, 0, n * 2 * Q);
        return Array.from({ length: n }, (_, k) => stepResidualOf(all.subarray(2 * k * Q, 2 * (k + 1) * Q), this.marginScale));
      },
    );
  }

  /** Encodes `body` and the reduction of the residual sums of `current`, submits, and reads the sums. */
  private submitAndReadTotals(current: 0 | 1, body: (pass: GPUComputePassEncoder) => void): Promise<Float64Array> {
    this.submitJumpPass((pass) => {
      body(pass);
      this.encodeReduce(pass, current);
    });
    return this.readTotals();
  }

  /** Submits one compute pass of the jump. */
  private submitJumpPass(body: (pass: GPUComputePassEncoder) => void): void {
    const encoder = this.device.createCommandEncoder({ label: 'steady-state jump' });
    const pass = encoder.beginComputePass({ label: 'steady-state jump' });
    body(pass);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }

  /** The jump's start on `current`: its residual and transport-scale sums at dt = infinity (changes no field). */
  private readJumpStart(current: 0 | 1): Promise<Float64Array> {
    return this.submitAndReadTotals(current, (pass) => {
      this.fineKernel(pass, BEGIN, this.groups.begin[current], SOLVE_JUMP);
      this.fineKernel(pass, ASSEMBLE, this.groups.assemble[current], SOLVE_JUMP);
    });
  }

  /**
   * Puts the state `current` back to where the last jump began (its start, kept in yPrev by
   * beginStep), with the status word as it was then (a non-finite value the jump made is undone).
   */
  restoreJumpStart(current: 0 | 1): void {
    this.restoreWithStatus(current, SOLVE_JUMP, this.statusAtStart, 'steady-state jump, restore its start');
  }

  /** The residual sums a jump from the state `current` starts with (the coupling ladder's scale, gpu/coupling-jump.ts). */
  async jumpStartSums(current: 0 | 1): Promise<ResidualSums> {
    return sumsOf(await this.readJumpStart(current));
  }

  /**
   * The steady-state jump on field buffers `current`, in place: backward Euler with dt = infinity,
   * outer iterations until the relative residual is below `tolerance` (one submit and one
   * readback each). `slot`: the step slot for non-finite reports.
   */
  async jump(
    current: 0 | 1,
    o: { tolerance: number; maxIterations: number; vCycles: number; refine?: boolean; scaleFrom?: ResidualSums; relax?: number; anderson?: boolean },
    slot: number,
  ): Promise<SolveReport> {
    const encodeAndRead = (body: (pass: GPUComputePassEncoder) => void) => this.submitAndReadTotals(current, body);
    // The status word at the start (restoreJumpStart) and the relaxation of every correction (1: none).
    const save = this.device.createCommandEncoder({ label: 'steady-state jump, keep the status word' });
    save.copyBufferToBuffer(this.status, 0, this.statusAtStart, 0, 4);
    this.device.queue.writeBuffer(this.solveSlots, SOLVE_JUMP * SLOT_STRIDE + solveLayout.fields.relax.offset, new Float32Array([o.relax ?? 1]));
    this.device.queue.submit([save.finish()]);
    // Yb := the start (beginStep), whose totals the jump keeps (projectCorrection).
    const start = await this.readJumpStart(current);
    // The scale: this start's transport terms, or an earlier start's where given (physics/implicit.ts widerScale).
    const scale = widerScale(sumsOf(start), o.scaleFrom);
    let rep = residualReport(sumsOf(start), scale, o.tolerance);
    let roundOff = roundOffRatio(sumsOf(start));
    let iterations = 0;
    const history = [rep.relative];
    const writeTStep = (cap: number) =>
      this.device.queue.writeBuffer(this.solveSlots, SOLVE_JUMP * SLOT_STRIDE + solveLayout.fields.maxTStep.offset, new Float32Array([cap]));
    let maxTStep = NO_T_STEP_CAP;
    writeTStep(maxTStep);
    const mixing = o.anderson ? await this.andersonOnGpu(current) : null;
    // Above the tolerance: on until it stalls, a stall being at round-off (no longer falling, and
    // within JUMP_ROUND_OFF_MARGIN of the residual's float32 bound). `refine`: below it, on while the
    // residual still falls (stillFalling; its float32 floor stops it), as the float64 reference goes
    // on towards F64_JUMP_REFINE (physics/implicit.ts).
    const isStalled = () => stalled(history, undefined, stallWindow(o.relax)) && roundOff <= JUMP_ROUND_OFF_MARGIN;
    const more = () => (rep.relative > o.tolerance ? !isStalled() : o.refine === true && stillFalling(history, stallWindow(o.relax)));
    while (iterations < o.maxIterations && more() && Number.isFinite(rep.relative)) {
      const cap = jumpTStep(history, maxTStep);
      if (cap !== maxTStep) writeTStep((maxTStep = cap));
      const correct = (pass: GPUComputePassEncoder) => {
        const anyNull = this.nulls.heat || this.nulls.mass;
        if (anyNull) this.fineKernel(pass, PROJECT_RHS, this.groups.project, SOLVE_JUMP);
        this.encodeSolve(pass, o.vCycles, { current, solve: SOLVE_JUMP });
        if (anyNull) {
          this.encodeReduce(pass, current);
          this.fineKernel(pass, PROJECT_CORRECTION, this.groups.project, SOLVE_JUMP);
        }
        this.encodeUpdate(pass, current, SOLVE_JUMP, slot);
      };
      // Mixing: the residual is assembled once, at the iterate the mixing leaves (mix).
      if (mixing) this.submitJumpPass(correct);
      const t = mixing
        ? await mixing.mix()
        : await encodeAndRead((pass) => {
            correct(pass);
            this.fineKernel(pass, ASSEMBLE, this.groups.assemble[current], SOLVE_JUMP);
          });
      const sums = sumsOf(t);
      roundOff = roundOffRatio(sums);
      rep = residualReport(sums, scale, o.tolerance);
      history.push(rep.relative);
      iterations++;
    }
    return {
      ...rep,
      iterations,
      vCycles: iterations * o.vCycles,
      // A stall above the tolerance ends the iterations but is not a result (run-checks.ts solveAccepted).
      converged: rep.relative <= o.tolerance && (o.refine !== true || refinementStands(history, o.tolerance, stallWindow(o.relax), roundOff <= JUMP_ROUND_OFF_MARGIN)),
      stalled: rep.relative > o.tolerance && isStalled(),
      passes: jumpPasses(this.levels, iterations, o.vCycles, this.nulls.heat || this.nulls.mass),
    };
  }

  /** The staging ring of the state's and Yb's reads to the host (8 bytes per cell; allocated on first need). */
  private hostRing(): StagingRing {
    this.stateRing ??= new StagingRing(this.device, 'implicit: state or Yb read back to the host', this.cells * 8, 1);
    return this.stateRing;
  }

  /** The state on `current` as (u, v) pairs per cell (float32 values, widened). */
  private readState(current: 0 | 1): Promise<Float64Array> {
    const bytes = this.cells * 4;
    return this.hostRing().read(
      (encoder, dst) => {
        encoder.copyBufferToBuffer(this.state.u[current], 0, dst, 0, bytes);
        encoder.copyBufferToBuffer(this.state.v[current], 0, dst, bytes, bytes);
      },
      (raw) => {
        const u = new Float32Array(raw, 0, this.cells);
        const v = new Float32Array(raw, bytes, this.cells);
        const x = new Float64Array(2 * this.cells);
        for (let P = 0; P < this.cells; P++) {
          x[2 * P] = u[P];
          x[2 * P + 1] = v[P];
        }
        return x;
      },
    );
  }

  /**
   * The state on `current` and its status word, kept for `putState` (the accelerated ladder's
   * return to the jump's start, gpu/coupling-jump.ts; grids up to ANDERSON_MAX_CELLS).
   */
  async keepState(current: 0 | 1): Promise<Float64Array> {
    const encoder = this.device.createCommandEncoder({ label: 'jump: keep the status word for the accelerated ladder' });
    encoder.copyBufferToBuffer(this.status, 0, this.statusAtLadder, 0, 4);
    this.device.queue.submit([encoder.finish()]);
    return this.readState(current);
  }

  /** The state on `current` as (u, v) pairs per cell, float32 widened (a time step's host retake, solver.ts). */
  stateNow(current: 0 | 1): Promise<Float64Array> {
    return this.readState(current);
  }

  /**
   * The last time step's base Yb as (u, v) pairs per cell, float32 widened: with Y^n, the Y^{n-1}
   * of a BDF2 step that the host retakes as BDF2 (gpu/exact-step.ts).
   */
  stepBaseNow(): Promise<Float64Array> {
    const bytes = this.cells * 8;
    return this.hostRing().read(
      (encoder, dst) => encoder.copyBufferToBuffer(this.stepBase, 0, dst, 0, bytes),
      (raw) => Float64Array.from(new Float32Array(raw, 0, 2 * this.cells)),
    );
  }

  /** Writes (u, v) pairs onto `current` (rounded to float32), its status word unchanged. */
  putStateOnly(current: 0 | 1, x: Float64Array): void {
    this.writeState(current, x.slice());
  }

  /** Puts a state `keepState` returned back on `current`, with its status word. */
  putState(current: 0 | 1, x: Float64Array): void {
    this.writeState(current, x.slice());
    const encoder = this.device.createCommandEncoder({ label: 'jump: restore the status word for the accelerated ladder' });
    encoder.copyBufferToBuffer(this.statusAtLadder, 0, this.status, 0, 4);
    this.device.queue.submit([encoder.finish()]);
  }

  /** Writes (u, v) pairs into the state `current`, rounding `x` in place to what was written. */
  private writeState(current: 0 | 1, x: Float64Array): void {
    const u = new Float32Array(this.cells);
    const v = new Float32Array(this.cells);
    for (let P = 0; P < this.cells; P++) {
      u[P] = x[2 * P];
      v[P] = x[2 * P + 1];
      x[2 * P] = u[P];
      x[2 * P + 1] = v[P];
    }
    this.device.queue.writeBuffer(this.state.u[current], 0, u);
    this.device.queue.writeBuffer(this.state.v[current], 0, v);
  }

  /**
   * Anderson mixing of the jump's iterates on `current` (physics/anderson.ts; the CPU's
   * ImplicitCpu andersonStep): `mix` takes the state an iteration's update left (G(x)), writes the
   * mixed iterate where it differs, assembles there and returns the residual sums.
   */
  private async andersonOnGpu(current: 0 | 1): Promise<{ mix(): Promise<Float64Array> }> {
    const { T0, c0 } = this.reference;
    const mixer = new AndersonMixer(2 * this.cells);
    const w = new Float64Array(2 * this.cells);
    let x = await this.readState(current);
    return {
      mix: async () => {
        const gx = await this.readState(current);
        andersonWeights(x, T0, c0, this.solid, w);
        const mixed = mixer.next(x, gx, w, (y) => keepsBounds(y, gx, T0, c0, this.solid), gx);
        x = gx;
        if (mixed) this.writeState(current, x);
        return this.submitAndReadTotals(current, (pass) => this.fineKernel(pass, ASSEMBLE, this.groups.assemble[current], SOLVE_JUMP));
      },
    };
  }

  destroy(): void {
    for (const b of this.buffers) b.destroy();
    this.ring.destroy();
    this.logRing.destroy();
    this.stateRing?.destroy();
  }
}
