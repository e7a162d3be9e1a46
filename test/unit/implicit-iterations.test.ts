/**
 * Adaptive outer iterations of an implicit time step (issue 8): a step runs its fixed schedule
 * (3 iterations, 6 on a first step), then goes on in batches while its relative residual is above
 * STEP_TOLERANCE, up to STEP_MAX_ITERATIONS; still above it then, the step has not converged (a
 * failure). A first step from a discontinuous start (c = 0.999 | 0.001 on a 16 x 1 row) must move
 * logit c by more than FIRST_STEP_ITERATIONS x MAX_LOGIT_STEP: with the fixed 6 it ended far from
 * converged (exit 3 on the command line); now it converges, to the same state as a long solve.
 */
import { describe, expect, it } from 'vitest';
import { FIRST_STEP_ITERATIONS, MAX_SUBSTEP_DEPTH, STEP_MAX_ITERATIONS, STEP_TOLERANCE, stepRose } from '../../src/physics/implicit';
import { ReferenceSimulation } from '../../src/physics/reference';
import { assessRun, solveFailure } from '../../src/physics/run-checks';
import { validateScenario } from '../../src/physics/validate';
import { exampleScenario, merge } from '../helpers/scenarios';
import { report } from '../helpers/report';
import { stallingBeyondSubsteps, wallStepRow } from '../helpers/stalling-step';

const ROW = 0.01 / 16;
const closedInsulated = { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } };
function discontinuousRow(clow: number) {
  const r = validateScenario(
    merge(exampleScenario(), {
      grid: { nx: 16, ny: 1, width: 0.01, height: ROW },
      initial: { T: 300, c: clow, regions: [{ shape: 'rect', x: [0, 0.005], y: [0, ROW], T: 300, c: 1 - clow }] },
      boundaries: { left: closedInsulated, right: closedInsulated },
      time: { scheme: 'implicit', dt: 'auto' },
    }),
  );
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.value;
}

describe('implicit steps iterate until they converge (CPU reference)', () => {
  it('a first step from c = 0.999 | 0.001 (16 x 1) needs more than 6 iterations, converges, and equals the long solve', () => {
    const v = discontinuousRow(1e-3);
    const sim = new ReferenceSimulation(v);
    const start = sim.statsNow();
    sim.advance(1);
    const rep = sim.lastSolve!;
    report('first implicit step, 16 x 1, c 0.999 | 0.001: iterations, relative residual', `${rep.iterations} ${rep.relative.toExponential(2)}`);
    expect(rep.iterations).toBeGreaterThan(FIRST_STEP_ITERATIONS);
    expect(rep.iterations).toBeLessThanOrEqual(STEP_MAX_ITERATIONS);
    expect(rep.converged).toBe(true);
    expect(rep.relative).toBeLessThanOrEqual(STEP_TOLERANCE);
    // The fixed schedule alone (what ran before) leaves the step unconverged.
    const fixed = new ReferenceSimulation(v);
    const u = new Float64Array(16);
    const c = new Float64Array(16);
    const solver = (fixed as unknown as { implicitSolver(): import('../../src/physics/implicit').ImplicitCpu }).implicitSolver();
    const state = fixed as unknown as { u: Float64Array; v: Float64Array };
    u.set(state.u);
    c.set(state.v);
    const six = solver.solve(u, c, { dt: v.derived.dt, iterations: FIRST_STEP_ITERATIONS, vCycles: 2 });
    expect(six.converged).toBe(false);
    // The same step iterated 40 times (its fixed point): the adaptive step is within its residual of it.
    u.set(state.u);
    c.set(state.v);
    solver.solve(u, c, { dt: v.derived.dt, iterations: 40, vCycles: 2 });
    const end = sim.statsNow();
    const cNow = (sim as unknown as { v: Float64Array }).v;
    let worst = 0;
    for (let i = 0; i < 16; i++) worst = Math.max(worst, Math.abs(cNow[i] - c[i]));
    report('adaptive step against its fixed point: largest |c difference|; six iterations relative residual', `${worst.toExponential(2)} ${six.relative.toExponential(2)}`);
    // Converged to STEP_TOLERANCE (relative residual): within that fraction of c's span (0.998) of
    // the fixed point. Since the heat residual's scale counts the Dufour heat flux (issue 8, sweep2),
    // this step stops after 10 iterations at 6.8e-3, 1.85e-3 from the fixed point (before: 12, at
    // 9.5e-4, and 1e-3 was asserted here).
    expect(worst).toBeLessThan(STEP_TOLERANCE * 0.998);
    // Closed and insulated: solute conserved to the solve's residual (1e-5, as the sweep's
    // CONSERVE_SOLVE; 1.5e-6 measured, 1e-6 asserted before the Dufour scale), c inside (0, 1).
    expect(Math.abs(end.solute - start.solute)).toBeLessThan(1e-5 * start.solute);
    expect(end.c.min).toBeGreaterThan(0);
    expect(end.c.max).toBeLessThan(1);
  });

  it('a step the multigrid cannot converge within the cap, even as substeps, is retaken with exact corrections; the state it reaches, c below 0, is still refused (sweep seed 2062 draw 41, 132 x 1, S_T = -8.3 1/K)', () => {
    // c = 0.99999 | 0.00001 on the 16 x 1 row, asserted here before, converges in 18 iterations
    // since STEP_MAX_ITERATIONS is 32. This first step (strong Soret separation beside a
    // concentration wall) ends at ~0.48 after 32 (0.44 after 48) at its planned dt; since steps
    // are retaken as substeps it converges there (implicit-substeps.test.ts), so this test takes
    // it at 2^MAX_SUBSTEP_DEPTH times that dt: the step at dt and one substep at each depth, down to
    // the planned dt, each stop at STEP_MAX_ITERATIONS. Then exact Newton (newton.ts): its full
    // step does not converge, its substeps do, and the state they reach has c < 0 (the coefficients
    // clamp c at C_MIN, and below it the Soret drift no longer vanishes): refused by the run check,
    // never shown as a result.
    const r = validateScenario(stallingBeyondSubsteps());
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
    const sim = new ReferenceSimulation(r.value);
    sim.advance(1);
    const rep = sim.lastSolve!;
    report('seed 2062 draw 41 at 2^MAX_SUBSTEP_DEPTH dt: iterations (multigrid, then exact), relative residual, exact substeps, c min', `${rep.iterations} ${rep.relative.toExponential(2)} ${rep.substeps} ${sim.statsNow().c.min.toExponential(2)}`);
    expect(rep.iterations).toBeGreaterThan((MAX_SUBSTEP_DEPTH + 1) * STEP_MAX_ITERATIONS);
    expect(rep.converged).toBe(true);
    expect(rep.substeps).toBeGreaterThan(0);
    expect(solveFailure(rep)).toBeNull();
    expect(assessRun(r.value, sim.statsNow(), rep).failure?.message).toMatch(/^c reached -/);
  });

  it('a first step from a one-cell step in c beside a concentration wall at c0 = 0.999 converges (sweep seed 2060 draw 9, 195 x 1)', () => {
    // The cap on logit c (MAX_LOGIT_STEP) binds in 60..194 cells for 21 iterations while logit c
    // moves by up to 8.4; with 16 iterations at most the step ended at a relative residual of 0.988.
    const r = validateScenario(wallStepRow());
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
    const sim = new ReferenceSimulation(r.value);
    const start = sim.statsNow();
    sim.advance(1);
    const rep = sim.lastSolve!;
    report('seed 2060 draw 9 first implicit step: iterations, relative residual', `${rep.iterations} ${rep.relative.toExponential(2)}`);
    expect(rep.iterations).toBeGreaterThan(16);
    expect(rep.converged).toBe(true);
    expect(rep.relative).toBeLessThanOrEqual(STEP_TOLERANCE);
    const end = sim.statsNow();
    expect(end.c.min).toBeGreaterThan(0);
    expect(end.c.max).toBeLessThan(1);
    expect(end.T.min).toBeGreaterThan(0);
    // The next steps (BDF2) converge within their schedule.
    sim.advance(2);
    expect(sim.lastSolve!.converged).toBe(true);
    expect(start.solute).toBeGreaterThan(0);
  });
});

describe('a step that rose (stepRose: the rule of both backends)', () => {
  it('in float32 (the GPU) is not called for noise near rest, and is for 2117 #34\'s drifting steps; in float64 any rise', () => {
    // GPU steps at the steady states of soret-cell and ness-rod: start and end within 2e-4 of each other.
    expect(stepRose(9.7022e-7, 9.7041e-7, 1)).toBe(false);
    expect(stepRose(1.3276e-6, 1.3274e-6, 1)).toBe(false);
    // A transient step: from far off to converged.
    expect(stepRose(0.0796, 7.3e-5, 1)).toBe(false);
    // Noise just above the start, below the floor.
    expect(stepRose(1e-6, 2.5e-5, 1)).toBe(false);
    // A heated 64 x 1 channel at dt = 5e7 s on the GPU: far below its float32 round-off bound.
    expect(stepRose(1.53e-5, 1.74e-4, 0.017)).toBe(false);
    // 2117 #34 from its steady state: the GPU's steps (2.3e-5 -> 1.4e-4, 1.4 x the bound).
    expect(stepRose(2.27e-5, 1.44e-4, 1.41)).toBe(true);
    // 2209 #24 (248 x 1, cells 1037:1): a BDF2 step rising 1.3-fold at 10 x its bound (c 1.2e-3 of its excursion off).
    expect(stepRose(5.70e-3, 7.62e-3, 10.1)).toBe(true);
    // A rise at the floor or below the bound is noise.
    expect(stepRose(2e-5, 2.9e-5, 10)).toBe(false);
    expect(stepRose(5.7e-3, 7.6e-3, 0.9)).toBe(false);
    // float64 (the CPU reference): 2117 #34's steps (-> 5e-3), and any rise at all.
    expect(stepRose(1e-11, 5e-3)).toBe(true);
    expect(stepRose(1e-13, 1.1e-13)).toBe(true);
    expect(stepRose(1e-3, 1e-9)).toBe(false);
  });
});
