/**
 * The jump under strong Soret / Dufour coupling retaken along the coupling ladder
 * (physics/coupling-continuation.ts; issue 8). Two sweep draws whose steady state is uniform (every
 * wall that fixes c fixes the same value, no heat enters), so the steady state is known exactly,
 * yet the plain jump's first outer iterations ran T far below 0 K and never came back:
 * - seed 2078 #76 (physical, S_T = 0.298 1/K reciprocal, c from 0.999 to the walls' 0.899):
 *   relative residual 0.996 after 60 iterations, T down to -2583 K (NaN on the GPU);
 * - seed 2063 #5 (unphysical, S_T = -10 1/K, D_F = D/10 explicit): 0.179, T down to -2472 K.
 * Along the ladder (uncoupled first) both land on the uniform state.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { draw2063, draw2078, draw2079 } from '../helpers/coupling-draws';
import { validateScenario } from '../../src/physics/validate';
import { report } from '../helpers/report';

describe('the jump under strong coupling, along the coupling ladder', () => {
  for (const [name, v, T, c] of [
    ['seed 2078 #76 (physical, S_T = 0.3 1/K)', draw2078, 334.1223075697503, 0.899],
    ['seed 2063 #5 (unphysical, S_T = -10 1/K)', draw2063, 104.0246542460072, 0.001],
  ] as const) {
    it(`${name}: converges to the uniform steady state`, () => {
      const sim = new ReferenceSimulation(v);
      const rep = sim.jumpNow();
      const end = sim.statsNow();
      report(`jump ${name}: iterations (all rungs), relative residual, T span, c span`, `${rep.iterations} ${rep.relative.toExponential(2)} ${(end.T.max - end.T.min).toExponential(1)} ${(end.c.max - end.c.min).toExponential(1)}`);
      expect(rep.converged).toBe(true);
      expect(Number.isFinite(rep.relative)).toBe(true);
      // The exact steady state: T of the fixing wall, c of the walls, everywhere.
      expect(Math.abs(end.T.min - T)).toBeLessThan(1e-6 * T);
      expect(Math.abs(end.T.max - T)).toBeLessThan(1e-6 * T);
      expect(Math.abs(end.c.min - c)).toBeLessThan(1e-6);
      expect(Math.abs(end.c.max - c)).toBeLessThan(1e-6);
    });
  }
});

describe('the jump under strong coupling, relaxed', () => {
  it('seed 2079 #42 (255 x 1, S_T = -10 1/K): converges relaxed, and the state it reaches is steady', () => {
    const sim = new ReferenceSimulation(draw2079);
    const rep = sim.jumpNow();
    const end = sim.statsNow();
    report('jump seed 2079 #42: iterations (all attempts), relative residual, c range', `${rep.iterations} ${rep.relative.toExponential(2)} [${end.c.min.toExponential(2)}, ${end.c.max.toPrecision(3)}]`);
    expect(rep.converged).toBe(true);
    expect(end.T.min).toBeGreaterThan(0);
    expect(end.c.min).toBeGreaterThanOrEqual(0);
    expect(end.c.max).toBeLessThanOrEqual(1);
    // Steady: an implicit step of 2 tau_slow from it moves c by < 1e-4 of its span (its solve's tolerance).
    const r = validateScenario({ ...draw2079.scenario, time: { scheme: 'implicit', dt: 2 * draw2079.derived.tauSlow } });
    if (!r.ok) throw new Error('the step was refused');
    const c = sim.fieldNow('c');
    sim.setScenario(r.value);
    sim.advance(1);
    expect(sim.lastSolve?.converged).toBe(true);
    const after = sim.fieldNow('c');
    let moved = 0;
    for (let i = 0; i < c.length; i++) moved = Math.max(moved, Math.abs(after[i] - c[i]));
    report('jump seed 2079 #42: c moved by one implicit step of 2 tau_slow, of its span', (moved / (end.c.max - end.c.min)).toExponential(2));
    expect(moved).toBeLessThan(1e-4 * (end.c.max - end.c.min));
  });
});
