import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetFile } from '../../src/physics/presets';
import { reactionConstantsOf, reactionRates } from '../../src/physics/reaction';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { boxScenario, RATE_RATIO_TABLE } from '../helpers/reaction';
import { boxRate } from '../helpers/reaction-ode';
import { report } from '../helpers/report';
import { merge, type Json } from '../helpers/scenarios';

const R = 8.314462618;

describe('reaction presets and the rate-affinity law from simulated rates', () => {
  it('r / r_lin from one simulated step reproduces physics.md 6(f) (x = A/RT = 0.1 ... 5, within 1e-4)', () => {
    const raw = boxScenario({ grid: { nx: 2, ny: 2 } });
    const v = parseScenario(raw);
    const k = reactionConstantsOf(v.scenario)!;
    const ode = { nu: [2, 1] as [number, number], kf: k.kf0, kb: k.kb0, Ea: 0, dH: k.dH, T0: 300, rho: 3, cp: 800, M: [0.046, 0.092] as [number, number] };
    for (const [x, expected] of RATE_RATIO_TABLE) {
      // The uniform state with A/RT = x at 300 K (bisection on the rate law written in the test helper).
      let lo = 1e-6;
      let hi = 1 - 1e-6;
      for (let i = 0; i < 200; i++) {
        const mid = 0.5 * (lo + hi);
        const a = boxRate(ode, mid, 300).affinity / (R * 300);
        if (a < x) lo = mid;
        else hi = mid;
      }
      const c = 0.5 * (lo + hi);
      const dt = 1e-4;
      const sim = new ReferenceSimulation(parseScenario(merge(raw, { initial: { c }, time: { dt } } as Json)));
      sim.advance(1);
      // The simulated rate: rho dc/dt = -nu1 M1 r over one forward-Euler step.
      const rSim = (-(3 / (2 * 0.046)) * (sim.fieldNow('c')[0] - c)) / dt;
      const { rf, rb } = reactionRates(k, 300, c);
      const rLin = Math.sqrt(rf * rb) * x;
      report(`r/r_lin at A/RT = ${x}`, (rSim / rLin).toFixed(6));
      expect(Math.abs(rSim / rLin - expected)).toBeLessThan(1e-4);
    }
  });

  it('no2-box relaxes from only NO2: dimerises, heats to ~378 K (Le Chatelier stops it), stays uniform, sigma > 0', () => {
    const v = parseScenario(presetFile('no2-box'));
    const sim = new ReferenceSimulation(v);
    sim.advance(Math.round(10 / v.derived.dt));
    const s = sim.statsNow();
    expect(s.c.mean).toBeLessThan(0.93);
    expect(s.T.mean).toBeGreaterThan(370);
    expect(s.c.max - s.c.min).toBeLessThan(1e-9);
    expect(s.sigma.min).toBeGreaterThan(0);
  });

  it('reactive-conduction: the steady heat flux with the reaction exceeds the frozen one', () => {
    const coarse = (patch: Json) => parseScenario(merge(presetFile('reactive-conduction') as Json, merge({ grid: { nx: 32, ny: 2 }, time: { scheme: 'implicit', dt: 'auto' } }, patch)));
    const heat = (v: ReturnType<typeof coarse>) => {
      const sim = new ReferenceSimulation(v);
      const rep = sim.jumpNow();
      expect(rep.converged).toBe(true);
      const s = sim.statsNow();
      // Steady: what enters at the hot wall leaves at the cold one.
      expect(Math.abs(s.heatIn.left + s.heatIn.right)).toBeLessThan(1e-3 * s.heatIn.left);
      return s.heatIn.left;
    };
    const reacting = heat(coarse({}));
    const frozen = heat(coarse({ reaction: { kf: 1e-9, kb: 4.03e-8 } }));
    const conduction = (0.014 * 50 * 0.000625) / 0.01; // k dT / L times the height [W/m]
    report('reactive-conduction heat flow [W/m]: with reaction, frozen, k dT/L', `${reacting.toPrecision(4)} ${frozen.toPrecision(4)} ${conduction.toPrecision(4)}`);
    expect(Math.abs(frozen / conduction - 1)).toBeLessThan(1e-3);
    expect(reacting / frozen).toBeGreaterThan(2);
  });
});

describe('command line with a reaction', () => {
  it('npm run sim -- no2-box exits 0 with entropyParts (chemical) and reaction keys; --out writes affinity.npy', () => {
    const out = mkdtempSync(join(tmpdir(), 'no2-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', 'no2-box', '--steps', '20', '--backend', 'cpu', '--out', out], { encoding: 'utf8', timeout: 90_000 });
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.reaction.rate).toBeGreaterThan(0);
    expect(s.reaction.affinity.min).toBeGreaterThan(0);
    expect(s.reaction.affinity.max).toBeGreaterThanOrEqual(s.reaction.affinity.mean * (1 - 1e-12));
    const p = s.entropyParts;
    expect(p.chemical).toBeGreaterThan(0);
    expect(Math.abs(p.heat + p.mass + p.chemical - s.entropyProduction)).toBeLessThan(1e-9 * s.entropyProduction);
    expect(existsSync(join(out, 'affinity.npy'))).toBe(true);
    expect(readFileSync(join(out, 'affinity.npy')).length).toBeGreaterThan(8 * 8 * 4);
  });
});
