import { describe, expect, it } from 'vitest';
import { parseScenario, validateScenario } from '../../src/physics/validate';
import {
  linearRate,
  reactionConstantsOf,
  reactionJacobian,
  reactionRates,
  relaxationRate,
  sigmaChem,
  type ReactionConstants,
} from '../../src/physics/reaction';
import { GAS_CONSTANT } from '../../src/physics/thermo';
import { boxScenario, RATE_RATIO_TABLE } from '../helpers/reaction';
import { merge } from '../helpers/scenarios';

const constants = (patch = {}): ReactionConstants => reactionConstantsOf(parseScenario(boxScenario(patch)).scenario)!;

describe('reaction block (physics.md 9)', () => {
  it('parses with defaults and refuses a broken mass balance naming reaction.nu', () => {
    const v = parseScenario(merge(boxScenario(), { reaction: { activationEnergy: undefined } }));
    expect(v.scenario.reaction).toMatchObject({ nu: [2, 1], kf: 1e-3, kb: 6.1e-3 });
    const r = validateScenario(boxScenario({ reaction: { nu: [1, 1] } }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0].path).toBe('reaction.nu');
      expect(r.problems[0].message).toMatch(/nu1\*M1 = 0\.046.*nu2\*M2 = 0\.092.*1e-6/);
    }
  });

  it('refuses non-positive rates and fractional nu, naming the path and range', () => {
    const bad = validateScenario(boxScenario({ reaction: { kf: 0, nu: [2, 1.5] } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      const msgs = bad.problems.map((p) => p.message).join('\n');
      expect(msgs).toMatch(/reaction\.kf: 0 must be a finite number > 0/);
      expect(msgs).toMatch(/reaction\.nu\[1\]: 1\.5 must be an integer/);
    }
  });

  it('a scenario without reaction derives exactly what it did (no reaction rate in the limit)', () => {
    const plain = merge(boxScenario(), {});
    delete (plain as { reaction?: unknown }).reaction;
    const v = parseScenario(plain);
    expect(v.derived.reactionRate).toBe(0);
    const withR = parseScenario(boxScenario({ reaction: { kf: 10, kb: 61 } }));
    expect(withR.derived.dtLimit).toBeLessThan(v.derived.dtLimit);
    // 1/dtLimit = 1/dtTransport + kr
    expect(1 / withR.derived.dtLimit).toBeCloseTo(1 / v.derived.dtLimit + withR.derived.reactionRate, 6);
  });

  it('r / r_lin = sinh(x/2)/(x/2): the table of physics.md 6(f)', () => {
    const k = constants();
    for (const [x, expected] of RATE_RATIO_TABLE) {
      // Find c with A/RT = x by bisection on the (monotone) log ratio.
      let lo = 1e-6;
      let hi = 1 - 1e-6;
      for (let i = 0; i < 200; i++) {
        const mid = 0.5 * (lo + hi);
        if (reactionRates(k, 300, mid).logRatio < x) lo = mid;
        else hi = mid;
      }
      const rates = reactionRates(k, 300, 0.5 * (lo + hi));
      expect(rates.affinity / (GAS_CONSTANT * 300)).toBeCloseTo(x, 9);
      expect(Math.abs(rates.r / linearRate(rates) - expected)).toBeLessThan(1e-4);
    }
  });

  it('sigma_chem = r A / T >= 0 and the Jacobian matches finite differences', () => {
    const k = constants({ reaction: { activationEnergy: 40000, enthalpy: -57200 } });
    for (const T of [250, 300, 420]) {
      for (const c of [0, 1e-3, 0.3, 0.7, 0.999, 1]) {
        const s = sigmaChem(k, T, c);
        expect(s).toBeGreaterThanOrEqual(0);
        if (c > 0 && c < 1) {
          const x = reactionRates(k, T, c);
          expect(Math.abs(s - (x.r * x.affinity) / T)).toBeLessThanOrEqual(1e-12 * s + 1e-300);
          // d(-source)/d(T, z), z = logit c: finite differences.
          const g = c * (1 - c);
          const J = reactionJacobian(k, T, c, g);
          const h = 1e-4;
          const zc = Math.log(c / (1 - c));
          const cOf = (z: number) => 1 / (1 + Math.exp(-z));
          const rOf = (TT: number, cc: number) => reactionRates(k, TT, cc).r;
          const drdT = (rOf(T + h, c) - rOf(T - h, c)) / (2 * h);
          const drdz = (rOf(T, cOf(zc + h)) - rOf(T, cOf(zc - h))) / (2 * h);
          const scale = Math.abs(J[0]) + Math.abs(J[1]) + 1e-30;
          expect(Math.abs(J[0] - k.dH * drdT) / scale).toBeLessThan(1e-6);
          expect(Math.abs(J[1] - k.dH * drdz) / scale).toBeLessThan(1e-6);
          expect(Math.abs(J[3] - k.nu1 * k.M1 * drdz) / (Math.abs(J[3]) + Math.abs(J[2]))).toBeLessThan(1e-6);
          // The relaxation bound is at least the Jacobian's nonzero eigenvalue (in c, T).
          const eig = Math.abs(((k.nu1 * k.M1) / k.rho) * (J[3] / (k.nu1 * k.M1 * g)) + (k.dH / (k.rho * k.cp)) * (J[2] / (k.nu1 * k.M1)));
          expect(relaxationRate(k, T, c)).toBeGreaterThanOrEqual(eig * (1 - 1e-12));
        }
      }
    }
  });
});
