/**
 * The per-scenario constants of the discrete scheme, shared by the CPU reference and the GPU
 * parameter block: face constants and the four walls as deviations from the reference state.
 */
import type { Derived } from './derived';
import { HEAT_WALL, MASS_WALL, type FaceConstants, type WallConstants } from './faces';
import { chargePerMass } from './potential';
import { SIDES, type Scenario, type Side } from './scenario';

export function faceConstantsOf(s: Scenario, d: Derived): FaceConstants {
  const m = d.material;
  const DTs = 0.5 * (m.DT + m.DF);
  return {
    T0: s.reference.T0,
    c0: s.reference.c0,
    k: m.k,
    rhoD: m.rho * m.D,
    rhoDT: m.rho * m.DT,
    rhoDTs: m.rho * DTs,
    rhoDF: m.rho * m.DF,
    keffSym: (m.rho * DTs * DTs) / m.D,
    keffWall: (m.rho * m.DF * m.DT) / m.D,
    invRhoD: 1 / (m.rho * m.D),
    M1: m.M1,
    M2: m.M2,
    ST: s.mixture.soret,
    chargePerMass: chargePerMass(s),
    physical: !d.unphysical,
    reciprocal: m.DF === m.DT,
  };
}

export function wallConstantsOf(s: Scenario): Record<Side, WallConstants> {
  const { T0, c0 } = s.reference;
  const out = {} as Record<Side, WallConstants>;
  for (const side of SIDES) {
    const { heat, mass } = s.boundaries[side];
    out[side] = {
      heatType: HEAT_WALL[heat.type],
      massType: MASS_WALL[mass.type],
      heatValue: heat.type === 'temperature' ? heat.value - T0 : heat.type === 'flux' ? heat.value : heat.type === 'convective' ? heat.ambient - T0 : 0,
      h: heat.type === 'convective' ? heat.h : 0,
      massValue: mass.type === 'concentration' ? mass.value - c0 : 0,
    };
  }
  return out;
}
