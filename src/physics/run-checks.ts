/**
 * What makes a result one the program can stand behind (one rule for the command line, the page
 * and the sweep). A failure: a non-finite value, T <= 0 K, c outside [0, 1] beyond round-off, a
 * solve that did not converge, a GPU error, or (in a physical run) a state reached beyond the
 * second-law bound. A warning: a reached state outside what validation checked that still holds
 * (e.g. forward Euler's step above the stability limit at the temperatures reached).
 *
 * `assessRun` works from the reductions every readback already has (SimStats: T and c ranges,
 * the non-finite count and step), so checking costs no extra GPU work; `firstOffendingCell` reads
 * the fields once, only after a failure, to name the cell.
 */
import { concentrationSamples, explicitLimit, secondLawOver, stiffestOver, type Derived } from './derived';
import { buildCellInputs } from './grid';
import { MAX_SUBSTEP_ATTEMPTS } from './implicit';
import { C_ROUNDOFF } from './thermo';
import type { Scenario } from './scenario';
import type { SimStats, SolveReport } from './simulation';
import type { Validated } from './validate';

export { reachableWarnings } from './reachable';

export { C_ROUNDOFF };

export interface RunFailure {
  /** The step at (or before) which the failure was found; steps since the last check may be later. */
  step: number;
  /** Simulated time at that step [s]. */
  time: number;
  message: string;
  /** The first offending fluid cell (column i, row j from the bottom), where known. */
  cell?: { i: number; j: number };
}

export interface RunAssessment {
  failure: RunFailure | null;
  warnings: string[];
}

const p = (x: number, n = 5) => (Number.isFinite(x) ? x.toPrecision(n) : String(x));

/**
 * Whether a jump's or implicit step's report is one to stand behind: converged. A float32 jump
 * that stalled above its tolerance is not, even within JUMP_ROUND_OFF_MARGIN of its round-off
 * bound: its residual measures each cell against the rounding of its strongest faces, and a smooth
 * error those hide can be large (sweep seed 2101 #7, 6 x 40 cells of 667:1 with a convective wall:
 * stalled at 7.2e-5, 7x its bound, T 232 K and c 0.085 off the float64 steady state). Below the
 * tolerance the bound is already in the residual's scale (implicit.ts residualReport).
 */
export function solveAccepted(solve: SolveReport): boolean {
  return solve.converged;
}

/** Why a jump's or implicit step's result cannot stand, in plain words; null when it can. */
export function solveFailure(solve: SolveReport): string | null {
  if (solveAccepted(solve)) return null;
  if (solve.pathLeftBounds !== undefined) {
    return (
      `c reached ${p(solve.pathLeftBounds, 8)}, outside [0, 1] beyond round-off (${C_ROUNDOFF}), on the steady-state jump's pseudo-time path, ` +
      `which ended unconverged (relative residual ${p(solve.relative, 3)} after ${solve.iterations} iterations): the model's evolution leaves [0, 1] ` +
      `(a Soret separation beyond what it resolves: below c = 1e-6 its coefficients clamp c); the state left is not a solution`
    );
  }
  return (
    `the implicit solve did not converge: relative residual ${p(solve.relative, 3)} after ${solve.iterations} iterations` +
    `${solve.stalled ? ' (stalled)' : ''}` +
    (solve.substepsExhausted
      ? `, retaken as substeps: ${MAX_SUBSTEP_ATTEMPTS} tried (${solve.substeps ?? 0} converged, the shortest ${p(solve.smallestSubstep ?? NaN, 4)} s) without covering the step; the state left is the step's start, not a solution at its time`
      : solve.smallestSubstep !== undefined
      ? `, retaken as substeps down to ${p(solve.smallestSubstep, 4)} s (${solve.substeps ?? 0} converged before one at that length did not); the state left is the step's start, not a solution at its time`
      : '; the state it left is not a solution')
  );
}

/** Checks the states a run reached (from its readback stats) and its last solve. */
export function assessRun(v: Validated, stats: SimStats, solve: SolveReport | null, gpuError: string | null = null): RunAssessment {
  const d = v.derived;
  const warnings: string[] = [];
  const at = (step: number) => ({ step, time: stats.steps > 0 ? (stats.simTime * step) / stats.steps : 0 });
  const fail = (step: number, message: string): RunAssessment => ({ failure: { ...at(step), message }, warnings });
  if (gpuError) return fail(stats.steps, gpuError);
  if (stats.firstNonFiniteStep !== null || stats.nonFinite > 0) {
    const step = stats.firstNonFiniteStep ?? stats.steps;
    const t = at(step).time;
    return fail(
      step,
      `non-finite values first appeared at step ${step} (t = ${t.toPrecision(6)} s); ` +
        (d.dtAboveLimit ? `dt = ${d.dt.toPrecision(4)} s exceeds the explicit stability limit ${d.dtLimit.toPrecision(4)} s` : 'the run diverged'),
    );
  }
  const unsolved = solve ? solveFailure(solve) : null;
  if (unsolved) return fail(stats.steps, unsolved);
  const where = `by step ${stats.steps} (t = ${p(stats.simTime, 6)} s)`;
  if (stats.T.min <= 0) return fail(stats.steps, `T fell to ${p(stats.T.min)} K <= 0 K ${where}: the run diverged or a heat sink is too strong`);
  if (stats.c.min < -C_ROUNDOFF || stats.c.max > 1 + C_ROUNDOFF) {
    const bad = stats.c.min < -C_ROUNDOFF ? stats.c.min : stats.c.max;
    return fail(stats.steps, `c reached ${p(bad, 8)}, outside [0, 1] beyond round-off (${C_ROUNDOFF}) ${where}`);
  }

  // The states actually reached, against what validation checked (the imposed temperature span).
  const lo = Math.min(stats.T.min, d.checkedT.lo);
  const hi = Math.max(stats.T.max, d.checkedT.hi);
  const slack = 1e-6 * Math.max(1, Math.abs(d.checkedT.hi));
  if (lo < d.checkedT.lo - slack || hi > d.checkedT.hi + slack) {
    const span = `T reached [${p(stats.T.min)}, ${p(stats.T.max)}] K, beyond the imposed span [${p(d.checkedT.lo)}, ${p(d.checkedT.hi)}] K validation checked`;
    const cs = concentrationSamples(v.scenario, [stats.c.min, stats.c.max]);
    const law = secondLawOver(d.material, [lo, hi], cs);
    if (!law.ok && d.secondLaw.ok) {
      const msg = `${span}; at T = ${p(law.worstT)} K, c = ${p(law.worstC, 3)} k_eff = ${p(law.worstKeff, 4)} W/(m K) < 0: beyond the second-law bound (|soret| <= ${p(law.maxSoret, 4)} 1/K there)`;
      if (!v.scenario.allowUnphysical) return fail(stats.steps, msg);
      warnings.push(`UNPHYSICAL: ${msg}`);
    }
    if (v.scenario.time.scheme === 'euler') {
      const limit = explicitLimit(v.scenario, stiffestOver(d.material, [lo, hi], cs).lambdaMax);
      if (d.dt > limit) warnings.push(`${span}; there forward Euler's dt = ${p(d.dt, 4)} s exceeds the stability limit ${p(limit, 4)} s (use "rkl2" or "implicit")`);
    }
  }
  return { failure: null, warnings };
}

/**
 * The first fluid cell (row-major from the bottom row) holding a non-finite value, T <= 0 K or c
 * outside [0, 1] beyond round-off; null when none does. Fields absolute (readField).
 */
export function firstOffendingCell(
  s: Scenario,
  fields: { T: ArrayLike<number>; c: ArrayLike<number>; sigma: ArrayLike<number> },
): { i: number; j: number } | null {
  const { nx } = s.grid;
  const solid = buildCellInputs(s).solid;
  for (let k = 0; k < fields.T.length; k++) {
    if (solid[k]) continue;
    const T = fields.T[k];
    const c = fields.c[k];
    if (!Number.isFinite(T) || !Number.isFinite(c) || !Number.isFinite(fields.sigma[k]) || T <= 0 || c < -C_ROUNDOFF || c > 1 + C_ROUNDOFF) {
      return { i: k % nx, j: Math.floor(k / nx) };
    }
  }
  return null;
}

/**
 * The cell where k_eff is lowest among fluid cells (for a second-law failure), absolute fields. The
 * reached-state check pairs the T range with the c range (as validation pairs the imposed span with
 * c in [0, 1]), so the pair that breaks the bound may sit in no single cell: the most stressed cell is
 * named all the same.
 */
export function worstSecondLawCell(v: Validated, fields: { T: ArrayLike<number>; c: ArrayLike<number> }): { i: number; j: number } | null {
  const solid = buildCellInputs(v.scenario).solid;
  let best = { k: Infinity, at: -1 };
  for (let k = 0; k < fields.T.length; k++) {
    if (solid[k]) continue;
    const law = secondLawOver(v.derived.material, [fields.T[k]], [fields.c[k]]);
    if (law.worstKeff < best.k) best = { k: law.worstKeff, at: k };
  }
  return best.at < 0 ? null : { i: best.at % v.scenario.grid.nx, j: Math.floor(best.at / v.scenario.grid.nx) };
}
