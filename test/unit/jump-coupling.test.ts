/**
 * The jump under strong Soret / Dufour coupling retaken along the coupling ladder
 * (physics/coupling-continuation.ts; issue 8). Two sweep draws whose steady state is uniform (every
 * wall that fixes c fixes the same value, no heat enters), so the steady state is known exactly,
 * yet the plain jump's first outer iterations ran T far below 0 K and never came back:
 * - seed 2078 #76 (physical, S_T = 0.298 1/K reciprocal, c from 0.999 to the walls' 0.899):
 *   relative residual 0.996 after 60 iterations, T down to -2583 K (NaN on the GPU);
 * - seed 2063 #5 (unphysical, S_T = -10 1/K, D_F = D/10 explicit): 0.179, T down to -2472 K.
 * Along the ladder (uncoupled first) both land on the uniform state.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { validateScenario, type Validated } from '../../src/physics/validate';
import { report } from '../helpers/report';

const ok = (s: unknown): Validated => {
  const r = validateScenario(s);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};

/** Seed 2078 #76 (the denormal source and flux values of the draw left out). */
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

/** Seed 2063 #5 (unphysical: D_F = D / 10 against D_T = -10 D). */
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

describe('the jump under strong coupling, along the coupling ladder', () => {
  for (const [name, v, T, c] of [
    ['seed 2078 #76 (physical, S_T = 0.3 1/K)', draw2078, 334.1223075697503, 0.899],
    ['seed 2063 #5 (unphysical, S_T = -10 1/K)', draw2063, 104.0246542460072, 0.001],
  ] as const) {
    it(`${name}: converges to the uniform steady state`, () => {
      const sim = new ReferenceSimulation(v);
      const rep = sim.jumpNow();
      const end = sim.statsNow();
      report(`jump ${name}: iterations (all rungs), relative residual, T span, c span`, `${rep.iterations} ${rep.relative.toExponential(2)} ${(end.T.max - end.T.min).toExponential(1)} ${(end.c.max - end.c.min).toExponential(1)}`);
      expect(rep.converged).toBe(true);
      expect(Number.isFinite(rep.relative)).toBe(true);
      // The exact steady state: T of the fixing wall, c of the walls, everywhere.
      expect(Math.abs(end.T.min - T)).toBeLessThan(1e-6 * T);
      expect(Math.abs(end.T.max - T)).toBeLessThan(1e-6 * T);
      expect(Math.abs(end.c.min - c)).toBeLessThan(1e-6);
      expect(Math.abs(end.c.max - c)).toBeLessThan(1e-6);
    });
  }
});
