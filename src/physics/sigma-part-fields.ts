/**
 * The three parts of sigma per cell, for the page's map views (physics.md 1, 9): heat
 * k_eff |grad T|^2 / T^2 and mass mu_c |J1|^2 / (rho D T) (entropy-parts.ts, from the face fluxes)
 * and chemical R r ln(rf/rb) (reaction-field.ts; 0 without a reaction). They add up to sigma.
 * Fields are the stored deviations u = T - T0 [K], v = c - c0 [-], row-major, row 0 at the bottom.
 */
import { entropyParts, type EntropyPart } from './entropy-parts';
import { reactionConstantsOf } from './reaction';
import { addSigmaChem } from './reaction-field';
import { solidOf } from './snapshot-stats';
import type { Validated } from './validate';

export type SigmaPart = EntropyPart | 'chemical';
export const SIGMA_PARTS: readonly SigmaPart[] = ['heat', 'mass', 'chemical'];
export type SigmaPartFields = Record<SigmaPart, Float64Array>;

/** Heat, mass and chemical parts of sigma [W K^-1 m^-3] per cell (reusing `out`'s arrays when given). */
export function sigmaPartFields(sv: Validated, u: ArrayLike<number>, v: ArrayLike<number>, out?: SigmaPartFields): SigmaPartFields {
  const { heat, mass } = entropyParts(sv, u, v, out);
  const chemical = out?.chemical.length === u.length ? out.chemical : new Float64Array(u.length);
  chemical.fill(0);
  const k = reactionConstantsOf(sv.scenario);
  if (k) addSigmaChem(k, sv.scenario.reference, u, v, solidOf(sv), chemical);
  return { heat, mass, chemical };
}
