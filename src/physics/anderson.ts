/**
 * Anderson acceleration of the jump's fixed-point iteration (Walker & Ni 2011, "type II" with
 * mixing 1; for a linear map it is GMRES in disguise): the jump's outer iteration x <- G(x) = x +
 * the clipped correction of the frozen-mobility linearisation (implicit.ts) contracts only where
 * the frozen operator is close to the true Jacobian. Under strong Soret coupling it is not: the
 * frozen mobility misses d m_f / d logit c (dz + S_T dT) on every face carrying a through-flux,
 * eigenvalues of A^-1 J at -0.33 +- 130i (sweep seed 2079 #70, docs/architecture.md "Still
 * failing"), so no relaxation contracts. Mixing the last ANDERSON_DEPTH iterates by the least-squares
 * combination of their G(x) - x builds the missing directions from the iterates themselves, with no
 * Jacobian: seed 2079 #70 converges (1e-7), seed 2126 #66 (7 x 2 cells of 1:197, S_T = -10 1/K) to
 * 5e-11 where the plain iteration wandered to a state 7 K off.
 *
 * Pure float64 algebra on the host, shared by the CPU reference (ImplicitCpu) and the GPU jump
 * (its fields read back per iteration; grids up to ANDERSON_MAX_CELLS).
 */

/** Iterates mixed [-]: enough for the through-flux modes of the sweep's failures, small host memory. */
export const ANDERSON_DEPTH = 5;

/**
 * Largest grid [cells] an accelerated jump is taken on: the GPU reads its fields back every
 * iteration and the host keeps 2 x ANDERSON_DEPTH field pairs in float64 (~21 MB at this size).
 */
export const ANDERSON_MAX_CELLS = 65_536;

/** Most halvings of the mixed part before the plain iterate is taken instead. */
const SAFEGUARD_HALVINGS = 6;

/**
 * One accelerated sequence (a fresh mixer per attempt). Vectors hold (u, v) pairs per cell, the
 * deviations T - T0 and c - c0; `weights` scale each entry in the least-squares norm.
 */
export class AndersonMixer {
  private readonly dx: Float64Array[];
  private readonly df: Float64Array[];
  private readonly xPrev: Float64Array;
  private readonly fPrev: Float64Array;
  private readonly f: Float64Array;
  private readonly gram: Float64Array;
  private readonly rhs: Float64Array;
  private stored = 0;
  private next0 = 0;
  private started = false;
  /** Iterates taken plain (the mixed one failed `acceptable` at every halving), for the report. */
  plain = 0;

  constructor(
    readonly length: number,
    readonly depth = ANDERSON_DEPTH,
  ) {
    this.dx = Array.from({ length: depth }, () => new Float64Array(length));
    this.df = Array.from({ length: depth }, () => new Float64Array(length));
    this.xPrev = new Float64Array(length);
    this.fPrev = new Float64Array(length);
    this.f = new Float64Array(length);
    this.gram = new Float64Array(depth * depth);
    this.rhs = new Float64Array(depth);
  }

  /**
   * The next iterate from x and G(x) into `out` (out may be gx). `acceptable(y)` says whether a
   * mixed iterate may be taken (the caller's bounds: T > 0, c in (0, 1) where G(x) has them);
   * the mixed part is halved while it is not, and G(x) taken (history cleared) after
   * SAFEGUARD_HALVINGS. Returns whether the iterate was mixed.
   */
  next(x: Float64Array, gx: Float64Array, weights: Float64Array, acceptable: (y: Float64Array) => boolean, out: Float64Array): boolean {
    const n = this.length;
    const f = this.f;
    for (let i = 0; i < n; i++) f[i] = gx[i] - x[i];
    if (this.started) {
      const slot = this.next0;
      const dx = this.dx[slot];
      const df = this.df[slot];
      for (let i = 0; i < n; i++) {
        dx[i] = x[i] - this.xPrev[i];
        df[i] = f[i] - this.fPrev[i];
      }
      this.next0 = (slot + 1) % this.depth;
      this.stored = Math.min(this.stored + 1, this.depth);
    }
    this.xPrev.set(x);
    this.fPrev.set(f);
    this.started = true;
    const gamma = this.coefficients(weights);
    const k = this.stored;
    for (let h = 0, theta = 1; k > 0 && h <= SAFEGUARD_HALVINGS; h++, theta /= 2) {
      for (let i = 0; i < n; i++) {
        let y = gx[i];
        for (let j = 0; j < k; j++) y -= theta * gamma[j] * (this.dx[j][i] + this.df[j][i]);
        out[i] = y;
      }
      if (acceptable(out)) return true;
    }
    if (out !== gx) out.set(gx);
    this.stored = 0;
    this.next0 = 0;
    if (k > 0) this.plain++;
    return false;
  }

  /** gamma = argmin || W (f - dF gamma) ||_2 (normal equations, a 1e-12 relative ridge). */
  private coefficients(w: Float64Array): Float64Array {
    const k = this.stored;
    const A = this.gram;
    const b = this.rhs;
    const n = this.length;
    for (let a = 0; a < k; a++) {
      const fa = this.df[a];
      for (let c = 0; c <= a; c++) {
        const fc = this.df[c];
        let s = 0;
        for (let i = 0; i < n; i++) s += w[i] * w[i] * fa[i] * fc[i];
        A[a * k + c] = s;
        A[c * k + a] = s;
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i] * w[i] * fa[i] * this.f[i];
      b[a] = s;
    }
    let trace = 0;
    for (let a = 0; a < k; a++) trace += A[a * k + a];
    for (let a = 0; a < k; a++) A[a * k + a] += (1e-12 * trace) / k;
    const gamma = solveSmall(A.subarray(0, k * k), b.subarray(0, k), k);
    return gamma.every(Number.isFinite) ? gamma : new Float64Array(k);
  }
}

/** Solves the k x k system A x = b (row-major, Gaussian elimination with partial pivoting); A, b are overwritten. */
export function solveSmall(A: Float64Array, b: Float64Array, k: number): Float64Array {
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r * k + c]) > Math.abs(A[p * k + c])) p = r;
    if (p !== c) {
      for (let j = 0; j < k; j++) [A[c * k + j], A[p * k + j]] = [A[p * k + j], A[c * k + j]];
      [b[c], b[p]] = [b[p], b[c]];
    }
    const d = A[c * k + c];
    if (d === 0) continue;
    for (let r = c + 1; r < k; r++) {
      const m = A[r * k + c] / d;
      if (m === 0) continue;
      for (let j = c; j < k; j++) A[r * k + j] -= m * A[c * k + j];
      b[r] -= m * b[c];
    }
  }
  const x = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let s = b[r];
    for (let j = r + 1; j < k; j++) s -= A[r * k + j] * x[j];
    x[r] = A[r * k + r] !== 0 ? s / A[r * k + r] : 0;
  }
  return x;
}

/**
 * The least-squares weights of a state x ((u, v) pairs per cell) into `out`: T relative to itself
 * (1 / T), c in logit units (1 / c(1-c), floored), so a cell near a bound weighs its small changes
 * as the logit update made them; 0 in solid cells.
 */
export function andersonWeights(x: Float64Array, T0: number, c0: number, solid: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let P = 0; P < solid.length; P++) {
    const c = Math.min(Math.max(c0 + x[2 * P + 1], 0), 1);
    out[2 * P] = solid[P] ? 0 : 1 / Math.max(Math.abs(T0 + x[2 * P]), 1e-3);
    out[2 * P + 1] = solid[P] ? 0 : 1 / Math.max(c * (1 - c), 1e-20);
  }
  return out;
}

/**
 * Whether a mixed iterate `y` keeps T > 0 and c in (0, 1) in every fluid cell where the plain
 * iterate `gx` keeps them (a bound the plain iteration already broke is its own, not the mixing's).
 */
export function keepsBounds(y: Float64Array, gx: Float64Array, T0: number, c0: number, solid: ArrayLike<number>): boolean {
  const ok = (a: Float64Array, P: number) => {
    const T = T0 + a[2 * P];
    const c = c0 + a[2 * P + 1];
    return T > 0 && c > 0 && c < 1;
  };
  for (let P = 0; P < solid.length; P++) if (!solid[P] && !ok(y, P) && ok(gx, P)) return false;
  return true;
}
