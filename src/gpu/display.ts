/**
 * Display textures: each frame, the solver's current field buffers are copied on the GPU into
 * r32float textures (STORAGE_BINDING | TEXTURE_BINDING) that the renderer samples directly: a
 * buffer-to-texture copy where rows are 256-byte aligned, else a small compute pass. One GPU copy
 * per shown field per frame; no field travels through the CPU. One texture per field, sized to
 * the grid.
 */
import type { FieldName } from '../physics/simulation';
import { composeShader, type ShaderSources } from './shaders';

const WG = 16;

export class DisplayTextures {
  /** Current textures by field; replaced (and the old ones destroyed) when the grid changes. */
  readonly textures: Record<FieldName, GPUTexture>;
  nx: number;
  ny: number;
  /** Bumped whenever the textures are replaced, so views know to rewrap them. */
  generation = 0;

  private readonly device: GPUDevice;
  private readonly pipeline: GPUComputePipeline;
  private readonly layout: GPUBindGroupLayout;
  private readonly params: GPUBuffer;
  private readonly paramsWords = new Uint32Array(4);
  /** Bind groups by (source buffer, field): built once per buffer, reused every frame. */
  private groups = new Map<GPUBuffer, GPUBindGroup>();

  constructor(device: GPUDevice, sources: ShaderSources, nx: number, ny: number) {
    this.device = device;
    const module = device.createShaderModule({ label: 'display.wgsl', code: composeShader('display.wgsl', sources) });
    this.layout = device.createBindGroupLayout({
      label: 'display',
      entries: [
        { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } },
        { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
        { binding: 2, visibility: GPUShaderStage.COMPUTE, storageTexture: { access: 'write-only', format: 'r32float' } },
      ],
    });
    this.pipeline = device.createComputePipeline({
      label: 'display toTexture',
      layout: device.createPipelineLayout({ label: 'display', bindGroupLayouts: [this.layout] }),
      compute: { module, entryPoint: 'toTexture' },
    });
    this.params = device.createBuffer({ label: 'display params', size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.nx = nx;
    this.ny = ny;
    this.textures = { T: this.makeTexture('T'), c: this.makeTexture('c'), sigma: this.makeTexture('sigma') };
    this.writeParams();
  }

  private makeTexture(name: FieldName): GPUTexture {
    return this.device.createTexture({
      label: `display ${name} (${this.nx}x${this.ny} r32float)`,
      size: [this.nx, this.ny],
      format: 'r32float',
      usage: GPUTextureUsage.STORAGE_BINDING | GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_SRC | GPUTextureUsage.COPY_DST,
    });
  }

  private writeParams(): void {
    this.paramsWords[0] = this.nx;
    this.paramsWords[1] = this.ny;
    this.device.queue.writeBuffer(this.params, 0, this.paramsWords);
  }

  /** Resizes to a new grid (textures are recreated; fields are not kept: the solver restarts too). */
  resize(nx: number, ny: number): void {
    if (nx === this.nx && ny === this.ny) return;
    for (const t of Object.values(this.textures)) t.destroy();
    this.nx = nx;
    this.ny = ny;
    for (const name of ['T', 'c', 'sigma'] as const) this.textures[name] = this.makeTexture(name);
    this.groups.clear();
    this.generation++;
    this.writeParams();
  }

  /** Forgets cached bind groups (call when the solver's buffers were replaced). */
  forgetBuffers(): void {
    this.groups.clear();
  }

  private groupFor(buffer: GPUBuffer, name: FieldName): GPUBindGroup {
    let g = this.groups.get(buffer);
    if (!g) {
      g = this.device.createBindGroup({
        label: `display ${name} <- ${buffer.label}`,
        layout: this.layout,
        entries: [
          { binding: 0, resource: { buffer: this.params } },
          { binding: 1, resource: { buffer } },
          { binding: 2, resource: this.textures[name].createView({ label: `display ${name} view` }) },
        ],
      });
      this.groups.set(buffer, g);
    }
    return g;
  }

  /**
   * Encodes the copies of the given fields (buffer by field) into `encoder`. Where a row of the
   * grid is a multiple of 256 bytes (nx a multiple of 64) a plain buffer-to-texture copy does it
   * (cheaper than image stores on a CPU WebGPU); otherwise the toTexture kernel.
   */
  encode(encoder: GPUCommandEncoder, fields: readonly FieldName[], bufferOf: (name: FieldName) => GPUBuffer): void {
    if (fields.length === 0) return;
    if ((this.nx * 4) % 256 === 0) {
      for (const name of fields) {
        encoder.copyBufferToTexture({ buffer: bufferOf(name), bytesPerRow: this.nx * 4, rowsPerImage: this.ny }, { texture: this.textures[name] }, [this.nx, this.ny]);
      }
      return;
    }
    const pass = encoder.beginComputePass({ label: 'display fields' });
    pass.setPipeline(this.pipeline);
    const gx = Math.ceil(this.nx / WG);
    const gy = Math.ceil(this.ny / WG);
    for (const name of fields) {
      pass.setBindGroup(0, this.groupFor(bufferOf(name), name));
      pass.dispatchWorkgroups(gx, gy);
    }
    pass.end();
  }

  destroy(): void {
    for (const t of Object.values(this.textures)) t.destroy();
    this.params.destroy();
    this.groups.clear();
  }
}
