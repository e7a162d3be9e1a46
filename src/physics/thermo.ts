/**
 * Thermodynamics and transport of an ideal binary mixture (physics.md sections 1-2).
 * Pure functions of the material constants and a local state (T [K], c [-]).
 */

/** Molar gas constant [J mol^-1 K^-1]. */
export const GAS_CONSTANT = 8.314462618;

/** Bounds used inside mu and sigma (physics.md 5.3) and the lowest temperature a coefficient sees. */
export const C_MIN = 1e-6;
/**
 * How far c may stray outside [0, 1] and still count as round-off [-]: the fields are float32
 * deviations from c0 (spacing ~6e-8 near c = 1), and a step at the stability limit can overshoot
 * an end by a few of those. The run checks' (run-checks.ts) and the exact jump's (newton.ts).
 */
export const C_ROUNDOFF = 1e-5;
export const T_MIN = 1e-3;

/** Material constants resolved from a scenario (SI). */
export interface Material {
  rho: number; // kg/m^3
  cp: number; // J/(kg K)
  k: number; // W/(m K)
  D: number; // m^2/s
  /** Thermodiffusion coefficient D_T = S_T * D [m^2/(s K)]. */
  DT: number;
  /** Dufour coefficient D_F [m^2/(s K)]; equals DT under reciprocity. */
  DF: number;
  M1: number; // kg/mol
  M2: number; // kg/mol
}

export const clampC = (c: number) => Math.min(1 - C_MIN, Math.max(C_MIN, c));

/**
 * c(1-c) * mu_c / T = R / (c M2 + (1-c) M1) [J kg^-1 K^-1], finite as c -> 0 or 1.
 * (mu_c = d(mu1-mu2)/dc per unit mass, ideal mixture.)
 */
export function gasFactor(m: Pick<Material, 'M1' | 'M2'>, c: number): number {
  const cc = clampC(c);
  return GAS_CONSTANT / (cc * m.M2 + (1 - cc) * m.M1);
}

/** mu_c = d(mu1 - mu2)/dc at fixed T, p [J/kg]. */
export function muC(m: Pick<Material, 'M1' | 'M2'>, T: number, c: number): number {
  const cc = clampC(c);
  return (gasFactor(m, cc) * T) / (cc * (1 - cc));
}

/** Onsager coefficients at (T, c) for forces X_q = grad(1/T), X_1 = -(mu_c/T) grad(c). */
export interface OnsagerMatrix {
  L11: number; // kg s K m^-3 ... (rho D T / mu_c)
  L1q: number;
  Lq1: number;
  Lqq: number;
}

export function onsagerMatrix(m: Material, T: number, c: number): OnsagerMatrix {
  const cc = clampC(c);
  const c1c = cc * (1 - cc);
  return {
    L11: (m.rho * m.D * T) / muC(m, T, cc),
    L1q: m.rho * c1c * m.DT * T * T,
    Lq1: m.rho * c1c * m.DF * T * T,
    Lqq: m.k * T * T,
  };
}

/**
 * Effective conductivity with zero mass flux, using the symmetric part of L:
 * k_eff = k - rho mu_c T c^2 (1-c)^2 D_Ts^2 / D, D_Ts = (D_T + D_F)/2 [W m^-1 K^-1].
 * k_eff >= 0 is the second law.
 */
export function keff(m: Material, T: number, c: number): number {
  const cc = clampC(c);
  const DTs = 0.5 * (m.DT + m.DF);
  return m.k - (m.rho * gasFactor(m, cc) * T * T * cc * (1 - cc) * DTs * DTs) / m.D;
}

/**
 * The linearised transport matrix A of (T, c)_t = A lap(T, c):
 * [[kappa, D_Du], [c(1-c) D_T, D]], D_Du = c(1-c) mu_c T D_F / cp [m^2 s^-1 K].
 */
export function transportMatrix(m: Material, T: number, c: number): [[number, number], [number, number]] {
  const cc = clampC(c);
  const kappa = m.k / (m.rho * m.cp);
  const DDu = (gasFactor(m, cc) * T * T * m.DF) / m.cp;
  return [
    [kappa, DDu],
    [cc * (1 - cc) * m.DT, m.D],
  ];
}

/**
 * The rate [m^2/s] that bounds a forward-Euler step of transport matrix `a` (as an eigenvalue does,
 * explicitLimit) where its off-diagonal entries have opposite signs (D_F and D_T of opposite
 * signs, unphysical; 0 otherwise). There no weighting makes the operator symmetric (with
 * L1q = lambda Lq1, lambda > 0, scaling the mass equation by lambda does), and its eigenvalues,
 * which may turn complex where T and c have different walls, do not bound the step. With W = diag(1, -a01 / a10) the matrix is A' = W^1/2 A W^-1/2 =
 * [[a00, q], [-q, a11]], q = sqrt(-a01 a10): a dissipative part S = diag(a00, a11) and a skew part.
 * A step h mu (mu a Laplacian eigenvalue) contracts in the W-norm while h mu <= 2 v'Sv / |A'v|^2 for
 * every v, so the rate is the largest eigenvalue of S^-1/2 A'^T A' S^-1/2 (trace a00 + a11 +
 * q^2 (1/a00 + 1/a11), determinant (a00 a11 + q^2)^2 / (a00 a11)); max(a00, a11) at q = 0. Sweep
 * 2334 #81 (S_T = -10 1/K, D_F = -D_T, c near 0.025): 3.3 x the largest eigenvalue, and forward
 * Euler at 0.85 of the eigenvalue's limit drifted off a uniform steady state (T +-0.3 K in 3000
 * steps) where at 0.8 it held.
 */
export function skewCouplingRate(a: [[number, number], [number, number]]): number {
  const p = a[0][1] * a[1][0];
  if (!(p < 0)) return 0;
  const q2 = -p;
  const [K, D] = [a[0][0], a[1][1]];
  const tr = K + D + q2 * (1 / K + 1 / D);
  const det = ((K * D + q2) * (K * D + q2)) / (K * D);
  return tr / 2 + Math.sqrt(Math.max((tr * tr) / 4 - det, 0));
}

/**
 * Eigenvalues lambda_+ >= lambda_- of a 2x2 matrix; for a complex pair, the real part in both
 * and the modulus^2 / real part in `stiff` (what bounds an explicit step).
 */
export function eigen2(a: [[number, number], [number, number]]): { plus: number; minus: number; complex: boolean; stiff: number } {
  const mean = 0.5 * (a[0][0] + a[1][1]);
  const half = 0.5 * (a[0][0] - a[1][1]);
  const disc = half * half + a[0][1] * a[1][0];
  if (disc >= 0) {
    const r = Math.sqrt(disc);
    return { plus: mean + r, minus: mean - r, complex: false, stiff: mean + r };
  }
  const im2 = -disc;
  return { plus: mean, minus: mean, complex: true, stiff: mean > 0 ? (mean * mean + im2) / mean : Infinity };
}
