/**
 * Contour lines of a cell-centred scalar field (equipotentials of phi, isotherms of T, ...) by
 * marching squares. Pure geometry, no three.js: the field's values sit at the cell centres
 * ((i + 1/2)/nx, (j + 1/2)/ny) of the pane; each square between four neighbouring centres whose
 * cells are all fluid contributes up to two straight segments per level, the crossings found by
 * linear interpolation along the square's edges (so a linear field gives its exact straight lines).
 * Saddles are split by the mean of the four corners. Coordinates are fractions of the pane
 * (0..1 along x and y, y up, row 0 at the bottom, as the fields are stored).
 */

/** Up to `count` evenly spaced "nice" levels strictly inside (lo, hi) (steps 1, 2, 2.5 or 5 x 10^k). */
export function contourLevels(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi) || count < 1) return [];
  const raw = (hi - lo) / (count + 1);
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let k = Math.floor(lo / step) + 1; k * step < hi && out.length < count + 1; k++) {
    // k * step in floating point, rounded to 12 digits (0.3, not 0.30000000000000004); 0 exactly.
    const level = Number((k * step).toPrecision(12));
    out.push(Math.abs(level) < step * 1e-9 ? 0 : level);
  }
  return out;
}

/**
 * Segments of the contour lines of `values` (nx x ny, row-major, row 0 at the bottom) at `levels`,
 * skipping squares with a solid corner cell (`solid[k] != 0`). Appends x0, y0, x1, y1 per segment
 * (pane fractions) to `out` and returns the number of segments written; at most `maxSegments`
 * (the rest are dropped, so a caller's buffer never overflows).
 */
export function contourSegments(
  values: ArrayLike<number>,
  nx: number,
  ny: number,
  levels: readonly number[],
  out: Float32Array,
  solid?: ArrayLike<number>,
  maxSegments = Math.floor(out.length / 4),
): number {
  let n = 0;
  const cx = (i: number) => (i + 0.5) / nx;
  const cy = (j: number) => (j + 0.5) / ny;
  const push = (x0: number, y0: number, x1: number, y1: number): boolean => {
    if (n >= maxSegments) return false;
    const o = n * 4;
    out[o] = x0;
    out[o + 1] = y0;
    out[o + 2] = x1;
    out[o + 3] = y1;
    n++;
    return true;
  };
  // Crossing points on the four edges of a square: 0 bottom, 1 right, 2 top, 3 left.
  const ex = new Float64Array(4);
  const ey = new Float64Array(4);
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const k00 = j * nx + i;
      const k10 = k00 + 1;
      const k01 = k00 + nx;
      const k11 = k01 + 1;
      if (solid && (solid[k00] || solid[k10] || solid[k01] || solid[k11])) continue;
      const a = values[k00]; // bottom left
      const b = values[k10]; // bottom right
      const c = values[k11]; // top right
      const d = values[k01]; // top left
      if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(d))) continue;
      const x0 = cx(i);
      const x1 = cx(i + 1);
      const y0 = cy(j);
      const y1 = cy(j + 1);
      for (const L of levels) {
        // Corner above the level: bit set (a: 1, b: 2, c: 4, d: 8).
        const idx = (a > L ? 1 : 0) | (b > L ? 2 : 0) | (c > L ? 4 : 0) | (d > L ? 8 : 0);
        if (idx === 0 || idx === 15) continue;
        const t = (p: number, q: number) => (L - p) / (q - p);
        // Edges crossed: those whose two ends lie on opposite sides.
        if ((idx & 1) !== (idx & 2) >> 1) {
          ex[0] = x0 + t(a, b) * (x1 - x0);
          ey[0] = y0;
        }
        if ((idx & 2) >> 1 !== (idx & 4) >> 2) {
          ex[1] = x1;
          ey[1] = y0 + t(b, c) * (y1 - y0);
        }
        if ((idx & 8) >> 3 !== (idx & 4) >> 2) {
          ex[2] = x0 + t(d, c) * (x1 - x0);
          ey[2] = y1;
        }
        if ((idx & 1) !== (idx & 8) >> 3) {
          ex[3] = x0;
          ey[3] = y0 + t(a, d) * (y1 - y0);
        }
        const seg = (e: number, f: number) => push(ex[e], ey[e], ex[f], ey[f]);
        switch (idx) {
          case 1:
          case 14:
            seg(3, 0);
            break;
          case 2:
          case 13:
            seg(0, 1);
            break;
          case 3:
          case 12:
            seg(3, 1);
            break;
          case 4:
          case 11:
            seg(1, 2);
            break;
          case 6:
          case 9:
            seg(0, 2);
            break;
          case 7:
          case 8:
            seg(3, 2);
            break;
          case 5:
          case 10: {
            // Saddle: the centre's value decides which corners connect.
            const centreAbove = (a + b + c + d) / 4 > L;
            const aAbove = idx === 5;
            if (centreAbove === aAbove) {
              seg(3, 2);
              seg(0, 1);
            } else {
              seg(3, 0);
              seg(1, 2);
            }
            break;
          }
        }
        if (n >= maxSegments) return n;
      }
    }
  }
  return n;
}
