/**
 * Which walls touch the fluid. A wall whose every adjacent cell is solid (an obstacle covering
 * it) exchanges nothing: solid cells carry no tendency and no wall term (implicit.ts assemble,
 * reference.ts tendency). So a temperature or concentration wall covered by obstacles fixes no
 * value, and a fixed-flux wall passes its flux only along its open length.
 */
import { HEAT_WALL, MASS_WALL, type WallConstants } from './faces';
import type { Grid } from './grid';
import { SIDES, type Side } from './scenario';

/** Cells of an nx x ny grid along `side` (the wall's neighbours), in order. */
function wallCells(side: Side, nx: number, ny: number): number[] {
  const out: number[] = [];
  if (side === 'left' || side === 'right') for (let j = 0; j < ny; j++) out.push(j * nx + (side === 'left' ? 0 : nx - 1));
  else for (let i = 0; i < nx; i++) out.push((side === 'bottom' ? 0 : ny - 1) * nx + i);
  return out;
}

/** Fraction of `side`'s length [-] whose adjacent cell is fluid (solid[c] != 0: solid). */
export function openFraction(side: Side, solid: ArrayLike<number>, nx: number, ny: number): number {
  const cells = wallCells(side, nx, ny);
  return cells.filter((c) => !solid[c]).length / cells.length;
}

/**
 * Which channels are singular at dt = infinity (no fixed value at any wall the fluid touches):
 * `nullChannels` of implicit.ts with covered walls counted as fixing nothing. The jump keeps
 * those channels' totals (CPU and GPU alike).
 */
export function openNullChannels(walls: Record<Side, WallConstants>, solid: ArrayLike<number>, nx: number, ny: number): { heat: boolean; mass: boolean } {
  const open = SIDES.filter((s) => openFraction(s, solid, nx, ny) > 0);
  return {
    heat: open.every((s) => walls[s].heatType === HEAT_WALL.flux || walls[s].heatType === HEAT_WALL.periodic),
    mass: open.every((s) => walls[s].massType !== MASS_WALL.concentration),
  };
}

/**
 * The heat a grid gains per unit time from what does not depend on the state [W/m^3 x cells]: the
 * sum over fluid cells of the volumetric sources q and of the fixed heat flux (heatValue [W/m^2],
 * into the domain) of every flux wall through each open wall cell, over the cell's width normal to
 * it. Where heat is a null channel (`openNullChannels`) and nothing else makes heat (no ions, no
 * reaction), the sum over fluid cells of tend_T is exactly this (interior faces cancel in pairs),
 * so a step of dt changes sum (rho cp (T - T0)) by dt times it.
 */
export function fixedHeatInflow(walls: Record<Side, WallConstants>, solid: ArrayLike<number>, source: ArrayLike<number>, grid: Grid): number {
  const { nx, ny, hx, hy } = grid;
  let q = 0;
  for (let P = 0; P < nx * ny; P++) if (!solid[P]) q += source[P];
  for (const side of SIDES) {
    if (walls[side].heatType !== HEAT_WALL.flux) continue;
    const h = side === 'left' || side === 'right' ? hx : hy;
    for (const P of wallCells(side, nx, ny)) if (!solid[P]) q += walls[side].heatValue / h;
  }
  return q;
}
