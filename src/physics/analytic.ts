/**
 * Analytic results the simulator is checked against (physics.md section 6). Pure functions, SI.
 */
import { eigen2 } from './thermo';
import { GAS_CONSTANT } from './thermo';

/** Faraday constant [C/mol]. */
export const FARADAY = 96485.33212;

/** (a) NESS rod: total entropy production k A/L (T_H - T_C)^2 / (T_H T_C) [W/K] (per unit depth if A is a height). */
export function nessEntropyProduction(k: number, A: number, L: number, TH: number, TC: number): number {
  return ((k * A) / L) * ((TH - TC) ** 2 / (TH * TC));
}

export const logit = (c: number) => Math.log(c / (1 - c));
export const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** (b) Steady separation of a closed Soret cell with c0 = 1/2: c_cold - c_hot = tanh(S_T dT / 4). */
export function soretSteadySeparation(ST: number, dT: number): number {
  return Math.tanh((ST * dT) / 4);
}

/**
 * (b) Steady concentration of a closed Soret cell, logit c = a - S_T (T - Tref), for a temperature
 * profile T(x) on [0, L]; `a` fixed by conservation of solute (mean c = c0), found by bisection
 * with the integral taken by composite Simpson on `panels` panels.
 */
export function soretSteadyProfile(
  ST: number,
  T: (x: number) => number,
  L: number,
  c0: number,
  panels = 4096,
): (x: number) => number {
  const meanC = (a: number) => {
    const h = L / panels;
    let s = 0;
    for (let i = 0; i <= panels; i++) {
      const w = i === 0 || i === panels ? 1 : i % 2 ? 4 : 2;
      s += w * logistic(a - ST * T(i * h));
    }
    return (s * h) / 3 / L;
  };
  let lo = -50 + ST * T(0) - Math.abs(ST) * 1e4;
  let hi = 50 + ST * T(0) + Math.abs(ST) * 1e4;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (meanC(mid) < c0) lo = mid;
    else hi = mid;
  }
  const a = 0.5 * (lo + hi);
  return (x) => logistic(a - ST * T(x));
}

/** (b) Soret transient with T already linear, D_F = 0: dc(t)/dc_inf = 1 - (8/pi^2) sum_odd n^-2 exp(-n^2 t/tau). */
export function soretTransientFraction(t: number, tau: number, terms = 200): number {
  let s = 0;
  for (let n = 1; n <= 2 * terms; n += 2) s += Math.exp((-n * n * t) / tau) / (n * n);
  return 1 - (8 / (Math.PI * Math.PI)) * s;
}

/**
 * (b) The same transient seen between the centres of the first and last of n cells across the
 * cell (what a finite-volume run's `separation` measures), over its own steady value: each odd
 * mode n contributes cos(n pi / (2 cells)) at those centres, the steady profile 1 - 1/cells.
 */
export function soretTransientCellFraction(t: number, tau: number, cells: number, terms = 200): number {
  const h = 1 / cells;
  let s = 0;
  for (let n = 1; n <= 2 * terms; n += 2) s += (Math.cos((n * Math.PI * h) / 2) * Math.exp((-n * n * t) / tau)) / (n * n);
  return 1 - (8 / (Math.PI * Math.PI)) * s / (1 - h);
}

/** (b) tau = L^2 / (pi^2 D). */
export const soretTime = (L: number, D: number) => (L * L) / (Math.PI * Math.PI * D);

/** (d) q_h^2 = (4/h^2) sin^2(m pi h / (2L)): the discrete Laplacian's eigenvalue of cosine mode m. */
export function gridWavenumber2(m: number, h: number, L: number): number {
  const s = Math.sin((m * Math.PI * h) / (2 * L));
  return (4 / (h * h)) * s * s;
}

/** (d) Decay rates q^2 lambda_+- of a Fourier mode of (T, c)_t = A lap(T, c) [1/s]. */
export function coupledDecayRates(A: [[number, number], [number, number]], q2: number): { fast: number; slow: number } {
  const e = eigen2(A);
  return { fast: q2 * e.plus, slow: q2 * e.minus };
}

/**
 * Complementary error function, |relative error| < 1.2e-7 (Numerical Recipes' Chebyshev fit,
 * W. H. Press et al., section 6.2).
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * (c) Dufour transient: temperature rise at distance x from a concentration step dc (higher c at
 * x < 0) after time t, for (T, c)_t = A lap(T, c) and uniform starting T:
 * T - T0 = A12 dc / (l+ - l-) * 1/2 [erfc(x / 2 sqrt(l+ t)) - erfc(x / 2 sqrt(l- t))].
 */
export function dufourTransient(A: [[number, number], [number, number]], dc: number, x: number, t: number): number {
  const e = eigen2(A);
  const f = (l: number) => 0.5 * erfc(x / (2 * Math.sqrt(l * t)));
  return ((A[0][1] * dc) / (e.plus - e.minus)) * (f(e.plus) - f(e.minus));
}

/** (e) Nernst ratio c2/c1 = exp(-z F dphi / (R T)) of an ion at zero net flux. */
export function nernstRatio(z: number, dphi: number, T: number): number {
  return Math.exp((-z * FARADAY * dphi) / (GAS_CONSTANT * T));
}

/**
 * (h) Nernst (reversal) voltage phi_L - phi_R = (R T / z F) ln(c_R / c_L) [V] at which the net
 * flux of an ion of charge number z between reservoirs c_L (left) and c_R (right) vanishes.
 */
export function reversalVoltage(z: number, cL: number, cR: number, T: number): number {
  return ((GAS_CONSTANT * T) / (z * FARADAY)) * Math.log(cR / cL);
}

/**
 * (h) Goldman-Hodgkin-Katz steady mass flux through a channel of length L [kg m^-2 s^-1, +x from
 * the left reservoir to the right], dilute, isothermal: J1 = (rho D / L) u (c_L - c_R e^-u) / (1 - e^-u)
 * with u = z F (phi_L - phi_R) / (R T); at u = 0 plain Fick, rho D (c_L - c_R) / L.
 */
export function ghkFlux(rho: number, D: number, L: number, z: number, phiL: number, phiR: number, cL: number, cR: number, T: number): number {
  const u = (z * FARADAY * (phiL - phiR)) / (GAS_CONSTANT * T);
  const weight = u === 0 ? 1 : u / -Math.expm1(-u); // u / (1 - e^-u), accurate for small u
  return ((rho * D) / L) * weight * (cL - cR * Math.exp(-u));
}

/** (f) Exact reaction rate over the linear law at affinity x = A/RT: sinh(x/2) / (x/2). */
export function reactionRateRatio(x: number): number {
  return x === 0 ? 1 : Math.sinh(x / 2) / (x / 2);
}
