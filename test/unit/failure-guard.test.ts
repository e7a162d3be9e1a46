/**
 * The page's failure guard (src/ui/failure.ts) on a stand-in App: one blown-up state read back
 * twice (the frame loop's readback and step(n)'s own, both in flight when the first restores) is
 * one failure, not two; a later blow-up is a failure again. The flake of robust.test.ts ("expected
 * 3 to be 2") was this double count.
 */
import { describe, expect, it } from 'vitest';
import type { FieldSnapshot } from '../../src/gpu/snapshot';
import { presetFile } from '../../src/physics/presets';
import type { SimStats } from '../../src/physics/simulation';
import { parseScenario, type Validated } from '../../src/physics/validate';
import type { App, AppEvents, Readback } from '../../src/ui/app';
import { Emitter } from '../../src/ui/emitter';
import { FailureGuard, type SavedState } from '../../src/ui/failure';

/** The Soret cell on a 4 x 2 grid. */
const v = (() => {
  const s = structuredClone(presetFile('soret-cell')) as Record<string, unknown>;
  s.grid = { ...(s.grid as object), nx: 4, ny: 2 };
  return parseScenario(s);
})();
const T0 = v.scenario.reference.T0;

function stats(steps: number, blownUp: boolean): SimStats {
  return {
    simTime: steps,
    steps,
    passes: steps,
    entropyProduction: 1e-6,
    solute: 0,
    energy: 0,
    separation: 0,
    heatIn: { left: 0, right: 0, bottom: 0, top: 0 },
    T: { min: T0 - 1, max: T0 + 1, mean: T0 },
    c: blownUp ? { min: -0.5, max: 1.5, mean: 0.5 } : { min: 0.49, max: 0.51, mean: 0.5 },
    sigma: { min: 0, max: 1e-6, mean: 1e-7 },
    nonFinite: 0,
    firstNonFiniteStep: null,
  };
}

function snapshot(steps: number): FieldSnapshot {
  return { nx: 4, ny: 2, T: new Float32Array(8), c: new Float32Array(8), sigma: new Float32Array(8), simTime: steps, steps };
}

/** A stand-in for the App the guard watches: events, revision, pause, and a restorable backend. */
function standIn() {
  const events = new Emitter<AppEvents>();
  const restored: SavedState[] = [];
  const app = {
    events,
    revision: 0,
    lockedBy: undefined as string | undefined,
    pause() {},
    backend: { running: v as Validated, restore: (s: SavedState) => void restored.push(s), reset() {} },
  };
  const guard = new FailureGuard(app as unknown as App, () => undefined);
  /** A readback asked for at the app's current revision, published later with `publish`. */
  const ask = (steps: number, blownUp: boolean) => {
    const rb: Readback = { stats: stats(steps, blownUp), snapshot: snapshot(steps), running: v, revision: app.revision };
    return { publish: () => events.emit('readback', rb) };
  };
  return { app, guard, restored, ask };
}

describe('the failure guard', () => {
  it('counts one blown-up state read back twice as one failure, and restores once', () => {
    const { guard, restored, ask } = standIn();
    ask(10, false).publish(); // the last good state
    // Both readbacks are asked for before either comes back (the loop's and step(n)'s).
    const loop = ask(410, true);
    const own = ask(410, true);
    loop.publish();
    expect(guard.failures).toBe(1);
    own.publish();
    expect(guard.failures).toBe(1);
    expect(restored).toHaveLength(1);
    expect(restored[0].steps).toBe(10);
  });

  it('still fails on a blow-up read after the restore, and on one read back alone', () => {
    const { guard, ask } = standIn();
    ask(10, false).publish();
    ask(410, true).publish();
    expect(guard.failures).toBe(1);
    // Stepping on from the restored state blows up again: a new failure.
    ask(810, true).publish();
    expect(guard.failures).toBe(2);
  });

  it('neither judges nor keeps a readback asked for before a reset', () => {
    const { app, guard, restored, ask } = standIn();
    ask(10, false).publish();
    const before = ask(410, true);
    app.revision++;
    app.events.emit('reset', undefined);
    before.publish();
    expect(guard.failures).toBe(0);
    expect(guard.lastGood).toBeNull();
    expect(restored).toHaveLength(0);
  });
});
