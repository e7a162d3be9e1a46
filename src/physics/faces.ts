/**
 * Face fluxes and face entropy production of the finite-volume scheme (physics.md section 3).
 * shaders/fluxes.wgsl implements the same formulas in float32; tests hold the two equal.
 *
 * A face joins a "left" state (uL = T_L - T0, vL = c_L - c0) and a "right" state at distance d [m];
 * fluxes are positive from left to right. In Onsager form with T_f^2 = T_L T_R and the log-mean
 * mobility m_f = (c_R - c_L)/(logit c_R - logit c_L):
 *   J1  = -rho (D dc + m_f D_T dT) / d                    [kg m^-2 s^-1]
 *   Jq' = -(k dT + rho D_F Rg_f T_L T_R dc) / d           [W m^-2], Rg_f = c(1-c) mu_c / T at cbar
 *   sigma_f = Rg_f Js^2 / (rho D m_f) + k_eff,f (dT/d)^2 / (T_L T_R)   [W K^-1 m^-3]
 * where Js, k_eff,f use the symmetric part D_Ts = (D_T + D_F)/2 (Js = J1 under reciprocity), and
 * k_eff,f = k - rho D_Ts^2 m_f Rg_f T_L T_R / D is clamped at 0 when the run is physical.
 *
 * Ions (physics.md 8): with a potential drop dphi = phi_R - phi_L across the face, the drift in
 * logit units is w = (zF/M1) dphi / (Rg_f T_f), T_f = sqrt(T_L T_R). The face is then
 * Scharfetter-Gummel in logit form: the two states are shifted to logit c_L - w/2 and
 * logit c_R + w/2 (c'_L, c'_R), the mobility is S(w) m'_f with S(w) = (w/2) / sinh(w/2) and m'_f
 * the log-mean mobility of the shifted states, and
 *   J1 = -S (rho D (c'_R - c'_L) + m'_f rho D_T dT) / d = -rho D S m'_f (d logit c + w + S_T dT) / d,
 * so the isothermal zero-flux state d logit c = -w is an exact discrete steady state, and in the
 * dilute limit J1 = (rho D / d)(B(w) c_L - B(-w) c_R), B(x) = x / (e^x - 1): the outflow of a cell
 * vanishes with its c (no negative c at any w). The Dufour part of Jq' takes the isothermal mass
 * flux whole, -rho D_F Rg_f T_L T_R S (c'_R - c'_L) / d (its electric part is the ions' heat of
 * transport), and sigma and k_eff,f use the same mobility S m'_f. With w = 0 every formula is the
 * neutral one above.
 */
import { C_MIN, GAS_CONSTANT, T_MIN } from './thermo';

/**
 * Constants the face formulas need, precomputed once per scenario in float64 (the GPU receives
 * the same numbers rounded to float32, so both evaluate the same expressions).
 */
export interface FaceConstants {
  T0: number; // K
  c0: number; // -
  k: number; // W/(m K)
  /** rho D [kg/(m s)]. */
  rhoD: number;
  /** rho D_T [kg/(m s K)]. */
  rhoDT: number;
  /** rho D_Ts, D_Ts = (D_T + D_F)/2 the symmetric part [kg/(m s K)]. */
  rhoDTs: number;
  /** rho D_F [kg/(m s K)]. */
  rhoDF: number;
  /** rho D_Ts^2 / D: k_eff,f = k - keffSym m_f Rg_f T_L T_R [kg/(m s K^2)]. */
  keffSym: number;
  /** rho D_F D_T / D: the Dufour part of a mass-closed wall's conductance [kg/(m s K^2)]. */
  keffWall: number;
  /** 1 / (rho D) [m s/kg]. */
  invRhoD: number;
  M1: number; // kg/mol
  M2: number; // kg/mol
  /** Soret coefficient D_T / D [1/K]. */
  ST: number;
  /** zF / M1: charge per kilogram of species 1 [C/kg] (0 when neutral). */
  chargePerMass: number;
  /** Clamp k_eff at 0 (second law holds) or show negative sigma (unphysical mode). */
  physical: boolean;
  /** D_F = D_T, so the symmetric flux Js equals J1. */
  reciprocal: boolean;
}

export interface FaceFlux {
  J1: number;
  Jq: number;
  sigma: number;
  /**
   * The mass part of sigma, Rg_f Js^2 / (rho D m_f) (mu_c |J1|^2 / (rho D T) in the continuum);
   * the rest, sigma - sigmaMass = k_eff,f (dT/d)^2 / (T_L T_R), is the heat part [W K^-1 m^-3].
   */
  sigmaMass: number;
}

const clampC = (c: number) => Math.min(1 - C_MIN, Math.max(C_MIN, c));

/**
 * x / log(1 + x) for x > -1, accurate near 0 (Gregory series) and computed through the rounded
 * u = 1 + x elsewhere, so that (u - 1) / log(u) has only the logarithm's own error.
 */
export function xOverLog1p(x: number): number {
  if (Math.abs(x) < 0.05) {
    return 1 + x * (1 / 2 + x * (-1 / 12 + x * (1 / 24 + x * (-19 / 720 + x * (3 / 160)))));
  }
  const u = 1 + x;
  return (u - 1) / Math.log(u);
}

/** Log-mean mobility (c_R - c_L)/(logit c_R - logit c_L) of two mass fractions (clamped). */
export function logMeanMobility(cL: number, cR: number): number {
  const a = clampC(cL);
  const b = clampC(cR);
  const base = a * (1 - b);
  return base * xOverLog1p((b - a) / base);
}

/** R / (c M2 + (1-c) M1) at the mean of two (clamped) mass fractions [J kg^-1 K^-1]. */
export function faceGasFactor(p: FaceConstants, cL: number, cR: number): number {
  const cbar = 0.5 * (clampC(cL) + clampC(cR));
  return GAS_CONSTANT / (cbar * p.M2 + (1 - cbar) * p.M1);
}

/** The electric drift of a face, (S(w), c'_R - c'_L - (c_R - c_L), m'_f) (see the module comment). */
export interface Drift {
  /** S(w) = (w/2) / sinh(w/2). */
  S: number;
  /** (c'_R - c_R) - (c'_L - c_L): what the shifts add to dc. */
  shift: number;
  /** Log-mean mobility of the shifted states. */
  m: number;
}

/** S(w) = (w/2) / sinh(w/2), accurate near 0. */
export function sgWeight(w: number): number {
  const h = Math.abs(0.5 * w);
  if (h < 1e-3) return 1 - (h * h) / 6;
  const e = Math.exp(-h);
  return (2 * h * e) / (1 - e * e);
}

/** The drift of a face with logit drift w between c_L and c_R. */
export function driftOf(cL: number, cR: number, w: number): Drift {
  const dL = logitShiftDeltaC(cL, -0.5 * w);
  const dR = logitShiftDeltaC(cR, 0.5 * w);
  return { S: sgWeight(w), shift: dR - dL, m: logMeanMobility(clampC(cL) + dL, clampC(cR) + dR) };
}

/**
 * Fluxes and sigma across a face between (uL, vL) and (uR, vR) at distance d, with the potential
 * difference dphi = phi_R - phi_L [V] (0 without ions).
 */
export function faceFlux(p: FaceConstants, uL: number, vL: number, uR: number, vR: number, d: number, dphi = 0): FaceFlux {
  const TL = Math.max(p.T0 + uL, T_MIN);
  const TR = Math.max(p.T0 + uR, T_MIN);
  const cL = p.c0 + vL;
  const cR = p.c0 + vR;
  const dT = uR - uL;
  let dc = vR - vL;
  let m = logMeanMobility(cL, cR);
  const rg = faceGasFactor(p, cL, cR);
  const TT = TL * TR;
  let S = 1;
  if (dphi !== 0 && p.chargePerMass !== 0) {
    const drift = driftOf(cL, cR, (p.chargePerMass * dphi) / (rg * Math.sqrt(TT)));
    S = drift.S;
    dc += drift.shift;
    m = drift.m;
  }
  const J1 = (-S * (p.rhoD * dc + m * p.rhoDT * dT)) / d;
  const Jq = -(p.k * dT + p.rhoDF * rg * TT * S * dc) / d;
  const Js = p.reciprocal ? J1 : (-S * (p.rhoD * dc + m * p.rhoDTs * dT)) / d;
  const M = S * m;
  let ke = p.k - p.keffSym * M * rg * TT;
  if (p.physical) ke = Math.max(ke, 0);
  const g = dT / d;
  const sigmaMass = (rg * Js * Js * p.invRhoD) / M;
  return { J1, Jq, sigma: sigmaMass + (ke * g * g) / TT, sigmaMass };
}

/** Heat types and mass types as numbered in the solver's wall parameters (shared with WGSL). */
export const HEAT_WALL = { temperature: 0, flux: 1, convective: 2, periodic: 3 } as const;
export const MASS_WALL = { closed: 0, concentration: 1, periodic: 2 } as const;

/** A wall as the face formulas see it; temperatures and concentrations as deviations. */
export interface WallConstants {
  heatType: number;
  massType: number;
  /** temperature: T_w - T0 [K]; flux: heat flux into the domain [W/m^2]; convective: ambient - T0 [K]. */
  heatValue: number;
  /** Convective heat transfer coefficient [W/(m^2 K)]. */
  h: number;
  /** concentration: c_w - c0. */
  massValue: number;
}

/** expm1 accurate near 0 in both float64 and the WGSL port. */
function expm1(x: number): number {
  if (Math.abs(x) < 1e-2) return x * (1 + x * (1 / 2 + x * (1 / 6 + x * (1 / 24 + x / 120))));
  return Math.exp(x) - 1;
}

/**
 * c_w - c for a wall closed to mass: J1 = 0 gives logit c_w = logit c - S_T (T_w - T)
 * (physics.md 3), written so that small differences keep their precision.
 */
export function closedWallDeltaC(c: number, ST: number, dT: number): number {
  return logitShiftDeltaC(c, -ST * dT);
}

/**
 * c' - c where logit c' = logit c + dz (c clamped), written so that small differences keep their
 * precision; bounded by -c and 1 - c whatever dz.
 */
export function logitShiftDeltaC(c: number, dz: number): number {
  const cc = clampC(c);
  const em = expm1(dz);
  if (dz <= 0) return (cc * (1 - cc) * em) / (1 + cc * em);
  // The same value divided through by cc em: an em beyond the float range (a closed wall beside a
  // strong Soret drift, S_T dT > 709 here, > 88 in the WGSL's float32) gives 1 - cc, not inf / inf.
  return (1 - cc) / (1 + 1 / (cc * em));
}

/** The state beyond a wall's half-face and what the wall fixes (mirror of WGSL `wallState`). */
export interface WallState {
  /** Wall temperature and concentration as deviations from T0, c0. */
  uw: number;
  vw: number;
  /** Heat leaving through the wall [W/m^2] when the wall fixes the heat flow (flux, convective). */
  heatOut: number | undefined;
  /** The wall is closed to mass (J1.n = 0). */
  closed: boolean;
  /** Heat conductance of the half-face [W/(m^2 K)]: k_eff / d when closed to mass, else k / d. */
  cond: number;
  /** d(uw)/du: 0 for a fixed temperature, 1 for a fixed flux, cond / (h + cond) for a convective wall. */
  dUw: number;
}

/**
 * The far state of the half-face (distance d = h/2) between a cell (u, v) and its wall, with the
 * potential drop dphi = phi_wall - phi_cell [V] outwards (0 at an insulating wall or without ions).
 */
export function wallState(p: FaceConstants, w: WallConstants, u: number, v: number, d: number, dphi = 0): WallState {
  const T = Math.max(p.T0 + u, T_MIN);
  const c = p.c0 + v;
  const closed = w.massType === MASS_WALL.closed;
  // Heat conductance of the half-face: k_eff with the mass flux held at zero, else k.
  const rg = faceGasFactor(p, c, c);
  const cc = clampC(c);
  // With J1 = 0 the Dufour part of the heat flux is -rho D_F D_T c(1-c) Rg T^2 dT / D.
  const keffCell = p.k - p.keffWall * cc * (1 - cc) * rg * T * T;
  const cond = (closed ? Math.max(keffCell, 1e-9 * p.k) : p.k) / d;
  const vw0 = closed ? 0 : w.massValue; // used only when mass is fixed
  // The Dufour part of the half-face's heat flux, with the gas factor at the half-face's mean c
  // (faceGasFactor of the cell and the wall, as faceFlux evaluates it): the cell's own factor
  // times the whole wall difference overstated it where c_w is far from c and the factor varies
  // (c 0.999 at a reservoir of 0.899 with M2 << M1: 18 times), and the wall temperature it set
  // drove Soret flux against the reservoir (seed 2051's jump ran c past 1).
  const dufourCell = closed ? 0 : (p.rhoDF * faceGasFactor(p, c, p.c0 + vw0) * T * T * (vw0 - v)) / d;

  let uw: number;
  let heatOut: number | undefined;
  let dUw: number;
  switch (w.heatType) {
    case HEAT_WALL.temperature:
      uw = w.heatValue;
      dUw = 0;
      break;
    case HEAT_WALL.flux:
      // heat in = q = cond (T_w - T) + dufour term  =>  T_w
      uw = u + (w.heatValue - dufourCell) / cond;
      heatOut = -w.heatValue;
      dUw = 1;
      break;
    default: {
      // convective: h (ambient - T_w) = cond (T_w - T) + dufour term
      uw = (w.h * w.heatValue + cond * u - dufourCell) / (w.h + cond);
      heatOut = w.h * (uw - w.heatValue);
      dUw = cond / (w.h + cond);
    }
  }
  // Closed: J1 = 0 gives logit c_w = logit c - S_T (T_w - T) - w (the electric drift w of the half-face).
  const wDrift = dphi !== 0 && closed ? (p.chargePerMass * dphi) / (rg * Math.sqrt(T * Math.max(p.T0 + uw, T_MIN))) : 0;
  const vw = closed ? v + logitShiftDeltaC(c, -p.ST * (uw - u) - wDrift) : w.massValue;
  return { uw, vw, heatOut, closed, cond, dUw };
}

/**
 * Outward fluxes through the half-face (distance d = h/2) between a cell (u, v) and its wall.
 * J1 and Jq are positive leaving the domain; sigma is the half-face's entropy production density.
 */
export function wallFlux(p: FaceConstants, w: WallConstants, u: number, v: number, d: number, dphi = 0): FaceFlux {
  const ws = wallState(p, w, u, v, d, dphi);
  const f = faceFlux(p, u, v, ws.uw, ws.vw, d, dphi);
  return { J1: ws.closed ? 0 : f.J1, Jq: ws.heatOut ?? f.Jq, sigma: f.sigma, sigmaMass: f.sigmaMass };
}

/**
 * The face's fluxes linearised on the differences of the corrections of T and logit c, with the
 * coefficients frozen at the two states (row-major [K_TT, K_Tz, K_zT, K_zz]):
 *   dJq = -(K_TT d(dT) + K_Tz d(d logit c)) / d,   dJ1 = -(K_zT d(dT) + K_zz d(d logit c)) / d,
 * K_TT = k, K_Tz = rho D_F Rg_f T_L T_R gbar, K_zT = rho D_T m_f, K_zz = rho D m_f, with m_f the
 * log-mean mobility and gbar the mean of the two cells' c(1-c).
 * The mass row is faceFlux exactly (the log-mean mobility makes dc = m_f d(logit c)) and, frozen,
 * Newton-exact near the Soret equilibrium, where J1 = -rho D m_f d(logit c + S_T T) / d vanishes
 * whatever m_f. The heat row's Dufour term is linear in dc, which a correction x of logit c changes
 * by c(1-c) x in each cell: the derivative is the cells' slope, not the secant m_f. (With m_f, the
 * Jacobian is off by m_f / gbar, up to 2 across a steep front; times Du ~ 100 near the second-law
 * bound that made the outer iteration diverge: issue 8, symptom 2.) Mirror of WGSL faceMatrix.
 */
export function faceMatrix(p: FaceConstants, uL: number, vL: number, uR: number, vR: number, dphi = 0): [number, number, number, number] {
  const TL = Math.max(p.T0 + uL, T_MIN);
  const TR = Math.max(p.T0 + uR, T_MIN);
  const cL = p.c0 + vL;
  const cR = p.c0 + vR;
  const rg = faceGasFactor(p, cL, cR);
  // With a drift, the mass row's mobility is the face's S m'_f (J1 = -rho D S m'_f d(logit c + w + S_T T) / d).
  let m = logMeanMobility(cL, cR);
  if (dphi !== 0 && p.chargePerMass !== 0) {
    const w = (p.chargePerMass * dphi) / (rg * Math.sqrt(TL * TR));
    const gL = logitSlope(clampC(cL) + logitShiftDeltaC(cL, -0.5 * w));
    const gR = logitSlope(clampC(cR) + logitShiftDeltaC(cR, 0.5 * w));
    m = sgWeight(w) * 0.5 * (gL + gR);
  }
  const gbar = 0.5 * (logitSlope(cL) + logitSlope(cR));
  return [p.k, p.rhoDF * rg * TL * TR * gbar, m * p.rhoDT, m * p.rhoD];
}

/** c(1 - c) of a (clamped) mass fraction: d c / d(logit c). */
export const logitSlope = (c: number) => {
  const cc = clampC(c);
  return cc * (1 - cc);
};

/**
 * Approximate Jacobian [[dJq/du, dJq/dz], [dJ1/du, dJ1/dz]] of a wall's outward fluxes with
 * respect to its cell's T and z = logit c, coefficients frozen [W/(m^2 K), W/m^2, kg/(m^2 s K),
 * kg/(m^2 s)]: the conductances of the half-face for the channels the wall fixes a value of, 0
 * where it fixes the flow. Only the implicit solver's preconditioner uses it: the residual is
 * always the exact wallFlux, so an approximation here slows convergence but never changes the
 * answer.
 */
export function wallJacobian(p: FaceConstants, w: WallConstants, u: number, v: number, d: number, dphi = 0): [number, number, number, number] {
  const ws = wallState(p, w, u, v, d, dphi);
  const free = 1 - ws.dUw; // how much of a change of u reaches the half-face's temperature difference
  if (ws.closed) return [ws.cond * free, 0, 0, 0];
  // Open to mass: the half-face's conductances A (per (T, c)) with c_w fixed; where the wall fixes
  // the heat flow, T_w follows the cell (dUw) and, through the Dufour term, its c: the mass
  // row's c entry is then the Schur complement A_cc - A_cT A_Tc dUw / A_TT.
  const TT = Math.max(p.T0 + u, T_MIN) * Math.max(p.T0 + ws.uw, T_MIN);
  const rg = faceGasFactor(p, p.c0 + v, p.c0 + ws.vw);
  // With a drift w the outward flux is -rho D S (c'_w - c'_cell) / d (+ Soret): its derivative by
  // the cell's logit c is rho D S c'(1 - c') / d, c' = the cell's state shifted by -w/2.
  let g = logitSlope(p.c0 + v);
  if (dphi !== 0 && p.chargePerMass !== 0) {
    const wd = (p.chargePerMass * dphi) / (rg * Math.sqrt(TT));
    g = sgWeight(wd) * logitSlope(clampC(p.c0 + v) + logitShiftDeltaC(p.c0 + v, -0.5 * wd));
  }
  const aTc = (p.rhoDF * rg * TT) / d;
  const acT = (logMeanMobility(p.c0 + v, p.c0 + ws.vw) * p.rhoDT) / d;
  const acc = p.rhoD / d;
  return [ws.cond * free, aTc * free * g, acT * free, (acc - (acT * aTc * ws.dUw) / ws.cond) * g];
}
