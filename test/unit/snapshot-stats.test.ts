import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { statsFromFields } from '../../src/physics/snapshot-stats';
import { parseScenario } from '../../src/physics/validate';
import { presetFile } from '../../src/physics/presets';

/** The stored fields of a reference run (T - T0, c - c0, sigma). */
function stored(sim: ReferenceSimulation) {
  const { T0, c0 } = sim.validated.scenario.reference;
  const { nx, ny } = sim.validated.scenario.grid;
  return {
    nx,
    ny,
    T: sim.fieldNow('T').map((x) => x - T0),
    c: sim.fieldNow('c').map((x) => x - c0),
    sigma: sim.fieldNow('sigma'),
  };
}

describe('reductions from a field copy (the page readback)', () => {
  const cases: [string, (s: Record<string, unknown>) => void][] = [
    ['Soret cell (temperature walls, closed)', () => undefined],
    [
      'hot spot with an obstacle, convective and flux walls, a reservoir',
      (s) => {
        s.obstacles = [{ shape: 'rect', x: [0.001, 0.0015], y: [0.001, 0.004] }];
        s.boundaries = {
          left: { heat: { type: 'convective', h: 500, ambient: 310 }, mass: { type: 'concentration', value: 0.6 } },
          right: { heat: { type: 'flux', value: -200 }, mass: { type: 'closed' } },
          bottom: { heat: { type: 'temperature', value: 295 }, mass: { type: 'closed' } },
          top: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
        };
      },
    ],
  ];
  for (const [name, edit] of cases) {
    it(`equal the reference solver's own: ${name}`, () => {
      const raw = presetFile(name.startsWith('Soret') ? 'soret-cell' : 'hot-spot') as Record<string, unknown>;
      raw.grid = { ...(raw.grid as object), nx: 24, ny: 12 };
      edit(raw);
      const sim = new ReferenceSimulation(parseScenario(raw));
      sim.advance(300);
      const want = sim.statsNow();
      const got = statsFromFields(sim.validated, stored(sim), { simTime: want.simTime, steps: want.steps, passes: want.passes });
      for (const key of ['entropyProduction', 'solute', 'energy', 'separation'] as const) {
        expect(got[key]).toBeCloseTo(want[key], 12);
      }
      for (const side of ['left', 'right', 'bottom', 'top'] as const) {
        expect(got.heatIn[side] / (Math.abs(want.heatIn[side]) + 1e-12)).toBeCloseTo(want.heatIn[side] / (Math.abs(want.heatIn[side]) + 1e-12), 9);
      }
      for (const f of ['T', 'c', 'sigma'] as const) {
        expect(got[f].min).toBeCloseTo(want[f].min, 12);
        expect(got[f].max).toBeCloseTo(want[f].max, 12);
        expect(got[f].mean).toBeCloseTo(want[f].mean, 12);
      }
      expect(got.nonFinite).toBe(0);
      expect(Math.abs(want.heatIn.left) + Math.abs(want.heatIn.bottom)).toBeGreaterThan(0);
    });
  }
});
