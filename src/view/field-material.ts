/**
 * The node material that colours a field: it loads the cell's stored value (no filtering: one
 * texel per cell), maps it through the colormap LUT with a [lo, hi] range uniform, and paints
 * negative values in their own colour when asked (sigma < 0 in unphysical mode), and paints solid
 * cells (a 0/1 mask texture on the same grid) in SOLID_RGB whatever the field. Works unchanged
 * on the WebGPU backend (our r32float texture) and on three's WebGL2 fallback (a float DataTexture).
 */
import * as THREE from 'three/webgpu';
import { clamp, float, floor, int, ivec2, log2, max, positionLocal, select, texture, textureLoad, uniform, uv, vec2, vec3 } from 'three/tsl';
import { colormapLut, LUT_SIZE, NEGATIVE_SIGMA_RGB, SOLID_RGB, type ColormapName } from './colormaps';

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
  /** Solid mask (red channel 1 = solid, 0 = fluid), `solidNx` x `solidNy` cells over the same domain. */
  solid: THREE.Texture;
  solidNx: number;
  solidNy: number;
}

/** An sRGB byte triple as the linear colour the node material outputs. */
function linear(rgb: readonly [number, number, number]) {
  return vec3(...(rgb.map((c) => Math.pow(c / 255, 2.2)) as [number, number, number]));
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
  /** Size of the solid mask (cells; the mask has its own, so a 1x1 placeholder field still lines up). */
  readonly solidNx = uniform(1);
  readonly solidNy = uniform(1);
  /** Height of the 3D surface at t = 1 (world units; 0 for flat views). */
  readonly height = uniform(0);
  private readonly fieldNode: ReturnType<typeof textureLoad>;
  private readonly lutNode: THREE.TextureNode<'vec4'>;
  private readonly solidNode: ReturnType<typeof textureLoad>;

  constructor(o: FieldMaterialOptions, surface = false) {
    this.nx.value = o.nx;
    this.ny.value = o.ny;
    // The cell under a fragment of a texture of nx x ny cells spanning the pane.
    const cellOf = (nx: typeof this.nx, ny: typeof this.ny) =>
      ivec2(int(clamp(floor(uv().x.mul(nx)), float(0), nx.sub(1))), int(clamp(floor(uv().y.mul(ny)), float(0), ny.sub(1))));
    this.fieldNode = textureLoad(o.field, cellOf(this.nx, this.ny));
    this.solidNx.value = o.solidNx;
    this.solidNy.value = o.solidNy;
    this.solidNode = textureLoad(o.solid, cellOf(this.solidNx, this.solidNy));
    const value = this.fieldNode.x;
    const shown = select(this.log.greaterThan(0.5), log2(max(value, float(1e-37))).mul(Math.LOG10E / Math.LOG2E), value);
    const t = clamp(shown.sub(this.lo).div(this.hi.sub(this.lo)), 0, 1);
    this.lutNode = texture<"vec4">(o.lut, vec2(t.mul((LUT_SIZE - 1) / LUT_SIZE).add(0.5 / LUT_SIZE), 0.5));
    const neg = linear(NEGATIVE_SIGMA_RGB);
    const m = new THREE.MeshBasicNodeMaterial();
    m.name = surface ? 'field surface' : 'field';
    const valueColour = select(this.markNegative.greaterThan(0.5).and(value.lessThan(0)), neg, this.lutNode.rgb);
    m.colorNode = select(this.solidNode.x.greaterThan(0.5), linear(SOLID_RGB), valueColour);
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

  /** Points the material at a new solid mask (nx x ny cells). */
  setSolid(tex: THREE.Texture, nx: number, ny: number): void {
    this.solidNode.value = tex;
    this.solidNx.value = nx;
    this.solidNy.value = ny;
  }

  setLut(tex: THREE.Texture): void {
    this.lutNode.value = tex;
  }

  dispose(): void {
    this.material.dispose();
  }
}
