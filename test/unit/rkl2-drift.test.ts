/**
 * RKL2's automatic step under the Soret drift (physics/derived.ts soretDriftStep): the drift
 * D S_T c(1-c) grad T advects c, RKL2's stability region is a thin strip along the negative real
 * axis, so its step is capped at D / V^2 (V = D |S_T| G, G bounded from the flux walls, sources and
 * the imposed span). Before, sweep 2219 #4 took super-steps of tau_slow / 20 = 0.80 s (V dt / h =
 * 788) and its second step was an odd-even oscillation reaching c = -0.048, where a fine reference
 * stays at c >= 0.00101.
 */
import { describe, expect, it } from 'vitest';
import { fixedStepLimit } from '../../src/physics/adaptive';
import { soretDriftStep, materialOf } from '../../src/physics/derived';
import { ReferenceSimulation } from '../../src/physics/reference';
import { chooseScheme, stepInputsOf } from '../../src/physics/schemes';
import { parseScenario } from '../../src/physics/validate';
import { presetFile, PRESET_IDS } from '../../src/physics/presets';
import { RKL2_DRIFT_256x1 } from '../helpers/sweep-cases';
import { report } from '../helpers/report';

describe('soretDriftStep', () => {
  it('is D / V^2 with V = D |S_T| q / k for a flux wall, and Infinity without Soret', () => {
    const v = parseScenario(RKL2_DRIFT_256x1);
    const m = materialOf(v.scenario);
    const V = m.D * 10 * (359.9067500397102 / 1);
    expect(soretDriftStep(v.scenario, m, 0)).toBeCloseTo(m.D / (V * V), 12);
    expect(v.derived.rkl2Drift).toBeCloseTo(m.D / (V * V), 12);
    const none = parseScenario({ ...RKL2_DRIFT_256x1, mixture: { ...RKL2_DRIFT_256x1.mixture, soret: 0 } });
    expect(none.derived.rkl2Drift).toBe(Infinity);
  });

  it('leaves every preset\'s automatic rkl2 step as it was (their drift allows more than tau_slow / 20)', () => {
    for (const id of PRESET_IDS) {
      const v = parseScenario(presetFile(id));
      expect(v.derived.rkl2Drift, id).toBeGreaterThan(v.derived.tauSlow / 20);
    }
  });

  it("caps the page planner's rkl2 step too", () => {
    const v = parseScenario({ ...RKL2_DRIFT_256x1, time: { scheme: 'rkl2' } });
    const x = stepInputsOf(v);
    const plan = chooseScheme(x, { speed: 1e6, passRate: 1e9, scheme: 'rkl2' });
    expect(plan.dt).toBeLessThanOrEqual(v.derived.rkl2Drift * (1 + 1e-12));
    const free = chooseScheme({ ...x, rkl2Drift: undefined }, { speed: 1e6, passRate: 1e9, scheme: 'rkl2' });
    expect(free.dt).toBeGreaterThan(10 * v.derived.rkl2Drift);
  });
});

describe('RKL2 at its automatic step under a strong Soret drift (CPU reference)', () => {
  it('sweep 2219 #4: its steps stay in [0, 1] and agree with forward Euler at a tenth of its step; the step says what set it', () => {
    const v = parseScenario(RKL2_DRIFT_256x1);
    expect(fixedStepLimit(v)).toBe('soret drift');
    const rkl2 = new ReferenceSimulation(v);
    rkl2.advance(2);
    const dtFE = v.scenario.time.safety * v.derived.dtLimit;
    const n = Math.ceil((2 * v.derived.dt) / (dtFE / 10));
    const fine = new ReferenceSimulation(parseScenario({ ...RKL2_DRIFT_256x1, time: { scheme: 'euler', dt: (2 * v.derived.dt) / n } }));
    fine.advance(n);
    const start = new ReferenceSimulation(v).fieldNow('c');
    const a = rkl2.fieldNow('c');
    const b = fine.fieldNow('c');
    let off = 0;
    let change = 0;
    let lo = Infinity;
    for (let P = 0; P < a.length; P++) {
      off = Math.max(off, Math.abs(a[P] - b[P]));
      change = Math.max(change, Math.abs(b[P] - start[P]));
      lo = Math.min(lo, a[P]);
    }
    report('sweep 2219 #4, 2 rkl2 steps: dt [s], stages, c min, c off forward Euler at dt_FE / 10 (of its change)', `${v.derived.dt.toPrecision(3)} ${v.derived.stages} ${lo.toPrecision(4)} ${(off / change).toExponential(2)}`);
    expect(lo).toBeGreaterThan(0);
    expect(off / change).toBeLessThan(0.05);
    // and a longer run stays in bounds (400 steps: 0.31 s)
    rkl2.advance(398);
    const s = rkl2.statsNow();
    expect(s.c.min).toBeGreaterThan(0);
    expect(s.c.max).toBeLessThan(1);
    rkl2.destroy();
    fine.destroy();
  });
});
