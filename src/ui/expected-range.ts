/**
 * The colour ranges a run is expected to need: the union of the current state's and the steady
 * state's (the CPU reference's jump on a reduced grid, float64; a few tens of milliseconds). A
 * recording starts its T and c ranges from these and only widens them when a frame exceeds them,
 * so the colours mean the same throughout the video and a growing separation is seen growing.
 * Undefined where no steady state exists (the page's range modes apply as set).
 */
import { ReferenceSimulation } from '../physics/reference';
import type { FieldName, FieldStats, SimStats } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import { reducedGrid } from './cpu-backend';

/** Cells of the reduced grid the steady state is found on. */
const EXPECTED_CELLS = 4096;

export type ExpectedRanges = Record<FieldName, { lo: number; hi: number }>;

export function expectedRanges(v: Validated, now: SimStats | undefined): ExpectedRanges | undefined {
  const sim = new ReferenceSimulation(reducedGrid(v, EXPECTED_CELLS));
  try {
    sim.jumpNow();
  } catch {
    return undefined;
  }
  const steady = sim.statsNow();
  const union = (a: FieldStats, b: FieldStats | undefined) => ({ lo: Math.min(a.min, b?.min ?? a.min), hi: Math.max(a.max, b?.max ?? a.max) });
  return { T: union(steady.T, now?.T), c: union(steady.c, now?.c), sigma: union(steady.sigma, now?.sigma) };
}
