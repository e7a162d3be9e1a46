/**
 * Sweep draws whose float32 jump stopped at round-off or called a nonlinear phase round-off (the
 * jump's round-off bound, physics/implicit.ts residualReport and JUMP_ROUND_OFF_MARGIN). The draws'
 * denormal source values are left out.
 */
import { ok } from './coupling-draws';

/**
 * Seed 2080 #75 (90 x 1): c fixed at 0.001 on the top wall of every cell, a heat source of
 * 2.6e-8 W/m^3 in the first: the steady state is c = 0.001 and T = T0 (+3e-13 K), its heat channel
 * carrying almost no transport, measured against that source.
 */
export const draw2080 = ok({
  version: 1,
  name: 'seed 2080 #75',
  grid: { nx: 90, ny: 1, width: 0.0027632646981942954, height: 0.014981142122048057 },
  mixture: { rho: 1, cp: 125.89254117941675, k: 1, D: 1.0614718221251385e-6, soret: -10, molarMass: [1, 1], dufour: 0 },
  reference: { T0: 73.04108976644379, c0: 0.014265926051217001 },
  initial: { regions: [{ shape: 'rect', x: [0, 3.0702941091047727e-5], y: [0, 0.014981142122048057], T: 73.04108976644379, c: 0.001 }] },
  sources: [{ shape: 'rect', x: [0, 3.0702941091047727e-5], y: [0, 0.014981142122048057], q: 2.6257232422136186e-8 }],
  boundaries: {
    left: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
    right: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
    bottom: { heat: { type: 'convective', h: 6.675058495895846, ambient: 73.04108976644379 }, mass: { type: 'closed' } },
    top: { heat: { type: 'convective', h: 6.675058495895846, ambient: 73.04108976644379 }, mass: { type: 'concentration', value: 0.001 } },
  },
  time: { scheme: 'implicit' },
  allowUnphysical: true,
});

/**
 * Seed 2090 #2 (222 x 1, S_T = -10 1/K, molar masses 1 : 10^4, c = 0.899 on the top wall): the
 * plain jump's nonlinear phase (c creeping towards 1, its mass residual doubling each iteration)
 * falls to 3.5e-4 of its scale; the float64 jump goes on along the coupling ladder and, its own
 * unrelaxed jump oscillating (implicit.ts refinementStands), relaxed, to c = 0.99630.
 */
export const draw2090 = ok({
  version: 1,
  name: 'seed 2090 #2',
  grid: { nx: 222, ny: 1, width: 0.1, height: 0.1 },
  mixture: { rho: 1, cp: 125.89254117941752, k: 1, D: 4.231749464114119e-8, soret: -10, molarMass: [1, 9999.999999999887], dufour: -1.269524839234235e-6 },
  reference: { T0: 50.000000000000064, c0: 0.9989999999999987 },
  initial: { regions: [{ shape: 'rect', x: [0, 0.0004504504504504475], y: [0, 0.1], T: 50.000000000000064, c: 0.8989999999999987 }] },
  boundaries: {
    left: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
    right: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
    bottom: { heat: { type: 'convective', h: 1.0000000000000067, ambient: 57.50000000000006 }, mass: { type: 'closed' } },
    top: { heat: { type: 'temperature', value: 50.000000000000064 }, mass: { type: 'concentration', value: 0.8989999999999987 } },
  },
  time: { scheme: 'euler' },
  allowUnphysical: true,
});
