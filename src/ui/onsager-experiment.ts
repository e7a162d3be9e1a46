/**
 * The page's "measure Onsager" experiment (physics.md 10): runs measure-onsager.ts on the current
 * scenario's mixture (CPU reference, a few milliseconds) and keeps the last result for the Onsager
 * panel, which the button and `onsager.measureOnsager()` both update.
 */
import { measureOnsager, type OnsagerMeasurement } from '../physics/measure-onsager';
import type { Validated } from '../physics/validate';
import { fmt } from '../view/format';

type Listener = (r: OnsagerMeasurement) => void;

/** The last measurement and who shows it (one per page). */
export class OnsagerExperiment {
  last: OnsagerMeasurement | null = null;
  private listeners: Listener[] = [];

  run(v: Validated): OnsagerMeasurement {
    const r = measureOnsager(v);
    this.last = r;
    for (const f of this.listeners) f(r);
    return r;
  }

  /** Calls f with every new result; returns the unsubscribe. */
  subscribe(f: Listener): () => void {
    this.listeners.push(f);
    return () => {
      this.listeners = this.listeners.filter((g) => g !== f);
    };
  }
}

/** The page's one experiment. */
export const onsagerExperiment = new OnsagerExperiment();

/** Measured values beside the formulas', the ratio and (in unphysical mode) why it is not 1. */
export function measurementHtml(r: OnsagerMeasurement): string {
  const e = r.expected;
  const row = (name: string, a: number, b: number) => `<tr><td>${name}</td><td data-testid="measured-${name}">${fmt(a, 6)}</td><td>${fmt(b, 6)}</td></tr>`;
  const ratio = r.ratio === null ? 'undefined (S_T = 0: no thermodiffusion to measure)' : fmt(r.ratio, 6);
  const verdict = r.ratio === null ? '' : r.unphysical ? `<div class="onsager-bad">Lq1/L1q = D_F/D_T = ${fmt(e.ratio ?? NaN, 6)}: reciprocity broken (unphysical mode)</div>` : `<div>Lq1 = L1q: Onsager's reciprocal relation, measured</div>`;
  return (
    `<table class="onsager-measured" data-testid="onsager-measured" aria-label="measured Onsager coefficients">` +
    `<tr><th></th><th>measured</th><th>formula</th></tr>` +
    row('L1q', r.L1q, e.L1q) +
    row('Lq1', r.Lq1, e.Lq1) +
    row('L11', r.L11, e.L11) +
    row('Lqq', r.Lqq, e.Lqq) +
    `<tr><td>Lq1/L1q</td><td data-testid="measured-ratio">${ratio}</td><td>${e.ratio === null ? '—' : fmt(e.ratio, 6)}</td></tr></table>` +
    `<div>(1) ΔT = ${fmt(r.at.dT)} K per cell at uniform c → J1, Jq′ at t → 0+; (2) Δc = ${fmt(r.at.dc)} per cell at uniform T, at (T0, c0) = (${fmt(r.at.T0, 5)} K, ${fmt(r.at.c0)})</div>` +
    verdict
  );
}
