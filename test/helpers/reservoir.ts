/**
 * The property sweep's shrunk jump failure, made physical (test/unit/mass-wall.test.ts,
 * test/gpu/mass-wall.test.ts): a rod with a solute reservoir at one end, optionally its first cell
 * starting at the reservoir's c.
 */
import { validateScenario, type Validated } from '../../src/physics/validate';

const N = 32;
const H = 1e-4; // square cells [m]
export const RESERVOIR = 0.001;
const insulated = { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } };

/** A 32 x 1 rod of square cells with a solute reservoir (c = 0.001) at its left end, closed elsewhere; c0 = 0.0037. */
export function reservoirRod(firstCellAtReservoir: boolean): Validated {
  const r = validateScenario({
    version: 1,
    name: 'reservoir rod',
    grid: { nx: N, ny: 1, width: N * H, height: H },
    mixture: { rho: 1000, cp: 4180, k: 0.6, D: 1e-9, soret: 0, molarMass: [0.018, 0.018], dufour: 'reciprocal' },
    reference: { T0: 300, c0: 0.0037 },
    initial: firstCellAtReservoir ? { regions: [{ shape: 'rect', x: [0, H], y: [0, H], c: RESERVOIR }] } : {},
    boundaries: { left: { heat: { type: 'temperature', value: 300 }, mass: { type: 'concentration', value: RESERVOIR } }, right: insulated, bottom: insulated, top: insulated },
    time: { scheme: 'euler' },
  });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.value;
}

