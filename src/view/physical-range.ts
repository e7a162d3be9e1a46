/**
 * The physical range of each field shown on a colour bar: a mass fraction c lies in [0, 1], an
 * absolute temperature T above 0 K; sigma (negative only in unphysical mode, marked then) and the
 * potential phi [V] have no bound. A colour range is kept inside its field's range, so no bar's
 * label ever reads a value the field cannot take (a diverging map centred on c0 = 0.05 spanning
 * -0.17 .. 0.27 becomes 0 .. 0.27). Pure: no DOM, no three.js.
 */
import type { PaneField } from './layout';
import { atLeastSpan } from './value-span';

/** Values each field can take (absolute units: K, -, W/(K m^3), V). */
export const PHYSICAL_RANGE: Record<PaneField, { lo: number; hi: number }> = {
  T: { lo: 0, hi: Infinity },
  c: { lo: 0, hi: 1 },
  sigma: { lo: -Infinity, hi: Infinity },
  phi: { lo: -Infinity, hi: Infinity },
};

/**
 * [lo, hi] cut to the field's physical range, still at least `span` wide (a range cut narrower,
 * or lying wholly outside, is `span` wide against the bound it touches: c uniform at 0 shows
 * 0 .. span). Unchanged when already inside. `span` is the field's minimum span (value-span.ts).
 */
export function withinPhysical(field: PaneField, lo: number, hi: number, span: number): { lo: number; hi: number } {
  const b = PHYSICAL_RANGE[field];
  const room = b.hi - b.lo;
  const least = Math.min(Math.max(span, 0), room);
  let a = Math.min(Math.max(lo, b.lo), b.hi);
  let z = Math.max(Math.min(hi, b.hi), b.lo);
  if (z - a >= least) return { lo: a, hi: z };
  ({ lo: a, hi: z } = atLeastSpan(a, z, least));
  if (a < b.lo) return { lo: b.lo, hi: b.lo + least };
  if (z > b.hi) return { lo: b.hi - least, hi: b.hi };
  return { lo: a, hi: z };
}
