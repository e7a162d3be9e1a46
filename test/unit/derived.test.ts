import { describe, expect, it } from 'vitest';
import { onsagerMatrix, keff, muC, transportMatrix, eigen2, gasFactor, GAS_CONSTANT } from '../../src/physics/thermo';
import { materialOf } from '../../src/physics/derived';
import { parseScenario } from '../../src/physics/validate';
import { exampleScenario, merge, scenario } from '../helpers/scenarios';

describe('derived quantities', () => {
  const v = scenario();
  const d = v.derived;
  const m = d.material;
  const { T0, c0 } = v.scenario.reference;

  it('builds the Onsager matrix of physics.md 1 at the reference state', () => {
    const c1c = c0 * (1 - c0);
    expect(d.onsager.Lqq).toBeCloseTo(m.k * T0 * T0, 10);
    expect(d.onsager.L1q / (m.rho * c1c * m.DT * T0 * T0)).toBeCloseTo(1, 12);
    expect(d.onsager.Lq1).toBe(d.onsager.L1q); // reciprocal by default
    expect(d.onsager.L11 / ((m.rho * m.D * T0) / muC(m, T0, c0))).toBeCloseTo(1, 12);
  });

  it('uses the ideal-mixture mu_c = R T Mbar / (M1 M2 c (1-c))', () => {
    const Mbar = 1 / (c0 / m.M1 + (1 - c0) / m.M2);
    expect(muC(m, T0, c0) / ((GAS_CONSTANT * T0 * Mbar) / (m.M1 * m.M2 * c0 * (1 - c0)))).toBeCloseTo(1, 12);
  });

  it('ties k_eff, the second-law margin and the determinant together', () => {
    const L = d.onsager;
    // 1 - Du Sr = k_eff / k = (L11 Lqq - L1q Lq1) / (L11 Lqq)
    expect(d.dimensionless.margin).toBeCloseTo(keff(m, T0, c0) / m.k, 12);
    expect(d.dimensionless.margin).toBeCloseTo((L.L11 * L.Lqq - L.L1q * L.Lq1) / (L.L11 * L.Lqq), 10);
  });

  it('satisfies Du = eps Sr / Le under reciprocity', () => {
    const g = d.dimensionless;
    expect(g.Du / ((g.eps * g.Sr) / g.Le)).toBeCloseTo(1, 12);
    expect(g.Le).toBeCloseTo(m.k / (m.rho * m.cp) / m.D, 12);
    expect(g.Sr).toBeCloseTo(c0 * (1 - c0) * v.scenario.mixture.soret * 10, 14);
  });

  it('gives the largest allowed |S_T|: k_eff reaches 0 at the worst reachable state', () => {
    const s = d.secondLaw.maxSoret;
    const edge = scenario({ mixture: { soret: s * (1 - 1e-9) } });
    expect(edge.derived.secondLaw.worstKeff).toBeGreaterThanOrEqual(0);
    expect(edge.derived.secondLaw.worstKeff).toBeLessThan(1e-6 * m.k);
    const { worstT, worstC } = edge.derived.secondLaw;
    expect(Math.abs(keff(materialOf(edge.scenario), worstT, worstC))).toBeLessThan(1e-6 * m.k);
    expect(() => scenario({ mixture: { soret: s * 1.01 } })).toThrow(/second law/);
    expect(() => scenario({ mixture: { soret: -s * 1.01 } })).toThrow(/second law/);
  });

  it('bounds the explicit step by the largest eigenvalue of A, never above kappa + D', () => {
    const A = transportMatrix(m, T0, c0);
    const e = eigen2(A);
    expect(e.plus).toBeLessThanOrEqual(A[0][0] + A[1][1] + 1e-18);
    expect(d.lambdaMax).toBeGreaterThanOrEqual(e.plus);
    const hx = 0.01 / 128;
    const hy = 0.005 / 64;
    expect(d.dtLimit).toBeCloseTo(1 / (2 * d.lambdaMax * (1 / hx ** 2 + 1 / hy ** 2)), 12);
    expect(d.dt).toBeCloseTo(0.9 * d.dtLimit, 14);
  });

  it('keeps c(1-c) mu_c / T finite at the ends', () => {
    expect(Number.isFinite(gasFactor(m, 0))).toBe(true);
    expect(gasFactor(m, 0)).toBeCloseTo(GAS_CONSTANT / m.M1, 3);
    expect(gasFactor(m, 1)).toBeCloseTo(GAS_CONSTANT / m.M2, 3);
    const L = onsagerMatrix(m, T0, 0);
    expect(Number.isFinite(L.L11) && L.L11 >= 0).toBe(true);
  });
});

describe('one second-law margin: the symmetric coupling (D_T + D_F)/2', () => {
  const at = (soret: number, dufour: number | 'reciprocal') =>
    parseScenario(merge(exampleScenario(), { mixture: { soret, dufour }, allowUnphysical: true })).derived;

  it('with D_F = 0 the margin is below 1, as k_eff is below k (the product D_T D_F would read 1)', () => {
    const d = at(0.05, 0);
    const { T0, c0 } = { T0: 300, c0: 0.5 };
    expect(d.keff).toBeLessThan(d.material.k);
    expect(d.dimensionless.margin).toBeCloseTo(d.keff / d.material.k, 12);
    expect(d.dimensionless.margin).toBeLessThan(1);
    expect(d.dimensionless.margin).toBeCloseTo(keff(d.material, T0, c0) / d.material.k, 12);
    // D_T D_F = 0: the old product-based margin 1 - Du Sr would be exactly 1
    expect(1 - d.dimensionless.Du * d.dimensionless.Sr).toBe(1);
    expect(d.unphysicalReasons.join('\n')).toMatch(/mixture.dufour: 0 breaks Onsager reciprocity.*symmetric part \(D_T \+ D_F\)\/2/);
  });

  it('the margin and the check agree: negative margin iff the check fails, naming the coefficient that breaks it', () => {
    const bound = at(0, 'reciprocal').secondLaw.maxSoret; // |S_T| allowed (reciprocal)
    // D_F = 0: the symmetric coefficient is D_T / 2, so S_T up to twice the reciprocal bound passes
    const ok = at(1.9 * bound, 0);
    expect(ok.secondLaw.ok).toBe(true);
    expect(ok.dimensionless.marginMin).toBeGreaterThanOrEqual(0);
    const bad = at(2.1 * bound, 0);
    expect(bad.secondLaw.ok).toBe(false);
    expect(bad.dimensionless.marginMin).toBeLessThan(0);
    expect(bad.unphysicalReasons.join('\n')).toMatch(/symmetric coupling \(D_T \+ D_F\)\/2 = .* too strong.*\|D_T \+ D_F\|\/2 must be <=/);
    // reciprocal: the margin is 1 - Du Sr
    const rec = at(0.5 * bound, 'reciprocal');
    expect(rec.dimensionless.margin).toBeCloseTo(1 - rec.dimensionless.Du * rec.dimensionless.Sr, 10);
  });
});
