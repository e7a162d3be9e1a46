/**
 * A time step's correction keeps the totals of channels with no fixed value at any wall
 * (physics/implicit.ts stepKeptChannels): after every outer iteration, not only at convergence,
 * sum (T - T0) = sum Yb + dt / (a0 rho cp) x the heat let in and sum c = sum Yb's, so no rounding
 * of the multigrid's (nearly singular, at long dt) constant mode can move them. The float32 GPU
 * drifted there by hundreds of kelvin (test/gpu/kept-totals.test.ts); this is the float64 mirror.
 */
import { describe, expect, it } from 'vitest';
import type { ImplicitCpu } from '../../src/physics/implicit';
import { fixedHeatInflow } from '../../src/physics/open-walls';
import { ReferenceSimulation } from '../../src/physics/reference';
import type { Validated } from '../../src/physics/validate';
import { buildCellInputs, gridOf } from '../../src/physics/grid';
import { wallConstantsOf } from '../../src/physics/discretisation';
import { channel, heatedChannel } from '../helpers/long-dt-channel';
import { report } from '../helpers/report';

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

/**
 * The step of c the channels start from here: a correction clipped to MAX_LOGIT_STEP keeps the
 * totals only to first order (the sweep's 0.1 at c0 = 0.024 is clipped in its first iteration).
 */
const DC = 0.01;

/** One outer iteration of one V-cycle of a backward-Euler step from the scenario's start: the change of sum (T - T0) and of sum (c - c0). */
function oneIteration(v: Validated): { dU: number; dV: number; roundU: number; roundV: number } {
  const sim = new ReferenceSimulation(v);
  const solver = (sim as unknown as { implicitSolver(): ImplicitCpu }).implicitSolver();
  const state = sim as unknown as { u: Float64Array; v: Float64Array };
  const u = state.u.slice();
  const c = state.v.slice();
  solver.solve(u, c, { dt: v.derived.dt, iterations: 1, vCycles: 1 });
  // float64's rounding of such a sum: 8 x cells x eps x its largest term.
  const round = (a: Float64Array) => 8 * a.length * 2 ** -52 * Math.max(...Array.from(a, Math.abs));
  return { dU: sum(u) - sum(state.u), dV: sum(c) - sum(state.v), roundU: round(u), roundV: round(c) };
}

describe('implicit steps keep closed totals after every iteration (CPU reference)', () => {
  it('all periodic, dt ~5e7 s: one iteration changes neither sum (T - T0) nor sum c', () => {
    const v = channel({ dc: DC });
    const { dU, dV, roundU, roundV } = oneIteration(v);
    report('64 x 1 periodic, one iteration: change of sum (T - T0) [K cells], of sum c', `${dU.toExponential(2)} ${dV.toExponential(2)}`);
    expect(Math.abs(dU)).toBeLessThanOrEqual(roundU);
    expect(Math.abs(dV)).toBeLessThanOrEqual(roundV);
  });

  it('flux walls and a source: one iteration adds exactly dt / (rho cp) x the heat let in', () => {
    const { v, inflow } = heatedChannel(DC);
    const { dU, roundU } = oneIteration(v);
    const expected = (v.derived.dt * inflow) / (v.derived.material.rho * v.derived.material.cp);
    report('64 x 1 heated, one iteration: change of sum (T - T0) over dt x heat in / (rho cp), - 1', `${(dU / expected - 1).toExponential(2)}`);
    expect(Math.abs(dU - expected)).toBeLessThanOrEqual(roundU);
    // The solver's own count of the heat let in is the channel's.
    const cells = buildCellInputs(v.scenario);
    expect(fixedHeatInflow(wallConstantsOf(v.scenario), cells.solid, cells.source, gridOf(v.scenario)) / inflow - 1).toBeCloseTo(0, 12);
  });
});
