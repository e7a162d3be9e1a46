/**
 * The parts of the entropy production per cell (physics.md section 3): the heat part
 * k_eff |grad T|^2 / T^2 and the mass part mu_c |J1|^2 / (rho D T), each the half-sum over the
 * cell's four faces of the face formulas of faces.ts (`faceFlux`, `wallFlux`: sigma = heat + mass
 * on every face), exactly as the solvers form the total sigma. So heat + mass = sigma per cell up
 * to the rounding of the fields they are computed from. Pure float64; the page computes them from
 * its periodic field copy (a few times a second), not per frame. Chemical and electric parts join
 * here when the physics has them.
 */
import { faceConstantsOf, wallConstantsOf } from './discretisation';
import { faceFlux, HEAT_WALL, wallFlux, type FaceFlux } from './faces';
import { solidOf } from './snapshot-stats';
import type { Validated } from './validate';
import { potentialDrops, potentialOf } from './potential';

export const ENTROPY_PARTS = ['heat', 'mass'] as const;
export type EntropyPart = (typeof ENTROPY_PARTS)[number];

/** Per-cell parts [W K^-1 m^-3], row-major, row 0 at the bottom; solid cells 0. */
export type EntropyPartFields = Record<EntropyPart, Float64Array>;

/** Domain integrals of the parts per unit depth [W K^-1 m^-1] (they add up to entropyProduction). */
export type EntropyPartTotals = Record<EntropyPart, number>;

/**
 * The parts of sigma for the stored deviations u = T - T0 [K], v = c - c0 on the grid of scenario
 * `sv` (the scenario the fields were computed with). Writes into `out` when its arrays have
 * nx * ny cells, else allocates.
 */
export function entropyParts(sv: Validated, u: ArrayLike<number>, v: ArrayLike<number>, out?: EntropyPartFields): EntropyPartFields {
  const { nx, ny } = sv.scenario.grid;
  const n = nx * ny;
  if (u.length !== n || v.length !== n) throw new Error(`entropyParts: fields have ${u.length}, ${v.length} cells, the grid ${nx} x ${ny}`);
  const parts = out && out.heat.length === n && out.mass.length === n ? out : { heat: new Float64Array(n), mass: new Float64Array(n) };
  parts.heat.fill(0);
  parts.mass.fill(0);
  const s = sv.scenario;
  const hx = s.grid.width / nx;
  const hy = s.grid.height / ny;
  const fc = faceConstantsOf(s, sv.derived);
  const walls = wallConstantsOf(s);
  const solid = solidOf(sv);
  const fluid = (k: number) => solid[k] === 0;
  const add = (k: number, f: FaceFlux) => {
    parts.mass[k] += 0.5 * f.sigmaMass;
    parts.heat[k] += 0.5 * (f.sigma - f.sigmaMass);
  };
  const drop = potentialDrops(potentialOf(s));
  const between = (a: number, b: number, d: number) => {
    if (!fluid(a) || !fluid(b)) return;
    const f = faceFlux(fc, u[a], v[a], u[b], v[b], d, drop.face(a, b));
    add(a, f);
    add(b, f);
  };
  const px = walls.left.heatType === HEAT_WALL.periodic;
  const py = walls.bottom.heatType === HEAT_WALL.periodic;
  for (let j = 0; j < ny; j++) {
    const row = j * nx;
    for (let i = 1; i < nx; i++) between(row + i - 1, row + i, hx);
    if (px) {
      if (nx > 1) between(row + nx - 1, row, hx);
    } else {
      if (fluid(row)) add(row, wallFlux(fc, walls.left, u[row], v[row], hx / 2, drop.wall('left', row)));
      const r = row + nx - 1;
      if (fluid(r)) add(r, wallFlux(fc, walls.right, u[r], v[r], hx / 2, drop.wall('right', r)));
    }
  }
  for (let i = 0; i < nx; i++) {
    for (let j = 1; j < ny; j++) between((j - 1) * nx + i, j * nx + i, hy);
    const top = (ny - 1) * nx + i;
    if (py) {
      if (ny > 1) between(top, i, hy);
    } else {
      if (fluid(i)) add(i, wallFlux(fc, walls.bottom, u[i], v[i], hy / 2, drop.wall('bottom', i)));
      if (fluid(top)) add(top, wallFlux(fc, walls.top, u[top], v[top], hy / 2, drop.wall('top', top)));
    }
  }
  return parts;
}

/** The domain integrals of per-cell parts on the grid of scenario `sv` [W K^-1 m^-1]. */
export function entropyPartTotals(sv: Validated, parts: EntropyPartFields): EntropyPartTotals {
  const g = sv.scenario.grid;
  const area = (g.width / g.nx) * (g.height / g.ny);
  let heat = 0;
  let mass = 0;
  for (let k = 0; k < parts.heat.length; k++) {
    heat += parts.heat[k];
    mass += parts.mass[k];
  }
  return { heat: heat * area, mass: mass * area };
}

/** The totals of the parts for a simulation's current fields (T, c read back; e.g. for the summary). */
export async function currentEntropyParts(sv: Validated, read: (name: 'T' | 'c') => Promise<{ data: ArrayLike<number> }>): Promise<EntropyPartTotals> {
  const { T0, c0 } = sv.scenario.reference;
  const T = (await read('T')).data;
  const c = (await read('c')).data;
  const u = Float64Array.from(T, (x) => x - T0);
  const v = Float64Array.from(c, (x) => x - c0);
  return entropyPartTotals(sv, entropyParts(sv, u, v));
}
