/**
 * What every backend (the GPU solver, the CPU reference) offers. The summary of the command line
 * and the page's `onsager.stats()` are built from `SimStats`.
 */
import type { SolveReport } from './implicit';
import type { SchemeName, Side } from './scenario';
import type { Validated } from './validate';
import { potentialOf } from './potential';

export type { SolveReport } from './implicit';

export type FieldName = 'T' | 'c' | 'sigma';
export const FIELD_NAMES: readonly FieldName[] = ['T', 'c', 'sigma'];
/** What readField serves: the state's fields, and with ions the potential phi [V] (potential.ts). */
export type ReadableField = FieldName | 'phi' | 'affinity';

/** The fields beyond T, c, sigma that apply to a scenario (`--out` writes them as <name>.npy). */
export function extraFieldsOf(v: Validated): ReadableField[] {
  return [...(potentialOf(v.scenario) ? (['phi'] as const) : []), ...(v.scenario.reaction ? (['affinity'] as const) : [])];
}

/** Units of each field, for labels and docs. */
export const FIELD_UNITS: Record<FieldName, string> = { T: 'K', c: '-', sigma: 'W/(K m^3)' };

export interface FieldStats {
  min: number;
  max: number;
  mean: number;
}

/** A field on the grid: row-major, row 0 at the bottom; absolute T [K], c [-], sigma [W K^-1 m^-3]. */
export interface FieldData {
  nx: number;
  ny: number;
  data: Float32Array | Float64Array;
}

export interface SimStats {
  /** Simulated time [s]. */
  simTime: number;
  steps: number;
  /** Stencil passes run (one per step for Euler; stages for multi-stage schemes). */
  passes: number;
  /** Integral of sigma over the fluid [W K^-1 m^-1] (per unit depth), for the current state. */
  entropyProduction: number;
  /** Integral of rho c over the fluid [kg/m]. */
  solute: number;
  /** Integral of rho cp (T - T0) over the fluid [J/m]. */
  energy: number;
  /** Mean c of the rightmost cell column minus that of the leftmost [-]. */
  separation: number;
  /** Heat flow into the domain through each wall [W/m]; 0 across a periodic seam. */
  heatIn: Record<Side, number>;
  /** Ions only: the electric current into the domain through each wall [A/m], (zF/M1) J1 inwards. */
  current?: Record<Side, number>;
  T: FieldStats;
  c: FieldStats;
  sigma: FieldStats;
  /** Cells holding a non-finite T, c or sigma. */
  nonFinite: number;
  /** The first step whose result held a non-finite value, or null. */
  firstNonFiniteStep: number | null;
}

/** Options of the steady-state jump (defaults in implicit.ts). */
export interface JumpOptions {
  /** Stop once the relative residual is below this (default JUMP_TOLERANCE = 1e-5). */
  tolerance?: number;
  /** At most this many outer iterations (default JUMP_MAX_ITERATIONS). */
  maxIterations?: number;
  /** V-cycles per outer iteration (default JUMP_VCYCLES). */
  vCycles?: number;
}

export interface FieldSimulation {
  readonly backend: 'gpu' | 'cpu';
  /** The adapter's description ("CPU reference (float64)" for the CPU). */
  readonly adapter: string;
  readonly validated: Validated;
  readonly simTime: number;
  readonly steps: number;
  /**
   * Stencil passes run: one per forward-Euler step, s per RKL2 step, fine-grid pass equivalents
   * for the implicit scheme and the jump (docs/architecture.md).
   */
  readonly passes: number;
  /** The time scheme in use (the scenario's time.scheme). */
  readonly scheme: SchemeName;
  /** Passes per step: 1 (euler), the RKL2 stage count, the implicit steps' average so far. */
  readonly passesPerStep: number;
  /** What the last implicit step or jump reached (null before the first). */
  readonly lastSolve: SolveReport | null;
  /** Advances n time steps of the scenario's scheme. */
  step(n: number): Promise<void>;
  /**
   * Replaces the state by the steady state with the same conserved totals (backward Euler with
   * dt = infinity, iterated by multigrid to the tolerance) and returns the residual reached.
   * simTime and steps are unchanged. Rejects with a message naming the field when no steady state
   * exists (steady.ts).
   */
  jumpToSteadyState(options?: JumpOptions): Promise<SolveReport>;
  readField(name: ReadableField): Promise<FieldData>;
  /** Overwrites T [K] or c [-] everywhere (row-major, row 0 at the bottom). */
  writeField(name: 'T' | 'c', data: ArrayLike<number>): Promise<void>;
  stats(): Promise<SimStats>;
  /**
   * Applies a new validated scenario. Coefficient and wall changes keep the current fields; a new
   * grid (nx, ny, width, height) restarts from the scenario's initial state.
   */
  setScenario(v: Validated): void;
  /** Back to the scenario's initial state at t = 0. */
  reset(): void;
  destroy(): void;
}

/**
 * Whether two scenarios differ at most in time.* (scheme, dt, safety): a change that leaves the
 * state as smooth as it was (rkl2.ts rkl2Substeps: the state's age carries over).
 */
export function sameExceptTime(a: Validated, b: Validated): boolean {
  return JSON.stringify({ ...a.scenario, time: null }) === JSON.stringify({ ...b.scenario, time: null });
}

/** Whether two scenarios share a grid, so that fields carry over. */
export function sameGrid(a: Validated, b: Validated): boolean {
  const g = a.scenario.grid;
  const h = b.scenario.grid;
  return g.nx === h.nx && g.ny === h.ny && g.width === h.width && g.height === h.height;
}
