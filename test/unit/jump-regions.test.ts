/**
 * The jump refuses where obstacles split the fluid into regions and one of them touches no wall
 * fixing a temperature (or a concentration), even though another region does (issue 8, sweep seed
 * 2026: 67 x 2, periodic in x, two obstacles leaving two regions, the lower one insulated: "the jump
 * = the long-run state" failed, T 1.22 of the scale). Such a region keeps its own energy for ever;
 * the jump keeps one total per channel (none here: the top wall fixes T), so its state there was
 * whatever the singular solve left. Before, only a domain with no fixing wall at all was refused.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { fluidRegions, regionFixes, steadyStateProblems } from '../../src/physics/steady';
import { unitMixture } from '../helpers/cases';
import { INSULATED, scenario, xWalls } from '../helpers/scenarios';

const hot = { heat: { type: 'temperature', value: 320 }, mass: { type: 'concentration', value: 0.4 } };
const reservoir = { heat: INSULATED, mass: { type: 'concentration', value: 0.4 } };

describe('the jump and fluid regions that keep their own totals', () => {
  it('refuses, naming obstacles, where one of two regions touches no temperature wall', () => {
    const split = scenario({
      grid: { nx: 10, ny: 6, width: 1, height: 0.6 },
      mixture: unitMixture(0.2, 0.01),
      reference: { T0: 300, c0: 0.5 },
      initial: { T: 300, c: 0.5 },
      boundaries: xWalls(hot, reservoir),
      obstacles: [{ shape: 'rect', x: [0.4, 0.6], y: [0, 0.6] }],
    });
    expect(fluidRegions(split)).toBe(2);
    expect(regionFixes(split).map((f) => f.heat)).toEqual([true, false]);
    const problems = steadyStateProblems(split);
    expect(problems[0]).toMatch(/^obstacles: split the fluid into 2 separate regions and 1 of them touches no wall that fixes a temperature \(each keeps its own total\)/);
    expect(() => new ReferenceSimulation(split).jumpNow()).toThrow(/^obstacles: /);
  });

  it('accepts two regions that each touch a temperature and a concentration wall', () => {
    const both = { heat: { type: 'temperature', value: 320 }, mass: { type: 'concentration', value: 0.4 } };
    const split = scenario({
      grid: { nx: 10, ny: 6, width: 1, height: 0.6 },
      mixture: unitMixture(0.2, 0.01),
      reference: { T0: 300, c0: 0.5 },
      initial: { T: 300, c: 0.5 },
      boundaries: xWalls(both, { ...both, heat: { type: 'temperature', value: 290 } }),
      obstacles: [{ shape: 'rect', x: [0.4, 0.6], y: [0, 0.6] }],
    });
    expect(regionFixes(split)).toEqual([
      { heat: true, mass: true },
      { heat: true, mass: true },
    ]);
    expect(steadyStateProblems(split)).toEqual([]);
    expect(new ReferenceSimulation(split).jumpNow().converged).toBe(true);
  });
});
