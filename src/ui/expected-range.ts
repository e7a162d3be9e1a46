/**
 * The colour ranges a run is expected to need: the union of the current state's and the steady
 * state's (the CPU reference's jump on a reduced grid, float64; a few tens of milliseconds). A
 * recording starts its T, c and sigma ranges from these and only widens them when a frame exceeds
 * them, so the colours mean the same throughout the video and a growing separation is seen growing.
 * Undefined where no steady state exists (the recording's ranges then expand from the first frame).
 */
import { sigmaPartFields } from '../physics/sigma-part-fields';
import { ReferenceSimulation } from '../physics/reference';
import type { FieldName, FieldStats, SimStats } from '../physics/simulation';
import { solidOf } from '../physics/snapshot-stats';
import type { Validated } from '../physics/validate';
import { reducedGrid } from './cpu-backend';
import { partStatsOf } from './ranges';
import type { PageSettings, SigmaView } from './settings';

/** Cells of the reduced grid the steady state is found on. */
const EXPECTED_CELLS = 4096;

export type ExpectedRanges = Record<FieldName, { lo: number; hi: number }>;

/** Min and max over the fluid cells of a part of sigma [W K^-1 m^-3]. */
function partStats(v: Validated, part: Float64Array): FieldStats {
  const solid = solidOf(v);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < part.length; i++) {
    if (solid[i]) continue;
    min = Math.min(min, part[i]);
    max = Math.max(max, part[i]);
  }
  return { min, max, mean: NaN };
}

/**
 * The expected ranges; sigma's is of the part the sigma pane shows (`view`), the current state's
 * part from the readback's part reductions when attached.
 */
export function expectedRanges(v: Validated, now: SimStats | undefined, view: SigmaView = 'total'): ExpectedRanges | undefined {
  const rv = reducedGrid(v, EXPECTED_CELLS);
  const sim = new ReferenceSimulation(rv);
  try {
    sim.jumpNow();
  } catch {
    return undefined;
  }
  const steady = sim.statsNow();
  let steadySigma = steady.sigma;
  let nowSigma = now?.sigma;
  if (view !== 'total') {
    const { T0, c0 } = rv.scenario.reference;
    const u = sim.fieldNow('T').map((x) => x - T0);
    const c = sim.fieldNow('c').map((x) => x - c0);
    steadySigma = partStats(rv, sigmaPartFields(rv, u, c)[view]);
    nowSigma = partStatsOf(now)?.[view];
  }
  const union = (a: FieldStats, b: FieldStats | undefined) => ({ lo: Math.min(a.min, b?.min ?? a.min), hi: Math.max(a.max, b?.max ?? a.max) });
  return { T: union(steady.T, now?.T), c: union(steady.c, now?.c), sigma: union(steadySigma, nowSigma) };
}

/**
 * The stats of `latest` where they are of the current state (`revision`, App.revision): a readback
 * asked for before the last load, reset or edit is of another state (a recording made right after
 * loading a preset held T and c over the previous preset's values: the ion channel's c over -0.5..0.5).
 */
export function statsOfState(latest: { stats: SimStats; revision: number } | undefined, revision: number): SimStats | undefined {
  return latest && latest.revision === revision ? latest.stats : undefined;
}

/**
 * Makes `s` (a recording's copy of the page settings) hold its colour ranges for the whole video:
 * each starts from the expected range (when there is one, else the first frame) and only widens;
 * a range the user fixed stays fixed, and sigma on a log scale stays log (its top only rising).
 */
export function holdRanges(s: PageSettings, expected: ExpectedRanges | undefined): void {
  for (const f of ['T', 'c', 'sigma'] as const) {
    const range = s.range[f];
    if (range.mode === 'fixed') continue;
    const mode = f === 'sigma' && range.mode === 'log' ? 'log' : 'expand';
    if (expected) s.range[f] = { mode, min: expected[f].lo, max: expected[f].hi, from: true };
    // No expectation: expand only from the first frame (a log range from the first frame's max).
    else s.range[f] = mode === 'log' ? { mode, min: 0, max: 0, from: true } : { ...range, mode, from: false };
  }
}
