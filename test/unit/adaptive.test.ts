/**
 * Accuracy-controlled automatic steps (issue 8, symptom 2 and Build 2): rkl2 and implicit with
 * dt "auto" near the second-law bound agree with forward Euler, where the fixed tau/20 step was
 * 66 % off; the controller's limits; the summary says what set dt.
 */
import { describe, expect, it } from 'vitest';
import { ACCURACY_TOLERANCE, advanceAdaptive, StepController } from '../../src/physics/adaptive';
import { ReferenceSimulation } from '../../src/physics/reference';
import { buildSummary } from '../../src/physics/summary';
import { NEAR_BOUND_UNTIL, nearBoundGas } from '../helpers/bound';
import { report } from '../helpers/report';

/** Forward Euler's total sigma at t = 0.5 s (the reference). */
function eulerSigma(): number {
  const v = nearBoundGas('euler');
  const sim = new ReferenceSimulation(v);
  sim.advance(Math.ceil(NEAR_BOUND_UNTIL / v.derived.dt - 1e-9));
  return sim.statsNow().entropyProduction;
}

describe('accuracy-controlled dt "auto" near the second-law bound (CPU reference)', () => {
  const reference = eulerSigma();

  it.each(['rkl2', 'implicit'] as const)('%s agrees with forward Euler within 1 percent where tau/20 steps were far off', async (scheme) => {
    const v = nearBoundGas(scheme);
    const fixed = new ReferenceSimulation(v);
    fixed.advance(Math.ceil(NEAR_BOUND_UNTIL / v.derived.dt - 1e-9));
    const fixedError = Math.abs(fixed.statsNow().entropyProduction / reference - 1);
    const sim = new ReferenceSimulation(v);
    const r = await advanceAdaptive(sim, v, NEAR_BOUND_UNTIL);
    const s = sim.statsNow();
    const error = Math.abs(s.entropyProduction / reference - 1);
    report(`${scheme} dt auto near the bound: steps, last dt [s], limited by; sigma error controlled vs tau/20 steps`, `${r.steps} ${r.dt.toPrecision(3)} ${r.dtLimitedBy}; ${error.toExponential(2)} vs ${fixedError.toExponential(2)}`);
    expect(s.simTime).toBeCloseTo(NEAR_BOUND_UNTIL, 12);
    expect(error).toBeLessThan(0.01);
    expect(fixedError).toBeGreaterThan(0.05);
    expect(r.dtLimitedBy).toBe('accuracy');
    expect(r.dt).toBeLessThan(v.derived.dt);
    const summary = buildSummary(r.validated, s, { backend: 'cpu', adapter: 'cpu', wallSeconds: 0, dtLimitedBy: r.dtLimitedBy });
    expect(summary.dtLimitedBy).toBe('accuracy');
    expect(summary.dt).toBe(r.dt);
  });
});

describe('the step controller', () => {
  const v = nearBoundGas('implicit');
  const dtFE = v.scenario.time.safety * v.derived.dtLimit;

  it('starts at the cap / 64, grows at most 2x per step on small errors up to tau/20', () => {
    const c = new StepController(v);
    expect(c.dt).toBeCloseTo(v.derived.dt / 64, 12);
    const seen = [c.dt];
    for (let k = 0; k < 10; k++) {
      c.update(ACCURACY_TOLERANCE * 1e-6);
      seen.push(c.dt);
    }
    for (let k = 1; k < seen.length; k++) expect(seen[k] / seen[k - 1]).toBeLessThanOrEqual(2 + 1e-12);
    expect(c.dt).toBeCloseTo(v.derived.dt, 12);
    expect(c.limitedBy).toBe('tau/20');
  });

  it('shrinks at most 4x per step on large errors, never below the forward-Euler step', () => {
    const c = new StepController(v);
    const before = c.dt;
    c.update(1e6);
    expect(c.dt).toBeGreaterThanOrEqual(before / 4 - 1e-15);
    for (let k = 0; k < 20; k++) c.update(1e6);
    expect(c.dt).toBeGreaterThanOrEqual(dtFE);
    expect(c.dt / 2).toBeLessThan(dtFE);
    expect(c.limitedBy).toBe('stability');
  });

  it('the summary names the limit of a fixed schedule: euler stability, a fixed dt the user', () => {
    const stats = new ReferenceSimulation(nearBoundGas('euler')).statsNow();
    expect(buildSummary(nearBoundGas('euler'), stats, { backend: 'cpu', adapter: 'cpu', wallSeconds: 0 }).dtLimitedBy).toBe('stability');
    expect(buildSummary(nearBoundGas('implicit', 0.01), stats, { backend: 'cpu', adapter: 'cpu', wallSeconds: 0 }).dtLimitedBy).toBe('user');
    expect(buildSummary(nearBoundGas('implicit'), stats, { backend: 'cpu', adapter: 'cpu', wallSeconds: 0 }).dtLimitedBy).toBe('tau/20');
  });
});
