/**
 * x with a x = b for a small dense system (Gaussian elimination with partial pivoting), for tools
 * only (bench/corner.ts, scripts/diagnose-jacobian.ts). A zero pivot (a singular system: e.g. the
 * zero rows of solid cells) leaves that unknown 0.
 */
export function solveDense(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    if (m[c][c] === 0) continue;
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      if (f !== 0) for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = m[r][r] !== 0 ? s / m[r][r] : 0;
  }
  return x;
}
