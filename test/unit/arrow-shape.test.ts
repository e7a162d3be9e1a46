import { describe, expect, it } from 'vitest';
import { arrowLattice, arrowShape, MIN_ARROW_FRACTION, MIN_ARROW_PX, MIN_ARROW_SPACING_PX, type ArrowShape } from '../../src/view/arrow-shape';
import { FluxArrows, MAX_ARROWS_X, MAX_ARROWS_Y } from '../../src/view/flux-arrows';

describe('flux arrow shapes (no dots)', () => {
  const out: ArrowShape = { length: 0, width: 0 };

  it('draws nothing below MIN_ARROW_FRACTION of the largest, nor for zero, NaN or no largest', () => {
    expect(arrowShape(0.99 * MIN_ARROW_FRACTION, 1, 40, out)).toBe(false);
    expect(out.length).toBe(0);
    expect(arrowShape(0, 1, 40, out)).toBe(false);
    expect(arrowShape(Number.NaN, 1, 40, out)).toBe(false);
    expect(arrowShape(1, 0, 40, out)).toBe(false);
    expect(arrowShape(1, Number.POSITIVE_INFINITY, 40, out)).toBe(false);
  });

  it('scales with the magnitude (largest: 95 % of a spacing), the shortest drawn ones at least MIN_ARROW_PX, always longer than wide', () => {
    expect(arrowShape(1, 1, 40, out)).toBe(true);
    expect(out.length).toBeCloseTo(38, 12);
    expect(arrowShape(0.5, 1, 40, out)).toBe(true);
    expect(out.length).toBeCloseTo(19, 12);
    // 12 % of the largest on a 40 px lattice would be 4.6 px, a dot: drawn MIN_ARROW_PX long.
    expect(arrowShape(0.12, 1, 40, out)).toBe(true);
    expect(out.length).toBe(MIN_ARROW_PX);
    // Monotone in the magnitude, and every drawn arrow at least 2.5 times as long as wide.
    let last = 0;
    for (let f = MIN_ARROW_FRACTION; f <= 1; f += 0.01) {
      for (const spacing of [6, 12, 40, 80]) {
        expect(arrowShape(f, 1, spacing, out)).toBe(true);
        expect(out.length / out.width).toBeGreaterThanOrEqual(2.5 - 1e-12);
      }
      arrowShape(f, 1, 40, out);
      expect(out.length).toBeGreaterThanOrEqual(last);
      last = out.length;
    }
  });
});

describe('arrow lattice', () => {
  it('keeps arrows MIN_ARROW_SPACING_PX apart, at most one per cell and the caps, at least one', () => {
    // The ion channel's c pane at 1440 x 900 (530 x 270 px, 96 x 48 cells): 17 x 9, not 24 x 16.
    expect(arrowLattice(530, 270, 96, 48, 24, 16)).toEqual({ ax: 17, ay: 9 });
    const { ax, ay } = arrowLattice(530, 270, 96, 48, 24, 16);
    expect(Math.min(530 / ax, 270 / ay)).toBeGreaterThanOrEqual(MIN_ARROW_SPACING_PX);
    expect(arrowLattice(4000, 3000, 96, 48, 24, 16)).toEqual({ ax: 24, ay: 16 });
    expect(arrowLattice(4000, 3000, 8, 4, 24, 16)).toEqual({ ax: 8, ay: 4 });
    expect(arrowLattice(10, 10, 8, 4, 24, 16)).toEqual({ ax: 1, ay: 1 });
  });
});

describe('flux arrows over a pane', () => {
  it('put no arrow on solid cells and none where the flux is tiny', () => {
    const nx = MAX_ARROWS_X;
    const ny = MAX_ARROWS_Y;
    // A membrane: columns 10..13 solid; a uniform flux +x left of it, 1e-3 of it right of it.
    const solid = new Uint8Array(nx * ny);
    for (let j = 0; j < ny; j++) for (let i = 10; i < 14; i++) solid[j * nx + i] = 1;
    const arrows = new FluxArrows();
    const seen: number[] = [];
    const pane = { field: 'c' as const, x: 0, y: 0, w: 960, h: 640, title: 20, bar: 40, font: 12, barFont: 12 };
    arrows.updateWith(
      pane,
      nx,
      ny,
      (i, j, o) => {
        seen.push(j * nx + i);
        o[0] = i < 10 ? 1 : 1e-3;
        o[1] = 0;
        o[2] = i < 10 ? -0.5 : 0;
        o[3] = 0;
      },
      solid,
    );
    // The flux is never asked for on a solid cell, and nothing is drawn there nor to its right.
    expect(seen.some((k) => solid[k])).toBe(false);
    expect(arrows.drawn).toEqual([10 * ny, 10 * ny]);
    expect(arrows.maxMagnitude).toBe(1);
    arrows.dispose();
  });
});
