import { describe, expect, it } from 'vitest';
import { FARADAY, ghkFlux, nernstRatio, reversalVoltage } from '../../src/physics/analytic';
import { GAS_CONSTANT } from '../../src/physics/thermo';
import { parseScenario } from '../../src/physics/validate';
import { exampleScenario, merge, refused as problemsOf, type Json } from '../helpers/scenarios';

describe('ion keys of the scenario (scenario.md "Optional keys")', () => {
  it('defaults: charge 0, every wall insulating', () => {
    const v = parseScenario(exampleScenario());
    expect(v.scenario.mixture.charge).toBe(0);
    for (const side of ['left', 'right', 'bottom', 'top'] as const) expect(v.scenario.boundaries[side].electric).toEqual({ type: 'insulating' });
  });

  it('accepts charge and voltage walls', () => {
    const v = parseScenario(merge(exampleScenario(), { mixture: { charge: -2 }, boundaries: { left: { electric: { type: 'voltage', value: -0.05 } } } }));
    expect(v.scenario.mixture.charge).toBe(-2);
    expect(v.scenario.boundaries.left.electric).toEqual({ type: 'voltage', value: -0.05 });
  });

  const cases: [string, Json | ((s: Json) => Json), string, RegExp][] = [
    ['charge 4', { mixture: { charge: 4 } }, 'mixture.charge', /4 must be an integer >= -3 and <= 3/],
    ['charge 1.5', { mixture: { charge: 1.5 } }, 'mixture.charge', /1.5 must be an integer/],
    ['unknown electric type', { boundaries: { right: { electric: { type: 'ground' } } } }, 'boundaries.right.electric.type', /"ground".*"voltage", "insulating"/],
    ['voltage without value', { boundaries: { right: { electric: { type: 'voltage' } } } }, 'boundaries.right.electric.value', /missing/],
    ['voltage out of range', { boundaries: { top: { electric: { type: 'voltage', value: 50 } } } }, 'boundaries.top.electric.value', /50 must be a finite number >= -10 and <= 10 \(V\)/],
    [
      'voltage on a periodic side',
      (s) => {
        const b = (s as { boundaries: Record<string, Record<string, unknown>> }).boundaries;
        for (const side of ['bottom', 'top']) b[side] = { heat: { type: 'periodic' }, mass: { type: 'periodic' } };
        b.top.electric = { type: 'voltage', value: 0.1 };
        return s;
      },
      'boundaries.top.electric.type',
      /"voltage" is not allowed on a periodic side/,
    ],
  ];
  for (const [name, patch, path, words] of cases) {
    it(`refuses ${name}, naming ${path}`, () => {
      const problems = problemsOf(patch);
      const p = problems.find((q) => q.path === path);
      expect(p, JSON.stringify(problems)).toBeDefined();
      expect(p!.message).toMatch(words);
    });
  }
});

describe('analytic (h): Nernst voltage and GHK flux', () => {
  it('reversal voltage: 10:1 K+ at 310.15 K is (RT/F) ln 10 = 61.5 mV; it inverts nernstRatio', () => {
    const V = reversalVoltage(1, 0.01, 0.1, 310.15);
    expect(V).toBeCloseTo(((GAS_CONSTANT * 310.15) / FARADAY) * Math.log(10), 12);
    expect(V).toBeCloseTo(0.06154, 4);
    expect(nernstRatio(1, -V, 310.15)).toBeCloseTo(10, 10); // c_R / c_L = exp(-zF(phi_R - phi_L)/RT)
    expect(ghkFlux(1000, 1e-9, 1e-3, 1, V, 0, 0.01, 0.1, 310.15)).toBeCloseTo(0, 15);
  });

  it('GHK flux solves the steady Nernst-Planck equation between the reservoirs (RK4 shooting)', () => {
    const rho = 1000, D = 2e-9, L = 1e-4, T = 298.15, cL = 0.02, cR = 0.005;
    for (const z of [1, -2]) {
      for (const dV of [-0.08, -0.01, 0, 1e-9, 0.03, 0.12]) {
        const J = ghkFlux(rho, D, L, z, dV, 0, cL, cR, T);
        // J = -rho D (c' + c z F phi' / RT), phi linear from dV (left) to 0 (right)
        const a = (z * FARADAY * (-dV / L)) / (GAS_CONSTANT * T);
        const f = (c: number) => -J / (rho * D) - a * c;
        const n = 2000, h = L / n;
        let c = cL;
        for (let i = 0; i < n; i++) {
          const k1 = f(c), k2 = f(c + (h / 2) * k1), k3 = f(c + (h / 2) * k2), k4 = f(c + h * k3);
          c += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        expect(Math.abs(c - cR), `z ${z} dV ${dV}`).toBeLessThan(1e-9);
      }
    }
    expect(ghkFlux(rho, D, L, 1, 0, 0, cL, cR, T)).toBeCloseTo((rho * D * (cL - cR)) / L, 15);
  });
});

describe('ion warnings', () => {
  it('says that voltage walls do nothing while the charge is 0', () => {
    const v = parseScenario(merge(exampleScenario(), { boundaries: { left: { electric: { type: 'voltage', value: 0.1 } } } }));
    expect(v.warnings.join('\n')).toMatch(/boundaries.left.electric: a voltage wall has no effect while mixture.charge is 0/);
    expect(parseScenario(exampleScenario()).warnings.join('\n')).not.toMatch(/electric/);
  });
});
