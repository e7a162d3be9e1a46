/**
 * A time step's residual near the second-law bound (physics/implicit.ts stepMarginScale): its
 * transport scale is measured at the scenario's lowest second-law margin (at least
 * MARGIN_SCALE_MIN), since there a residual of STEP_TOLERANCE of the transport terms leaves an error
 * of up to STEP_TOLERANCE / margin of them. Sweep 2145 #61 (margin 0.020): the CPU's multigrid step
 * at dt was accepted at a relative residual of 9.8e-3 with c off by about half its change.
 */
import { describe, expect, it } from 'vitest';
import { MARGIN_SCALE_MIN, stepMarginScale } from '../../src/physics/implicit';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { NEAR_BOUND_17x11 } from '../helpers/sweep-cases';
import { report } from '../helpers/report';

describe('stepMarginScale', () => {
  it('is the lowest margin within [MARGIN_SCALE_MIN, 1]', () => {
    expect(stepMarginScale(1)).toBe(1);
    expect(stepMarginScale(0.5)).toBe(0.5);
    expect(stepMarginScale(0.02)).toBe(MARGIN_SCALE_MIN);
    expect(stepMarginScale(-3)).toBe(MARGIN_SCALE_MIN);
  });
});

describe('implicit steps near the second-law bound are accurate (CPU reference)', () => {
  it('sweep 2145 #61 (17 x 11, margin 0.020): the first step of 8.8 s is within 5 % of its change of RKL2 at dt / 64', () => {
    const v = parseScenario(NEAR_BOUND_17x11);
    expect(v.derived.dimensionless.marginMin).toBeLessThan(0.03);
    const dt = v.derived.dt;
    const start = new ReferenceSimulation(v).fieldNow('c');
    const implicit = new ReferenceSimulation(v);
    implicit.advance(1);
    // RKL2 (second order) at dt / 64 agrees with forward Euler at dt / 84,521 to 1e-7 of c here.
    const fine = new ReferenceSimulation(parseScenario({ ...NEAR_BOUND_17x11, time: { scheme: 'rkl2', dt: dt / 64 } }));
    fine.advance(64);
    const a = implicit.fieldNow('c');
    const b = fine.fieldNow('c');
    let off = 0;
    let change = 0;
    for (let P = 0; P < a.length; P++) {
      off = Math.max(off, Math.abs(a[P] - b[P]));
      change = Math.max(change, Math.abs(b[P] - start[P]));
    }
    const rep = implicit.lastSolve!;
    report('sweep 2145 #61, first implicit step: relative residual, substeps, c off RKL2 at dt / 64 (of its change)', `${rep.relative.toExponential(2)} ${rep.substeps ?? 0} ${(off / change).toExponential(2)}`);
    expect(rep.converged).toBe(true);
    expect(off / change).toBeLessThan(0.05);
    implicit.destroy();
    fine.destroy();
  });
});
