/**
 * Flux arrows over a 2D pane: one flux split into two parts, each drawn as its own set of arrows
 * (J1: Fick in white, Soret in black; Jq': Fourier in white, Dufour in black), on a coarse lattice
 * of cells. Instances are allocated once; updates only rewrite instance matrices.
 */
import * as THREE from 'three/webgpu';
import { cellFluxParts, type FluxParts } from '../physics/flux-parts';
import type { FaceConstants } from '../physics/faces';
import { arrowLattice, arrowShape, type ArrowShape } from './arrow-shape';
import type { PaneRect } from './layout';

/** 'current': the ionic current density i = (zF/M1) J1, diffusion (white) and drift (black). */
export type FluxOverlay = 'none' | 'J1' | 'Jq' | 'current';
export const MAX_ARROWS_X = 24;
export const MAX_ARROWS_Y = 16;
const MAX = MAX_ARROWS_X * MAX_ARROWS_Y;

function arrowGeometry(): THREE.BufferGeometry {
  // Along +x from 0 to 1, unit half-width 0.5: a shaft and a head. The shaft is half as wide as
  // the head (0.18 was ~1 px at the shortest arrows: only the head showed, a dot).
  const s = 0.25;
  const hs = 0.65;
  const verts = [0, -s, 0, hs, -s, 0, hs, s, 0, 0, -s, 0, hs, s, 0, 0, s, 0, hs, -0.5, 0, 1, 0, 0, hs, 0.5, 0];
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(verts, 3));
  return g;
}

export class FluxArrows {
  readonly group = new THREE.Group();
  private readonly parts: [THREE.InstancedMesh, THREE.InstancedMesh];
  private readonly geometry = arrowGeometry();
  private readonly m = new THREE.Matrix4();
  private readonly q = new THREE.Quaternion();
  private readonly p = new THREE.Vector3();
  private readonly s = new THREE.Vector3();
  private readonly z = new THREE.Vector3(0, 0, 1);
  private readonly fx: FluxParts = { fick: 0, soret: 0, fourier: 0, dufour: 0 };
  private readonly fy: FluxParts = { fick: 0, soret: 0, fourier: 0, dufour: 0 };
  private readonly vec = new Float64Array(MAX * 4);
  private readonly cell = new Float64Array(4);
  /** Whether the lattice point is on a solid cell (no arrow there). */
  private readonly onSolid = new Uint8Array(MAX);
  private readonly shape: ArrowShape = { length: 0, width: 0 };
  /** Largest part magnitude of the last update, in the flux's unit. */
  maxMagnitude = 0;
  /** Arrows drawn by the last update, per part (white, black); too short ones and solid cells have none. */
  readonly drawn: [number, number] = [0, 0];

  constructor() {
    const mat = (color: number) => {
      const m = new THREE.MeshBasicNodeMaterial({ color, side: THREE.DoubleSide, depthTest: false });
      m.name = 'flux arrow';
      return m;
    };
    this.parts = [new THREE.InstancedMesh(this.geometry, mat(0xffffff), MAX), new THREE.InstancedMesh(this.geometry, mat(0x000000), MAX)];
    for (const p of this.parts) {
      p.count = 0;
      p.frustumCulled = false;
      p.renderOrder = 2;
      this.group.add(p);
    }
    this.group.visible = false;
  }

  /**
   * Recomputes arrows over `pane` from stored fields (u = T - T0, v = c - c0). Arrow length is
   * proportional to the part's magnitude, the largest of either part filling one lattice spacing.
   * ('current' is drawn by `updateWith` from the ionic current's parts.)
   */
  update(
    kind: FluxOverlay,
    pane: PaneRect | undefined,
    p: FaceConstants,
    u: ArrayLike<number>,
    v: ArrayLike<number>,
    nx: number,
    ny: number,
    hx: number,
    hy: number,
    solid?: ArrayLike<number>,
  ): void {
    if (kind === 'none' || kind === 'current' || !pane) {
      this.group.visible = false;
      return;
    }
    this.updateWith(pane, nx, ny, (i, j, o) => {
      cellFluxParts(p, u, v, nx, ny, hx, hy, i, j, this.fx, this.fy);
      if (kind === 'J1') {
        o[0] = this.fx.fick;
        o[1] = this.fy.fick;
        o[2] = this.fx.soret;
        o[3] = this.fy.soret;
      } else {
        o[0] = this.fx.fourier;
        o[1] = this.fy.fourier;
        o[2] = this.fx.dufour;
        o[3] = this.fy.dufour;
      }
    }, solid);
  }

  /**
   * Arrows over `pane` on a lattice of at most MAX_ARROWS_X x MAX_ARROWS_Y of the nx x ny cells,
   * at least MIN_ARROW_SPACING_PX apart (arrow-shape.ts):
   * `at(i, j, o)` writes the first part's x, y (white) and the second part's x, y (black) at cell
   * (i, j) into o[0..3]. Lengths as in `update` (arrow-shape.ts: too short ones are not drawn).
   * Lattice points on a solid cell (`solid[j * nx + i]` != 0, e.g. a membrane) get no arrow.
   */
  updateWith(pane: PaneRect, nx: number, ny: number, at: (i: number, j: number, o: Float64Array) => void, solid?: ArrayLike<number>): void {
    const { ax, ay } = arrowLattice(pane.w, pane.h, nx, ny, MAX_ARROWS_X, MAX_ARROWS_Y);
    let big = 0;
    let n = 0;
    for (let b = 0; b < ay; b++) {
      for (let a = 0; a < ax; a++) {
        const i = Math.floor(((a + 0.5) / ax) * nx);
        const j = Math.floor(((b + 0.5) / ay) * ny);
        const o = n * 4;
        this.onSolid[n] = solid && solid[j * nx + i] ? 1 : 0;
        if (this.onSolid[n]) this.vec.fill(0, o, o + 4);
        else {
          at(i, j, this.cell);
          this.vec.set(this.cell, o);
          big = Math.max(big, Math.hypot(this.vec[o], this.vec[o + 1]), Math.hypot(this.vec[o + 2], this.vec[o + 3]));
        }
        n++;
      }
    }
    this.maxMagnitude = big;
    const spacing = Math.min(pane.w / ax, pane.h / ay);
    for (let part = 0; part < 2; part++) {
      const mesh = this.parts[part];
      let k = 0;
      for (let b = 0; b < ay; b++) {
        for (let a = 0; a < ax; a++) {
          const o = (b * ax + a) * 4 + part * 2;
          const vx = this.vec[o];
          const vy = this.vec[o + 1];
          if (this.onSolid[b * ax + a] || !arrowShape(Math.hypot(vx, vy), big, spacing, this.shape)) continue;
          const len = this.shape.length;
          const angle = Math.atan2(vy, vx);
          this.p.set(pane.x + ((a + 0.5) / ax) * pane.w - (Math.cos(angle) * len) / 2, pane.y + ((b + 0.5) / ay) * pane.h - (Math.sin(angle) * len) / 2, 1 + part);
          this.q.setFromAxisAngle(this.z, angle);
          this.s.set(len, this.shape.width, 1);
          this.m.compose(this.p, this.q, this.s);
          mesh.setMatrixAt(k++, this.m);
        }
      }
      mesh.count = k;
      this.drawn[part] = k;
      mesh.instanceMatrix.needsUpdate = true;
    }
    this.group.visible = true;
  }

  hide(): void {
    this.group.visible = false;
  }

  dispose(): void {
    this.geometry.dispose();
    for (const p of this.parts) {
      (p.material as THREE.Material).dispose();
      p.dispose();
    }
  }
}
