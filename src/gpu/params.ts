/**
 * The solver's uniform parameter block: its WGSL declaration and its contents both come from
 * `paramsLayout`, and the wall and cell codes shared with WGSL are emitted from the TS constants.
 */
import type { Derived } from '../physics/derived';
import { faceConstantsOf, wallConstantsOf } from '../physics/discretisation';
import { HEAT_WALL, MASS_WALL } from '../physics/faces';
import { F32_EPSILON, JUMP_RELAX, MAX_LOGIT_STEP, RELAXED_T_STEP } from '../physics/implicit';
import { reactionParams } from './reaction-params';
import { C_MIN, GAS_CONSTANT, T_MIN } from '../physics/thermo';
import type { CellInputs } from '../physics/grid';
import { gridOf } from '../physics/grid';
import { SIDES, type Scenario } from '../physics/scenario';
import { ionParams } from './ions';
import { structLayout, writeStruct, type StructValues } from './layout';

/** Distinct volumetric source values a scenario may use (cell kinds 1..MAX_SOURCES-1). */
export const MAX_SOURCES = 256;
/** Cell kind of a solid obstacle; 0 is plain fluid; k > 0 is fluid with source table[k]. */
export const CELL_SOLID = 0xffffffff;
/** Rows of a column strip one stencil invocation marches up (shaders/columns.wgsl). */
export const COLUMN_ROWS = 16;
/** Adjacent columns one stepping invocation marches up together (shaders/columns.wgsl `March`). */
export const MARCH_COLUMNS = 4;

/**
 * Workgroup sizes, declared in WGSL as `override` constants with these values (one place):
 * COLUMN_WG the column-march kernels, EDGE_WG the edge kernels (the cells a wall touches),
 * FLAT_WG the one-cell-per-invocation kernels (flatIndex), REDUCE_WG the reductions.
 *
 * REDUCE_WG is 32 (one warp), not 128: a reduction's workgroup array holds REDUCE_WG x Q floats,
 * and SwiftShader's compile time grows with it: 1.0-1.7 s per reduction kernel at 128 (20 slots),
 * 0.1-0.27 s at 32, measured in Node's Dawn. Every page compiles two before its first frame, the
 * implicit scheme two more. reduceGroupCount's cap keeps the invocations of the first pass.
 */
export const WORKGROUP = { COLUMN_WG: 64, EDGE_WG: 64, FLAT_WG: 256, REDUCE_WG: 32 } as const;
export const { COLUMN_WG, EDGE_WG, FLAT_WG, REDUCE_WG } = WORKGROUP;

/** At most this many partials: 32,768 invocations in a first pass, each folding cells / 32,768 cells. */
const MAX_REDUCE_GROUPS = 1024;

/** Workgroups (= partials) of the first pass of a two-pass reduction over `cells` (shaders/reduction.wgsl). */
export function reduceGroupCount(cells: number): number {
  return Math.min(MAX_REDUCE_GROUPS, Math.ceil(cells / REDUCE_WG));
}

export const paramsLayout = structLayout('Params', [
  ['nx', 'u32'],
  ['ny', 'u32'],
  ['periodicX', 'u32'],
  ['periodicY', 'u32'],
  ['hx', 'f32'],
  ['hy', 'f32'],
  /** dt / (rho cp) [m^3 K / J]. */
  ['aT', 'f32'],
  /** dt / rho [m^3 s / kg]. */
  ['aC', 'f32'],
  ['T0', 'f32'],
  ['c0', 'f32'],
  ['k', 'f32'],
  ['rhoD', 'f32'],
  ['rhoDT', 'f32'],
  ['rhoDTs', 'f32'],
  ['rhoDF', 'f32'],
  ['keffSym', 'f32'],
  ['keffWall', 'f32'],
  ['invRhoD', 'f32'],
  ['M1', 'f32'],
  ['M2', 'f32'],
  ['ST', 'f32'],
  ['physical', 'u32'],
  ['reciprocal', 'u32'],
  /** Steps completed before the current submit (for naming the step that went non-finite). */
  ['stepBase', 'u32'],
  /** The reaction (shaders/reaction.wgsl, physics/reaction.ts): 1 when the scenario has one. */
  ['reaction', 'u32'],
  ['rxNu1', 'u32'],
  ['rxNu2', 'u32'],
  /** ln kf0, ln kb0 (SI, their own orders); Ea / R and (Ea - dH) / R [K]. */
  ['rxLnKf0', 'f32'],
  ['rxLnKb0', 'f32'],
  ['rxEaR', 'f32'],
  ['rxEbR', 'f32'],
  /** dH [J/mol], nu1 M1 [kg/mol], rho / M1 and rho / M2 [mol/m^3]. */
  ['rxDH', 'f32'],
  ['rxNuM1', 'f32'],
  ['rxRhoM1', 'f32'],
  ['rxRhoM2', 'f32'],
  ['heatType', 'vec4<u32>'],
  ['massType', 'vec4<u32>'],
  /** temperature: T_w - T0; flux: W/m^2 into the domain; convective: ambient - T0. */
  ['heatValue', 'vec4<f32>'],
  ['heatH', 'vec4<f32>'],
  ['massValue', 'vec4<f32>'],
  /** Ions (physics.md 8): wall potentials [V] where voltageWall is 1 (else insulating or periodic). */
  ['wallPhi', 'vec4<f32>'],
  ['voltageWall', 'vec4<u32>'],
  /** zF / M1 [C/kg]. */
  ['chargePerMass', 'f32'],
  /** 1 when the cell kind buffer carries phi [V] after the kinds (bits at nx*ny + idx). */
  ['ions', 'u32'],
  ['sources', { array: 'vec4<f32>', length: MAX_SOURCES / 4 }],
] as const);

export type ParamName = (typeof paramsLayout.order)[number];

/**
 * One multigrid level as the level kernels see it (shaders/multigrid.wgsl), one uniform slot per
 * level and colour (dynamic offset): the level's size and where its cells start in the packed
 * arrays, the next coarser level's (for restriction, prolongation and coarsening) and the colour
 * of a red-black half-sweep.
 */
export const levelLayout = structLayout('Level', [
  ['nx', 'u32'],
  ['ny', 'u32'],
  ['offset', 'u32'],
  ['colour', 'u32'],
  ['cnx', 'u32'],
  ['cny', 'u32'],
  ['coffset', 'u32'],
  /** Cells of this level per coarse aggregate along x and y (1 or 2). */
  ['crx', 'u32'],
  ['cry', 'u32'],
  ['periodicX', 'u32'],
  ['periodicY', 'u32'],
  /** The reaction's dH [J/mol] and nu1 M1 [kg/mol] (CellOp `rg`); 0 without a reaction. */
  ['rxDH', 'f32'],
  ['rxNuM1', 'f32'],
] as const);

/** One RKL2 stage's coefficients (shaders/rkl2.wgsl; src/physics/rkl2.ts), one slot per stage. */
export const stageLayout = structLayout('Stage', [
  ['mu', 'f32'],
  ['nu', 'f32'],
  ['muTilde', 'f32'],
  ['gammaTilde', 'f32'],
] as const);

/**
 * The implicit step being solved (shaders/implicit.wgsl, multigrid.wgsl), one slot per kind of
 * step (dynamic offset): backward Euler, BDF2, the steady-state jump.
 */
export const solveLayout = structLayout('Solve', [
  /** a0 rho cp / dt [W/(m^3 K)] and a0 rho / dt [kg/(m^3 s)]; 0 for the jump. */
  ['mT', 'f32'],
  ['mC', 'f32'],
  /** Weights of Y^{n+1}, Y^n, Y^{n-1} (backward Euler 1, 1, 0; BDF2 3/2, 2, 1/2). */
  ['a0', 'f32'],
  ['a1', 'f32'],
  ['a2', 'f32'],
  ['bdf2', 'u32'],
  /**
   * Channels whose totals the solve keeps (1 = yes): the jump's null channels, a time step's
   * physics/implicit.ts stepKeptChannels. The kept totals: sum Yb over fluid cells (the jump's
   * start), plus `heatGain` for T.
   */
  ['nullHeat', 'u32'],
  ['nullMass', 'u32'],
  /** dt / (a0 rho cp) x physics/open-walls.ts fixedHeatInflow [K x cells]: a step's change of sum (T - T0) over sum Yb's; 0 in the jump. */
  ['heatGain', 'f32'],
  /** Cap on a cell's T step as a fraction of T (physics/implicit.ts jumpTStep; NO_T_STEP_CAP: none). */
  ['maxTStep', 'f32'],
  /** The factor every correction is scaled by (physics/implicit.ts cellStepScale `relax`; 1: none). */
  ['relax', 'f32'],
] as const);

/**
 * The multigrid operator of one cell of a level (shaders/mgcell.wgsl, src/physics/multigrid.ts),
 * stored per coarse level, one storage buffer each (the finest level's is recomputed, never
 * stored: shaders/mgfine.wgsl). 2x2 blocks are row-major vec4 (TT, Tz, zT, zz) for the correction
 * (dT, d logit c), per unit (finest) cell volume. `cellOpLayout.size` is the bytes per cell of
 * every coarse level the memory plan counts.
 */
export const cellOpLayout = structLayout('CellOp', [
  /** Wall conductances of the cell's x walls and y walls. */
  ['wx', 'vec4<f32>'],
  ['wy', 'vec4<f32>'],
  /** Conductance of the face on the cell's left (x) and below it (y); 0 at walls. */
  ['gx', 'vec4<f32>'],
  ['gy', 'vec4<f32>'],
  /** Time-derivative diagonal, summed over the aggregate. */
  ['m', 'vec2<f32>'],
  /** Finest cells in the aggregate (0: solid). */
  ['count', 'f32'],
  /** External fraction of the heat conductance of the x walls and y walls (multigrid.ts). */
  ['fx', 'f32'],
  ['fy', 'f32'],
  /**
   * The reaction's rate gradient (dr/dT, dr/dz) [mol m^-3 s^-1 per K, per unit logit c], summed
   * over the aggregate (in the struct's padding: no bytes added). Its local block (physics/multigrid.ts
   * `mr`) is the rank-one (dH, nu1 M1) x this (shaders/reaction.wgsl reactionBlock, with the level's
   * `rxDH`, `rxNuM1`).
   */
  ['rg', 'vec2<f32>'],
] as const);

/** A float literal WGSL reads back as `x` (shortest round-trip form, always with '.' or 'e'). */
export function wgslFloat(x: number): string {
  const t = String(x);
  return /[.e]/.test(t) ? t : `${t}.0`;
}

/** WGSL declarations every solver shader starts with. */
export function shaderPrelude(): string {
  const codes = [
    ...Object.entries(HEAT_WALL).map(([k, v]) => `const HEAT_${k.toUpperCase()}: u32 = ${v}u;`),
    ...Object.entries(MASS_WALL).map(([k, v]) => `const MASS_${k.toUpperCase()}: u32 = ${v}u;`),
    `const CELL_SOLID: u32 = 0x${CELL_SOLID.toString(16)}u;`,
    `const ROWS: u32 = ${COLUMN_ROWS}u;`,
    `const MARCH_COLUMNS: u32 = ${MARCH_COLUMNS}u;`,
    ...Object.entries(WORKGROUP).map(([k, v]) => `override ${k}: u32 = ${v}u;`),
    // src/physics/thermo.ts
    `const C_MIN: f32 = ${wgslFloat(C_MIN)};`,
    `const T_MIN: f32 = ${wgslFloat(T_MIN)};`,
    `const GAS_CONSTANT: f32 = ${wgslFloat(GAS_CONSTANT)};`,
    // src/physics/implicit.ts: largest change of logit c per iteration.
    `const MAX_LOGIT_STEP: f32 = ${wgslFloat(MAX_LOGIT_STEP)};`,
    `const JUMP_RELAX: f32 = ${wgslFloat(JUMP_RELAX)};`,
    `const RELAXED_T_STEP: f32 = ${wgslFloat(RELAXED_T_STEP)};`,
    // src/physics/implicit.ts: the residual scale's round-off floor.
    `const F32_EPSILON: f32 = ${wgslFloat(F32_EPSILON)};`,
  ];
  return `// Generated from src/gpu/params.ts.\n${paramsLayout.wgsl}\n${stageLayout.wgsl}\n${levelLayout.wgsl}\n${solveLayout.wgsl}\n${cellOpLayout.wgsl}\n${codes.join('\n')}\n`;
}

/** Cell kinds and the source table from per-cell inputs. */
export function cellKindsOf(inputs: CellInputs): { kinds: Uint32Array; table: Float64Array } {
  const n = inputs.solid.length;
  const kinds = new Uint32Array(n);
  const table = new Float64Array(MAX_SOURCES);
  const index = new Map<number, number>([[0, 0]]);
  for (let i = 0; i < n; i++) {
    if (inputs.solid[i]) {
      kinds[i] = CELL_SOLID;
      continue;
    }
    const q = inputs.source[i];
    let k = index.get(q);
    if (k === undefined) {
      k = index.size;
      if (k >= MAX_SOURCES) throw new Error(`sources: more than ${MAX_SOURCES - 1} distinct source strengths where regions overlap`);
      index.set(q, k);
      table[k] = q;
    }
    kinds[i] = k;
  }
  return { kinds, table };
}

/** The Params fields that depend on the step length dt [s]: aT = dt / (rho cp), aC = dt / rho. */
export function stepLengthValues(m: { rho: number; cp: number }, dt: number): { aT: number; aC: number } {
  return { aT: dt / (m.rho * m.cp), aC: dt / m.rho };
}

export function paramsValues(s: Scenario, d: Derived, sourceTable: Float64Array): StructValues<ParamName> {
  const fc = faceConstantsOf(s, d);
  const walls = wallConstantsOf(s);
  const g = gridOf(s);
  const m = d.material;
  return {
    nx: g.nx,
    ny: g.ny,
    periodicX: walls.left.heatType === HEAT_WALL.periodic ? 1 : 0,
    periodicY: walls.bottom.heatType === HEAT_WALL.periodic ? 1 : 0,
    hx: g.hx,
    hy: g.hy,
    ...stepLengthValues(m, d.dt),
    T0: fc.T0,
    c0: fc.c0,
    k: fc.k,
    rhoD: fc.rhoD,
    rhoDT: fc.rhoDT,
    rhoDTs: fc.rhoDTs,
    rhoDF: fc.rhoDF,
    keffSym: fc.keffSym,
    keffWall: fc.keffWall,
    invRhoD: fc.invRhoD,
    M1: fc.M1,
    M2: fc.M2,
    ST: fc.ST,
    physical: fc.physical ? 1 : 0,
    reciprocal: fc.reciprocal ? 1 : 0,
    stepBase: 0,
    ...reactionParams(s),
    heatType: SIDES.map((s) => walls[s].heatType),
    massType: SIDES.map((s) => walls[s].massType),
    heatValue: SIDES.map((s) => walls[s].heatValue),
    heatH: SIDES.map((s) => walls[s].h),
    massValue: SIDES.map((s) => walls[s].massValue),
    ...ionParams(s),
    sources: Array.from(sourceTable),
  };
}

export function writeParams(view: DataView, values: StructValues<ParamName>): void {
  writeStruct(paramsLayout, view, values);
}
