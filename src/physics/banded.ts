/**
 * A banded LU factorisation with partial pivoting (the scheme of LAPACK's dgbtrf / dgbtrs), for the
 * exact Newton corrections of newton.ts on small grids. Pure float64 algebra, no allocation after
 * construction.
 *
 * Storage is by rows: entry (i, j) with -kl <= j - i <= kl + ku lives at i * width + (j - i + kl),
 * width = 2 kl + ku + 1 (row interchanges widen U's band from ku to kl + ku). The multipliers of L
 * stay where elimination left them and the interchanges are replayed in order by `solve`, as dgbtrs
 * does.
 */
export class BandedLU {
  readonly width: number;
  private readonly a: Float64Array;
  private readonly pivot: Int32Array;

  constructor(
    /** Unknowns [-]. */
    readonly n: number,
    /** Sub-diagonals of the matrix [-]. */
    readonly kl: number,
    /** Super-diagonals of the matrix [-]. */
    readonly ku: number,
  ) {
    this.width = 2 * kl + ku + 1;
    this.a = new Float64Array(n * this.width);
    this.pivot = new Int32Array(n);
  }

  /** Bytes the factorisation holds: n (2 kl + ku + 1) float64 entries plus the pivots. */
  static bytes(n: number, kl: number, ku: number): number {
    return n * (2 * kl + ku + 1) * 8 + n * 4;
  }

  /** Floating-point operations of one factorisation, an upper bound: 2 n kl (kl + ku + 1). */
  static work(n: number, kl: number, ku: number): number {
    return 2 * n * kl * (kl + ku + 1);
  }

  clear(): void {
    this.a.fill(0);
  }

  /** Adds `value` to entry (i, j); |j - i| must lie within the band (kl below, ku above). */
  add(i: number, j: number, value: number): void {
    const d = j - i;
    if (d < -this.kl || d > this.ku) throw new RangeError(`banded entry (${i}, ${j}) outside the band (${this.kl}, ${this.ku})`);
    this.a[i * this.width + d + this.kl] += value;
  }

  /** Multiplies diagonal entry (i, i) by 1 + `f` (moving it away from 0 by f x its magnitude). */
  scaleDiagonal(i: number, f: number): void {
    this.a[this.at(i, i)] *= 1 + f;
  }

  private at(i: number, j: number): number {
    return i * this.width + (j - i + this.kl);
  }

  /** Factorises in place; false where a pivot is zero or not finite (the matrix is singular). */
  factor(): boolean {
    const { n, kl, ku, a } = this;
    for (let k = 0; k < n; k++) {
      const last = Math.min(n - 1, k + kl);
      let p = k;
      let best = Math.abs(a[this.at(k, k)]);
      for (let i = k + 1; i <= last; i++) {
        const m = Math.abs(a[this.at(i, k)]);
        if (m > best) {
          best = m;
          p = i;
        }
      }
      this.pivot[k] = p;
      if (!(best > 0) || !Number.isFinite(best)) return false;
      const right = Math.min(n - 1, k + kl + ku);
      if (p !== k) {
        for (let j = k; j <= right; j++) {
          const x = this.at(k, j);
          const y = this.at(p, j);
          const t = a[x];
          a[x] = a[y];
          a[y] = t;
        }
      }
      const inv = 1 / a[this.at(k, k)];
      const rowK = this.at(k, 0);
      for (let i = k + 1; i <= last; i++) {
        const ik = this.at(i, k);
        const l = a[ik] * inv;
        a[ik] = l;
        if (l === 0) continue;
        const rowI = this.at(i, 0);
        for (let j = k + 1; j <= right; j++) a[rowI + j] -= l * a[rowK + j];
      }
    }
    return true;
  }

  /** Solves A x = b in place (b becomes x) with the factors of `factor`. */
  solve(b: Float64Array): void {
    const { n, kl, ku, a } = this;
    for (let k = 0; k < n; k++) {
      const p = this.pivot[k];
      if (p !== k) {
        const t = b[k];
        b[k] = b[p];
        b[p] = t;
      }
      const bk = b[k];
      if (bk === 0) continue;
      const last = Math.min(n - 1, k + kl);
      for (let i = k + 1; i <= last; i++) b[i] -= a[this.at(i, k)] * bk;
    }
    for (let k = n - 1; k >= 0; k--) {
      const right = Math.min(n - 1, k + kl + ku);
      const row = this.at(k, 0);
      let s = b[k];
      for (let j = k + 1; j <= right; j++) s -= a[row + j] * b[j];
      b[k] = s / a[row + k];
    }
  }
}
