import { describe, expect, it } from 'vitest';
import { drawingScale, FrameCost, MIN_RESOLUTION_SCALE } from '../../src/ui/frame-cost';

describe('drawing resolution: adaptive while playing, full while paused', () => {
  it('paused draws at full resolution whatever the adaptive scale; playing at the adaptive one', () => {
    expect(drawingScale(false, MIN_RESOLUTION_SCALE)).toBe(1);
    expect(drawingScale(false, 0.6)).toBe(1);
    expect(drawingScale(true, MIN_RESOLUTION_SCALE)).toBe(MIN_RESOLUTION_SCALE);
    expect(drawingScale(true, 1)).toBe(1);
  });

  it("a paused frame's cost (full resolution) is waited for but not learned: the playing scale keeps its own measure", async () => {
    const cost = new FrameCost();
    cost.submitted(0, Promise.resolve(), false);
    expect(cost.outstanding).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(cost.outstanding).toBe(false);
    expect(cost.measured).toBe(0);
    expect(Number.isNaN(cost.displayMs)).toBe(true);
    cost.submitted(0, Promise.resolve());
    await new Promise((r) => setTimeout(r, 0));
    expect(cost.measured).toBe(1);
    expect(Number.isFinite(cost.displayMs)).toBe(true);
  });
});
