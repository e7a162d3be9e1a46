/**
 * Quantities derived from a scenario: material constants, the Onsager matrix at the reference
 * state, the second-law margin, dimensionless groups (physics.md section 2) and the explicit
 * stability limit (section 4).
 */
import { gridOf } from './grid';
import type { Scenario } from './scenario';
import { SIDES } from './scenario';
import { limitWithReaction, maxRelaxationRate, reactionConstantsOf, relaxationRate } from './reaction';
import { schemeStep, slowRelaxationTime } from './schemes';
import { heatWallRelaxationTime } from './wall-modes';
import { driftWeight } from './potential';
import {
  clampC,
  eigen2,
  gasFactor,
  keff,
  muC,
  onsagerMatrix,
  skewCouplingRate,
  transportMatrix,
  type Material,
  type OnsagerMatrix,
} from './thermo';

export function materialOf(s: Scenario): Material {
  const m = s.mixture;
  const DT = m.soret * m.D;
  return {
    rho: m.rho,
    cp: m.cp,
    k: m.k,
    D: m.D,
    DT,
    DF: m.dufour === 'reciprocal' ? DT : m.dufour,
    M1: m.molarMass[0],
    M2: m.molarMass[1],
  };
}

/** Every temperature the scenario imposes (start, regions, walls, ambients) [K]. */
export function imposedTemperatures(s: Scenario): number[] {
  const temps = [s.initial?.T ?? s.reference.T0];
  for (const r of s.initial?.regions ?? []) if (r.T !== undefined) temps.push(r.T);
  for (const side of SIDES) {
    const h = s.boundaries[side].heat;
    if (h.type === 'temperature') temps.push(h.value);
    if (h.type === 'convective') temps.push(h.ambient);
  }
  return temps;
}

/** Every mass fraction the scenario imposes [-]. */
export function imposedConcentrations(s: Scenario): number[] {
  const cs = [s.reference.c0, s.initial?.c ?? s.reference.c0];
  for (const r of s.initial?.regions ?? []) if (r.c !== undefined) cs.push(r.c);
  for (const side of SIDES) {
    const m = s.boundaries[side].mass;
    if (m.type === 'concentration') cs.push(m.value);
  }
  return cs;
}

export interface Dimensionless {
  /** Lewis number kappa / D. */
  Le: number;
  /** Soret number c0(1-c0) S_T dT. */
  Sr: number;
  /** Dufour number c0(1-c0) mu_c T0 D_F / (cp kappa dT). */
  Du: number;
  /** eps = mu_c T0 / (cp dT^2); reciprocity gives Du = eps Sr / Le. */
  eps: number;
  /**
   * Second-law margin at the reference state: k_eff(T0, c0) / k = 1 - Du_s Sr_s, the share of the
   * conductivity left when no mass flows. One definition everywhere (physics.md 1): it uses the
   * symmetric coupling coefficient D_Ts = (D_T + D_F)/2, the only part of L that entropy
   * production sees, so it equals 1 - Du Sr under reciprocity and stays right with D_F != D_T
   * (e.g. D_F = 0 still gives k_eff < k). Negative: the second law is broken at the reference state.
   */
  margin: number;
  /**
   * The smallest margin k_eff / k over every state the scenario can reach (SecondLawCheck); the
   * second-law check is `marginMin >= 0`.
   */
  marginMin: number;
  /** The temperature scale used [K]: the span of imposed temperatures, or 1 K if there is none. */
  dT: number;
}

export interface SecondLawCheck {
  ok: boolean;
  /** Smallest k_eff over the states the scenario can reach [W/(m K)], and where. */
  worstKeff: number;
  worstT: number;
  worstC: number;
  /**
   * Largest |S_T| the second law allows over the states the scenario reaches [1/K], with
   * reciprocal coupling: k - rho D Rg T^2 c(1-c) S_T^2 >= 0.
   */
  maxSoret: number;
}

export interface Derived {
  material: Material;
  kappa: number; // m^2/s
  /** Onsager matrix at the reference state. */
  onsager: OnsagerMatrix;
  /** mu_c at the reference state [J/kg]. */
  muC: number;
  /** k_eff at the reference state [W/(m K)]. */
  keff: number;
  dimensionless: Dimensionless;
  reciprocal: boolean;
  secondLaw: SecondLawCheck;
  /** Largest transport eigenvalue over reachable states [m^2/s]. */
  lambdaMax: number;
  /** Whether A has complex eigenvalues somewhere (only with an unphysical Dufour coefficient). */
  lambdaComplex: boolean;
  /** The largest RKL2 step the Soret drift allows [s] (soretDriftStep; Infinity without Soret or a T gradient). */
  rkl2Drift: number;
  /** Forward-Euler stability limit [s] (with a reaction: reaction.ts limitWithReaction). */
  dtLimit: number;
  /** Largest relaxation rate of the reaction over the checked states [1/s] (0 without one). */
  reactionRate: number;
  /** Slow transport eigenvalue of A at the reference state [m^2/s] (about D when Le >> 1). */
  lambdaSlow: number;
  /**
   * Slowest diffusive relaxation time of the domain, L^2 / (pi^2 lambdaSlow) with L the longer
   * side [s] (the Soret time tau of physics.md 6b for a closed cell along its long side).
   */
  tauSlow: number;
  /** The time step the scheme uses [s] (a super-step for rkl2). */
  dt: number;
  /** Stencil passes per step: 1 for euler and implicit (one stage), s for rkl2. */
  stages: number;
  /** Whether forward Euler's fixed dt exceeds the stability limit (rkl2 and implicit never do). */
  dtAboveLimit: boolean;
  /** Why this run is unphysical (empty when it is not). */
  unphysicalReasons: string[];
  unphysical: boolean;
  /** The temperature span the second-law and stability checks above cover: the imposed one [K]. */
  checkedT: { lo: number; hi: number };
  /**
   * Estimated temperatures sources and flux walls can reach (reachableTemperatures) [K]; validation
   * warns where the checks would fail there, the readback checks the states actually reached.
   */
  reachableT: { lo: number; hi: number; bounded: boolean };
}

function concentrationSamples(s: Scenario, extra: readonly number[] = []): number[] {
  const out = [...imposedConcentrations(s), ...extra].map(clampC);
  for (let i = 0; i <= 40; i++) out.push(clampC(i / 40));
  return out;
}

/**
 * The second law over a set of states: the smallest k_eff (and where) and the largest |S_T| (the
 * symmetric coupling over D) it allows, at every temperature of `temps` and every mass fraction of
 * `cs` (physics.md 1: c(1-c) mu_c T^2 grows away from the reference state).
 */
export function secondLawOver(material: Material, temps: readonly number[], cs: readonly number[]): SecondLawCheck {
  let worst = { k: Infinity, T: temps[0], c: cs[0] };
  let maxSoret = Infinity;
  for (const T of temps) {
    for (const c of cs) {
      const ke = keff(material, T, c);
      if (ke < worst.k) worst = { k: ke, T, c };
      maxSoret = Math.min(maxSoret, Math.sqrt(material.k / (material.rho * material.D * gasFactor(material, c) * T * T * c * (1 - c))));
    }
  }
  return { ok: worst.k >= 0, worstKeff: worst.k, worstT: worst.T, worstC: worst.c, maxSoret };
}

/**
 * The stiffest transport rate over the states (every pair of `temps` x `cs`) [m^2/s]: the largest
 * eigenvalue (for a complex pair, eigen2's `stiff`), or with D_F and D_T of opposite signs the
 * skew coupling's rate where larger (thermo.ts skewCouplingRate).
 */
export function stiffestOver(material: Material, temps: readonly number[], cs: readonly number[]): { lambdaMax: number; complex: boolean } {
  let lambdaMax = 0;
  let complex = false;
  for (const T of temps) {
    for (const c of cs) {
      const a = transportMatrix(material, T, c);
      const e = eigen2(a);
      lambdaMax = Math.max(lambdaMax, e.stiff, skewCouplingRate(a));
      complex ||= e.complex;
    }
  }
  return { lambdaMax, complex };
}

/** The forward-Euler stability limit for a stiffest eigenvalue on the scenario's grid [s]. */
export function explicitLimit(s: Scenario, lambdaMax: number): number {
  const g = gridOf(s);
  return 1 / (2 * lambdaMax * (1 / (g.hx * g.hx) + 1 / (g.hy * g.hy)));
}

/**
 * The largest mass diffusivity a wall's half-face carries where the wall fixes c but not T (a flux
 * or convective heat wall with a concentration mass wall), over the states (every pair of `temps`
 * x `cs`) [m^2/s]. There the wall's heat flux holds its temperature to the cell's c through the
 * Dufour part, dT_w = -(D_Du / kappa) dc, and the Soret part of the mass flux adds c(1-c) D_T dT_w:
 * D_wall = D - c(1-c) D_T D_Du / kappa = det(A) / kappa (transportMatrix). With reciprocal coupling
 * it is at most D (k_eff <= k); with an antisymmetric D_F (unphysical) it can exceed every bulk
 * eigenvalue by orders of magnitude: sweep seed 2137 #89 (D_F = -D_T, S_T = -1.2 1/K, k = 1 W/(m K),
 * rho cp = 2e8 J/(m^3 K)): 96 m^2/s against the bulk 0.009, the wall state at 6.6e5 K after a jump
 * of 0.2 in c, and forward Euler at 0.9 of the bulk limit moved c by -364 in one step.
 */
export function wallMassDiffusivity(material: Material, temps: readonly number[], cs: readonly number[]): number {
  let most = 0;
  for (const T of temps) {
    for (const c of cs) {
      const a = transportMatrix(material, T, c);
      if (a[0][0] > 0) most = Math.max(most, (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / a[0][0]);
    }
  }
  return most;
}

/**
 * The forward-Euler limit of the cells next to walls that fix c but not T [s] (Infinity where there
 * are none): such a cell's mass row carries D_wall over a half face (twice a face's conductance) on
 * the wall side and the bulk eigenvalue elsewhere (Gershgorin, as explicitLimit): dt <= 1 /
 * ((lambda + D_wall) / h_n^2 + 2 lambda / h_t^2), or 1 / (2 D_wall / h_n^2 + 2 lambda / h_t^2) when a
 * single cell lies between two such walls. Equal to explicitLimit where D_wall = lambda.
 */
export function wallExplicitLimit(s: Scenario, lambdaMax: number, dWall: number): number {
  const g = gridOf(s);
  const fixesCNotT = (side: (typeof SIDES)[number]) => {
    const b = s.boundaries[side];
    return (b.heat.type === 'flux' || b.heat.type === 'convective') && b.mass.type === 'concentration';
  };
  let limit = Infinity;
  for (const side of SIDES) {
    if (!fixesCNotT(side)) continue;
    const across = side === 'left' || side === 'right';
    const [hn, ht, n] = across ? [g.hx, g.hy, g.nx] : [g.hy, g.hx, g.ny];
    const normal = n === 1 ? (2 * dWall) / (hn * hn) : (lambdaMax + dWall) / (hn * hn);
    limit = Math.min(limit, 1 / (normal + (2 * lambdaMax) / (ht * ht)));
  }
  return limit;
}

/** The mass fractions the checks sample: the imposed ones, `extra`, and 0..1 in steps of 1/40. */
export { concentrationSamples };

/**
 * The largest RKL2 step [s] the Soret drift allows: RKL2_DRIFT_FACTOR x D / V^2, V = D |S_T| G the
 * drift speed of c in a temperature gradient G [K/m] (the c(1-c) factor's slope |1 - 2c| <= 1).
 * The drift makes the mass equation advective: its modes have imaginary parts V dt sin(kh) / h,
 * and RKL2's stability region is a thin strip along the negative real axis (for 75 stages |Im z|
 * may reach 2.7, 7.0, 25.5, 57 at Re z = -1, -10, -100, -1000: about 1.8 sqrt(|Re z|)), which for
 * the mode at kh = pi / 2 asks V^2 dt <= ~6.5 D whatever h. Sweep 2219 #4 (256 x 1, S_T = -10 1/K,
 * c ~ 0.003, 360 W/m^2 drawn through k = 1 W/(m K)): V = 0.35 m/s, and a super-step of 0.80 s
 * (V dt / h = 788) turned a smooth state into an odd-even oscillation, c = -0.048 at step 2.
 * G is bounded by the flux walls' |q''| / k, the sources' q L / k and the span `dT` [K] over the
 * shorter side (a discontinuous start's steeper gradients are the age ramp's, rkl2.ts rkl2Substeps).
 */
export function soretDriftStep(s: Scenario, material: Material, dT: number): number {
  const { width, height } = s.grid;
  let G = dT / Math.min(width, height);
  for (const side of SIDES) {
    const h = s.boundaries[side].heat;
    if (h.type === 'flux') G = Math.max(G, Math.abs(h.value) / material.k);
  }
  for (const src of s.sources ?? []) G = Math.max(G, (Math.abs(src.q) * Math.max(width, height)) / material.k);
  const V = material.D * Math.abs(s.mixture.soret) * G;
  return V > 0 ? (RKL2_DRIFT_FACTOR * material.D) / (V * V) : Infinity;
}
/** The share of the RKL2 drift bound (~6.5 D / V^2, ~3 D / V^2 over all modes) the automatic step takes. */
export const RKL2_DRIFT_FACTOR = 1;

/**
 * An estimate of the temperatures sources and heat-flux walls can drive the fluid to, beyond the
 * imposed span [lo, hi] [K]: conduction over the longer side L from a wall that fixes a
 * temperature, ΔT <= q L^2 / (2 k_eff) for a volumetric source q and q'' L / k_eff for a flux
 * wall (one-dimensional bounds, summing overlapping sources), plus Q / G through convective walls
 * when no wall fixes a temperature (Q the heat released, G the walls' conductance h x length).
 * `bounded` is false when heat enters and nothing lets it out (then the readback checks are the
 * only guard). An estimate for warnings, not a guarantee: the states actually reached are checked
 * at every readback (run-checks.ts).
 */
export function reachableTemperatures(s: Scenario, material: Material, lo: number, hi: number): { lo: number; hi: number; bounded: boolean } {
  const { width, height } = s.grid;
  const L = Math.max(width, height);
  const kCond = Math.max(keff(material, s.reference.T0, s.reference.c0), 1e-6 * material.k);
  let qUp = 0;
  let qDown = 0;
  for (const src of s.sources ?? []) {
    if (src.q > 0) qUp += src.q;
    else qDown -= src.q;
  }
  let fluxUp = 0;
  let fluxDown = 0;
  let fixes = false;
  let conductance = 0;
  for (const side of SIDES) {
    const h = s.boundaries[side].heat;
    const len = side === 'left' || side === 'right' ? height : width;
    if (h.type === 'temperature') fixes = true;
    if (h.type === 'flux') {
      if (h.value > 0) fluxUp += h.value;
      else fluxDown -= h.value;
    }
    if (h.type === 'convective') conductance += h.h * len;
  }
  const rise = (q: number, flux: number) => {
    if (q === 0 && flux === 0) return 0;
    const inside = (q * L * L) / (2 * kCond) + (flux * L) / kCond;
    if (fixes) return inside;
    if (conductance > 0) return inside + (q * width * height + flux * 2 * (width + height)) / conductance;
    return Infinity;
  };
  const up = rise(qUp, fluxUp);
  const down = rise(qDown, fluxDown);
  return { lo: lo - down, hi: hi + up, bounded: Number.isFinite(up) && Number.isFinite(down) };
}

export function deriveQuantities(s: Scenario): Derived {
  const material = materialOf(s);
  const { T0, c0 } = s.reference;
  const kappa = material.k / (material.rho * material.cp);
  const temps = imposedTemperatures(s);
  const Tlo = Math.min(T0, ...temps);
  const Thi = Math.max(T0, ...temps);
  const span = Thi - Tlo;
  const dT = span > 0 ? span : 1;

  const mu = muC(material, T0, c0);
  const Le = kappa / material.D;
  const c1c = c0 * (1 - c0);
  const Sr = c1c * s.mixture.soret * dT;
  const Du = (c1c * mu * T0 * material.DF) / (material.cp * kappa * dT);
  const eps = (mu * T0) / (material.cp * dT * dT);

  // Second law over every state the run can reach: T in [Tlo, Thi], c anywhere in [0, 1].
  const samples = concentrationSamples(s);
  const secondLaw = secondLawOver(material, [Tlo, T0, Thi], samples);
  const worst = { k: secondLaw.worstKeff, T: secondLaw.worstT, c: secondLaw.worstC };
  const maxSoret = secondLaw.maxSoret;
  const reciprocal = material.DF === material.DT;

  // Stability: the stiffest transport eigenvalue over reachable states.
  const { lambdaMax, complex: lambdaComplex } = stiffestOver(material, [Tlo, Thi], samples);
  // The electric drift adds to the solute's outflow (Scharfetter-Gummel weight B >= 1; potential.ts).
  const reaction = reactionConstantsOf(s);
  const reactionRate = reaction ? maxRelaxationRate(reaction, [Tlo, T0, Thi], samples) : 0;
  const lambdaDrift = lambdaMax + material.D * (driftWeight(s, Tlo).B - 1);
  // ... and the walls that fix c but not T, whose half-face can carry far more (wallMassDiffusivity).
  const wallLimit = wallExplicitLimit(s, lambdaDrift, wallMassDiffusivity(material, [Tlo, T0, Thi], samples));
  const dtLimit = limitWithReaction(Math.min(explicitLimit(s, lambdaDrift), wallLimit), reactionRate);
  const reachable = reachableTemperatures(s, material, Tlo, Thi);
  const slow = eigen2(transportMatrix(material, T0, c0));
  const lambdaSlow = slow.minus > 0 ? slow.minus : material.D;
  // The slower of the transport's slow mode and heat's wall mode (a convective wall of small Biot number).
  const tauSlow = Math.max(slowRelaxationTime(Math.max(s.grid.width, s.grid.height), lambdaSlow), heatWallRelaxationTime(s, material.k, material.rho * material.cp));
  // With a reaction, dt "auto" of rkl2 / implicit also resolves its relaxation at the reference state.
  const tauReaction = reaction ? 1 / Math.max(relaxationRate(reaction, T0, c0), 1e-300) : Infinity;
  const time = s.time;
  const rkl2Drift = soretDriftStep(s, material, reachable.bounded ? Math.max(reachable.hi - reachable.lo, span) : span);
  const { dt, stages } = schemeStep(time.scheme, time.dt, { dtLimit, safety: time.safety, tauSlow: Math.min(tauSlow, tauReaction), rkl2Drift });

  const unphysicalReasons: string[] = [];
  if (!reciprocal) {
    unphysicalReasons.push(
      `mixture.dufour: ${material.DF} breaks Onsager reciprocity (L1q != Lq1); reciprocity needs D_F = D_T = soret*D = ${material.DT} m^2/(s K), or "reciprocal" ` +
        `(the antisymmetric part (D_F - D_T)/2 produces no entropy; the second law depends on the symmetric part (D_T + D_F)/2 alone)`,
    );
  }
  if (!secondLaw.ok) {
    const DTs = 0.5 * (material.DT + material.DF);
    unphysicalReasons.push(
      `mixture.soret: the second law is broken: k_eff = ${worst.k.toPrecision(4)} W/(m K) < 0 at T = ${worst.T} K, c = ${worst.c.toPrecision(3)} ` +
        `(margin k_eff/k = ${(worst.k / material.k).toPrecision(4)} there, ${(keff(material, T0, c0) / material.k).toPrecision(4)} at the reference state; ` +
        `the symmetric coupling (D_T + D_F)/2 = ${DTs.toPrecision(4)} m^2/(s K) is too strong); ` +
        (reciprocal
          ? `|soret| must be <= ${maxSoret.toPrecision(4)} 1/K for the temperatures and concentrations this scenario reaches`
          : `|D_T + D_F|/2 must be <= ${(maxSoret * material.D).toPrecision(4)} m^2/(s K) for the temperatures and concentrations this scenario reaches`),
    );
  }

  return {
    material,
    kappa,
    onsager: onsagerMatrix(material, T0, c0),
    muC: mu,
    keff: keff(material, T0, c0),
    dimensionless: { Le, Sr, Du, eps, margin: keff(material, T0, c0) / material.k, marginMin: worst.k / material.k, dT },
    reciprocal,
    secondLaw,
    lambdaMax,
    lambdaComplex,
    dtLimit,
    reactionRate,
    lambdaSlow,
    tauSlow,
    dt,
    stages,
    rkl2Drift,
    dtAboveLimit: time.scheme === 'euler' && dt > dtLimit,
    unphysicalReasons,
    unphysical: unphysicalReasons.length > 0,
    checkedT: { lo: Tlo, hi: Thi },
    reachableT: reachable,
  };
}
