/**
 * The electric potential phi [V] of physics.md 8: div(grad phi) = 0 in the fluid cells (uniform
 * background conductivity), voltage walls as Dirichlet values at the wall face (half a cell from
 * the centre), insulating walls and obstacles with zero normal gradient, periodic pairs wrapped.
 * Solved in float64 by Jacobi-preconditioned conjugate gradients, once per electrode for a
 * geometry (unit responses, superposed for any set of wall voltages: a voltage change costs one
 * pass over the grid); `potentialOf` keeps the last field; the GPU backend uploads the same field. Without ions (charge 0, or no voltage wall)
 * there is no potential: `potentialOf` returns null and nothing is solved.
 */
import { FARADAY } from './analytic';
import { buildCellInputs, gridOf, type Grid } from './grid';
import { SIDES, type Scenario, type Side } from './scenario';
import type { FaceConstants } from './faces';
import { clampC, GAS_CONSTANT, T_MIN } from './thermo';

export interface PotentialField {
  /** phi per cell [V], row-major, row 0 at the bottom; 0 in solid cells. */
  phi: Float64Array;
  /** Each wall's potential [V] where it is a voltage wall, else null (insulating or periodic). */
  wallPhi: Record<Side, number | null>;
  /** Largest |phi difference| across any face or wall half-face [V]. */
  maxFaceDrop: number;
  /** Relative residual the solve reached. */
  residual: number;
}

/** True when the scenario has an electric force: a charged species and at least one voltage wall. */
export function ionsActive(s: Scenario): boolean {
  return s.mixture.charge !== 0 && SIDES.some((side) => s.boundaries[side].electric.type === 'voltage');
}

/** zF / M1: the charge one kilogram of species 1 carries [C/kg] (0 when neutral). */
export function chargePerMass(s: Scenario): number {
  return (s.mixture.charge * FARADAY) / s.mixture.molarMass[0];
}

/** Voltage walls without a charge do nothing: said, not refused (the page may set the charge next). */
export function ionWarnings(s: Scenario): string[] {
  const voltage = SIDES.filter((side) => s.boundaries[side].electric.type === 'voltage');
  return s.mixture.charge === 0 && voltage.length
    ? [`boundaries.${voltage[0]}.electric: a voltage wall has no effect while mixture.charge is 0 (species 1 is neutral)`]
    : [];
}

const SOLVE_TOLERANCE = 1e-12;
let cache: { key: string; field: PotentialField } | undefined;

/** The potential of a scenario, or null without ions; the last solve is reused while its inputs stay the same. */
export function potentialOf(s: Scenario): PotentialField | null {
  if (!ionsActive(s)) return null;
  const key = JSON.stringify([s.grid, s.obstacles, SIDES.map((side) => [s.boundaries[side].electric, s.boundaries[side].heat.type === 'periodic'])]);
  if (cache?.key !== key) cache = { key, field: solvePotential(s) };
  return cache.field;
}

/** Each wall's potential [V] where it is a voltage wall (not periodic), else null. */
function wallPotentials(s: Scenario): Record<Side, number | null> {
  const wallPhi = {} as Record<Side, number | null>;
  for (const side of SIDES) {
    const e = s.boundaries[side].electric;
    wallPhi[side] = s.boundaries[side].heat.type !== 'periodic' && e.type === 'voltage' ? e.value : null;
  }
  return wallPhi;
}

/**
 * The unit responses of one geometry: per voltage wall the potential with that wall at 1 V and the
 * others at 0 V. Laplace's equation is linear, so any set of wall voltages is their weighted sum:
 * a change of voltage (a slider, each point of the I-V sweep) costs one pass over the grid, and
 * only a change of geometry or of which walls are electrodes solves again.
 */
interface UnitResponses {
  key: string;
  phi: Partial<Record<Side, Float64Array>>;
  /** The geometry they were solved on: solid cells, fluid neighbours (`neighbours`). */
  solid: Uint32Array;
  nb: Int32Array;
  /** Largest relative residual of the unit solves. */
  residual: number;
}
let unitCache: UnitResponses | undefined;

function unitResponsesOf(s: Scenario, wallPhi: Record<Side, number | null>): UnitResponses {
  const key = JSON.stringify([s.grid, s.obstacles, SIDES.map((side) => [wallPhi[side] !== null, s.boundaries[side].heat.type === 'periodic'])]);
  if (unitCache?.key === key) return unitCache;
  const g = gridOf(s);
  const { nx, ny, hx, hy } = g;
  const n = nx * ny;
  const solid = buildCellInputs(s).solid;
  const px = s.boundaries.left.heat.type === 'periodic';
  const py = s.boundaries.bottom.heat.type === 'periodic';
  const ax = 1 / (hx * hx);
  const ay = 1 / (hy * hy);
  const nb = neighbours(g, solid, px, py);
  // The operator's diagonal: fluid neighbours, and 2/h^2 (half-cell distance) towards each electrode.
  const diag = new Float64Array(n);
  const onWall = (side: Side, i: number, j: number) =>
    side === 'left' ? !px && i === 0 : side === 'right' ? !px && i === nx - 1 : side === 'bottom' ? !py && j === 0 : !py && j === ny - 1;
  const electrodes = SIDES.filter((side) => wallPhi[side] !== null);
  for (let c = 0; c < n; c++) {
    if (solid[c]) continue;
    const i = c % nx;
    const j = (c - i) / nx;
    for (let k = 0; k < 4; k++) if (nb[4 * c + k] >= 0) diag[c] += k < 2 ? ax : ay;
    for (const side of electrodes) if (onWall(side, i, j)) diag[c] += 2 * (side === 'left' || side === 'right' ? ax : ay);
  }
  const out: UnitResponses = { key, phi: {}, solid, nb, residual: 0 };
  for (const side of electrodes) {
    const b = new Float64Array(n);
    const a = side === 'left' || side === 'right' ? ax : ay;
    for (let c = 0; c < n; c++) {
      const i = c % nx;
      if (!solid[c] && onWall(side, i, (c - i) / nx)) b[c] = 2 * a;
    }
    const solved = conjugateGradients(n, solid, nb, diag, ax, ay, b, 20 * (nx + ny) + 100);
    out.phi[side] = solved.phi;
    out.residual = Math.max(out.residual, solved.residual);
  }
  unitCache = out;
  return out;
}

/** Solves Laplace's equation for phi on the scenario's fluid cells (see the module comment). */
export function solvePotential(s: Scenario): PotentialField {
  const g = gridOf(s);
  const { nx, ny } = g;
  const n = nx * ny;
  const wallPhi = wallPotentials(s);
  const units = unitResponsesOf(s, wallPhi);
  const phi = new Float64Array(n);
  for (const side of SIDES) {
    const unit = units.phi[side];
    const V = wallPhi[side];
    if (!unit || V === null || V === 0) continue;
    for (let c = 0; c < n; c++) phi[c] += V * unit[c];
  }
  const { solid, nb } = units;
  const px = s.boundaries.left.heat.type === 'periodic';
  const py = s.boundaries.bottom.heat.type === 'periodic';
  let maxFaceDrop = 0;
  for (let c = 0; c < n; c++) {
    if (solid[c]) continue;
    for (let k = 0; k < 4; k++) {
      const o = nb[4 * c + k];
      if (o >= 0) maxFaceDrop = Math.max(maxFaceDrop, Math.abs(phi[o] - phi[c]));
    }
    const i = c % nx;
    const j = (c - i) / nx;
    const drop = (side: Side) => {
      const V = wallPhi[side];
      if (V !== null) maxFaceDrop = Math.max(maxFaceDrop, Math.abs(V - phi[c]));
    };
    if (!px && i === 0) drop('left');
    if (!px && i === nx - 1) drop('right');
    if (!py && j === 0) drop('bottom');
    if (!py && j === ny - 1) drop('top');
  }
  return { phi, wallPhi, maxFaceDrop, residual: units.residual };
}

/**
 * Jacobi-preconditioned conjugate gradients for the Laplace operator (diag, neighbours nb) from
 * phi = 0: a fluid region no electrode touches has b = 0 and stays at 0 (the singular mode is
 * never excited).
 */
function conjugateGradients(
  n: number,
  solid: Uint32Array,
  nb: Int32Array,
  diag: Float64Array,
  ax: number,
  ay: number,
  b: Float64Array,
  maxIterations: number,
): { phi: Float64Array; residual: number } {
  const apply = (x: Float64Array, out: Float64Array) => {
    for (let c = 0; c < n; c++) {
      if (solid[c]) {
        out[c] = 0;
        continue;
      }
      let r = diag[c] * x[c];
      for (let k = 0; k < 4; k++) {
        const o = nb[4 * c + k];
        if (o >= 0) r -= (k < 2 ? ax : ay) * x[o];
      }
      out[c] = r;
    }
  };
  const phi = new Float64Array(n);
  const r = b.slice();
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  const precondition = () => {
    for (let c = 0; c < n; c++) z[c] = diag[c] > 0 ? r[c] / diag[c] : 0;
  };
  const dot = (a: Float64Array, bb: Float64Array) => {
    let sum = 0;
    for (let c = 0; c < n; c++) sum += a[c] * bb[c];
    return sum;
  };
  const bNorm = Math.sqrt(dot(b, b)) || 1;
  precondition();
  p.set(z);
  let rz = dot(r, z);
  let residual = Math.sqrt(dot(r, r)) / bNorm;
  for (let it = 0; it < maxIterations && residual > SOLVE_TOLERANCE; it++) {
    apply(p, q);
    const alpha = rz / dot(p, q);
    for (let c = 0; c < n; c++) {
      phi[c] += alpha * p[c];
      r[c] -= alpha * q[c];
    }
    residual = Math.sqrt(dot(r, r)) / bNorm;
    precondition();
    const rzNew = dot(r, z);
    const beta = rzNew / rz;
    rz = rzNew;
    for (let c = 0; c < n; c++) p[c] = z[c] + beta * p[c];
  }
  return { phi, residual };
}

/** Per cell the fluid neighbours [left, right, below, above] (-1 for a wall, a seam not wrapped, or a solid). */
function neighbours(g: Grid, solid: Uint32Array, px: boolean, py: boolean): Int32Array {
  const { nx, ny } = g;
  const out = new Int32Array(4 * nx * ny).fill(-1);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const c = j * nx + i;
      const at = (ii: number, jj: number) => {
        if (ii < 0 || ii >= nx) {
          if (!px || nx < 2) return -1;
          ii = (ii + nx) % nx;
        }
        if (jj < 0 || jj >= ny) {
          if (!py || ny < 2) return -1;
          jj = (jj + ny) % ny;
        }
        const o = jj * nx + ii;
        return solid[o] ? -1 : o;
      };
      out[4 * c] = at(i - 1, j);
      out[4 * c + 1] = at(i + 1, j);
      out[4 * c + 2] = at(i, j - 1);
      out[4 * c + 3] = at(i, j + 1);
    }
  }
  return out;
}

/** The potential as a field [V] (readField('phi') on both backends); throws without ions. */
export function potentialFieldData(s: Scenario): { nx: number; ny: number; data: Float64Array } {
  const field = potentialOf(s);
  if (!field) throw new Error("readField('phi'): this scenario has no potential (mixture.charge is 0 or no wall has a voltage)");
  return { nx: s.grid.nx, ny: s.grid.ny, data: field.phi.slice() };
}

/** The range of phi over the fluid cells and the voltage walls [V], or null without ions. */
export function potentialRange(s: Scenario): { min: number; max: number } | null {
  const field = potentialOf(s);
  if (!field) return null;
  const solid = buildCellInputs(s).solid;
  let min = Infinity;
  let max = -Infinity;
  const see = (x: number) => {
    min = Math.min(min, x);
    max = Math.max(max, x);
  };
  for (const side of SIDES) if (field.wallPhi[side] !== null) see(field.wallPhi[side]!);
  field.phi.forEach((x, k) => solid[k] || see(x));
  return { min, max };
}

/** Potential drops [V] of a field (none: always 0): phi_b - phi_a across a face, and phi_wall - phi_cell outwards at a voltage wall (0 elsewhere). */
export function potentialDrops(field: PotentialField | null): { face(a: number, b: number): number; wall(side: Side, cell: number): number } {
  if (!field) return { face: () => 0, wall: () => 0 };
  const { phi, wallPhi } = field;
  return {
    face: (a, b) => phi[b] - phi[a],
    wall: (side, cell) => {
      const V = wallPhi[side];
      return V === null ? 0 : V - phi[cell];
    },
  };
}

/** |zF / (M1 Rg T)| of a cell (u = T - T0, v = c - c0): the logit drift per volt [1/V] (0 when neutral). */
export function driftPerVolt(p: FaceConstants, u: number, v: number): number {
  if (p.chargePerMass === 0) return 0;
  const c = clampC(p.c0 + v);
  return Math.abs(p.chargePerMass) / ((GAS_CONSTANT / (c * p.M2 + (1 - c) * p.M1)) * Math.max(p.T0 + u, T_MIN));
}

/**
 * The largest electric drift per face in logit units, |zF dphi_face / (M1 Rg T)| with Rg the
 * mixture's gas constant per kg (smallest at the heavier species) and T the lowest temperature
 * the run reaches, and the Scharfetter-Gummel weight B(w) = w / (1 - e^-w) >= 1 it gives the
 * outflow of a cell: forward Euler's limit scales the diffusivity by it (derived.ts).
 */
export function driftWeight(s: Scenario, Tlo: number): { w: number; B: number } {
  const field = potentialOf(s);
  if (!field) return { w: 0, B: 1 };
  const rgMin = GAS_CONSTANT / Math.max(s.mixture.molarMass[0], s.mixture.molarMass[1]);
  const w = Math.abs(chargePerMass(s) * field.maxFaceDrop) / (rgMin * Tlo);
  return { w, B: w < 1e-9 ? 1 : w / -Math.expm1(-w) };
}
