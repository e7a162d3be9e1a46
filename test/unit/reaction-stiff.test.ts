import { describe, expect, it } from 'vitest';
import { reactionConstantsOf, reactionRates, relaxationRate } from '../../src/physics/reaction';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { conductionScenario } from '../helpers/reaction';
import { report } from '../helpers/report';
import { merge, type Json } from '../helpers/scenarios';

/** The rate scale giving Damkoehler number Da = relaxation rate at (T0, c0) x tauSlow. */
function scaleFor(Da: number, nx: number): number {
  const v = parseScenario(conductionScenario(nx, 1));
  return Da / (relaxationRate(reactionConstantsOf(v.scenario)!, 300, 0.5) * v.derived.tauSlow);
}

const NX = 32;
const FAST = scaleFor(1e4, NX);
const fast = (patch: Json = {}) => parseScenario(merge(conductionScenario(NX, FAST), patch));

describe('a fast reaction (Damkoehler number 1e4) in the implicit scheme and the jump (CPU reference)', () => {
  it('the explicit limit shrinks by ~1e4 with the reaction; implicit steps of tauSlow / 10 converge and match fine steps', () => {
    const frozen = parseScenario(conductionScenario(NX, 1e-12));
    const v = fast();
    const Da = relaxationRate(reactionConstantsOf(v.scenario)!, 300, 0.5) * v.derived.tauSlow;
    expect(Da).toBeCloseTo(1e4, 6);
    const tau = v.derived.tauSlow;
    const coarseDt = tau / 10;
    // How much smaller forward Euler's step must be than the implicit one.
    const ratio = coarseDt / v.derived.dtLimit;
    report('Da = 1e4: implicit dt / explicit limit, explicit limit frozen / with reaction', `${ratio.toPrecision(4)} ${(frozen.derived.dtLimit / v.derived.dtLimit).toPrecision(4)}`);
    expect(ratio).toBeGreaterThan(1e3);


    const run = (dt: number) => {
      const sim = new ReferenceSimulation(fast({ time: { scheme: 'implicit', dt } }));
      const n = Math.round(tau / dt);
      let worst = 0;
      for (let s = 0; s < n; s++) {
        sim.advance(1);
        worst = Math.max(worst, sim.lastSolve!.relative);
        expect(sim.lastSolve!.converged).toBe(true);
      }
      return { T: sim.fieldNow('T'), c: sim.fieldNow('c'), worst };
    };
    const coarse = run(coarseDt);
    const fine = run(tau / 80);
    let dT = 0;
    let dc = 0;
    for (let i = 0; i < coarse.T.length; i++) {
      dT = Math.max(dT, Math.abs(coarse.T[i] - fine.T[i]));
      dc = Math.max(dc, Math.abs(coarse.c[i] - fine.c[i]));
    }
    const spanT = Math.max(...fine.T) - Math.min(...fine.T);
    const spanC = Math.max(...fine.c) - Math.min(...fine.c);
    report('Da = 1e4 implicit, dt = tau/10 vs tau/80 at t = tau (max |dT| / span, |dc| / span; worst residual)', `${(dT / spanT).toExponential(2)} ${(dc / spanC).toExponential(2)} ${coarse.worst.toExponential(2)}`);
    expect(dT / spanT).toBeLessThan(1e-2);
    expect(dc / spanC).toBeLessThan(1e-2);
    // c stays in [0, 1] and the fast reaction keeps each cell near chemical equilibrium.
    for (const c of coarse.c) expect(c > 0 && c < 1).toBe(true);
  });

  it('the jump converges to local chemical equilibrium and equals the long-time state', () => {
    const k = reactionConstantsOf(fast().scenario)!;
    const jumped = new ReferenceSimulation(fast({ time: { scheme: 'implicit', dt: 'auto' } }));
    const rep = jumped.jumpNow();
    report('Da = 1e4 jump (iterations, relative residual)', `${rep.iterations} ${rep.relative.toExponential(2)}`);
    expect(rep.converged).toBe(true);
    const T = jumped.fieldNow('T');
    const c = jumped.fieldNow('c');
    let maxX = 0;
    for (let i = 0; i < T.length; i++) maxX = Math.max(maxX, Math.abs(reactionRates(k, T[i], c[i]).logRatio));
    report('Da = 1e4 jump: max |A / RT| over cells', maxX);
    expect(maxX).toBeLessThan(1e-2);
    // Time stepping to 30 tauSlow reaches the same state.
    const v = fast({ time: { scheme: 'implicit', dt: 'auto' } });
    const stepped = new ReferenceSimulation(fast({ time: { scheme: 'implicit', dt: v.derived.tauSlow / 2 } }));
    stepped.advance(60);
    const Ts = stepped.fieldNow('T');
    const cs = stepped.fieldNow('c');
    let d = 0;
    for (let i = 0; i < T.length; i++) d = Math.max(d, Math.abs(Ts[i] - T[i]) / 20, Math.abs(cs[i] - c[i]) / (Math.max(...c) - Math.min(...c)));
    report('Da = 1e4: jump vs 30 tauSlow of steps (relative to the spans)', d);
    expect(d).toBeLessThan(1e-4);
  });
});
