/**
 * The run summary: the command line's JSON on stdout and the page's `onsager.stats()` (contract:
 * docs/scenario.md, "Command line"). Built from a backend's SimStats and the validated scenario.
 */
import { fixedStepLimit, type DtLimit } from './adaptive';
import type { EntropyPartTotals } from './entropy-parts';
import type { OnsagerMeasurement } from './measure-onsager';
import type { ReactionSummary } from './reaction-field';
import type { SimStats, SolveReport } from './simulation';
import { potentialRange } from './potential';
import { assessRun, type RunFailure } from './run-checks';
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
   * rkl2 and implicit with dt "auto" on a run to a time), 'tau/20', 'soret drift' (rkl2's step under
   * the Soret drift, derived.ts soretDriftStep), or 'user' (a fixed time.dt).
   */
  dtLimitedBy: DtLimit;
  /** Stencil passes per step: 1 (euler), the RKL2 stage count, the implicit steps' average. */
  passesPerStep: number;
  /** The last implicit step's or steady-state jump's residual (implicit.ts), when there was one. */
  solve?: SolveReport;
  /** Why the run is unphysical, and other warnings. */
  warnings: string[];
  /**
   * Present when the result is not one to stand behind (run-checks.ts): non-finite values, T <= 0,
   * c outside [0, 1], a solve that did not converge, a GPU error, a state beyond the second law.
   */
  failure?: RunFailure;
  /**
   * The parts of entropyProduction [W K^-1 m^-1]: heat (k_eff |grad T|^2 / T^2) and mass
   * (mu_c |J1|^2 / (rho D T)); they add up to it (entropy-parts.ts). Present when the fields were
   * read for it.
   */
  entropyParts?: EntropyPartTotals;
  /** Ions only: the range of the electric potential phi over the fluid and the electrodes [V]. */
  potential?: { min: number; max: number };
  /** `--measure-onsager`: the coefficients measured by the two experiments of physics.md 10 (measure-onsager.ts). */
  onsagerMeasured?: OnsagerMeasurement;
  /** The reaction's total rate and affinity (reaction-field.ts), when the scenario has one. */
  reaction?: ReactionSummary;
}

export function buildSummary(
  v: Validated,
  stats: SimStats,
  run: { backend: 'gpu' | 'cpu'; adapter: string; wallSeconds: number; solve?: SolveReport | null; gpuError?: string | null; dtLimitedBy?: DtLimit; entropyParts?: EntropyPartTotals; reaction?: ReactionSummary },
): RunSummary {
  const { firstNonFiniteStep: _, ...rest } = stats;
  const d = v.derived;
  const dl = d.dimensionless;
  const checks = assessRun(v, stats, run.solve ?? null, run.gpuError ?? null);
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
    warnings: [...v.warnings, ...checks.warnings],
  };
  if (run.solve) summary.solve = run.solve;
  if (checks.failure) summary.failure = checks.failure;
  if (run.entropyParts) summary.entropyParts = run.entropyParts;
  const range = potentialRange(v.scenario);
  if (range) summary.potential = range;
  if (run.reaction) summary.reaction = run.reaction;
  return summary;
}
