/**
 * D_F and D_T of opposite signs (unphysical; issue 8, sweep 2334 #81: two RKL2 super-steps took a
 * uniform steady state to c = -0.025). The coupled operator then has no symmetric form, and its
 * eigenvalues no longer bound an explicit step: forward Euler and RKL2's base step take the skew
 * coupling's rate (thermo.ts skewCouplingRate: a contraction in a weighted norm).
 */
import { describe, expect, it } from 'vitest';
import { concentrationSamples, explicitLimit } from '../../src/physics/derived';
import { rkl2Stages } from '../../src/physics/rkl2';
import { eigen2, skewCouplingRate, transportMatrix } from '../../src/physics/thermo';
import { ReferenceSimulation } from '../../src/physics/reference';
import type { Scenario } from '../../src/physics/scenario';
import { validateScenario, type Validated } from '../../src/physics/validate';
import { OPPOSITE_COUPLING_7x3 } from '../helpers/sweep-cases';
import { report } from '../helpers/report';

const base = OPPOSITE_COUPLING_7x3 as unknown as Scenario;
const DT = base.mixture.soret * base.mixture.D;

function withScheme(scheme: 'euler' | 'rkl2', dufour: number): Scenario {
  return { ...base, mixture: { ...base.mixture, dufour }, time: { ...base.time, scheme } } as Scenario;
}

/** The range of `field` after the jump and `steps` steps of the scenario's scheme (CPU reference). */
function rangeAfterJump(v: Validated, steps: number, field: 'T' | 'c' = 'c'): [number, number] {
  const sim = new ReferenceSimulation(v);
  expect(sim.jumpNow().converged).toBe(true);
  sim.advance(steps);
  const f = sim.fieldNow(field);
  return [Math.min(...f), Math.max(...f)];
}

describe('forward Euler with D_F and D_T of opposite signs steps by the skew coupling\'s rate', () => {
  it('skewCouplingRate: 0 unless the off-diagonal entries have opposite signs; max(a00, a11) without coupling; above both eigenvalues with it', () => {
    expect(skewCouplingRate([[2, 1], [3, 1]])).toBe(0);
    expect(skewCouplingRate([[2, 0], [3, 1]])).toBe(0);
    expect(skewCouplingRate([[2, -1e-9], [1e-9, 1]])).toBeCloseTo(2, 9);
    const a: [[number, number], [number, number]] = [[1, 2], [-0.01, 0.01]];
    const e = eigen2(a);
    expect(e.complex).toBe(false);
    expect(skewCouplingRate(a)).toBeGreaterThan(e.stiff);
  });

  it('sweep 2334 #81: from the uniform steady state, Euler at 0.9 of the eigenvalues\' limit drifts; at the derived step it stays', () => {
    const euler = validateScenario(withScheme('euler', -DT));
    if (!euler.ok) throw new Error('euler refused');
    const v = euler.value;
    const T0 = v.scenario.reference.T0;
    let eigen = 0;
    for (const c of concentrationSamples(v.scenario)) eigen = Math.max(eigen, eigen2(transportMatrix(v.derived.material, T0, c)).stiff);
    const eigenLimit = explicitLimit(v.scenario, eigen);
    const drifting: Validated = { ...v, derived: { ...v.derived, dt: 0.9 * eigenLimit } };
    const [dlo, dhi] = rangeAfterJump(drifting, 3000, 'T');
    const [lo, hi] = rangeAfterJump(v, 3000, 'T');
    report('sweep 2334 #81, 3000 Euler steps from the jump: dt over the eigenvalues\' limit, T range [K]; at the derived step (safety 0.9)', `0.9: ${dhi - dlo}; ${v.derived.dt / eigenLimit}: ${hi - lo}`);
    expect(v.derived.dt).toBeLessThan(0.5 * eigenLimit);
    expect(dhi - dlo).toBeGreaterThan(0.1);
    expect(hi - lo).toBeLessThan(1e-9);
  });
});

describe('RKL2 with D_F and D_T of opposite signs: its base step takes the skew coupling\'s rate', () => {
  /** The largest eigenvalue (eigen2 `stiff`) over the sampled c at T0: the rate before skewCouplingRate. */
  const eigenLimitOf = (v: Validated) => {
    let eigen = 0;
    for (const c of concentrationSamples(v.scenario)) eigen = Math.max(eigen, eigen2(transportMatrix(v.derived.material, v.scenario.reference.T0, c)).stiff);
    return explicitLimit(v.scenario, eigen);
  };

  it('sweep 2334 #81 as drawn: two super-steps from the jump left the uniform state at the eigenvalues\' base step; at the derived one they hold it', () => {
    const r = validateScenario(withScheme('rkl2', -DT));
    if (!r.ok) throw new Error(r.problems[0].message);
    const v = r.value;
    const eigenLimit = eigenLimitOf(v);
    const dtFE = v.scenario.time.safety * eigenLimit;
    const before: Validated = { ...v, derived: { ...v.derived, dtLimit: eigenLimit, stages: rkl2Stages(v.derived.dt, dtFE) } };
    const [blo, bhi] = rangeAfterJump(before, 2);
    const [lo, hi] = rangeAfterJump(v, 2);
    report('sweep 2334 #81, c range after the jump and 2 RKL2 super-steps: eigenvalues\' base step (stages); the derived one (stages)', `[${blo}, ${bhi}] (${before.derived.stages}); [${lo}, ${hi}] (${v.derived.stages})`);
    expect(bhi - blo).toBeGreaterThan(1e-3);
    expect(hi - lo).toBeLessThan(1e-12);
  });

  it.each([-3, -1, -0.25])('D_F = %s D_T: 40 super-steps from the jump hold the uniform steady state', (ratio) => {
    const r = validateScenario(withScheme('rkl2', ratio * DT));
    if (!r.ok) throw new Error(r.problems[0].message);
    const [lo, hi] = rangeAfterJump(r.value, 40, 'T');
    expect(hi - lo).toBeLessThan(1e-9);
  });
});
