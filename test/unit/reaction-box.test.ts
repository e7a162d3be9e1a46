import { describe, expect, it } from 'vitest';
import { reactionConstantsOf, relaxationRate } from '../../src/physics/reaction';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { boxScenario } from '../helpers/reaction';
import { boxRate, solveBox, type BoxOde } from '../helpers/reaction-ode';

/**
 * Starts at c = 0.99 (nearly only species 1): the implicit scheme corrects logit c, at most
 * MAX_LOGIT_STEP per iteration, so a start at exactly c = 1 needs many iterations to leave it.
 */
const C_START = 0.99;
const RAW = boxScenario({ initial: { c: C_START }, reaction: { activationEnergy: 30000, enthalpy: -5720 } });
const V = parseScenario(RAW);
const K = reactionConstantsOf(V.scenario)!;
const ODE: BoxOde = { nu: [2, 1], kf: K.kf0, kb: K.kb0, Ea: K.Ea, dH: K.dH, T0: 300, rho: 3, cp: 800, M: [0.046, 0.092] };
/** Relaxation time of the start (only species 1) [s]. */
const TAU = 1 / relaxationRate(K, 300, C_START);
const TIMES = [TAU / 2, TAU, 5 * TAU];
const EXPECTED = solveBox(ODE, { c: C_START, T: 300 }, TIMES);

/** Runs the CPU reference to each time of TIMES with the scheme and dt given; returns mean c, T and the state's checks. */
function runBox(scheme: 'euler' | 'rkl2' | 'implicit', dt: number) {
  const sim = new ReferenceSimulation(parseScenario({ ...RAW, time: { scheme, dt } }));
  const out: { c: number; T: number; spread: number; sigmaTotal: number; rAoverT: number; enthalpy: number }[] = [];
  let done = 0;
  for (const t of TIMES) {
    const n = Math.round((t - done) / dt);
    sim.advance(n);
    done += n * dt;
    const T = sim.fieldNow('T');
    const c = sim.fieldNow('c');
    const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
    const spread = Math.max(Math.max(...c) - Math.min(...c), (Math.max(...T) - Math.min(...T)) / 300);
    const st = sim.statsNow();
    const { r, affinity } = boxRate(ODE, mean(c), mean(T));
    // Energy with the chemical enthalpy: rho cp T - (dH / (nu1 M1)) rho c is constant in a closed, insulated box.
    const enthalpy = st.energy - (K.dH / (2 * 0.046)) * st.solute;
    out.push({ c: mean(c), T: mean(T), spread, sigmaTotal: st.entropyProduction, rAoverT: (1e-4 * r * affinity) / mean(T), enthalpy });
    expect(Math.abs(done - t)).toBeLessThan(dt);
  }
  return out;
}

describe('well-mixed box (physics.md case j) on the CPU reference', () => {
  it('the box moves: c and T change by more than the tolerance', () => {
    expect(C_START - EXPECTED[2].c).toBeGreaterThan(0.1);
    expect(EXPECTED[2].T - 300).toBeGreaterThan(1);
  });

  for (const [scheme, steps] of [
    ['euler', 4000],
    ['implicit', 400],
    ['rkl2', 400],
  ] as const) {
    it(`${scheme}: c(t), T(t) within 0.1 % of the ODE at tau/2, tau, 5 tau; sigma = area r A / T; energy with enthalpy kept`, () => {
      const got = runBox(scheme, TAU / steps);
      got.forEach((g, i) => {
        const e = EXPECTED[i];
        expect(Math.abs(g.c - e.c) / Math.abs(e.c - C_START)).toBeLessThan(1e-3);
        expect(Math.abs(g.T - e.T) / Math.abs(e.T - 300)).toBeLessThan(1e-3);
        expect(g.spread).toBeLessThan(1e-12);
        expect(g.sigmaTotal).toBeGreaterThan(0);
        expect(Math.abs(g.sigmaTotal - g.rAoverT) / g.rAoverT).toBeLessThan(1e-9);
        expect(Math.abs(g.enthalpy - got[0].enthalpy)).toBeLessThan(1e-9 * Math.abs(got[0].enthalpy));
      });
    });
  }
});
