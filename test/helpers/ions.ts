/**
 * Ion scenarios for tests (physics.md 8, cases g and h): a 1-D row of cells along x between two
 * walls with voltages, isothermal, insulated and closed top and bottom.
 */
import type { Json } from './scenarios';

export interface IonCell {
  nx: number;
  /** Wall potentials [V]. */
  phiL: number;
  phiR: number;
  T?: number;
  c0: number;
  /** Reservoir mass fractions (case h); closed walls when absent (case g). */
  cL?: number;
  cR?: number;
  charge?: number;
  M?: [number, number];
  soret?: number;
  /** Heat walls: fixed temperature (default) or insulated. */
  insulated?: boolean;
  scheme?: 'euler' | 'rkl2' | 'implicit';
}

/** Channel length [m] of these cells. */
export const ION_LENGTH = 1e-4;

export function ionCell(o: IonCell): Json {
  const T = o.T ?? 298.15;
  const heat = o.insulated ? { type: 'flux', value: 0 } : { type: 'temperature', value: T };
  const mass = (c?: number) => (c === undefined ? { type: 'closed' } : { type: 'concentration', value: c });
  return {
    version: 1,
    grid: { nx: o.nx, ny: 1, width: ION_LENGTH, height: ION_LENGTH / o.nx },
    mixture: { rho: 1000, cp: 4180, k: 0.6, D: 2e-9, soret: o.soret ?? 0, molarMass: o.M ?? [0.039, 0.039], charge: o.charge ?? 1 },
    reference: { T0: T, c0: o.c0 },
    boundaries: {
      left: { heat, mass: mass(o.cL), electric: { type: 'voltage', value: o.phiL } },
      right: { heat, mass: mass(o.cR), electric: { type: 'voltage', value: o.phiR } },
      bottom: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
      top: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
    },
    time: { scheme: o.scheme ?? 'implicit' },
  };
}
