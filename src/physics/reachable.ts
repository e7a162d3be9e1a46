/**
 * Validation's warnings about the temperatures a scenario may reach beyond its walls' span
 * (sources, flux walls): pure functions of the scenario and its derived quantities, so that
 * validate.ts can use them without importing the run checks (run-checks.ts judges the states a run
 * actually reached, with the same bound).
 */
import { concentrationSamples, secondLawOver, type Derived } from './derived';
import type { Scenario } from './scenario';

const p = (x: number, n = 5) => (Number.isFinite(x) ? x.toPrecision(n) : String(x));

/**
 * Validation's warnings about the temperatures sources and flux walls may reach (derived.ts
 * `reachableTemperatures`): where the second-law check would fail there, where they might cool to
 * 0 K, or where nothing bounds them. Checked again with the states actually reached at readback.
 */
export function reachableWarnings(s: Scenario, d: Derived): string[] {
  const r = d.reachableT;
  if (r.lo >= d.checkedT.lo && r.hi <= d.checkedT.hi) return [];
  const out: string[] = [];
  const checked = 'the states reached are checked at every readback';
  if (!r.bounded) {
    out.push(`sources: heat enters (sources or flux walls) and no wall fixes a temperature or lets heat out by convection, so T is not bounded; ${checked}`);
    return out;
  }
  if (r.lo <= 0) out.push(`sources: heat sinks may cool the fluid to about ${p(r.lo, 4)} K (<= 0 K) before the walls balance them; ${checked}`);
  const law = secondLawOver(d.material, [Math.max(r.lo, 1e-3), r.hi], concentrationSamples(s));
  if (!law.ok && d.secondLaw.ok) {
    out.push(
      `sources: may heat the fluid to about ${p(r.hi, 4)} K (estimate), where the second law would break (k_eff < 0 at T = ${p(law.worstT, 4)} K); ` +
        `|soret| <= ${p(law.maxSoret, 4)} 1/K holds there; ${checked}`,
    );
  }
  return out;
}
