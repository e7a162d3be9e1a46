/**
 * The field views: up to three flat panes (T, c, sigma, or the potential phi) in an orthographic
 * scene measured in CSS pixels, with flux arrows and contour lines over a pane, or one 3D surface
 * (height and colour = the chosen field) with orbit controls. Owns its scenes, cameras, meshes,
 * materials and LUT textures; textures of the fields come from a FieldTextureSource and are
 * rebound when the grid changes. Solid cells are drawn the same neutral grey in every pane
 * (setSolidMask).
 */
import * as THREE from 'three/webgpu';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { FieldName } from '../physics/simulation';
import type { ColormapName } from './colormaps';
import { FieldMaterial, LutTextures } from './field-material';
import { HostFieldTexture, type FieldTextureSource } from './field-textures';
import { ContourLines } from './contour-lines';
import { FluxArrows } from './flux-arrows';
import { PANE_FIELDS, paneRects, type PaneField, type PaneRect, type ViewMode } from './layout';
import type { Stage } from './stage';
import { drawableRange } from './value-span';

/** Vertices of the surface mesh along its longer side (the field itself is sampled per cell). */
const SURFACE_SEGMENTS = 160;

export interface FieldStyle {
  colormap: ColormapName;
  /** Stored-value range mapped to the LUT's ends (T - T0 [K], c - c0 [-], sigma). */
  lo: number;
  hi: number;
  markNegative: boolean;
  /** Colour by log10 of the value (lo, hi are then log10 values too). */
  log?: boolean;
}

export class FieldView {
  readonly scene2d = new THREE.Scene();
  readonly camera2d = new THREE.OrthographicCamera(0, 1, 1, 0, -10, 10);
  readonly scene3d = new THREE.Scene();
  readonly camera3d = new THREE.PerspectiveCamera(40, 1, 0.01, 100);
  readonly arrows = new FluxArrows();
  /** Contour lines (equipotentials, isotherms) over one pane. */
  readonly contours = new ContourLines();
  mode: ViewMode = 'all';
  surfaceField: FieldName = 'c';
  panes: PaneRect[] = [];
  /** Called after every layout with the new panes (what is placed over a pane follows it). */
  private readonly layoutListeners: ((panes: readonly PaneRect[]) => void)[] = [];
  /** Least text size of the pane titles and bars [CSS px] (lecture mode raises it). */
  minFontPx = 0;

  private readonly luts = new LutTextures();
  private readonly quad = new THREE.PlaneGeometry(1, 1);
  private readonly flat: Record<PaneField, { mesh: THREE.Mesh; mat: FieldMaterial }>;
  /** What the phi pane shows until the page sets its texture (phi has no solver display texture). */
  private readonly blank = new HostFieldTexture('phi (not yet read)');
  /** The solid mask every material reads until the page sets one (one fluid cell: nothing solid). */
  private readonly noSolid = new HostFieldTexture('solid mask (none)');
  private solid: { texture: THREE.Texture; nx: number; ny: number } = { texture: this.noSolid.texture, nx: 1, ny: 1 };
  private surfaceGeometry: THREE.PlaneGeometry;
  private readonly surface: { mesh: THREE.Mesh; mat: FieldMaterial };
  private readonly controls: OrbitControls;
  private generation = -1;
  private aspect = 2;
  /** The range last given to a material (reused: no allocation per frame). */
  private readonly range = { lo: 0, hi: 1 };
  /** Colormap last applied per field (materials keep the rest as uniforms). */
  private readonly colormaps = new Map<PaneField, ColormapName>();
  /** Textures shown in place of a field's own (setOverride); phi's only texture. */
  private readonly overrides = new Map<PaneField, { texture: THREE.Texture; nx: number; ny: number }>();

  constructor(
    private readonly stage: Stage,
    private source: FieldTextureSource,
  ) {
    const lut = this.luts.get('coolwarm');
    const make = (f: PaneField) => {
      const t = this.textureOf(f);
      const mat = new FieldMaterial({ field: t.texture, lut, nx: t.nx, ny: t.ny, solid: this.solid.texture, solidNx: 1, solidNy: 1 });
      const mesh = new THREE.Mesh(this.quad, mat.material);
      mesh.name = `pane ${f}`;
      mesh.frustumCulled = false;
      this.scene2d.add(mesh);
      return { mesh, mat };
    };
    this.flat = { T: make('T'), c: make('c'), sigma: make('sigma'), phi: make('phi') };
    this.scene2d.add(this.arrows.group);
    this.scene2d.add(this.contours.group);
    this.surfaceGeometry = new THREE.PlaneGeometry(2, 1, SURFACE_SEGMENTS, SURFACE_SEGMENTS / 2);
    const smat = new FieldMaterial({ field: source.texture('c'), lut, nx: source.nx, ny: source.ny, solid: this.solid.texture, solidNx: 1, solidNy: 1 }, true);
    const smesh = new THREE.Mesh(this.surfaceGeometry, smat.material);
    smesh.name = 'surface';
    smesh.rotation.x = -Math.PI / 2;
    this.scene3d.add(smesh);
    this.scene3d.background = new THREE.Color(0x15171c);
    this.surface = { mesh: smesh, mat: smat };
    this.camera3d.position.set(0, 1.4, 1.9);
    this.controls = new OrbitControls(this.camera3d, stage.canvas);
    this.controls.enableDamping = false;
    this.controls.enabled = false;
    this.generation = source.generation;
  }

  /** Uses a new texture source (e.g. the backend changed). */
  setSource(source: FieldTextureSource): void {
    this.source = source;
    this.generation = -1;
  }

  /**
   * Shows `tex` (nx x ny cells, stored like the field) in place of `field`'s own texture, or the
   * field again when undefined (e.g. a part of sigma in the sigma pane).
   */
  setOverride(field: PaneField, o: { texture: THREE.Texture; nx: number; ny: number } | undefined): void {
    const prev = this.overrides.get(field);
    if (prev?.texture === o?.texture && prev?.nx === o?.nx && prev?.ny === o?.ny) return;
    if (o) this.overrides.set(field, o);
    else this.overrides.delete(field);
    this.generation = -1;
  }

  /**
   * The solid cells (texture of 1 = solid, 0 = fluid, nx x ny over the domain), painted SOLID_RGB in
   * every pane and on the surface; undefined: none.
   */
  setSolidMask(o: { texture: THREE.Texture; nx: number; ny: number } | undefined): void {
    this.solid = o ?? { texture: this.noSolid.texture, nx: 1, ny: 1 };
    for (const f of PANE_FIELDS) this.flat[f].mat.setSolid(this.solid.texture, this.solid.nx, this.solid.ny);
    this.surface.mat.setSolid(this.solid.texture, this.solid.nx, this.solid.ny);
  }

  private textureOf(f: PaneField): { texture: THREE.Texture; nx: number; ny: number } {
    const o = this.overrides.get(f);
    if (o) return o;
    if (f === 'phi') return { texture: this.blank.texture, nx: 1, ny: 1 };
    return { texture: this.source.texture(f), nx: this.source.nx, ny: this.source.ny };
  }

  private rebind(): void {
    if (this.generation === this.source.generation) return;
    for (const f of PANE_FIELDS) {
      const t = this.textureOf(f);
      this.flat[f].mat.setField(t.texture, t.nx, t.ny);
    }
    const t = this.textureOf(this.surfaceField);
    this.surface.mat.setField(t.texture, t.nx, t.ny);
    this.generation = this.source.generation;
  }

  /** Domain aspect ratio width / height; reshapes the surface mesh when it changes. */
  setAspect(aspect: number): void {
    if (aspect === this.aspect) return;
    this.aspect = aspect;
    const sx = aspect >= 1 ? 2 : 2 * aspect;
    const sy = aspect >= 1 ? 2 / aspect : 2;
    const segX = aspect >= 1 ? SURFACE_SEGMENTS : Math.max(2, Math.round(SURFACE_SEGMENTS * aspect));
    const segY = aspect >= 1 ? Math.max(2, Math.round(SURFACE_SEGMENTS / aspect)) : SURFACE_SEGMENTS;
    const g = new THREE.PlaneGeometry(sx, sy, segX, segY);
    this.surface.mesh.geometry = g;
    this.surfaceGeometry.dispose();
    this.surfaceGeometry = g;
  }

  setMode(mode: ViewMode, surfaceField: FieldName): void {
    this.mode = mode;
    if (surfaceField !== this.surfaceField) {
      this.surfaceField = surfaceField;
      const t = this.textureOf(surfaceField);
      this.surface.mat.setField(t.texture, t.nx, t.ny);
    }
    this.controls.enabled = mode === 'surface';
  }

  /** Sets a field's colormap and range (uniform writes; a LUT switch only when it changes). */
  setStyle(field: PaneField, s: FieldStyle): void {
    const lutChanged = this.colormaps.get(field) !== s.colormap;
    const apply = (mat: FieldMaterial, lut: boolean) => {
      if (lut) mat.setLut(this.luts.get(s.colormap));
      // A zero-width range (a uniform field) is widened about its value: the middle colour.
      const r = drawableRange(s.lo, s.hi, this.range);
      mat.lo.value = r.lo;
      mat.hi.value = r.hi;
      mat.markNegative.value = s.markNegative ? 1 : 0;
      mat.log.value = s.log ? 1 : 0;
    };
    apply(this.flat[field].mat, lutChanged);
    // The surface shows one field at a time: it always takes that field's LUT.
    if (field === this.surfaceField) apply(this.surface.mat, true);
    this.colormaps.set(field, s.colormap);
  }

  /** Lays out the panes for the canvas size; returns them (CSS px, y up). */
  layout(): PaneRect[] {
    const w = this.stage.width;
    const h = this.stage.height;
    this.camera2d.left = 0;
    this.camera2d.right = w;
    this.camera2d.top = h;
    this.camera2d.bottom = 0;
    this.camera2d.updateProjectionMatrix();
    this.camera3d.aspect = w / h;
    this.camera3d.updateProjectionMatrix();
    this.panes = paneRects(this.mode, w, h, this.aspect, this.minFontPx);
    for (const f of PANE_FIELDS) this.flat[f].mesh.visible = false;
    for (const p of this.panes) {
      const m = this.flat[p.field].mesh;
      m.visible = true;
      m.position.set(p.x + p.w / 2, p.y + p.h / 2, 0);
      m.scale.set(p.w, p.h, 1);
    }
    this.contours.place(this.panes);
    for (const f of this.layoutListeners) f(this.panes);
    return this.panes;
  }

  /**
   * `f` runs after every layout (a new view, canvas size or resolution): overlays placed from
   * data over a pane (the flux arrows) are placed again there, not left over the old panes.
   */
  onLayout(f: (panes: readonly PaneRect[]) => void): void {
    this.layoutListeners.push(f);
  }

  /** Height of the surface [world units] at the top of the colour range. */
  setSurfaceHeight(h: number): void {
    this.surface.mat.height.value = h;
  }

  render(): void {
    this.rebind();
    if (this.mode === 'surface') {
      this.stage.render(this.scene3d, this.camera3d);
    } else {
      this.stage.render(this.scene2d, this.camera2d);
    }
  }

  dispose(): void {
    this.controls.dispose();
    for (const f of PANE_FIELDS) this.flat[f].mat.dispose();
    this.blank.dispose();
    this.noSolid.dispose();
    this.contours.dispose();
    this.surface.mat.dispose();
    this.surfaceGeometry.dispose();
    this.quad.dispose();
    this.luts.dispose();
    this.arrows.dispose();
  }
}
