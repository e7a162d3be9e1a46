/**
 * Scenarios covering every wall type, obstacles, sources, periodic seams and an unphysical
 * Dufour coefficient on a 64 x 48 grid, with a strongly coupled mixture (Du Sr = 0.6): shared by
 * the GPU = CPU tests of every time scheme.
 */
import type { Validated } from '../../src/physics/validate';
import { soretForDuSr, unitMixture } from './cases';
import { scenario, type Json } from './scenarios';

export const grid = { nx: 64, ny: 48, width: 1, height: 0.75 };
export const strong = unitMixture(0.5, soretForDuSr(0.6, 0.5, 300, 0.5));
const T = (value: number) => ({ type: 'temperature', value });
const closed = { type: 'closed' };
const conc = (value: number) => ({ type: 'concentration', value });
const periodic = { heat: { type: 'periodic' }, mass: { type: 'periodic' } };
export const blob = { shape: 'circle', center: [0.45, 0.35], radius: 0.15, T: 312, c: 0.62 };
export const bar = { shape: 'rect', x: [0.7, 0.8], y: [0.1, 0.6], c: 0.35 };

export const wallCases: [string, Json][] = [
  [
    'temperature walls, closed to mass',
    { boundaries: { left: { heat: T(310), mass: closed }, right: { heat: T(290), mass: closed }, bottom: { heat: T(300), mass: closed }, top: { heat: T(305), mass: closed } } },
  ],
  [
    'flux walls and reservoirs',
    {
      boundaries: {
        left: { heat: { type: 'flux', value: 400 }, mass: conc(0.6) },
        right: { heat: { type: 'flux', value: -150 }, mass: closed },
        bottom: { heat: { type: 'flux', value: 0 }, mass: conc(0.4) },
        top: { heat: T(295), mass: conc(0.55) },
      },
    },
  ],
  [
    'convective walls, an obstacle and a heat source',
    {
      boundaries: {
        left: { heat: { type: 'convective', h: 300, ambient: 320 }, mass: closed },
        right: { heat: { type: 'convective', h: 50, ambient: 280 }, mass: conc(0.45) },
        bottom: { heat: { type: 'convective', h: 10, ambient: 300 }, mass: closed },
        top: { heat: { type: 'flux', value: 0 }, mass: closed },
      },
      obstacles: [{ shape: 'rect', x: [0.2, 0.3], y: [0.2, 0.5] }],
      sources: [{ shape: 'circle', center: [0.6, 0.5], radius: 0.08, q: 2e4 }],
    },
  ],
  ['periodic along x', { boundaries: { left: periodic, right: periodic, bottom: { heat: T(290), mass: conc(0.5) }, top: { heat: T(310), mass: closed } } }],
  [
    'periodic along both axes, with an obstacle and a source',
    {
      boundaries: { left: periodic, right: periodic, bottom: periodic, top: periodic },
      obstacles: [{ shape: 'circle', center: [0.1, 0.1], radius: 0.12 }],
      sources: [{ shape: 'rect', x: [0.8, 0.95], y: [0.5, 0.7], q: -1e4 }],
    },
  ],
  [
    // D_F = -5 D_T: the symmetric part (D_T + D_F)/2 = -2 D_T breaks the second law (sigma < 0
    // somewhere) while the dynamics stay stable (complex eigenvalues, positive real part).
    'unphysical Dufour (D_F = -5 D_T, sigma goes negative)',
    {
      allowUnphysical: true,
      mixture: { ...strong, dufour: -5 * (strong.soret as number) * 0.5 },
      boundaries: { left: { heat: T(310), mass: closed }, right: { heat: T(290), mass: closed }, bottom: { heat: T(300), mass: closed }, top: { heat: T(300), mass: closed } },
    },
  ],
];

export function caseScenario(patch: Json): Validated {
  return scenario({
    grid,
    mixture: strong,
    reference: { T0: 300, c0: 0.5 },
    initial: { T: 300, c: 0.5, regions: [blob, bar] },
    sources: [],
    obstacles: [],
    ...patch,
  });
}

/** max |a - b| / max |b - offset| over the grid. */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>, offset: number): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i] - offset));
  }
  return diff / scale;
}

