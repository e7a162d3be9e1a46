/**
 * tau_slow includes heat's wall mode (src/physics/wall-modes.ts): a convective wall of small Biot
 * number holds heat back far longer than L^2 / (pi^2 lambda_slow) (issue 8, sweep seed 2057 draw 25:
 * tau_slow 1.5 s, the heat mode 91 s; "the jump = the long-run state" failed at 0.22 of the span).
 */
import { describe, expect, it } from 'vitest';
import { heatWallRelaxationTime, slowestWallRoot } from '../../src/physics/wall-modes';
import { ReferenceSimulation } from '../../src/physics/reference';
import { validateScenario, type Validated } from '../../src/physics/validate';
import { report } from '../helpers/report';

describe('the slowest wall mode of heat', () => {
  it('roots: fixed-fixed pi, fixed-insulated pi / 2, convective-insulated mu tan mu = Bi', () => {
    // a fixed value is Bi = 1e12 (wall-modes.ts): pi (1 - ~2e-12)
    expect(slowestWallRoot(Infinity, Infinity)).toBeCloseTo(Math.PI, 10);
    expect(slowestWallRoot(Infinity, 0)).toBeCloseTo(Math.PI / 2, 10);
    expect(slowestWallRoot(0, 0)).toBe(0);
    for (const bi of [0.01, 0.1, 1, 10]) {
      const mu = slowestWallRoot(bi, 0);
      expect(mu * Math.tan(mu)).toBeCloseTo(bi, 10);
    }
  });

  const rod = (scheme: string, dt?: number): Validated => {
    const r = validateScenario({
      version: 1,
      name: 'convective rod',
      grid: { nx: 24, ny: 1, width: 0.0389, height: 0.0104 },
      mixture: { rho: 1, cp: 5829, k: 1, D: 1e-4, soret: 0, molarMass: [1, 1], dufour: 'reciprocal' },
      reference: { T0: 402.18, c0: 0.5 },
      sources: [{ shape: 'rect', x: [0, 0.0016], y: [0, 0.0104], q: -2654 }],
      boundaries: {
        left: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
        right: { heat: { type: 'convective', h: 2.57, ambient: 402.18 }, mass: { type: 'concentration', value: 0.5 } },
        bottom: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
        top: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
      },
      time: dt === undefined ? { scheme } : { scheme, dt },
    });
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
    return r.value;
  };

  it('a rod cooled through a weak convective wall: tau_slow is its heat mode, and 60 tau_slow of implicit steps reach the jump', () => {
    const v = rod('implicit');
    const tau = v.derived.tauSlow;
    const L = 0.0389;
    // Bi = h L / k = 0.1: mu^2 = 0.0968, tau = rho cp L^2 / (k mu^2) ~ rho cp L / h
    expect(tau).toBeCloseTo(heatWallRelaxationTime(v.scenario, 1, 5829), 12);
    expect(tau).toBeGreaterThan(0.9 * ((5829 * L) / 2.57));
    const jumped = new ReferenceSimulation(v);
    expect(jumped.jumpNow().converged).toBe(true);
    const Tj = jumped.fieldNow('T');
    const run = new ReferenceSimulation(rod('implicit', 2 * tau));
    run.advance(30);
    const T = run.fieldNow('T');
    const span = Math.max(...Array.from(Tj, (x) => Math.abs(x - 402.18)));
    const d = Math.max(...Array.from(T, (x, i) => Math.abs(x - Tj[i]))) / span;
    report('convective rod: tau_slow [s], long run (30 x 2 tau_slow) off the jump (of the steady rise)', `${tau.toFixed(1)} ${d.toExponential(2)}`);
    expect(d).toBeLessThan(1e-3);
  });
});
