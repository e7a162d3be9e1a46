/**
 * Reaction scenarios for tests: 2 NO2 <-> N2O4 (nu [2, 1], M 0.046 / 0.092 kg/mol) in a gas.
 * Rates are illustrative (slowed); the enthalpy is the dimerisation's, about -57.2 kJ/mol.
 */
import { merge, type Json } from './scenarios';

const closedInsulated = { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } };

/** A well-mixed box (physics.md case j): uniform start, insulated and closed walls. */
export function boxScenario(patch: Json = {}): Json {
  return merge(
    {
      version: 1,
      name: 'reaction box',
      grid: { nx: 4, ny: 4, width: 0.01, height: 0.01 },
      mixture: { rho: 3, cp: 800, k: 0.02, D: 1e-5, soret: 0, molarMass: [0.046, 0.092] },
      reference: { T0: 300, c0: 0.5 },
      initial: { T: 300, c: 1 },
      boundaries: { left: closedInsulated, right: closedInsulated, bottom: closedInsulated, top: closedInsulated },
      reaction: { nu: [2, 1], kf: 1e-3, kb: 6.1e-3, activationEnergy: 0, enthalpy: -5720 },
      time: { scheme: 'euler', dt: 'auto' },
    },
    patch,
  );
}

/** physics.md 6(f): r / r_lin = sinh(x/2)/(x/2) at x = A/RT. */
export const RATE_RATIO_TABLE: readonly (readonly [number, number])[] = [
  [0.1, 1.0004],
  [0.5, 1.0104],
  [1, 1.0422],
  [2, 1.1752],
  [5, 2.4201],
];

const wallT = (T: number) => ({ heat: { type: 'temperature', value: T }, mass: { type: 'closed' } });
const insulatedClosed = { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } };

/**
 * Reactive conduction along x: the NO2 / N2O4 gas between a hot (left) and a cold (right) wall,
 * closed to mass, on a thin nx x 2 grid; rates scaled by `rateScale` (both, so the equilibrium
 * constant stays).
 */
export function conductionScenario(nx: number, rateScale: number, patch: Json = {}): Json {
  return boxScenario(
    merge(
      {
        grid: { nx, ny: 2, width: 0.01, height: 0.01 / 16 },
        initial: { T: 300, c: 0.5 },
        boundaries: { left: wallT(310), right: wallT(290), bottom: insulatedClosed, top: insulatedClosed },
        reaction: { kf: 1e-3 * rateScale, kb: 6.1e-3 * rateScale, activationEnergy: 0, enthalpy: -57200 },
      },
      patch,
    ),
  );
}
