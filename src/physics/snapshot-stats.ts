/**
 * The one float64 statistics function: SimStats from the stored fields (T - T0, c - c0, sigma):
 * totals over fluid cells, extremes, the edge-column separation and the heat flow through each
 * wall from the wall-face formulas. Used by the CPU reference (reference.ts statsNow), by the
 * page's periodic readback (where the fields are copied anyway, so the GPU need not run a
 * reduction pass as well), and as the oracle of the GPU reduction (shaders/totals.wgsl) in
 * test/gpu/solver.test.ts.
 */
import { faceConstantsOf, wallConstantsOf } from './discretisation';
import { HEAT_WALL, wallFlux } from './faces';
import { buildCellInputs } from './grid';
import { potentialDrops, potentialOf } from './potential';
import type { Side } from './scenario';
import type { FieldStats, SimStats } from './simulation';
import type { Validated } from './validate';

const solidCache = new WeakMap<Validated, Uint32Array>();

/** The solid mask of a scenario's grid (1 = obstacle), built once per validated scenario. */
export function solidOf(v: Validated): Uint32Array {
  let s = solidCache.get(v);
  if (!s) {
    s = buildCellInputs(v.scenario).solid;
    solidCache.set(v, s);
  }
  return s;
}

export interface StoredFields {
  nx: number;
  ny: number;
  /** T - T0 [K], c - c0 [-], sigma [W K^-1 m^-3], row-major, row 0 at the bottom. */
  T: ArrayLike<number>;
  c: ArrayLike<number>;
  sigma: ArrayLike<number>;
}

/** The reductions of `f` for scenario `v` (whose grid must be f's), with the given counters. */
export function statsFromFields(v: Validated, f: StoredFields, at: { simTime: number; steps: number; passes: number }): SimStats {
  const { nx, ny } = f;
  const s = v.scenario;
  const hx = s.grid.width / nx;
  const hy = s.grid.height / ny;
  const area = hx * hy;
  const { T0, c0 } = s.reference;
  const { rho, cp } = v.derived.material;
  const solid = solidOf(v);
  const T: FieldStats = { min: Infinity, max: -Infinity, mean: 0 };
  const C: FieldStats = { min: Infinity, max: -Infinity, mean: 0 };
  const S: FieldStats = { min: Infinity, max: -Infinity, mean: 0 };
  let sumU = 0;
  let sumV = 0;
  let sumS = 0;
  let fluid = 0;
  let nonFinite = 0;
  let left = 0;
  let right = 0;
  let nLeft = 0;
  let nRight = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      const u = f.T[k];
      const c = f.c[k];
      const g = f.sigma[k];
      if (!(Number.isFinite(u) && Number.isFinite(c) && Number.isFinite(g))) nonFinite++;
      if (solid[k]) continue;
      fluid++;
      sumU += u;
      sumV += c;
      sumS += g;
      if (u < T.min) T.min = u;
      if (u > T.max) T.max = u;
      if (c < C.min) C.min = c;
      if (c > C.max) C.max = c;
      if (g < S.min) S.min = g;
      if (g > S.max) S.max = g;
      if (i === 0) {
        left += c;
        nLeft++;
      }
      if (i === nx - 1) {
        right += c;
        nRight++;
      }
    }
  }
  const fc = faceConstantsOf(s, v.derived);
  const walls = wallConstantsOf(s);
  const potential = potentialOf(s);
  // Heat [W/m] (which: 'Jq') or current [A/m] (which: 'J1') into the domain through a wall.
  const heat = (side: Side, which: 'Jq' | 'J1' = 'Jq'): number => {
    const w = walls[side];
    if (w.heatType === HEAT_WALL.periodic) return 0;

    const vertical = side === 'left' || side === 'right';
    const count = vertical ? ny : nx;
    const d = 0.5 * (vertical ? hx : hy);
    const length = vertical ? hy : hx;
    let sum = 0;
    for (let m = 0; m < count; m++) {
      const k = vertical ? m * nx + (side === 'left' ? 0 : nx - 1) : (side === 'bottom' ? 0 : ny - 1) * nx + m;
      if (solid[k]) continue;
      sum -= wallFlux(fc, w, f.T[k], f.c[k], d, potentialDrops(potential).wall(side, k))[which] * length;
    }
    return which === 'J1' ? fc.chargePerMass * sum : sum;
  };
  const n = Math.max(fluid, 1);
  return {
    ...at,
    entropyProduction: sumS * area,
    solute: rho * area * (c0 * fluid + sumV),
    energy: rho * cp * area * sumU,
    separation: (nRight ? right / nRight : 0) - (nLeft ? left / nLeft : 0),
    heatIn: { left: heat('left'), right: heat('right'), bottom: heat('bottom'), top: heat('top') },
    ...(potential ? { current: { left: heat('left', 'J1'), right: heat('right', 'J1'), bottom: heat('bottom', 'J1'), top: heat('top', 'J1') } } : {}),
    T: { min: T0 + T.min, max: T0 + T.max, mean: T0 + sumU / n },
    c: { min: c0 + C.min, max: c0 + C.max, mean: c0 + sumV / n },
    sigma: { min: S.min, max: S.max, mean: sumS / n },
    nonFinite,
    firstNonFiniteStep: null,
  };
}
