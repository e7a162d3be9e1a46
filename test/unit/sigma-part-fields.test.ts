import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { sigmaPartFields } from '../../src/physics/sigma-part-fields';
import { sigmaChem, reactionConstantsOf } from '../../src/physics/reaction';
import { parseScenario } from '../../src/physics/validate';
import { boxScenario } from '../helpers/reaction';

describe('sigma parts per cell: heat + mass + chemical = sigma (the map views)', () => {
  it('on a non-uniform reacting state, every cell; the chemical part is R r ln(rf/rb) >= 0', async () => {
    const v = parseScenario(boxScenario({ grid: { nx: 5, ny: 4 }, mixture: { soret: 1e-3 } }));
    const sim = new ReferenceSimulation(v);
    const n = 20;
    const T = Float64Array.from({ length: n }, (_, i) => 295 + 0.5 * i + 2 * Math.cos(i));
    const c = Float64Array.from({ length: n }, (_, i) => 0.2 + (0.6 * ((i * 3) % 7)) / 7);
    await sim.writeField('T', T);
    await sim.writeField('c', c);
    const p = sigmaPartFields(v, T.map((x) => x - 300), c.map((x) => x - 0.5));
    const sigma = sim.fieldNow('sigma');
    const k = reactionConstantsOf(v.scenario)!;
    for (let i = 0; i < n; i++) {
      expect(p.chemical[i]).toBeGreaterThanOrEqual(0);
      expect(p.chemical[i]).toBeCloseTo(sigmaChem(k, T[i], c[i]), 12);
      expect(Math.abs(p.heat[i] + p.mass[i] + p.chemical[i] - sigma[i])).toBeLessThanOrEqual(1e-9 * sigma[i]);
    }
    expect(Math.max(...p.chemical)).toBeGreaterThan(Math.max(...p.heat)); // far from equilibrium the reaction dominates here
  });
});
