/**
 * The optional chemical reaction nu1 A <-> nu2 B of physics.md section 9 (species 1 = A, species
 * 2 = B), pure functions of the constants and a local state (T [K], c [-]):
 *
 *   [A] = rho c / M1, [B] = rho (1 - c) / M2                          [mol m^-3]
 *   rf = kf(T) [A]^nu1, rb = kb(T) [B]^nu2, r = rf - rb               [mol m^-3 s^-1]
 *   kf(T) = kf0 exp(-(Ea/R)(1/T - 1/T0))                              (Arrhenius)
 *   kb(T) = kb0 exp(-((Ea - dH)/R)(1/T - 1/T0))                       (van 't Hoff for kf/kb)
 *   sources: rho dc/dt = ... - nu1 M1 r [kg m^-3 s^-1], rho cp dT/dt = ... - dH r [W m^-3]
 *   affinity A = R T ln(rf/rb) [J/mol], sigma_chem = R r ln(rf/rb) >= 0 [W K^-1 m^-3].
 *
 * Mass balance nu1 M1 = nu2 M2 (validated) makes the source move mass between the species: the
 * total mass of both is unchanged and the solute total changes only by the reaction.
 * The rate uses c clipped to [0, 1] (rf = 0 at c = 0, rb = 0 at c = 1, so the source never pushes
 * c out of [0, 1] at a step the explicit limit allows); the affinity and sigma_chem use c clamped
 * to [C_MIN, 1 - C_MIN] (physics.md 5.3) so they stay finite. The WGSL mirror is
 * shaders/reaction.wgsl (same formulas, float32).
 */
import type { Scenario } from './scenario';
import { C_MIN, GAS_CONSTANT, T_MIN } from './thermo';

/** The scenario's `reaction` block as parsed. */
export type ReactionSpec = NonNullable<Scenario['reaction']>;

/** Everything a cell's reaction source needs (SI). */
export interface ReactionConstants {
  nu1: number;
  nu2: number;
  /** Forward and backward rate constants at T0, (m^3/mol)^(nu-1) s^-1 of their own order. */
  kf0: number;
  kb0: number;
  /** Activation energy Ea of the forward reaction [J/mol]. */
  Ea: number;
  /** Reaction enthalpy dH [J per mol of reaction as written]; < 0 exothermic. */
  dH: number;
  T0: number;
  rho: number;
  cp: number;
  /** Molar masses of species 1 and 2 [kg/mol]. */
  M1: number;
  M2: number;
}

export function reactionConstantsOf(s: Scenario): ReactionConstants | undefined {
  const r = s.reaction;
  if (!r) return undefined;
  const m = s.mixture;
  return {
    nu1: r.nu[0],
    nu2: r.nu[1],
    kf0: r.kf,
    kb0: r.kb,
    Ea: r.activationEnergy,
    dH: r.enthalpy,
    T0: s.reference.T0,
    rho: m.rho,
    cp: m.cp,
    M1: m.molarMass[0],
    M2: m.molarMass[1],
  };
}

export interface ReactionRates {
  /** Forward and backward rates [mol m^-3 s^-1]. */
  rf: number;
  rb: number;
  /** Net rate r = rf - rb [mol m^-3 s^-1]. */
  r: number;
  /** ln(rf/rb) [-] (from c clamped to [C_MIN, 1 - C_MIN]). */
  logRatio: number;
  /** Affinity A = R T ln(rf/rb) [J/mol]. */
  affinity: number;
}

/** kf(T) and kb(T) (Arrhenius, van 't Hoff). */
export function rateConstants(k: ReactionConstants, T: number): { kf: number; kb: number } {
  const inv = 1 / Math.max(T, T_MIN) - 1 / k.T0;
  return {
    kf: k.kf0 * Math.exp((-k.Ea / GAS_CONSTANT) * inv),
    kb: k.kb0 * Math.exp((-(k.Ea - k.dH) / GAS_CONSTANT) * inv),
  };
}

/** ln(kf/kb) + nu1 ln[A] - nu2 ln[B] at c clamped to [C_MIN, 1 - C_MIN]: ln(rf/rb). */
function logRatioOf(k: ReactionConstants, T: number, c: number): number {
  const cc = Math.min(1 - C_MIN, Math.max(C_MIN, c));
  const Tm = Math.max(T, T_MIN);
  const inv = 1 / Tm - 1 / k.T0;
  const lnK = Math.log(k.kf0 / k.kb0) - (k.dH / GAS_CONSTANT) * inv;
  return lnK + k.nu1 * Math.log((k.rho * cc) / k.M1) - k.nu2 * Math.log((k.rho * (1 - cc)) / k.M2);
}

/** Mass-action rates and the affinity at (T [K], c [-]). */
export function reactionRates(k: ReactionConstants, T: number, c: number): ReactionRates {
  const Tm = Math.max(T, T_MIN);
  const cc = Math.min(1, Math.max(0, c));
  const { kf, kb } = rateConstants(k, Tm);
  const rf = kf * ((k.rho * cc) / k.M1) ** k.nu1;
  const rb = kb * ((k.rho * (1 - cc)) / k.M2) ** k.nu2;
  const logRatio = logRatioOf(k, Tm, c);
  return { rf, rb, r: rf - rb, logRatio, affinity: GAS_CONSTANT * Tm * logRatio };
}

/**
 * sigma_chem = R r ln(rf/rb) = r A / T [W K^-1 m^-3]. r and ln(rf/rb) share a sign; where
 * round-off near equilibrium (rf ~ rb) makes them disagree, the product is clamped at 0
 * (the same rule in WGSL, so float32 never reports a negative value).
 */
export function sigmaChem(k: ReactionConstants, T: number, c: number): number {
  const x = reactionRates(k, T, c);
  return GAS_CONSTANT * Math.max(0, x.r * x.logRatio);
}

/** Sources of the reaction: heat [W m^-3] and species 1 [kg m^-3 s^-1] (-dH r, -nu1 M1 r). */
export function reactionSource(k: ReactionConstants, T: number, c: number): { heat: number; mass: number } {
  const { r } = reactionRates(k, T, c);
  return { heat: -k.dH * r, mass: -k.nu1 * k.M1 * r };
}

/** dr/dc [mol m^-3 s^-1] and dr/dT [mol m^-3 s^-1 K^-1] at (T, c) (c clipped to [0, 1]). */
export function rateDerivatives(k: ReactionConstants, T: number, c: number): { drdc: number; drdT: number } {
  const Tm = Math.max(T, T_MIN);
  const cc = Math.min(1, Math.max(0, c));
  const { kf, kb } = rateConstants(k, Tm);
  const a = (k.rho * cc) / k.M1;
  const b = (k.rho * (1 - cc)) / k.M2;
  const drdc = kf * k.nu1 * a ** (k.nu1 - 1) * (k.rho / k.M1) + kb * k.nu2 * b ** (k.nu2 - 1) * (k.rho / k.M2);
  const rf = kf * a ** k.nu1;
  const rb = kb * b ** k.nu2;
  const drdT = (rf * k.Ea - rb * (k.Ea - k.dH)) / (GAS_CONSTANT * Tm * Tm);
  return { drdc, drdT };
}

/**
 * The local Jacobian of minus the sources with respect to (T, z = logit c), row-major
 * [TT, Tz, zT, zz], rows heat [W m^-3] and species 1 [kg m^-3 s^-1]: what the implicit scheme and
 * the jump add to a cell's diagonal block (g = c(1-c) = dc/dz at the cell).
 */
export function reactionJacobian(k: ReactionConstants, T: number, c: number, g: number): [number, number, number, number] {
  const { drdc, drdT } = rateDerivatives(k, T, c);
  const m = k.nu1 * k.M1;
  return [k.dH * drdT, k.dH * drdc * g, m * drdT, m * drdc * g];
}

/**
 * A bound on the local relaxation rate [1/s]: the nonzero eigenvalue of the (rank one) Jacobian of
 * (dc/dt, dT/dt) is -(nu1 M1/rho dr/dc + dH/(rho cp) dr/dT); this sums the two terms' magnitudes
 * (with |dr/dT| <= (rf |Ea| + rb |Ea - dH|)/(R T^2)), so it is >= the rate at (T, c).
 */
export function relaxationRate(k: ReactionConstants, T: number, c: number): number {
  const Tm = Math.max(T, T_MIN);
  const cc = Math.min(1, Math.max(0, c));
  const { drdc } = rateDerivatives(k, Tm, cc);
  const { rf, rb } = reactionRates(k, Tm, cc);
  const drdT = (rf * Math.abs(k.Ea) + rb * Math.abs(k.Ea - k.dH)) / (GAS_CONSTANT * Tm * Tm);
  return ((k.nu1 * k.M1) / k.rho) * drdc + (Math.abs(k.dH) / (k.rho * k.cp)) * drdT;
}

/** The largest relaxationRate over every pair of `temps` x `cs` [1/s]. */
export function maxRelaxationRate(k: ReactionConstants, temps: readonly number[], cs: readonly number[]): number {
  let worst = 0;
  for (const T of temps) for (const c of cs) worst = Math.max(worst, relaxationRate(k, T, c));
  return worst;
}

/**
 * The forward-Euler stability limit with the reaction [s]: the transport limit dtTransport (its
 * eigenvalues up to 2/dtTransport) combined with the reaction's relaxation rate kr so that
 * kr dt <= 1 (the local relaxation neither overshoots nor oscillates):
 * 1 / (1/dtTransport + kr).
 */
export function limitWithReaction(dtTransport: number, kr: number): number {
  return kr > 0 ? 1 / (1 / dtTransport + kr) : dtTransport;
}

/** The mass balance nu1 M1 = nu2 M2 within 1e-6 relative. */
export function massBalanced(nu: readonly [number, number], M: readonly [number, number]): boolean {
  const a = nu[0] * M[0];
  const b = nu[1] * M[1];
  return Math.abs(a - b) <= 1e-6 * Math.max(a, b);
}

/** r_ex A / (R T) (the linear law) and 2 r_ex sinh(A / 2RT) with r_ex = sqrt(rf rb) (physics.md 6f). */
export function linearRate(x: ReactionRates): number {
  return Math.sqrt(x.rf * x.rb) * x.logRatio;
}

/** The reaction block's checks that involve other fields (mass balance against mixture.molarMass). */
export function reactionProblems(s: Scenario): { path: string; message: string }[] {
  const r = s.reaction;
  if (!r) return [];
  const M = s.mixture.molarMass;
  if (massBalanced(r.nu, M)) return [];
  return [
    {
      path: 'reaction.nu',
      message:
        `reaction.nu: [${r.nu}] breaks the mass balance with mixture.molarMass [${M}]: nu1*M1 = ${(r.nu[0] * M[0]).toPrecision(6)} ` +
        `!= nu2*M2 = ${(r.nu[1] * M[1]).toPrecision(6)} kg/mol (they must agree within 1e-6 relative)`,
    },
  ];
}

/**
 * Pseudo-time steps a steady-state jump with a reaction takes first (pseudo-transient
 * continuation): backward-Euler steps of 1/kr, 10/kr, ... below tauSlow / 2 [s], kr the
 * relaxation rate at the reference state; then steps of continuationStep (tauSlow / 2, then
 * tauSlow) until the steady residual is small (at most CONTINUATION_MAX_STEPS; reference.ts,
 * gpu/reaction-jump.ts). From a start far from chemical equilibrium the jump's
 * Newton iteration alone overshoots (the rates are exponential in T and a power of c); these steps
 * bring every cell near its local equilibrium along the physical path first.
 */
/** Most steps (after the ramp of continuationSteps) a jump with a reaction takes before its final solve. */
export const CONTINUATION_MAX_STEPS = 100;

/**
 * The k-th step after the ramp [s]: tauSlow / 2, then tauSlow (backward Euler then
 * divides the slow mode by 2 per step; measured: repeated steps of 4 tauSlow stop converging).
 */
export const continuationStep = (tauSlow: number, k: number) => Math.min(2 ** k * 0.5, 1) * tauSlow;

export function continuationSteps(k: ReactionConstants, c0: number, tauSlow: number): number[] {
  const out: number[] = [];
  const kr = Math.max(relaxationRate(k, k.T0, c0), 1e-300);
  for (let dt = 1 / kr; dt < tauSlow / 2 && out.length < 16; dt *= 10) out.push(dt);
  return out;
}
