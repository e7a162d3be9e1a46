/**
 * What each preset opens with on the page (and in its recordings): the sigma pane's part and
 * range, the plots and the profile's field, chosen to show that preset's story. Page settings,
 * not scenario: a scenario file never carries them. A scenario that is not a preset (by name)
 * gets the defaults.
 */
import { PRESET_IDS, presetFile } from '../physics/presets';
import type { Validated } from '../physics/validate';
import { defaultSettings, type PageSettings } from './settings';

/**
 * Contour lines and arrows are part of a preset's view too: the ions' open with them, every other
 * preset with none, so that leaving an ion preset does not carry its equipotentials and current
 * arrows into a scenario that has no potential (a lecturer expects the new preset's own view).
 */
type View = Pick<PageSettings, 'view' | 'sigmaView' | 'plots' | 'profileField' | 'profileAxis' | 'profileAt' | 'entropyAxis' | 'range' | 'contours' | 'flux' | 'colormap'>;

/**
 * `cMap`: the colormap of c where the default (diverging about c0) does not suit: a c0 at the
 * edge of what c reaches (salt: pure water 0 up to the brine's 0.265 about c0 = 0.05) would leave
 * the diverging map's lower half unused (c < 0 does not exist), so c takes a sequential map.
 */
function view(patch: Partial<Omit<View, 'range' | 'colormap'>> & { sigmaRange?: PageSettings['range']['sigma']['mode']; cMap?: PageSettings['colormap']['c'] }): View {
  const d = defaultSettings();
  const { sigmaRange, cMap, ...rest } = patch;
  const range = d.range;
  if (sigmaRange) range.sigma.mode = sigmaRange;
  const colormap = d.colormap;
  if (cMap) colormap.c = cMap;
  return {
    colormap,
    view: d.view,
    sigmaView: d.sigmaView,
    plots: d.plots,
    profileField: d.profileField,
    profileAxis: d.profileAxis,
    profileAt: d.profileAt,
    entropyAxis: d.entropyAxis,
    contours: d.contours,
    flux: d.flux,
    range,
    ...rest,
  };
}

const VIEWS: Record<string, () => View> = {
  // Ions (issue 10): c beside the potential with its equipotentials, the ionic current as
  // arrows (diffusion white, drift black: equal and opposite at the Nernst voltage).
  'ion-channel': () => view({ view: 'c-phi', contours: 'phi', flux: 'current', plots: ['profile', 'entropy'], profileField: 'c' }),
  'nernst-cell': () => view({ view: 'c-phi', contours: 'phi', flux: 'current', plots: ['profile', 'entropy', 'totals'], profileField: 'c' }),
  // The Soret story is the mass part of sigma and the separation growing.
  // S(t) on a log axis: the mass part sits orders of magnitude under the heat part.
  'soret-cell': () => view({ sigmaView: 'mass', plots: ['separation', 'entropy', 'profile'], profileField: 'c', entropyAxis: 'log' }),
  // Entropy produced most where the rod is coldest: sigma's profile against k (dT/dx)^2 / T^2.
  // S_T = 0: c never changes, so its pane is left out.
  'ness-rod': () => view({ view: 'T-sigma', sigmaRange: 'minmax', plots: ['profile', 'entropy', 'totals'], profileField: 'sigma' }),
  'dufour-gas': () => view({ plots: ['separation', 'entropy', 'profile', 'totals'], profileField: 'T' }),
  // sigma spans decades from the source's edge to the walls.
  'hot-spot': () => view({ sigmaRange: 'log', plots: ['entropy', 'profile', 'totals'], profileField: 'c' }),
  'heat-sink-fin': () => view({ view: 'T-sigma', sigmaRange: 'minmax', plots: ['entropy', 'profile', 'totals'], profileField: 'T' }),
  // The salty layer grows up from the crystal (bottom): c along y against erfc.
  'salt-dissolving': () => view({ sigmaView: 'mass', sigmaRange: 'log', cMap: 'viridis', plots: ['profile', 'entropy', 'totals'], profileField: 'c', profileAxis: 'y' }),
  // The reaction's presets leave room in the plot row for the rate-affinity plot; sigma is chemical.
  'no2-box': () => view({ sigmaView: 'chemical', plots: ['entropy', 'totals'] }),
  // Its chemical sigma peaks in the wall cells: on a log range the interior's shows too.
  'reactive-conduction': () => view({ sigmaView: 'chemical', sigmaRange: 'log', plots: ['profile', 'entropy'], profileField: 'T' }),
  // Conduction only (S_T = 0): T and where sigma is produced; c never changes.
  'coffee-cooling': () => view({ view: 'T-sigma', plots: ['totals', 'entropy', 'profile'], profileField: 'T', profileAxis: 'y' }),
};

/** The preset a scenario is (by its name), if any. */
export function presetIdOf(v: Validated): string | undefined {
  return PRESET_IDS.find((id) => (presetFile(id) as { name?: string }).name === v.scenario.name);
}

/** The view settings a scenario opens with. */
export function presetView(v: Validated): View {
  const id = presetIdOf(v);
  return (id && VIEWS[id]?.()) || view({});
}
