/**
 * Page settings that are not part of the scenario (view, speed, readback, brush). The scenario JSON
 * is the persistence format; these are session state, with defaults a lecturer can start from.
 */
import type { PageSettings, PlotId, RangeMode } from '../record/page-api';
import { DEFAULT_ENTROPY_AXIS } from '../record/plot';

export type { BrushKind, PageSettings, PlotAxis, PlotId, RangeMode, RangeSetting, SigmaPart, SigmaView } from '../record/page-api';

/** The range modes by their menu labels. */
export const RANGE_MODES: Record<string, RangeMode> = {
  'automatic (each frame)': 'auto',
  'min..max (each frame)': 'minmax',
  'expand only': 'expand',
  'log₁₀, 3 decades': 'log',
  fixed: 'fixed',
};
export const PLOT_IDS: readonly PlotId[] = ['entropy', 'separation', 'totals', 'profile'];

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
    colormap: { T: 'coolwarm', c: 'coolwarm', sigma: 'inferno', phi: 'coolwarm' },
    range: {
      T: { mode: 'auto', min: 295, max: 305 },
      c: { mode: 'auto', min: 0.49, max: 0.51 },
      sigma: { mode: 'auto', min: 0, max: 1 },
      phi: { mode: 'minmax', min: -0.1, max: 0.1 },
    },
    flux: 'none',
    contours: 'none',
    contourLevels: 10,
    brush: 'none',
    brushRadius: 4,
    brushKelvin: 10,
    brushFraction: 0.8,
    profileAxis: 'x',
    profileAt: 0.5,
    profileField: 'c',
    sigmaView: 'total',
    plots: [...PLOT_IDS],
    entropyAxis: DEFAULT_ENTROPY_AXIS,
  };
}
