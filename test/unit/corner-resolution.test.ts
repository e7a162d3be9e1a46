import { describe, expect, it } from 'vitest';
import { CELLS_PER_ELL } from '../../src/physics/corner-resolution';
import { PRESET_IDS, presetFile } from '../../src/physics/presets';
import { parseScenario } from '../../src/physics/validate';

/** A 1 cm square of k = 0.13 W/(m K): fixed 350 K on the left, convective (h, 300 K) on top. */
function corner(n: number, h: number, ambient = 300) {
  return parseScenario({
    version: 1,
    grid: { nx: n, ny: n, width: 0.01, height: 0.01 },
    mixture: { rho: 1000, cp: 4000, k: 0.13, D: 1e-9, soret: 0, molarMass: [0.018, 0.058] },
    reference: { T0: 300, c0: 0.1 },
    boundaries: {
      left: { heat: { type: 'temperature', value: 350 }, mass: { type: 'closed' } },
      right: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
      bottom: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
      top: { heat: { type: 'convective', h, ambient }, mass: { type: 'closed' } },
    },
    time: { scheme: 'implicit' },
  });
}
const cornerWarnings = (n: number, h: number, ambient?: number) => corner(n, h, ambient).warnings.filter((w) => w.includes('k_eff / h'));

describe('validation warns where a fixed-temperature / convective corner is not resolved', () => {
  it('names the convective wall, ell and the grid that resolves it; silent once resolved', () => {
    // ell = 0.13 / 200 = 0.65 mm: 4 cells per ell need 62 cells across 1 cm
    const w = cornerWarnings(32, 200);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^boundaries\.top\.heat\.h: /);
    expect(w[0]).toContain('0.000650 m');
    expect(w[0]).toContain(`grid.nx >= 62 for ${CELLS_PER_ELL} cells per ell`);
    expect(cornerWarnings(62, 200)).toHaveLength(0);
    expect(cornerWarnings(61, 200)).toHaveLength(1);
    // h = 4: ell = 3.25 cm, resolved on any of these grids
    expect(cornerWarnings(8, 4)).toHaveLength(0);
  });

  it('says nothing where the corner is compatible (ambient = the fixed temperature)', () => {
    expect(cornerWarnings(8, 200, 350)).toHaveLength(0);
  });

  it('no preset draws it', () => {
    for (const id of PRESET_IDS) expect(parseScenario(presetFile(id)).warnings.filter((w) => w.includes('k_eff / h')), id).toEqual([]);
  });
});
