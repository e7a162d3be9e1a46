/**
 * The classical fin (the lecture text's heat-sink fin, "The Dance of Fluxes and Forces"): a plate
 * of thickness t (the grid's height) and length L (its width), base held at T_b (left wall), faces
 * and tip losing heat to air at T_inf with h (convective bottom, top and right walls). In the 1D
 * limit (Biot number h (t/2) / k << 1, the temperature uniform across the plate), per unit depth:
 *
 *   m = sqrt(h P / (k A_c)) = sqrt(2 h / (k t))          (P = 2 faces, A_c = t)   [1/m]
 *   theta(x) / theta_b = [cosh m(L-x) + (h/(m k)) sinh m(L-x)] / [cosh mL + (h/(m k)) sinh mL]
 *   Q = k t m theta_b [sinh mL + (h/(m k)) cosh mL] / [cosh mL + (h/(m k)) sinh mL]   [W/m]
 *
 * with theta = T - T_inf (Incropera & DeWitt, Fundamentals of Heat and Mass Transfer, 3.6.2, the
 * fin with a convective tip).
 */
import type { Scenario } from './scenario';

export interface FinTheory {
  /** Fin parameter m [1/m]. */
  m: number;
  /** Fin length L [m] and thickness t [m]. */
  L: number;
  t: number;
  /** Biot number h (t/2) / k across the half-thickness [-]: the 1D theory needs Bi << 1. */
  Bi: number;
  /** Base temperature T_b and air temperature T_inf [K]. */
  Tb: number;
  Tinf: number;
  /** Steady temperature at distance x from the base [K]. */
  T(x: number): number;
  /** Steady dT/dx at distance x from the base [K/m]. */
  dTdx(x: number): number;
  /** Steady heat flow through the base into the fin, per unit depth [W/m]. */
  heatFlow: number;
}

/**
 * The fin theory of a scenario shaped like a fin (fixed-temperature left wall; bottom, top and right
 * walls convective with one h and one ambient; no sources, obstacles, regions or thermodiffusion),
 * else undefined.
 */
export function finTheory(s: Scenario): FinTheory | undefined {
  const b = s.boundaries;
  if (b.left.heat.type !== 'temperature') return undefined;
  const faces = [b.right.heat, b.bottom.heat, b.top.heat];
  const first = faces[0];
  if (first.type !== 'convective') return undefined;
  for (const f of faces) if (f.type !== 'convective' || f.h !== first.h || f.ambient !== first.ambient) return undefined;
  if ((s.sources?.length ?? 0) > 0 || (s.obstacles?.length ?? 0) > 0 || (s.initial?.regions?.length ?? 0) > 0) return undefined;
  if (s.mixture.soret !== 0) return undefined;
  const { k } = s.mixture;
  const h = first.h;
  const L = s.grid.width;
  const t = s.grid.height;
  const Tb = b.left.heat.value;
  const Tinf = first.ambient;
  const m = Math.sqrt((2 * h) / (k * t));
  const tip = h / (m * k);
  const den = Math.cosh(m * L) + tip * Math.sinh(m * L);
  const thetaB = Tb - Tinf;
  return {
    m,
    L,
    t,
    Bi: (h * t) / (2 * k),
    Tb,
    Tinf,
    T: (x) => Tinf + (thetaB * (Math.cosh(m * (L - x)) + tip * Math.sinh(m * (L - x)))) / den,
    dTdx: (x) => (-m * thetaB * (Math.sinh(m * (L - x)) + tip * Math.cosh(m * (L - x)))) / den,
    heatFlow: (k * t * m * thetaB * (Math.sinh(m * L) + tip * Math.cosh(m * L))) / den,
  };
}
