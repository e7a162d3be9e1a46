/**
 * A row where the second implicit step (BDF2) has no solution inside (0, 1) (physics/implicit.ts
 * retakeAsBackwardEuler; seed 2028's 435 x 3 channel, shrunk): c0 = 0.0374 between walls at
 * c = 0.001, D = 1e-12 m^2/s, so dt = tau_slow / 20 = 4.6e7 s is 7 times the slowest decay time
 * of the 7.8 mm row. The first (backward-Euler) step takes c to 0.0013..0.0063, and BDF2's target
 * (4 Y^n - Y^{n-1}) / 3 lies below 0 in c.
 */
import { validateScenario, type Validated } from '../../src/physics/validate';

export function bdf2RetakeRow(nx = 32): Validated {
  const wall = (heat: Record<string, unknown>) => ({ heat, mass: { type: 'concentration', value: 0.001 } });
  const periodic = { heat: { type: 'periodic' }, mass: { type: 'periodic' } };
  const r = validateScenario({
    version: 1,
    name: 'bdf2-retake',
    grid: { nx, ny: 1, width: 0.0078, height: 0.095 },
    mixture: { rho: 1, cp: 374.57, k: 1, D: 1e-12, soret: 0, molarMass: [1, 1] },
    reference: { T0: 229.42, c0: 0.0374 },
    boundaries: { left: wall({ type: 'flux', value: 0 }), right: wall({ type: 'temperature', value: 229.42 }), bottom: periodic, top: periodic },
    time: { scheme: 'implicit' },
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.value;
}
