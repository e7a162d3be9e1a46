/**
 * The least span a field's values are shown over, on a colour bar and on a plot's value axis: a
 * field uniform to round-off (T at rest: a span of 1e-6 K on 300 K, float32 noise) reads as one
 * colour and as a flat line, never as zig-zags or speckle filling the whole range. The span is at
 * least the larger of RELATIVE_SPAN x the values' magnitude and the field's absolute floor
 * (SPAN_FLOOR). A range narrower than that is widened about its middle, so a uniform field takes
 * the colormap's middle colour and sits in the middle of the plot. Pure: no DOM, no three.js.
 */
import type { PaneField } from './layout';

/** Least span relative to the largest |value| shown (float32 round-off is ~1e-7 of it). */
export const RELATIVE_SPAN = 1e-6;

/**
 * Least span per field, in its absolute unit: T 2 mK [K], c 2e-5 [-], sigma 2e-30 [W/(K m^3)]
 * (sigma = 0 stays the bottom of its range: no physical floor), phi 2 uV [V].
 */
export const SPAN_FLOOR: Record<PaneField, number> = { T: 2e-3, c: 2e-5, sigma: 2e-30, phi: 2e-6 };

/** The least span for values in [lo, hi] of `field` (absolute units: K, -, W/(K m^3), V). */
export function minimumSpan(field: PaneField, lo: number, hi: number): number {
  const magnitude = Math.max(Number.isFinite(lo) ? Math.abs(lo) : 0, Number.isFinite(hi) ? Math.abs(hi) : 0);
  return Math.max(RELATIVE_SPAN * magnitude, SPAN_FLOOR[field]);
}

/**
 * [lo, hi] widened about its middle to at least `span` (unchanged when already as wide). A range
 * with lo = hi (a uniform field) becomes middle +- span/2: its value is the middle of the range.
 */
export function atLeastSpan(lo: number, hi: number, span: number): { lo: number; hi: number } {
  if (hi - lo >= span) return { lo, hi };
  const mid = 0.5 * (lo + hi);
  return { lo: mid - 0.5 * span, hi: mid + 0.5 * span };
}

/**
 * A plot's value axis for data from `lo` to `hi`: at least `span` wide (widened about the middle),
 * plus 8 % room above and below. Non-finite ends (no data): [0, 1].
 */
export function plotRange(lo: number, hi: number, span: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  const r = atLeastSpan(Math.min(lo, hi), Math.max(lo, hi), Number.isFinite(span) ? span : 0);
  const pad = 0.08 * (r.hi - r.lo) || 1e-12;
  return [r.lo - pad, r.hi + pad];
}

/** The value axis of a field's plot (the profile): at least the field's minimum span. */
export function plotValueRange(field: PaneField, lo: number, hi: number): [number, number] {
  return plotRange(lo, hi, minimumSpan(field, lo, hi));
}

/**
 * A colour range the shader can divide by: [lo, hi] widened about its middle to at least
 * RELATIVE_SPAN of its magnitude (float32 resolves ~1e-7) and 1e-30, so that lo = hi (a uniform
 * field) maps to the middle colour, never to 1 or NaN ((v - lo) / 0). Written into `out`
 * (no allocation per frame).
 */
export function drawableRange(lo: number, hi: number, out: { lo: number; hi: number } = { lo: 0, hi: 0 }): { lo: number; hi: number } {
  const a = Math.min(lo, hi);
  const b = Math.max(lo, hi);
  const span = Math.max(RELATIVE_SPAN * Math.max(Math.abs(a), Math.abs(b)), 1e-30);
  const mid = 0.5 * (a + b);
  out.lo = b - a >= span ? a : mid - 0.5 * span;
  out.hi = b - a >= span ? b : mid + 0.5 * span;
  return out;
}

/**
 * The least range of S(t) values [W/(K m)] from `lo` to `hi`: at least RELATIVE_SPAN of `scale`,
 * the largest |S| (or part of S) the run has shown (held across its jumps and resets), or of the
 * values shown if larger. At equilibrium S is round-off of fluxes that cancel (~3e-11 of the S the
 * Nernst cell starts with): it reads as a flat line at 0, never as noise stretched over the whole
 * axis. S >= 0 (a sum of squares) stays above 0: a range widened below 0 is moved up to start at
 * 0; data below 0 (unphysical runs) keep their own range. Non-finite ends (no data): [0, 1].
 */
export function entropySpan(lo: number, hi: number, scale: number): { lo: number; hi: number } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { lo: 0, hi: 1 };
  const a = Math.min(lo, hi);
  const b = Math.max(lo, hi);
  const magnitude = Math.max(Math.abs(a), Math.abs(b), Number.isFinite(scale) ? Math.abs(scale) : 0);
  const r = atLeastSpan(a, b, RELATIVE_SPAN * magnitude);
  return a >= 0 && r.lo < 0 ? { lo: 0, hi: r.hi - r.lo } : r;
}

/** The page's S(t) axis: entropySpan plus 8 % room above and below; no data: [0, 1]. */
export function entropyPlotRange(lo: number, hi: number, scale: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  const r = entropySpan(lo, hi, scale);
  return plotRange(r.lo, r.hi, 0);
}
