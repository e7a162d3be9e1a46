import { describe, expect, it } from 'vitest';
import { reactionConstantsOf, reactionRates } from '../../src/physics/reaction';
import { GAS_CONSTANT } from '../../src/physics/thermo';
import { parseScenario } from '../../src/physics/validate';
import { CURIE_REASON, curieMatrix, curieMatrixHtml } from '../../src/ui/curie-matrix';
import { measurementHtml } from '../../src/ui/onsager-experiment';
import { measureOnsager } from '../../src/physics/measure-onsager';
import { ReferenceSimulation } from '../../src/physics/reference';
import { boxScenario } from '../helpers/reaction';
import { exampleScenario, merge } from '../helpers/scenarios';

describe("Curie's principle in the Onsager panel", () => {
  it('block diagonal [vectors | scalar]: zeros between Jq\', J1 and A/T, and between r and Xq, X1', () => {
    const v = parseScenario(boxScenario({ mixture: { soret: 1e-3 } }));
    const m = curieMatrix(v);
    expect(m.reaction).toBe(true);
    for (const [i, j] of [[0, 2], [1, 2], [2, 0], [2, 1]]) expect(m.entries[i][j]).toBeNull();
    const L = v.derived.onsager;
    expect(m.entries[0][0]).toBe(L.Lqq);
    expect(m.entries[0][1]).toBe(L.Lq1);
    expect(m.entries[1][0]).toBe(L.L1q);
    expect(m.entries[1][1]).toBe(L.L11);
    // L_rr from the linear law r = r_ex A/(R T): sqrt(rf rb)/R at (T0, c0)
    const x = reactionRates(reactionConstantsOf(v.scenario)!, 300, 0.5);
    expect(m.entries[2][2]).toBeCloseTo(Math.sqrt(x.rf * x.rb) / GAS_CONSTANT, 15);
    expect(m.entries[2][2]).toBeGreaterThan(0);
    const html = curieMatrixHtml(v);
    expect(html.match(/class="curie-zero"/g)).toHaveLength(4);
    expect(html).not.toMatch(/curie-absent/);
    expect(html).toContain(CURIE_REASON);
    expect(CURIE_REASON).toMatch(/scalar.*vectors.*isotropic/);
  });

  it('without a reaction the scalar row and column are greyed, the zeros still marked', () => {
    const html = curieMatrixHtml(parseScenario(exampleScenario()));
    expect(curieMatrix(parseScenario(exampleScenario())).reaction).toBe(false);
    expect(html.match(/curie-zero curie-absent/g)).toHaveLength(4);
    expect(html).toMatch(/no reaction in this scenario/);
  });

  it('the measurement table shows measured beside formula, and the broken ratio in unphysical mode', () => {
    const ok = measurementHtml(measureOnsager(parseScenario(exampleScenario())));
    expect(ok).toMatch(/data-testid="measured-ratio">1</);
    expect(ok).toMatch(/reciprocal relation, measured/);
    const broken = measurementHtml(measureOnsager(parseScenario(merge(exampleScenario(), { mixture: { dufour: 1.5e-11 }, allowUnphysical: true }))));
    expect(broken).toMatch(/data-testid="measured-ratio">3</);
    expect(broken).toMatch(/reciprocity broken/);
  });

  it('the reaction source enters no face flux: same state with and without the reaction, the same J1, Jq\' on every face', async () => {
    const withR = parseScenario(boxScenario({ grid: { nx: 6, ny: 5 }, mixture: { soret: 2e-3 } }));
    const raw = boxScenario({ grid: { nx: 6, ny: 5 }, mixture: { soret: 2e-3 } });
    delete (raw as { reaction?: unknown }).reaction;
    const without = parseScenario(raw);
    const n = 30;
    const T = Float64Array.from({ length: n }, (_, i) => 290 + 0.7 * i + 3 * Math.sin(i));
    const c = Float64Array.from({ length: n }, (_, i) => 0.3 + 0.4 * ((i * 7) % 11) / 11);
    const fluxes = async (v: typeof withR) => {
      const sim = new ReferenceSimulation(v);
      await sim.writeField('T', T);
      await sim.writeField('c', c);
      const f = sim.faceFluxes();
      return { qx: Array.from(f.qx), jx: Array.from(f.jx), qy: Array.from(f.qy), jy: Array.from(f.jy), tend: sim };
    };
    const a = await fluxes(withR);
    const b = await fluxes(without);
    expect(a.jx).toEqual(b.jx);
    expect(a.qx).toEqual(b.qx);
    expect(a.jy).toEqual(b.jy);
    expect(a.qy).toEqual(b.qy);
    expect(a.jx.some((x) => x !== 0) && a.qy.some((x) => x !== 0)).toBe(true);
    // ...while the reaction does change the cells' tendencies (it is a local source, not a flux)
    const ta = new Float64Array(n);
    const va = new Float64Array(n);
    const tb = new Float64Array(n);
    const vb = new Float64Array(n);
    const u = T.map((x) => x - 300);
    const w = c.map((x) => x - 0.5);
    a.tend.tendency(u, w, ta, va);
    b.tend.tendency(u, w, tb, vb);
    expect(va.some((x, i) => Math.abs(x - vb[i]) > 1e-6 * Math.abs(vb[i]) + 1e-12)).toBe(true);
  });
});
