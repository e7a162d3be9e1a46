/**
 * `npm run bench:memory`: GPU bytes per cell per scheme from the memory plan (src/gpu/memory-plan.ts),
 * the largest buffer and whether the grid fits WebGPU's default limits and 1 GiB buffers. No GPU
 * needed: the plan is a pure function of grid and scheme (a GPU test checks it against the solver).
 *
 * "before" is the implicit scheme as it was when the finest level's multigrid operator was stored
 * (one CellOp per cell of every level in one buffer, "multigrid operators (all levels)"): the same
 * plan with that buffer in place of the coarse levels' operators. Now the finest level is
 * matrix-free (shaders/mgfine.wgsl) and each coarse level's operators have a buffer of their own.
 */
import { DEFAULT_LIMITS, memoryPlan, memoryProblems, type BufferLimits, type MemoryPlan } from '../src/gpu/memory-plan';
import { CELL_OP_BYTES } from '../src/gpu/implicit-plan';
import { levelDims, totalCells } from '../src/physics/multigrid';
import { SCHEMES } from '../src/physics/scenario';

const GiB = 2 ** 30;
const ONE_GIB: BufferLimits = { maxBufferSize: GiB, maxStorageBufferBindingSize: GiB };
const MiB = (b: number) => (b / 2 ** 20).toFixed(1);

/** The plan as it was with the finest level's operator stored (all levels in one buffer). */
function storedFineLevel(p: MemoryPlan, hx = 1, hy = 1): MemoryPlan {
  const ops = p.buffers.filter((b) => b.label.startsWith('multigrid operators'));
  if (!ops.length) return p;
  const all = { label: 'multigrid operators (all levels)', bytes: totalCells(levelDims(p.nx, p.ny, hx, hy)) * CELL_OP_BYTES, storage: true };
  const buffers = [...p.buffers.filter((b) => !ops.includes(b)), all];
  const totalBytes = buffers.reduce((s, b) => s + b.bytes, 0);
  const largest = buffers.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return { ...p, buffers, totalBytes, bytesPerCell: totalBytes / (p.nx * p.ny), largest };
}

const fits = (p: MemoryPlan, l: BufferLimits) => (memoryProblems(p, l).length ? 'refused' : 'fits');
const rows: string[] = [
  '| grid | cells hx:hy | scheme | B/cell before | B/cell now | total MiB now | largest buffer now | MiB | largest before MiB | default limits | 1 GiB buffers before | 1 GiB buffers now |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
];
const cases: [number, number, number][] = [
  [256, 256, 1],
  [1024, 1024, 1],
  [2048, 2048, 1],
  [4096, 4096, 1],
  [4096, 4096, 4],
  [4096, 4096, 100],
];
for (const [nx, ny, aspect] of cases) {
  for (const scheme of SCHEMES) {
    if (aspect !== 1 && scheme !== 'implicit') continue;
    const now = memoryPlan(nx, ny, scheme, { hx: aspect, hy: 1 });
    const before = storedFineLevel(now, aspect, 1);
    rows.push(
      `| ${nx} x ${ny} | ${aspect}:1 | ${scheme} | ${before.bytesPerCell.toFixed(1)} | ${now.bytesPerCell.toFixed(1)} | ${MiB(now.totalBytes)} | ${now.largest.label} | ${MiB(now.largest.bytes)} | ${MiB(before.largest.bytes)} | ${fits(now, DEFAULT_LIMITS)} | ${fits(before, ONE_GIB)} | ${fits(now, ONE_GIB)} |`,
    );
  }
}
console.log(rows.join('\n'));
const big = memoryPlan(4096, 4096, 'implicit');
console.log(
  `\nimplicit at 4096 x 4096 (square cells) against 1 GiB buffers: largest ${big.largest.label} ${big.largest.bytes} B (${MiB(big.largest.bytes)} MiB) of ${GiB}; ` +
    `total ${MiB(big.totalBytes)} MiB (${big.bytesPerCell.toFixed(1)} B/cell; before ${storedFineLevel(big).bytesPerCell.toFixed(1)} B/cell, largest ${MiB(storedFineLevel(big).largest.bytes)} MiB)`,
);
