/**
 * Brush dabs on the solver's current T or c buffer, in place on the GPU (no read-modify-write
 * through the CPU, so a running simulation loses nothing). The dab is queued after any steps
 * already queued. One small uniform buffer, rewritten per dab; bind groups cached per buffer.
 */
import { composeShader, type ShaderSources } from './shaders';

/** A dab in grid units: centre and radii in cells; `value` a stored value (T - T0 [K] or c - c0 [-]). */
export interface BrushDab {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  /** 'raise': cells become max(x, value); 'lower': min(x, value). */
  mode: 'raise' | 'lower';
  value: number;
}

export class BrushKernel {
  private readonly pipeline: GPUComputePipeline;
  private readonly layout: GPUBindGroupLayout;
  private readonly params: GPUBuffer;
  private readonly data = new ArrayBuffer(48);
  private readonly u32 = new Uint32Array(this.data);
  private readonly f32 = new Float32Array(this.data);
  private readonly groups = new Map<GPUBuffer, GPUBindGroup>();

  constructor(
    private readonly device: GPUDevice,
    sources: ShaderSources,
  ) {
    const module = device.createShaderModule({ label: 'brush.wgsl', code: composeShader('brush.wgsl', sources) });
    this.layout = device.createBindGroupLayout({
      label: 'brush',
      entries: [
        { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } },
        { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
      ],
    });
    this.pipeline = device.createComputePipeline({
      label: 'brush dab',
      layout: device.createPipelineLayout({ label: 'brush', bindGroupLayouts: [this.layout] }),
      compute: { module, entryPoint: 'dab' },
    });
    this.params = device.createBuffer({ label: 'brush params', size: 48, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  }

  /** Applies one dab to `field` (nx x ny cells) and submits it. */
  apply(field: GPUBuffer, nx: number, ny: number, d: BrushDab): void {
    this.u32[0] = nx;
    this.u32[1] = ny;
    this.u32[2] = d.mode === 'raise' ? 0 : 1;
    this.f32[4] = d.cx;
    this.f32[5] = d.cy;
    this.f32[6] = Math.max(d.rx, 0.5);
    this.f32[7] = Math.max(d.ry, 0.5);
    this.f32[8] = d.value;
    this.device.queue.writeBuffer(this.params, 0, this.data);
    let g = this.groups.get(field);
    if (!g) {
      if (this.groups.size > 16) this.groups.clear();
      g = this.device.createBindGroup({
        label: `brush -> ${field.label}`,
        layout: this.layout,
        entries: [
          { binding: 0, resource: { buffer: this.params } },
          { binding: 1, resource: { buffer: field } },
        ],
      });
      this.groups.set(field, g);
    }
    const enc = this.device.createCommandEncoder({ label: 'brush' });
    const pass = enc.beginComputePass({ label: 'brush dab' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, g);
    pass.dispatchWorkgroups(Math.ceil(nx / 16), Math.ceil(ny / 16));
    pass.end();
    this.device.queue.submit([enc.finish()]);
  }

  destroy(): void {
    this.params.destroy();
    this.groups.clear();
  }
}
