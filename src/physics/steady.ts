/**
 * When a scenario has a steady state the implicit jump can reach (physics.md 4): checks run before
 * `jumpToSteadyState`, each message naming the field to change.
 */
import { HEAT_WALL, MASS_WALL } from './faces';
import { buildCellInputs, gridOf } from './grid';
import { wallConstantsOf } from './discretisation';
import { fixedHeatInflow, openFraction, openNullChannels } from './open-walls';
import { SIDES, type Side } from './scenario';
import type { Validated } from './validate';

/** Number of connected fluid regions (4-neighbour, across periodic seams). */
export function fluidRegions(v: Validated): number {
  return fluidRegionLabels(v).regions;
}

/** Each cell's fluid region (0..regions-1; -1 in solids), 4-neighbour, across periodic seams. */
export function fluidRegionLabels(v: Validated): { label: Int32Array; regions: number } {
  const { nx, ny } = gridOf(v.scenario);
  const { solid } = buildCellInputs(v.scenario);
  const walls = wallConstantsOf(v.scenario);
  const px = walls.left.heatType === HEAT_WALL.periodic;
  const py = walls.bottom.heatType === HEAT_WALL.periodic;
  const label = new Int32Array(nx * ny).fill(-1);
  let regions = 0;
  const stack: number[] = [];
  for (let start = 0; start < nx * ny; start++) {
    if (solid[start] || label[start] >= 0) continue;
    label[start] = regions;
    stack.push(start);
    while (stack.length) {
      const c = stack.pop()!;
      const i = c % nx;
      const j = (c - i) / nx;
      const next: number[] = [];
      if (i > 0) next.push(c - 1);
      else if (px) next.push(j * nx + nx - 1);
      if (i < nx - 1) next.push(c + 1);
      else if (px) next.push(j * nx);
      if (j > 0) next.push(c - nx);
      else if (py) next.push((ny - 1) * nx + i);
      if (j < ny - 1) next.push(c + nx);
      else if (py) next.push(i);
      for (const n of next) {
        if (solid[n] || label[n] >= 0) continue;
        label[n] = regions;
        stack.push(n);
      }
    }
    regions++;
  }
  return { label, regions };
}

/**
 * Per fluid region, whether a wall it touches fixes a temperature (a "temperature" or
 * "convective" heat wall) and a concentration: where one does not, the region keeps its own
 * total of that channel for ever, which the jump (one total per channel) cannot hold.
 */
export function regionFixes(v: Validated): { heat: boolean; mass: boolean }[] {
  const { nx, ny } = gridOf(v.scenario);
  const walls = wallConstantsOf(v.scenario);
  const { label, regions } = fluidRegionLabels(v);
  const out = Array.from({ length: regions }, () => ({ heat: false, mass: false }));
  const touch = (cell: number, side: Side) => {
    const r = label[cell];
    if (r < 0) return;
    const w = walls[side];
    if (w.heatType === HEAT_WALL.temperature || w.heatType === HEAT_WALL.convective) out[r].heat = true;
    if (w.massType === MASS_WALL.concentration) out[r].mass = true;
  };
  for (let j = 0; j < ny; j++) {
    touch(j * nx, 'left');
    touch(j * nx + nx - 1, 'right');
  }
  for (let i = 0; i < nx; i++) {
    touch(i, 'bottom');
    touch((ny - 1) * nx + i, 'top');
  }
  return out;
}

/**
 * Most elongated cells (longer side over shorter) the steady-state jump accepts, where the grid
 * has faces across the short side. Those faces conduct (h_long / h_short)^2 times more than the
 * long side's, and on the GPU the float32 round-off of their nearly cancelling fluxes sets a
 * floor under the jump's relative residual that grows with that square: seed 2026's 247 x 1
 * channel (sweep) stalled at 5.5e-4 with 1:1690 cells (the round-off tolerance is 1e-3,
 * implicit.ts ROUND_OFF_TOLERANCE) and never converged (6.8e-2 after 60 iterations) with
 * 1:16900 cells; the CPU converged on both. 1000:1 keeps that floor near 2e-4 there, and is
 * 10 times the range the issue asks for (1:100 .. 100:1, bench/multigrid.ts). Time steps are
 * not limited: their time-derivative term keeps the system well conditioned.
 */
export const MAX_JUMP_CELL_ASPECT = 1000;

/** The length of `side` [m] whose adjacent cells are fluid (a wall that obstacles cover passes nothing). */
function openWallLength(v: Validated, side: Side, solid: ArrayLike<number>, nx: number, ny: number): number {
  return (side === 'left' || side === 'right' ? v.scenario.grid.height : v.scenario.grid.width) * openFraction(side, solid, nx, ny);
}

/**
 * With no wall that fixes a temperature, the heat that sources and fixed-flux walls draw out (net
 * inflow `heatIn` < 0 [W/m]) must come in through the convective walls, h (T_ambient - T_wall) per
 * unit length each; so their conductance-weighted mean wall temperature in a steady state is
 * (sum h L T_ambient + heatIn) / sum h L [K], and where that is <= 0 K no steady state has T > 0
 * everywhere (the balance is exact: the convective condition holds the total heat flux, Dufour's part
 * included, faces.ts wallState).
 * Sweep 2301 #84 (4 x 1, 24 464 W/m^2 drawn out at the bottom, h = 17.3 W/(m^2 K) to 471 K on
 * top: a mean of -942 K): the jump's capped T steps approached 0 K and it ended unconverged at a
 * relative residual of 0.15 instead of being refused. Returns the message, or null.
 */
function convectiveWallsBelowZero(v: Validated, heatIn: number, solid: ArrayLike<number>, nx: number, ny: number): string | null {
  const s = v.scenario;
  let hL = 0;
  let hLT = 0;
  for (const side of SIDES) {
    const w = s.boundaries[side].heat;
    const open = openWallLength(v, side, solid, nx, ny);
    if (!(open > 0)) continue;
    if (w.type === 'temperature') return null;
    if (w.type === 'convective') {
      hL += w.h * open;
      hLT += w.h * open * w.ambient;
    }
  }
  if (!(hL > 0 && heatIn < 0)) return null;
  const wallMean = (hLT + heatIn) / hL;
  if (wallMean > 0) return null;
  return (
    `boundaries: no steady state above 0 K: sources and fixed-flux walls draw ${(-heatIn).toPrecision(4)} W/m of heat out, and with no wall at a fixed temperature it must come in ` +
    `through the convective walls, which bring in at most ${hLT.toPrecision(4)} W/m while they stay above 0 K (the sum of h x length x ambient): their mean temperature would be ` +
    `${wallMean.toPrecision(4)} K; draw less heat, or raise a convective wall's h or ambient`
  );
}

/**
 * Why the steady-state jump cannot run on this scenario (empty when it can):
 * - heat enters or leaves through fixed-flux walls and sources while no wall fixes a temperature:
 *   the energy grows for ever, there is no steady state;
 * - no wall fixes a temperature and the convective walls would have to sit at or below 0 K to let
 *   in the heat drawn out (`convectiveWallsBelowZero`);
 * - obstacles split the fluid into several regions while a channel is closed everywhere: each
 *   region keeps its own total, which the solver's single conservation constraint cannot hold.
 */
export function steadyStateProblems(v: Validated): string[] {
  const s = v.scenario;
  const walls = wallConstantsOf(s);
  const g = gridOf(s);
  const { source, solid } = buildCellInputs(s);
  // A wall covered by obstacles fixes nothing and passes no flux (open-walls.ts).
  const nulls = openNullChannels(walls, solid, g.nx, g.ny);
  const out: string[] = [];
  // Faces across the short side exist where that direction has two cells or a periodic seam.
  const thinX = g.hx < g.hy && (g.nx > 1 || walls.left.heatType === HEAT_WALL.periodic);
  const thinY = g.hy < g.hx && (g.ny > 1 || walls.bottom.heatType === HEAT_WALL.periodic);
  const aspect = Math.max(g.hx / g.hy, g.hy / g.hx);
  if ((thinX || thinY) && aspect > MAX_JUMP_CELL_ASPECT) {
    const field = thinX ? 'grid.nx' : 'grid.ny';
    out.push(
      `${field}: the cells are ${g.hx.toPrecision(3)} m x ${g.hy.toPrecision(3)} m (${aspect.toFixed(0)}:1); the steady-state jump needs cells within ${MAX_JUMP_CELL_ASPECT}:1 ` +
        `(beyond, float32 round-off stops it converging); use fewer cells in ${field === 'grid.nx' ? 'x (grid.nx) or more in y (grid.ny)' : 'y (grid.ny) or more in x (grid.nx)'}, or time steps`,
    );
  }
  if (s.reaction && nulls.heat) {
    out.push(
      'reaction: the steady-state jump with a reaction needs a wall that fixes a temperature (a "temperature" or "convective" heat wall that obstacles do not cover): ' +
        'in an insulated domain the reaction trades heat for composition and the steady state is not unique in either channel alone; use time steps',
    );
  }
  // The net heat that sources and fixed-flux walls let in [W/m] (open-walls.ts, as the solver keeps it).
  const net = fixedHeatInflow(walls, solid, source, g) * g.hx * g.hy;
  if (nulls.heat) {
    // What the terms of `net` add up to in magnitude, against which it is judged balanced.
    let scale = 0;
    for (let c = 0; c < source.length; c++) if (!solid[c]) scale += Math.abs(source[c] * g.hx * g.hy);
    for (const side of SIDES) {
      const w = s.boundaries[side].heat;
      if (w.type === 'flux') scale += Math.abs(w.value * openWallLength(v, side, solid, g.nx, g.ny));
    }
    if (Math.abs(net) > 1e-9 * scale) {
      out.push(
        `boundaries: no steady state: ${net.toPrecision(4)} W/m of heat enters through sources and fixed-flux walls and no wall fixes a temperature (walls that obstacles cover fix none); ` +
          'give a wall a temperature or convective condition, or balance the heat flows',
      );
    }
  }
  const belowZero = convectiveWallsBelowZero(v, net, solid, g.nx, g.ny);
  if (belowZero) out.push(belowZero);
  const fixes = regionFixes(v);
  if (fixes.length > 1) {
    const heat = fixes.filter((f) => !f.heat).length;
    const mass = fixes.filter((f) => !f.mass).length;
    if (heat || mass) {
      const what = mass ? 'a concentration' : 'a temperature';
      const which = (mass || heat) === fixes.length ? `while no wall fixes ${what}` : `and ${mass || heat} of them touch${(mass || heat) === 1 ? 'es' : ''} no wall that fixes ${what} (each keeps its own total)`;
      out.push(`obstacles: split the fluid into ${fixes.length} separate regions ${which}; the steady-state jump keeps one total per channel only: use "euler" or "rkl2", or join the regions`);
    }
  }
  return out;
}
