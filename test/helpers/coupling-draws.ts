/**
 * Two sweep draws whose jump fails without the coupling ladder (physics/coupling-continuation.ts):
 * their steady state is uniform (every wall that fixes c fixes the same value, no heat enters), so
 * it is known exactly. The draws' denormal source and flux values are left out.
 */
import { validateScenario, type Validated } from '../../src/physics/validate';

/** A validated scenario, or an Error naming its problems (the draws below are known good). */
export const ok = (s: unknown): Validated => {
  const r = validateScenario(s);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};

/** Seed 2078 #76: T = 334.122 K and c = 0.899 at steady state. */
export const draw2078 = ok({
  version: 1,
  name: 'seed 2078 #76',
  grid: { nx: 8, ny: 31, width: 0.1, height: 0.1 },
  mixture: { rho: 1, cp: 125.89254117941688, k: 1, D: 1.3162212272945976e-5, soret: 0.29790049466153423, molarMass: [1, 0.001995262314968897], dufour: 'reciprocal' },
  reference: { T0: 334.1223075697503, c0: 0.999 },
  obstacles: [
    { shape: 'rect', x: [0, 0.0125], y: [0, 0.003225806451612888] },
    { shape: 'rect', x: [0, 0.05], y: [0, 0.003225806451612888] },
  ],
  boundaries: {
    left: { heat: { type: 'temperature', value: 334.1223075697503 }, mass: { type: 'concentration', value: 0.899 } },
    right: { heat: { type: 'flux', value: 0 }, mass: { type: 'concentration', value: 0.899 } },
    bottom: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
    top: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
  },
  time: { scheme: 'rkl2' },
});

/** Seed 2063 #5 (unphysical: D_F = D / 10 against D_T = -10 D): T = 104.025 K and c = 0.001 at steady state. */
export const draw2063 = ok({
  version: 1,
  name: 'seed 2063 #5',
  grid: { nx: 8, ny: 5, width: 0.1, height: 0.07791394647127343 },
  mixture: { rho: 1, cp: 434.63668885580717, k: 1, D: 7.869366536304546e-5, soret: -10, molarMass: [0.0019952623149689054, 1], dufour: 0.0007869366536304547 },
  reference: { T0: 104.0246542460072, c0: 0.07187577397268144 },
  boundaries: {
    left: { heat: { type: 'convective', h: 1, ambient: 104.0246542460072 }, mass: { type: 'concentration', value: 0.001 } },
    right: { heat: { type: 'convective', h: 1, ambient: 104.0246542460072 }, mass: { type: 'concentration', value: 0.001 } },
    bottom: { heat: { type: 'temperature', value: 104.0246542460072 }, mass: { type: 'closed' } },
    top: { heat: { type: 'flux', value: 0 }, mass: { type: 'concentration', value: 0.001 } },
  },
  time: { scheme: 'implicit' },
  allowUnphysical: true,
});

/**
 * Seed 2079 #42 (physical, S_T = -10 1/K reciprocal, 255 x 1: every cell touches the bottom wall's
 * c and the top wall's T; the obstacles and denormal sources of the draw left out): converges only
 * relaxed (coupling-continuation.ts RELAX_LADDER).
 */
export const draw2079 = ok({
  version: 1,
  name: 'seed 2079 #42',
  grid: { nx: 255, ny: 1, width: 0.026475641861652258, height: 0.015309542852611716 },
  mixture: { rho: 1, cp: 8159.270345518584, k: 1, D: 8.388913967981126e-12, soret: -10, molarMass: [1, 0.9999991243422011], dufour: 'reciprocal' },
  reference: { T0: 781.1905114321441, c0: 0.16430556233082558 },
  boundaries: {
    left: { heat: { type: 'convective', h: 3.7770566818567524, ambient: 781.1905114321441 }, mass: { type: 'concentration', value: 0.06430556233082557 } },
    right: { heat: { type: 'flux', value: -295.0600841007873 }, mass: { type: 'closed' } },
    bottom: { heat: { type: 'convective', h: 3.7770566818567524, ambient: 781.1905114321441 }, mass: { type: 'concentration', value: 0.06430556233082557 } },
    top: { heat: { type: 'temperature', value: 781.1905114321441 }, mass: { type: 'closed' } },
  },
  time: { scheme: 'rkl2' },
});
