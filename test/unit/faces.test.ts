import { describe, expect, it } from 'vitest';
import { closedWallDeltaC, faceFlux, logMeanMobility, wallFlux, xOverLog1p, HEAT_WALL, MASS_WALL, type FaceConstants } from '../../src/physics/faces';
import { faceConstantsOf } from '../../src/physics/discretisation';
import { logistic, logit } from '../../src/physics/analytic';
import { keff, GAS_CONSTANT } from '../../src/physics/thermo';
import { materialOf } from '../../src/physics/derived';
import { scenario } from '../helpers/scenarios';
import { mulberry32, randomSecondLawMixture } from '../helpers/random';

const v = scenario({ mixture: { rho: 1, cp: 1e4, k: 1e4, D: 1, soret: 0.04, molarMass: [0.1, 0.1] } });
const fc = faceConstantsOf(v.scenario, v.derived);

/** X^T L X with the Onsager matrix at the face (T_f^2 = T_L T_R, mu_c,f = Rg T_f / m_f). */
function naiveSigma(p: FaceConstants, uL: number, vL: number, uR: number, vR: number, d: number, round: (x: number) => number = (x) => x) {
  const TL = p.T0 + uL;
  const TR = p.T0 + uR;
  const m = logMeanMobility(p.c0 + vL, p.c0 + vR);
  const cbar = p.c0 + 0.5 * (vL + vR);
  const rg = GAS_CONSTANT / (cbar * p.M2 + (1 - cbar) * p.M1);
  const TT = round(TL * TR);
  const Xq = round(round(-(uR - uL)) / round(d * TT));
  const X1 = round(-round(rg * round(vR - vL)) / round(m * d));
  const L11 = round((p.rhoD * m) / rg);
  const L1q = round(p.rhoDTs * round(m * TT));
  const Lqq = round(p.k * TT);
  return round(round(round(L11 * X1) * X1) + round(round(2 * L1q) * round(X1 * Xq)) + round(round(Lqq * Xq) * Xq));
}

describe('face fluxes', () => {
  it('xOverLog1p matches x / log1p(x) to 3e-10 on both branches', () => {
    for (const x of [-0.9, -0.3, -0.05, -0.049, -1e-3, -1e-7, 1e-7, 1e-3, 0.049, 0.05, 0.5, 10, 1e4]) {
      expect(Math.abs(xOverLog1p(x) / (x / Math.log1p(x)) - 1), String(x)).toBeLessThan(3e-10);
    }
  });

  it('makes the Soret equilibrium logit c_R - logit c_L = -S_T (T_R - T_L) an exact zero of J1', () => {
    for (const [cL, dT] of [
      [0.5, 10],
      [0.01, -40],
      [0.97, 3],
      [0.3, 1e-4],
    ]) {
      const cR = logistic(logit(cL) - fc.ST * dT);
      const f = faceFlux(fc, 0, cL - fc.c0, dT, cR - fc.c0, 1e-3);
      const fick = (fc.rhoD * Math.abs(cR - cL)) / 1e-3;
      expect(Math.abs(f.J1) / fick).toBeLessThan(1e-10);
    }
  });

  it('is antisymmetric in J and symmetric in sigma, so both neighbours agree', () => {
    const a = faceFlux(fc, 1.3, 0.02, -0.7, -0.11, 2e-3);
    const b = faceFlux(fc, -0.7, -0.11, 1.3, 0.02, 2e-3);
    expect(a.J1).toBeCloseTo(-b.J1, 12);
    expect(a.Jq).toBeCloseTo(-b.Jq, 6);
    expect(a.sigma).toBeCloseTo(b.sigma, 9);
  });

  it('gives sigma = X^T L X (the completed square is an identity in float64)', () => {
    const rnd = mulberry32(7);
    for (let i = 0; i < 200; i++) {
      // Du Sr <= 0.5 at the reference and states near it, so k_eff > 0 and no clamp applies.
      const p = randomSecondLawMixture(rnd, 0.5);
      const args = [rnd() * 20 - 10, (rnd() - 0.5) * 0.04, rnd() * 20 - 10, (rnd() - 0.5) * 0.04, 1e-3] as const;
      const f = faceFlux(p, ...args);
      const n = naiveSigma(p, ...args);
      expect(Math.abs(f.sigma - n) / Math.abs(n)).toBeLessThan(1e-8);
    }
  });

  it('never gives negative sigma near the second-law bound, where the naive float32 quadratic does', () => {
    const rnd = mulberry32(11);
    let naiveNegative = 0;
    for (let i = 0; i < 2000; i++) {
      const p = randomSecondLawMixture(rnd, 1 - 1e-7);
      const uL = (rnd() - 0.5) * 1e-2;
      const uR = uL + (rnd() - 0.5) * 1e-3;
      const vL = (rnd() - 0.5) * 0.2;
      // Close to the zero-mass-flux state, where the quadratic nearly cancels.
      const cR = logistic(logit(p.c0 + vL) - p.ST * (uR - uL) * (1 + (rnd() - 0.5) * 1e-3));
      const f = faceFlux(p, uL, vL, uR, cR - p.c0, 1e-4);
      expect(f.sigma).toBeGreaterThanOrEqual(0);
      if (naiveSigma(p, uL, vL, uR, cR - p.c0, 1e-4, Math.fround) < 0) naiveNegative++;
    }
    expect(naiveNegative).toBeGreaterThan(0);
  });

  it('computes the closed-wall concentration to full precision for tiny differences', () => {
    for (const [c, dT] of [
      [0.5, 1e-6],
      [0.2, 3],
      [0.999, -2],
    ]) {
      // An independent route: sigma(l - d) - sigma(l) = -e^-l expm1(d) / ((1 + e^-l e^d)(1 + e^-l)), d = S_T dT
      const el = Math.exp(-logit(c));
      const dd = fc.ST * dT;
      const exact = (-el * Math.expm1(dd)) / ((1 + el * Math.exp(dd)) * (1 + el));
      expect(Math.abs(closedWallDeltaC(c, fc.ST, dT) - exact) / Math.abs(exact)).toBeLessThan(1e-9);
    }
  });

  it('gives a finite closed-wall concentration within [0, 1] however far S_T dT goes (exp beyond the float range)', () => {
    // logit c_w = logit c + dz; dz = 100 overflows float32's exp and 1000 float64's (inf / inf was NaN).
    for (const c of [1e-6, 0.0187, 0.5, 0.999]) {
      for (const dz of [50, 100, 1000, -1000]) {
        const d = closedWallDeltaC(c, 1, -dz);
        expect(Number.isFinite(d)).toBe(true);
        const exact = dz > 0 ? 1 / (1 + Math.exp(-logit(c) - dz)) - c : -c / (1 + Math.exp(logit(c) + dz));
        expect(Math.abs(d - exact)).toBeLessThanOrEqual(1e-15);
      }
    }
  });

  it('carries k_eff through a mass-closed heated wall (Dufour part kept)', () => {
    const wall = { heatType: HEAT_WALL.temperature, massType: MASS_WALL.closed, heatValue: 1e-3, h: 0, massValue: 0 };
    const d = 1e-3;
    const f = wallFlux(fc, wall, 0, 0, d);
    expect(f.J1).toBe(0);
    const ke = keff(materialOf(v.scenario), fc.T0, fc.c0);
    expect(ke).toBeLessThan(0.9 * fc.k); // the test needs a visible Dufour part
    expect(-f.Jq / ((ke * 1e-3) / d)).toBeCloseTo(1, 5);
  });

  it('passes a fixed heat flux and a Robin flux exactly', () => {
    const flux = wallFlux(fc, { heatType: HEAT_WALL.flux, massType: MASS_WALL.closed, heatValue: 250, h: 0, massValue: 0 }, 0.1, 0.01, 1e-3);
    expect(flux.Jq).toBe(-250);
    const T = 0.3;
    const robin = wallFlux(fc, { heatType: HEAT_WALL.convective, massType: MASS_WALL.concentration, heatValue: -5, h: 40, massValue: 0 }, T, 0, 1e-3);
    // series resistance: heat out = (T - T_amb) / (1/h + d/k) with no Dufour part (c_w = c)
    expect(robin.Jq).toBeCloseTo((T + 5) / (1 / 40 + 1e-3 / fc.k), 8);
  });
});
