/**
 * The steady-state jump refuses cells beyond MAX_JUMP_CELL_ASPECT (physics/steady.ts), naming
 * grid.nx / grid.ny: seed 2026's 247 x 1 channel (1:16900 cells) was accepted and the GPU jump
 * ran 60 iterations to a relative residual of 6.8e-2. Before the limit steadyStateProblems was
 * empty here. No preset comes near it.
 */
import { describe, expect, it } from 'vitest';
import { PRESET_IDS, presetFile } from '../../src/physics/presets';
import { MAX_JUMP_CELL_ASPECT, steadyStateProblems } from '../../src/physics/steady';
import { validateScenario, type Validated } from '../../src/physics/validate';

const closed = { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } };
const periodic = { heat: { type: 'periodic' }, mass: { type: 'periodic' } };

function channel(nx: number, ny: number, width: number, height: number, periodicX = true): Validated {
  const r = validateScenario({
    version: 1,
    name: 'thin cells',
    grid: { nx, ny, width, height },
    mixture: { rho: 1, cp: 995.7, k: 1, D: 1e-12, soret: -10, molarMass: [1, 1] },
    reference: { T0: 1481.9, c0: 0.00715 },
    boundaries: {
      left: periodicX ? periodic : closed,
      right: periodicX ? periodic : closed,
      bottom: { heat: { type: 'temperature', value: 1481.9 }, mass: { type: 'concentration', value: 0.001 } },
      top: { heat: { type: 'convective', h: 1.46, ambient: 1481.9 }, mass: { type: 'concentration', value: 0.001 } },
    },
    time: { scheme: 'rkl2' },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe('the jump on elongated cells', () => {
  it('refuses 1:16900 cells (the sweep case), naming grid.nx, with the aspect and the limit', () => {
    const p = steadyStateProblems(channel(247, 1, 0.001, 0.06836));
    expect(p.length).toBe(1);
    expect(p[0]).toMatch(/^grid\.nx: the cells are 0\.00000405 m x 0\.0684 m \(16885:1\); the steady-state jump needs cells within 1000:1/);
  });

  it('names grid.ny where the cells are flat', () => {
    expect(steadyStateProblems(channel(2, 300, 0.3, 0.0003, false))[0]).toMatch(/^grid\.ny: /);
  });

  it('accepts cells up to the limit, and elongated cells with no face across the short side', () => {
    expect(steadyStateProblems(channel(247, 1, 0.001, (0.999 * MAX_JUMP_CELL_ASPECT * 0.001) / 247))).toEqual([]);
    // one column, closed left and right: no face across the short side
    expect(steadyStateProblems(channel(1, 4, 1e-5, 0.1, false))).toEqual([]);
  });

  it('no preset has cells beyond the limit', () => {
    for (const id of PRESET_IDS) {
      const r = validateScenario(presetFile(id));
      if (!r.ok) throw new Error(id);
      const { nx, ny, width, height } = r.value.scenario.grid;
      const a = width / nx / (height / ny);
      expect(Math.max(a, 1 / a), id).toBeLessThan(MAX_JUMP_CELL_ASPECT / 10);
    }
  });
});
