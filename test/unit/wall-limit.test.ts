/**
 * The forward-Euler limit of cells beside walls that fix c but not T (derived.ts
 * wallMassDiffusivity, wallExplicitLimit): their half-face carries D_wall = det(A) / kappa, which an
 * antisymmetric (unphysical) D_F can make far larger than any bulk eigenvalue; with reciprocal
 * coupling it is at most D and the limit is the bulk one.
 */
import { describe, expect, it } from 'vitest';
import { eigen2, transportMatrix } from '../../src/physics/thermo';
import { explicitLimit, wallExplicitLimit, wallMassDiffusivity } from '../../src/physics/derived';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { report } from '../helpers/report';
import { exampleScenario, merge } from '../helpers/scenarios';
import { ANTISYMMETRIC_WALL_8x24 } from '../helpers/sweep-cases';

describe('the explicit limit beside walls that fix c but not T', () => {
  it('sweep seed 2137 #89 (D_F = -D_T): forward Euler at its automatic step stays bounded (it reached c = -364 in one step at the bulk limit)', () => {
    const v = parseScenario(ANTISYMMETRIC_WALL_8x24);
    const { material, checkedT } = v.derived;
    const T = checkedT.lo;
    const bulk = eigen2(transportMatrix(material, T, 0.42)).stiff;
    const dWall = wallMassDiffusivity(material, [T], [0.42]);
    report('seed 2137 #89: bulk stiff eigenvalue, D_wall [m^2/s]; dtLimit bulk, with the walls [s]', `${bulk.toExponential(3)} ${dWall.toExponential(3)}; ${explicitLimit(v.scenario, bulk).toExponential(3)} ${v.derived.dtLimit.toExponential(3)}`);
    expect(dWall).toBeGreaterThan(1e3 * bulk);
    expect(v.derived.dtLimit).toBeLessThan(1e-3 * explicitLimit(v.scenario, bulk));
    const sim = new ReferenceSimulation(v);
    sim.advance(200);
    const s = sim.statsNow();
    report('seed 2137 #89, 200 forward-Euler steps at the automatic dt: c range, T range', `[${s.c.min.toPrecision(4)}, ${s.c.max.toPrecision(4)}] [${s.T.min.toPrecision(7)}, ${s.T.max.toPrecision(7)}]`);
    expect(s.nonFinite).toBe(0);
    expect(s.c.min).toBeGreaterThan(0.3);
    expect(s.c.max).toBeLessThan(0.53);
    sim.destroy();
  });

  it('with reciprocal coupling D_wall <= D, so the limit is the bulk one (soret-cell with flux walls that fix c)', () => {
    const walls = { heat: { type: 'flux', value: 0 }, mass: { type: 'concentration', value: 0.4 } };
    const v = parseScenario(merge(exampleScenario(), { mixture: { soret: 0.05 }, boundaries: { left: walls, right: walls } }));
    const { material, checkedT } = v.derived;
    for (const c of [0.01, 0.2, 0.5, 0.9]) expect(wallMassDiffusivity(material, [checkedT.lo, checkedT.hi], [c])).toBeLessThanOrEqual(material.D * (1 + 1e-12));
    expect(wallExplicitLimit(v.scenario, v.derived.lambdaMax, material.D)).toBeGreaterThanOrEqual(explicitLimit(v.scenario, v.derived.lambdaMax) * (1 - 1e-12));
    expect(v.derived.dtLimit).toBeCloseTo(explicitLimit(v.scenario, v.derived.lambdaMax), 12);
  });
});
