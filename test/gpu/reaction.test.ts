import { describe, expect, it } from 'vitest';
import { reactionConstantsOf, reactionRates, reactionSource, relaxationRate } from '../../src/physics/reaction';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { gpuSim } from '../helpers/gpu';
import { mulberry32 } from '../helpers/random';
import { boxScenario, conductionScenario } from '../helpers/reaction';
import { merge, type Json } from '../helpers/scenarios';
import { solveBox } from '../helpers/reaction-ode';
import { report } from '../helpers/report';
import { relativeDifference } from '../helpers/wallcases';

const wall = (T: number) => ({ heat: { type: 'temperature', value: T }, mass: { type: 'closed' } });
const insulated = { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } };

/** N2O4 / NO2 between a hot and a cold wall, a blob of NO2, Soret on: gradients and reaction together. */
const conduction = (scheme: 'euler' | 'rkl2') =>
  parseScenario(
    boxScenario({
      grid: { nx: 32, ny: 24, width: 0.01, height: 0.0075 },
      mixture: { soret: 0.002 },
      initial: { T: 300, c: 0.6, regions: [{ shape: 'circle', center: [0.004, 0.004], radius: 0.002, c: 0.9, T: 310 }] },
      boundaries: { left: wall(320), right: wall(285), bottom: insulated, top: insulated },
      reaction: { kf: 0.1, kb: 0.61, activationEnergy: 20000, enthalpy: -57200 },
      time: { scheme, dt: 'auto' },
    }),
  );

describe('reaction on the GPU', () => {
  it.each(['euler', 'rkl2'] as const)('%s: GPU = CPU reference with the reaction (T, c, sigma, affinity within 1e-5)', async (scheme) => {
    const v = conduction(scheme);
    const gpu = await gpuSim(v);
    const cpu = new ReferenceSimulation(v);
    const n = scheme === 'euler' ? 200 : 20;
    await gpu.step(n);
    cpu.advance(n);
    const d: Record<string, number> = {};
    const off = { T: 300, c: 0.5, sigma: 0, affinity: 0 };
    for (const f of ['T', 'c', 'sigma', 'affinity'] as const) d[f] = relativeDifference((await gpu.readField(f)).data, (await cpu.readField(f)).data, off[f]);
    report(`GPU vs CPU with reaction, ${scheme} (T, c, sigma, A)`, Object.values(d).map((x) => x.toExponential(2)).join(' '));
    for (const f of Object.keys(d)) expect(d[f], f).toBeLessThan(1e-5);
    // The reaction moved composition: c is no longer its start anywhere near the walls.
    const c = cpu.fieldNow('c');
    expect(Math.abs(c[0] - 0.6)).toBeGreaterThan(1e-3);
    const g = await gpu.stats();
    expect(g.entropyProduction / cpu.statsNow().entropyProduction).toBeCloseTo(1, 5);
    gpu.destroy();
  });

  it('case (j) on the GPU: c(t), T(t) within 0.1 % of the ODE at tau/2, tau, 5 tau; energy with enthalpy kept (float32)', async () => {
    const raw = boxScenario({ initial: { c: 0.99 }, reaction: { activationEnergy: 30000, enthalpy: -5720 } });
    const k = reactionConstantsOf(parseScenario(raw).scenario)!;
    const tau = 1 / relaxationRate(k, 300, 0.99);
    const times = [tau / 2, tau, 5 * tau];
    const ode = solveBox({ nu: [2, 1], kf: k.kf0, kb: k.kb0, Ea: k.Ea, dH: k.dH, T0: 300, rho: 3, cp: 800, M: [0.046, 0.092] }, { c: 0.99, T: 300 }, times);
    const steps = 400;
    const dt = tau / steps;
    const gpu = await gpuSim(parseScenario({ ...raw, time: { scheme: 'rkl2', dt } }));
    const s0 = await gpu.stats();
    let done = 0;
    let worst = 0;
    for (let i = 0; i < times.length; i++) {
      const m = Math.round((times[i] - done) / dt);
      await gpu.step(m);
      done += m * dt;
      const s = await gpu.stats();
      const ec = Math.abs(s.c.mean - ode[i].c) / Math.abs(ode[i].c - 0.99);
      const eT = Math.abs(s.T.mean - ode[i].T) / Math.abs(ode[i].T - 300);
      worst = Math.max(worst, ec, eT);
      expect(ec).toBeLessThan(1e-3);
      expect(eT).toBeLessThan(1e-3);
      // rho cp T - dH / (nu1 M1) rho c is constant (the source only moves mass between species).
      const H = (x: typeof s) => x.energy - (k.dH / (2 * 0.046)) * x.solute;
      expect(Math.abs(H(s) - H(s0)) / Math.abs(k.dH / (2 * 0.046) * s0.solute)).toBeLessThan(1e-5);
    }
    report('case (j) GPU rkl2, worst relative error of c, T at tau/2, tau, 5 tau', worst);
    gpu.destroy();
  });

  it('sigma (with sigma_chem) >= 0 in every cell for random states in float32, near equilibrium too', async () => {
    const rnd = mulberry32(11);
    const v = parseScenario(boxScenario({ grid: { nx: 24, ny: 20, width: 0.01, height: 0.01 }, reaction: { activationEnergy: 50000, enthalpy: -57200 } }));
    const k = reactionConstantsOf(v.scenario)!;
    /** The equilibrium c at T (ln(rf/rb) rises with c). */
    const cEq = (T: number) => {
      let lo = 1e-6;
      let hi = 1 - 1e-6;
      for (let b = 0; b < 60; b++) {
        const mid = 0.5 * (lo + hi);
        if (reactionRates(k, T, mid).logRatio < 0) lo = mid;
        else hi = mid;
      }
      return 0.5 * (lo + hi);
    };
    const gpu = await gpuSim(v);
    const n = 24 * 20;
    let minSigma = Infinity;
    let minChem = Infinity;
    let cells = 0;
    for (let trial = 0; trial < 6; trial++) {
      const Tf = new Float64Array(n);
      const cf = new Float64Array(n);
      // Uniform trials (no gradients: sigma is sigma_chem alone) alternate with cell-by-cell random ones.
      const uniform = trial % 2 === 0;
      const T = 250 + 150 * rnd();
      for (let i = 0; i < n; i++) {
        Tf[i] = uniform ? T : 250 + 150 * rnd();
        const edge = [0, 1, 1e-7, 1 - 1e-7][i % 4];
        cf[i] = uniform ? Math.min(1, Math.max(0, cEq(T) * (1 + (rnd() - 0.5) * 1e-6))) : i % 3 === 0 ? edge : rnd();
      }
      if (uniform) cf.fill(cf[0]);
      await gpu.writeField('T', Tf);
      await gpu.writeField('c', cf);
      for (const s of (await gpu.readField('sigma')).data) {
        minSigma = Math.min(minSigma, s);
        if (uniform) minChem = Math.min(minChem, s);
        cells++;
      }
    }
    report('smallest sigma with the reaction over random float32 states (all, uniform near equilibrium)', `${minSigma} ${minChem}`);
    expect(cells).toBe(6 * n);
    expect(minSigma).toBeGreaterThanOrEqual(0);
    expect(minChem).toBeGreaterThanOrEqual(0);
    gpu.destroy();
  });

  it('implicit steps with a fast reaction (Da = 1e4): GPU = CPU within 1e-4, every step converged', async () => {
    const base = parseScenario(conductionScenario(32, 1));
    const scale = 1e4 / (relaxationRate(reactionConstantsOf(base.scenario)!, 300, 0.5) * base.derived.tauSlow);
    const v = parseScenario(merge(conductionScenario(32, scale), { time: { scheme: 'implicit', dt: base.derived.tauSlow / 10 } }));
    const gpu = await gpuSim(v);
    const cpu = new ReferenceSimulation(v);
    for (let k = 0; k < 5; k++) {
      await gpu.step(1);
      cpu.advance(1);
      expect(gpu.lastSolve!.converged).toBe(true);
      expect(cpu.lastSolve!.converged).toBe(true);
    }
    const dT = relativeDifference((await gpu.readField('T')).data, cpu.fieldNow('T'), 300);
    const dc = relativeDifference((await gpu.readField('c')).data, cpu.fieldNow('c'), 0.5);
    report('Da = 1e4 implicit GPU vs CPU after 5 steps of tauSlow/10 (T, c); GPU residual', `${dT.toExponential(2)} ${dc.toExponential(2)} ${gpu.lastSolve!.relative.toExponential(2)}`);
    expect(dT).toBeLessThan(1e-4);
    expect(dc).toBeLessThan(1e-4);
    gpu.destroy();
  });

  it("Curie: one GPU step with and without the reaction differs by each cell's own source only (float32)", async () => {
    const raw = merge(conductionScenario(16, 100), { grid: { ny: 12 }, mixture: { soret: 0.003 }, time: { dt: 1e-6 } } as Json);
    const plain = structuredClone(raw);
    delete plain.reaction;
    const rnd = mulberry32(7);
    const n = 16 * 12;
    const T = Float64Array.from({ length: n }, () => 290 + 25 * rnd());
    const c = Float64Array.from({ length: n }, () => 0.05 + 0.9 * rnd());
    const va = parseScenario(raw);
    const k = reactionConstantsOf(va.scenario)!;
    const out: Float64Array[] = [];
    for (const v of [va, parseScenario(plain)]) {
      const gpu = await gpuSim(v);
      await gpu.writeField('T', T);
      await gpu.writeField('c', c);
      await gpu.step(1);
      out.push((await gpu.readField('c')).data as Float64Array);
      gpu.destroy();
    }
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      const expected = (1e-6 * reactionSource(k, T[i], c[i]).mass) / 3;
      worst = Math.max(worst, Math.abs(out[0][i] - out[1][i] - expected));
      scale = Math.max(scale, Math.abs(expected));
    }
    report('Curie on the GPU: max |step difference - local source| / max source', worst / scale);
    // float32 state (c ~ 0.5 stored as c - c0): a few ulps of 0.5 against the source's increment.
    expect(worst).toBeLessThan(2e-7);
    expect(scale).toBeGreaterThan(1e-5);
  });

  it('the jump with a fast reaction (Da = 1e4, pseudo-time steps first): converged, GPU = CPU within 3e-3 (its float32 floor)', { timeout: 300_000 }, async () => {
    const base = parseScenario(conductionScenario(16, 1));
    const scale = 1e4 / (relaxationRate(reactionConstantsOf(base.scenario)!, 300, 0.5) * base.derived.tauSlow);
    const v = parseScenario(merge(conductionScenario(16, scale), { time: { scheme: 'implicit', dt: 'auto' } }));
    const gpu = await gpuSim(v);
    const cpu = new ReferenceSimulation(v);
    const t0 = performance.now();
    const g = await gpu.jumpToSteadyState();
    report('Da = 1e4 GPU jump wall time [s]', ((performance.now() - t0) / 1000).toFixed(1));
    const c = cpu.jumpNow();
    expect(g.converged).toBe(true);
    expect(c.converged).toBe(true);
    const dT = relativeDifference((await gpu.readField('T')).data, cpu.fieldNow('T'), 300);
    const dc = relativeDifference((await gpu.readField('c')).data, cpu.fieldNow('c'), 0.5);
    report('Da = 1e4 jump GPU vs CPU (T, c); passes GPU, CPU', `${dT.toExponential(2)} ${dc.toExponential(2)}; ${g.passes.toFixed(0)} ${cpu.passes.toFixed(0)}`);
    // The steady residual stalls at float32 round-off, about eps x Da (3e-4 relative here; the
    // CPU reaches 7e-6): the state agrees to about 1e-3 of its spans.
    expect(g.relative).toBeLessThan(1e-3);
    expect(dT).toBeLessThan(3e-3);
    expect(dc).toBeLessThan(3e-3);
    gpu.destroy();
  });
});
