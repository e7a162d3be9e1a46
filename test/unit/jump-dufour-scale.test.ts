/**
 * The implicit residual's heat scale includes the Dufour part of the heat flux (issue 8, sweep seed
 * 2026: a periodic 7 x 17 box at uniform T with a c step, S_T = -10 1/K reciprocal: "the jump
 * converges" failed with relative residual Infinity after 0 iterations). With T uniform, the only
 * heat flux is Dufour's, rho D_F Rg T^2 dc; the scale counted |k dT| alone, which was 0, so the
 * jump's first residual read as infinitely far and the solve stopped before it began.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { dufourBox, insulatedWalls, periodicWalls } from '../helpers/dufour-box';
import { report } from '../helpers/report';

describe('the jump from a uniform T with a c step (heat moved by Dufour alone)', () => {
  for (const [name, walls] of [['periodic', periodicWalls], ['closed, insulated', insulatedWalls]] as const) {
    it(`${name}: converges, keeps the totals and ends uniform`, async () => {
      const sim = new ReferenceSimulation(dufourBox(walls));
      const start = sim.statsNow();
      const rep = sim.jumpNow();
      const end = sim.statsNow();
      report(`jump, 8 x 8 ${name}, T uniform, c step, S_T = -10: iterations, relative residual`, `${rep.iterations} ${rep.relative.toExponential(2)}`);
      expect(rep.converged).toBe(true);
      expect(rep.iterations).toBeGreaterThan(0);
      expect(Math.abs(end.solute - start.solute)).toBeLessThan(1e-9 * start.solute);
      expect(Math.abs(end.energy - start.energy)).toBeLessThan(1e-9 * 1 * 125.9 * 0.0026 ** 2 * 347.6); // of rho cp area T0 [J/m]
      // Closed and insulated or periodic: the steady state is uniform in both fields.
      expect(end.c.max - end.c.min).toBeLessThan(1e-6);
      expect(end.T.max - end.T.min).toBeLessThan(1e-6);
    });
  }
});
