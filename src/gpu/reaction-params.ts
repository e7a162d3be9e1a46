/** The reaction's uniforms (params.ts rows `reaction`, `rx*`; shaders/reaction.wgsl). */
import { reactionConstantsOf } from '../physics/reaction';
import type { Scenario } from '../physics/scenario';
import { GAS_CONSTANT } from '../physics/thermo';

export function reactionParams(s: Scenario) {
  const k = reactionConstantsOf(s);
  if (!k) {
    return { reaction: 0, rxNu1: 1, rxNu2: 1, rxLnKf0: 0, rxLnKb0: 0, rxEaR: 0, rxEbR: 0, rxDH: 0, rxNuM1: 0, rxRhoM1: 1, rxRhoM2: 1 };
  }
  return {
    reaction: 1,
    rxNu1: k.nu1,
    rxNu2: k.nu2,
    rxLnKf0: Math.log(k.kf0),
    rxLnKb0: Math.log(k.kb0),
    rxEaR: k.Ea / GAS_CONSTANT,
    rxEbR: (k.Ea - k.dH) / GAS_CONSTANT,
    rxDH: k.dH,
    rxNuM1: k.nu1 * k.M1,
    rxRhoM1: k.rho / k.M1,
    rxRhoM2: k.rho / k.M2,
  };
}
