/**
 * Page settings that are not part of the scenario (view, speed, readback, brush). The scenario JSON
 * is the persistence format; these are session state, with defaults a lecturer can start from.
 */
import type { PageSettings } from '../record/page-api';

export type { BrushKind, PageSettings, RangeSetting } from '../record/page-api';

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
      T: { auto: true, min: 295, max: 305 },
      c: { auto: true, min: 0.49, max: 0.51 },
      sigma: { auto: true, min: 0, max: 1 },
    },
    flux: 'none',
    brush: 'none',
    brushRadius: 4,
    brushKelvin: 10,
    brushFraction: 0.8,
    profileAxis: 'x',
    profileAt: 0.5,
    profileField: 'c',
  };
}
