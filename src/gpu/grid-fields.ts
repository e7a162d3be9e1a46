/**
 * The buffers of one grid and the forward-Euler and entropy kernels on them: the planar f32
 * fields, ping-ponged (`current` is the pair holding the state: T - T0 [K], c - c0 [-]), sigma
 * [W K^-1 m^-3], the cell kinds, the failure status, the totals' reduction and a readback ring.
 * One owner (GpuSimulation), one destroy().
 */
import type { Grid } from '../physics/grid';
import { stepTable } from './kernels';
import { FLAT_WG } from './params';
import { dispatch, edgeLaunch, kernel, launchSize, tileLaunch, type PipelineCache } from './pipelines';
import { StagingRing } from './readback';
import { namedBindGroup, SLOT_STRIDE } from './schema';
import { ALL_FEATURES, specialised, type StencilFeatures } from './specialise';
import { GpuTotals } from './totals';

/** Forward Euler: the column march (cells no wall touches) and the edge kernel (the rest). */
export const EULER = kernel(stepTable, 'step');
export const EULER_EDGE = kernel(stepTable, 'stepEdge');
/** sigma of the current state, on demand. */
export const ENTROPY = kernel(stepTable, 'entropy');

/** The solver's buffers a time scheme (RKL2, implicit) reads and writes; owned by GpuSimulation. */
export interface SolverFields {
  params: GPUBuffer;
  /** T - T0 and c - c0 ping-pong pairs. */
  u: readonly [GPUBuffer, GPUBuffer];
  v: readonly [GPUBuffer, GPUBuffer];
  sigma: GPUBuffer;
  cellKind: GPUBuffer;
  status: GPUBuffer;
  /** The solver's step-slot uniforms (index of a step within its submit). */
  slots: GPUBuffer;
}

export class GridFields {
  readonly cells: number;
  /** T - T0 and c - c0 ping-pong pairs. */
  readonly u: [GPUBuffer, GPUBuffer];
  readonly v: [GPUBuffer, GPUBuffer];
  readonly sigma: GPUBuffer;
  readonly cellKind: GPUBuffer;
  readonly status: GPUBuffer;
  readonly totals: GpuTotals;
  readonly ring: StagingRing;
  /** Workgroups of the one-cell-per-invocation, column-march and edge kernels. */
  readonly launch: { flat: [number, number]; tiles: [number, number]; edges: [number, number] };
  private readonly entropyTiles: [number, number];
  /** The pair holding the current state. */
  current: 0 | 1 = 0;
  /** The scenario's stencil features (gpu/specialise.ts): which Euler column march is dispatched. */
  features: StencilFeatures = ALL_FEATURES;
  /** stepGroups[k] reads pair k and writes 1 - k. */
  private readonly stepGroups: [GPUBindGroup, GPUBindGroup];

  /** One staging buffer for T and c together (`readState`), created on its first use: 8 B/cell. */
  private stateRing: StagingRing | null = null;

  constructor(
    private readonly device: GPUDevice,
    private readonly cache: PipelineCache,
    private readonly params: GPUBuffer,
    grid: Grid,
    /** With ions the cell kind buffer also holds phi (gpu/ions.ts): twice the words. */
    readonly withPotential = false,
  ) {
    const { nx, ny } = grid;
    this.cells = nx * ny;
    const bytes = this.cells * 4;
    const S = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const field = (label: string) => device.createBuffer({ label, size: bytes, usage: S });
    this.u = [field('T - T0 (a)'), field('T - T0 (b)')];
    this.v = [field('c - c0 (a)'), field('c - c0 (b)')];
    this.sigma = field('entropy production sigma');
    this.cellKind = device.createBuffer({ label: withPotential ? 'cell kind and potential phi' : 'cell kind', size: withPotential ? 2 * bytes : bytes, usage: S });
    this.status = device.createBuffer({ label: 'solver status', size: 4, usage: S });
    this.totals = new GpuTotals(device, cache, this.cells, [0, 1].map((k) => ({ params, u: this.u[k], v: this.v[k], sigma: this.sigma, cellKind: this.cellKind })));
    this.ring = new StagingRing(device, 'field', bytes, 3);
    const layout = cache.layout(EULER, 0);
    const stepGroup = (k: 0 | 1) =>
      namedBindGroup(device, `step ${k ? 'b->a' : 'a->b'}`, stepTable, layout, {
        P: params,
        uIn: this.u[k],
        vIn: this.v[k],
        uOut: this.u[1 - k],
        vOut: this.v[1 - k],
        sigmaOut: this.sigma,
        cellKind: this.cellKind,
        status: this.status,
      });
    this.stepGroups = [stepGroup(0), stepGroup(1)];
    this.launch = { flat: launchSize(this.cells, FLAT_WG), tiles: tileLaunch(nx, ny), edges: edgeLaunch(nx, ny) };
    this.entropyTiles = tileLaunch(nx, ny, 1);
  }

  /** GPU memory held [bytes]: six cell arrays, the status word, reduction and staging. */
  get bytes(): number {
    return this.cells * 4 * 6 + 4 + this.totals.bytes + this.ring.bytes + (this.stateRing?.bytes ?? 0);
  }

  /** The current buffer of T - T0 or c - c0. */
  buffer(name: 'T' | 'c'): GPUBuffer {
    return (name === 'T' ? this.u : this.v)[this.current];
  }

  /** The buffers a time scheme (RKL2, implicit) steps. */
  schemeFields(slots: GPUBuffer): SolverFields {
    return { params: this.params, u: this.u, v: this.v, sigma: this.sigma, cellKind: this.cellKind, status: this.status, slots };
  }

  /** Encodes `n` forward-Euler steps from the current pair (slot s of `slotGroup` names step s + 1). */
  encodeEuler(pass: GPUComputePassEncoder, n: number, slotGroup: GPUBindGroup): void {
    const step = this.cache.get(specialised(EULER, this.features));
    const edge = this.cache.get(EULER_EDGE);
    for (let s = 0; s < n; s++) {
      const groups = [this.stepGroups[this.current], [slotGroup, [s * SLOT_STRIDE]] as const];
      dispatch(pass, step, groups, this.launch.tiles);
      dispatch(pass, edge, groups, this.launch.edges);
      this.current = this.current === 0 ? 1 : 0;
    }
  }

  /** Encodes the entropy pass: sigma of the current state (slot 0 of `slotGroup`). */
  encodeEntropy(encoder: GPUCommandEncoder, slotGroup: GPUBindGroup): void {
    const pass = encoder.beginComputePass({ label: 'entropy production' });
    dispatch(pass, this.cache.get(ENTROPY), [this.stepGroups[this.current], [slotGroup, [0]]], this.entropyTiles);
    pass.end();
  }

  /** Copies a field as stored (float32) after `before` has encoded what must precede the copy. */
  read(name: 'T' | 'c' | 'sigma', before?: (encoder: GPUCommandEncoder) => void): Promise<Float32Array> {
    const bytes = this.cells * 4;
    return this.ring.read(
      (encoder, dst) => {
        before?.(encoder);
        encoder.copyBufferToBuffer(name === 'sigma' ? this.sigma : this.buffer(name), 0, dst, 0, bytes);
      },
      (mapped) => new Float32Array(mapped.slice(0, bytes)),
    );
  }

  /**
   * T - T0 and c - c0 as stored (float32), both copied into one staging buffer and mapped once:
   * the same state, one mapped read (readField('affinity')). The buffer is created on the first call.
   */
  readState(): Promise<{ u: Float32Array; v: Float32Array }> {
    const bytes = this.cells * 4;
    this.stateRing ??= new StagingRing(this.device, 'T and c', 2 * bytes, 1);
    return this.stateRing.read(
      (encoder, dst) => {
        encoder.copyBufferToBuffer(this.buffer('T'), 0, dst, 0, bytes);
        encoder.copyBufferToBuffer(this.buffer('c'), 0, dst, bytes, bytes);
      },
      (mapped) => ({ u: new Float32Array(mapped.slice(0, bytes)), v: new Float32Array(mapped.slice(bytes, 2 * bytes)) }),
    );
  }

  destroy(): void {
    for (const b of [...this.u, ...this.v, this.sigma, this.cellKind, this.status]) b.destroy();
    this.totals.destroy();
    this.ring.destroy();
    this.stateRing?.destroy();
  }
}
