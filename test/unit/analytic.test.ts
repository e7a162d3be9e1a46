import { RATE_RATIO_TABLE } from '../helpers/reaction';
import { describe, expect, it } from 'vitest';
import {
  dufourTransient,
  erfc,
  nernstRatio,
  nessEntropyProduction,
  reactionRateRatio,
  soretSteadyProfile,
  soretSteadySeparation,
  soretTransientFraction,
} from '../../src/physics/analytic';

describe('analytic results of physics.md 6', () => {
  it('(a) NESS rod: 1/12 for 400 K / 300 K, k = A = L = 1', () => {
    expect(nessEntropyProduction(1, 1, 1, 400, 300)).toBeCloseTo(1 / 12, 15);
  });

  it('(b) steady separation tanh(S_T dT / 4), and the logit profile reproduces it', () => {
    expect(soretSteadySeparation(0.04, 100)).toBeCloseTo(Math.tanh(1), 15);
    const c = soretSteadyProfile(0.04, (x) => 400 - 100 * x, 1, 0.5);
    expect(c(1) - c(0)).toBeCloseTo(Math.tanh(1), 9);
    // linearised: c0 (1 - c0) S_T dT
    expect(soretSteadySeparation(1e-4, 1) / (0.25 * 1e-4)).toBeCloseTo(1, 6);
  });

  it('(b) transient series: 0 at t = 0, 1 - (8/pi^2) e^{-t/tau} late', () => {
    expect(soretTransientFraction(0, 1, 20000)).toBeLessThan(2e-5);
    expect(soretTransientFraction(3, 1)).toBeCloseTo(1 - (8 / Math.PI ** 2) * Math.exp(-3), 6);
  });

  it('erfc to 1.2e-7', () => {
    const table: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [-1, 1.8427007929497148],
    ];
    for (const [x, y] of table) expect(Math.abs(erfc(x) - y) / y).toBeLessThan(1.2e-7);
  });

  it('(c) Dufour transient: peak theta = 0.4068 Du dc for Le = 100, Du = 0.2, Sr = 0.5, fixed in time', () => {
    const Le = 100;
    const Du = 0.2;
    const Sr = 0.5;
    const A: [[number, number], [number, number]] = [
      [1, Du],
      [Sr / Le, 1 / Le],
    ];
    const peak = (t: number) => {
      let best = { x: 0, v: -Infinity };
      for (let x = 1e-4; x < 20 * Math.sqrt(t); x *= 1.0005) {
        const v = dufourTransient(A, 1, x, t);
        if (v > best.v) best = { x, v };
      }
      return best;
    };
    const p1 = peak(1);
    const p4 = peak(4);
    expect(p1.v / Du).toBeCloseTo(0.4068, 4);
    expect(p4.v).toBeCloseTo(p1.v, 6);
    expect(p4.x / p1.x).toBeCloseTo(2, 2); // moves as sqrt(t)
  });

  it('(e) Nernst ratio 0.02040 at 0.1 V, 298.15 K', () => {
    expect(nernstRatio(1, 0.1, 298.15)).toBeCloseTo(0.0204, 4);
  });

  it('(f) reaction rate over the linear law', () => {
    for (const [x, r] of RATE_RATIO_TABLE) expect(reactionRateRatio(x)).toBeCloseTo(r, 4);
  });
});
