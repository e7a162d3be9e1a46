/**
 * Where the field views get their textures: the GPU solver's display textures wrapped for three
 * without a copy (ExternalTexture around our r32float GPUTexture), or, on the CPU fallback, float
 * DataTextures filled from the worker's snapshots. Each class owns its three.js texture objects.
 */
import * as THREE from 'three/webgpu';
import type { DisplayTextures } from '../gpu/display';
import type { FieldName } from '../physics/simulation';

export interface FieldTextureSource {
  readonly nx: number;
  readonly ny: number;
  /** Changes whenever textures were replaced (grid change): views rebind. */
  readonly generation: number;
  texture(name: FieldName): THREE.Texture;
  dispose(): void;
}

const FIELDS: readonly FieldName[] = ['T', 'c', 'sigma'];

function configure(t: THREE.Texture, name: string): void {
  t.name = name;
  t.magFilter = THREE.NearestFilter;
  t.minFilter = THREE.NearestFilter;
  t.generateMipmaps = false;
  t.type = THREE.FloatType;
  t.format = THREE.RedFormat;
  t.flipY = false;
}

/** Zero-copy: three samples the solver-side display textures directly. */
export class GpuFieldTextures implements FieldTextureSource {
  private wrapped = new Map<FieldName, THREE.ExternalTexture>();
  private seen = -1;

  constructor(private readonly display: DisplayTextures) {}

  get nx(): number {
    return this.display.nx;
  }
  get ny(): number {
    return this.display.ny;
  }
  get generation(): number {
    return this.display.generation;
  }

  texture(name: FieldName): THREE.Texture {
    if (this.seen !== this.display.generation) this.rewrap();
    return this.wrapped.get(name)!;
  }

  private rewrap(): void {
    for (const t of this.wrapped.values()) t.dispose();
    this.wrapped.clear();
    for (const f of FIELDS) {
      const t = new THREE.ExternalTexture(this.display.textures[f]);
      configure(t, `field ${f} (GPU, zero-copy)`);
      (t as unknown as { image: { width: number; height: number } }).image = { width: this.display.nx, height: this.display.ny };
      this.wrapped.set(f, t);
    }
    this.seen = this.display.generation;
  }

  dispose(): void {
    for (const t of this.wrapped.values()) t.dispose();
    this.wrapped.clear();
  }
}

/** CPU fallback: float textures updated from snapshots (stored values: deviations, sigma). */
export class CpuFieldTextures implements FieldTextureSource {
  nx = 0;
  ny = 0;
  generation = 0;
  private readonly textures = new Map<FieldName, THREE.DataTexture>();

  constructor(nx: number, ny: number) {
    this.resize(nx, ny);
  }

  private resize(nx: number, ny: number): void {
    for (const t of this.textures.values()) t.dispose();
    this.textures.clear();
    this.nx = nx;
    this.ny = ny;
    for (const f of FIELDS) {
      const t = new THREE.DataTexture(new Float32Array(nx * ny), nx, ny, THREE.RedFormat, THREE.FloatType);
      configure(t, `field ${f} (CPU)`);
      t.needsUpdate = true;
      this.textures.set(f, t);
    }
    this.generation++;
  }

  /** Copies a snapshot's stored values into the textures (resizing when the grid changed). */
  update(nx: number, ny: number, fields: Record<FieldName, ArrayLike<number>>): void {
    if (nx !== this.nx || ny !== this.ny) this.resize(nx, ny);
    for (const f of FIELDS) {
      const t = this.textures.get(f)!;
      (t.image.data as Float32Array).set(fields[f]);
      t.needsUpdate = true;
    }
  }

  texture(name: FieldName): THREE.Texture {
    return this.textures.get(name)!;
  }

  dispose(): void {
    for (const t of this.textures.values()) t.dispose();
    this.textures.clear();
  }
}

/**
 * A field computed on the host (e.g. a part of sigma) as a float texture, for a pane to show in
 * place of the solver's own field. Resized when the grid changes; `generation` counts that.
 */
export class HostFieldTexture {
  texture: THREE.DataTexture;
  generation = 0;

  constructor(private readonly name: string) {
    this.texture = this.make(1, 1);
  }

  private make(nx: number, ny: number): THREE.DataTexture {
    const t = new THREE.DataTexture(new Float32Array(nx * ny), nx, ny, THREE.RedFormat, THREE.FloatType);
    configure(t, this.name);
    t.needsUpdate = true;
    return t;
  }

  /** Copies `data` (row-major, row 0 at the bottom) in, resizing first when the grid changed. */
  update(nx: number, ny: number, data: ArrayLike<number>): void {
    if (nx !== this.texture.image.width || ny !== this.texture.image.height) {
      this.texture.dispose();
      this.texture = this.make(nx, ny);
      this.generation++;
    }
    (this.texture.image.data as Float32Array).set(data);
    this.texture.needsUpdate = true;
  }

  dispose(): void {
    this.texture.dispose();
  }
}
