/**
 * The View folder's ion controls (issue 10): the ionic current joins the flux-arrow choices, and
 * contour lines (equipotentials of phi, isotherms of T, lines of c or sigma) with their number of
 * levels. Page settings, not scenario.
 */
import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import type { PageSettings } from '../settings';

export const FLUX_CHOICES = {
  none: 'none',
  'J1 = Fick (white) + Soret (black)': 'J1',
  "Jq' = Fourier (white) + Dufour (black)": 'Jq',
  'ionic current i = diffusion (white) + drift (black)': 'current',
} as const;

export const CONTOUR_CHOICES = { none: 'none', 'equipotentials (φ)': 'phi', 'isotherms (T)': 'T', 'lines of c': 'c', 'lines of σ': 'sigma' } as const;

/** Adds the controls to the View folder `f` (its flux-arrow menu gains the ionic current). */
export function ionViewControls(f: GUI, s: PageSettings, changed: () => void, tag: <T extends { domElement: HTMLElement }>(c: T, id: string) => T): void {
  const flux = f.controllers.find((c: Controller) => c.property === 'flux');
  if (flux) tag(flux.options(FLUX_CHOICES).name('flux arrows').onChange(changed), 'flux');
  tag(f.add(s, 'contours', CONTOUR_CHOICES).name('contour lines').onChange(changed), 'contours');
  tag(f.add(s, 'contourLevels', 2, 30, 1).name('contour levels (about)').onChange(changed), 'contourLevels');
}
