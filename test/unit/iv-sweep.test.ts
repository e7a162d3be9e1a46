import { describe, expect, it } from 'vitest';
import { FARADAY } from '../../src/physics/analytic';
import { electrodesOf, ghkCurrent, reversalOf, runIvSweep, sweepVoltages, type IvDriver, type WallCurrents } from '../../src/physics/iv-sweep';
import { GAS_CONSTANT } from '../../src/physics/thermo';
import { parseScenario, withValue } from '../../src/physics/validate';
import { channelScenario } from '../helpers/ion-page';
import { merge } from '../helpers/scenarios';

const channel = () => channelScenario();

/** A driver over a scenario whose "steady current" is `scale` x GHK; records what it was asked. */
function fakeDriver(scale: number, failAt?: number) {
  let v = parseScenario(channel());
  const log: string[] = [];
  const driver: IvDriver<string> = {
    async save() {
      log.push('save');
      return JSON.stringify(v.scenario);
    },
    async restore(saved) {
      log.push('restore');
      v = parseScenario(JSON.parse(saved));
    },
    async set(path, value) {
      log.push(`set ${path}=${value}`);
      v = withValue(v.scenario, path, value);
    },
    async jump() {
      log.push('jump');
      const e = electrodesOf(v.scenario);
      if (typeof e === 'string') throw new Error(e);
      const V = (v.scenario.boundaries.left.electric as { value: number }).value - e.phiTo;
      if (failAt !== undefined && Math.abs(V - failAt) < 1e-12) throw new Error('the jump did not converge');
    },
    async currents(): Promise<WallCurrents> {
      const e = electrodesOf(v.scenario);
      if (typeof e === 'string') throw new Error(e);
      const V = (v.scenario.boundaries.left.electric as { value: number }).value - e.phiTo;
      const I = scale * ghkCurrent(v.scenario, e, V);
      return { left: I, right: -I, bottom: 0, top: 0 };
    },
  };
  return { driver, log, get scenario() {
    return v.scenario;
  } };
}

describe('I-V sweep (issue 10, case h)', () => {
  it('finds the electrodes and reservoirs, and refuses scenarios without them, naming the fields', () => {
    const s = parseScenario(channel()).scenario;
    const e = electrodesOf(s);
    expect(e).toMatchObject({ from: 'left', to: 'right', cFrom: 1e-3, cTo: 1e-4, length: 1e-4, area: 1e-5, phiTo: 0 });
    expect(electrodesOf(parseScenario(merge(channel(), { mixture: { charge: 0 } })).scenario)).toMatch(/mixture\.charge is 0/);
    expect(electrodesOf(parseScenario(merge(channel(), { boundaries: { right: { electric: { type: 'insulating' } } } })).scenario)).toMatch(/boundaries\.<side>\.electric/);
    expect(electrodesOf(parseScenario(merge(channel(), { boundaries: { right: { mass: { type: 'closed' } } } })).scenario)).toMatch(/boundaries\.left\.mass and boundaries\.right\.mass/);
  });

  it('GHK current: Fick at 0 V, zero at the Nernst voltage, the sign of the driving force either side', () => {
    const s = parseScenario(channel()).scenario;
    const e = electrodesOf(s);
    if (typeof e === 'string') throw new Error(e);
    const Vrev = reversalOf(s, e);
    // (RT/F) ln(c_R/c_L) = -61.5 mV at body temperature for a 10:1 ratio.
    expect(Vrev).toBeCloseTo(((GAS_CONSTANT * 310.15) / FARADAY) * Math.log(0.1), 12);
    expect(Vrev * 1000).toBeCloseTo(-61.54, 1);
    const fick = ((s.mixture.rho * s.mixture.D * (1e-3 - 1e-4)) / 1e-4) * (FARADAY / 0.039) * 1e-5;
    expect(ghkCurrent(s, e, 0) / fick).toBeCloseTo(1, 12);
    const I0 = ghkCurrent(s, e, 0);
    expect(Math.abs(ghkCurrent(s, e, Vrev))).toBeLessThan(1e-12 * Math.abs(I0));
    expect(ghkCurrent(s, e, Vrev - 0.02)).toBeLessThan(0);
    expect(ghkCurrent(s, e, Vrev + 0.02)).toBeGreaterThan(0);
    const vs = sweepVoltages(Vrev, 0.06, 7);
    expect(vs).toHaveLength(7);
    expect(vs[3]).toBeCloseTo(Vrev, 15);
    expect(vs[6] - vs[0]).toBeCloseTo(0.12, 15);
  });

  it('sets the electrode, jumps and reads at each voltage, fits the scale, and restores the user state', async () => {
    const f = fakeDriver(0.37);
    const before = JSON.stringify(f.scenario);
    const seen: number[] = [];
    const curve = await runIvSweep(f.driver, f.scenario, [-0.08, -0.04, 0.02], (p) => seen.push(p.voltage));
    expect(f.log).toEqual([
      'save',
      'set boundaries.left.electric.value=-0.08',
      'jump',
      'set boundaries.left.electric.value=-0.04',
      'jump',
      'set boundaries.left.electric.value=0.02',
      'jump',
      'restore',
    ]);
    expect(seen).toEqual([-0.08, -0.04, 0.02]);
    expect(curve.fitScale).toBeCloseTo(0.37, 12);
    for (const p of curve.points) expect(p.current / p.ghk).toBeCloseTo(0.37, 12);
    expect(curve.applied).toBe(0);
    expect(JSON.stringify(f.scenario)).toBe(before);
  });

  it('a jump that fails rejects naming the voltage, and the user state is still restored', async () => {
    const f = fakeDriver(1, -0.04);
    const before = JSON.stringify(f.scenario);
    await expect(runIvSweep(f.driver, f.scenario, [-0.08, -0.04, 0.02])).rejects.toThrow(/at -40\.00 mV: the jump did not converge/);
    expect(f.log.at(-1)).toBe('restore');
    expect(f.log.filter((l) => l === 'jump')).toHaveLength(2);
    expect(JSON.stringify(f.scenario)).toBe(before);
    await expect(runIvSweep(f.driver, f.scenario, [Number.NaN])).rejects.toThrow(/finite/);
  });
});
