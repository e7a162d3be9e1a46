/**
 * `npm run bench:memory`: GPU bytes per cell per scheme from the memory plan (src/gpu/memory-plan.ts),
 * the largest buffer and whether the grid fits WebGPU's default limits and 1 GiB buffers. No GPU
 * needed: the plan is a pure function of grid and scheme (a GPU test checks it against the solver).
 */
import { DEFAULT_LIMITS, memoryPlan, memoryProblems } from '../src/gpu/memory-plan';
import { SCHEMES } from '../src/physics/scenario';

const GiB = 2 ** 30;
const rows: string[] = ['| grid | scheme | B/cell | total MiB | largest buffer | MiB | default limits | 1 GiB buffers |', '|---|---|---|---|---|---|---|---|'];
for (const n of [256, 1024, 2048, 4096]) {
  for (const scheme of SCHEMES) {
    const p = memoryPlan(n, n, scheme);
    const fits = (l: typeof DEFAULT_LIMITS) => (memoryProblems(p, l).length ? 'refused' : 'fits');
    rows.push(
      `| ${n}^2 | ${scheme} | ${p.bytesPerCell.toFixed(1)} | ${(p.totalBytes / 2 ** 20).toFixed(1)} | ${p.largest.label} | ${(p.largest.bytes / 2 ** 20).toFixed(1)} | ${fits(DEFAULT_LIMITS)} | ${fits({ maxBufferSize: GiB, maxStorageBufferBindingSize: GiB })} |`,
    );
  }
}
console.log(rows.join('\n'));
