/**
 * The GPU side of ions (physics.md 8): the uniform values of the electric walls and the potential
 * phi stored after the cell kinds in the one `cellKind` buffer (its float32 bits at nx*ny + idx,
 * read by `phiAt` in shaders/stencil.wgsl), so no kernel needs another binding. The potential
 * itself is the float64 solve of physics/potential.ts, uploaded when the scenario changes.
 */
import { chargePerMass, potentialOf } from '../physics/potential';
import { SIDES, type Scenario } from '../physics/scenario';

/** The Params fields of the electric walls (`wallPhi`, `voltageWall`, `chargePerMass`, `ions`). */
export function ionParams(s: Scenario): { wallPhi: number[]; voltageWall: number[]; chargePerMass: number; ions: number } {
  const field = potentialOf(s);
  return {
    wallPhi: SIDES.map((side) => field?.wallPhi[side] ?? 0),
    voltageWall: SIDES.map((side) => (field?.wallPhi[side] ?? null) === null ? 0 : 1),
    chargePerMass: field ? chargePerMass(s) : 0,
    ions: field ? 1 : 0,
  };
}

/** Words of the cell kind buffer: the kinds, then (with ions) the bits of phi as float32. */
export function kindsWithPotential(s: Scenario, kinds: Uint32Array): Uint32Array {
  const field = potentialOf(s);
  if (!field) return kinds;
  const out = new Uint32Array(2 * kinds.length);
  out.set(kinds);
  new Float32Array(out.buffer, 4 * kinds.length, kinds.length).set(field.phi);
  return out;
}
