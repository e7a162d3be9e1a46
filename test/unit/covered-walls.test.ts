/**
 * A wall that obstacles cover fixes nothing (physics/open-walls.ts): the sweep's 152x1 jump
 * (seed 2026) had its only temperature wall behind an obstacle and a fixed-flux wall passing
 * 3e-73 W/m^2: no steady state exists, yet the jump was accepted and ran 60 iterations without
 * converging. Before the fix steadyStateProblems was empty here.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { steadyStateProblems } from '../../src/physics/steady';
import { coveredWallScenario as scenario } from '../helpers/covered-wall';

const sums = (a: ArrayLike<number>, solid: (i: number) => boolean) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) if (!solid(i)) s += a[i];
  return s;
};

describe('walls covered by obstacles', () => {
  it('a covered temperature wall fixes no temperature: net heat in means no steady state, refused naming boundaries', () => {
    const problems = steadyStateProblems(scenario(1e-3));
    expect(problems.length).toBe(1);
    expect(problems[0]).toMatch(/^boundaries: no steady state/);
  });

  it('with the heat balanced, the jump converges and keeps the fluid totals of T and c (both channels null)', () => {
    const v = scenario(0);
    expect(steadyStateProblems(v)).toEqual([]);
    const sim = new ReferenceSimulation(v);
    const solid = (i: number) => i === 0;
    const T0 = sums(sim.fieldNow('T'), solid);
    const c0 = sums(sim.fieldNow('c'), solid);
    const rep = sim.jumpNow();
    expect(rep.converged).toBe(true);
    expect(rep.relative).toBeLessThan(1e-5);
    expect(Math.abs(sums(sim.fieldNow('T'), solid) - T0) / T0).toBeLessThan(1e-12);
    expect(Math.abs(sums(sim.fieldNow('c'), solid) - c0) / c0).toBeLessThan(1e-10);
    sim.destroy();
  });
});
