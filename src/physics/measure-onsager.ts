/**
 * Measuring the Onsager coefficients (physics.md section 10): two virtual experiments on the
 * scenario's mixture at its reference state (T0, c0), run on the float64 CPU reference.
 *
 *  (1) a small temperature difference at uniform c: the mass and heat fluxes across the midplane
 *      at t -> 0+ give L1q = J1 / Xq and Lqq = Jq' / Xq;
 *  (2) a small concentration difference at uniform T: Lq1 = Jq' / X1 and L11 = J1 / X1.
 *
 * The probe is a closed, insulated channel of PROBE_CELLS cells along x whose fields are written
 * as a linear profile; a flux is measured as what the simulation accumulates in the right half per
 * unit time at t = 0+ (the rate of change of its solute and energy, from the scheme's own operator,
 * so nothing of the flux formula is assumed), and the forces are the face forces of physics.md 3
 * between the two cells beside the midplane. The reaction block, sources, obstacles and electric
 * walls of the scenario are left out: the experiment measures the transport matrix of section 1.
 * Reciprocal mode gives Lq1 / L1q = 1 to round-off; an explicit D_F gives D_F / D_T.
 */
import { muC, onsagerMatrix, type OnsagerMatrix } from './thermo';
import { ReferenceSimulation } from './reference';
import { parseScenario, type Validated } from './validate';

/** Cells of the probe channel along x (even: the midplane is a face). */
export const PROBE_CELLS = 8;
/** Temperature step between neighbouring probe cells, relative to T0. */
export const PROBE_DT_RELATIVE = 1e-6;
/** Concentration step between neighbouring probe cells, relative to min(c0, 1 - c0). */
export const PROBE_DC_RELATIVE = 1e-5;

export interface OnsagerMeasurement {
  /** L1q = J1 / Xq from experiment (1) [kg K m^-1 s^-1]. */
  L1q: number;
  /** Lq1 = Jq' / X1 from experiment (2) [kg K m^-1 s^-1]. */
  Lq1: number;
  /** Lq1 / L1q, null when L1q = 0 (no thermodiffusion: S_T = 0). */
  ratio: number | null;
  /** L11 = J1 / X1 from experiment (2) [kg^2 K s m^-3 J^-1]. */
  L11: number;
  /** Lqq = Jq' / Xq from experiment (1) [W K m^-1]. */
  Lqq: number;
  /** The section-1 formulas at (T0, c0), and their ratio D_F / D_T (null when D_T = 0). */
  expected: OnsagerMatrix & { ratio: number | null };
  /** The state measured at and the probe steps: T0 [K], c0 [-], dT [K], dc [-] between neighbouring cells. */
  at: { T0: number; c0: number; dT: number; dc: number };
  /** True when D_F != D_T (the unphysical teaching mode): the ratio is then not 1. */
  unphysical: boolean;
}

/** The probe channel's scenario: the mixture and reference state of `v`, nothing else. */
export function probeScenario(v: Validated): Validated {
  const s = v.scenario;
  const h = 1e-3;
  const wall = { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } };
  return parseScenario({
    version: 1,
    name: `${s.name}: Onsager probe`,
    grid: { nx: PROBE_CELLS, ny: 1, width: PROBE_CELLS * h, height: h },
    mixture: structuredClone(s.mixture),
    reference: { ...s.reference },
    initial: { T: s.reference.T0, c: s.reference.c0 },
    boundaries: { left: wall, right: wall, bottom: wall, top: wall },
    time: { scheme: 'euler', dt: 'auto' },
    allowUnphysical: s.allowUnphysical,
  });
}

/** Fluxes across the probe's midplane at t = 0+ for a given state, positive along +x. */
function midplaneFluxes(sim: ReferenceSimulation, u: Float64Array, v: Float64Array): { J1: number; Jq: number } {
  const n = u.length;
  const tu = new Float64Array(n);
  const tv = new Float64Array(n);
  sim.tendency(u, v, tu, tv);
  const hx = sim.validated.scenario.grid.width / n;
  // The right half is closed everywhere but at the midplane: its solute gains rho dc/dt hx per
  // cell per unit face area = J1 through the midplane (and its energy Jq').
  let J1 = 0;
  let Jq = 0;
  for (let i = n / 2; i < n; i++) {
    J1 += tv[i] * hx;
    Jq += tu[i] * hx;
  }
  return { J1, Jq };
}

/**
 * Runs both experiments on the CPU reference and returns the measured coefficients beside the
 * formulas' values. Pure: the scenario and any running simulation are untouched.
 */
export function measureOnsager(v: Validated): OnsagerMeasurement {
  const probe = probeScenario(v);
  const sim = new ReferenceSimulation(probe);
  const { T0, c0 } = probe.scenario.reference;
  const n = PROBE_CELLS;
  const h = probe.scenario.grid.width / n;
  const dT = PROBE_DT_RELATIVE * T0;
  const dc = PROBE_DC_RELATIVE * Math.min(c0, 1 - c0);
  const ramp = (step: number) => Float64Array.from({ length: n }, (_, i) => step * (i - (n - 1) / 2));
  const flat = new Float64Array(n);
  const m = probe.derived.material;

  // (1) T rises along x at uniform c: Xq = grad(1/T) across the midplane.
  const u1 = ramp(dT);
  const e1 = midplaneFluxes(sim, u1, flat);
  const TL = T0 + u1[n / 2 - 1];
  const TR = T0 + u1[n / 2];
  const Xq = (1 / TR - 1 / TL) / h;

  // (2) c rises along x at uniform T: X1 = -(mu_c / T) grad c at the face (T_f = T0, c the mean).
  const v2 = ramp(dc);
  const e2 = midplaneFluxes(sim, flat, v2);
  const cL = c0 + v2[n / 2 - 1];
  const cR = c0 + v2[n / 2];
  const X1 = (-muC(m, T0, 0.5 * (cL + cR)) * (cR - cL)) / (h * T0);
  sim.destroy();

  const L1q = e1.J1 / Xq + 0; // + 0: no -0 in the JSON
  const Lq1 = e2.Jq / X1 + 0;
  const expected = onsagerMatrix(m, T0, c0);
  return {
    L1q,
    Lq1,
    ratio: L1q !== 0 ? Lq1 / L1q : null,
    L11: e2.J1 / X1,
    Lqq: e1.Jq / Xq,
    expected: { ...expected, ratio: expected.L1q !== 0 ? expected.Lq1 / expected.L1q : null },
    at: { T0, c0, dT, dc },
    unphysical: m.DF !== m.DT,
  };
}

/** One line per coefficient: measured, formula, relative difference (for the CLI's stderr and the page). */
export function measurementLines(r: OnsagerMeasurement): string[] {
  const rel = (a: number, b: number) => (b === 0 ? (a === 0 ? 0 : Infinity) : Math.abs(a / b - 1));
  const row = (name: string, a: number, b: number) => `${name}: measured ${a.toPrecision(6)}, formula ${b.toPrecision(6)} (rel. diff ${rel(a, b).toExponential(1)})`;
  const e = r.expected;
  const ratio = r.ratio === null ? 'undefined (L1q = 0: no thermodiffusion)' : `${r.ratio.toPrecision(6)}${r.unphysical ? ' (unphysical D_F != D_T: reciprocity broken)' : ' (reciprocal)'}`;
  return [row('L1q', r.L1q, e.L1q), row('Lq1', r.Lq1, e.Lq1), `Lq1/L1q: ${ratio}`, row('L11', r.L11, e.L11), row('Lqq', r.Lqq, e.Lqq)];
}
