/**
 * Geometric multigrid for the implicit scheme's linear systems (physics.md 4): the level
 * hierarchy, the coarse operators and one V-cycle, in float64. src/gpu/multigrid.ts and
 * shaders/multigrid.wgsl run the same algorithm in float32, kernel for kernel.
 *
 * The system, per fluid cell P of a level, for the correction x (implicit.ts: x = (dT, d logit c)):
 *   (A x)_P = diag(m_P) x_P + (Wx_P + Wy_P) x_P + sum over faces f of G_f (x_P - x_N(f)) = b_P
 * with 2x2 blocks (row-major [TT, Tz, zT, zz]): m_P the time-derivative diagonal, W the wall
 * conductances, G_f the face conductances, all per unit (finest) cell volume. The face form makes
 * every level conservative (1^T A = m^T on a closed domain), and constants are exact null vectors
 * of its flux part.
 *
 * Coarsening: a coarse cell aggregates up to 2 x 2 cells (2 x 1 once a direction has one cell left;
 * an odd count leaves a last aggregate one cell wide), down to a single cell, so any nx, ny works
 * and the coarsest level is solved exactly by one block solve. Coarse operators are aggregated
 * from the fine ones (count and m summed; faces crossing an aggregate boundary summed) and scaled
 * like a rediscretisation on the coarse cells: a face between aggregates wL and wR cells wide (in
 * the direction of its normal) by 2 / (wL + wR). A wall conducts through the half-cell (which
 * rediscretises like a face: its distance grows w-fold) in series with what lies beyond it (a
 * convective coefficient, which does not): with f = E / (E + C) the wall's "external fraction"
 * (1 for a fixed temperature, h / (h + cond) for a convective wall), the heat row of a wall block
 * scales by 1 / (1 + (w - 1) f) and f becomes w f / (w f + 1 - f); the mass row (a reservoir is
 * a fixed value) by 1 / w. Getting this right matters: a coarse wall too weak over-corrects the
 * smooth modes it controls, and the V-cycle stalls.
 * Restriction sums the residuals of an aggregate's cells; prolongation adds the coarse correction
 * to each of them (piecewise constant). Smoother: red-black Gauss-Seidel on the 2x2 cell block.
 */

/**
 * The factor a mass wall's row is scaled by on a coarse aggregate `w` cells wide along the wall's
 * normal: the wall's conductance in series with the aggregate's own inner face, so that the coarse
 * wall passes the flux the fine cells pass for the aggregate's mean correction,
 * 1 / (1 + W / (2 G)) with W the children's wall (zz) and G their inner faces' (zz) conductance.
 * Where the wall cell's mobility equals its neighbour's (W = 2 G: a half-cell) this is the
 * rediscretisation's 1 / w; where it is lower (a cell at a reservoir's c near 0 or 1, next to
 * cells far from it) 1 / w would leave the coarse wall too weak, and the V-cycle diverged
 * (README, property sweep). w = 1, or no inner face (a solid child): 1 / w.
 */
export function massWallScale(w: number, wall: number, inner: number): number {
  return w === 2 && wall > 0 && inner > 0 ? 1 / (1 + wall / (2 * inner)) : 1 / w;
}

/**
 * The factor a heat wall's row is scaled by on a coarse aggregate `w` cells wide along the wall's
 * normal: 1 / (1 + (w - 1) f rho), f the wall's external fraction. Without a reaction rho = 1 (the
 * rediscretisation: the half-cell's distance grows w-fold). With a reaction (its local block
 * `mr` = [a, b, c, d], rank one) the aggregate conducts heat also as latent heat on the mass flux
 * once its cells hold their local equilibrium: an effective inner conductance
 * G_eff = G_T + lambda (a^2 / (b c)) G_z (G_T, G_z the heat and mass conductances of the faces
 * inside the aggregate; a^2 / (b c) = (dH / (nu1 M1)) (dz/dT at equilibrium) converts the mass one
 * to heat; lambda = d / (d + G_z) how far the reaction holds equilibrium against the aggregate's own
 * diffusion), while the wall's half-cell conducts heat only (the mass flux vanishes at a closed
 * wall): rho = G_T / G_eff. A coarse wall scaled by 1 / w instead is far too weak next to the
 * reaction-enhanced interior, over-corrects the smooth modes and the V-cycle diverged
 * (reactive-conduction, x16 per V-cycle at 128 x 2). Mirror of WGSL `heatWallScale`.
 */
export function heatWallScale(w: number, f: number, innerT: number, innerZ: number, a: number, b: number, c: number, d: number): number {
  const bc = b * c;
  const e = bc > 0 && d > 0 && innerZ > 0 ? (a * a) / bc : 0;
  const lambda = e > 0 ? d / (d + innerZ) : 0;
  const rho = innerT > 0 ? innerT / (innerT + lambda * e * innerZ) : 1;
  return 1 / (1 + (w - 1) * f * rho);
}

export interface LevelDims {
  nx: number;
  ny: number;
  /** Offset of the level's first cell in arrays that pack all levels. */
  offset: number;
  /** Cells of the finer level per aggregate along x and y (1 or 2; 1 for level 0). */
  rx: number;
  ry: number;
}

/**
 * Largest cell aspect ratio (longer side over shorter) a level may have before multigrid coarsens
 * only across the shorter side (semi-coarsening).
 */
export const MAX_CELL_ASPECT = 1.5;

/**
 * The level hierarchy of an nx x ny grid of hx x hy cells [m], finest first, down to one cell.
 * Semi-coarsening: where a level's cells are more than MAX_CELL_ASPECT times longer in x than in
 * y, only y is coarsened (the faces across the short side conduct most strongly, and a point
 * smoother cannot smooth along the long side's weak coupling), and vice versa, until the cells
 * are near square; then both directions. A direction with one cell left is not coarsened.
 */
export function levelDims(nx: number, ny: number, hx = 1, hy = 1): LevelDims[] {
  const out: LevelDims[] = [{ nx, ny, offset: 0, rx: 1, ry: 1 }];
  let offset = nx * ny;
  let Hx = hx;
  let Hy = hy;
  while (out[out.length - 1].nx * out[out.length - 1].ny > 1) {
    const f = out[out.length - 1];
    const rx = f.nx > 1 && (f.ny === 1 || Hx < MAX_CELL_ASPECT * Hy) ? 2 : 1;
    const ry = f.ny > 1 && (f.nx === 1 || Hy < MAX_CELL_ASPECT * Hx) ? 2 : 1;
    Hx *= rx;
    Hy *= ry;
    const next = { nx: Math.ceil(f.nx / rx), ny: Math.ceil(f.ny / ry), offset, rx, ry };
    out.push(next);
    offset += next.nx * next.ny;
  }
  return out;
}

/** Total cells of all levels. */
export const totalCells = (levels: readonly LevelDims[]) => {
  const last = levels[levels.length - 1];
  return last.offset + last.nx * last.ny;
};

/** Smoothing sweeps (each red + black) before and after the coarse correction. */
export const PRE_SWEEPS = 2;
export const POST_SWEEPS = 2;

/**
 * Fine-grid pass equivalents of one V-cycle: every kernel launch on a level counts that level's
 * cells over the finest level's (a red or black half-sweep counts half): smoothing, restriction
 * (which evaluates the level's residual) and prolongation.
 */
export function vCyclePasses(levels: readonly LevelDims[]): number {
  const n0 = levels[0].nx * levels[0].ny;
  let p = 0;
  levels.forEach((l, k) => {
    const f = (l.nx * l.ny) / n0;
    if (k === levels.length - 1) p += f; // one exact block solve
    else p += f * (PRE_SWEEPS + POST_SWEEPS + 2);
  });
  return p;
}

/** Fine-grid pass equivalents of building the coarse operators of every level below the finest. */
export function coarsenPasses(levels: readonly LevelDims[]): number {
  const n0 = levels[0].nx * levels[0].ny;
  return levels.slice(1).reduce((p, l) => p + (l.nx * l.ny) / n0, 0);
}

/**
 * Solves the 2x2 block D x = r. Where D is singular (the coarsest level of a channel with no
 * fixed value at any wall and dt = infinity: its constant mode), the singular channel's
 * increment is 0 and the other is solved alone; the caller removes the constant mode.
 */
export function solveBlock(a: number, b: number, c: number, d: number, r0: number, r1: number): [number, number] {
  const det = a * d - b * c;
  if (Math.abs(det) > 1e-6 * (Math.abs(a * d) + Math.abs(b * c))) return [(d * r0 - b * r1) / det, (a * r1 - c * r0) / det];
  return [a !== 0 ? r0 / a : 0, d !== 0 ? r1 / d : 0];
}

/** Operators and vectors of all levels, packed (level k's cell n at levels[k].offset + n). */
export class MultigridLevels {
  readonly levels: LevelDims[];
  /** Fine cells per aggregate (0: solid). */
  readonly count: Float64Array;
  /** Time-derivative diagonal (per channel) of each cell, summed over aggregates. */
  readonly m: Float64Array;
  /**
   * Local (per cell) 2x2 block added to the diagonal, e.g. a reaction's Jacobian (reaction.ts),
   * summed over aggregates like m; 0 without one.
   */
  readonly mr: Float64Array;
  /** Wall conductances of x walls and y walls, 2x2 per cell. */
  readonly wx: Float64Array;
  readonly wy: Float64Array;
  /** External fraction f of the heat conductance of the x walls and y walls of each cell. */
  readonly fx: Float64Array;
  readonly fy: Float64Array;
  /** Conductance of the face on the left (x) / bottom (y) of each cell, 2x2; 0 at walls. */
  readonly gx: Float64Array;
  readonly gy: Float64Array;
  /** Correction and right-hand side, 2 per cell. */
  readonly x: Float64Array;
  readonly b: Float64Array;

  constructor(
    nx: number,
    ny: number,
    readonly periodicX: boolean,
    readonly periodicY: boolean,
    /** Cell sizes of the finest level [m] (only their ratio matters: semi-coarsening). */
    hx = 1,
    hy = 1,
  ) {
    this.levels = levelDims(nx, ny, hx, hy);
    const n = totalCells(this.levels);
    this.count = new Float64Array(n);
    this.m = new Float64Array(2 * n);
    this.mr = new Float64Array(4 * n);
    this.wx = new Float64Array(4 * n);
    this.wy = new Float64Array(4 * n);
    this.fx = new Float64Array(n);
    this.fy = new Float64Array(n);
    this.gx = new Float64Array(4 * n);
    this.gy = new Float64Array(4 * n);
    this.x = new Float64Array(2 * n);
    this.b = new Float64Array(2 * n);
  }

  /** Builds level k + 1's operator from level k's. */
  coarsen(k: number): void {
    const f = this.levels[k];
    const c = this.levels[k + 1];
    const widthX = (I: number) => Math.min(f.nx - c.rx * I, c.rx);
    const widthY = (J: number) => Math.min(f.ny - c.ry * J, c.ry);
    for (let J = 0; J < c.ny; J++) {
      for (let I = 0; I < c.nx; I++) {
        const C = c.offset + J * c.nx + I;
        const wxI = widthX(I);
        const wyJ = widthY(J);
        let count = 0;
        let m0 = 0;
        let m1 = 0;
        const wx = [0, 0, 0, 0];
        const wy = [0, 0, 0, 0];
        const gx = [0, 0, 0, 0];
        const gy = [0, 0, 0, 0];
        const mr = [0, 0, 0, 0];
        let fxw = 0;
        let fyw = 0;
        // The mass (zz) conductance of the faces inside the aggregate (between its two columns / rows).
        let innerX = 0;
        let innerY = 0;
        // Their heat (TT) conductance (heatWallScale).
        let innerHX = 0;
        let innerHY = 0;
        for (let dj = 0; dj < wyJ; dj++) {
          for (let di = 0; di < wxI; di++) {
            const F = f.offset + (c.ry * J + dj) * f.nx + c.rx * I + di;
            count += this.count[F];
            m0 += this.m[2 * F];
            m1 += this.m[2 * F + 1];
            fxw += this.fx[F] * this.wx[4 * F];
            fyw += this.fy[F] * this.wy[4 * F];
            for (let q = 0; q < 4; q++) {
              wx[q] += this.wx[4 * F + q];
              wy[q] += this.wy[4 * F + q];
              mr[q] += this.mr[4 * F + q];
              if (di === 0) gx[q] += this.gx[4 * F + q];
              if (dj === 0) gy[q] += this.gy[4 * F + q];
            }
            if (di === 1) innerX += this.gx[4 * F + 3];
            if (dj === 1) innerY += this.gy[4 * F + 3];
            if (di === 1) innerHX += this.gx[4 * F];
            if (dj === 1) innerHY += this.gy[4 * F];
          }
        }
        // The face on the left joins aggregate I-1 (or the last one across a periodic seam).
        const left = I > 0 ? I - 1 : c.nx - 1;
        const below = J > 0 ? J - 1 : c.ny - 1;
        const sx = left === I ? 0 : 2 / (wxI + widthX(left));
        const sy = below === J ? 0 : 2 / (wyJ + widthY(below));
        // Walls: the children's external fraction (weighted by their heat conductance).
        const fx = wx[0] > 0 ? fxw / wx[0] : 0;
        const fy = wy[0] > 0 ? fyw / wy[0] : 0;
        const heatX = heatWallScale(wxI, fx, innerHX, innerX, mr[0], mr[1], mr[2], mr[3]);
        const heatY = heatWallScale(wyJ, fy, innerHY, innerY, mr[0], mr[1], mr[2], mr[3]);
        const massX = massWallScale(wxI, wx[3], innerX);
        const massY = massWallScale(wyJ, wy[3], innerY);
        this.count[C] = count;
        this.m[2 * C] = m0;
        this.m[2 * C + 1] = m1;
        this.fx[C] = (wxI * fx) / (wxI * fx + 1 - fx);
        this.fy[C] = (wyJ * fy) / (wyJ * fy + 1 - fy);
        for (let q = 0; q < 4; q++) {
          this.wx[4 * C + q] = wx[q] * (q < 2 ? heatX : massX);
          this.wy[4 * C + q] = wy[q] * (q < 2 ? heatY : massY);
          this.gx[4 * C + q] = gx[q] * sx;
          this.gy[4 * C + q] = gy[q] * sy;
          this.mr[4 * C + q] = mr[q];
        }
      }
    }
  }

  /**
   * Scratch of the cell being smoothed or measured (one instance is never used re-entrantly): its
   * neighbour indices and face blocks, filled by `neighbours` and `faceBlocks`. These run per cell
   * per sweep: allocating arrays and closures there dominated the CPU reference's implicit steps.
   */
  private readonly nb = new Int32Array(4);
  private readonly G = new Float64Array(16);

  /** Neighbour cell indices (left, right, below, above) within level k into `this.nb`, the cell itself where none. */
  private neighbours(k: number, i: number, j: number): Int32Array {
    const l = this.levels[k];
    const row = l.offset + j * l.nx;
    const self = row + i;
    const nb = this.nb;
    nb[0] = i > 0 ? self - 1 : this.periodicX ? row + l.nx - 1 : self;
    nb[1] = i < l.nx - 1 ? self + 1 : this.periodicX ? row : self;
    nb[2] = j > 0 ? self - l.nx : this.periodicY ? l.offset + (l.ny - 1) * l.nx + i : self;
    nb[3] = j < l.ny - 1 ? self + l.nx : this.periodicY ? l.offset + i : self;
    return nb;
  }

  /**
   * Face conductances of cell (i, j) of level k, in the order of `neighbours`, into `this.G`
   * (face f's 2x2 block at 4 f .. 4 f + 3). The right / upper face is stored with the neighbour
   * (as its left / lower face); at a wall it is 0.
   */
  private faceBlocks(k: number, i: number, j: number, P: number, nb: Int32Array): Float64Array {
    const l = this.levels[k];
    const G = this.G;
    const right = i < l.nx - 1 || this.periodicX;
    const up = j < l.ny - 1 || this.periodicY;
    for (let q = 0; q < 4; q++) {
      G[q] = this.gx[4 * P + q];
      G[4 + q] = right ? this.gx[4 * nb[1] + q] : 0;
      G[8 + q] = this.gy[4 * P + q];
      G[12 + q] = up ? this.gy[4 * nb[3] + q] : 0;
    }
    return G;
  }

  /** r = b - A x at cell (i, j) of level k. */
  residualAt(k: number, i: number, j: number): [number, number] {
    const l = this.levels[k];
    const P = l.offset + j * l.nx + i;
    if (this.count[P] === 0) return [0, 0];
    const nb = this.neighbours(k, i, j);
    const G = this.faceBlocks(k, i, j, P, nb);
    const x = this.x;
    const xu = x[2 * P];
    const xv = x[2 * P + 1];
    let r0 = this.b[2 * P] - this.m[2 * P] * xu;
    let r1 = this.b[2 * P + 1] - this.m[2 * P + 1] * xv;
    const w0 = this.wx[4 * P] + this.wy[4 * P] + this.mr[4 * P];
    const w1 = this.wx[4 * P + 1] + this.wy[4 * P + 1] + this.mr[4 * P + 1];
    const w2 = this.wx[4 * P + 2] + this.wy[4 * P + 2] + this.mr[4 * P + 2];
    const w3 = this.wx[4 * P + 3] + this.wy[4 * P + 3] + this.mr[4 * P + 3];
    r0 -= w0 * xu + w1 * xv;
    r1 -= w2 * xu + w3 * xv;
    for (let f = 0; f < 4; f++) {
      const du = xu - x[2 * nb[f]];
      const dv = xv - x[2 * nb[f] + 1];
      r0 -= G[4 * f] * du + G[4 * f + 1] * dv;
      r1 -= G[4 * f + 2] * du + G[4 * f + 3] * dv;
    }
    return [r0, r1];
  }

  /** One red (colour 0) or black (colour 1) half-sweep of block Gauss-Seidel on level k. */
  smooth(k: number, colour: number): void {
    const l = this.levels[k];
    const x = this.x;
    for (let j = 0; j < l.ny; j++) {
      for (let i = (j + colour) % 2; i < l.nx; i += 2) {
        const P = l.offset + j * l.nx + i;
        if (this.count[P] === 0) continue;
        const nb = this.neighbours(k, i, j);
        const G = this.faceBlocks(k, i, j, P, nb);
        let a = this.m[2 * P] + this.wx[4 * P] + this.wy[4 * P] + this.mr[4 * P];
        let b = this.wx[4 * P + 1] + this.wy[4 * P + 1] + this.mr[4 * P + 1];
        let c = this.wx[4 * P + 2] + this.wy[4 * P + 2] + this.mr[4 * P + 2];
        let d = this.m[2 * P + 1] + this.wx[4 * P + 3] + this.wy[4 * P + 3] + this.mr[4 * P + 3];
        let r0 = this.b[2 * P];
        let r1 = this.b[2 * P + 1];
        for (let f = 0; f < 4; f++) {
          if (nb[f] === P) continue; // a wall, or a periodic seam onto the cell itself
          const g0 = G[4 * f];
          const g1 = G[4 * f + 1];
          const g2 = G[4 * f + 2];
          const g3 = G[4 * f + 3];
          a += g0;
          b += g1;
          c += g2;
          d += g3;
          const nu = x[2 * nb[f]];
          const nv = x[2 * nb[f] + 1];
          r0 += g0 * nu + g1 * nv;
          r1 += g2 * nu + g3 * nv;
        }
        const [su, sv] = solveBlock(a, b, c, d, r0, r1);
        x[2 * P] = su;
        x[2 * P + 1] = sv;
      }
    }
  }

  /** b on level k + 1 = the sum of level k's residuals over each aggregate; x on k + 1 = 0. */
  restrict(k: number): void {
    const f = this.levels[k];
    const c = this.levels[k + 1];
    for (let J = 0; J < c.ny; J++) {
      for (let I = 0; I < c.nx; I++) {
        const C = c.offset + J * c.nx + I;
        let s0 = 0;
        let s1 = 0;
        for (let j = c.ry * J; j < Math.min(c.ry * J + c.ry, f.ny); j++) {
          for (let i = c.rx * I; i < Math.min(c.rx * I + c.rx, f.nx); i++) {
            const [r0, r1] = this.residualAt(k, i, j);
            s0 += r0;
            s1 += r1;
          }
        }
        this.b[2 * C] = s0;
        this.b[2 * C + 1] = s1;
        this.x[2 * C] = 0;
        this.x[2 * C + 1] = 0;
      }
    }
  }

  /** x on level k += the correction of each cell's aggregate on level k + 1. */
  prolong(k: number): void {
    const f = this.levels[k];
    const c = this.levels[k + 1];
    for (let j = 0; j < f.ny; j++) {
      for (let i = 0; i < f.nx; i++) {
        const P = f.offset + j * f.nx + i;
        if (this.count[P] === 0) continue;
        const C = c.offset + Math.floor(j / c.ry) * c.nx + Math.floor(i / c.rx);
        this.x[2 * P] += this.x[2 * C];
        this.x[2 * P + 1] += this.x[2 * C + 1];
      }
    }
  }

  /** One V-cycle from level k down to the single coarsest cell. */
  vCycle(k = 0): void {
    const last = this.levels.length - 1;
    if (k === last) {
      this.smooth(k, 0);
      this.smooth(k, 1);
      return;
    }
    for (let s = 0; s < PRE_SWEEPS; s++) {
      this.smooth(k, 0);
      this.smooth(k, 1);
    }
    this.restrict(k);
    this.vCycle(k + 1);
    this.prolong(k);
    for (let s = 0; s < POST_SWEEPS; s++) {
      this.smooth(k, 0);
      this.smooth(k, 1);
    }
  }
}
