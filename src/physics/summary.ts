/**
 * The run summary: the command line's JSON on stdout and the page's `onsager.stats()` (contract:
 * docs/scenario.md, "Command line"). Built from a backend's SimStats and the validated scenario.
 */
import type { SimStats } from './simulation';
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
  /** Time step [s] and the explicit stability limit [s]. */
  dt: number;
  dtLimit: number;
  /** Why the run is unphysical, and other warnings. */
  warnings: string[];
  /** Present when the run stopped on a non-finite value. */
  failure?: { step: number; time: number; message: string };
}

export function buildSummary(
  v: Validated,
  stats: SimStats,
  run: { backend: 'gpu' | 'cpu'; adapter: string; wallSeconds: number },
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
    warnings: v.warnings,
  };
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
