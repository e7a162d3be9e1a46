/**
 * Sweep seed 2086 draw 56 on a shorter channel: uniform T, a one-cell step in c, S_T = -10 1/K,
 * D = 1e-12 m^2/s (auto dt ~5e7 s), every wall periodic unless `patch` says otherwise; cells
 * 2.9e-5 m x 0.1 m. The time term a0 rho cp / dt is ~1e-15 of the transport terms (test/gpu/kept-totals.test.ts).
 */
import { validateScenario, type Validated } from '../../src/physics/validate';

export const T0 = 1243.97;
export const c0 = 0.0236;
export const NX = 64;
export const H = 2.9466e-5;
const periodic = { heat: { type: 'periodic' }, mass: { type: 'periodic' } };

/** `dc`: the step of c in the first cell (0.1 in the sweep's draw). */
export function channel(patch: { boundaries?: Record<string, unknown>; sources?: unknown[]; dc?: number } = {}): Validated {
  const r = validateScenario({
    version: 1,
    name: 'long dt, closed',
    grid: { nx: NX, ny: 1, width: NX * H, height: 0.1 },
    mixture: { rho: 1, cp: 157.02, k: 1, D: 1e-12, soret: -10, molarMass: [1, 1], dufour: 'reciprocal' },
    reference: { T0, c0 },
    initial: { regions: [{ shape: 'rect', x: [0, H], y: [0, 0.1], T: T0, c: c0 + (patch.dc ?? 0.1) }] },
    sources: patch.sources ?? [],
    boundaries: { left: periodic, right: periodic, bottom: periodic, top: periodic, ...patch.boundaries },
    time: { scheme: 'implicit' },
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.value;
}


/**
 * The channel with heat let in: flux walls (2 W/m^2 in on the left, 0.5 W/m^2 out on the right;
 * mass closed) and q = 1e3 W/m^3 in its first 4 cells. `inflow`: the heat let in per unit time
 * summed over cells [W/m^3 x cells] (each wall's flux over the cell width, q in 4 cells). `dc`: as `channel`'s.
 */
export function heatedChannel(dc?: number): { v: Validated; inflow: number } {
  const qIn = 2;
  const qOut = -0.5;
  const q = 1e3;
  const v = channel({
    boundaries: { left: { heat: { type: 'flux', value: qIn }, mass: { type: 'closed' } }, right: { heat: { type: 'flux', value: qOut }, mass: { type: 'closed' } } },
    sources: [{ shape: 'rect', x: [0, 4 * H], y: [0, 0.1], q }],
    dc,
  });
  return { v, inflow: (qIn + qOut) / H + 4 * q };
}
