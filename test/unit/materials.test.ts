import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/physics/validate';
import { exampleScenario, merge, type Json } from '../helpers/scenarios';

/**
 * Real materials at the edges of the schema's ranges (scenario.ts): each must be accepted as a
 * physical scenario (second law included) at a temperature span of 10 K around T0.
 */
const MATERIALS: [string, Json, Json][] = [
  // polystyrene (1e4 kg/mol) in toluene, 1 % by mass: D ~ 2e-12 m^2/s, S_T ~ 1 1/K
  ['polystyrene 10^4 kg/mol in toluene', { rho: 870, cp: 1700, k: 0.13, D: 2e-12, soret: 1.0, molarMass: [1e4, 0.092] }, { T0: 300, c0: 0.01 }],
  ['polystyrene 1 kg/mol in toluene', { rho: 870, cp: 1700, k: 0.13, D: 5e-11, soret: 0.05, molarMass: [1, 0.092] }, { T0: 300, c0: 0.01 }],
  // molten nitrate salt (NaNO3-KNO3) at 600 K
  ['molten NaNO3-KNO3', { rho: 1900, cp: 1500, k: 0.5, D: 1e-9, soret: 3e-3, molarMass: [0.085, 0.101] }, { T0: 600, c0: 0.6 }],
  // liquid Sn-Pb alloy at 600 K
  ['liquid Sn-Pb', { rho: 8000, cp: 200, k: 30, D: 3e-9, soret: 1e-3, molarMass: [0.1187, 0.2072] }, { T0: 600, c0: 0.4 }],
  // He-Ar gas at 1 bar
  ['He-Ar gas', { rho: 1, cp: 1000, k: 0.05, D: 7e-5, soret: 3e-3, molarMass: [0.004, 0.04] }, { T0: 300, c0: 0.3 }],
  // H2-N2 gas at 0.01 bar: rho ~ 1e-2, D ~ 7e-3
  ['H2-N2 gas at 0.01 bar', { rho: 0.01, cp: 3000, k: 0.1, D: 7e-3, soret: 2e-3, molarMass: [0.002, 0.028] }, { T0: 300, c0: 0.5 }],
  // lead-free solder at 1800 K (molten metal range)
  ['molten Fe-Ni at 1800 K', { rho: 7000, cp: 800, k: 35, D: 5e-9, soret: 5e-4, molarMass: [0.0558, 0.0587] }, { T0: 1800, c0: 0.5 }],
];

describe('schema ranges hold real materials', () => {
  it.each(MATERIALS)('accepts %s', (_, mixture, reference) => {
    const T0 = reference.T0 as number;
    const s = merge(exampleScenario(), {
      mixture: { ...mixture, dufour: 'reciprocal' },
      reference,
      initial: { T: T0, c: reference.c0 },
      boundaries: { left: { heat: { type: 'temperature', value: T0 + 5 }, mass: { type: 'closed' } }, right: { heat: { type: 'temperature', value: T0 - 5 }, mass: { type: 'closed' } } },
    });
    const r = validateScenario(s);
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual([]);
    if (r.ok) expect(r.value.derived.secondLaw.ok).toBe(true);
  });

  it('an explicit D_F can match any D_T the ranges allow (|soret * D| up to 10 m^2/(s K))', () => {
    const s = merge(exampleScenario(), { mixture: { D: 0.5, soret: 4, dufour: 2 }, allowUnphysical: true });
    const r = validateScenario(s);
    expect(r.ok ? [] : r.problems.map((p) => p.path)).not.toContain('mixture.dufour');
  });

  it('still refuses molar masses beyond any real species, naming the field', () => {
    const r = validateScenario(merge(exampleScenario(), { mixture: { molarMass: [2e5, 0.1] } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].message).toMatch(/^mixture.molarMass\[0\]: 200000 must be a finite number > 0 and <= 100000 \(kg\/mol\)/);
  });
});
