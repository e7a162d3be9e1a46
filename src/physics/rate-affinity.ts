/**
 * The article's rate-affinity plot (physics.md 9, 6(f)): for every fluid cell of a (T, c) state,
 * the affinity in units of RT, x = A/RT = ln(rf/rb), and the net rate in units of the cell's
 * exchange rate, y = r / r_ex with r_ex = sqrt(rf rb), both from reactionRates. Mass action gives
 * y = 2 sinh(x/2) exactly (the "exact sinh law"); Onsager's linear law is y = x, true only near
 * equilibrium: r / r_lin = sinh(x/2)/(x/2) is 1.01 at |x| = LINEAR_LAW_1PCT (~0.49) and 2.42 at 5.
 */
import { reactionConstantsOf, reactionRates } from './reaction';
import { solidOf } from './snapshot-stats';
import type { Validated } from './validate';

/** The exact law y(x) = r / r_ex = 2 sinh(x/2). */
export const sinhLaw = (x: number): number => 2 * Math.sinh(x / 2);
/** Onsager's linear law y = x (r = r_ex A/RT). */
export const linearLaw = (x: number): number => x;

/** |A/RT| where the linear law is 1 % below the exact rate: sinh(x/2)/(x/2) = 1.01. */
export const LINEAR_LAW_1PCT = (() => {
  let lo = 0.1;
  let hi = 2;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (Math.sinh(mid / 2) / (mid / 2) < 1.01) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
})();

export interface RateAffinityCloud {
  /** A/RT and r / r_ex of each fluid cell with a finite exchange rate (first n entries). */
  x: Float64Array;
  y: Float64Array;
  n: number;
  /** Cells left out: r_ex = 0 (only one species present, the affinity infinite). */
  offScale: number;
  /** Fluid-cell means of A/RT and of r [mol m^-3 s^-1], and of r / r_ex over the points. */
  meanX: number;
  meanRate: number;
  meanY: number;
}

/**
 * The cloud of a state given as deviations (u = T - T0 [K], v = c - c0 [-], row-major), reusing
 * `into` when its arrays are large enough; undefined without a reaction.
 */
export function rateAffinityCloud(sv: Validated, u: ArrayLike<number>, v: ArrayLike<number>, into?: RateAffinityCloud): RateAffinityCloud | undefined {
  const k = reactionConstantsOf(sv.scenario);
  if (!k) return undefined;
  const cells = u.length;
  const out: RateAffinityCloud =
    into && into.x.length >= cells ? into : { x: new Float64Array(cells), y: new Float64Array(cells), n: 0, offScale: 0, meanX: 0, meanRate: 0, meanY: 0 };
  const solid = solidOf(sv);
  const { T0, c0 } = sv.scenario.reference;
  let n = 0;
  let fluid = 0;
  let sx = 0;
  let sr = 0;
  let sy = 0;
  let off = 0;
  for (let c = 0; c < cells; c++) {
    if (solid[c]) continue;
    const q = reactionRates(k, T0 + u[c], c0 + v[c]);
    fluid++;
    sx += q.logRatio;
    sr += q.r;
    const rex = Math.sqrt(q.rf * q.rb);
    if (!(rex > 0) || !Number.isFinite(q.r / rex)) {
      off++;
      continue;
    }
    out.x[n] = q.logRatio;
    out.y[n] = q.r / rex;
    sy += out.y[n];
    n++;
  }
  out.n = n;
  out.offScale = off;
  out.meanX = fluid ? sx / fluid : 0;
  out.meanRate = fluid ? sr / fluid : 0;
  out.meanY = n ? sy / n : NaN;
  return out;
}

/** The plot's caption: where the linear law fails. */
export function rateAffinityCaption(): string {
  return (
    `Exact (mass action): r = 2 r_ex sinh(A/2RT). Onsager's linear law r = r_ex A/RT is within 1 % ` +
    `only for |A/RT| < ${LINEAR_LAW_1PCT.toFixed(2)}, ${(sinhLaw(5) / 5).toFixed(2)}x too slow at A/RT = 5.`
  );
}
