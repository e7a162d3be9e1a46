/**
 * Sweep draws whose first RKL2 step (tau/20) from a discontinuous start left c outside [0, 1]
 * where the fine solution stays inside (before physics/rkl2.ts rkl2Substeps): the product refused
 * them, unjustified. Shared by the CPU (test/unit/rkl2-ramp.test.ts) and GPU tests.
 */
import type { Validated } from '../../src/physics/validate';
import { scenario, type Json } from './scenarios';

const periodic = { heat: { type: 'periodic' }, mass: { type: 'periodic' } };

/** Seed 2075 #10: 69 x 1, c0 = 0.999, one column at 0.899; step 2 reached c = 1.0015 (fine: <= 0.998998). */
export const overshootAtOne: Validated = scenario({
  grid: { nx: 69, ny: 1, width: 0.07641293074487288, height: 0.006925256350680799 },
  mixture: { rho: 1, cp: 1496.1695945204383, k: 1, D: 9.999999999999796e-5, soret: -2.746680150926063, molarMass: [1, 1], dufour: 0 },
  reference: { T0: 50.00000000000012, c0: 0.9989999999999984 },
  initial: { T: 50.00000000000012, c: 0.9989999999999984, regions: [{ shape: 'rect', x: [0, 0.001107433778911201], y: [0, 0.006925256350680799], T: 50.00000000000012, c: 0.8989999999999985 }] },
  boundaries: {
    left: periodic,
    right: periodic,
    bottom: { heat: { type: 'temperature', value: 50.00000000000012 }, mass: { type: 'concentration', value: 0.999 } },
    top: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
  },
  time: { scheme: 'rkl2', dt: 'auto' },
  allowUnphysical: true,
} as Json);

/** Seed 2079 #18: 5 x 12, c0 = 0.069 next to a wall held at c = 0.001; step 1 reached c = -1.8e-3 (fine: >= 1.4e-3). */
export const undershootAtZero: Validated = scenario({
  grid: { nx: 5, ny: 12, width: 0.010498551390977967, height: 0.0010000000000000091 },
  mixture: { rho: 1, cp: 667.272811597187, k: 1, D: 9.999999999999918e-5, soret: 0, molarMass: [1, 1], dufour: 0 },
  reference: { T0: 218.23319245121183, c0: 0.06910505537104786 },
  initial: { T: 218.23319245121183, c: 0.06910505537104786, regions: [{ shape: 'rect', x: [0, 0.0020997102781955936], y: [0, 8.333333333333409e-5], T: 218.23319245121183, c: 0.001 }] },
  boundaries: {
    left: periodic,
    right: periodic,
    bottom: { heat: { type: 'convective', h: 9.525123636193845, ambient: 218.23319245121183 }, mass: { type: 'concentration', value: 0.001 } },
    top: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
  },
  time: { scheme: 'rkl2', dt: 'auto' },
  allowUnphysical: true,
} as Json);
