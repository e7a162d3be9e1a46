import { describe, expect, it } from 'vitest';
import { potentialOf } from '../../src/physics/potential';
import { presetFile } from '../../src/physics/presets';
import { parseScenario, withValue } from '../../src/physics/validate';
import { InputMemo } from '../../src/view/input-memo';

describe('InputMemo (the equipotentials are computed once per phi)', () => {
  it('says "same" only for the remembered inputs, by identity, and counts the computations', () => {
    const memo = new InputMemo();
    const phi = new Float64Array(4);
    expect(memo.same(['phi', phi, 10])).toBe(false);
    memo.remember(['phi', phi, 10]);
    expect(memo.computations).toBe(1);
    // Readbacks with nothing changed: no recomputation.
    for (let k = 0; k < 5; k++) expect(memo.same(['phi', phi, 10])).toBe(true);
    // A new phi (same content, another array), another level count, another field: recompute.
    expect(memo.same(['phi', new Float64Array(4), 10])).toBe(false);
    expect(memo.same(['phi', phi, 12])).toBe(false);
    expect(memo.same(['T', phi, 10])).toBe(false);
    expect(memo.same(['phi', phi])).toBe(false);
    memo.forget();
    expect(memo.same(['phi', phi, 10])).toBe(false);
    expect(memo.computations).toBe(1);
  });

  it('keyed on potentialOf: a new time step keeps phi (same object), a new voltage or geometry does not', () => {
    const v = parseScenario(presetFile('nernst-cell'));
    const small = withValue(withValue(v.scenario, 'grid.nx', 24).scenario, 'grid.ny', 8);
    const phi = potentialOf(small.scenario);
    expect(phi).not.toBeNull();
    // What the speed planner changes (the scheme's step): phi is the same object, no new contours.
    const replanned = withValue(small.scenario, 'time.dt', 1e-6);
    const memo = new InputMemo();
    memo.remember([phi]);
    expect(memo.same([potentialOf(replanned.scenario)])).toBe(true);
    // An electrode's voltage: a new phi, contours computed again.
    const volts = withValue(small.scenario, 'boundaries.left.electric.value', 0.01);
    expect(memo.same([potentialOf(volts.scenario)])).toBe(false);
  });
});
