/**
 * The run summary: the command line's JSON on stdout and the page's `onsager.stats()` (contract:
 * docs/scenario.md, "Command line"). Built from a backend's SimStats and the validated scenario.
 */
import type { EntropyPartTotals } from './entropy-parts';
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
  /** Stencil passes per step: 1 (euler), the RKL2 stage count, the implicit steps' average. */
  passesPerStep: number;
  /** The last implicit step's or steady-state jump's residual (implicit.ts), when there was one. */
  solve?: SolveReport;
  /** Why the run is unphysical, and other warnings. */
  warnings: string[];
  /**
   * The parts of entropyProduction [W K^-1 m^-1]: heat (k_eff |grad T|^2 / T^2) and mass
   * (mu_c |J1|^2 / (rho D T)); they add up to it (entropy-parts.ts). Present when the fields were
   * read for it.
   */
  entropyParts?: EntropyPartTotals;
  /** Present when the run stopped on a non-finite value. */
  failure?: { step: number; time: number; message: string };
}

export function buildSummary(
  v: Validated,
  stats: SimStats,
  run: { backend: 'gpu' | 'cpu'; adapter: string; wallSeconds: number; solve?: SolveReport | null; entropyParts?: EntropyPartTotals },
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
    passesPerStep: v.scenario.time.scheme === 'implicit' ? (stats.steps > 0 ? stats.passes / stats.steps : 0) : d.stages,
    warnings: v.warnings,
  };
  if (run.solve) summary.solve = run.solve;
  if (run.entropyParts) summary.entropyParts = run.entropyParts;
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
  return summary;
}
