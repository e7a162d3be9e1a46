import { describe, expect, it } from 'vitest';
import { barHeading } from '../../src/view/colorbar';
import { paneRects } from '../../src/view/layout';
import { fitsEstimate, fittingTitle, TITLE_FORMS } from '../../src/view/pane-titles';

describe('pane titles that fit their pane', () => {
  it('full titles in wide panes, shorter forms (never cut) in the three square panes of lecture mode', () => {
    const wide = paneRects('all', 1900, 700, 2);
    for (const p of wide) expect(fittingTitle(p.field, (t) => fitsEstimate(t, p.w, p.font))).toBe(TITLE_FORMS[p.field][0]);
    // The hot spot (square domain) in lecture mode at 1920 x 1080: panes ~370 px wide, 28 px text.
    const square = paneRects('all', 1920, 560, 1, 28);
    for (const p of square) {
      const t = fittingTitle(p.field, (text) => fitsEstimate(text, p.w, p.font));
      expect(fitsEstimate(t, p.w, p.font), `${t} in ${p.w} px`).toBe(true);
      expect(t.length).toBeLessThan(TITLE_FORMS.c[0].length);
    }
    // Nothing fits: the symbol.
    expect(fittingTitle('c', () => false)).toBe('c');
  });
});

describe('colour bar headings on one line', () => {
  it('keep the range note where it fits, drop it where it would wrap (the hot spot\'s log sigma bar in lecture mode)', () => {
    expect(barHeading('σ [W/(K m³)]', 'min..max', 600, 13)).toBe('σ [W/(K m³)] · min..max');
    expect(barHeading('log₁₀ σ [W/(K m³)]', '3 decades', 370, 28)).toBe('log₁₀ σ [W/(K m³)]');
    expect(barHeading('T [K]', undefined, 10, 28)).toBe('T [K]');
    expect(barHeading('T [K]', '', 10, 28)).toBe('T [K]');
  });
});

describe('recorded frames: each pane band holds its composed colour bar', () => {
  it('with the recorder\'s least text size (a square domain at 720p with a plot ran its bar into the plot)', async () => {
    const { BAR_TEXT_CSS_PX } = await import('../../src/record/compose');
    for (const height of [720, 1080]) {
      const r = height / 540; // the viewport's pixel ratio (compose.ts REFERENCE_HEIGHT)
      const px = Math.round(0.027 * height); // compose's bar text
      const used = 3.75 * px + 4 * r; // drawColorBar: heading, gradient, ticks; 4 px gap above
      const cssW = 1280 / r;
      const cssH = (0.6 * height) / r; // the view between the header and a 25 % plot
      const before = paneRects('all', cssW, cssH, 1)[0];
      expect(before.bar * r).toBeLessThan(used); // what overflowed
      for (const p of paneRects('all', cssW, cssH, 1, BAR_TEXT_CSS_PX)) expect(p.bar * r, `${height}p`).toBeGreaterThanOrEqual(used);
    }
  });
});
