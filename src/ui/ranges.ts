/**
 * Colour ranges of the fields (settings.range[field].mode): automatic per readback, min..max,
 * expand only, log10 over 3 decades (sigma), or fixed, in absolute units for the colour bar and in
 * stored units for the shader (T - T0, c - c0, sigma). Diverging maps are centred on the reference
 * state so that "hotter/colder than T0" reads at once, their ends cut to the field's physical
 * range (c in [0, 1], T > 0: src/view/physical-range.ts). The sigma pane may show a part of sigma
 * (settings.sigmaView); the parts' reductions come with the readback (sigma-parts.ts).
 */
import type { FieldName, FieldStats, SimStats } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import type { ColorBarState } from '../view/colorbar';
import { COLORMAP_KIND, type ColormapName } from '../view/colormaps';
import type { PaneField } from '../view/layout';
import type { FieldStyle } from '../view/field-view';
import { atLeastSpan, minimumSpan } from '../view/value-span';
import { withinPhysical } from '../view/physical-range';
import type { PageSettings, RangeMode, RangeSetting, SigmaPart, SigmaView } from './settings';

const UNITS: Record<FieldName, string> = { T: 'K', c: '-', sigma: 'W/(K m^3)' };
const LABELS: Record<FieldName, string> = { T: 'T', c: 'c', sigma: 'σ' };
const SIGMA_LABELS: Record<SigmaView, string> = { total: 'σ', heat: 'σ heat part', mass: 'σ mass part', chemical: 'σ chemical part' };
const MODE_NOTES: Record<RangeMode, string> = { auto: '', minmax: 'min..max', expand: 'expand only', log: '3 decades', fixed: 'fixed range' }; // (the label says log₁₀ already)

/**
 * Smallest half-width of a range of values around `lo`..`hi` (below it, f32 noise would fill the
 * map): half the minimum span of src/view/value-span.ts, the rule the profile plot follows too.
 */
const minHalfWidth = (field: PaneField, lo: number, hi: number) => 0.5 * minimumSpan(field, lo, hi);
/** Decades a log range spans below its max. */
const LOG_DECADES = 3;

export interface AbsoluteRange {
  lo: number;
  hi: number;
}

/** Reductions of the parts of sigma, attached to the readback's stats they were computed with. */
const partStats = new WeakMap<SimStats, Record<SigmaPart, FieldStats>>();

export function attachPartStats(stats: SimStats, parts: Record<SigmaPart, FieldStats>): void {
  partStats.set(stats, parts);
}

export function partStatsOf(stats: SimStats | undefined): Record<SigmaPart, FieldStats> | undefined {
  return stats ? partStats.get(stats) : undefined;
}

/** Units and labels of every pane field: the stored fields' and the potential phi's [V]. */
const PANE_UNITS: Record<PaneField, string> = { ...UNITS, phi: 'V' };
const PANE_LABELS: Record<PaneField, string> = { ...LABELS, phi: 'φ' };

/** Reductions of the potential phi [V] over the fluid cells, per user scenario (src/ui/potential.ts). */
const phiStats = new WeakMap<Validated, FieldStats>();

export function attachPhiStats(v: Validated, s: FieldStats): void {
  phiStats.set(v, s);
}

/** The reductions of what a pane shows: a field, or (sigma pane) the part of sigma chosen. */
function shownStats(field: PaneField, view: SigmaView, stats: SimStats | undefined, v: Validated): FieldStats | undefined {
  if (field === 'phi') return phiStats.get(v);
  if (!stats) return undefined;
  if (field === 'sigma' && view !== 'total') return partStatsOf(stats)?.[view] ?? stats.sigma;
  return stats[field];
}

/** Expand-only memory per field: the widest range since `owner` (a scenario object) took over. */
const expanded = new Map<string, { owner: object; simTime: number; lo: number; hi: number }>();

/** The automatic range of `s` (min, max of the shown quantity); `ref` is T0, c0 or 0 for sigma. */
function automatic(field: PaneField, mode: RangeMode, colormap: ColormapName, s: FieldStats | undefined, ref: number): AbsoluteRange {
  if (!s) return field === 'sigma' ? { lo: 0, hi: 1e-12 } : atLeastSpan(ref, ref, minimumSpan(field, ref, ref));
  const lo = Number.isFinite(s.min) ? s.min : ref;
  const hi = Number.isFinite(s.max) ? s.max : ref;
  if (mode !== 'minmax' && COLORMAP_KIND[colormap] === 'diverging') {
    // A uniform field (to round-off) takes the middle colour, also away from the reference (the
    // NO2 box at 378 K: not the top red of a range 218..378 K centred on T0 = 298 K).
    const least = minimumSpan(field, lo, hi);
    if (hi - lo < least) return atLeastSpan(lo, hi, least);
    const m = Math.max(Math.abs(lo - ref), Math.abs(hi - ref), minHalfWidth(field, lo, hi));
    return { lo: ref - m, hi: ref + m };
  }
  // sigma from 0 (a sequential map): 0 is its bottom colour, whatever the noise above it; a
  // uniform sigma > 0 (to round-off) is the middle of [0, 2 sigma], as every uniform field is.
  if (field === 'sigma' && mode !== 'minmax') {
    const top = hi > 0 && hi - lo < minimumSpan(field, lo, hi) ? 2 * hi : hi;
    return { lo: Math.min(0, lo), hi: Math.max(top, minHalfWidth(field, 0, 0)) };
  }
  // min..max: a uniform field (to round-off) takes the middle colour.
  return atLeastSpan(lo, hi, minimumSpan(field, lo, hi));
}

/**
 * The absolute range to show (for 'log': log10 of the values). `owner` identifies the run an
 * expanding range belongs to (a new scenario object, or time going back, starts it again).
 */
export function fieldRange(
  field: PaneField,
  setting: RangeSetting,
  colormap: ColormapName,
  s: FieldStats | undefined,
  ref: number,
  run?: { owner: object; simTime: number; key: string },
): AbsoluteRange {
  const mode = setting.mode === 'log' && field !== 'sigma' ? 'auto' : setting.mode;
  // A fixed range of zero width is widened about its value (that value: the middle colour).
  if (mode === 'fixed') return setting.max > setting.min ? { lo: setting.min, hi: setting.max } : atLeastSpan(setting.min, setting.min, minimumSpan(field, setting.min, setting.min));
  const held = (mode === 'expand' || mode === 'log') && setting.from === true;
  let r: AbsoluteRange;
  if (mode === 'log') {
    const max = Math.max(s && Number.isFinite(s.max) ? s.max : 0, held ? setting.max : 0, 1e-30);
    // A uniform sigma (to round-off) sits in the middle of its decades, not at the top colour.
    const uniform = !held && s !== undefined && s.max > 0 && s.max - s.min < minimumSpan(field, s.min, s.max);
    const top = Math.log10(max) + (uniform ? LOG_DECADES / 2 : 0);
    r = { lo: top - LOG_DECADES, hi: top };
    if (!held) return r;
  } else r = automatic(field, mode, colormap, s, ref);
  if (mode === 'expand' && setting.from) {
    r = { lo: Math.min(r.lo, setting.min), hi: Math.max(r.hi, setting.max) };
    if (COLORMAP_KIND[colormap] === 'diverging') {
      const m = Math.max(Math.abs(r.lo - ref), Math.abs(r.hi - ref));
      r = { lo: ref - m, hi: ref + m };
    }
  }
  if ((mode !== 'expand' && !held) || !run) return r;
  const prev = expanded.get(run.key);
  if (!prev || prev.owner !== run.owner || run.simTime < prev.simTime) {
    expanded.set(run.key, { owner: run.owner, simTime: run.simTime, ...r });
    return r;
  }
  prev.simTime = run.simTime;
  prev.lo = Math.min(prev.lo, r.lo);
  prev.hi = Math.max(prev.hi, r.hi);
  // A log range keeps its 3 decades below the (risen) top.
  if (mode === 'log') prev.lo = prev.hi - LOG_DECADES;
  return { lo: prev.lo, hi: prev.hi };
}

/**
 * Writes a field's display style (shader range in stored units) and colour-bar state (absolute
 * units) for the given reductions into `style` and `bar` (reused objects: nothing is allocated
 * per call beyond the expand-only memory). The frame loop and the recorder both use it, so the
 * view and the bars always agree. `memory` names the expand-only memory ('page', 'record').
 */
export function displayStyle(field: PaneField, settings: PageSettings, v: Validated, stats: SimStats | undefined, style: FieldStyle, bar: ColorBarState, memory = 'page'): void {
  const { T0, c0 } = v.scenario.reference;
  const ref = field === 'T' ? T0 : field === 'c' ? c0 : 0;
  const colormap = settings.colormap[field];
  const setting = settings.range[field];
  const log = field === 'sigma' && setting.mode === 'log';
  const run = stats ? { owner: v, simTime: stats.simTime, key: `${memory}|${field}|${field === 'sigma' ? settings.sigmaView : ''}` } : undefined;
  const range = fieldRange(field, setting, colormap, shownStats(field, settings.sigmaView, stats, v), ref, run);
  // Inside the field's physical range (c in [0, 1], T > 0): no bar label reads a value it cannot take.
  const r = log ? range : withinPhysical(field, range.lo, range.hi, minimumSpan(field, range.lo, range.hi));
  const markNegative = field === 'sigma' && v.scenario.allowUnphysical && !log;
  style.colormap = colormap;
  style.lo = r.lo - (log ? 0 : ref);
  style.hi = r.hi - (log ? 0 : ref);
  style.markNegative = markNegative;
  style.log = log;
  bar.colormap = colormap;
  bar.lo = r.lo;
  bar.hi = r.hi;
  const label = field === 'sigma' ? SIGMA_LABELS[settings.sigmaView] : PANE_LABELS[field];
  bar.label = log ? `log₁₀ ${label}` : label;
  bar.unit = PANE_UNITS[field];
  bar.showNegative = markNegative;
  const held = setting.from === true && (setting.mode === 'expand' || log);
  bar.note = held ? (log ? 'log₁₀, range held' : 'range held') : MODE_NOTES[log ? 'log' : setting.mode === 'log' ? 'auto' : setting.mode];
}
