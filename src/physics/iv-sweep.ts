/**
 * The current-voltage experiment of issue 10 (physics.md 8, case h): sweep the voltage applied
 * between the two electrodes of a scenario, jump to the steady state at each voltage, read the
 * steady current through the first electrode, and compare with the Goldman-Hodgkin-Katz curve of
 * the reservoirs and the Nernst (reversal) voltage at which the current vanishes. Pure logic: the
 * simulation is reached through an `IvDriver` (the page's automation API, or a simulation in a
 * test), so this module runs in Node as well as in the page.
 */
import { FARADAY, ghkFlux, reversalVoltage } from './analytic';
import type { Scenario, Side } from './scenario';

/** Net electric current into the domain through each wall [A/m, per unit depth] (summary `current`). */
export type WallCurrents = Record<Side, number>;

/**
 * The electrodes of a sweep: two opposite voltage walls, each a reservoir (mass `concentration`).
 * The applied voltage is phi_from - phi_to [V]; the current is the one into the domain through
 * `from` [A/m] (positive: cations flowing from `from` towards `to`).
 */
export interface Electrodes {
  from: Side;
  to: Side;
  /** Reservoir mass fractions at the two electrodes [-]. */
  cFrom: number;
  cTo: number;
  /** Distance between the electrodes [m] and the electrode length (per unit depth) [m]. */
  length: number;
  area: number;
  /** The potential of `to`, kept fixed during a sweep [V]. */
  phiTo: number;
}

const PAIRS: readonly [Side, Side][] = [
  ['left', 'right'],
  ['bottom', 'top'],
];

/**
 * The electrodes of `s`, or the reason there are none to sweep between: a charge, and two opposite
 * voltage walls that are both reservoirs (a closed cell carries no steady current).
 */
export function electrodesOf(s: Scenario): Electrodes | string {
  const z = s.mixture.charge ?? 0;
  if (z === 0) return 'mixture.charge is 0: no current flows (set a charge number)';
  for (const [from, to] of PAIRS) {
    const a = s.boundaries[from];
    const b = s.boundaries[to];
    if (a.electric?.type !== 'voltage' || b.electric?.type !== 'voltage') continue;
    if (a.mass.type !== 'concentration' || b.mass.type !== 'concentration') {
      return `boundaries.${from}.mass and boundaries.${to}.mass must be "concentration" (reservoirs) for a steady current; a closed cell only reaches the Nernst balance`;
    }
    const horizontal = from === 'left';
    return {
      from,
      to,
      cFrom: a.mass.value,
      cTo: b.mass.value,
      length: horizontal ? s.grid.width : s.grid.height,
      area: horizontal ? s.grid.height : s.grid.width,
      phiTo: b.electric.value,
    };
  }
  return 'the I-V sweep needs two opposite walls with boundaries.<side>.electric = {type: "voltage"} (left and right, or bottom and top)';
}

/** The applied voltage phi_from - phi_to of `s` [V]. */
export function appliedVoltage(s: Scenario, e: Electrodes): number {
  const a = s.boundaries[e.from].electric;
  const b = s.boundaries[e.to].electric;
  return (a?.type === 'voltage' ? a.value : 0) - (b?.type === 'voltage' ? b.value : 0);
}

/** The Nernst (reversal) voltage phi_from - phi_to of the reservoirs at T0 [V]: no net current there. */
export function reversalOf(s: Scenario, e: Electrodes): number {
  return reversalVoltage(s.mixture.charge ?? 0, e.cFrom, e.cTo, s.reference.T0);
}

/**
 * The GHK current through the `from` electrode at applied voltage V [A/m per unit depth]: the
 * dilute, isothermal, constant-field flux of a uniform channel between the electrodes
 * (analytic.ts ghkFlux) times zF/M1 and the electrode length. Exact for a channel filling the
 * domain (case h); through a pore it has the right zero but not the right size (see `fitScale`).
 */
export function ghkCurrent(s: Scenario, e: Electrodes, V: number): number {
  const m = s.mixture;
  const z = m.charge ?? 0;
  const J1 = ghkFlux(m.rho, m.D, e.length, z, V, 0, e.cFrom, e.cTo, s.reference.T0);
  return ((z * FARADAY) / m.molarMass[0]) * J1 * e.area;
}

/**
 * `count` voltages (odd counts include V_rev itself) evenly spaced over V_rev +- `span` [V]:
 * the curve on both sides of its zero.
 */
export function sweepVoltages(reversal: number, span: number, count: number): number[] {
  const n = Math.max(2, Math.floor(count));
  return Array.from({ length: n }, (_, k) => reversal - span + (2 * span * k) / (n - 1));
}

/** How a sweep is asked for (onsager.ivSweep): explicit voltages, or points over V_rev +- span. */
export interface IvSweepRequest {
  /** Applied voltages phi_from - phi_to [V]; default: `points` over V_rev +- span. */
  voltages?: number[];
  /** Default 9. */
  points?: number;
  /** Half-width around the reversal voltage [V]; default max(60 mV, |V_rev| + 20 mV) (0 V included). */
  span?: number;
}

/** What a sweep needs from a simulation; the page and the tests implement it. */
export interface IvDriver<Saved = unknown> {
  /** The user's state (scenario and fields), to put back after the sweep. */
  save(): Promise<Saved>;
  restore(saved: Saved): Promise<void>;
  /** Sets one scenario field by dotted path (the same validation as files). */
  set(path: string, value: unknown): Promise<void>;
  /** Jumps to the steady state; rejects where it did not converge. */
  jump(): Promise<void>;
  /** The wall currents of the current state (summary key `current`). */
  currents(): Promise<WallCurrents>;
}

export interface IvPoint {
  /** Applied voltage phi_from - phi_to [V]. */
  voltage: number;
  /** Steady current into the domain through `from` [A/m]. */
  current: number;
  /** The GHK current at that voltage [A/m]. */
  ghk: number;
}

export interface IvCurve {
  electrodes: Electrodes;
  points: IvPoint[];
  /** Nernst voltage phi_from - phi_to [V] of the reservoirs. */
  reversal: number;
  /** The voltage applied before the sweep (restored after it) [V]. */
  applied: number;
  /**
   * Least-squares factor f with current ~ f * GHK: 1 for a channel filling the domain; below 1
   * where a pore narrows the path (the overlay is then drawn as f * GHK and says so).
   */
  fitScale: number;
}

/**
 * Runs the sweep on `scenario` (the user's current one): for each voltage, moves the `from`
 * electrode to phi_to + V, jumps to the steady state and reads the current. The user's state is
 * restored afterwards, whether the sweep finished or failed (a failed jump rejects with the voltage
 * named). `onPoint` sees each point as it is measured (a live plot).
 */
export async function runIvSweep<Saved>(
  driver: IvDriver<Saved>,
  scenario: Scenario,
  voltages: readonly number[],
  onPoint?: (p: IvPoint, k: number) => void,
): Promise<IvCurve> {
  const e = electrodesOf(scenario);
  if (typeof e === 'string') throw new Error(`I-V sweep: ${e}`);
  if (voltages.length === 0 || voltages.some((v) => !Number.isFinite(v))) throw new Error('I-V sweep: the voltages must be finite numbers (at least one)');
  const path = `boundaries.${e.from}.electric.value`;
  const saved = await driver.save();
  const points: IvPoint[] = [];
  try {
    for (const V of voltages) {
      await driver.set(path, e.phiTo + V);
      try {
        await driver.jump();
      } catch (err) {
        throw new Error(`I-V sweep at ${(V * 1000).toFixed(2)} mV: ${err instanceof Error ? err.message : String(err)}`);
      }
      const p = { voltage: V, current: (await driver.currents())[e.from], ghk: ghkCurrent(scenario, e, V) };
      points.push(p);
      onPoint?.(p, points.length - 1);
    }
  } finally {
    await driver.restore(saved);
  }
  return { electrodes: e, points, reversal: reversalOf(scenario, e), applied: appliedVoltage(scenario, e), fitScale: fitScale(points) };
}

/** Least-squares f minimising sum (I - f G)^2 over the points (1 where GHK is 0 everywhere). */
export function fitScale(points: readonly IvPoint[]): number {
  let ig = 0;
  let gg = 0;
  for (const p of points) {
    ig += p.current * p.ghk;
    gg += p.ghk * p.ghk;
  }
  return gg > 0 ? ig / gg : 1;
}
