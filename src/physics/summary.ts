/**
 * The run summary: the command line's JSON on stdout and the page's `onsager.stats()` (contract:
 * docs/scenario.md, "Command line"). Built from a backend's SimStats and the validated scenario.
 */
import { fixedStepLimit, type DtLimit } from './adaptive';
import type { SimStats, SolveReport } from './simulation';
import type { Validated } from './validate';

export interface RunSummary extends Omit<SimStats, 'firstNonFiniteStep'> {
  scenario: string;
  backend: 'gpu' | 'cpu';
  adapter: string;
  wallSeconds: number;
  dimensionless: { Le: number; Sr: number; Du: number; margin: number };
  unphysical: boolean;
  /** Extensions beyond the v1 contract. */
  scheme: string;
  /** Time step [s] (an RKL2 super-step) and the explicit stability limit [s]. */
  dt: number;
  dtLimit: number;
  /**
   * What set dt (physics/adaptive.ts): 'stability', 'accuracy' (the per-step error estimate of
   * rkl2 and implicit with dt "auto" on a run to a time), 'tau/20', or 'user' (a fixed time.dt).
   */
  dtLimitedBy: DtLimit;
  /** Stencil passes per step: 1 (euler), the RKL2 stage count, the implicit steps' average. */
  passesPerStep: number;
  /** The last implicit step's or steady-state jump's residual (implicit.ts), when there was one. */
  solve?: SolveReport;
  /** Why the run is unphysical, and other warnings. */
  warnings: string[];
  /** Present when the run stopped on a non-finite value, or its last solve (jump or implicit step) did not converge. */
  failure?: { step: number; time: number; message: string };
}

export function buildSummary(
  v: Validated,
  stats: SimStats,
  run: { backend: 'gpu' | 'cpu'; adapter: string; wallSeconds: number; solve?: SolveReport | null; dtLimitedBy?: DtLimit },
): RunSummary {
  const { firstNonFiniteStep, ...rest } = stats;
  const d = v.derived;
  const dl = d.dimensionless;
  const summary: RunSummary = {
    scenario: v.scenario.name,
    backend: run.backend,
    adapter: run.adapter,
    wallSeconds: run.wallSeconds,
    ...rest,
    dimensionless: { Le: dl.Le, Sr: dl.Sr, Du: dl.Du, margin: dl.margin },
    unphysical: d.unphysical,
    scheme: v.scenario.time.scheme,
    dt: d.dt,
    dtLimit: d.dtLimit,
    dtLimitedBy: run.dtLimitedBy ?? fixedStepLimit(v),
    passesPerStep: v.scenario.time.scheme === 'implicit' ? (stats.steps > 0 ? stats.passes / stats.steps : 0) : d.stages,
    warnings: v.warnings,
  };
  if (run.solve) summary.solve = run.solve;
  if (firstNonFiniteStep !== null || stats.nonFinite > 0) {
    const step = firstNonFiniteStep ?? stats.steps;
    const time = step * d.dt;
    summary.failure = {
      step,
      time,
      message:
        `non-finite values first appeared at step ${step} (t = ${time.toPrecision(6)} s); ` +
        (d.dtAboveLimit
          ? `dt = ${d.dt.toPrecision(4)} s exceeds the explicit stability limit ${d.dtLimit.toPrecision(4)} s`
          : 'the run diverged'),
    };
  }
  if (!summary.failure && run.solve && !run.solve.converged) {
    const r = run.solve;
    summary.failure = {
      step: stats.steps,
      time: stats.simTime,
      message:
        `the ${r.iterations} multigrid iterations did not converge: relative residual ${r.relative.toExponential(2)}` +
        `${r.stalled ? ' (stalled)' : ''}; the fields are not a solution`,
    };
  }
  return summary;
}
