/**
 * RKL2 super-steps on the GPU (shaders/rkl2.wgsl; coefficients and increment form in
 * src/physics/rkl2.ts). Owns the increment buffers (two vec2 dY buffers and e0 = dt L(Y0): 24
 * bytes per cell, allocated only while the scheme is rkl2) and the stage-coefficient uniforms.
 */
import { rkl2Coefficients } from '../physics/rkl2';
import { bindGroup, bindLayout, SLOT_STRIDE, type SolverFields } from './bindings';
import { writeStruct } from './layout';
import { stageLayout } from './params';
import { composeShader, type ShaderSources } from './shaders';

class Rkl2Pipelines {
  readonly stageLayout: GPUBindGroupLayout[];
  readonly applyLayout: GPUBindGroupLayout[];
  readonly zero: GPUComputePipeline;
  readonly first: GPUComputePipeline;
  readonly firstEdge: GPUComputePipeline;
  readonly stage: GPUComputePipeline;
  readonly stageEdge: GPUComputePipeline;
  readonly apply: GPUComputePipeline;

  constructor(device: GPUDevice, sources: ShaderSources, prelude: string) {
    const module = device.createShaderModule({ label: 'rkl2.wgsl', code: composeShader('rkl2.wgsl', sources, prelude) });
    this.stageLayout = [
      bindLayout(device, 'rkl2 fields', [
        [0, 'uniform'],
        [1, 'read-only-storage'],
        [2, 'read-only-storage'],
        [3, 'read-only-storage'],
        [4, 'storage'],
      ]),
      bindLayout(device, 'rkl2 increments', [
        [0, 'storage'],
        [1, 'storage'],
        [2, 'storage'],
      ]),
      bindLayout(device, 'rkl2 stage', [[0, 'dynamic-uniform']]),
    ];
    this.applyLayout = [
      bindLayout(device, 'rkl2 apply fields', [
        [0, 'uniform'],
        [1, 'read-only-storage'],
        [2, 'read-only-storage'],
        [5, 'storage'],
        [6, 'storage'],
        [7, 'storage'],
      ]),
      bindLayout(device, 'rkl2 final increment', [[1, 'storage']]),
      bindLayout(device, 'rkl2 apply slot', [[1, 'dynamic-uniform']]),
    ];
    const stageLayout = device.createPipelineLayout({ label: 'rkl2 stage', bindGroupLayouts: this.stageLayout });
    const applyLayout = device.createPipelineLayout({ label: 'rkl2 apply', bindGroupLayouts: this.applyLayout });
    const make = (entryPoint: string, layout: GPUPipelineLayout) => device.createComputePipeline({ label: entryPoint, layout, compute: { module, entryPoint } });
    this.zero = make('rkl2Zero', stageLayout);
    this.first = make('rkl2First', stageLayout);
    this.firstEdge = make('rkl2FirstEdge', stageLayout);
    this.stage = make('rkl2Stage', stageLayout);
    this.stageEdge = make('rkl2StageEdge', stageLayout);
    this.apply = make('rkl2Apply', applyLayout);
  }
}

const cache = new WeakMap<GPUDevice, Rkl2Pipelines>();

export class Rkl2Stepper {
  private readonly pipes: Rkl2Pipelines;
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

  constructor(
    private readonly device: GPUDevice,
    sources: ShaderSources,
    prelude: string,
    private readonly cells: number,
    private readonly launch: readonly [number, number],
    /** The 2-D tile launch of the stencil kernels (first and later stages). */
    private readonly tiles: readonly [number, number],
    /** Workgroups of the edge kernels (the cells a wall touches). */
    private readonly edges: number,
    f: SolverFields,
  ) {
    let p = cache.get(device);
    if (!p) {
      p = new Rkl2Pipelines(device, sources, prelude);
      cache.set(device, p);
    }
    this.pipes = p;
    const vec2 = (label: string) => device.createBuffer({ label, size: cells * 8, usage: GPUBufferUsage.STORAGE });
    this.dX = vec2('rkl2 increment X');
    this.dY = vec2('rkl2 increment Y');
    this.e0 = vec2('rkl2 e0 = dt L(Y0)');
    const [g0, g1] = p.stageLayout;
    const [a0, a1, a2] = p.applyLayout;
    this.fieldGroups = [0, 1].map((k) =>
      bindGroup(device, `rkl2 fields ${k ? 'b' : 'a'}`, g0, [
        [0, f.params],
        [1, f.u[k]],
        [2, f.v[k]],
        [3, f.cellKind],
        [4, f.sigma],
      ]),
    ) as [GPUBindGroup, GPUBindGroup];
    this.applyGroups = [0, 1].map((k) =>
      bindGroup(device, `rkl2 apply ${k ? 'b->a' : 'a->b'}`, a0, [
        [0, f.params],
        [1, f.u[k]],
        [2, f.v[k]],
        [5, f.u[1 - k]],
        [6, f.v[1 - k]],
        [7, f.status],
      ]),
    ) as [GPUBindGroup, GPUBindGroup];
    this.incrementGroups = [
      bindGroup(device, 'rkl2 increments prev X next Y', g1, [
        [0, this.dX],
        [1, this.dY],
        [2, this.e0],
      ]),
      bindGroup(device, 'rkl2 increments prev Y next X', g1, [
        [0, this.dY],
        [1, this.dX],
        [2, this.e0],
      ]),
    ];
    this.finalGroup = bindGroup(device, 'rkl2 final increment (X)', a1, [[1, this.dX]]);
    this.slotGroup = bindGroup(device, 'rkl2 apply slot', a2, [[1, f.slots, 4]]);
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
      this.stageGroup = bindGroup(this.device, 'rkl2 stage', this.pipes.stageLayout[2], [[0, this.stageBuffer, stageLayout.size]]);
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
    const p = this.pipes;
    const [X, Y] = this.launch;
    pass.setBindGroup(0, this.fieldGroups[current]);
    pass.setBindGroup(1, this.incrementGroups[1]);
    pass.setBindGroup(2, this.stageGroup!, [0]);
    pass.setPipeline(p.zero);
    pass.dispatchWorkgroups(X, Y);
    const [TX, TY] = this.tiles;
    pass.setPipeline(p.first);
    pass.dispatchWorkgroups(TX, TY);
    pass.setPipeline(p.firstEdge);
    pass.dispatchWorkgroups(this.edges);
    for (let j = 2; j <= this.stages; j++) {
      pass.setBindGroup(1, this.incrementGroups[j % 2 === 0 ? 0 : 1]);
      pass.setBindGroup(2, this.stageGroup!, [(j - 1) * SLOT_STRIDE]);
      pass.setPipeline(p.stage);
      pass.dispatchWorkgroups(TX, TY);
      pass.setPipeline(p.stageEdge);
      pass.dispatchWorkgroups(this.edges);
    }
    pass.setPipeline(p.apply);
    pass.setBindGroup(0, this.applyGroups[current]);
    pass.setBindGroup(1, this.finalGroup);
    pass.setBindGroup(2, this.slotGroup, [slot * SLOT_STRIDE]);
    pass.dispatchWorkgroups(X, Y);
  }

  destroy(): void {
    this.dX.destroy();
    this.dY.destroy();
    this.e0.destroy();
    this.stageBuffer?.destroy();
  }
}
