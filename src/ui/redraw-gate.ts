/**
 * Whether a frame needs to draw (issue 8, symptom 10): a frame whose picture would equal the last
 * one (no step queued, no reset, edit or paint, no readback published, no settings, layout or
 * pointer change) skips the display copies and three's draw. On a CPU adapter every draw also
 * costs the compositor a full-size blend, so a paused page, or a slow one between its steps, stops
 * taking CPU time from the frames that do change. Anything the gate is not told about still shows
 * within REDRAW_AT_LEAST_MS.
 */

/** A frame draws at least this often, changed or not [ms]. */
export const REDRAW_AT_LEAST_MS = 500;

export class RedrawGate {
  private dirty = true;
  private drawnAt = -Infinity;
  private steps = -1;
  private revision = -1;

  /** Something the picture depends on changed (an event the gate cannot see in its counters). */
  invalidate(): void {
    this.dirty = true;
  }

  /**
   * Whether the frame at `now` [ms] must draw: the steps queued or the fields' revision moved since
   * the last draw, something invalidated it, or REDRAW_AT_LEAST_MS passed.
   */
  needed(now: number, steps: number, revision: number): boolean {
    return this.dirty || steps !== this.steps || revision !== this.revision || now - this.drawnAt >= REDRAW_AT_LEAST_MS;
  }

  /** The frame at `now` drew the state after `steps` steps at `revision`. */
  drawn(now: number, steps: number, revision: number): void {
    this.dirty = false;
    this.drawnAt = now;
    this.steps = steps;
    this.revision = revision;
  }
}
