/**
 * Implicit steps that do not converge at dt are retaken as substeps (issue 8, Build 1 and 3;
 * physics/implicit.ts substepDepth, SubstepPlan): the step from its start Y^n as backward-Euler
 * substeps, halved where one does not converge, so the state at t + dt is a converged solution
 * and the time grid stays t = n dt. The stalling step (sweep seed 2062 draw 41, 132 x 1) ended at a
 * relative residual of 0.48 after 32 iterations, a failure; now it converges in substeps.
 */
import { describe, expect, it } from 'vitest';
import { MAX_SUBSTEP_ATTEMPTS, MAX_SUBSTEP_DEPTH, MIN_SUBSTEP_DEPTH, STEP_MAX_ITERATIONS, STEP_TOLERANCE, STEP_VCYCLES, stepIterations, substepDepth, SubstepPlan } from '../../src/physics/implicit';
import { ReferenceSimulation } from '../../src/physics/reference';
import { solveFailure } from '../../src/physics/run-checks';
import { parseScenario, validateScenario } from '../../src/physics/validate';
import { report } from '../helpers/report';
import { WALL_FRONT_65x3 } from '../helpers/sweep-cases';
import { stallingStep } from '../helpers/stalling-step';

/** Drives a plan with `converges(depth)`; returns the depths tried in order and the plan's verdict. */
function drive(converges: (depth: number, index: number) => boolean, depth = MIN_SUBSTEP_DEPTH): { tried: number[]; ok: boolean; covered: number; plan: SubstepPlan } {
  const plan = new SubstepPlan();
  plan.start(depth);
  const tried: number[] = [];
  let ok = true;
  let covered = 0;
  for (let d = plan.next(); d !== null; d = plan.next()) {
    const c = converges(d, tried.length);
    tried.push(d);
    if (c) covered += 2 ** -d;
    if (!plan.done(c)) {
      ok = false;
      break;
    }
    if (tried.length > 10_000) throw new Error('the plan does not end');
  }
  return { tried, ok, covered, plan };
}

describe('SubstepPlan: the order of substeps, from converged / not converged alone', () => {
  it('covers exactly dt with converged substeps, halving where one fails and growing back after SUBSTEP_GROWTH', () => {
    // Converges only at dt / 8 or shorter for the first half of the step, at any length after.
    let time = 0;
    const r = drive((d) => {
      const ok = time >= 0.5 || d >= 3;
      if (ok) time += 2 ** -d;
      return ok;
    });
    expect(r.ok).toBe(true);
    expect(r.covered).toBe(1); // the converged substeps add up to dt, exactly (powers of two)
    expect(r.plan.deepest).toBe(3);
    // 1 and 2 fail; two of dt / 8 converge, dt / 4 is tried again (fails), two more of dt / 8, then
    // the rest (a piece of dt / 2) is split untried at the allowed depth 2: two of dt / 4 converge.
    expect(r.tried).toEqual([1, 2, 3, 3, 2, 3, 3, 2, 2]);
    expect(r.plan.converged).toBe(6);
  });

  it('fails after one substep at each depth down to its depth when none converges', () => {
    for (const depth of [MIN_SUBSTEP_DEPTH, 14, MAX_SUBSTEP_DEPTH]) {
      const r = drive(() => false, depth);
      expect(r.ok).toBe(false);
      expect(r.tried).toEqual(Array.from({ length: depth }, (_, k) => k + 1));
      expect(r.covered).toBe(0);
    }
  });

  it('reaches a substep that converges only below dt / 1024 where its depth allows', () => {
    // Converges only at dt / 4096 or shorter over the first 1/256 of the step (a front one cell
    // wide), at any length after (sweep 2285 #94's kind).
    const deep = () => {
      let time = 0;
      return (d: number) => {
        const ok = time >= 2 ** -8 || d >= 12;
        if (ok) time += 2 ** -d;
        return ok;
      };
    };
    expect(drive(deep()).ok).toBe(false);
    const r = drive(deep(), 16);
    expect(r.ok).toBe(true);
    expect(r.covered).toBe(1);
    expect(r.plan.deepest).toBe(12);
  });

  it('fails once MAX_SUBSTEP_ATTEMPTS are spent before the substeps cover dt (a step that stiffens as it goes), even after a converged one', () => {
    // Converges only at dt / 2^15 and shorter: covering dt would take 2^15 substeps.
    const r = drive((d) => d >= 15, MAX_SUBSTEP_DEPTH);
    expect(r.ok).toBe(false);
    expect(r.plan.exhausted).toBe(true);
    expect(r.tried.length).toBe(MAX_SUBSTEP_ATTEMPTS);
    expect(r.covered).toBeLessThan(1);
    // A plan that ends within its attempts is not exhausted.
    const fine = drive((d) => d >= 3, MAX_SUBSTEP_DEPTH);
    expect(fine.ok).toBe(true);
    expect(fine.plan.exhausted).toBe(false);
    const msg = solveFailure({ iterations: 9, vCycles: 0, residual: { heat: 1, mass: 1 }, relative: 0.5, converged: false, stalled: false, passes: 1, substeps: r.plan.converged, smallestSubstep: 2 ** -15, substepsExhausted: true });
    expect(msg).toMatch(new RegExp(`retaken as substeps: ${MAX_SUBSTEP_ATTEMPTS} tried \\(${r.plan.converged} converged, the shortest 0\\.00003052 s\\) without covering the step`));
  });

  it('substepDepth: down to the explicit limit dtLimit, within MIN_SUBSTEP_DEPTH .. MAX_SUBSTEP_DEPTH', () => {
    expect(substepDepth(1, 1)).toBe(MIN_SUBSTEP_DEPTH);
    expect(substepDepth(1, 2)).toBe(MIN_SUBSTEP_DEPTH);
    expect(substepDepth(2 ** 14, 1)).toBe(14);
    expect(substepDepth(2 ** 14 + 1, 1)).toBe(15);
    expect(substepDepth(1e30, 1)).toBe(MAX_SUBSTEP_DEPTH);
    expect(substepDepth(1, 0)).toBe(MAX_SUBSTEP_DEPTH);
    expect(substepDepth(1, Infinity)).toBe(MIN_SUBSTEP_DEPTH);
    expect(substepDepth(NaN, 1)).toBe(MIN_SUBSTEP_DEPTH);
    expect(() => new SubstepPlan().start(MAX_SUBSTEP_DEPTH + 1)).toThrow(RangeError);
  });

  it('a step that converges at dt / 2 takes two substeps', () => {
    const r = drive(() => true);
    expect(r.tried).toEqual([1, 1]);
    expect(r.covered).toBe(1);
  });
});

describe('implicit steps retaken as substeps (CPU reference)', () => {
  it('the stalling step (seed 2062 draw 41, 132 x 1) does not converge at dt, and converges as substeps; the time grid stays n dt', () => {
    const r = validateScenario(stallingStep());
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
    const v = r.value;
    const sim = new ReferenceSimulation(v);
    // Before: the step at dt alone ends far from converged after STEP_MAX_ITERATIONS.
    const state = sim as unknown as { u: Float64Array; v: Float64Array; history?: unknown; implicitSolver(): import('../../src/physics/implicit').ImplicitCpu };
    const u = Float64Array.from(state.u);
    const c = Float64Array.from(state.v);
    const plain = state.implicitSolver().solve(u, c, { dt: v.derived.dt, iterations: stepIterations(false), maxIterations: STEP_MAX_ITERATIONS, vCycles: STEP_VCYCLES });
    expect(plain.converged).toBe(false);
    expect(plain.relative).toBeGreaterThan(0.1);

    sim.advance(1);
    const rep = sim.lastSolve!;
    report('stalling step (132 x 1) as substeps: substeps, smallest / dt, iterations, relative residual', `${rep.substeps} ${(rep.smallestSubstep! / v.derived.dt).toPrecision(3)} ${rep.iterations} ${rep.relative.toExponential(2)} (at dt alone: ${plain.relative.toExponential(2)})`);
    expect(rep.converged).toBe(true);
    expect(rep.relative).toBeLessThanOrEqual(STEP_TOLERANCE);
    expect(rep.substeps).toBeGreaterThan(2);
    const depth = Math.log2(v.derived.dt / rep.smallestSubstep!);
    expect(Number.isInteger(Math.round(depth * 1e9) / 1e9)).toBe(true);
    expect(depth).toBeGreaterThanOrEqual(1);
    expect(depth).toBeLessThanOrEqual(MAX_SUBSTEP_DEPTH);
    expect(solveFailure(rep)).toBeNull();
    const s = sim.statsNow();
    expect(s.steps).toBe(1);
    expect(s.simTime).toBe(v.derived.dt);
    expect(s.T.min).toBeGreaterThan(0);
    expect(s.c.min).toBeGreaterThan(0);
    expect(s.c.max).toBeLessThan(1);
    // BDF2 restarts cleanly: no history after a substepped step, so the next step is backward Euler.
    expect(state.history).toBeUndefined();
    // The next step (backward Euler from the converged state) converges too, as substeps where needed.
    sim.advance(1);
    expect(sim.lastSolve!.converged).toBe(true);
    expect(sim.statsNow().simTime).toBe(2 * v.derived.dt);
  });
});

describe('implicit substeps reach towards the explicit limit (substepDepth)', () => {
  it('sweep 2285 #94 (65 x 3, a one-cell front in c beside a wall): the first step converges as substeps below dt / 1024, where it failed before', () => {
    const v = parseScenario(WALL_FRONT_65x3);
    const depth = substepDepth(v.derived.dt, v.derived.dtLimit);
    expect(depth).toBeGreaterThan(MIN_SUBSTEP_DEPTH);
    const sim = new ReferenceSimulation(v);
    sim.advance(1);
    const rep = sim.lastSolve!;
    const shortest = Math.log2(v.derived.dt / rep.smallestSubstep!);
    report('sweep 2285 #94 first step: substeps, shortest as dt / 2^k (k), depth allowed, iterations, relative residual', `${rep.substeps} ${shortest.toFixed(2)} ${depth} ${rep.iterations} ${rep.relative.toExponential(2)}`);
    expect(rep.converged).toBe(true);
    expect(solveFailure(rep)).toBeNull();
    expect(shortest).toBeGreaterThan(MIN_SUBSTEP_DEPTH);
    expect(shortest).toBeLessThanOrEqual(depth);
    const s = sim.statsNow();
    // c between its wall values (0.899 and the start's 0.999), T near T0 (Dufour moves it by ~1 K).
    expect(s.c.min).toBeGreaterThanOrEqual(0.899 - 1e-6);
    expect(s.c.max).toBeLessThanOrEqual(0.999 + 1e-6);
    expect(s.c.min).toBeLessThan(0.9);
    expect(Math.abs(s.T.max - v.scenario.reference.T0)).toBeLessThan(5);
    expect(Math.abs(s.T.min - v.scenario.reference.T0)).toBeLessThan(5);
    sim.destroy();
  });
});
