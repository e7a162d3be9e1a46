/**
 * The float64 jump's round-off floor (F64_JUMP_ROUND_OFF): a channel whose steady state carries
 * no transport (mass closed everywhere, T uniform along the channel, so c stays uniform) measured
 * its round-off residual against a scale of round-off: sweep seed 2064 draw 48 (252 x 1,
 * S_T = -10 1/K) ended at a relative residual of 0.998 after 60 iterations, "not converged", with
 * its state right to 9 digits. Issue 8 (the jump converges on every accepted scenario).
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { report } from '../helpers/report';

const W = 0.009114225588694925;
const H = 0.009342646011199739;
const T0 = 53.82707030571597;
const c0 = 0.46850262168414003;
const seed2064draw48 = () => ({
  version: 1,
  name: 'sweep 2064 #48',
  grid: { nx: 252, ny: 1, width: W, height: H },
  mixture: { rho: 1, cp: 15848.93192461085, k: 1, D: 4.614862028323165e-11, soret: -10, molarMass: [1, 1], dufour: 2.665063921761238e-19 },
  reference: { T0, c0 },
  initial: { regions: [] },
  sources: [{ shape: 'rect', x: [0, W], y: [0, H], q: 6166.815493613753 }],
  obstacles: [{ shape: 'rect', x: [0, 3.616756185990049e-5], y: [0, H] }],
  boundaries: {
    left: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
    right: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
    bottom: { heat: { type: 'temperature', value: T0 }, mass: { type: 'closed' } },
    top: { heat: { type: 'convective', h: 107036.05796486531, ambient: T0 }, mass: { type: 'closed' } },
  },
  time: { scheme: 'implicit' },
  allowUnphysical: true,
});

describe('the float64 jump judges a residual of pure round-off as converged', () => {
  it('252 x 1, mass closed, c uniform at the steady state: converges, c uniform and its total kept (was relative 0.998 after 60 iterations)', () => {
    const sim = new ReferenceSimulation(parseScenario(seed2064draw48()));
    const rep = sim.jumpNow();
    const c = Array.from(sim.fieldNow('c')).slice(1); // cell 0 is the obstacle
    const T = Array.from(sim.fieldNow('T')).slice(1);
    const spread = (a: number[]) => Math.max(...a) - Math.min(...a);
    const mean = c.reduce((a, b) => a + b, 0) / c.length;
    report('jump 2064 #48: iterations, relative residual, c spread, T spread [K]', `${rep.iterations} ${rep.relative.toExponential(2)} ${spread(c).toExponential(2)} ${spread(T).toExponential(2)}`);
    expect(rep.converged).toBe(true);
    expect(rep.relative).toBeLessThan(1e-5);
    // uniform source, every cell the same walls above and below: T and c uniform along the channel
    expect(spread(T)).toBeLessThan(1e-9 * T0);
    expect(spread(c)).toBeLessThan(1e-9);
    expect(Math.abs(mean - c0)).toBeLessThan(1e-12);
  });
});
