/**
 * Analytic curves for the profile plot where theory gives one (physics.md section 6):
 * a closed cell between two fixed-temperature walls (left/right), insulated and closed elsewhere,
 * uniform start, no sources, reaction or obstacles, reaches a steady state with T linear in x,
 * logit c = a - S_T (T - T0) (solute conserved) and sigma = k_eff |dT/dx|^2 / T^2 (J1 = 0).
 * This covers the Soret cell and the rod between fire and ice; the heat-sink fin gets the classical
 * fin theory (physics/fin.ts). With ions (charge z != 0) between two voltage walls left and right,
 * insulating elsewhere, phi is linear in x and the zero-flux state adds the Boltzmann (Fermi, in
 * logit form) term: logit c = a - S_T (T - T0) - z F phi / (R T) (physics.md case g: the Nernst cell).
 */
import { FARADAY, soretSteadyProfile } from '../physics/analytic';
import { GAS_CONSTANT } from '../physics/thermo';
import { finTheory } from '../physics/fin';
import type { FieldName } from '../physics/simulation';
import { keff } from '../physics/thermo';
import type { Validated } from '../physics/validate';

export interface AnalyticProfile {
  label: string;
  /** The value at position s [m] along the profile line. */
  at(s: number): number;
}

/** The analytic steady profile of `field` along `axis`, or undefined where none applies. */
export function analyticProfile(v: Validated, field: FieldName, axis: 'x' | 'y'): AnalyticProfile | undefined {
  const s = v.scenario;
  const b = s.boundaries;
  if (axis !== 'x') return undefined;
  const fin = finProfile(v, field);
  if (fin) return fin;
  if (b.left.heat.type !== 'temperature' || b.right.heat.type !== 'temperature') return undefined;
  for (const side of ['bottom', 'top'] as const) {
    const h = b[side].heat;
    if (h.type !== 'flux' || h.value !== 0) return undefined;
  }
  for (const side of ['left', 'right', 'bottom', 'top'] as const) if (b[side].mass.type !== 'closed') return undefined;
  if ((s.sources?.length ?? 0) > 0 || (s.obstacles?.length ?? 0) > 0 || (s.initial?.regions?.length ?? 0) > 0) return undefined;
  // A reaction is a source: its heat and composition change bend T away from linear.
  if (s.reaction) return undefined;
  const TL = b.left.heat.value;
  const TR = b.right.heat.value;
  const W = s.grid.width;
  const T = (x: number) => TL + ((TR - TL) * x) / W;
  const cMean = s.initial?.c ?? s.reference.c0;
  const ST = s.mixture.soret;
  const label = 'steady state (analytic)';
  if (field === 'T') return { label, at: T };
  const phi = linearPotential(v);
  if (phi === null) return undefined;
  // The exponent S_T T + z F phi / (R T) as one "temperature" with unit Soret coefficient.
  const z = s.mixture.charge ?? 0;
  const exponent = phi ? (x: number) => ST * T(x) + (z * FARADAY * phi(x)) / (GAS_CONSTANT * T(x)) : undefined;
  const c = exponent ? soretSteadyProfile(1, exponent, W, cMean, 512) : ST === 0 ? () => cMean : soretSteadyProfile(ST, T, W, cMean, 512);
  if (field === 'c') return { label, at: c };
  const grad = (TR - TL) / W;
  const m = v.derived.material;
  return { label, at: (x) => (keff(m, T(x), c(x)) * grad * grad) / (T(x) * T(x)) };
}

/**
 * phi(x) [V] where ions drift: linear between a voltage wall on the left and one on the right, the
 * other walls insulating; undefined without ions or voltage walls (no drift); null where some other
 * electric set-up makes phi two-dimensional (no analytic profile then).
 */
function linearPotential(v: Validated): ((x: number) => number) | undefined | null {
  const s = v.scenario;
  const e = (side: 'left' | 'right' | 'bottom' | 'top') => s.boundaries[side].electric;
  const sides = ['left', 'right', 'bottom', 'top'] as const;
  if (!(s.mixture.charge ?? 0) || sides.every((side) => e(side)?.type !== 'voltage')) return undefined;
  const L = e('left');
  const R = e('right');
  if (L?.type !== 'voltage' || R?.type !== 'voltage' || e('bottom')?.type === 'voltage' || e('top')?.type === 'voltage') return null;
  const W = s.grid.width;
  return (x) => L.value + ((R.value - L.value) * x) / W;
}

/** The heat-sink fin's steady profile from the classical fin theory (physics/fin.ts), 1D limit. */
function finProfile(v: Validated, field: FieldName): AnalyticProfile | undefined {
  const fin = finTheory(v.scenario);
  if (!fin) return undefined;
  const label = `fin theory (mL = ${(fin.m * fin.L).toFixed(2)}, Bi = ${fin.Bi.toExponential(1)})`;
  if (field === 'T') return { label, at: fin.T };
  if (field === 'c') return { label, at: () => v.scenario.initial?.c ?? v.scenario.reference.c0 };
  const k = v.scenario.mixture.k;
  return { label, at: (x) => (k * fin.dTdx(x) ** 2) / fin.T(x) ** 2 };
}
