/**
 * The corner cases of issue 8 symptom 11 (test/unit/sigma-convergence.test.ts, bench/corner.ts):
 * a 1 cm square, a fixed 320 K wall on the left, insulated on the right, a heat source
 * (2e5 W/m^3 in x 2.5-5 mm, y 2.5-7.5 mm), mass closed everywhere, and on the bottom and top
 * either a convective wall (h_c [W m^-2 K^-1], ambient [K]) or a fixed heat flux. Where the
 * convective ambient differs from 320 K, or the flux is not 0, the data are incompatible at the
 * two left corners (the fixed wall forces dT/dn = 0 along itself, the other wall a non-zero dT/dn
 * at the same point): T ~ r log r there.
 */
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario, type Validated } from '../../src/physics/validate';
import { exampleScenario, merge, type Json } from './scenarios';

const closed = { type: 'closed' };

export type CornerWall = { convective: { h: number; ambient: number } } | { flux: number };

export interface CornerOptions {
  /** Bottom and top walls (default: convective, h_c = 200, ambient 300 K). */
  wall?: CornerWall;
  /** S_T as a fraction of its second-law bound (default 0: pure conduction). */
  soretFraction?: number;
}

/** k / h_c [m]: the length over which a convective wall's temperature leaves the fixed wall's. */
export const convectiveLength = (k: number, h: number) => k / h;

/** The corner case on an n x n grid. */
export function cornerScenario(n: number, o: CornerOptions = {}): Validated {
  const wall = o.wall ?? { convective: { h: 200, ambient: 300 } };
  const heat = 'flux' in wall ? { type: 'flux', value: wall.flux } : { type: 'convective', h: wall.convective.h, ambient: wall.convective.ambient };
  const patch = (soret: number): Json => ({
    grid: { nx: n, ny: n, width: 0.01, height: 0.01 },
    initial: { T: 320 },
    mixture: { soret },
    boundaries: {
      left: { heat: { type: 'temperature', value: 320 }, mass: closed },
      right: { heat: { type: 'flux', value: 0 }, mass: closed },
      bottom: { heat, mass: closed },
      top: { heat, mass: closed },
    },
    sources: [{ shape: 'rect', x: [0.0025, 0.005], y: [0.0025, 0.0075], q: 2e5 }],
  });
  const base = parseScenario(merge(exampleScenario(), patch(0)));
  const f = o.soretFraction ?? 0;
  return f === 0 ? base : parseScenario(merge(exampleScenario(), patch(f * base.derived.secondLaw.maxSoret)));
}

/** The steady state (the jump, CPU float64, relative residual 1e-11) of a scenario. */
export function steadyReference(v: Validated): ReferenceSimulation {
  const sim = new ReferenceSimulation(v);
  const r = sim.jumpNow({ tolerance: 1e-11 });
  if (!r.converged) throw new Error(`the jump did not converge on ${v.scenario.grid.nx}^2 (residual ${r.relative})`);
  return sim;
}

/** Richardson's ratio (S_h - S_h/2) / (S_h/2 - S_h/4) of three totals on grids h, h/2, h/4. */
export const richardson = (s: readonly number[]) => (s[0] - s[1]) / (s[1] - s[2]);
