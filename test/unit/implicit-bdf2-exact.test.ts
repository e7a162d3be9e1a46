/**
 * A BDF2 step that converged but rose is retaken exactly as BDF2, the scheme it was taken in
 * (physics/reference.ts implicitStep, exactStep's `previous`). Before, the exact retake was
 * backward Euler, so the step's scheme depended on whether a backend saw the rise: sweep 2209 #24
 * (248 x 1, cells 1037:1, pure diffusion), the CPU's second step rose and became backward Euler,
 * the GPU's did not (c 6.6e-3 apart, 6.6e-2 of its excursion).
 *
 * The reference: the linear BDF2 step of the same discretisation, solved directly (bench/dense.ts):
 * with T uniform and S_T ~ 0 the mass equation is linear diffusion, rho c_t = div(rho D grad c),
 * with c fixed at half a cell beyond the right and bottom walls, the top closed and cell 0 solid.
 */
import { describe, expect, it } from 'vitest';
import { BDF2 } from '../../src/physics/implicit';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { STRETCHED_BDF2_248x1 } from '../helpers/sweep-cases';
import { report } from '../helpers/report';
import { solveDense } from '../../bench/dense';

/** The BDF2 step of the row's diffusion from c^n (`cn`) and c^{n-1} (`cPrev`), cells 1.. (cell 0 solid). */
function bdf2Row(cn: Float64Array, cPrev: Float64Array, dt: number): Float64Array {
  const s = STRETCHED_BDF2_248x1;
  const n = s.grid.nx;
  const hx = s.grid.width / n;
  const hy = s.grid.height;
  const D = s.mixture.D;
  const wall = s.boundaries.right.mass.value;
  const [a0, a1, a2] = BDF2;
  const m = n - 1;
  const a = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const rhs = new Array<number>(m).fill(0);
  for (let k = 0; k < m; k++) {
    const P = k + 1;
    a[k][k] = a0 / dt + D / (0.5 * hy * hy);
    rhs[k] = (a1 * cn[P] - a2 * cPrev[P]) / dt + (D / (0.5 * hy * hy)) * wall;
    if (k > 0) {
      a[k][k] += D / (hx * hx);
      a[k][k - 1] = -D / (hx * hx);
    }
    if (P < n - 1) {
      a[k][k] += D / (hx * hx);
      a[k][k + 1] = -D / (hx * hx);
    } else {
      a[k][k] += D / (0.5 * hx * hx);
      rhs[k] += (D / (0.5 * hx * hx)) * wall;
    }
  }
  return Float64Array.from(solveDense(a, rhs));
}

describe('BDF2 steps on strongly stretched cells equal the direct BDF2 step (CPU reference)', () => {
  /** The largest |c - expected| over cells 1.. and the expected step's excursion from c0. */
  const offOf = (c: ArrayLike<number>, expected: Float64Array) => {
    let off = 0;
    let excursion = 0;
    for (let k = 0; k < expected.length; k++) {
      off = Math.max(off, Math.abs(c[k + 1] - expected[k]));
      excursion = Math.max(excursion, Math.abs(expected[k] - STRETCHED_BDF2_248x1.reference.c0));
    }
    return off / excursion;
  };

  // Before the balance check (physics/implicit.ts balanceRatio) the multigrid's second step rose and
  // was retaken exactly: as backward Euler first (6.6e-2 off), then as BDF2 (4.4e-12). It now
  // converges where it is, its mean mode held by the balance check.
  it('sweep 2209 #24 (248 x 1, cells 1037:1): the second step, as taken, is within 1e-3 of the direct BDF2 step', () => {
    const v = parseScenario(STRETCHED_BDF2_248x1);
    const sim = new ReferenceSimulation(v);
    const c0 = sim.fieldNow('c').slice();
    sim.advance(1);
    const c1 = sim.fieldNow('c').slice();
    sim.advance(1);
    const rep = sim.lastSolve!;
    const off = offOf(sim.fieldNow('c'), bdf2Row(Float64Array.from(c1), Float64Array.from(c0), v.derived.dt));
    report('sweep 2209 #24, second step: exact, relative residual, c off the direct BDF2 step (of its excursion)', `${rep.exact ?? false} ${rep.relative.toExponential(2)} ${off.toExponential(2)}`);
    expect(rep.converged).toBe(true);
    expect(rep.substeps).toBeUndefined();
    expect(off).toBeLessThan(1e-3);
    sim.destroy();
  });

  it('the exact step with Y^{n-1} (what a BDF2 step that rose is retaken as) is the direct BDF2 step', () => {
    const v = parseScenario(STRETCHED_BDF2_248x1);
    const sim = new ReferenceSimulation(v);
    const c0 = sim.fieldNow('c').slice();
    const previous = { u: new Float64Array(c0.length), v: Float64Array.from(c0, (c) => c - STRETCHED_BDF2_248x1.reference.c0) };
    sim.advance(1);
    const c1 = sim.fieldNow('c').slice();
    const rep = sim.exactStep(previous);
    const off = offOf(sim.fieldNow('c'), bdf2Row(Float64Array.from(c1), Float64Array.from(c0), v.derived.dt));
    report('sweep 2209 #24, exact BDF2 retake of the second step: relative residual, c off the direct BDF2 step (of its excursion)', `${rep.relative.toExponential(2)} ${off.toExponential(2)}`);
    expect(rep.converged).toBe(true);
    expect(rep.exact).toBe(true);
    expect(off).toBeLessThan(1e-6);
    sim.destroy();
  });

  it("replayStep (the host's replay of a GPU step) with Y^{n-1} is the step the run takes: BDF2, the same state to the bit; without it backward Euler", () => {
    const v = parseScenario(STRETCHED_BDF2_248x1);
    const run = new ReferenceSimulation(v);
    const c0 = run.fieldNow('c').slice();
    run.advance(2);
    const host = new ReferenceSimulation(v);
    host.advance(1);
    const start = host.deviationPairs();
    const c1 = host.fieldNow('c').slice();
    const previous = { u: new Float64Array(c0.length), v: Float64Array.from(c0, (c) => c - STRETCHED_BDF2_248x1.reference.c0) };
    const rep = host.replayStep(previous);
    const replayed = host.fieldNow('c').slice();
    const off = offOf(replayed, bdf2Row(Float64Array.from(c1), Float64Array.from(c0), v.derived.dt));
    host.putDeviationPairs(start);
    host.replayStep();
    const be = host.fieldNow('c');
    const beOff = offOf(be, bdf2Row(Float64Array.from(c1), Float64Array.from(c0), v.derived.dt));
    report('sweep 2209 #24, the second step replayed with Y^{n-1} / without: c off the direct BDF2 step (of its excursion)', `${off.toExponential(2)} ${beOff.toExponential(2)}`);
    expect(rep.converged).toBe(true);
    expect(Array.from(replayed)).toEqual(Array.from(run.fieldNow('c')));
    expect(host.simTime).toBe(v.derived.dt);
    expect(off).toBeLessThan(1e-3);
    expect(beOff).toBeGreaterThan(10 * off);
    run.destroy();
    host.destroy();
  });
});
