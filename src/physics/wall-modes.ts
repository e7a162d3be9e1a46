/**
 * The slowest relaxation of heat set by the walls (physics.md 6b's tau_slow assumes fixed values at
 * both ends of the longer side, L^2 / (pi^2 lambda)). A convective wall of small Biot number
 * Bi = h L / k holds heat back: with an insulated opposite wall the slowest mode decays at
 * kappa mu^2 / L^2, mu tan mu = Bi, i.e. at h / (rho cp L) for Bi << 1, far slower than
 * pi^2 kappa / L^2. Sweep seed 2057 draw 25 (175 x 1, h = 2.57 W/(m^2 K), flux 0 opposite):
 * tau_slow = 1.5 s from D, the heat mode 91 s, and a run of 60 tau_slow was still 0.22 of the
 * span off its steady T.
 */
import type { HeatWall, Scenario } from './scenario';

/** Biot number of a heat wall on an axis of length L [m] (Infinity: fixed T; 0: fixed flux; null: periodic). */
function biot(w: HeatWall, L: number, k: number): number | null {
  switch (w.type) {
    case 'temperature':
      return Infinity;
    case 'flux':
      return 0;
    case 'convective':
      return (w.h * L) / k;
    default:
      return null;
  }
}

/**
 * The smallest root mu >= 0 of the 1-D mode between walls of Biot numbers a and b (Infinity: a
 * fixed value, 0: a fixed flux): (mu^2 - a b) sin mu = mu (a + b) cos mu, in (0, pi] unless both
 * are 0 (the constant mode, mu = 0). Dirichlet at both ends gives pi, Dirichlet-Neumann pi / 2.
 */
export function slowestWallRoot(a: number, b: number): number {
  if (a === 0 && b === 0) return 0;
  const A = Math.min(a, 1e12);
  const B = Math.min(b, 1e12);
  const f = (mu: number) => (mu * mu - A * B) * Math.sin(mu) - mu * (A + B) * Math.cos(mu);
  let lo = 0;
  let hi = Math.PI; // f < 0 just above 0, f(pi) = pi (A + B) > 0
  for (let k = 0; k < 100; k++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * The slowest decay time of heat [s] set by the walls: 1 / (kappa (mu_x^2 / W^2 + mu_y^2 / H^2)),
 * each axis' mu from its two walls (a periodic axis: 0), obstacles ignored; 0 when no wall mode
 * decays (heat fixed nowhere: the total is kept, and the slowest decaying mode is pi^2 kappa / L^2,
 * which physics.md's tau_slow already bounds).
 */
export function heatWallRelaxationTime(s: Pick<Scenario, 'grid' | 'boundaries'>, k: number, rhoCp: number): number {
  const { width, height } = s.grid;
  const b = s.boundaries;
  const axis = (lo: HeatWall, hi: HeatWall, L: number) => {
    const a = biot(lo, L, k);
    const c = biot(hi, L, k);
    return a === null || c === null ? 0 : slowestWallRoot(a, c) ** 2 / (L * L);
  };
  const rate = (k / rhoCp) * (axis(b.left.heat, b.right.heat, width) + axis(b.bottom.heat, b.top.heat, height));
  return rate > 0 ? 1 / rate : 0;
}
