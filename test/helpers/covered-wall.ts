/**
 * A 12 x 1 channel whose left temperature and concentration walls an obstacle covers (the first
 * column), with a fixed heat flux `rightFlux` [W/m^2] at the right wall, closed mass there, and a
 * warm, richer band in the middle (test/unit/covered-walls.test.ts, test/gpu/covered-walls.test.ts).
 */
import { validateScenario, type Validated } from '../../src/physics/validate';

export function coveredWallScenario(rightFlux: number): Validated {
  const nx = 12;
  const width = 0.012;
  const r = validateScenario({
    version: 1,
    name: 'covered wall',
    grid: { nx, ny: 1, width, height: 0.1 },
    mixture: { rho: 1000, cp: 4000, k: 0.5, D: 1e-9, soret: 0.01, molarMass: [0.018, 0.1] },
    reference: { T0: 300, c0: 0.3 },
    initial: { regions: [{ shape: 'rect', x: [0.005, 0.008], y: [0, 0.1], T: 310, c: 0.4 }] },
    // covers the first column of cells, and with it the left wall
    obstacles: [{ shape: 'rect', x: [0, 0.0009], y: [0, 0.1] }],
    boundaries: {
      left: { heat: { type: 'temperature', value: 300 }, mass: { type: 'concentration', value: 0.3 } },
      right: { heat: { type: 'flux', value: rightFlux }, mass: { type: 'closed' } },
      bottom: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
      top: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
    },
    time: { scheme: 'euler' },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

