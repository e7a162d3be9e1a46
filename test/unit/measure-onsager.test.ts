import { describe, expect, it } from 'vitest';
import { measureOnsager, measurementLines } from '../../src/physics/measure-onsager';
import { presetFile } from '../../src/physics/presets';
import { parseScenario } from '../../src/physics/validate';
import { exampleScenario, merge } from '../helpers/scenarios';

const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('measuring the Onsager coefficients (physics.md 10)', () => {
  it('reciprocal mixture: Lq1 / L1q = 1 within 1e-4, every coefficient matches the section-1 formula', () => {
    const r = measureOnsager(parseScenario(exampleScenario()));
    expect(r.unphysical).toBe(false);
    expect(r.ratio).not.toBeNull();
    expect(Math.abs((r.ratio as number) - 1)).toBeLessThan(1e-4);
    for (const key of ['L1q', 'Lq1', 'L11', 'Lqq'] as const) expect(rel(r[key], r.expected[key])).toBeLessThan(1e-4);
    expect(r.expected.ratio).toBe(1);
  });

  it('unphysical D_F = 2 D_T: the measured ratio is 2 within 1 %, L1q unchanged', () => {
    const s = merge(exampleScenario(), { mixture: { dufour: 2 * 0.005 * 1e-9 }, allowUnphysical: true });
    const r = measureOnsager(parseScenario(s));
    expect(r.unphysical).toBe(true);
    expect(Math.abs((r.ratio as number) - 2)).toBeLessThan(0.02);
    expect(Math.abs((r.ratio as number) / 2 - 1)).toBeLessThan(1e-4);
    const recip = measureOnsager(parseScenario(exampleScenario()));
    expect(rel(r.L1q, recip.L1q)).toBeLessThan(1e-9);
    expect(measurementLines(r).join('\n')).toMatch(/reciprocity broken/);
  });

  it('a gas mixture far from c = 1/2 (dufour-gas at c0 = 0.1, T0 = 300 K) and a negative Soret coefficient', () => {
    const gas = merge(presetFile('dufour-gas') as Record<string, unknown>, { reference: { c0: 0.1 }, mixture: { soret: -0.0012 } });
    const r = measureOnsager(parseScenario(gas));
    expect(r.L1q).toBeLessThan(0);
    expect(Math.abs((r.ratio as number) - 1)).toBeLessThan(1e-4);
    for (const key of ['L1q', 'Lq1', 'L11', 'Lqq'] as const) expect(rel(r[key], r.expected[key])).toBeLessThan(1e-4);
  });

  it('no thermodiffusion (S_T = 0): L1q = Lq1 = 0, the ratio is undefined (null), L11 and Lqq still measured', () => {
    const r = measureOnsager(parseScenario(presetFile('ness-rod')));
    expect(r.L1q).toBe(0);
    expect(r.Lq1).toBe(0);
    expect(r.ratio).toBeNull();
    expect(rel(r.Lqq, r.expected.Lqq)).toBeLessThan(1e-4);
    expect(rel(r.L11, r.expected.L11)).toBeLessThan(1e-4);
  });
});
