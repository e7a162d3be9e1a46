/**
 * Colour ranges of the fields: automatic (from the latest reductions) or fixed by the user, in
 * absolute units for the colour bar and in stored units for the shader (T - T0, c - c0, sigma).
 * Diverging maps are centred on the reference state so that "hotter/colder than T0" reads at once.
 */
import type { FieldName, SimStats } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import type { ColorBarState } from '../view/colorbar';
import { COLORMAP_KIND, type ColormapName } from '../view/colormaps';
import type { FieldStyle } from '../view/field-view';
import type { PageSettings, RangeSetting } from './settings';

const UNITS: Record<FieldName, string> = { T: 'K', c: '-', sigma: 'W/(K m^3)' };
const LABELS: Record<FieldName, string> = { T: 'T', c: 'c', sigma: 'σ' };

/** Smallest half-width of an automatic diverging range (below it, f32 noise would fill the map). */
const MIN_HALF_WIDTH: Record<FieldName, number> = { T: 1e-3, c: 1e-5, sigma: 1e-30 };

export interface AbsoluteRange {
  lo: number;
  hi: number;
}

/** The absolute range to show for a field. `ref` is T0 or c0 (0 for sigma). */
export function fieldRange(field: FieldName, setting: RangeSetting, colormap: ColormapName, stats: SimStats | undefined, ref: number): AbsoluteRange {
  if (!setting.auto) return { lo: setting.min, hi: setting.max > setting.min ? setting.max : setting.min + MIN_HALF_WIDTH[field] };
  if (!stats) return field === 'sigma' ? { lo: 0, hi: 1e-12 } : { lo: ref - MIN_HALF_WIDTH[field], hi: ref + MIN_HALF_WIDTH[field] };
  const s = stats[field];
  const lo = Number.isFinite(s.min) ? s.min : ref;
  const hi = Number.isFinite(s.max) ? s.max : ref;
  if (COLORMAP_KIND[colormap] === 'diverging') {
    const m = Math.max(Math.abs(lo - ref), Math.abs(hi - ref), MIN_HALF_WIDTH[field]);
    return { lo: ref - m, hi: ref + m };
  }
  if (field === 'sigma') {
    const top = Math.max(hi, MIN_HALF_WIDTH.sigma);
    return { lo: Math.min(0, lo), hi: top };
  }
  if (hi - lo < 2 * MIN_HALF_WIDTH[field]) return { lo: (lo + hi) / 2 - MIN_HALF_WIDTH[field], hi: (lo + hi) / 2 + MIN_HALF_WIDTH[field] };
  return { lo, hi };
}

/**
 * Writes a field's display style (shader range in stored units) and colour-bar state (absolute
 * units) for the given reductions into `style` and `bar` (reused objects: nothing is allocated).
 * The frame loop and the recorder both use it, so the view and the bars always agree.
 */
export function displayStyle(field: FieldName, settings: PageSettings, v: Validated, stats: SimStats | undefined, style: FieldStyle, bar: ColorBarState): void {
  const { T0, c0 } = v.scenario.reference;
  const ref = field === 'T' ? T0 : field === 'c' ? c0 : 0;
  const colormap = settings.colormap[field];
  const r = fieldRange(field, settings.range[field], colormap, stats, ref);
  const markNegative = field === 'sigma' && v.scenario.allowUnphysical;
  style.colormap = colormap;
  style.lo = r.lo - ref;
  style.hi = r.hi - ref;
  style.markNegative = markNegative;
  bar.colormap = colormap;
  bar.lo = r.lo;
  bar.hi = r.hi;
  bar.label = LABELS[field];
  bar.unit = UNITS[field];
  bar.showNegative = markNegative;
}
