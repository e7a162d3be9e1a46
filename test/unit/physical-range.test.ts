import { describe, expect, it } from 'vitest';
import type { FieldStats, SimStats } from '../../src/physics/simulation';
import { PRESET_IDS, presetFile } from '../../src/physics/presets';
import { parseScenario } from '../../src/physics/validate';
import { presetView } from '../../src/ui/preset-views';
import { displayStyle } from '../../src/ui/ranges';
import { defaultSettings, type PageSettings } from '../../src/ui/settings';
import { colorBarScale, type ColorBarState } from '../../src/view/colorbar';
import type { FieldStyle } from '../../src/view/field-view';
import { withinPhysical } from '../../src/view/physical-range';
import { SPAN_FLOOR } from '../../src/view/value-span';

const stats = (min: number, max: number): FieldStats => ({ min, max, mean: 0.5 * (min + max) });

describe('colour ranges stay inside the physical range (c in [0, 1], T > 0)', () => {
  it('cuts a range reaching past a bound, keeps one inside, keeps the minimum span against a bound', () => {
    expect(withinPhysical('c', -0.165, 0.265, 2e-5)).toEqual({ lo: 0, hi: 0.265 });
    expect(withinPhysical('c', 0.9, 1.3, 2e-5)).toEqual({ lo: 0.9, hi: 1 });
    expect(withinPhysical('c', 0.2, 0.3, 2e-5)).toEqual({ lo: 0.2, hi: 0.3 });
    // c uniform at 0 (pure water): 0 .. span, not -span/2 .. span/2.
    expect(withinPhysical('c', -1e-5, 1e-5, SPAN_FLOOR.c)).toEqual({ lo: 0, hi: SPAN_FLOOR.c });
    expect(withinPhysical('c', 1 - 1e-6, 1 + 1e-6, SPAN_FLOOR.c)).toEqual({ lo: 1 - SPAN_FLOOR.c, hi: 1 });
    // Wholly outside (a fixed range typed wrong): the span at the nearer bound.
    expect(withinPhysical('c', -0.5, -0.2, SPAN_FLOOR.c)).toEqual({ lo: 0, hi: SPAN_FLOOR.c });
    expect(withinPhysical('T', -10, 400, 1e-3)).toEqual({ lo: 0, hi: 400 });
    // sigma (negative only in unphysical mode, marked) and phi have no bound.
    expect(withinPhysical('sigma', -1, 1, 1e-30)).toEqual({ lo: -1, hi: 1 });
    expect(withinPhysical('phi', -0.05, 0.05, 2e-6)).toEqual({ lo: -0.05, hi: 0.05 });
  });

  it("every preset's c bar: no label below 0 or above 1, whatever c the run reaches", () => {
    const style: FieldStyle = { colormap: 'coolwarm', lo: 0, hi: 1, markNegative: false };
    const bar: ColorBarState = { colormap: 'coolwarm', lo: 0, hi: 1, label: '', unit: '', showNegative: false };
    let checked = 0;
    for (const id of PRESET_IDS) {
      const v = parseScenario(presetFile(id));
      const settings: PageSettings = { ...defaultSettings(), ...presetView(v) };
      const c0 = v.scenario.reference.c0;
      // c uniform at c0, from 0 up to c0 + a bit, from c0 to 1, and all of [0, 1].
      for (const [lo, hi] of [[c0, c0], [0, Math.min(1, c0 + 0.2)], [c0, 1], [0, 1], [0, c0]]) {
        const s = { c: stats(lo, hi), T: stats(300, 300), sigma: stats(0, 1), simTime: 1 } as unknown as SimStats;
        displayStyle('c', settings, v, s, style, bar, `test-${id}`);
        expect(bar.lo, `${id} c in [${lo}, ${hi}]`).toBeGreaterThanOrEqual(0);
        expect(bar.hi, `${id} c in [${lo}, ${hi}]`).toBeLessThanOrEqual(1);
        expect(bar.hi).toBeGreaterThan(bar.lo);
        // The shader's range is the bar's, in stored units (c - c0).
        expect(style.lo + c0).toBeCloseTo(bar.lo, 12);
        expect(style.hi + c0).toBeCloseTo(bar.hi, 12);
        const scale = colorBarScale(bar, 6);
        for (const t of scale.ticks) {
          expect(t.value, `${id} tick ${t.text}`).toBeGreaterThanOrEqual(0);
          expect(t.value, `${id} tick ${t.text}`).toBeLessThanOrEqual(1);
          // A label reads negative only as an offset's deviation ("c − 0.5 [10⁻⁵]": -10 0 10).
          if (!scale.title.includes('−')) expect(t.text, id).not.toMatch(/^[-−]/);
        }
        checked++;
      }
    }
    expect(checked).toBe(5 * PRESET_IDS.length);
  });

  it('salt dissolving shows c on a sequential map from 0 (pure water) to the brine', () => {
    const v = parseScenario(presetFile('salt-dissolving'));
    const settings: PageSettings = { ...defaultSettings(), ...presetView(v) };
    expect(settings.colormap.c).toBe('viridis');
    const style: FieldStyle = { colormap: 'coolwarm', lo: 0, hi: 1, markNegative: false };
    const bar: ColorBarState = { colormap: 'coolwarm', lo: 0, hi: 1, label: '', unit: '', showNegative: false };
    displayStyle('c', settings, v, { c: stats(0, 0.265), simTime: 600 } as unknown as SimStats, style, bar, 'test-salt');
    expect(bar).toMatchObject({ colormap: 'viridis', lo: 0, hi: 0.265 });
    // Other presets keep the default maps (leaving the salt does not carry viridis along).
    expect(presetView(parseScenario(presetFile('soret-cell'))).colormap.c).toBe('coolwarm');
  });
});
