/**
 * The implicit scheme's GPU buffers as sizes, without allocating: what `ImplicitGpu` (implicit.ts)
 * creates for an nx x ny grid. The memory plan (memory-plan.ts) reads these; a GPU test checks
 * that they match what ImplicitGpu actually holds, so a change of the multigrid storage shows up
 * there. Byte counts only: no device needed.
 */
import { levelDims, totalCells, type LevelDims } from '../physics/multigrid';
import { implicitSlots } from './kernels';
import { cellOpLayout, reduceGroupCount } from './params';
import { SLOT_STRIDE } from './schema';
import { SOLVE_SLOTS } from './implicit-kernels';

/** One buffer of a memory plan (memory-plan.ts). */
export interface PlannedBuffer {
  label: string;
  bytes: number;
  /** Bound as a storage buffer (limited by maxStorageBufferBindingSize too). */
  storage: boolean;
}

/** CellOp (params.ts cellOpLayout, the struct the shaders get) per cell of every coarse level [bytes]. */
export const CELL_OP_BYTES = cellOpLayout.size;

/**
 * The stored multigrid operators: one buffer per coarse level (1, 2, ...; the finest level's is
 * recomputed from the state, shaders/mgfine.wgsl, never stored), so none holds more than one
 * level (at most half the fine cells, where semi-coarsening halves one side), and a one-cell
 * placeholder bound as the next coarser level of the coarsest (and as level 1 of a grid with one level).
 */
export function operatorBuffers(levels: readonly LevelDims[]): PlannedBuffer[] {
  return [
    ...levels.slice(1).map((l, k) => ({ label: `multigrid operators (level ${k + 1}, ${l.nx} x ${l.ny})`, bytes: l.nx * l.ny * CELL_OP_BYTES, storage: true })),
    { label: 'multigrid operators (placeholder below the coarsest level)', bytes: CELL_OP_BYTES, storage: true },
  ];
}

const Q = implicitSlots.count;

/**
 * Steps whose residual sums the implicit solver's log holds (implicit.ts `logResidual`): the most
 * implicit steps the page queues before it checks them (implicit-steps.ts `batchLimit`).
 */
export const RESIDUAL_LOG_STEPS = 8;

/** `hx`, `hy`: the cell size (stretched cells semi-coarsen first, so their hierarchy holds more cells). */
export function implicitBuffers(nx: number, ny: number, hx = 1, hy = 1): PlannedBuffer[] {
  const levels = levelDims(nx, ny, hx, hy);
  const all = totalCells(levels);
  const cells = nx * ny;
  const reduceCount = reduceGroupCount(cells);
  return [
    ...operatorBuffers(levels),
    { label: 'multigrid corrections (all levels)', bytes: all * 8, storage: true },
    { label: 'multigrid right-hand sides (all levels)', bytes: all * 8, storage: true },
    { label: 'implicit residual scale', bytes: cells * 32, storage: true },
    { label: 'implicit Yb', bytes: cells * 8, storage: true },
    { label: 'implicit Y^{n-1}', bytes: cells * 8, storage: true },
    { label: 'implicit reduction partials', bytes: reduceCount * Q * 4, storage: true },
    { label: 'implicit reduction totals', bytes: Q * 4, storage: true },
    { label: 'implicit step start residual sums', bytes: Q * 4, storage: true },
    { label: 'implicit solve slots', bytes: SOLVE_SLOTS * SLOT_STRIDE, storage: false },
    { label: 'jump: status word at its start', bytes: 4, storage: false },
    { label: 'implicit step: status word at its start', bytes: 4, storage: false },
    { label: 'multigrid level slots', bytes: 2 * levels.length * SLOT_STRIDE, storage: false },
    { label: 'implicit residual staging', bytes: 2 * 2 * Q * 4, storage: false },
    { label: 'implicit residual log', bytes: RESIDUAL_LOG_STEPS * 2 * Q * 4, storage: false },
    { label: 'implicit residual log staging', bytes: RESIDUAL_LOG_STEPS * 2 * Q * 4, storage: false },
  ];
}
