/**
 * The frame loop draws only when the picture can differ (issue 8, symptom 10): a frame after new
 * steps, a reset/edit (revision) or an invalidating event draws; the same state again does not,
 * until REDRAW_AT_LEAST_MS has passed.
 */
import { describe, expect, it } from 'vitest';
import { REDRAW_AT_LEAST_MS, RedrawGate } from '../../src/ui/redraw-gate';

describe('RedrawGate', () => {
  it('draws the first frame, then only on new steps, a new revision, an invalidation or the interval', () => {
    const g = new RedrawGate();
    expect(g.needed(0, 0, 0)).toBe(true);
    g.drawn(0, 0, 0);
    expect(g.needed(16, 0, 0)).toBe(false); // nothing changed
    expect(g.needed(16, 3, 0)).toBe(true); // steps queued
    expect(g.needed(16, 0, 1)).toBe(true); // reset, edit or paint
    g.invalidate();
    expect(g.needed(16, 0, 0)).toBe(true); // an event (readback, settings, pointer)
    g.drawn(16, 0, 0);
    expect(g.needed(16 + REDRAW_AT_LEAST_MS - 1, 0, 0)).toBe(false);
    expect(g.needed(16 + REDRAW_AT_LEAST_MS, 0, 0)).toBe(true); // anything it was not told about shows
  });
});
