import { describe, expect, it } from 'vitest';
import type { FieldStats } from '../../src/physics/simulation';
import { fieldRange } from '../../src/ui/ranges';
import { colorBarScale } from '../../src/view/colorbar';
import { colormapRgb } from '../../src/view/colormaps';
import { atLeastSpan, drawableRange, entropyPlotRange, minimumSpan, plotValueRange, SPAN_FLOOR } from '../../src/view/value-span';

const stats = (min: number, max: number): FieldStats => ({ min, max, mean: (min + max) / 2 });

describe('minimum span of shown values (round-off reads flat)', () => {
  it('is the larger of 1e-6 of the magnitude and the field floor', () => {
    expect(minimumSpan('T', 299.9999995, 300.0000005)).toBe(SPAN_FLOOR.T);
    expect(minimumSpan('T', 1e4, 1e4)).toBeCloseTo(1e-2, 12);
    expect(minimumSpan('sigma', 0, 5e3)).toBeCloseTo(5e-3, 12);
    expect(minimumSpan('c', Number.NaN, 0.5)).toBe(SPAN_FLOOR.c);
  });

  it('profile axis: T at rest (1e-6 K of float noise on 300 K) spans the 2 mK floor, the noise < 0.1 % of it; a real profile keeps its own range', () => {
    const [lo, hi] = plotValueRange('T', 300 - 5e-7, 300 + 5e-7);
    expect(hi - lo).toBeGreaterThanOrEqual(SPAN_FLOOR.T);
    expect(1e-6 / (hi - lo)).toBeLessThan(1e-3);
    expect(0.5 * (lo + hi)).toBeCloseTo(300, 9); // the flat line in the middle
    const [a, b] = plotValueRange('T', 295, 305);
    expect(a).toBeCloseTo(295 - 0.8, 12);
    expect(b).toBeCloseTo(305 + 0.8, 12);
    expect(plotValueRange('c', Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)).toEqual([0, 1]);
  });

  it('widens a narrow range about its middle only', () => {
    expect(atLeastSpan(1, 3, 1)).toEqual({ lo: 1, hi: 3 });
    expect(atLeastSpan(2, 2, 1)).toEqual({ lo: 1.5, hi: 2.5 });
  });
});

describe('a uniform field takes the middle colour (field panes, colour bar, recordings)', () => {
  /** Where a value falls on the colour scale, as the shader maps it (t = (v - lo) / (hi - lo), clamped). */
  const t = (v: number, r: { lo: number; hi: number }) => Math.min(1, Math.max(0, (v - r.lo) / (r.hi - r.lo)));

  it('the shader range: lo = hi maps the value to the middle, not to 1 or NaN', () => {
    for (const v of [0, 1e-12, 0.5, 300, -0.07, 1e6]) {
      const r = drawableRange(v, v);
      expect(r.hi).toBeGreaterThan(r.lo);
      expect(Math.fround(r.hi)).toBeGreaterThan(Math.fround(r.lo)); // resolvable in float32 too
      expect(t(v, r)).toBeCloseTo(0.5, 6);
    }
    expect(drawableRange(1, 2)).toEqual({ lo: 1, hi: 2 });
  });

  it('every range mode of T, c, phi gives a uniform field (to round-off) the middle colour', () => {
    const cases = [
      { field: 'T' as const, v: 298.15, ref: 300, map: 'viridis' as const },
      // The NO2 box: uniform at 378 K, T0 = 298 K (diverging map): not the top red.
      { field: 'T' as const, v: 378.2, ref: 298, map: 'coolwarm' as const },
      { field: 'c' as const, v: 0.92, ref: 0.5, map: 'coolwarm' as const },
      { field: 'T' as const, v: 300, ref: 300, map: 'coolwarm' as const },
      { field: 'c' as const, v: 0.2, ref: 0.2, map: 'coolwarm' as const },
      { field: 'phi' as const, v: 0.05, ref: 0, map: 'viridis' as const },
    ];
    for (const { field, v, ref, map } of cases) {
      for (const mode of ['auto', 'minmax', 'fixed'] as const) {
        const setting = { mode, min: v, max: v };
        const r = fieldRange(field, setting, map, stats(v - 1e-7 * Math.abs(v), v + 1e-7 * Math.abs(v)), ref);
        expect(t(v, r), `${field} ${mode} ${map}`).toBeCloseTo(0.5, 3);
        // The colour bar names the value at its middle.
        const bar = colorBarScale({ lo: r.lo, hi: r.hi, label: field, unit: 'K' }, 5);
        const mid = bar.ticks.find((k) => Math.abs(k.at - 0.5) < 1e-9);
        expect(mid, `${field} ${mode}: ${JSON.stringify(bar)}`).toBeDefined();
      }
    }
    // sigma (from 0, or log over 3 decades): a uniform sigma > 0 in the middle too; sigma = 0 at the bottom (black: nothing produced).
    for (const mode of ['auto', 'expand', 'log'] as const) {
      const r = fieldRange('sigma', { mode, min: 0, max: 1 }, 'inferno', stats(3.2e-7 * (1 - 1e-8), 3.2e-7), 0);
      const shown = mode === 'log' ? Math.log10(3.2e-7) : 3.2e-7;
      expect(t(shown, r), mode).toBeCloseTo(0.5, 3);
    }
    expect(t(0, fieldRange('sigma', { mode: 'auto', min: 0, max: 1 }, 'inferno', stats(0, 0), 0))).toBe(0);
    // ... and so the middle of the LUT: cool-warm's neutral grey, not its top red.
    for (const ch of colormapRgb('coolwarm', 0.5)) expect(Math.abs(ch - 221)).toBeLessThanOrEqual(2);
  });

  it('the colour bar of a uniform 298.15 K writes its offset at the value (ticks -1 0 1 mK)', () => {
    const r = fieldRange('T', { mode: 'minmax', min: 0, max: 1 }, 'coolwarm', stats(298.15, 298.15), 300);
    const bar = colorBarScale({ lo: r.lo, hi: r.hi, label: 'T', unit: 'K' }, 5);
    expect(bar.title).toBe('T − 298.15 K [mK]');
    expect(bar.ticks.map((k) => k.text)).toEqual(['-1.0', '-0.5', '0.0', '0.5', '1.0']);
  });
});

describe("a recording's held ranges start from this state only", () => {
  it('leave out a readback of the state before the last load (the previous preset)', async () => {
    const { statsOfState } = await import('../../src/ui/expected-range');
    const stats = { simTime: 0 } as never;
    expect(statsOfState({ stats, revision: 3 }, 3)).toBe(stats);
    expect(statsOfState({ stats, revision: 2 }, 3)).toBeUndefined();
    expect(statsOfState(undefined, 3)).toBeUndefined();
  });
});

describe('S(t) axis: round-off at equilibrium reads as a flat line at 0', () => {
  it('Nernst cell at equilibrium (S = 4.4e-17 after 1.2e-6 at the start): the axis spans 1e-6 of 1.2e-6, the noise < 1e-4 of it', () => {
    const [lo, hi] = entropyPlotRange(1e-17, 4.4e-17, 1.2e-6);
    expect(lo).toBeLessThanOrEqual(0);
    expect(lo).toBeGreaterThan(-0.1 * (hi - lo)); // starts at 0 (with the 8 % room), not below
    expect(hi - lo).toBeGreaterThanOrEqual(1.2e-12);
    expect(4.4e-17 / (hi - lo)).toBeLessThan(1e-4);
  });

  it('a real S(t) keeps its own range (8 % room); without data [0, 1]; negative S (unphysical) keeps its range', () => {
    const [a, b] = entropyPlotRange(1e-3, 2e-3, 2e-3);
    expect(a).toBeCloseTo(1e-3 - 0.8e-4, 15);
    expect(b).toBeCloseTo(2e-3 + 0.8e-4, 15);
    expect(entropyPlotRange(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1)).toEqual([0, 1]);
    const [c, d] = entropyPlotRange(-2e-3, -1e-3, 0);
    expect(c).toBeLessThan(-2e-3);
    expect(d).toBeGreaterThan(-1e-3);
    expect(d).toBeLessThan(0);
  });
});
