/**
 * Contour lines drawn over one 2D pane (equipotentials over phi, isotherms over T, ...): the
 * segments of `contours.ts` placed in the pane's CSS-pixel rectangle as one LineSegments object.
 * The vertex buffer is allocated once (MAX_SEGMENTS); an update rewrites it and its draw range.
 */
import * as THREE from 'three/webgpu';
import { contourSegments } from './contours';
import type { PaneField, PaneRect } from './layout';

/** Most segments drawn (a 512 x 256 grid crossed by a dozen lines needs a few thousand). */
export const MAX_SEGMENTS = 16384;

export class ContourLines {
  readonly group = new THREE.Group();
  private readonly segs = new Float32Array(MAX_SEGMENTS * 4);
  private readonly positions = new Float32Array(MAX_SEGMENTS * 6);
  private readonly geometry = new THREE.BufferGeometry();
  private readonly attribute = new THREE.BufferAttribute(this.positions, 3);
  private readonly material = new THREE.LineBasicNodeMaterial({ color: 0x101010, depthTest: false });
  private readonly lines: THREE.LineSegments;
  /** Segments drawn by the last update (for tests and the status). */
  segments = 0;
  /** The levels drawn by the last update (pane units, e.g. V). */
  levels: readonly number[] = [];

  constructor() {
    this.attribute.setUsage(THREE.DynamicDrawUsage);
    this.geometry.setAttribute('position', this.attribute);
    this.geometry.setDrawRange(0, 0);
    this.material.name = 'contour lines';
    this.lines = new THREE.LineSegments(this.geometry, this.material);
    this.lines.name = 'contour lines';
    this.lines.frustumCulled = false;
    this.lines.renderOrder = 3;
    this.group.add(this.lines);
    this.group.visible = false;
  }

  /** The pane field the lines belong to (they follow that pane when the layout changes). */
  field?: PaneField;
  private pane?: PaneRect;
  private color = 0x101010;

  /**
   * Contours of `values` (nx x ny, row 0 at the bottom) at `levels` for the pane of `field`,
   * skipping squares that touch solid cells; drawn over that pane in `panes` (none while it is not
   * shown). `color` e.g. 0x101010 (dark, over light colormaps).
   */
  update(field: PaneField, panes: readonly PaneRect[], values: ArrayLike<number>, nx: number, ny: number, levels: readonly number[], solid?: ArrayLike<number>, color = 0x101010): void {
    this.segments = contourSegments(values, nx, ny, levels, this.segs, solid, MAX_SEGMENTS);
    this.field = field;
    this.levels = levels;
    this.color = color;
    this.pane = undefined;
    this.place(panes);
  }

  /**
   * Places the lines over their pane (after a layout change); hidden while their field has no pane
   * (equipotentials drawn over the T pane read as isotherms).
   */
  place(panes: readonly PaneRect[]): void {
    const pane = panes.find((p) => p.field === this.field);
    if (!pane || this.field === undefined || this.segments === 0) {
      this.group.visible = false;
      return;
    }
    const same = this.pane && pane.x === this.pane.x && pane.y === this.pane.y && pane.w === this.pane.w && pane.h === this.pane.h;
    if (!same) {
      const p = this.positions;
      for (let k = 0; k < this.segments; k++) {
        const s = k * 4;
        const o = k * 6;
        p[o] = pane.x + this.segs[s] * pane.w;
        p[o + 1] = pane.y + this.segs[s + 1] * pane.h;
        p[o + 2] = 3;
        p[o + 3] = pane.x + this.segs[s + 2] * pane.w;
        p[o + 4] = pane.y + this.segs[s + 3] * pane.h;
        p[o + 5] = 3;
      }
      this.attribute.needsUpdate = true;
      this.geometry.setDrawRange(0, 2 * this.segments);
      this.material.color.setHex(this.color);
      this.pane = { ...pane };
    }
    this.group.visible = true;
  }

  hide(): void {
    this.group.visible = false;
    this.segments = 0;
    this.field = undefined;
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
