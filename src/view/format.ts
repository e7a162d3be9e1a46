/** Number formatting for captions, ticks and readouts (units are added by callers). */

/** A short, readable number: 3 significant digits, exponent form outside 1e-3..1e5. */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+inf' : '-inf';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(digits - 1).replace('e+', 'e');
  return Number(x.toPrecision(digits)).toString();
}

/** "Nice" tick values covering [lo, hi] (about `count` of them). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [lo];
  const raw = (hi - lo) / Math.max(1, count - 1);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * mag;
  // Whole multiples of the step (indices, not a running sum, so no drift loses the last tick).
  const out: number[] = [];
  const first = Math.ceil(lo / step - 1e-6);
  const last = Math.floor(hi / step + 1e-6);
  for (let k = first; k <= last; k++) out.push(k === 0 ? 0 : k * step);
  return out;
}

/** Unit text with superscripts for display (m^2/s -> m²/s). */
export function prettyUnit(unit: string): string {
  return unit.replace(/\^-?\d+/g, (m) =>
    m
      .slice(1)
      .split('')
      .map((ch) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(ch)] ?? (ch === '-' ? '⁻' : ch))
      .join(''),
  );
}

/** Simulated time as a readable duration. */
export function fmtDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${fmt(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(0)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

const SI_PREFIX: Record<number, string> = { 12: 'T', 9: 'G', 6: 'M', 3: 'k', 0: '', [-3]: 'm', [-6]: 'µ', [-9]: 'n', [-12]: 'p', [-15]: 'f', [-18]: 'a' };

/** The SI prefix for a power of ten that is a multiple of 3 (undefined outside a..T). */
export function siPrefix(exp: number): string | undefined {
  return SI_PREFIX[exp];
}

/**
 * The power of ten (a multiple of 3) to divide tick values by so that the largest reads between
 * 0.1 and 10^4 (0 when it already does, or when all are 0).
 */
export function tickExponent(values: readonly number[]): number {
  let big = 0;
  for (const v of values) if (Number.isFinite(v)) big = Math.max(big, Math.abs(v));
  if (big === 0 || (big >= 0.1 && big < 1e4)) return 0;
  return 3 * Math.floor(Math.log10(big) / 3 + 1e-9);
}

/**
 * Labels of evenly spaced tick values divided by 10^exp: the fewest decimals that write every
 * value exactly (to 1e-6 of the spacing), the same for all, and never "-0".
 */
export function scaledLabels(values: readonly number[], exp = 0): string[] {
  const scale = Math.pow(10, exp);
  const xs = values.map((v) => v / scale);
  let step = Infinity;
  for (let i = 1; i < xs.length; i++) step = Math.min(step, Math.abs(xs[i] - xs[i - 1]));
  if (!(step > 0 && Number.isFinite(step))) step = Math.abs(xs[0]) || 1;
  let d = 0;
  while (d < 8 && xs.some((x) => Math.abs(Number(x.toFixed(d)) - x) > step * 1e-6)) d++;
  return xs.map((x) => {
    const s = x.toFixed(d);
    return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
  });
}

/** Plot tick labels: plain between 0.1 and 10^4, else scientific with one shared exponent ("2.5e-3"). */
export function plotTickLabels(values: readonly number[]): string[] {
  const exp = tickExponent(values);
  const labels = scaledLabels(values, exp);
  if (exp === 0) return labels;
  return labels.map((l) => (Number(l) === 0 ? '0' : `${l}e${exp}`));
}

export type TimeUnit = 's' | 'min' | 'h' | 'days';
const TIME_UNITS: [TimeUnit, number][] = [
  ['days', 86400],
  ['h', 3600],
  ['min', 60],
  ['s', 1],
];

/** The unit a time axis reaching `seconds` reads best in: s below 2 min, min below 2 h, h below 2 days. */
export function timeUnit(seconds: number): { unit: TimeUnit; seconds: number } {
  for (const [unit, s] of TIME_UNITS) if (Math.abs(seconds) >= 2 * s) return { unit, seconds: s };
  return { unit: 's', seconds: 1 };
}

/** Tick labels of a time axis (values in s) in the unit of its largest value; the unit for the label. */
export function timeTickLabels(values: readonly number[]): { unit: TimeUnit; labels: string[] } {
  let big = 0;
  for (const v of values) if (Number.isFinite(v)) big = Math.max(big, Math.abs(v));
  const u = timeUnit(big);
  const scaled = values.map((v) => v / u.seconds);
  return { unit: u.unit, labels: u.unit === 's' ? plotTickLabels(scaled) : scaledLabels(scaled) };
}

/** About `count` tick positions [s] over [lo, hi] s, whole multiples of the unit that `hi` reads in. */
export function timeTicks(lo: number, hi: number, count = 5): number[] {
  const u = timeUnit(hi).seconds;
  return niceTicks(lo / u, hi / u, count).map((v) => v * u);
}
