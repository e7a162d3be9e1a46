/**
 * RKL2 super-steps on the GPU (shaders/rkl2.wgsl; coefficients and increment form in
 * src/physics/rkl2.ts). Owns the increment buffers (two vec2 dY buffers and e0 = dt L(Y0): 24
 * bytes per cell, allocated only while the scheme is rkl2) and the stage-coefficient uniforms.
 */
import { rkl2Coefficients } from '../physics/rkl2';
import type { SolverFields } from './grid-fields';
import { rkl2Table } from './kernels';
import { writeStruct } from './layout';
import { stageLayout } from './params';
import { dispatch, kernel, type Kernel, type PipelineCache } from './pipelines';
import { namedBindGroup, SLOT_STRIDE, type BoundBuffer } from './schema';
import { ALL_FEATURES, specialised, type StencilFeatures } from './specialise';

type RkName = keyof typeof rkl2Table.bindings;

/** The stage kernels' groups: fields, increments, stage coefficients. */
const STAGE_GROUPS = [['P', 'uIn', 'vIn', 'cellKind'], ['dPrev', 'dNext', 'e0'], ['stage']] as const;
const ZERO = kernel(rkl2Table, 'rkl2Zero', STAGE_GROUPS);
const FIRST = kernel(rkl2Table, 'rkl2First', STAGE_GROUPS);
const FIRST_EDGE = kernel(rkl2Table, 'rkl2FirstEdge', STAGE_GROUPS);
const STAGE = kernel(rkl2Table, 'rkl2Stage', STAGE_GROUPS);
const STAGE_EDGE = kernel(rkl2Table, 'rkl2StageEdge', STAGE_GROUPS);
/** Y0 + dY_s into the other field buffers: fields, the final increment, the step slot. */
const APPLY = kernel(rkl2Table, 'rkl2Apply', [['P', 'uIn', 'vIn', 'uOut', 'vOut', 'status'], ['dNext'], ['slot']]);

/** Every RKL2 kernel of a scenario with stencil features `f` (compiled ahead by the solver). */
export function rkl2Kernels(f: StencilFeatures): Kernel[] {
  return [ZERO, specialised(FIRST, f), FIRST_EDGE, specialised(STAGE, f), STAGE_EDGE, APPLY];
}

/** The RKL2 kernels as the shaders declare them (every stencil feature present). */
export const RKL2_KERNELS = rkl2Kernels(ALL_FEATURES);

/** Workgroup counts of the one-cell, column-march and edge kernels of one grid. */
export interface Rkl2Launch {
  flat: readonly [number, number];
  tiles: readonly [number, number];
  edges: readonly [number, number];
}

export class Rkl2Stepper {
  /** dY buffers X and Y, and e0. */
  private readonly dX: GPUBuffer;
  private readonly dY: GPUBuffer;
  private readonly e0: GPUBuffer;
  private stageBuffer: GPUBuffer | null = null;
  private stageGroup: GPUBindGroup | null = null;
  private readonly fieldGroups: [GPUBindGroup, GPUBindGroup];
  private readonly applyGroups: [GPUBindGroup, GPUBindGroup];
  /** Increment roles: [A] prev = X, next = Y (even stages); [B] prev = Y, next = X (odd stages). */
  private readonly incrementGroups: [GPUBindGroup, GPUBindGroup];
  private readonly finalGroup: GPUBindGroup;
  private readonly slotGroup: GPUBindGroup;
  private stages = 0;
  /** The scenario's stencil features (gpu/specialise.ts): which stage kernels are dispatched. */
  features: StencilFeatures = ALL_FEATURES;

  constructor(
    private readonly device: GPUDevice,
    private readonly cache: PipelineCache,
    private readonly cells: number,
    private readonly launch: Rkl2Launch,
    f: SolverFields,
  ) {
    const vec2 = (label: string) => device.createBuffer({ label, size: cells * 8, usage: GPUBufferUsage.STORAGE });
    this.dX = vec2('rkl2 increment X');
    this.dY = vec2('rkl2 increment Y');
    this.e0 = vec2('rkl2 e0 = dt L(Y0)');
    const group = (label: string, k: Kernel<RkName>, index: number, r: Partial<Record<RkName, BoundBuffer>>) => namedBindGroup(device, label, rkl2Table, cache.layout(k, index), r);
    this.fieldGroups = [0, 1].map((k) => group(`rkl2 fields ${k ? 'b' : 'a'}`, STAGE, 0, { P: f.params, uIn: f.u[k], vIn: f.v[k], cellKind: f.cellKind })) as [GPUBindGroup, GPUBindGroup];
    this.applyGroups = [0, 1].map((k) =>
      group(`rkl2 apply ${k ? 'b->a' : 'a->b'}`, APPLY, 0, { P: f.params, uIn: f.u[k], vIn: f.v[k], uOut: f.u[1 - k], vOut: f.v[1 - k], status: f.status }),
    ) as [GPUBindGroup, GPUBindGroup];
    this.incrementGroups = [
      group('rkl2 increments prev X next Y', STAGE, 1, { dPrev: this.dX, dNext: this.dY, e0: this.e0 }),
      group('rkl2 increments prev Y next X', STAGE, 1, { dPrev: this.dY, dNext: this.dX, e0: this.e0 }),
    ];
    this.finalGroup = group('rkl2 final increment (X)', APPLY, 1, { dNext: this.dX });
    this.slotGroup = group('rkl2 apply slot', APPLY, 2, { slot: { buffer: f.slots, size: 4 } });
  }

  /** GPU memory held [bytes]. */
  get bytes(): number {
    return this.cells * 24 + (this.stageBuffer?.size ?? 0);
  }

  /** Writes the coefficients of s-stage steps (s odd) for the next encoded steps. */
  setStages(s: number): void {
    if (s % 2 !== 1) throw new Error(`RKL2 needs an odd stage count, got ${s}`);
    if (s === this.stages) return;
    const c = rkl2Coefficients(s);
    const bytes = s * SLOT_STRIDE;
    if (!this.stageBuffer || this.stageBuffer.size < bytes) {
      this.stageBuffer?.destroy();
      this.stageBuffer = this.device.createBuffer({ label: `rkl2 stage coefficients (${s})`, size: bytes, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      this.stageGroup = namedBindGroup(this.device, 'rkl2 stage', rkl2Table, this.cache.layout(STAGE, 2), { stage: { buffer: this.stageBuffer, size: stageLayout.size } });
    }
    const data = new ArrayBuffer(bytes);
    for (let j = 1; j <= s; j++) {
      writeStruct(stageLayout, new DataView(data, (j - 1) * SLOT_STRIDE), { mu: c.mu[j], nu: c.nu[j], muTilde: c.muTilde[j], gammaTilde: c.gammaTilde[j] });
    }
    this.device.queue.writeBuffer(this.stageBuffer, 0, data);
    this.stages = s;
  }

  /** Dispatches one super-step needs: zero, s stages (interior and edge kernels), apply. */
  get dispatchesPerStep(): number {
    return 2 * this.stages + 2;
  }

  /**
   * Encodes one super-step from field buffers `current` into 1 - current; `slot` is the step's
   * index within its submit (for naming the step that goes non-finite).
   */
  encodeStep(pass: GPUComputePassEncoder, current: 0 | 1, slot: number): void {
    const c = this.cache;
    const { flat, tiles, edges } = this.launch;
    const stage = (j: number) => [this.stageGroup!, [(j - 1) * SLOT_STRIDE]] as const;
    const fields = this.fieldGroups[current];
    dispatch(pass, c.get(ZERO), [fields, this.incrementGroups[1], stage(1)], flat);
    const first = c.get(specialised(FIRST, this.features));
    const later = c.get(specialised(STAGE, this.features));
    dispatch(pass, first, [fields, this.incrementGroups[1], stage(1)], tiles);
    dispatch(pass, c.get(FIRST_EDGE), [fields, this.incrementGroups[1], stage(1)], edges);
    for (let j = 2; j <= this.stages; j++) {
      const groups = [fields, this.incrementGroups[j % 2 === 0 ? 0 : 1], stage(j)];
      dispatch(pass, later, groups, tiles);
      dispatch(pass, c.get(STAGE_EDGE), groups, edges);
    }
    dispatch(pass, c.get(APPLY), [this.applyGroups[current], this.finalGroup, [this.slotGroup, [slot * SLOT_STRIDE]]], flat);
  }

  destroy(): void {
    this.dX.destroy();
    this.dY.destroy();
    this.e0.destroy();
    this.stageBuffer?.destroy();
  }
}
