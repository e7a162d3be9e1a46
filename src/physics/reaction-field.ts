/**
 * The reaction over a grid (physics.md 9): per-cell sources for the CPU reference's tendency,
 * sigma_chem per cell, the affinity field, and the summary's `reaction` key and the chemical
 * entropy part. Fields are the stored deviations u = T - T0 [K], v = c - c0 [-], row-major, row 0 at
 * the bottom; solid cells carry no reaction (0).
 */
import { reactionConstantsOf, reactionRates, sigmaChem, type ReactionConstants } from './reaction';
import { solidOf } from './snapshot-stats';
import type { FieldStats } from './simulation';
import type { Validated } from './validate';

/** The summary key `reaction` (docs/scenario.md "Optional keys"). */
export interface ReactionSummary {
  /** Integral of the net rate r over the fluid, per unit depth [mol m^-1 s^-1]. */
  rate: number;
  /** Affinity A = R T ln(rf/rb) over fluid cells [J/mol]. */
  affinity: FieldStats;
}

/** Adds the reaction's sources to a tendency: tu += -dH r [W/m^3], tv += -nu1 M1 r [kg/(m^3 s)]. */
export function addReactionSources(
  k: ReactionConstants,
  ref: { T0: number; c0: number },
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  solid: ArrayLike<number>,
  tu: Float64Array,
  tv: Float64Array,
): void {
  const m = k.nu1 * k.M1;
  for (let c = 0; c < tu.length; c++) {
    if (solid[c]) continue;
    const { r } = reactionRates(k, ref.T0 + u[c], ref.c0 + v[c]);
    tu[c] -= k.dH * r;
    tv[c] -= m * r;
  }
}

/** Adds sigma_chem [W K^-1 m^-3] to each fluid cell of `sigma`. */
export function addSigmaChem(k: ReactionConstants, ref: { T0: number; c0: number }, u: ArrayLike<number>, v: ArrayLike<number>, solid: ArrayLike<number>, sigma: Float64Array): void {
  for (let c = 0; c < sigma.length; c++) if (!solid[c]) sigma[c] += sigmaChem(k, ref.T0 + u[c], ref.c0 + v[c]);
}

/** The affinity field A [J/mol] of the stored deviations (0 in solid cells and without a reaction). */
export function affinityField(sv: Validated, u: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(u.length);
  const k = reactionConstantsOf(sv.scenario);
  if (!k) return out;
  const solid = solidOf(sv);
  const { T0, c0 } = sv.scenario.reference;
  for (let c = 0; c < u.length; c++) if (!solid[c]) out[c] = reactionRates(k, T0 + u[c], c0 + v[c]).affinity;
  return out;
}

/**
 * The summary's `reaction` key and the chemical entropy part [W K^-1 m^-1] (integral of
 * sigma_chem) of the stored deviations; undefined without a reaction.
 */
export function reactionTotals(sv: Validated, u: ArrayLike<number>, v: ArrayLike<number>): { reaction: ReactionSummary; chemical: number } | undefined {
  const k = reactionConstantsOf(sv.scenario);
  if (!k) return undefined;
  const g = sv.scenario.grid;
  const area = (g.width / g.nx) * (g.height / g.ny);
  const solid = solidOf(sv);
  const { T0, c0 } = sv.scenario.reference;
  let rate = 0;
  let chemical = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (let c = 0; c < u.length; c++) {
    if (solid[c]) continue;
    const x = reactionRates(k, T0 + u[c], c0 + v[c]);
    rate += x.r;
    chemical += sigmaChem(k, T0 + u[c], c0 + v[c]);
    min = Math.min(min, x.affinity);
    max = Math.max(max, x.affinity);
    sum += x.affinity;
    n++;
  }
  return { reaction: { rate: rate * area, affinity: { min, max, mean: sum / Math.max(n, 1) } }, chemical: chemical * area };
}
