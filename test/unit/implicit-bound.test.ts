/**
 * The implicit scheme near the second-law bound (issue 8, symptom 2): dufour-gas at 97 % of its
 * bound diverged at step 2 (the Dufour term's linearisation used the face's secant mobility where
 * the cells' c(1-c) is the derivative; faces.ts faceMatrix). Now every step converges and a small
 * implicit step agrees with forward Euler.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { NEAR_BOUND_UNTIL, nearBoundGas } from '../helpers/bound';
import { report } from '../helpers/report';

function run(sim: ReferenceSimulation, until: number, dt: number, each?: () => void) {
  const n = Math.ceil(until / dt - 1e-9);
  for (let k = 0; k < n; k++) {
    sim.advance(1);
    each?.();
  }
  return sim.statsNow();
}

describe('implicit near the second-law bound (CPU reference)', () => {
  it('takes the automatic steps (tau/20) to t = 0.5 s without diverging: every step converges, T > 0, 0 < c < 1', () => {
    const v = nearBoundGas('implicit');
    expect(v.derived.dimensionless.Du).toBeGreaterThan(140);
    const sim = new ReferenceSimulation(v);
    const residuals: number[] = [];
    const s = run(sim, NEAR_BOUND_UNTIL, v.derived.dt, () => {
      residuals.push(sim.lastSolve!.relative);
      expect(sim.lastSolve!.converged).toBe(true);
    });
    report('implicit near the bound, dt auto: relative residual per step', residuals.map((r) => r.toExponential(1)).join(' '));
    expect(s.nonFinite).toBe(0);
    expect(s.T.min).toBeGreaterThan(0);
    expect(s.c.min).toBeGreaterThan(0);
    expect(s.c.max).toBeLessThan(1);
  });

  it('at dt = 0.02 s agrees with forward Euler on the total entropy production at t = 0.5 s within 1 %', () => {
    const euler = nearBoundGas('euler');
    const e = run(new ReferenceSimulation(euler), NEAR_BOUND_UNTIL, euler.derived.dt);
    const imp = nearBoundGas('implicit', 0.02);
    const i = run(new ReferenceSimulation(imp), NEAR_BOUND_UNTIL, 0.02);
    const rel = Math.abs(i.entropyProduction - e.entropyProduction) / e.entropyProduction;
    report('near the bound at t = 0.5 s: total sigma euler, implicit dt 0.02, relative difference', `${e.entropyProduction.toExponential(4)} ${i.entropyProduction.toExponential(4)} ${rel.toExponential(2)}`);
    expect(rel).toBeLessThan(0.01);
    expect(Math.abs(i.T.max - e.T.max)).toBeLessThan(0.01 * (e.T.max - e.T.min));
  });
});
