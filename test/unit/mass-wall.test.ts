/**
 * The multigrid's coarse mass walls (physics/multigrid.ts massWallScale): a cell at a reservoir's
 * concentration next to cells far from it has a lower mobility c(1 - c) than its neighbours, and
 * the rediscretisation's 1 / w left the coarse wall too weak: the V-cycle diverged and the jump
 * ended with c near 1 (the property sweep's shrunk failure, seed 2026: 231 x 1 cells; it fails
 * alike on square cells). A linear problem: the steady state is c = the reservoir's everywhere.
 */
import { describe, expect, it } from 'vitest';
import { massWallScale } from '../../src/physics/multigrid';
import { ReferenceSimulation } from '../../src/physics/reference';
import { RESERVOIR, reservoirRod } from '../helpers/reservoir';

describe('coarse mass walls', () => {
  it('equal the rediscretisation (1 / w) where the wall cell is like its neighbour (a half-cell: W = 2 G)', () => {
    expect(massWallScale(2, 2, 1)).toBeCloseTo(0.5, 15);
    expect(massWallScale(1, 3, 1)).toBe(1);
    expect(massWallScale(2, 1, 0)).toBe(0.5); // no inner face (a solid child)
    expect(massWallScale(2, 1, 1)).toBeCloseTo(2 / 3, 15); // a weaker wall cell: a stronger coarse wall than 1 / w
  });

  for (const first of [false, true]) {
    it(`let the jump converge to the reservoir's c (first cell ${first ? 'at the reservoir, the case that diverged' : 'at c0'})`, () => {
      const sim = new ReferenceSimulation(reservoirRod(first));
      const rep = sim.jumpNow();
      expect(rep.converged).toBe(true);
      expect(rep.relative).toBeLessThan(1e-5);
      const c = sim.fieldNow('c');
      // within 1e-4 of the start's distance from it (0.0027)
      for (const x of c) expect(Math.abs(x - RESERVOIR)).toBeLessThan(1e-4 * (0.0037 - RESERVOIR));
      sim.destroy();
    });
  }
});
