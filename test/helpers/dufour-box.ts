/**
 * An 8 x 8 box at uniform T with a c step in one corner and S_T = -10 1/K (reciprocal): the only
 * heat flux at the start is Dufour's (test/unit/jump-dufour-scale.test.ts).
 */
import { validateScenario, type Validated } from '../../src/physics/validate';

export const periodicWalls = { heat: { type: 'periodic' }, mass: { type: 'periodic' } };
export const insulatedWalls = { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } };

export function dufourBox(walls: Record<string, unknown>): Validated {
  const r = validateScenario({
    version: 1,
    name: 'dufour-scale',
    grid: { nx: 8, ny: 8, width: 0.0026, height: 0.0026 },
    mixture: { rho: 1, cp: 125.9, k: 1, D: 6.8e-9, soret: -10, molarMass: [1, 1] },
    reference: { T0: 347.6, c0: 0.2035 },
    initial: { regions: [{ shape: 'rect', x: [0, 0.00065], y: [0, 0.00065], T: 347.6, c: 0.1035 }] },
    boundaries: { left: walls, right: walls, bottom: walls, top: walls },
    time: { scheme: 'implicit' },
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.value;
}

