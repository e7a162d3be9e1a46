/**
 * Page settings that are not part of the scenario (view, speed, readback, brush). The scenario JSON
 * is the persistence format; these are session state, with defaults a lecturer can start from.
 */
import type { SchemeName } from '../physics/scenario';
import type { FieldName } from '../physics/simulation';
import type { ColormapName } from '../view/colormaps';
import type { FluxOverlay } from '../view/flux-arrows';
import type { ViewMode } from '../view/layout';

export type BrushKind = 'none' | 'heat' | 'cold' | 'solute' | 'solvent' | 'wall';

/**
 * How a colour range is chosen: 'auto' each readback (diverging maps centred on the reference,
 * sigma from 0 to its max), 'minmax' each readback from the field's min to its max, 'expand' the
 * automatic range but never shrinking (until a reset or load), 'log' log10 of the value over the
 * 3 decades below the max (sigma), 'fixed' min..max as set (e.g. to the range a run will reach).
 */
export type RangeMode = 'auto' | 'minmax' | 'expand' | 'log' | 'fixed';
export const RANGE_MODES: Record<string, RangeMode> = {
  'automatic (each frame)': 'auto',
  'min..max (each frame)': 'minmax',
  'expand only': 'expand',
  'log₁₀, 3 decades': 'log',
  fixed: 'fixed',
};

export interface RangeSetting {
  mode: RangeMode;
  /** Fixed range in absolute units (K, -, W/(K m^3)). */
  min: number;
  max: number;
  /** 'expand': start from min..max (the range expected, e.g. for a recording) instead of the first frame. */
  from?: boolean;
}

/** Which part of the entropy production the sigma pane shows (physics/entropy-parts.ts). */
export type SigmaView = 'total' | 'heat' | 'mass';
/** The plots under the fields. */
export type PlotId = 'entropy' | 'separation' | 'totals' | 'profile';
export const PLOT_IDS: readonly PlotId[] = ['entropy', 'separation', 'totals', 'profile'];
/** The y axis of the time series: linear, log10, or following the most recent half of the run. */
export type PlotAxis = 'linear' | 'log' | 'recent';

export interface PageSettings {
  playing: boolean;
  /** Requested simulated seconds per wall-clock second (0: the scenario's default). */
  speed: number;
  /**
   * 'auto': the scheme and step follow the speed (src/ui/speed.ts); else that scheme, its step
   * following the speed. A scenario whose time.dt is a number runs as written either way.
   */
  schemeMode: 'auto' | SchemeName;
  /** Time steps queued per displayed frame; 0: as many as the speed asks (benchmarks fix it). */
  stepsPerFrame: number;
  /** Reductions and field snapshots per second (0: only on demand). */
  readbackHz: number;
  /** Also copy the three fields (sigma map, probe, profile, arrows) at each readback. */
  fieldReadback: boolean;
  view: ViewMode;
  surfaceField: FieldName;
  /** Height of the 3D surface relative to the domain's shorter side. */
  surfaceHeight: number;
  colormap: Record<FieldName, ColormapName>;
  range: Record<FieldName, RangeSetting>;
  flux: FluxOverlay;
  brush: BrushKind;
  /** Brush radius in cells. */
  brushRadius: number;
  /** Temperature raise/drop of the heat/cold brushes [K]. */
  brushKelvin: number;
  /** Mass fraction the solute brush raises cells to (solvent: lowers to 1 - this) [-]. */
  brushFraction: number;
  /** Profile line: along x at row fraction, or along y at column fraction. */
  profileAxis: 'x' | 'y';
  profileAt: number;
  profileField: FieldName;
  /** The part of sigma the sigma pane (and its 3D surface) shows. */
  sigmaView: SigmaView;
  /** Plots shown, in order. */
  plots: PlotId[];
  /** The y axis of the S(t) plot. */
  entropyAxis: PlotAxis;
}

export function defaultSettings(): PageSettings {
  return {
    playing: true,
    speed: 0,
    schemeMode: 'auto',
    stepsPerFrame: 0,
    readbackHz: 4,
    fieldReadback: true,
    view: 'all',
    surfaceField: 'c',
    surfaceHeight: 0.4,
    colormap: { T: 'coolwarm', c: 'coolwarm', sigma: 'inferno' },
    range: {
      T: { mode: 'auto', min: 295, max: 305 },
      c: { mode: 'auto', min: 0.49, max: 0.51 },
      sigma: { mode: 'auto', min: 0, max: 1 },
    },
    flux: 'none',
    brush: 'none',
    brushRadius: 4,
    brushKelvin: 10,
    brushFraction: 0.8,
    profileAxis: 'x',
    profileAt: 0.5,
    profileField: 'c',
    sigmaView: 'total',
    plots: [...PLOT_IDS],
    entropyAxis: 'recent',
  };
}
