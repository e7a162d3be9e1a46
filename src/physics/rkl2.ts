/**
 * RKL2 super-time-stepping (Meyer, Balsara & Aslam, J. Comput. Phys. 257A (2014) 594; physics.md
 * section 4): the stage count for a step and the stage coefficients, in the increment form the
 * solvers use.
 *
 * With Y0 = the state at the start of the super-step, E0 = dt L(Y0) and dY_j = Y_j - Y0:
 *   dY_0 = 0,  dY_1 = mu~_1 E0,
 *   dY_j = mu_j dY_{j-1} + nu_j dY_{j-2} + mu~_j dt L(Y0 + dY_{j-1}) + gamma~_j E0   (j = 2..s),
 *   Y^{n+1} = Y0 + dY_s.
 * This is the paper's Y_j = mu_j Y_{j-1} + nu_j Y_{j-2} + (1 - mu_j - nu_j) Y0 + ... with Y0
 * subtracted from both sides: the weights that do not sum to 1 in float32 never multiply the state
 * itself, so they cannot create or destroy solute or energy.
 *
 * Coefficients: b_0 = b_1 = b_2 = 1/3, b_j = (j^2 + j - 2) / (2 j (j + 1)), a_j = 1 - b_j,
 * w1 = 4 / (s^2 + s - 2), mu~_1 = b_1 w1, and for j >= 2
 * mu_j = (2j - 1)/j b_j/b_{j-1}, nu_j = -(j - 1)/j b_j/b_{j-2}, mu~_j = mu_j w1,
 * gamma~_j = -a_{j-1} mu~_j. Stable for dt <= dt_FE (s^2 + s - 2) / 4, dt_FE the forward-Euler
 * limit; second order in time.
 */

/** Largest stage count a scenario may ask for (f32 stability is tested at 1000 stages). */
export const RKL2_MAX_STAGES = 2001;
/** Smallest odd stage count of the scheme. */
export const RKL2_MIN_STAGES = 3;

/**
 * Odd stage count s >= 3 with s^2 + s - 2 >= 4 dt / dtFE (the stability bound with dtFE the
 * forward-Euler limit already multiplied by any safety factor).
 */
export function rkl2Stages(dt: number, dtFE: number): number {
  const ratio = dt / dtFE;
  // s^2 + s - 2 = 4 ratio  <=>  s = sqrt(9/4 + 4 ratio) - 1/2; a hair of slack against rounding.
  let s = Math.ceil(Math.sqrt(2.25 + 4 * ratio) - 0.5 - 1e-9);
  if (s < RKL2_MIN_STAGES) s = RKL2_MIN_STAGES;
  if (s % 2 === 0) s += 1;
  return s;
}

/** The largest step s stages allow: dtFE (s^2 + s - 2) / 4 [s]. */
export const rkl2MaxStep = (s: number, dtFE: number) => (dtFE * (s * s + s - 2)) / 4;

/**
 * The substeps [s] one RKL2 step of `dt` is taken as, given the state's age `age` [s]: the
 * simulated time since its last discontinuity (a reset, a written field, an edit of anything but
 * time.*; a jump's steady state has age Infinity). RKL2 is not L-stable and not positivity
 * preserving: its polynomial stays in [0, 1] across the stiff range (Legendre extrema), so a step
 * of dt leaves the modes with lambda dt >> 1 at a fraction of their amplitude where the exact
 * solution has none, and from a discontinuous start those modes carry the jump: c left [0, 1]
 * where the fine solution does not (sweep seed 2075 #10: c 1.0015 after 39 stages of tau/20 from a
 * step of 0.1 at c = 0.999; seed 2079 #18: c -1.8e-3 after 105 stages from c = 0.069 next to a
 * wall held at 0.001). The rule: a (sub)step h is taken only where the state is at least h old, so
 * the modes it leaves undamped (lambda h >> 1) were already damped by the shorter substeps before
 * it (those with lambda h_k <~ 1 resolve them), not carried whole from the discontinuity. From
 * age >= dt: [dt]. Otherwise the step is split geometrically, [dt/2^m, dt/2^m, dt/2^(m-1), ...,
 * dt/2], m >= 1 the smallest with dt/2^m <= max(age, dtFE) (at age 0 the first substep is within
 * forward Euler's step dtFE): the substeps are powers-of-two fractions of dt, so they sum to dt
 * exactly and the state stays on the user's time grid. Cost: the stages grow as sqrt(h), so about
 * sum sqrt(2^-m) = 2.4x one step's, plus at least 3 per substep (measured: 98 passes for a 39-stage
 * step, 257 for a 105-stage one). Both backends take the same substeps (deterministic: no readback).
 */
export function rkl2Substeps(dt: number, age: number, dtFE: number): number[] {
  if (!(age < dt)) return [dt];
  const floor = Math.max(age, dtFE);
  let m = 1;
  while (dt / 2 ** m > floor && m < 60) m++;
  const steps = [dt / 2 ** m];
  for (let k = m; k >= 1; k--) steps.push(dt / 2 ** k);
  return steps;
}

/** Stage coefficients of an s-stage RKL2 step, index j = 1..s (index 0 unused). */
export interface Rkl2Coefficients {
  s: number;
  mu: Float64Array;
  nu: Float64Array;
  muTilde: Float64Array;
  gammaTilde: Float64Array;
}

export function rkl2Coefficients(s: number): Rkl2Coefficients {
  if (!Number.isInteger(s) || s < 2) throw new Error(`RKL2 needs an integer stage count >= 2, got ${s}`);
  const b = (j: number) => (j <= 2 ? 1 / 3 : (j * j + j - 2) / (2 * j * (j + 1)));
  const a = (j: number) => 1 - b(j);
  const w1 = 4 / (s * s + s - 2);
  const mu = new Float64Array(s + 1);
  const nu = new Float64Array(s + 1);
  const muTilde = new Float64Array(s + 1);
  const gammaTilde = new Float64Array(s + 1);
  muTilde[1] = b(1) * w1;
  for (let j = 2; j <= s; j++) {
    mu[j] = (((2 * j - 1) / j) * b(j)) / b(j - 1);
    nu[j] = (-((j - 1) / j) * b(j)) / b(j - 2);
    muTilde[j] = mu[j] * w1;
    gammaTilde[j] = -a(j - 1) * muTilde[j];
  }
  return { s, mu, nu, muTilde, gammaTilde };
}

/**
 * The RKL2 amplification factor R_s(z) of one super-step for dY/dt = lambda Y, z = lambda dt,
 * evaluated through the same recursion (for tests: |R| <= 1 on [-4 (s^2+s-2)/4 ... 0] and
 * R = 1 + z + z^2/2 + O(z^3)).
 */
export function rkl2Amplification(s: number, z: number): number {
  const c = rkl2Coefficients(s);
  let d2 = 0;
  let d1 = c.muTilde[1] * z;
  for (let j = 2; j <= s; j++) {
    const d = c.mu[j] * d1 + c.nu[j] * d2 + c.muTilde[j] * z * (1 + d1) + c.gammaTilde[j] * z;
    d2 = d1;
    d1 = d;
  }
  return 1 + d1;
}
