/**
 * Sweep seed 2051's draw 78, reduced: a periodic row of nx cells, insulated (zero heat flux) top
 * and bottom, closed below, a reservoir of c = 0.899 above, c0 = 0.999, M2 = M1 / 500 (the gas
 * factor Rg / (c M2 + (1 - c) M1) is 18 times larger at c0 than at the half-face's mean c), an
 * explicit Dufour coefficient (unphysical mode). The steady state: c = 0.899 and T uniform.
 */
import { validateScenario, type Validated } from '../../src/physics/validate';

export const DUFOUR_RESERVOIR_C = 0.899;

export function dufourReservoirRow(nx: number): Validated {
  const r = validateScenario({
    version: 1,
    name: 'dufour reservoir row',
    grid: { nx, ny: 1, width: 0.0675, height: 0.0323 },
    mixture: { rho: 1, cp: 125.9, k: 1, D: 6.65e-5, soret: 0.0292, molarMass: [1, 0.002], dufour: 5.83e-6 },
    reference: { T0: 753.27, c0: 0.999 },
    boundaries: {
      left: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
      right: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
      bottom: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
      top: { heat: { type: 'flux', value: 0 }, mass: { type: 'concentration', value: DUFOUR_RESERVOIR_C } },
    },
    time: { scheme: 'rkl2' },
    allowUnphysical: true,
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.value;
}
