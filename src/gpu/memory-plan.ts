/**
 * The memory plan: every GPU buffer a scheme needs on an nx x ny grid, as sizes, checked against
 * the device's limits before anything is allocated. A pure function of the grid, the scheme and
 * the limits (no device): GpuSimulation.create / setScenario refuse a scenario that does not fit
 * with a ScenarioError naming grid.nx / grid.ny, the scheme, the bytes needed and the limit.
 *
 * What WebGPU bounds is each buffer, not the total: `maxBufferSize` for any buffer and
 * `maxStorageBufferBindingSize` for one bound as storage (every per-cell buffer here is bound
 * whole). The total can still exceed the adapter's memory: that shows up as an out-of-memory
 * error inside the allocation's error scope (error-scope.ts), reported as a message.
 */
import type { SchemeName } from '../physics/scenario';
import type { Problem } from '../physics/schema';
import { ScenarioError, type Validated } from '../physics/validate';
import { implicitBuffers, type PlannedBuffer } from './implicit-plan';
import { totalsSlots } from './kernels';
import { reduceGroupCount } from './params';
import { SLOT_STRIDE } from './schema';
import { ionsActive } from '../physics/potential';

export type { PlannedBuffer };

export interface BufferLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

/** WebGPU's default limits (what a device gets unless it asks for more). */
export const DEFAULT_LIMITS: BufferLimits = { maxBufferSize: 268_435_456, maxStorageBufferBindingSize: 134_217_728 };

export interface MemoryPlan {
  nx: number;
  ny: number;
  scheme: SchemeName;
  buffers: PlannedBuffer[];
  /** Sum of all buffers [bytes]. */
  totalBytes: number;
  /** totalBytes / cells: the scheme's cost per cell, fixed-size buffers included [bytes]. */
  bytesPerCell: number;
  largest: PlannedBuffer;
}

const REDUCE_QUANTITIES = totalsSlots.count;
const STEPS_PER_SUBMIT = 256;
/** Staging slots per field ring and stats ring (solver.ts). */
const RING_SLOTS = 3;

/** What GpuSimulation holds for every scheme (solver.ts `allocate` and its constructor). */
function solverBuffers(nx: number, ny: number, ions = false): PlannedBuffer[] {
  const cells = nx * ny;
  const field = (label: string): PlannedBuffer => ({ label, bytes: cells * 4, storage: true });
  const reduceCount = reduceGroupCount(cells);
  const ring = (label: string, bytes: number): PlannedBuffer[] =>
    Array.from({ length: RING_SLOTS }, (_, i) => ({ label: `${label} slot ${i}`, bytes, storage: false }));
  return [
    field('T - T0 (a)'),
    field('T - T0 (b)'),
    field('c - c0 (a)'),
    field('c - c0 (b)'),
    field('entropy production sigma'),
    ions ? { label: 'cell kind and potential phi', bytes: cells * 8, storage: true } : field('cell kind'),
    ...ring('field staging', cells * 4),
    ...ring('stats staging', 256),
    { label: 'reduction partials', bytes: reduceCount * REDUCE_QUANTITIES * 4, storage: true },
    { label: 'reduction totals', bytes: REDUCE_QUANTITIES * 4, storage: true },
    { label: 'solver status', bytes: 4, storage: true },
    { label: 'step slots', bytes: STEPS_PER_SUBMIT * SLOT_STRIDE, storage: false },
  ];
}

/** RKL2's increments and e0 (rkl2.ts), without the stage-coefficient uniforms (256 B per stage). */
function rkl2Buffers(nx: number, ny: number): PlannedBuffer[] {
  const cells = nx * ny;
  return ['rkl2 increment X', 'rkl2 increment Y', 'rkl2 e0 = dt L(Y0)'].map((label) => ({ label, bytes: cells * 8, storage: true }));
}

/**
 * The buffers of `scheme` on an nx x ny grid. `jump`: the steady-state jump's multigrid buffers
 * too (euler and rkl2 create them for the jump and free them after). `hx`, `hy`: the cell size [m]
 * (the multigrid hierarchy of stretched cells is larger). `ions`: phi is stored after the cell kinds (gpu/ions.ts).
 */
export function memoryPlan(nx: number, ny: number, scheme: SchemeName, o: { jump?: boolean; hx?: number; hy?: number; ions?: boolean } = {}): MemoryPlan {
  const buffers = solverBuffers(nx, ny, o.ions);
  if (scheme === 'rkl2') buffers.push(...rkl2Buffers(nx, ny));
  if (scheme === 'implicit' || o.jump) buffers.push(...implicitBuffers(nx, ny, o.hx, o.hy));
  const totalBytes = buffers.reduce((s, b) => s + b.bytes, 0);
  const largest = buffers.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return { nx, ny, scheme, buffers, totalBytes, bytesPerCell: totalBytes / (nx * ny), largest };
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(b < 2 ** 20 ? 3 : 1)} MiB`;

/** The problems (naming grid.nx and grid.ny) when a buffer of the plan exceeds the limits. */
export function memoryProblems(plan: MemoryPlan, limits: BufferLimits): Problem[] {
  for (const b of [...plan.buffers].sort((a, c) => c.bytes - a.bytes)) {
    const limit = b.storage ? Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize) : limits.maxBufferSize;
    const which = b.storage && limits.maxStorageBufferBindingSize < limits.maxBufferSize ? 'maxStorageBufferBindingSize' : 'maxBufferSize';
    if (b.bytes > limit) {
      // the largest square-ish grid of this aspect that fits, for the message
      const scale = Math.sqrt(limit / b.bytes);
      const fitNx = Math.max(1, Math.floor(plan.nx * scale));
      const fitNy = Math.max(1, Math.floor(plan.ny * scale));
      const message =
        `grid.nx, grid.ny: ${plan.nx} x ${plan.ny} cells with time.scheme "${plan.scheme}" need a ${b.label} buffer of ${b.bytes} bytes (${mib(b.bytes)}; ` +
        `${mib(plan.totalBytes)} in all, ${plan.bytesPerCell.toFixed(0)} B/cell), above this device's ${which} of ${limit} bytes (${mib(limit)}); ` +
        `use a smaller grid (about ${fitNx} x ${fitNy} fits)${plan.scheme === 'implicit' ? ' or time.scheme "euler" / "rkl2"' : ''}`;
      return [
        { path: 'grid.nx', message },
        { path: 'grid.ny', message: `grid.ny: see grid.nx (${plan.nx} x ${plan.ny} cells do not fit this device with "${plan.scheme}")` },
      ];
    }
  }
  return [];
}

/**
 * Throws a ScenarioError (grid.nx, grid.ny) when the validated scenario's scheme does not fit the
 * device's buffer limits; nothing is allocated before this passes.
 */
export function assertFits(limits: BufferLimits, v: Validated, o: { jump?: boolean } = {}): void {
  const g = v.scenario.grid;
  const ions = ionsActive(v.scenario);
  const problems = memoryProblems(memoryPlan(g.nx, g.ny, v.scenario.time.scheme, { ...o, hx: g.width / g.nx, hy: g.height / g.ny, ions }), limits);
  if (problems.length) throw new ScenarioError(problems);
}
