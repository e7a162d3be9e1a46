/**
 * The analytic cases of physics.md section 6, run on the GPU (the real WGSL on Dawn/SwiftShader).
 */
import { describe, expect, it } from 'vitest';
import {
  coupledDecayRates,
  dufourTransient,
  gridWavenumber2,
  logistic,
  logit,
  nessEntropyProduction,
  soretSteadySeparation,
  soretTime,
  soretTransientFraction,
} from '../../src/physics/analytic';
import type { GpuSimulation } from '../../src/gpu/solver';
import { keff, muC, transportMatrix, eigen2 } from '../../src/physics/thermo';
import { closedBox, nessRod, soretCell, soretForDuSr, unitMixture, xc } from '../helpers/cases';
import { gpuSim } from '../helpers/gpu';
import { report } from '../helpers/report';
import { scenario } from '../helpers/scenarios';

/** Steps until the largest change of T (K) and c over `chunk` steps is below tolerances. */
async function runToSteady(sim: GpuSimulation, chunk: number, tolT: number, tolC: number, maxSteps: number): Promise<void> {
  let T = (await sim.readField('T')).data;
  let c = (await sim.readField('c')).data;
  for (let s = 0; s < maxSteps; s += chunk) {
    await sim.step(chunk);
    const T2 = (await sim.readField('T')).data;
    const c2 = (await sim.readField('c')).data;
    let dT = 0;
    let dc = 0;
    for (let i = 0; i < T.length; i++) {
      dT = Math.max(dT, Math.abs(T2[i] - T[i]));
      dc = Math.max(dc, Math.abs(c2[i] - c[i]));
    }
    T = T2;
    c = c2;
    if (dT < tolT && dc < tolC) return;
  }
  throw new Error(`no steady state within ${maxSteps} steps`);
}

/** Wall concentrations of a closed cell from its edge cells: logit c_w = logit c - S_T (T_w - T). */
function wallConcentrations(T: ArrayLike<number>, c: ArrayLike<number>, n: number, ST: number, TH: number, TC: number) {
  return {
    hot: logistic(logit(c[0]) - ST * (TH - T[0])),
    cold: logistic(logit(c[n - 1]) - ST * (TC - T[n - 1])),
  };
}

describe('analytic cases on the GPU', () => {
  it('(a) NESS rod: total entropy production = k A/L (T_H - T_C)^2 / (T_H T_C) within 1e-4', async () => {
    const sim = await gpuSim(nessRod(32, 2));
    await runToSteady(sim, 2000, 1e-5, 1, 40_000);
    const s = await sim.stats();
    const exact = nessEntropyProduction(1, 1, 1, 400, 300);
    const err = Math.abs(s.entropyProduction / exact - 1);
    report('NESS rod relative error of total sigma', err);
    expect(err).toBeLessThan(1e-4);
    expect(s.heatIn.left / 100).toBeCloseTo(1, 4);
    expect(s.heatIn.right / -100).toBeCloseTo(1, 4);
    sim.destroy();
  });

  it('(b) closed Soret cell: steady c_cold - c_hot = tanh(S_T dT / 4) within 1e-3 (S_T dT = 4)', async () => {
    const opts = { soret: 0.04, TH: 400, TC: 300 };
    const v = soretCell(32, opts);
    expect(v.derived.dimensionless.margin).toBeGreaterThan(0.99); // weak Dufour feedback: T stays symmetric
    const sim = await gpuSim(v);
    await runToSteady(sim, 2000, 1e-5, 1e-8, 60_000);
    const T = (await sim.readField('T')).data;
    const c = (await sim.readField('c')).data;
    const w = wallConcentrations(T, c, 32, opts.soret, opts.TH, opts.TC);
    const exact = soretSteadySeparation(opts.soret, 100);
    const err = Math.abs((w.cold - w.hot) / exact - 1);
    report('Soret steady separation relative error (S_T dT = 4)', err);
    expect(err).toBeLessThan(1e-3);
    sim.destroy();
  });

  it('(b) Soret transient with T already linear follows the tau = L^2/(pi^2 D) series within 1%', async () => {
    const n = 64;
    const opts = { soret: 1e-3, TH: 305, TC: 295, noDufour: true };
    const sim = await gpuSim(soretCell(n, opts));
    await sim.writeField('T', Array.from({ length: n }, (_, i) => 305 - 10 * xc(i, n)));
    const tau = soretTime(1, 1);
    const dcInf = 0.25 * opts.soret * 10; // linearised c0 (1 - c0) S_T dT
    let worst = 0;
    for (const t of [0.25, 0.5, 1, 2, 4].map((f) => f * tau)) {
      await sim.step(Math.round(t / sim.validated.derived.dt) - sim.steps);
      const T = (await sim.readField('T')).data;
      const c = (await sim.readField('c')).data;
      const w = wallConcentrations(T, c, n, opts.soret, opts.TH, opts.TC);
      const frac = (w.cold - w.hot) / dcInf;
      const exact = soretTransientFraction(sim.simTime, tau);
      worst = Math.max(worst, Math.abs(frac / exact - 1));
    }
    report('Soret transient worst relative deviation from the series', worst);
    expect(worst).toBeLessThan(0.01);
    sim.destroy();
  });

  it('(d) coupled eigenmodes decay at q_h^2 lambda_+- of the 2x2 matrix within 0.5%', async () => {
    const n = 64;
    const D = 0.5;
    const v = closedBox({ nx: n, ny: 1, width: 1, height: 1 }, unitMixture(D, soretForDuSr(0.5, D, 300, 0.5)));
    const m = v.derived.material;
    const A = transportMatrix(m, 300, 0.5);
    const e = eigen2(A);
    const q2 = gridWavenumber2(1, 1 / n, 1);
    const rates = coupledDecayRates(A, q2);
    const mode = Array.from({ length: n }, (_, i) => Math.cos(Math.PI * xc(i, n)));
    for (const [which, lambda, rate] of [
      ['fast', e.plus, rates.fast],
      ['slow', e.minus, rates.slow],
    ] as const) {
      // right eigenvector (T, c) of A for lambda: (A01, lambda - A00)
      const rT = A[0][1];
      const rc = lambda - A[0][0];
      const amp = 1e-3 / Math.max(Math.abs(rT), Math.abs(rc) * 100);
      const sim = await gpuSim(v);
      await sim.writeField('T', mode.map((x) => 300 + amp * rT * x));
      await sim.writeField('c', mode.map((x) => 0.5 + amp * rc * x));
      // left eigenvector projects out the other mode
      const l = [A[1][0], lambda - A[0][0]];
      const project = async () => {
        const T = (await sim.readField('T')).data;
        const c = (await sim.readField('c')).data;
        let s = 0;
        for (let i = 0; i < n; i++) s += mode[i] * (l[0] * (T[i] - 300) + l[1] * (c[i] - 0.5));
        return s;
      };
      const a0 = await project();
      await sim.step(Math.round(1 / rate / v.derived.dt)); // one e-fold
      const a1 = await project();
      const measured = -Math.log(a1 / a0) / sim.simTime;
      const err = Math.abs(measured / rate - 1);
      report(`eigenmode ${which} decay rate relative error`, err);
      expect(err).toBeLessThan(0.005);
      sim.destroy();
    }
    expect(rates.fast / rates.slow).toBeGreaterThan(3); // two distinct modes were checked
  });

  it('(c) Dufour transient: amplitude and peak position follow the erfc solution within 2%', async () => {
    // 320 cells: the c front (width sqrt(D t) = 6-9 mm) spans two to three cells, enough for the
    // T peak it drives: measured worst error 0.49 % (0.10 % at 640 cells, second order, at 4x the
    // steps), well inside 2 %; a wrong Dufour coefficient or sign is off by tens of percent.
    // (dt follows h^2: the steps, which set the time on SwiftShader, scale as n^2.)
    const n = 320;
    const D = 0.01; // Le = 100
    const c0 = 0.5;
    const dc = 0.01;
    const v = scenario({
      grid: { nx: n, ny: 1, width: 1, height: 1 },
      mixture: unitMixture(D, soretForDuSr(0.1, D, 300, c0)), // Du Sr = 0.1 (Du = 0.2, Sr = 0.5 for dT = Sr / (c0(1-c0) S_T))
      reference: { T0: 300, c0 },
      initial: { T: 300, c: c0 + dc / 2, regions: [{ shape: 'rect', x: [0.5, 1], y: [0, 1], c: c0 - dc / 2 }] },
      boundaries: {
        left: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
        right: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
        bottom: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
        top: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
      },
    });
    const A = transportMatrix(v.derived.material, 300, c0);
    expect(A[0][0] / A[1][1]).toBeCloseTo(100, 6);
    const sim = await gpuSim(v);
    const peakOf = (f: (x: number) => number, xs: number[]) => {
      let k = 1;
      for (let i = 1; i < xs.length - 1; i++) if (f(xs[i]) > f(xs[k])) k = i;
      // parabola through the three samples around the largest
      const [y0, y1, y2] = [f(xs[k - 1]), f(xs[k]), f(xs[k + 1])];
      const h = xs[k + 1] - xs[k];
      const off = (0.5 * (y0 - y2)) / (y0 - 2 * y1 + y2);
      return { x: xs[k] + off * h, value: y1 - 0.25 * (y0 - y2) * off };
    };
    const errors: number[] = [];
    for (const t of [0.004, 0.008]) {
      await sim.step(Math.round(t / v.derived.dt) - sim.steps);
      const T = (await sim.readField('T')).data;
      const xs = Array.from({ length: n / 2 }, (_, i) => xc(n / 2 + i, n) - 0.5);
      const num = peakOf((x) => T[Math.round((x + 0.5) * n - 0.5)] - 300, xs);
      const fine = Array.from({ length: 4000 }, (_, i) => (i + 0.5) * (0.5 / 4000));
      const ana = peakOf((x) => dufourTransient(A, dc, x, sim.simTime), fine);
      errors.push(Math.abs(num.value / ana.value - 1), Math.abs(num.x / ana.x - 1));
      expect(ana.value).toBeGreaterThan(0);
    }
    report('Dufour transient worst relative error (amplitude, peak position)', Math.max(...errors));
    for (const e of errors) expect(e).toBeLessThan(0.02);
    sim.destroy();
  });

  it('(b) with Dufour coupling: steady wall heat flow = (1 - Du Sr) k dT / L within 0.5%', async () => {
    const D = 1;
    const ST = soretForDuSr(0.5, D, 300, 0.5);
    const v = scenario({
      grid: { nx: 32, ny: 1, width: 1, height: 1 },
      mixture: unitMixture(D, ST),
      reference: { T0: 300, c0: 0.5 },
      initial: { T: 300, c: 0.5 },
      boundaries: {
        left: { heat: { type: 'temperature', value: 300.5 }, mass: { type: 'closed' } },
        right: { heat: { type: 'temperature', value: 299.5 }, mass: { type: 'closed' } },
        bottom: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
        top: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
      },
    });
    const g = v.derived.dimensionless;
    expect(g.Du * g.Sr).toBeCloseTo(0.5, 6);
    const sim = await gpuSim(v);
    await runToSteady(sim, 4000, 1e-7, 1e-9, 200_000);
    const s = await sim.stats();
    const expected = (1 - g.Du * g.Sr) * v.derived.material.k * 1; // dT = 1 K, L = 1 m, height 1 m
    const err = Math.abs(s.heatIn.left / expected - 1);
    report('Dufour-coupled steady heat flow relative error', err);
    expect(err).toBeLessThan(0.005);
    expect(Math.abs(s.heatIn.right / -expected - 1)).toBeLessThan(0.005);
    // and not the uncoupled k dT / L
    expect(s.heatIn.left / v.derived.material.k).toBeLessThan(0.6);
    expect(keff(v.derived.material, 300, 0.5) / v.derived.material.k).toBeCloseTo(0.5, 6);
    sim.destroy();
  });

  it('reciprocity: L1q from the Soret flux under grad T equals Lq1 from the Dufour flux under grad c, within 1e-4', async () => {
    // One step from a prepared state; the face flux between the two left cells follows from the
    // change of the leftmost cell (its wall passes no mass and, insulated, no heat).
    const measure = async (dufour: number | 'reciprocal') => {
      const D = 1;
      const ST = soretForDuSr(0.3, D, 300, 0.5);
      const v = scenario({
        allowUnphysical: dufour !== 'reciprocal',
        grid: { nx: 8, ny: 1, width: 1, height: 1 },
        mixture: { ...unitMixture(D, ST), dufour },
        reference: { T0: 300, c0: 0.5 },
        initial: { T: 300, c: 0.5 },
        boundaries: {
          left: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
          right: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
          bottom: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
          top: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
        },
      });
      const { rho, cp } = v.derived.material;
      const h = 1 / 8;
      const dt = v.derived.dt;
      const delta = 1e-3;
      // pure temperature gradient: cells 0 and 1 at T0 -/+ delta/2, uniform c
      let sim = await gpuSim(v);
      await sim.writeField('T', Array.from({ length: 8 }, (_, i) => 300 + delta * (i - 0.5)));
      await sim.step(1);
      const dv0 = (await sim.readDeviation('c'))[0];
      const J1 = (-dv0 * rho * h) / dt; // rho dv/dt = -(J_east) / h
      const Xq = (1 / (300 + delta / 2) - 1 / (300 - delta / 2)) / h;
      const L1q = J1 / Xq;
      sim.destroy();
      // pure concentration gradient: c at c0 -/+ eps/2, uniform T
      sim = await gpuSim(v);
      const eps = 1e-4;
      await sim.writeField('c', Array.from({ length: 8 }, (_, i) => 0.5 + eps * (i - 0.5)));
      await sim.step(1);
      const du0 = (await sim.readDeviation('T'))[0];
      const Jq = (-du0 * rho * cp * h) / dt;
      const X1 = (-muC(v.derived.material, 300, 0.5) * (eps / h)) / 300;
      const Lq1 = Jq / X1;
      sim.destroy();
      return { L1q, Lq1, expected: v.derived.onsager.L1q };
    };
    const r = await measure('reciprocal');
    const err = Math.abs(r.L1q / r.Lq1 - 1);
    report('reciprocity |L1q / Lq1 - 1| measured from fluxes', err);
    expect(err).toBeLessThan(1e-4);
    expect(r.L1q / r.expected).toBeCloseTo(1, 3);
    // The measurement can tell a broken reciprocity apart.
    const broken = await measure(0.5 * soretForDuSr(0.3, 1, 300, 0.5));
    expect(Math.abs(broken.L1q / broken.Lq1 - 1)).toBeGreaterThan(0.4);
  });
});
