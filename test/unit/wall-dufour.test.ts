/**
 * The Dufour part of an open wall's half-face heat flux uses the gas factor at the half-face's mean
 * c (faces.ts wallState), as faceFlux does, not the cell's (issue 8, sweep seed 2051 draw 78: the
 * jump ended with relative residual 1.99 and c uniform 1.0358 > 1). With the cell's factor (18 x
 * the mean's at c 0.999 next to a reservoir of 0.899, M2 = M1 / 500) times the whole wall
 * difference, a zero-flux wall's temperature rose ~900 K above the cell's, and the Soret flux it
 * drove outweighed Fick's: the discrete solute flowed in from a reservoir of lower c.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { wallState } from '../../src/physics/faces';
import { faceConstantsOf, wallConstantsOf } from '../../src/physics/discretisation';
import { DUFOUR_RESERVOIR_C, dufourReservoirRow } from '../helpers/dufour-reservoir';
import { report } from '../helpers/report';

describe('an insulated wall open to a reservoir, with Dufour and a c-dependent gas factor', () => {
  it('lets solute leave towards the reservoir of lower c', () => {
    const v = dufourReservoirRow(24);
    const fc = faceConstantsOf(v.scenario, v.derived);
    const top = wallConstantsOf(v.scenario).top;
    const d = v.scenario.grid.height / 2;
    const ws = wallState(fc, top, 0, 0, d);
    // logit c + S_T T falls towards the wall: the mass flux leaves (the cell starts at c0 = 0.999)
    const logit = (c: number) => Math.log(c / (1 - c));
    const c0 = v.scenario.reference.c0;
    const drive = logit(c0 + ws.vw) - logit(c0) + v.scenario.mixture.soret * (ws.uw - 0);
    report('wall Dufour: T_w - T [K], drive in logit c + S_T T', `${ws.uw.toFixed(1)} ${drive.toFixed(2)}`);
    expect(drive).toBeLessThan(0);
  });

  it('the jump converges to the reservoir c, T uniform, energy kept', () => {
    const sim = new ReferenceSimulation(dufourReservoirRow(24));
    const start = sim.statsNow();
    const rep = sim.jumpNow();
    const end = sim.statsNow();
    report('wall Dufour jump 24 x 1: iterations, relative residual', `${rep.iterations} ${rep.relative.toExponential(2)}`);
    expect(rep.converged).toBe(true);
    for (const c of sim.fieldNow('c')) expect(Math.abs(c - DUFOUR_RESERVOIR_C)).toBeLessThan(1e-4 * (0.999 - DUFOUR_RESERVOIR_C));
    expect(end.T.max - end.T.min).toBeLessThan(1e-3);
    // heat is insulated everywhere: the jump keeps the total energy (of rho cp area T0 [J/m])
    expect(Math.abs(end.energy - start.energy)).toBeLessThan(1e-9 * 125.9 * 0.0675 * 0.0323 * 753.27);
  });
});
