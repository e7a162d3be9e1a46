import { describe, expect, it } from 'vitest';
import { currentEntropyParts, entropyPartTotals, entropyParts } from '../../src/physics/entropy-parts';
import { buildSummary } from '../../src/physics/summary';
import { ReferenceSimulation } from '../../src/physics/reference';
import { caseScenario, wallCases } from '../helpers/wallcases';
import { report } from '../helpers/report';

describe('entropy production parts (heat, mass)', () => {
  it.each(wallCases)('%s: heat + mass = the solver\'s sigma per cell, totals add up', (name, patch) => {
    const v = caseScenario(patch);
    const sim = new ReferenceSimulation(v);
    sim.advance(40);
    const { T0, c0 } = v.scenario.reference;
    const u = sim.fieldNow('T').map((x) => x - T0);
    const c = sim.fieldNow('c').map((x) => x - c0);
    const sigma = sim.fieldNow('sigma');
    const parts = entropyParts(v, u, c);
    let scale = 0;
    for (const s of sigma) scale = Math.max(scale, Math.abs(s));
    let worst = 0;
    let massMax = 0;
    for (let k = 0; k < sigma.length; k++) {
      worst = Math.max(worst, Math.abs(parts.heat[k] + parts.mass[k] - sigma[k]));
      massMax = Math.max(massMax, parts.mass[k]);
      // The mass part is a square; the heat part too while the second law holds (k_eff >= 0).
      expect(parts.mass[k]).toBeGreaterThanOrEqual(0);
      if (!v.derived.unphysical) expect(parts.heat[k]).toBeGreaterThanOrEqual(0);
    }
    report(`sigma parts ${name}: max |heat + mass - sigma| / max sigma`, (worst / scale).toExponential(2));
    expect(scale).toBeGreaterThan(0);
    expect(massMax).toBeGreaterThan(0);
    expect(worst / scale).toBeLessThan(1e-12);
    const totals = entropyPartTotals(v, parts);
    const S = sim.statsNow().entropyProduction;
    expect(Math.abs(totals.heat + totals.mass - S) / Math.abs(S)).toBeLessThan(1e-12);
  });

  it('refuses fields of another grid', () => {
    const v = caseScenario(wallCases[0][1]);
    expect(() => entropyParts(v, new Float64Array(3), new Float64Array(3))).toThrow(/grid 64 x 48/);
  });
});

describe('the entropyParts summary key', () => {
  it('adds up to entropyProduction (scenario.md)', async () => {
    const v = caseScenario(wallCases[1][1]);
    const sim = new ReferenceSimulation(v);
    sim.advance(30);
    const parts = await currentEntropyParts(v, (f) => sim.readField(f));
    const summary = buildSummary(v, sim.statsNow(), { backend: 'cpu', adapter: 'test', wallSeconds: 0, entropyParts: parts });
    expect(summary.entropyParts!.heat).toBeGreaterThan(0);
    expect(summary.entropyParts!.mass).toBeGreaterThan(0);
    expect(Math.abs(summary.entropyParts!.heat + summary.entropyParts!.mass - summary.entropyProduction) / summary.entropyProduction).toBeLessThan(1e-12);
  });
});
