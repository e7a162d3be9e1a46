import { describe, expect, it } from 'vitest';
import { nessEntropyProduction, soretSteadyProfile } from '../../src/physics/analytic';
import { ReferenceSimulation } from '../../src/physics/reference';
import { closedBox, nessRod, soretCell, unitMixture, xc } from '../helpers/cases';
import { scenario } from '../helpers/scenarios';

/** Steps until no cell changes by more than `tol` over `chunk` steps. */
function runToSteady(sim: ReferenceSimulation, tol: number, chunk = 2000, maxSteps = 2_000_000): void {
  let prev = sim.fieldNow('c');
  let prevT = sim.fieldNow('T');
  for (let s = 0; s < maxSteps; s += chunk) {
    sim.advance(chunk);
    const c = sim.fieldNow('c');
    const T = sim.fieldNow('T');
    let change = 0;
    for (let i = 0; i < c.length; i++) change = Math.max(change, Math.abs(c[i] - prev[i]), Math.abs(T[i] - prevT[i]) / 100);
    if (change < tol) return;
    prev = c;
    prevT = T;
  }
  throw new Error('no steady state');
}

describe('CPU reference (float64)', () => {
  it('NESS rod: the face form makes the total entropy production exact at any N', () => {
    for (const [nx, ny] of [
      [4, 1],
      [16, 3],
    ]) {
      const sim = new ReferenceSimulation(nessRod(nx, ny));
      runToSteady(sim, 1e-15, 500);
      const s = sim.statsNow();
      expect(s.entropyProduction / nessEntropyProduction(1, 1, 1, 400, 300) - 1).toBeCloseTo(0, 12);
      expect(s.heatIn.left).toBeCloseTo(100, 10);
      expect(s.heatIn.right).toBeCloseTo(-100, 10);
    }
  });

  it('conserves solute and energy to round-off in a closed, insulated box with Soret and Dufour', () => {
    const v = closedBox({ nx: 24, ny: 16, width: 1, height: 0.7 }, unitMixture(0.5, 0.05, 1e4), {
      initial: { T: 300, c: 0.5, regions: [{ shape: 'circle', center: [0.4, 0.3], radius: 0.2, T: 330, c: 0.7 }] },
    });
    expect(v.derived.dimensionless.margin).toBeLessThan(0.9); // coupling is strong
    const sim = new ReferenceSimulation(v);
    const a = sim.statsNow();
    sim.advance(3000);
    const b = sim.statsNow();
    expect(Math.abs(b.solute - a.solute) / a.solute).toBeLessThan(1e-13);
    expect(Math.abs(b.energy - a.energy) / a.energy).toBeLessThan(1e-12);
    expect(b.T.max - b.T.min).toBeLessThan(0.5 * (a.T.max - a.T.min)); // something did happen
  });

  it('treats periodic walls as interior faces: shifting the start shifts the result', () => {
    const periodic = { heat: { type: 'periodic' }, mass: { type: 'periodic' } };
    const make = (cx: number) =>
      new ReferenceSimulation(
        scenario({
          grid: { nx: 20, ny: 10, width: 2, height: 1 },
          mixture: unitMixture(0.3, 0.05, 1e4),
          reference: { T0: 300, c0: 0.5 },
          initial: { T: 300, c: 0.5, regions: [{ shape: 'rect', x: [cx, cx + 0.6], y: [0.2, 0.6], T: 320, c: 0.6 }] },
          boundaries: { left: periodic, right: periodic, bottom: periodic, top: periodic },
        }),
      );
    const a = make(1.3); // crosses the right edge after the shift below
    const b = make(1.3 - 0.5); // 5 cells to the left
    a.advance(300);
    b.advance(300);
    const Ta = a.fieldNow('T');
    const Tb = b.fieldNow('T');
    let worst = 0;
    for (let j = 0; j < 10; j++) for (let i = 0; i < 20; i++) worst = Math.max(worst, Math.abs(Ta[j * 20 + ((i + 5) % 20)] - Tb[j * 20 + i]));
    expect(worst).toBeLessThan(1e-9);
  });

  it('converges to the steady Soret profile at second order (error ratio ~4 when h halves)', () => {
    const errors: number[] = [];
    for (const n of [16, 32, 64]) {
      const opts = { soret: 0.02, TH: 400, TC: 300, c0: 0.3, noDufour: true };
      const sim = new ReferenceSimulation(soretCell(n, opts));
      runToSteady(sim, 1e-14, 4000);
      const exact = soretSteadyProfile(opts.soret, (x) => 400 - 100 * x, 1, opts.c0);
      const c = sim.fieldNow('c');
      let e = 0;
      for (let i = 0; i < n; i++) e = Math.max(e, Math.abs(c[i] - exact(xc(i, n))));
      errors.push(e);
    }
    const r1 = errors[0] / errors[1];
    const r2 = errors[1] / errors[2];
    expect(r1).toBeGreaterThan(3.6);
    expect(r1).toBeLessThan(4.4);
    expect(r2).toBeGreaterThan(3.6);
    expect(r2).toBeLessThan(4.4);
  });
});
