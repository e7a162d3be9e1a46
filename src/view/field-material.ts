/**
 * The node material that colours a field: it loads the cell's stored value (no filtering: one
 * texel per cell), maps it through the colormap LUT with a [lo, hi] range uniform, and paints
 * negative values in their own colour when asked (sigma < 0 in unphysical mode). Works unchanged
 * on the WebGPU backend (our r32float texture) and on three's WebGL2 fallback (a float DataTexture).
 */
import * as THREE from 'three/webgpu';
import { clamp, float, floor, int, ivec2, log2, max, positionLocal, select, texture, textureLoad, uniform, uv, vec2, vec3 } from 'three/tsl';
import { colormapLut, LUT_SIZE, NEGATIVE_SIGMA_RGB, type ColormapName } from './colormaps';

/** One LUT texture per colormap, shared by every material (owned by `LutTextures`). */
export class LutTextures {
  private readonly map = new Map<ColormapName, THREE.DataTexture>();

  get(name: ColormapName): THREE.DataTexture {
    let t = this.map.get(name);
    if (!t) {
      t = new THREE.DataTexture(colormapLut(name), LUT_SIZE, 1, THREE.RGBAFormat, THREE.UnsignedByteType);
      t.name = `colormap ${name}`;
      t.colorSpace = THREE.SRGBColorSpace;
      t.magFilter = THREE.LinearFilter;
      t.minFilter = THREE.LinearFilter;
      t.generateMipmaps = false;
      t.wrapS = THREE.ClampToEdgeWrapping;
      t.needsUpdate = true;
      this.map.set(name, t);
    }
    return t;
  }

  dispose(): void {
    for (const t of this.map.values()) t.dispose();
    this.map.clear();
  }
}

export interface FieldMaterialOptions {
  field: THREE.Texture;
  lut: THREE.Texture;
  nx: number;
  ny: number;
}

/** A field's material and the uniforms the view updates (no allocation when they change). */
export class FieldMaterial {
  readonly material: THREE.MeshBasicNodeMaterial;
  /** Range of stored values mapped to the ends of the LUT. */
  readonly lo = uniform(0);
  readonly hi = uniform(1);
  /** 1: values below 0 get NEGATIVE_SIGMA_RGB. */
  readonly markNegative = uniform(0);
  /** 1: colour by log10 of the value (lo, hi in log10 units; values <= 0 take the low end). */
  readonly log = uniform(0);
  readonly nx = uniform(1);
  readonly ny = uniform(1);
  /** Height of the 3D surface at t = 1 (world units; 0 for flat views). */
  readonly height = uniform(0);
  private readonly fieldNode: ReturnType<typeof textureLoad>;
  private readonly lutNode: THREE.TextureNode<'vec4'>;

  constructor(o: FieldMaterialOptions, surface = false) {
    this.nx.value = o.nx;
    this.ny.value = o.ny;
    const cell = ivec2(
      int(clamp(floor(uv().x.mul(this.nx)), float(0), this.nx.sub(1))),
      int(clamp(floor(uv().y.mul(this.ny)), float(0), this.ny.sub(1))),
    );
    this.fieldNode = textureLoad(o.field, cell);
    const value = this.fieldNode.x;
    const shown = select(this.log.greaterThan(0.5), log2(max(value, float(1e-37))).mul(Math.LOG10E / Math.LOG2E), value);
    const t = clamp(shown.sub(this.lo).div(this.hi.sub(this.lo)), 0, 1);
    this.lutNode = texture<"vec4">(o.lut, vec2(t.mul((LUT_SIZE - 1) / LUT_SIZE).add(0.5 / LUT_SIZE), 0.5));
    const neg = vec3(...NEGATIVE_SIGMA_RGB.map((c) => Math.pow(c / 255, 2.2)) as [number, number, number]);
    const m = new THREE.MeshBasicNodeMaterial();
    m.name = surface ? 'field surface' : 'field';
    m.colorNode = select(this.markNegative.greaterThan(0.5).and(value.lessThan(0)), neg, this.lutNode.rgb);
    if (surface) {
      m.side = THREE.DoubleSide;
      m.positionNode = positionLocal.add(vec3(0, 0, t.sub(0.5).mul(this.height)));
    }
    this.material = m;
  }

  /** Points the material at a new field texture (e.g. after the grid changed). */
  setField(tex: THREE.Texture, nx: number, ny: number): void {
    this.fieldNode.value = tex;
    this.nx.value = nx;
    this.ny.value = ny;
  }

  setLut(tex: THREE.Texture): void {
    this.lutNode.value = tex;
  }

  dispose(): void {
    this.material.dispose();
  }
}
