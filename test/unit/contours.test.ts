import { describe, expect, it } from 'vitest';
import { contourLevels, contourSegments } from '../../src/view/contours';

/** Cell-centred samples of f(x, y) on the unit square, x, y pane fractions. */
function sample(nx: number, ny: number, f: (x: number, y: number) => number): Float64Array {
  const a = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) a[j * nx + i] = f((i + 0.5) / nx, (j + 0.5) / ny);
  return a;
}

function segments(out: Float32Array, n: number): [number, number, number, number][] {
  return Array.from({ length: n }, (_, k) => [out[4 * k], out[4 * k + 1], out[4 * k + 2], out[4 * k + 3]]);
}

describe('contour levels', () => {
  it('are nice, evenly spaced and strictly inside the range', () => {
    expect(contourLevels(0, 1, 9)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    const mv = contourLevels(-0.0123, 0.0871, 8);
    const step = mv[1] - mv[0];
    expect(step).toBeCloseTo(0.02, 12); // (range / 9 = 0.011: the next nice step)
    for (let k = 1; k < mv.length; k++) expect(mv[k] - mv[k - 1]).toBeCloseTo(step, 12);
    expect(mv[0]).toBeGreaterThan(-0.0123);
    expect(mv[mv.length - 1]).toBeLessThan(0.0871);
    expect(mv).toContain(0);
    expect(contourLevels(1, 1, 5)).toEqual([]);
    expect(contourLevels(0, Number.NaN, 5)).toEqual([]);
  });
});

describe('marching squares', () => {
  it('gives the exact straight equipotentials of a linear potential', () => {
    const nx = 20;
    const ny = 10;
    const phi = sample(nx, ny, (x) => -0.1 * x); // a uniform field, 0 V at the left, -0.1 V at the right
    const levels = [-0.025, -0.05, -0.075];
    const out = new Float32Array(4 * 1000);
    const n = contourSegments(phi, nx, ny, levels, out);
    // One segment per row of squares and level.
    expect(n).toBe(levels.length * (ny - 1));
    for (const [x0, y0, x1, y1] of segments(out, n)) {
      expect(x0).toBeCloseTo(x1, 6); // vertical
      expect([0.25, 0.5, 0.75].some((x) => Math.abs(x - x0) < 1e-6)).toBe(true);
      expect(Math.abs(y1 - y0)).toBeCloseTo(1 / ny, 6);
    }
  });

  it('follows a circle within the grid error and closes it', () => {
    const nx = 64;
    const ny = 64;
    const R = 0.3;
    const f = sample(nx, ny, (x, y) => Math.hypot(x - 0.5, y - 0.5));
    const out = new Float32Array(4 * 4000);
    const n = contourSegments(f, nx, ny, [R], out);
    let length = 0;
    let worst = 0;
    const ends = new Map<string, number>();
    for (const [x0, y0, x1, y1] of segments(out, n)) {
      length += Math.hypot(x1 - x0, y1 - y0);
      worst = Math.max(worst, Math.abs(Math.hypot(x0 - 0.5, y0 - 0.5) - R), Math.abs(Math.hypot(x1 - 0.5, y1 - 0.5) - R));
      for (const key of [`${x0.toFixed(5)},${y0.toFixed(5)}`, `${x1.toFixed(5)},${y1.toFixed(5)}`]) ends.set(key, (ends.get(key) ?? 0) + 1);
    }
    expect(worst).toBeLessThan(0.5 / nx / nx / R); // interpolation error ~ h^2 / R
    expect(length / (2 * Math.PI * R)).toBeGreaterThan(0.995);
    expect(length / (2 * Math.PI * R)).toBeLessThan(1.0005);
    // A closed curve: every end point is shared by exactly two segments.
    for (const count of ends.values()) expect(count).toBe(2);
  });

  it('splits a saddle by the centre value and skips squares touching solid cells', () => {
    // f = (x - 1/2)(y - 1/2) on 2 x 2 cells: one saddle square, level 0 through its centre... use a
    // level just above 0 (centre = 0 < level): the corners above (b, d) are cut off separately.
    const f = Float64Array.from([1, -1, -1, 1]); // a=1 b=-1 / d=-1 c=1 (row 0: a b; row 1: d c)
    const out = new Float32Array(64);
    const up = segments(out, contourSegments(f, 2, 2, [0.5], out));
    expect(up).toHaveLength(2);
    // Level 0.5 > centre mean 0: a and c (above) are isolated corners: each segment stays in one half.
    for (const [x0, y0, x1, y1] of up) expect(Math.sign(x0 + x1 - 1.0)).toBe(Math.sign(y0 + y1 - 1.0));
    const down = segments(out, contourSegments(f, 2, 2, [-0.5], out));
    for (const [x0, y0, x1, y1] of down) expect(Math.sign(x0 + x1 - 1.0)).toBe(-Math.sign(y0 + y1 - 1.0));

    const nx = 10;
    const ny = 4;
    const lin = sample(nx, ny, (x) => x);
    const solid = new Uint32Array(nx * ny);
    for (let j = 0; j < ny; j++) solid[j * nx + 5] = 1; // a membrane at column 5
    const o = new Float32Array(4 * 100);
    const m = contourSegments(lin, nx, ny, [0.5, 0.25], o, solid);
    // 0.5 lies between the centres of columns 4 and 5: those squares touch the membrane.
    expect(m).toBe(ny - 1);
    for (const [x0] of segments(o, m)) expect(x0).toBeCloseTo(0.25, 6);
    // The caller's limit holds.
    expect(contourSegments(lin, nx, ny, [0.25, 0.35, 0.75], o, undefined, 4)).toBe(4);
  });
});

describe('contour lines over their pane', () => {
  it('are hidden while their field has no pane (equipotentials never over the T pane)', async () => {
    const { ContourLines } = await import('../../src/view/contour-lines');
    const { paneRects } = await import('../../src/view/layout');
    const lines = new ContourLines();
    const nx = 8;
    const ny = 4;
    const phi = sample(nx, ny, (x) => x);
    lines.update('phi', paneRects('c-phi', 1200, 500, 2), phi, nx, ny, [0.25, 0.5, 0.75]);
    expect(lines.segments).toBeGreaterThan(0);
    expect(lines.group.visible).toBe(true);
    lines.place(paneRects('all', 1200, 500, 2)); // T | c | sigma: no phi pane
    expect(lines.group.visible).toBe(false);
    lines.place(paneRects('phi', 1200, 500, 2));
    expect(lines.group.visible).toBe(true);
    lines.dispose();
  });
});
