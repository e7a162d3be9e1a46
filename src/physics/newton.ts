/**
 * Exact Newton corrections of the implicit solver (implicit.ts) on small grids: the Jacobian of the
 * residual R(T, logit c) by central differences, the cells coloured so that one evaluation of R
 * gives a column of every cell of a colour, and the linear system solved directly (banded.ts).
 *
 * Why: the multigrid inverts the frozen-mobility linearisation, which misses d m_f / d logit c
 * (dz + S_T dT) on every face carrying a thermophoretic through-flux. Under strong Soret coupling
 * (|S_T| ~ 10 1/K) that term dominates, the frozen iteration's amplification exceeds 1 for every
 * relaxation (docs/architecture.md "Still failing": eigenvalues of A^-1 J at -0.33 +- 130i for
 * sweep seed 2079 #70), while Newton with the exact Jacobian converges quadratically there. The
 * face blocks of the multigrid cannot hold that advection-like term; a direct solve can, at a cost
 * that bounds the grids it is taken on (`newtonFits`).
 *
 * The unknowns of a cell are (dT [K], dz) with dc = g dz, g = c(1-c) = dc / d logit c: the update
 * implicit.ts makes (v += g x_z), so the columns here are the derivatives along it.
 */
import { BandedLU } from './banded';
import { logitSlope } from './faces';
import { C_ROUNDOFF } from './thermo';
import type { Scenario } from './scenario';

/** Floating-point operations one factorisation may take (about a second in a browser's JS). */
export const NEWTON_MAX_WORK = 2e9;
/** Bytes the factorisation may hold. */
export const NEWTON_MAX_BYTES = 128 * 2 ** 20;

/** Relative difference step of T and the logit step of the central differences [-]. */
const DIFFERENCE_STEP = 1e-6;
/**
 * The relative shift of the diagonal of a channel whose total the caller keeps (`correction`'s
 * `kept`) [-]. There only the time term pins the channel's mean, and at long steps it lies below the
 * elimination's round-off (a heated 221 x 1 channel with flux walls at dt = 3.6e7 s: rho cp / dt =
 * 2e-5 W/(m^3 K^2) against conduction's 9e12; sweep 2170 #31's second step had a zero pivot and
 * stopped where it started, keeping none of its heat). The shift moves only that mean, which the
 * caller then sets from the kept total; the other modes change by this fraction of their
 * eigenvalues (a long channel's slowest is 1e-4 of the diagonal).
 */
export const KEPT_CHANNEL_SHIFT = 1e-10;

export interface CellGraph {
  nx: number;
  ny: number;
  periodicX: boolean;
  periodicY: boolean;
}

/** The neighbours of cell P into `out` (left, right, down, up); -1 at a wall, periodic seams wrap. */
export function cellNeighbours(g: CellGraph, P: number, out: Int32Array): void {
  const { nx, ny } = g;
  const i = P % nx;
  const j = (P - i) / nx;
  out[0] = i > 0 ? P - 1 : g.periodicX && nx > 1 ? P + nx - 1 : -1;
  out[1] = i < nx - 1 ? P + 1 : g.periodicX && nx > 1 ? P - nx + 1 : -1;
  out[2] = j > 0 ? P - nx : g.periodicY && ny > 1 ? P + (ny - 1) * nx : -1;
  out[3] = j < ny - 1 ? P + nx : g.periodicY && ny > 1 ? P - (ny - 1) * nx : -1;
}

/**
 * Position `k` along an axis of `n` cells folded when the axis is periodic (0, n-1, 1, n-2, ...), so
 * the seam's two cells sit side by side and every neighbour pair lies within 2 positions.
 */
const folded = (i: number, n: number, periodic: boolean) => (!periodic || n <= 2 ? i : i < n - i ? 2 * i : 2 * (n - 1 - i) + 1);

/**
 * The cells' order of the banded solve: along the long axis outermost (the short axis sets the
 * band), folded where that axis is periodic. `band`: the largest position difference of two
 * neighbours [cells].
 */
export function bandOrder(g: CellGraph): { pos: Int32Array; band: number } {
  const { nx, ny } = g;
  const pos = new Int32Array(nx * ny);
  const alongX = nx >= ny;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      pos[j * nx + i] = alongX ? folded(i, nx, g.periodicX) * ny + folded(j, ny, g.periodicY) : folded(j, ny, g.periodicY) * nx + folded(i, nx, g.periodicX);
    }
  }
  let band = 0;
  const nb = new Int32Array(4);
  for (let P = 0; P < pos.length; P++) {
    cellNeighbours(g, P, nb);
    for (const Q of nb) if (Q >= 0) band = Math.max(band, Math.abs(pos[Q] - pos[P]));
  }
  return { pos, band };
}

/** The banded system's size: unknowns and the sub- (= super-) diagonals, two unknowns per cell. */
export function newtonBand(g: CellGraph): { n: number; k: number } {
  return { n: 2 * g.nx * g.ny, k: 2 * bandOrder(g).band + 1 };
}

/**
 * Flops of one factorisation the page's GPU backend spends on the host's main thread per Newton
 * iteration of a time step's or the jump's exact retake (about 0.1 s: 32 x 32 cells, or a row of
 * any length); an exact step takes up to EXACT_STEP_ITERATIONS of them and its substeps more, the
 * exact jump up to EXACT_JUMP_ITERATIONS, where 64 x 64 (5.5e8 flops) took 0.6 s each and would hold
 * the page for seconds to minutes. Beyond it the page's steps take the multigrid's substeps and its
 * jump the mixed ladder (gpu/solver.ts exactHostWork).
 */
export const PAGE_NEWTON_MAX_WORK = 4e7;

/** Whether exact Newton corrections are taken on this grid (`maxWork`: NEWTON_MAX_WORK; NEWTON_MAX_BYTES). */
export function newtonFits(g: CellGraph, maxWork = NEWTON_MAX_WORK): boolean {
  const { n, k } = newtonBand(g);
  return BandedLU.work(n, k, k) <= maxWork && BandedLU.bytes(n, k, k) <= NEWTON_MAX_BYTES;
}

/** The cell graph of a scenario's grid (periodic where its left / bottom walls are). */
export function cellGraphOf(s: Pick<Scenario, 'grid' | 'boundaries'>): CellGraph {
  return { nx: s.grid.nx, ny: s.grid.ny, periodicX: s.boundaries.left.heat.type === 'periodic', periodicY: s.boundaries.bottom.heat.type === 'periodic' };
}

/**
 * A distance-2 colouring of the cell graph (greedy, in index order): no two cells of a colour share
 * a neighbour or neighbour each other, so perturbing all cells of one colour changes each residual
 * through at most one of them (R at a cell depends on that cell and its four neighbours).
 */
export function distanceTwoColours(g: CellGraph): { colour: Int32Array; count: number } {
  const n = g.nx * g.ny;
  const colour = new Int32Array(n).fill(-1);
  const nb = new Int32Array(4);
  const nb2 = new Int32Array(4);
  const used = new Set<number>();
  let count = 0;
  for (let P = 0; P < n; P++) {
    used.clear();
    cellNeighbours(g, P, nb);
    for (const Q of nb) {
      if (Q < 0) continue;
      if (colour[Q] >= 0) used.add(colour[Q]);
      cellNeighbours(g, Q, nb2);
      for (const R of nb2) if (R >= 0 && R !== P && colour[R] >= 0) used.add(colour[R]);
    }
    let c = 0;
    while (used.has(c)) c++;
    colour[P] = c;
    count = Math.max(count, c + 1);
  }
  return { colour, count };
}

/** The residual R (interleaved heat, mass per cell; 0 in solid cells) of a state (u, v) = (T - T0, c - c0). */
export type ResidualOf = (u: Float64Array, v: Float64Array, R: Float64Array) => void;

export interface NewtonProblem {
  grid: CellGraph;
  solid: Uint32Array;
  T0: number;
  c0: number;
}

/** The exact Newton correction of one problem's grid (buffers allocated once). */
export class ExactNewton {
  private readonly lu: BandedLU;
  private readonly pos: Int32Array;
  private readonly groups: Int32Array[];
  private readonly up: Float64Array;
  private readonly vp: Float64Array;
  private readonly rPlus: Float64Array;
  private readonly rMinus: Float64Array;
  private readonly step: Float64Array;
  private readonly rhs: Float64Array;

  constructor(private readonly p: NewtonProblem) {
    const cells = p.grid.nx * p.grid.ny;
    const { pos, band } = bandOrder(p.grid);
    this.pos = pos;
    const k = 2 * band + 1;
    this.lu = new BandedLU(2 * cells, k, k);
    const { colour, count } = distanceTwoColours(p.grid);
    const members: number[][] = Array.from({ length: count }, () => []);
    for (let P = 0; P < cells; P++) if (!p.solid[P]) members[colour[P]].push(P);
    this.groups = members.filter((m) => m.length > 0).map((m) => Int32Array.from(m));
    this.up = new Float64Array(cells);
    this.vp = new Float64Array(cells);
    this.rPlus = new Float64Array(2 * cells);
    this.rMinus = new Float64Array(2 * cells);
    this.step = new Float64Array(cells);
    this.rhs = new Float64Array(2 * cells);
  }

  /**
   * Into `x` (interleaved x_T [K], x_z per cell; 0 in solid cells) the solution of J x = -R at
   * (u, v), J the Jacobian of `residual` along (dT, g dz). Returns false where J is singular or a
   * residual not finite (x untouched). `residual` is called 1 + 4 x colours times. Channels in
   * `kept` (a time step's kept totals, implicit.ts stepKeptChannels) get their diagonal shifted by
   * KEPT_CHANNEL_SHIFT: their correction's mean is not solved for but set by the caller.
   */
  correction(u: Float64Array, v: Float64Array, residual: ResidualOf, x: Float64Array, kept: { heat: boolean; mass: boolean } = { heat: false, mass: false }): boolean {
    const { solid, T0, c0, grid } = this.p;
    const { lu, pos, up, vp, rPlus, rMinus, step } = this;
    const cells = u.length;
    const nb = new Int32Array(4);
    lu.clear();
    residual(u, v, this.rhs);
    for (let P = 0; P < cells; P++) {
      if (solid[P]) {
        lu.add(2 * pos[P], 2 * pos[P], 1);
        lu.add(2 * pos[P] + 1, 2 * pos[P] + 1, 1);
      }
    }
    for (const group of this.groups) {
      for (let q = 0; q < 2; q++) {
        for (const sign of [1, -1]) {
          up.set(u);
          vp.set(v);
          for (const P of group) {
            if (q === 0) {
              step[P] = DIFFERENCE_STEP * Math.max(1, Math.abs(T0 + u[P]));
              up[P] += sign * step[P];
            } else {
              step[P] = DIFFERENCE_STEP;
              vp[P] += sign * logitSlope(c0 + v[P]) * step[P];
            }
          }
          residual(up, vp, sign > 0 ? rPlus : rMinus);
        }
        for (const Q of group) {
          cellNeighbours(grid, Q, nb);
          const col = 2 * pos[Q] + q;
          const rows = [Q, nb[0], nb[1], nb[2], nb[3]];
          for (let s = 0; s < rows.length; s++) {
            const P = rows[s];
            if (P < 0 || solid[P] || rows.indexOf(P) !== s) continue;
            for (let r = 0; r < 2; r++) {
              const d = (rPlus[2 * P + r] - rMinus[2 * P + r]) / (2 * step[Q]);
              if (!Number.isFinite(d)) return false;
              lu.add(2 * pos[P] + r, col, d);
            }
          }
        }
      }
    }
    for (let P = 0; P < cells; P++) {
      if (solid[P]) continue;
      if (kept.heat) lu.scaleDiagonal(2 * pos[P], KEPT_CHANNEL_SHIFT);
      if (kept.mass) lu.scaleDiagonal(2 * pos[P] + 1, KEPT_CHANNEL_SHIFT);
    }
    if (!lu.factor()) return false;
    const b = new Float64Array(2 * cells);
    for (let P = 0; P < cells; P++) {
      b[2 * pos[P]] = solid[P] ? 0 : -this.rhs[2 * P];
      b[2 * pos[P] + 1] = solid[P] ? 0 : -this.rhs[2 * P + 1];
    }
    if (!b.every(Number.isFinite)) return false;
    lu.solve(b);
    if (!b.every(Number.isFinite)) return false;
    for (let P = 0; P < cells; P++) {
      x[2 * P] = b[2 * pos[P]];
      x[2 * P + 1] = b[2 * pos[P] + 1];
    }
    return true;
  }
}

/** Growth of the pseudo step per accepted iteration at most, and its shrink at least [-]. */
export const PSEUDO_GROWTH = 10;
/** Growth of the pseudo step per accepted iteration at least [-]: SER alone follows a slow transient at its own pace. */
export const PSEUDO_LEAST_GROWTH = 2;
/** A rejected pseudo step is divided by this [-]. */
export const PSEUDO_SHRINK = 4;
/** The pseudo step's range, in units of the first: below it the continuation gives up; above it the step is Newton's. */
export const PSEUDO_MIN = 1e-6;
export const PSEUDO_MAX = 1e14;
/** An iterate that raises the relative residual more than this factor is rejected [-]. */
export const PSEUDO_RISE = 10;

/**
 * Pseudo-transient continuation of an exact-Newton jump (Kelley & Keyes 1998): each iteration a
 * backward-Euler step of `dt` from the iterate with one Newton correction, dt grown by the
 * residual's fall (switched evolution relaxation, at most PSEUDO_GROWTH per iteration) up to
 * PSEUDO_MAX x the first, where it is Newton's (the jump's operator, singular in a closed
 * channel, keeps the small mass term of the largest step). From a start far from the steady
 * state Newton alone wanders out of its basin (seed 2079 #70: to c at 1e-7 .. 1 - 4e-9, stalled at
 * 0.1 .. 0.27); the pseudo steps follow a transient into it. An iterate with T <= 0 K in a fluid
 * cell, not finite, or whose residual rose more than PSEUDO_RISE is taken back and dt divided by
 * PSEUDO_SHRINK.
 */
export class PseudoStep {
  private readonly u: Float64Array;
  private readonly v: Float64Array;
  private relative = Infinity;
  dt: number;
  /**
   * The c farthest outside [0, 1] beyond round-off (C_ROUNDOFF) an accepted iterate reached, else
   * null: a path that leaves [0, 1] on its way follows the model's own evolution out of it (below
   * C_MIN the coefficients clamp c and the Soret drift no longer vanishes with c; sweep seeds 2101
   * #90, 2114 #5, 2115 #31, 2134 #97: their long runs leave [0, 1] too).
   */
  leftBounds: number | null = null;

  constructor(
    /** The unit of the pseudo step and its range (PSEUDO_MIN .. PSEUDO_MAX of it) [s]. */
    readonly first: number,
    cells: number,
    /** The first pseudo step in units of `first` (at most PSEUDO_MAX). */
    startAt = 1,
  ) {
    this.dt = first * Math.min(startAt, PSEUDO_MAX);
    this.u = new Float64Array(cells);
    this.v = new Float64Array(cells);
  }

  /** Keeps the iterate (u, v) and its relative residual before a correction. */
  keep(u: Float64Array, v: Float64Array, relative: number): void {
    this.u.set(u);
    this.v.set(v);
    this.relative = relative;
  }

  /** Takes the kept iterate back and shrinks dt; false once dt is below PSEUDO_MIN x the first (give up). */
  reject(u: Float64Array, v: Float64Array): boolean {
    u.set(this.u);
    v.set(this.v);
    this.dt /= PSEUDO_SHRINK;
    return this.dt >= PSEUDO_MIN * this.first;
  }

  /**
   * Judges the corrected iterate (relative residual `relative`; T0, c0 the reference state): grows
   * dt and returns true, or rejects it (taken back) and returns false.
   */
  accept(u: Float64Array, v: Float64Array, relative: number, T0: number, c0: number, solid: Uint32Array): boolean {
    let ok = Number.isFinite(relative) && relative <= PSEUDO_RISE * this.relative;
    for (let P = 0; ok && P < u.length; P++) ok = solid[P] !== 0 || T0 + u[P] > 0;
    if (!ok) {
      this.reject(u, v);
      return false;
    }
    for (let P = 0; P < v.length; P++) {
      if (solid[P]) continue;
      const c = c0 + v[P];
      const beyond = c < -C_ROUNDOFF ? -c : c > 1 + C_ROUNDOFF ? c - 1 : 0;
      const worst = this.leftBounds === null ? 0 : this.leftBounds < 0 ? -this.leftBounds : this.leftBounds - 1;
      if (beyond > worst) this.leftBounds = c;
    }
    const fall = relative > 0 ? this.relative / relative : PSEUDO_GROWTH;
    this.dt = Math.min(PSEUDO_MAX * this.first, this.dt * Math.min(PSEUDO_GROWTH, Math.max(PSEUDO_LEAST_GROWTH, fall)));
    return true;
  }
}

/** Newton iterations of a time step retaken with exact corrections, at most (quadratic: a few suffice). */
export const EXACT_STEP_ITERATIONS = 12;
/**
 * Newton iterations of a converged GPU jump's float64 polish at most (reference.ts polishJump: from
 * a state at the float32 floor Newton converges in a few; the page's host limits each to ~0.1 s).
 */
export const JUMP_POLISH_ITERATIONS = 12;
/** A time step with exact corrections goes on below its tolerance (STEP_TOLERANCE) while its residual still falls, down to this. */
export const EXACT_STEP_REFINE = 1e-9;

/**
 * A time step's multigrid solve at dt that converged with its relative residual above this has
 * converged only loosely (`retakeExactlyAtDt`). Where the outer iteration barely contracts, a
 * residual within STEP_TOLERANCE bounds the state only loosely, and the float32 and float64
 * iterations stop on different iterates: sweep 2243 #82 (255 x 1, S_T = -2.1 1/K) ended its steps
 * at 3.3e-3 (GPU, 6 iterations) and 2.2e-3 (CPU, 10), c 1.8e-2 of its excursion apart; 2176 #40 (8
 * x 24, the GPU's first step at 6.9e-3) 1.1e-3; 2251 #36 (217 x 1) T 3.2e-3. Retaken exactly, 3e-8,
 * 8e-5 and 2e-4. A step that converges within its schedule leaves ~1e-4 or less.
 */
export const STEP_LOOSE = 1e-3;
/**
 * A time step's multigrid solve at dt that did not converge but ended within this relative
 * residual failed narrowly: the other backend's multigrid may have converged loosely on the same
 * step (the two residuals differ by factors of 2 to 6 there: sweep 2353 #71, 6 x 24, cells 231:1,
 * S_T = -10 1/K at 50 K, ended its second step at 8.7e-3 on the GPU and 1.6e-2 on the CPU, its third
 * at 4.7e-2 and 7.4e-3). Such a step is retaken exactly at dt, as a loose one is, so that both
 * backends take the same step; the CPU's substeps against the GPU's exact step left c 7.1e-2 of its
 * excursion apart. Steps that fail further (0.48 .. 1 where the multigrid stalls) take the
 * multigrid's substeps first, as before (cheaper than the exact substeps: 2114 #5).
 */
export const STEP_NEAR_MISS = 0.1;
/**
 * Whether a time step's multigrid solve at dt (after its BDF2 step's backward-Euler retake) is
 * retaken from its start Y^n with exact corrections at dt, before any substeps, where the grid fits
 * (newtonFits), on both backends alike (reference.ts implicitStep; gpu/implicit-steps.ts converge,
 * on the host): it went non-finite, converged with its residual above where it started (`rose`:
 * the multigrid iteration drifting away from a near-steady state: sweep seed 2117 #34, 172 x 1,
 * S_T = -10 1/K, whose steps of 1e8 s from the steady state ended at 5e-3 of the residual scale and
 * moved c by 5e-4, 7 % of its span, while its starting residual was 1e-12), or ended between
 * STEP_LOOSE and STEP_NEAR_MISS, converged loosely or failed narrowly. Where the exact step at dt
 * fails, the multigrid's substeps (a finite step), then the exact substeps.
 */
export const retakeExactlyAtDt = (r: { converged: boolean; relative: number; rose?: boolean }) =>
  !Number.isFinite(r.relative) || (r.converged && r.rose === true) || (r.relative > STEP_LOOSE && r.relative <= STEP_NEAR_MISS);
/**
 * Whether a time step's multigrid solve at dt stands as it is: converged within `bound` (the CPU
 * reference's: STEP_LOOSE) and not risen. Every step the CPU reference does not keep so it retakes
 * (retakeExactlyAtDt, then substeps); the GPU's float32 multigrid, whose residual on such a step
 * differs from the float64 one by factors of 2 to 6, hands every step not clean within
 * FLOAT32_STEP_CLEAN to the host, which takes it as the CPU reference does (gpu/exact-step.ts
 * replayStepOnHost), where the grid fits.
 */
export const stepClean = (r: { converged: boolean; relative: number; rose?: boolean }, bound = STEP_LOOSE) => r.converged && r.relative <= bound && r.rose !== true;
/**
 * The bound within which a GPU step stands without the host's replay (stepClean): a tenth of
 * STEP_LOOSE, so that a step the float64 multigrid ends just above STEP_LOOSE (the CPU then retakes
 * it exactly) is replayed too. Sweep 2403 #14 (251 x 1, cells 1:2367): its second step ended at
 * 5.6e-4 on the GPU and 1.3e-3 on the CPU; the GPU's state stood, c 3.6e-3 of its excursion off the
 * CPU's exact step.
 */
export const FLOAT32_STEP_CLEAN = STEP_LOOSE / 10;
