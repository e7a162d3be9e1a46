import { describe, expect, it } from 'vitest';
import { LINEAR_LAW_1PCT, linearLaw, rateAffinityCaption, rateAffinityCloud, sinhLaw } from '../../src/physics/rate-affinity';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { boxScenario, RATE_RATIO_TABLE } from '../helpers/reaction';
import { exampleScenario } from '../helpers/scenarios';

describe('rate-affinity plot data (physics.md 9, 6(f))', () => {
  it('the linear law fails by 1 % at A/RT ~ 0.49; the table of 6(f)', () => {
    expect(LINEAR_LAW_1PCT).toBeGreaterThan(0.48);
    expect(LINEAR_LAW_1PCT).toBeLessThan(0.5);
    expect(sinhLaw(LINEAR_LAW_1PCT) / linearLaw(LINEAR_LAW_1PCT)).toBeCloseTo(1.01, 10);
    for (const [x, ratio] of RATE_RATIO_TABLE) expect(Math.abs(sinhLaw(x) / linearLaw(x) - ratio)).toBeLessThan(1e-4);
    expect(rateAffinityCaption()).toMatch(/1 % only for \|A\/RT\| < 0\.49/);
  });

  it('every cell of a non-uniform state lies on 2 sinh(x/2) (mass action), computed from the rates', () => {
    const v = parseScenario(boxScenario({ grid: { nx: 8, ny: 2 } }));
    const n = 16;
    const u = Float64Array.from({ length: n }, (_, i) => -20 + 3 * i); // T0 - 20 K .. T0 + 25 K
    const c = Float64Array.from({ length: n }, (_, i) => -0.45 + 0.06 * i); // c 0.05 .. 0.95
    const cloud = rateAffinityCloud(v, u, c)!;
    expect(cloud.n).toBe(n);
    expect(cloud.offScale).toBe(0);
    const xs = Array.from(cloud.x.subarray(0, n));
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(3); // spans far from equilibrium
    for (let i = 0; i < n; i++) expect(Math.abs(cloud.y[i] / sinhLaw(cloud.x[i]) - 1)).toBeLessThan(1e-9);
  });

  it('relaxing from only reactants: the start is off scale (r_ex = 0), then the mean moves to equilibrium', () => {
    const v = parseScenario(boxScenario());
    const sim = new ReferenceSimulation(v);
    const { T0, c0 } = v.scenario.reference;
    const dev = () => ({ u: sim.fieldNow('T').map((x) => x - T0), c: sim.fieldNow('c').map((x) => x - c0) });
    let s = dev();
    const first = rateAffinityCloud(v, s.u, s.c)!;
    expect(first.offScale).toBe(16); // c = 1: no N2O4 yet, A infinite
    expect(first.meanRate).toBeGreaterThan(0);
    sim.advance(200);
    s = dev();
    const later = rateAffinityCloud(v, s.u, s.c)!;
    expect(later.n).toBe(16);
    expect(later.meanX).toBeGreaterThan(0);
    sim.advance(200000);
    s = dev();
    const late = rateAffinityCloud(v, s.u, s.c)!;
    expect(Math.abs(late.meanX)).toBeLessThan(later.meanX);
  });

  it('no reaction: no cloud', () => {
    expect(rateAffinityCloud(parseScenario(exampleScenario()), [0], [0])).toBeUndefined();
  });
});
