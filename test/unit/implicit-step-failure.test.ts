/**
 * The page's failure path for an implicit step that did not converge (issue 8, Build 3): the GPU
 * backend's readback reports it (`solve`, gpu/implicit-steps.ts), the FailureGuard judges it with
 * the command line's rule (run-checks.ts solveFailure), pauses, restores the last good state and
 * says so in plain words, and `step(n)` rejects. Before, the guard judged readbacks without the
 * solve (`assessRun(..., null)`), so a step left unconverged was shown as a result.
 */
import { describe, expect, it } from 'vitest';
import type { FieldSnapshot } from '../../src/gpu/snapshot';
import { ReferenceSimulation } from '../../src/physics/reference';
import type { Problem } from '../../src/physics/schema';
import type { SimStats, SolveReport } from '../../src/physics/simulation';
import type { Validated } from '../../src/physics/validate';
import { App } from '../../src/ui/app';
import type { PageBackend } from '../../src/ui/backend';
import { FailureGuard, type SavedState } from '../../src/ui/failure';
import { scenario } from '../helpers/scenarios';

const unconverged: SolveReport = { iterations: 16, vCycles: 32, residual: { heat: 1, mass: 2e-3 }, relative: 0.3, converged: false, stalled: false, passes: 0 };

/** A backend whose readbacks return the reference's state and, once `failing`, an unconverged step; it records restores. */
function fakeGpuBackend(v: Validated) {
  const sim = new ReferenceSimulation(v);
  const state = { failing: false, restored: [] as SavedState[], resets: 0 };
  const snapshot = (): FieldSnapshot => {
    const { nx, ny } = v.scenario.grid;
    const T = Float32Array.from(sim.fieldNow('T'), (x) => x - v.scenario.reference.T0);
    const c = Float32Array.from(sim.fieldNow('c'), (x) => x - v.scenario.reference.c0);
    return { nx, ny, T, c, sigma: new Float32Array(nx * ny), simTime: sim.simTime, steps: sim.steps };
  };
  const b = {
    kind: 'webgpu' as const,
    adapter: 'fake (test)',
    running: v,
    get simTime() {
      return sim.simTime;
    },
    get steps() {
      return sim.steps;
    },
    passes: 0,
    setScenario: () => undefined,
    reset: () => void state.resets++,
    restore: (s: SavedState) => void state.restored.push(s),
    advance: (n: number) => sim.advance(n),
    busy: () => false,
    idle: async () => undefined,
    step: async (n: number) => {
      sim.advance(n);
      if (state.failing) throw new Error('the implicit solve did not converge: relative residual 0.300 after 16 iterations; the state it left is not a solution');
    },
    readback: async (): Promise<{ stats: SimStats; snapshot?: FieldSnapshot; solve?: SolveReport | null }> => ({
      stats: sim.statsNow(),
      snapshot: snapshot(),
      solve: state.failing ? unconverged : null,
    }),
    prepareDisplay: () => undefined,
    paint: () => undefined,
    jumpToSteadyState: async () => unconverged,
    destroy: () => undefined,
  };
  return { backend: b as unknown as PageBackend, state };
}

describe('the page: an implicit step that does not converge is a failure', () => {
  it('a readback reporting an unconverged step restores the last good state, pauses and says why; step(n) rejects', async () => {
    const v = scenario({ grid: { nx: 8, ny: 4, width: 0.01, height: 0.005 }, time: { scheme: 'implicit' } });
    const { backend, state } = fakeGpuBackend(v);
    const app = new App(backend, v);
    const said: { title: string; problems: Problem[] }[] = [];
    const guard = new FailureGuard(app, (title, problems) => said.push({ title, problems }));
    app.guard = guard;
    app.play();

    // Converged steps: the readback is kept as the last good state.
    backend.advance(2);
    await app.refresh(true);
    expect(guard.failures).toBe(0);
    expect(guard.lastGood?.steps).toBe(2);

    // The next steps (one not converged): the readback is a failure, the good state goes back.
    state.failing = true;
    backend.advance(1);
    await app.refresh(true);
    expect(guard.failures).toBe(1);
    expect(guard.lastMessage).toMatch(/the implicit solve did not converge: relative residual 0\.300 after 16 iterations/);
    expect(state.restored.map((s) => s.steps)).toEqual([2]);
    expect(app.settings.playing).toBe(false);
    expect(said[0].title).toMatch(/cannot stand behind/);
    expect(said[0].problems.map((p) => p.message).join(' ')).toMatch(/did not converge.*last good state \(t = .*step 2\)/s);

    // step(n) through the API rejects, and the state goes back again.
    await expect(app.step(1)).rejects.toThrow(/step\(1\): .*did not converge/);
    expect(guard.failures).toBe(2);
    expect(state.restored).toHaveLength(2);
  });
});
