/**
 * Stretched-cell cases for the multigrid (issue 8): an n x n grid whose cells are `aspect` times
 * wider (x) than tall (y), on a liquid Soret mixture, in four variants: mixed walls (fixed T,
 * convective, insulated; mass closed), the same with an obstacle, periodic x walls with a heat
 * source, and mixed walls at 97 % (or `boundFraction`) of the second-law bound on the Soret coefficient.
 */
import { parseScenario, type Validated } from '../../src/physics/validate';
import { exampleScenario, merge, type Json } from './scenarios';

export const ASPECT_VARIANTS = ['walls', 'obstacle', 'periodic', 'bound'] as const;
export type AspectVariant = (typeof ASPECT_VARIANTS)[number];

const closed = { type: 'closed' };
const insulated = { type: 'flux', value: 0 };
const periodic = { type: 'periodic' };
const T = (value: number) => ({ type: 'temperature', value });

/** The case with cells hx / hy = aspect on an n x n grid (longer side of the domain 1 cm). */
export function aspectCase(aspect: number, variant: AspectVariant, n = 16, boundFraction = 0.97): Validated {
  const width = aspect >= 1 ? 0.01 : 0.01 * aspect;
  const height = aspect >= 1 ? 0.01 / aspect : 0.01;
  const mixedWalls = {
    left: { heat: T(305), mass: closed },
    bottom: { heat: T(295), mass: closed },
    right: { heat: { type: 'convective', h: 50, ambient: 300 }, mass: closed },
    top: { heat: insulated, mass: closed },
  };
  const patch: Json = { grid: { nx: n, ny: n, width, height }, boundaries: mixedWalls };
  if (variant === 'obstacle') patch.obstacles = [{ shape: 'rect', x: [0.3 * width, 0.6 * width], y: [0.3 * height, 0.6 * height] }];
  if (variant === 'periodic') {
    patch.boundaries = {
      left: { heat: periodic, mass: periodic },
      right: { heat: periodic, mass: periodic },
      bottom: { heat: T(305), mass: closed },
      top: { heat: T(295), mass: closed },
    };
    patch.sources = [{ shape: 'rect', x: [0.2 * width, 0.45 * width], y: [0.4 * height, 0.7 * height], q: 1e5 }];
  }
  const base = parseScenario(merge(exampleScenario(), patch));
  if (variant !== 'bound') return base;
  const soret = boundFraction * base.derived.secondLaw.maxSoret;
  return parseScenario(merge(exampleScenario(), { ...patch, mixture: { soret } }));
}

/** Cell aspect ratios of the stretched-grid checks and the benchmark, 1:100 .. 100:1. */
export const ASPECTS = [0.01, 0.1, 0.2, 1, 5, 10, 100] as const;
