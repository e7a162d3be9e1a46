import { describe, expect, it } from 'vitest';
import { PRESET_IDS, presetFile } from '../../src/physics/presets';
import { parseScenario } from '../../src/physics/validate';
import { entropySeries } from '../../src/ui/entropy-series';

describe('S(t) plot: the legend names only the parts the scenario can produce', () => {
  it('chemical only with a reaction; every preset: S, heat, mass, and chemical exactly where it reacts', () => {
    expect(entropySeries(false).map((s) => s.key)).toEqual(['S', 'heat', 'mass']);
    expect(entropySeries(true).map((s) => s.key)).toEqual(['S', 'heat', 'mass', 'chemical']);
    const reacting: string[] = [];
    for (const id of PRESET_IDS) {
      const reaction = parseScenario(presetFile(id)).scenario.reaction !== undefined;
      const keys = entropySeries(reaction).map((s) => s.key);
      expect(keys.includes('chemical'), id).toBe(reaction);
      if (reaction) reacting.push(id);
    }
    expect(reacting.sort()).toEqual(['no2-box', 'reactive-conduction']);
  });
});
