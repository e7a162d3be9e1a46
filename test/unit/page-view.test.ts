import { describe, expect, it } from 'vitest';
import { presetFile } from '../../src/physics/presets';
import type { FieldStats } from '../../src/physics/simulation';
import { parseScenario } from '../../src/physics/validate';
import { fieldRange } from '../../src/ui/ranges';
import { expectedRanges } from '../../src/ui/expected-range';
import { fillHeight, paneArea, paneRects } from '../../src/view/layout';

const stats = (min: number, max: number): FieldStats => ({ min, max, mean: (min + max) / 2 });

describe('pane layout', () => {
  it('fillHeight is the least height that gives the panes all the room the width allows', () => {
    const W = 1040;
    const full = paneArea(paneRects('all', W, 2000, 2));
    const h = fillHeight('all', W, 2, 200, 2000);
    expect(paneArea(paneRects('all', W, h, 2))).toBeGreaterThanOrEqual(0.995 * full);
    expect(paneArea(paneRects('all', W, h - 20, 2))).toBeLessThan(0.995 * full);
    // At that height the panes cover most of the stage (the titles and bars take the rest).
    expect(paneArea(paneRects('all', W, h, 2)) / (W * h)).toBeGreaterThan(0.6);
  });

  it('scales titles and bars with the canvas, and raises them to a minimum text size', () => {
    const small = paneRects('all', 1000, 400, 2)[0];
    const big = paneRects('all', 1900, 1000, 2)[0];
    expect(big.font).toBeGreaterThan(small.font);
    expect(paneRects('all', 1000, 400, 2, 28)[0].barFont).toBeGreaterThanOrEqual(28);
    // T | sigma shows two panes; keep the aspect.
    const two = paneRects('T-sigma', 1200, 600, 10);
    expect(two.map((p) => p.field)).toEqual(['T', 'sigma']);
    for (const p of two) expect(p.w / p.h).toBeCloseTo(10, 6);
  });
});

describe('colour range modes', () => {
  it('auto, min..max, log over 3 decades, fixed, and expand only (never shrinking, restarting with a new run)', () => {
    const auto = fieldRange('sigma', { mode: 'auto', min: 0, max: 1 }, 'inferno', stats(1.37, 1.51), 0);
    expect(auto).toEqual({ lo: 0, hi: 1.51 });
    expect(fieldRange('sigma', { mode: 'minmax', min: 0, max: 1 }, 'inferno', stats(1.37, 1.51), 0)).toEqual({ lo: 1.37, hi: 1.51 });
    const log = fieldRange('sigma', { mode: 'log', min: 0, max: 1 }, 'inferno', stats(170, 2230), 0);
    expect(log.hi).toBeCloseTo(Math.log10(2230), 12);
    expect(log.hi - log.lo).toBeCloseTo(3, 12);
    expect(fieldRange('T', { mode: 'fixed', min: 290, max: 310 }, 'coolwarm', stats(299, 301), 300)).toEqual({ lo: 290, hi: 310 });
    const owner = {};
    const run = (t: number) => ({ owner, simTime: t, key: 'test|c' });
    const setting = { mode: 'expand' as const, min: 0, max: 1 };
    const a = fieldRange('c', setting, 'coolwarm', stats(0.49, 0.51), 0.5, run(1));
    const b = fieldRange('c', setting, 'coolwarm', stats(0.499, 0.501), 0.5, run(2));
    expect(b).toEqual(a); // never shrinks
    const c = fieldRange('c', setting, 'coolwarm', stats(0.499, 0.501), 0.5, run(0.5)); // time went back: a new run
    expect(c.hi - c.lo).toBeCloseTo(0.002, 12);
    // Expanding from an expected range: starts there, centred on the reference for a diverging map.
    const from = fieldRange('c', { mode: 'expand', min: 0.49, max: 0.52, from: true }, 'coolwarm', stats(0.5, 0.5), 0.5, { owner: {}, simTime: 0, key: 'test|from' });
    expect(from.lo).toBeCloseTo(0.48, 12);
    expect(from.hi).toBeCloseTo(0.52, 12);
  });

  it("expects the Soret cell's steady separation and the walls' temperatures; none where no steady state exists", () => {
    const v = parseScenario(presetFile('soret-cell'));
    const r = expectedRanges(v, undefined)!;
    expect(r.T.lo).toBeGreaterThan(294.9);
    expect(r.T.hi).toBeLessThan(305.1);
    expect(r.T.hi - r.T.lo).toBeGreaterThan(9);
    // logit c = a - S_T (T - T0): c(1-c) S_T dT = 0.25 * 0.005 * 10 = 0.0125 across the cell.
    expect(r.c.hi - r.c.lo).toBeGreaterThan(0.009);
    expect(r.c.hi - r.c.lo).toBeLessThan(0.0125);
    const fin = parseScenario({ ...(presetFile('soret-cell') as object), boundaries: { left: { heat: { type: 'flux', value: 100 }, mass: { type: 'closed' } }, right: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } }, bottom: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } }, top: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } } } });
    expect(expectedRanges(fin, undefined)).toBeUndefined();
  });
});
