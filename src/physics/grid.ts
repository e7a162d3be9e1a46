/**
 * Cell-centred grid geometry and the per-cell inputs built from a scenario: starting fields,
 * volumetric sources and the solid mask. Arrays are row-major, row 0 at the bottom (y = hy/2).
 */
import type { Scenario, Shape } from './scenario';

export interface Grid {
  nx: number;
  ny: number;
  /** Cell sizes [m]. */
  hx: number;
  hy: number;
}

export function gridOf(s: Pick<Scenario, 'grid'>): Grid {
  return { nx: s.grid.nx, ny: s.grid.ny, hx: s.grid.width / s.grid.nx, hy: s.grid.height / s.grid.ny };
}

/** Centre [m] of cell (i, j). */
export const cellCentre = (g: Grid, i: number, j: number): [number, number] => [(i + 0.5) * g.hx, (j + 0.5) * g.hy];

export function insideShape(shape: Shape, x: number, y: number): boolean {
  if (shape.shape === 'rect') {
    return x >= shape.x[0] && x <= shape.x[1] && y >= shape.y[0] && y <= shape.y[1];
  }
  const dx = x - shape.center[0];
  const dy = y - shape.center[1];
  return dx * dx + dy * dy <= shape.radius * shape.radius;
}

/** Calls `f(index)` for every cell whose centre is inside `shape`; returns how many. */
export function forCellsIn(g: Grid, shape: Shape, f?: (index: number) => void): number {
  let count = 0;
  for (let j = 0; j < g.ny; j++) {
    for (let i = 0; i < g.nx; i++) {
      const [x, y] = cellCentre(g, i, j);
      if (insideShape(shape, x, y)) {
        count++;
        f?.(j * g.nx + i);
      }
    }
  }
  return count;
}

/** Per-cell inputs, as deviations from the reference state where the solver stores deviations. */
export interface CellInputs {
  /** T - T0 [K]. */
  temperature: Float64Array;
  /** c - c0 [-]. */
  concentration: Float64Array;
  /** Volumetric heat source [W/m^3]. */
  source: Float64Array;
  /** 1 where the cell is a solid obstacle. */
  solid: Uint32Array;
}

export function buildCellInputs(s: Scenario): CellInputs {
  const g = gridOf(s);
  const n = g.nx * g.ny;
  const { T0, c0 } = s.reference;
  const T = s.initial?.T ?? T0;
  const c = s.initial?.c ?? c0;
  const temperature = new Float64Array(n).fill(T - T0);
  const concentration = new Float64Array(n).fill(c - c0);
  for (const r of s.initial?.regions ?? []) {
    forCellsIn(g, r, (i) => {
      if (r.T !== undefined) temperature[i] = r.T - T0;
      if (r.c !== undefined) concentration[i] = r.c - c0;
    });
  }
  const source = new Float64Array(n);
  for (const q of s.sources ?? []) forCellsIn(g, q, (i) => (source[i] += q.q));
  const solid = new Uint32Array(n);
  for (const o of s.obstacles ?? []) forCellsIn(g, o, (i) => (solid[i] = 1));
  return { temperature, concentration, source, solid };
}
