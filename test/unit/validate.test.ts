import { describe, expect, it } from 'vitest';
import { PRESET_IDS, presetFile } from '../../src/physics/presets';
import { parseScenario, validateScenario, withValue, ScenarioError } from '../../src/physics/validate';
import { exampleScenario, merge, refused, type Json } from '../helpers/scenarios';

describe('scenario validation', () => {
  it('accepts the scenario.md example as it stands and fills defaults', () => {
    const v = parseScenario(exampleScenario());
    expect(v.scenario.grid.nx).toBe(128);
    expect(v.scenario.mixture.dufour).toBe('reciprocal');
    expect(v.scenario.time).toEqual({ scheme: 'euler', dt: 'auto', safety: 0.9 });
    expect(v.derived.unphysical).toBe(false);
  });

  it('accepts every preset', () => {
    expect(PRESET_IDS.length).toBeGreaterThanOrEqual(4);
    for (const id of PRESET_IDS) expect(() => parseScenario(presetFile(id)), id).not.toThrow();
  });

  // Each case: the bad input, the field path the message must name, and words it must contain.
  const cases: [string, Json | ((s: Json) => Json), string, RegExp][] = [
    ['negative D', { mixture: { D: -1e-9 } }, 'mixture.D', /-1e-9 must be a finite number > 0.*m\^2\/s/],
    ['nx = 0', { grid: { nx: 0 } }, 'grid.nx', /0 must be an integer >= 1/],
    ['fractional ny', { grid: { ny: 2.5 } }, 'grid.ny', /2.5 must be an integer/],
    [
      'a missing wall',
      (s) => {
        delete (s.boundaries as Json).top;
        return s;
      },
      'boundaries.top',
      /missing/,
    ],
    [
      'periodic on one side only',
      (s) => {
        (s.boundaries as Json).left = { heat: { type: 'periodic' }, mass: { type: 'periodic' } };
        return s;
      },
      'boundaries.right.heat.type',
      /must be "periodic" because boundaries.left.heat is periodic/,
    ],
    ['T0 <= 0', { reference: { T0: 0 } }, 'reference.T0', /0 must be a finite number > 0/],
    ['T0 below dT/2', { reference: { T0: 100 }, boundaries: { left: { heat: { type: 'temperature', value: 500 } } } }, 'reference.T0', /must be > dT\/2/],
    ['unknown wall type', { boundaries: { left: { heat: { type: 'adiabatic' } } } }, 'boundaries.left.heat.type', /"adiabatic"; must be one of "temperature", "flux", "convective", "periodic"/],
    ['NaN', { mixture: { k: Number.NaN } }, 'mixture.k', /NaN must be a finite number/],
    ['second-law violation', { mixture: { soret: 5 } }, 'mixture.soret', /second law is broken.*k_eff = .* < 0.*allowUnphysical/],
    ['reciprocity broken', { mixture: { dufour: 2e-12 } }, 'mixture.dufour', /breaks Onsager reciprocity/],
    ['c0 = 1', { reference: { c0: 1 } }, 'reference.c0', /1 must be a finite number >= 0.000001 and <= 0.999999/],
    ['unknown key', { mixture: { sorret: 0.01 } }, 'mixture.sorret', /unknown key/],
    ['wrong version', { version: 2 }, 'version', /2 must be one of 1/],
    ['region outside the grid', { initial: { regions: [{ shape: 'circle', center: [5, 5], radius: 0.1, T: 310 }] } }, 'initial.regions[0]', /covers no cell/],
    ['string for a number', { grid: { width: '1cm' } }, 'grid.width', /"1cm" must be a finite number > 0/],
    [
      'periodic heat with closed mass',
      (s) => {
        const b = s.boundaries as Json;
        b.left = { heat: { type: 'periodic' }, mass: { type: 'closed' } };
        b.right = { heat: { type: 'periodic' }, mass: { type: 'closed' } };
        return s;
      },
      'boundaries.left.mass.type',
      /must be "periodic" too/,
    ],
    ['a key a wall type does not take', { boundaries: { left: { mass: { type: 'closed', value: 0.3 } } } }, 'boundaries.left.mass.value', /takes no other keys/],
  ];

  it.each(cases)('refuses %s, naming the field', (_, patch, path, words) => {
    const problems = refused(patch);
    const hit = problems.find((p) => p.path === path);
    expect(hit, JSON.stringify(problems)).toBeDefined();
    expect(hit!.message.startsWith(path)).toBe(true);
    expect(hit!.message).toMatch(words);
  });

  it('lists every problem of a file at once', () => {
    const problems = refused({ mixture: { D: -1, k: 0 }, grid: { nx: 0 } });
    expect(problems.map((p) => p.path).sort()).toEqual(['grid.nx', 'mixture.D', 'mixture.k']);
  });

  it('runs an unphysical scenario only when allowed, and flags it', () => {
    const v = parseScenario(merge(exampleScenario(), { mixture: { dufour: 0 }, allowUnphysical: true }));
    expect(v.derived.unphysical).toBe(true);
    expect(v.warnings.join('\n')).toMatch(/UNPHYSICAL.*reciprocity/);
  });

  it('warns, but runs, when a fixed dt exceeds the stability limit', () => {
    const v = parseScenario(merge(exampleScenario(), { time: { dt: 1 } }));
    expect(v.derived.dtAboveLimit).toBe(true);
    expect(v.warnings.join()).toMatch(/time.dt: 1 s is above the explicit stability limit/);
  });

  it('edits one field without touching the original, and refuses a bad edit whole', () => {
    const base = parseScenario(exampleScenario()).scenario;
    const edited = withValue(base, 'mixture.soret', 0.01);
    expect(edited.scenario.mixture.soret).toBe(0.01);
    expect(base.mixture.soret).toBe(0.005);
    expect(() => withValue(base, 'mixture.D', -1)).toThrow(ScenarioError);
    expect(() => withValue(base, 'mixture.D', -1)).toThrow(/mixture.D: -1 must be/);
    expect(base.mixture.D).toBe(1e-9);
  });
});
