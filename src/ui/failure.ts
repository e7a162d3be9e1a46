/**
 * Failure semantics on the page (issue 8, Build 3): a state the page cannot stand behind (non-finite
 * values, T <= 0 K, c outside [0, 1] beyond float32 round-off, a GPU error, a jump that did not
 * converge) is a failure, never a result. The guard keeps a copy of the last good state at the
 * readback cadence; on a failure it pauses, restores that state, and says in plain words what
 * happened. `failures` counts them so `step(n)` can reject when its steps did not stand.
 */
import type { Problem } from '../physics/schema';
import { assessRun } from '../physics/run-checks';
import type { Validated } from '../physics/validate';
import { fmtDuration } from '../view/format';
import type { App, Readback } from './app';

/** The last state the page could stand behind: fields as stored (T - T0, c - c0), counters, scenario run. */
export interface SavedState {
  running: Validated;
  nx: number;
  ny: number;
  T: Float32Array;
  c: Float32Array;
  simTime: number;
  steps: number;
  passes: number;
}

/** What a backend offers to put a saved state back (the CPU fallback has none: the guard resets). */
export interface Restorable {
  restore(state: SavedState): void;
}

export function isRestorable(b: object): b is Restorable {
  return typeof (b as Partial<Restorable>).restore === 'function';
}

export class FailureGuard {
  /** Failures so far (step(n) compares before and after). */
  failures = 0;
  /** The last failure's message. */
  lastMessage = '';
  private saved: SavedState | null = null;
  private restoring = false;
  /**
   * `App.revision` right after the last restore or reset: a readback asked for before it read a
   * state that is gone (the blown-up one a restore replaced), so it is neither judged nor kept.
   * Without this, two readbacks of one blown-up state in flight together (the frame loop's and
   * `step(n)`'s own) counted one failure twice.
   */
  private staleBefore = 0;
  /**
   * While > 0 (a `step(n)` runs), readbacks are judged but not kept as good: the steps' GPU errors
   * are known only when they finish.
   */
  holding = 0;

  constructor(
    private readonly app: App,
    private readonly say: (title: string, problems: Problem[]) => void,
  ) {
    app.events.on('readback', (rb) => this.judge(rb));
    // A new initial state: nothing older can be restored into it.
    app.events.on('reset', () => {
      this.saved = null;
      this.staleBefore = app.revision;
    });
  }

  /** The last good state (a copy; the readback ring's snapshots are reused). */
  get lastGood(): SavedState | null {
    return this.saved;
  }

  private judge(rb: Readback): void {
    // A recording owns the state until it ends, and stops on a failure itself (src/record).
    if (this.restoring || this.app.lockedBy || rb.revision < this.staleBefore) return;
    // One rule with the command line (physics/run-checks.ts): non-finite, T <= 0, c outside [0, 1],
    // an implicit step that did not converge, a state beyond the second-law bound.
    const why = assessRun(rb.running, rb.stats, rb.solve ?? null).failure?.message ?? null;
    if (why) {
      this.fail(why);
      return;
    }
    if (rb.snapshot && this.holding === 0) this.keep(rb);
  }

  private keep(rb: Readback): void {
    const s = rb.snapshot!;
    const cells = s.nx * s.ny;
    const old = this.saved;
    const reuse = old && old.T.length === cells;
    const T = reuse ? old.T : new Float32Array(cells);
    const c = reuse ? old.c : new Float32Array(cells);
    T.set(s.T.subarray(0, cells));
    c.set(s.c.subarray(0, cells));
    this.saved = { running: rb.running, nx: s.nx, ny: s.ny, T, c, simTime: s.simTime, steps: s.steps, passes: rb.stats.passes };
  }

  /**
   * A failure: pauses, puts the last good state back (or the initial state where there is none or
   * the backend cannot restore) and says what happened and what was restored.
   */
  fail(why: string): void {
    this.failures++;
    this.lastMessage = why;
    this.app.pause();
    const b = this.app.backend;
    const s = this.saved;
    const g = b.running.scenario.grid;
    let restored: string;
    this.restoring = true;
    try {
      if (s && isRestorable(b) && s.nx === g.nx && s.ny === g.ny) {
        b.restore(s);
        restored = `The page went back to the last good state (t = ${fmtDuration(s.simTime)}, step ${s.steps}) and paused.`;
      } else {
        b.reset();
        restored = 'The page went back to the initial state and paused.';
      }
      this.app.revision++;
      this.staleBefore = this.app.revision;
    } finally {
      this.restoring = false;
    }
    this.say('The simulation produced a result it cannot stand behind', [
      { path: '', message: `${why[0].toUpperCase()}${why.slice(1)}.` },
      { path: '', message: `${restored} Try a smaller time step, another scheme, or a smaller grid.` },
    ]);
  }
}
