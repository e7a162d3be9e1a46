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
 * Cells whose operator is stored: every level but the finest (matrix-free, shaders/mgfine.wgsl);
 * at least one, so that the buffer can be bound on a grid with one level.
 */
export function storedOperatorCells(levels: readonly LevelDims[]): number {
  return Math.max(1, totalCells(levels) - levels[0].nx * levels[0].ny);
}
const Q = implicitSlots.count;

/** `hx`, `hy`: the cell size (stretched cells semi-coarsen first, so their hierarchy holds more cells). */
export function implicitBuffers(nx: number, ny: number, hx = 1, hy = 1): PlannedBuffer[] {
  const levels = levelDims(nx, ny, hx, hy);
  const all = totalCells(levels);
  const cells = nx * ny;
  const reduceCount = reduceGroupCount(cells);
  return [
    { label: 'multigrid operators (coarse levels)', bytes: storedOperatorCells(levels) * CELL_OP_BYTES, storage: true },
    { label: 'multigrid corrections (all levels)', bytes: all * 8, storage: true },
    { label: 'multigrid right-hand sides (all levels)', bytes: all * 8, storage: true },
    { label: 'implicit residual scale', bytes: cells * 8, storage: true },
    { label: 'implicit Yb', bytes: cells * 8, storage: true },
    { label: 'implicit Y^{n-1}', bytes: cells * 8, storage: true },
    { label: 'implicit reduction partials', bytes: reduceCount * Q * 4, storage: true },
    { label: 'implicit reduction totals', bytes: Q * 4, storage: true },
    { label: 'implicit solve slots', bytes: 3 * SLOT_STRIDE, storage: false },
    { label: 'multigrid level slots', bytes: 2 * levels.length * SLOT_STRIDE, storage: false },
    { label: 'implicit residual staging', bytes: 2 * Q * 4, storage: false },
  ];
}
