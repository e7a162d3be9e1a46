import { describe, expect, it } from 'vitest';
import { erfc } from '../../src/physics/analytic';
import { inLectureOrder, LECTURE_ORDER, PRESET_IDS, presetFile } from '../../src/physics/presets';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';

describe('presets of the lecture text', () => {
  it('every preset cites what it illustrates and where its data come from', () => {
    for (const id of ['salt-dissolving', 'coffee-cooling']) {
      const s = presetFile(id) as { source: string };
      expect(s.source).toMatch(/CRC Handbook/);
      expect(() => parseScenario(s)).not.toThrow();
    }
    for (const id of ['coffee-cooling', 'ness-rod', 'heat-sink-fin', 'salt-dissolving', 'hot-spot', 'soret-cell', 'dufour-gas']) {
      const s = presetFile(id) as { source: string };
      expect(s.source, id).toMatch(/^lecture text, '[A-Z][^']+'/);
      expect(s.source.length, id).toBeLessThanOrEqual(500);
    }
  });

  it('the menu follows the lecture text; ids not registered yet are skipped, unknown ones go last', () => {
    expect(PRESET_IDS.slice(0, 4)).toEqual(['coffee-cooling', 'ness-rod', 'heat-sink-fin', 'salt-dissolving']);
    expect(PRESET_IDS.indexOf('soret-cell')).toBeLessThan(PRESET_IDS.indexOf('dufour-gas'));
    expect(PRESET_IDS.indexOf('hot-spot')).toBeLessThan(PRESET_IDS.indexOf('soret-cell'));
    expect(inLectureOrder(['x', 'no2-box', 'soret-cell', 'ion-channel', 'ness-rod'])).toEqual(['ness-rod', 'ion-channel', 'soret-cell', 'no2-box', 'x']);
    expect(LECTURE_ORDER.indexOf('no2-box')).toBe(LECTURE_ORDER.length - 1);
  });

  it('salt-dissolving: the salty layer follows c_s erfc(y / (2 sqrt(D t))) (semi-infinite, Fick)', () => {
    const raw = presetFile('salt-dissolving') as { grid: { nx: number }; time: Record<string, unknown> };
    raw.grid.nx = 2; // the layer is uniform along x
    (raw.grid as { nx: number; ny: number }).ny = 32;
    raw.time = { scheme: 'euler', dt: 'auto' };
    const v = parseScenario(raw);
    const sim = new ReferenceSimulation(v);
    const t = 240;
    sim.advance(Math.round(t / v.derived.dt));
    const { ny, height } = v.scenario.grid;
    const D = v.scenario.mixture.D;
    const cs = 0.265;
    const c = sim.fieldNow('c');
    const time = sim.simTime;
    let worst = 0;
    for (let j = 0; j < ny; j++) {
      const y = ((j + 0.5) * height) / ny;
      const exact = cs * erfc(y / (2 * Math.sqrt(D * time)));
      worst = Math.max(worst, Math.abs(c[j * 2] - exact));
    }
    expect(worst / cs).toBeLessThan(2e-3);
    // solute taken up so far: rho c_s 2 sqrt(D t / pi) per unit width
    const uptake = sim.statsNow().solute / v.scenario.grid.width;
    const exactUptake = 997 * cs * 2 * Math.sqrt((D * time) / Math.PI);
    expect(Math.abs(uptake / exactUptake - 1)).toBeLessThan(5e-3);
  });

  it('coffee-cooling: heat lost through the walls is the energy lost, T stays between the air and the start', () => {
    const v = parseScenario(presetFile('coffee-cooling'));
    const sim = new ReferenceSimulation(v);
    const e0 = sim.statsNow().energy;
    let lost = 0;
    let topShare = 0;
    const steps = 200;
    for (let n = 0; n < steps; n++) {
      const st = sim.statsNow();
      const into = st.heatIn.left + st.heatIn.right + st.heatIn.bottom + st.heatIn.top;
      lost -= into * v.derived.dt;
      topShare = st.heatIn.top / into;
      sim.advance(1);
    }
    const st = sim.statsNow();
    expect(lost).toBeGreaterThan(0);
    expect(Math.abs((e0 - st.energy) / lost - 1)).toBeLessThan(1e-9);
    expect(st.T.max).toBeLessThanOrEqual(353.15 + 1e-9);
    expect(st.T.min).toBeGreaterThan(293.15);
    expect(st.sigma.min).toBeGreaterThanOrEqual(0);
    // the open surface (8 cm at h = 25) loses more than each 10 cm side (h = 10) with the same T near the wall
    expect(topShare).toBeGreaterThan(0.4);
    expect(st.heatIn.bottom).toBe(0);
  });
});
