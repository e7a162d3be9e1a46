/**
 * "Until steady": a recording stops when nothing visible changes over one second of video. Once per
 * video second the detector compares the field ranges and means of T and c, and the total entropy
 * production, with the previous check; the run is steady when each moved by less than `tolerance`
 * of its own scale (T: the temperature span, at least 1 mK; c: the concentration span, at least
 * 1e-6; S: its current value).
 */
import type { SimStats } from '../physics/simulation';

export const STEADY_TOLERANCE = 1e-4;

export class SteadyDetector {
  private readonly last = new Float64Array(7);
  private has = false;

  constructor(
    /** Frames between checks (one video second). */
    private readonly every: number,
    private readonly tolerance = STEADY_TOLERANCE,
  ) {}

  /** Feeds frame k's stats; returns true when the run is steady at this frame. */
  update(k: number, s: SimStats): boolean {
    if (k % this.every !== 0) return false;
    const spanT = Math.max(s.T.max - s.T.min, 1e-3);
    const spanC = Math.max(s.c.max - s.c.min, 1e-6);
    const now = [s.T.min / spanT, s.T.max / spanT, s.T.mean / spanT, s.c.min / spanC, s.c.max / spanC, s.c.mean / spanC, s.entropyProduction];
    let steady = this.has;
    for (let i = 0; i < now.length; i++) {
      const scale = i === 6 ? Math.max(Math.abs(now[6]), 1e-300) : 1;
      if (!(Math.abs(now[i] - this.last[i]) <= this.tolerance * scale)) steady = false;
      this.last[i] = now[i];
    }
    this.has = true;
    return steady;
  }
}
