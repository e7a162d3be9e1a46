import { describe, expect, it } from 'vitest';
import { rkl2Amplification, rkl2Coefficients, rkl2MaxStep, rkl2Stages, RKL2_MAX_STAGES } from '../../src/physics/rkl2';
import { AUTO_STEP_FRACTION, chooseScheme, defaultScheme, RKL2_AUTO_STAGES, schemeStep, stepInputsOf } from '../../src/physics/schemes';
import { soretTime } from '../../src/physics/analytic';
import { validateScenario } from '../../src/physics/validate';
import { soretCell } from '../helpers/cases';
import { exampleScenario, merge, scenario } from '../helpers/scenarios';

describe('RKL2 coefficients (Meyer, Balsara & Aslam 2014)', () => {
  it('takes the smallest odd s >= 3 with s^2 + s - 2 >= 4 dt / dtFE', () => {
    for (const ratio of [0.1, 1, 2.5, 2.6, 10, 137.3, 1e4, 2.5e5]) {
      const s = rkl2Stages(ratio, 1);
      expect(s % 2).toBe(1);
      expect(s).toBeGreaterThanOrEqual(3);
      expect(rkl2MaxStep(s, 1)).toBeGreaterThanOrEqual(ratio * (1 - 1e-12));
      if (s > 3) expect(rkl2MaxStep(s - 2, 1)).toBeLessThan(ratio);
    }
    expect(rkl2Stages(2.5, 1)).toBe(3); // s = 3 allows exactly 2.5 dtFE
  });

  it('is second order: R(z) = 1 + z + z^2/2 + O(z^3)', () => {
    for (const s of [3, 9, 101]) {
      const errs = [1e-2, 5e-3].map((z) => Math.abs(rkl2Amplification(s, -z) - Math.exp(-z)));
      // third-order local error: halving z divides the error by ~8
      expect(errs[0] / errs[1]).toBeGreaterThan(7);
      expect(errs[0] / errs[1]).toBeLessThan(9);
    }
  });

  it('is stable on the whole interval its step allows, and not beyond', () => {
    for (const s of [3, 7, 51, 1001]) {
      // dY/dt = lambda Y with forward-Euler limit dtFE = 2 / |lambda|: z = lambda dt down to -2 (s^2+s-2)/4
      const zMax = (2 * (s * s + s - 2)) / 4;
      let worst = 0;
      for (let k = 1; k <= 4000; k++) worst = Math.max(worst, Math.abs(rkl2Amplification(s, (-zMax * k) / 4000)));
      expect(worst).toBeLessThanOrEqual(1 + 1e-9);
      // just past the bound it grows (s = 3 needs to go further: its |R(-zMax)| is well below 1)
      expect(Math.abs(rkl2Amplification(s, -zMax * (s === 3 ? 2 : 1.05)))).toBeGreaterThan(1);
      // stiff modes are damped (about 1/2 per super-step away from the ends)
      expect(Math.abs(rkl2Amplification(s, -0.5 * zMax))).toBeLessThan(0.7);
    }
  });

  it('uses stage weights that do not sum to 1, which is why the solvers work with increments', () => {
    const c = rkl2Coefficients(101);
    let worst = 0;
    for (let j = 2; j <= 101; j++) worst = Math.max(worst, Math.abs(1 - c.mu[j] - c.nu[j]));
    expect(worst).toBeGreaterThan(0.01); // the direct form's (1 - mu - nu) Y0 term is not small
  });
});

describe('time steps per scheme', () => {
  const liquid = scenario(); // the scenario.md example: Le ~ 81
  const d = liquid.derived;
  const rkl2 = scenario({ time: { scheme: 'rkl2', dt: 'auto' } });
  const implicit = scenario({ time: { scheme: 'implicit', dt: 'auto' } });

  it('keeps forward Euler at the stability limit times the safety factor', () => {
    expect(d.dt).toBeCloseTo(0.9 * d.dtLimit, 14);
    expect(d.stages).toBe(1);
  });

  it('gives rkl2 and implicit a twentieth of the slow relaxation time L^2 / (pi^2 lambda_slow)', () => {
    // The example is 10 mm x 5 mm; the slow eigenvalue is ~D when Le >> 1.
    expect(rkl2.derived.tauSlow / soretTime(0.01, 1e-9)).toBeCloseTo(1, 2);
    expect(rkl2.derived.dt).toBeCloseTo(AUTO_STEP_FRACTION * rkl2.derived.tauSlow, 6);
    expect(implicit.derived.dt).toBeCloseTo(rkl2.derived.dt, 6);
    expect(rkl2.derived.stages).toBe(rkl2Stages(rkl2.derived.dt, 0.9 * rkl2.derived.dtLimit));
    expect(rkl2.derived.stages).toBeGreaterThan(100);
    expect(rkl2.derived.dtAboveLimit).toBe(false);
    expect(implicit.derived.stages).toBe(1);
  });

  it('caps the rkl2 auto step at RKL2_AUTO_STAGES stages, and never goes below the explicit step', () => {
    const x = { dtLimit: 1, safety: 0.9, tauSlow: 1e9 };
    const capped = schemeStep('rkl2', 'auto', x);
    expect(capped.stages).toBe(RKL2_AUTO_STAGES);
    expect(capped.dt).toBeCloseTo(rkl2MaxStep(RKL2_AUTO_STAGES, 0.9), 6);
    const fast = schemeStep('rkl2', 'auto', { ...x, tauSlow: 1 });
    expect(fast.dt).toBe(0.9);
    expect(schemeStep('implicit', 'auto', { ...x, tauSlow: 1 }).dt).toBe(0.9);
  });

  it('takes a fixed rkl2 step with as many stages as it needs, and refuses one beyond the stage cap', () => {
    const v = scenario({ time: { scheme: 'rkl2', dt: 2 } });
    expect(v.derived.dt).toBe(2);
    expect(rkl2MaxStep(v.derived.stages, 0.9 * v.derived.dtLimit)).toBeGreaterThanOrEqual(2);
    const r = validateScenario(merge(exampleScenario(), { time: { scheme: 'rkl2', dt: 1e6 } }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0].path).toBe('time.dt');
      expect(r.problems[0].message).toMatch(new RegExp(`^time.dt: 1000000 s needs \\d+ RKL2 stages; at most ${RKL2_MAX_STAGES}.*"implicit"`));
    }
  });

  it('names the field for an unknown scheme', () => {
    const r = validateScenario(merge(exampleScenario(), { time: { scheme: 'crank-nicolson' } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].message).toMatch(/^time.scheme: "crank-nicolson".*"euler", "rkl2", "implicit"/);
  });

  it('refuses rkl2 where an unphysical Dufour coefficient makes the transport eigenvalues complex', () => {
    const s = soretCell(8, { soret: 0.05, TH: 310, TC: 290, D: 0.5, cp: 1e4 });
    const m = s.scenario.mixture;
    const raw = { ...s.scenario, allowUnphysical: true, mixture: { ...m, dufour: -5 * m.soret * m.D } };
    const euler = validateScenario(raw);
    expect(euler.ok && euler.value.derived.lambdaComplex).toBe(true);
    const r = validateScenario({ ...raw, time: { scheme: 'rkl2', dt: 'auto' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].message).toMatch(/^time.scheme: "rkl2" needs real transport eigenvalues.*mixture.dufour = -0.125 makes them complex.*"implicit"/);
  });
});

describe('chooseScheme', () => {
  // A stiff grid: explicit limit 1 ms, slow relaxation 1e4 s; the backend runs 1000 passes/s.
  const x = { dtLimit: 1e-3, safety: 0.9, tauSlow: 1e4 };
  const passRate = 1000;

  it('uses forward Euler while it keeps up at its stability limit', () => {
    const p = chooseScheme(x, { speed: 0.5, passRate });
    expect(p.scheme).toBe('euler');
    expect(p.dt).toBeCloseTo(0.9e-3, 12);
    expect(p.stepsPerSecond * p.dt).toBeCloseTo(0.5, 9);
    expect(p.limitedBy).toBeNull();
  });

  it('switches to RKL2 with the smallest super-step that keeps up', () => {
    const p = chooseScheme(x, { speed: 50, passRate });
    expect(p.scheme).toBe('rkl2');
    expect(p.limitedBy).toBeNull();
    expect((p.dt / p.passesPerStep) * passRate).toBeGreaterThanOrEqual(50);
    // a step one stage pair smaller would not keep up
    const smaller = rkl2MaxStep(p.passesPerStep - 2, 0.9e-3);
    expect((smaller / (p.passesPerStep - 2)) * passRate).toBeLessThan(50 * 1.0001);
    expect(p.dt).toBeLessThanOrEqual(AUTO_STEP_FRACTION * x.tauSlow);
  });

  it('goes implicit past what RKL2 reaches within tau/20, and says when accuracy limits it', () => {
    const rkl2Best = chooseScheme(x, { speed: 1e9, passRate, scheme: 'rkl2' });
    expect(rkl2Best.limitedBy).toBe('accuracy');
    const p = chooseScheme(x, { speed: 2 * rkl2Best.speed, passRate, implicitPasses: 60 });
    expect(p.scheme).toBe('implicit');
    expect(p.limitedBy).toBeNull();
    expect(p.speed).toBeCloseTo(2 * rkl2Best.speed, 6);
    const tooFast = chooseScheme(x, { speed: 1e12, passRate, implicitPasses: 60 });
    expect(tooFast.scheme).toBe('implicit');
    expect(tooFast.limitedBy).toBe('accuracy');
    expect(tooFast.dt).toBeCloseTo(AUTO_STEP_FRACTION * x.tauSlow, 6);
  });

  it('defaults stiff scenarios to rkl2: a liquid Soret cell, not a coarse gas cell', () => {
    expect(defaultScheme(stepInputsOf(scenario()))).toBe('rkl2'); // Le ~ 81, 128 x 64 cells
    const gas = { mixture: { D: 2e-5, k: 0.03, rho: 1, cp: 1000 } }; // Le ~ 1.5
    expect(defaultScheme(stepInputsOf(scenario({ ...gas, grid: { nx: 16, ny: 8 } })))).toBe('euler');
    // stiffness is also resolution: the same gas on 128 x 64 cells relaxes over ~900 Euler steps
    expect(defaultScheme(stepInputsOf(scenario(gas)))).toBe('rkl2');
  });

  it('keeps a scheme the user fixed', () => {
    const e = chooseScheme(x, { speed: 1e6, passRate, scheme: 'euler' });
    expect(e.scheme).toBe('euler');
    expect(e.limitedBy).toBe('stability');
    expect(e.speed).toBeCloseTo(0.9, 9);
    expect(chooseScheme(x, { speed: 0.01, passRate, scheme: 'implicit' }).scheme).toBe('implicit');
  });
});
