/**
 * The balance check of a time step's residual (physics/implicit.ts balanceRatio): the sum of R over
 * cells, the residual of the fields' mean mode, against what does not cancel in that sum (time term,
 * walls, sources). The rms ratio cannot see a mean-mode error where strong faces dominate the
 * transport scale (sweep 2219 #59, 256 x 1, cells 2154:1: the GPU's mean of c 1.6 % of its change off).
 */
import { describe, expect, it } from 'vitest';
import { balanceRatio, residualReport, STEP_TOLERANCE, type ResidualSums } from '../../src/physics/implicit';

const N = 256;
/** N cells, each with residual r (uniform: all in the mean mode) and noise +-q (alternating: none in it). */
function sums(r: number, q: number, scale: number, balance: number, bound = 0): ResidualSums {
  let r2 = 0;
  let sum = 0;
  for (let i = 0; i < N; i++) {
    const ri = r + (i % 2 ? q : -q);
    r2 += ri * ri;
    sum += ri;
  }
  return { r2: [0, r2], s2: [0, N * scale * scale], fluid: N, sum: [0, sum], balance: [0, N * balance], balanceBound: [0, N * bound] };
}

describe('balanceRatio (a time step: the residual of the mean mode)', () => {
  it('rejects a uniform residual the rms ratio accepts: transport scale 6.5, balance 0.094, residual 4.7e-3 per cell', () => {
    const x = sums(4.7e-3, 0, 6.5, 0.094);
    const rms = Math.sqrt(x.r2[1] / x.s2[1]);
    expect(rms).toBeLessThan(STEP_TOLERANCE);
    expect(balanceRatio(x, STEP_TOLERANCE, 1)).toBeCloseTo(4.7e-3 / 0.094, 6);
    expect(residualReport(x).relative).toBeGreaterThan(STEP_TOLERANCE);
  });

  it('accepts noise that cancels in the sum, however large against the balance', () => {
    const x = sums(0, 0.06, 6.5, 0.094);
    expect(balanceRatio(x, STEP_TOLERANCE, 1)).toBeLessThan(1e-12);
    expect(residualReport(x).relative).toBeLessThan(STEP_TOLERANCE);
  });

  it('measures at the margin scale, like the transport scale: 0.1 makes it ten times stricter', () => {
    const x = sums(5e-4, 0, 6.5, 0.094);
    expect(balanceRatio(x, STEP_TOLERANCE, 0.1)).toBeCloseTo(10 * balanceRatio(x, STEP_TOLERANCE, 1), 12);
  });

  it('a float32 sum converges within its round-off bound', () => {
    const x = sums(1e-6, 0, 1, 1e-9, 1e-6);
    expect(balanceRatio(x, STEP_TOLERANCE, 1)).toBeCloseTo(STEP_TOLERANCE, 12);
    expect(balanceRatio({ ...x, balanceBound: [0, N * 2e-6] }, STEP_TOLERANCE, 1)).toBeCloseTo(STEP_TOLERANCE / 2, 12);
  });

  it('is not applied to the jump (measured against its start) or without the sums', () => {
    const x = sums(4.7e-3, 0, 6.5, 0.094);
    expect(residualReport(x, x).relative).toBeLessThan(STEP_TOLERANCE);
    expect(balanceRatio({ r2: x.r2, s2: x.s2, fluid: N }, STEP_TOLERANCE, 1)).toBe(0);
  });
});
