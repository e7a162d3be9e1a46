import { describe, expect, it } from 'vitest';
import { reactionConstantsOf, reactionSource } from '../../src/physics/reaction';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { mulberry32 } from '../helpers/random';
import { conductionScenario } from '../helpers/reaction';
import { merge, type Json } from '../helpers/scenarios';

/** The same random state (T, c) on a scenario with and one without the reaction. */
function pair(seed: number) {
  const raw = merge(conductionScenario(16, 100), { grid: { ny: 12 }, mixture: { soret: 0.003 }, time: { dt: 1e-6 } } as Json);
  const plain = structuredClone(raw);
  delete plain.reaction;
  const rnd = mulberry32(seed);
  const n = 16 * 12;
  const T = Float64Array.from({ length: n }, () => 290 + 25 * rnd());
  const c = Float64Array.from({ length: n }, () => rnd());
  const sims = [parseScenario(raw), parseScenario(plain)].map((v) => new ReferenceSimulation(v));
  for (const s of sims) {
    void s.writeField('T', T);
    void s.writeField('c', c);
  }
  return { withReaction: sims[0], without: sims[1], T, c, v: sims[0].validated };
}

describe("Curie's principle: the reaction (a scalar) enters no face flux", () => {
  it('face fluxes J1, Jq and their sigma are identical with and without the reaction at the same state', () => {
    const { withReaction, without } = pair(5);
    const a = withReaction.faceFluxes();
    const b = without.faceFluxes();
    for (const key of ['qx', 'jx', 'sx', 'qy', 'jy', 'sy'] as const) expect(Array.from(a[key])).toEqual(Array.from(b[key]));
  });

  it('one step differs only by the local source of each cell (dt x source / (rho cp), dt x source / rho)', () => {
    const { withReaction, without, T, c, v } = pair(6);
    const k = reactionConstantsOf(v.scenario)!;
    const dt = v.derived.dt;
    withReaction.advance(1);
    without.advance(1);
    const Ta = withReaction.fieldNow('T');
    const Tb = without.fieldNow('T');
    const ca = withReaction.fieldNow('c');
    const cb = without.fieldNow('c');
    for (let i = 0; i < T.length; i++) {
      const s = reactionSource(k, T[i], c[i]);
      expect(Ta[i] - Tb[i]).toBeCloseTo((dt * s.heat) / (3 * 800), 9);
      expect(ca[i] - cb[i]).toBeCloseTo((dt * s.mass) / 3, 12);
    }
  });
});
