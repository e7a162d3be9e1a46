/** Seeded randomness for property tests, and random mixtures that satisfy the second law. */
import type { FaceConstants } from '../../src/physics/faces';
import { GAS_CONSTANT } from '../../src/physics/thermo';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random face constants around T0 ~ 300 K with D_T chosen so that Du Sr = `margin`-fraction of the
 * bound at the reference state (margin < 1 keeps the second law).
 */
export function randomSecondLawMixture(rnd: () => number, maxDuSr: number): FaceConstants {
  const rho = 10 ** (rnd() * 4 - 1);
  const k = 10 ** (rnd() * 3 - 2);
  const D = 10 ** (rnd() * 6 - 11);
  const M1 = 0.01 + rnd() * 0.2;
  const M2 = 0.01 + rnd() * 0.2;
  const T0 = 250 + rnd() * 100;
  const c0 = 0.2 + rnd() * 0.6;
  const rg = GAS_CONSTANT / (c0 * M2 + (1 - c0) * M1);
  const duSr = maxDuSr * (0.5 + 0.5 * rnd());
  // Du Sr = rho Rg T^2 c(1-c) D_T^2 / (D k)
  const DT = Math.sqrt((duSr * D * k) / (rho * rg * T0 * T0 * c0 * (1 - c0))) * (rnd() < 0.5 ? -1 : 1);
  return {
    T0,
    c0,
    k,
    rhoD: rho * D,
    rhoDT: rho * DT,
    rhoDTs: rho * DT,
    rhoDF: rho * DT,
    keffSym: (rho * DT * DT) / D,
    keffWall: (rho * DT * DT) / D,
    invRhoD: 1 / (rho * D),
    M1,
    M2,
    ST: DT / D,
    chargePerMass: 0,
    physical: true,
    reciprocal: true,
  };
}
